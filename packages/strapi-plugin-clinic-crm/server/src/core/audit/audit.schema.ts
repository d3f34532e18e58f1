import { z } from 'zod';
import { wholeNumber } from '../http/validate';
import { AUDIT_ACTIONS } from './audit-event.repository';

/** GET /clinic-crm/audit: the filters a manager may use on the audit trail, parsed at the edge. */
const AUDIT_FILTERS = ['actor', 'action', 'targetType', 'documentId', 'from', 'to', 'page', 'pageSize'] as const;
const text = (key: string, max: number) =>
  z
    .string({ error: `${key} must be text of at most ${max} characters` })
    .max(max, { error: `${key} must be text of at most ${max} characters` })
    .optional()
    .transform((v) => (v === '' ? undefined : v));
const date = (key: string) =>
  text(key, 40).refine((v) => v === undefined || !Number.isNaN(new Date(v).getTime()), { error: `${key} must be a date (YYYY-MM-DD or ISO 8601)` });

/** GET /clinic-crm/audit?actor=&action=&targetType=&documentId=&from=&to=&page=&pageSize= */
export const auditQuery = z
  .looseObject({
    actor: text('actor', 255),
    action: text('action', 32).refine((v) => v === undefined || (AUDIT_ACTIONS as readonly string[]).includes(v), { error: `action must be one of: ${AUDIT_ACTIONS.join(', ')}` }),
    targetType: text('targetType', 128),
    documentId: text('documentId', 64),
    from: date('from'),
    to: date('to'),
    page: wholeNumber('page must be a positive whole number', 1, Number.MAX_SAFE_INTEGER, 1),
    pageSize: wholeNumber('pageSize must be a whole number from 1 to 200', 1, 200, 50),
  })
  .superRefine((query, ctx) => {
    for (const key of Object.keys(query)) {
      if (!(AUDIT_FILTERS as readonly string[]).includes(key)) ctx.addIssue({ code: 'custom', path: [key], message: `unknown filter ${key} (use: ${AUDIT_FILTERS.join(', ')})` });
    }
  }, { when: () => true }) // named even when another filter is also wrong
  .transform(({ actor, action, targetType, documentId, from, to, page, pageSize }) => ({ actor, action, targetType, documentId, from, to, page, pageSize }));
export type AuditQuery = z.output<typeof auditQuery>;
