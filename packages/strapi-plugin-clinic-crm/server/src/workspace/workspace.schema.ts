import { z } from 'zod';
import { LANGUAGES } from '../core/i18n/locales';

export const EXPORT_KINDS = ['complaints', 'follow-up-tasks'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** A whole number in [min, max] as the admin page sends it (a number or its text); `fallback` when absent. */
const wholeNumber = (message: string, min: number, max: number, fallback: number) =>
  z.unknown().optional().transform((value, ctx) => {
    const n = value === undefined ? fallback : Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return n;
  });

/** POST /clinic-crm/import/clients { csv, offset, limit, dryRun } — the file's content is checked by the import (lines, columns). */
export const importClientsBody = z.object(
  {
    offset: wholeNumber('offset must be a whole number ≥ 0', 0, Number.MAX_SAFE_INTEGER, 0),
    limit: wholeNumber('limit must be a whole number from 1 to 1000', 1, 1000, 200),
    dryRun: z.boolean({ error: 'dryRun must be true or false' }).optional(),
    csv: z.string({ error: 'csv must be the text of a CSV file with a header row' }).refine((s) => s.trim() !== '', { error: 'csv must be the text of a CSV file with a header row' }),
  },
  { error: 'body must be an object { csv, offset, limit, dryRun }' }
);
export type ImportClientsInput = z.output<typeof importClientsBody>;

/** GET /clinic-crm/export/:kind */
export const exportParams = z.object({ kind: z.enum(EXPORT_KINDS, { error: `kind must be one of: ${EXPORT_KINDS.join(', ')}` }) });

/** GET /clinic-crm/price-table/preview?locale= */
export const pricePreviewQuery = z.object({ locale: z.enum(LANGUAGES, { error: `locale must be one of: ${LANGUAGES.join(', ')}` }).optional() });

const AUDIT_FILTERS = ['actor', 'action', 'targetType', 'documentId', 'from', 'to', 'page', 'pageSize'] as const;
const AUDIT_ACTIONS = ['create', 'update', 'delete', 'publish', 'unpublish', 'discard_draft', 'read_health', 'export', 'erase'] as const;
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
  })
  .transform(({ actor, action, targetType, documentId, from, to, page, pageSize }) => ({ actor, action, targetType, documentId, from, to, page, pageSize }));
export type AuditQuery = z.output<typeof auditQuery>;
