import { z } from 'zod';

/** POST …/complaints/:documentId/transition — also what the complaint middleware checks on an admin edit. */
export const transitionSchema = z.object({
  to: z.unknown().optional(),
  note: z.string({ error: 'note must be text of at most 4000 characters' }).max(4000, { error: 'note must be text of at most 4000 characters' }).nullish(),
  resolution: z
    .object(
      {
        types: z.custom<string[] | null | undefined>((v) => v === undefined || v === null || (Array.isArray(v) && v.every((t) => typeof t === 'string')), {
          error: 'resolution.types must be a list',
        }).optional(),
        refundAmount: z.custom<number | null | undefined>((v) => v === undefined || v === null || (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0), {
          error: 'refundAmount must be a whole number ≥ 0',
        }).optional(),
        notes: z.unknown().optional(),
      },
      { error: 'resolution must be an object { types, refundAmount, notes }' }
    )
    .nullish(),
  // refused by the workflow with its own 403: an approver is never named in a request
  approvedBy: z.unknown().optional(),
});
export type TransitionRequest = z.output<typeof transitionSchema>;

/** POST …/complaints/:documentId/satisfaction { score, comment } */
export const satisfactionSchema = z.object({
  score: z.number({ error: 'score must be a whole number from 1 to 5' }).int({ error: 'score must be a whole number from 1 to 5' }).min(1, { error: 'score must be a whole number from 1 to 5' }).max(5, { error: 'score must be a whole number from 1 to 5' }),
  comment: z.string({ error: 'comment must be text of at most 2000 characters' }).max(2000, { error: 'comment must be text of at most 2000 characters' }).nullish(),
});
export type SatisfactionInput = z.output<typeof satisfactionSchema>;

/** GET …/complaints/analytics?from=&to= */
const day = (name: string) =>
  z
    .unknown()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return null;
      const d = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? new Date(v) : new Date(NaN);
      if (Number.isNaN(d.getTime())) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a date (YYYY-MM-DD or ISO 8601)` });
        return z.NEVER;
      }
      return d;
    });
export const analyticsQuery = z.looseObject({ from: day('from'), to: day('to') });
