import { z } from 'zod';

export { answerSchema } from './domain/satisfaction';

/** POST /api/clinic-crm/surveys/lookup { token } — nothing else is accepted. */
export const lookupSchema = z
  .looseObject({ token: z.unknown().optional() })
  .superRefine(
    (body: Record<string, unknown>, ctx) => {
      for (const k of Object.keys(body)) if (k !== 'token') ctx.addIssue({ code: 'custom', path: [k], message: `${k} is not accepted here` });
    },
    { when: () => true }
  );

/** GET /clinic-crm/satisfaction?from=&to= */
const day = (name: string) =>
  z.unknown().optional().transform((v, ctx) => {
    if (v === undefined || v === '') return undefined;
    const d = new Date(String(v));
    if (typeof v !== 'string' || Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: 'custom', message: `${name} must be a date (YYYY-MM-DD)` });
      return z.NEVER;
    }
    return d;
  });
export const figuresQuery = z.looseObject({ from: day('from'), to: day('to') });
