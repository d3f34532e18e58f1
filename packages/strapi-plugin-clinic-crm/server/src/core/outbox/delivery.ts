import { createHash } from 'crypto';

export interface RetryPolicy {
  baseDelayMs: number; // first retry after this long
  maxDelayMs: number; // never wait longer than this between attempts
  maxAttempts: number; // after this many failed attempts the notification is marked failed
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseDelayMs: 30_000, maxDelayMs: 3_600_000, maxAttempts: 8 };

/**
 * Exponential backoff: base × 2^(attempt-1), capped. `attempt` counts attempts made so far (≥ 1).
 * With the defaults: 30 s, 1 min, 2 min, 4 min, 8 min, 16 min, 32 min → about 63 minutes of
 * retries before giving up, which rides out an SMTP outage of an hour.
 */
export const retryDelayMs = (attempt: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number => {
  const n = Math.max(1, Math.floor(attempt));
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(n - 1, 30));
};

export type AttemptOutcome = { status: 'pending'; nextAttemptAt: Date } | { status: 'failed' };

/** What to do after a failed attempt number `attempt`. */
export const afterFailure = (attempt: number, now: Date, policy: RetryPolicy = DEFAULT_RETRY_POLICY): AttemptOutcome =>
  attempt >= policy.maxAttempts ? { status: 'failed' } : { status: 'pending', nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempt, policy)) };

/**
 * A deterministic Message-ID: the same notification always carries the same id, so a send that is
 * retried after a crash is recognisable (and de-duplicated by mail systems that honour it).
 */
export const messageIdFor = (idempotencyKey: string, domain: string): string =>
  `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}@${domain}>`;

/** The domain part of a From address such as `Clinic CRM <no-reply@clinic.tw>`. */
export const domainOf = (from: string | undefined, fallback = 'clinic-crm.local'): string => {
  const m = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from ?? '');
  return m ? m[1].toLowerCase() : fallback;
};

/**
 * Escalation level of an overdue task: 0 until the first threshold after the due time has
 * passed, then 1, 2 … one per threshold crossed (hours after due).
 */
export const escalationLevel = (dueAt: Date, now: Date, thresholdsHours: number[]): number => {
  const overdueHours = (now.getTime() - dueAt.getTime()) / 3_600_000;
  return thresholdsHours.filter((h) => overdueHours >= h).length;
};
