/**
 * Satisfaction surveys: single-use link tokens (only their SHA-256 is stored), answer validation,
 * and the satisfaction rate against the clinic's target. node:crypto only.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
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

/** { score: 1–5, comment?: text ≤ 2000 }; unknown keys refused. Throws naming the field. */
export const validateAnswer = (raw: unknown): SurveyAnswer => {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new DomainValidationError('data', 'the body must be an object { score, comment }');
  const body = raw as Record<string, unknown>;
  for (const k of Object.keys(body)) if (k !== 'score' && k !== 'comment') throw new DomainValidationError(k, `${k} is not a field of the survey`);
  if (!Number.isInteger(body.score) || (body.score as number) < 1 || (body.score as number) > 5) throw new DomainValidationError('score', 'score must be a whole number from 1 (very unhappy) to 5 (very happy)');
  let comment: string | null = null;
  if (body.comment !== undefined && body.comment !== null && body.comment !== '') {
    if (typeof body.comment !== 'string') throw new DomainValidationError('comment', 'comment must be text');
    comment = body.comment.trim();
    if ([...comment].length > 2000) throw new DomainValidationError('comment', 'comment must be at most 2000 characters');
    if (CONTROL.test(comment)) throw new DomainValidationError('comment', 'comment contains control characters');
  }
  return { score: body.score as number, comment: comment || null };
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
