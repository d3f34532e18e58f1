import { z } from 'zod';
import type { Language } from '../core/i18n/locales';
import { say } from '../core/http/language';
import { fieldError } from '../core/http/validation-errors';
import { APPROVAL_SAY } from './approval-texts';

export const KINDS = ['contraindication_override', 'price_change', 'refund'] as const;

/** The request body: `{ data: … }` or the fields themselves, an object (400 on `data` otherwise). */
export const bodyData = (body: unknown): Record<string, unknown> => {
  const b = (body && typeof body === 'object' ? (body as { data?: unknown }).data : undefined) ?? body ?? {};
  if (!b || typeof b !== 'object' || Array.isArray(b)) throw fieldError('data', 'body must be an object');
  return b as Record<string, unknown>;
};

/** POST /clinic-crm/approvals — shape only; the records named are checked by the service. */
export const approvalRequestSchema = (language: Language) =>
  z
    .looseObject({
      kind: z.enum(KINDS, { error: `kind must be one of: ${KINDS.join(', ')}` }),
      reason: z.unknown().optional().transform((v) => (typeof v === 'string' ? v.trim() : '')),
      requestedBy: z.unknown().optional(),
      client: z.unknown().optional(),
      treatment: z.unknown().optional(),
      consentRecord: z.unknown().optional(),
      complaint: z.unknown().optional(),
      priceSnapshot: z.unknown().optional(),
    })
    .superRefine((v, c) => {
      if (v.kind !== 'refund' && v.reason.length < 5) c.addIssue({ code: 'custom', path: ['reason'], message: say(language, APPROVAL_SAY.reasonNeeded) });
      else if (v.reason.length > 2000) c.addIssue({ code: 'custom', path: ['reason'], message: 'reason must be at most 2000 characters' });
    });
export type ApprovalRequest = z.output<ReturnType<typeof approvalRequestSchema>>;

/** POST /clinic-crm/approvals/:documentId/decide — the decision and the note's length; the rest needs the approval. */
export const approvalDecisionSchema = z
  .looseObject({
    decision: z.enum(['approve', 'reject'], { error: 'decision must be approve or reject' }),
    note: z.unknown().optional().transform((v) => (typeof v === 'string' ? v.trim() : '')),
    decidedBy: z.unknown().optional(),
  })
  .superRefine((v, c) => {
    if (v.note.length > 2000) c.addIssue({ code: 'custom', path: ['note'], message: 'note must be at most 2000 characters' });
  });
export type ApprovalDecision = z.output<typeof approvalDecisionSchema>;

/** POST /clinic-crm/ledger/verify { expect?: "seq:mac" } */
export const ledgerVerifySchema = z.looseObject({
  expect: z
    .unknown()
    .optional()
    .transform((value, c) => {
      if (value === undefined || value === null || value === '') return null;
      const m = typeof value === 'string' ? /^(\d+):([a-f0-9]{64})$/.exec(value.trim()) : null;
      if (!m) {
        c.addIssue({ code: 'custom', message: 'expect must be <seq>:<mac> as printed in the daily ledger e-mail' });
        return z.NEVER;
      }
      return { seq: Number(m[1]), mac: m[2] };
    }),
});

export const ledgerPageQuery = z.looseObject({ page: z.unknown().optional().transform((v) => Math.max(1, Number.parseInt(String(v ?? '1'), 10) || 1)) });
export const approvalsQuery = z.looseObject({ status: z.unknown().optional().transform((v) => (typeof v === 'string' ? v : undefined)) });
