/**
 * Satisfaction surveys: single-use link tokens (only their SHA-256 is stored), answer validation,
 * and the satisfaction rate against the clinic's target. node:crypto only.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { DomainValidationError } from '../../core/errors';

/** 32 random bytes, URL-safe: the secret in the link. */
export const newSurveyToken = (): string => randomBytes(32).toString('base64url');

export const hashSurveyToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** Shape check before any lookup, so a malformed token costs no query (43 base64url characters). */
export const isWellFormedToken = (token: unknown): token is string => typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token);

export const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export interface SurveyAnswer {
  score: number;
  comment: string | null;
}

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;
const SCORE = 'score must be a whole number from 1 (very unhappy) to 5 (very happy)';
const ANSWER_FIELDS = new Set(['score', 'comment']);

/** { score: 1–5, comment?: text ≤ 2000 }; unknown keys refused, each named. */
export const answerSchema = z
  .looseObject({
    score: z.number({ error: SCORE }).int({ error: SCORE }).min(1, { error: SCORE }).max(5, { error: SCORE }),
    comment: z.preprocess(
      (v) => (v === undefined || v === null || v === '' ? undefined : v),
      z
        .string({ error: 'comment must be text' })
        .transform((t) => t.trim())
        // one message, the first rule broken (an aborting refine would also skip the unknown-field rule)
        .superRefine((t, ctx) => {
          if ([...t].length > 2000) ctx.addIssue({ code: 'custom', message: 'comment must be at most 2000 characters' });
          else if (CONTROL.test(t)) ctx.addIssue({ code: 'custom', message: 'comment contains control characters' });
        })
        .optional()
    ),
  })
  .superRefine(
    (body: Record<string, unknown>, ctx) => {
      for (const k of Object.keys(body)) if (!ANSWER_FIELDS.has(k)) ctx.addIssue({ code: 'custom', path: [k], message: `${k} is not a field of the survey` });
    },
    { when: () => true }
  )
  .transform((body): SurveyAnswer => ({ score: body.score, comment: body.comment || null }));

/** The answer schema as a domain check: throws naming the first field at fault. */
export const validateAnswer = (raw: unknown): SurveyAnswer => {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new DomainValidationError('data', 'the body must be an object { score, comment }');
  const result = answerSchema.safeParse(raw);
  if (result.success) return result.data;
  const unknownKey = result.error.issues.find((i) => !ANSWER_FIELDS.has(String(i.path[0])));
  const first = unknownKey ?? result.error.issues[0];
  throw new DomainValidationError(first.path.map(String).join('.'), first.message);
};

export interface RateRow {
  key: string;
  label: string;
  responses: number;
  satisfied: number;
}

/** Rate (0–100, one decimal) and whether it meets the target; null rate with no responses. */
export const rated = (row: RateRow, targetPercent: number) => {
  const rate = row.responses ? Math.round((row.satisfied / row.responses) * 1000) / 10 : null;
  return { ...row, rate, meetsTarget: rate === null ? null : rate >= targetPercent };
};
