/**
 * The pure parts of the public rate limits (core/http/rate-limit.middleware.ts): which key a
 * request counts against, when the shared store is tried again after it failed, and what a
 * refused caller is told.
 */
import { createHash } from 'crypto';

/** The Postgres store's key column is varchar(255); the library prefixes the policy. */
const MAX_KEY_LENGTH = 200;

/**
 * One counter per client address and route: `ctx.request.ip` (the client's, behind a proxy with
 * IS_PROXIED) and the path. The path is lower-cased and its trailing slashes dropped, because the
 * router matches `/API/Clinic-CRM/complaints/` too: spelling the path differently must not open a
 * new counter. An IPv4 address seen through an IPv6 socket (`::ffff:1.2.3.4`) is the IPv4 one.
 */
export const rateLimitKey = (ip: string | undefined, path: string): string => {
  const address = (ip || 'unknown').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '').toLowerCase();
  const route = path.toLowerCase().replace(/\/+$/, '') || '/';
  const key = `${address}|${route}`;
  return key.length <= MAX_KEY_LENGTH ? key : `${address.slice(0, 64)}|sha256:${createHash('sha256').update(route).digest('base64url')}`;
};

/** Seconds for `Retry-After`: whole seconds, at least 1. */
export const retryAfterSeconds = (msBeforeNext: number): number => Math.max(1, Math.ceil(msBeforeNext / 1000));

/**
 * When the shared store (Postgres) fails — a restart, a failover — requests are counted in this
 * instance's memory instead of failing (no 500 or 503 from a rate limit), and the store is not
 * tried again for a while, so that requests during an outage do not each wait for a connection
 * attempt: 1 s after the first failure, doubling up to `maxMs` while it keeps failing. The first
 * success closes the gap.
 */
export const storeGate = ({ firstMs = 1000, maxMs = 10_000 }: { firstMs?: number; maxMs?: number } = {}) => {
  let failures = 0;
  let retryAt = 0;
  return {
    /** Try the shared store for this request? (false: count in memory) */
    useStore: (now: number) => now >= retryAt,
    /** The store failed at `now`; returns true for the first failure of an outage (log it once). */
    failed(now: number): boolean {
      failures += 1;
      retryAt = now + Math.min(maxMs, firstMs * 2 ** (failures - 1));
      return failures === 1;
    },
    /** The store answered; returns true when that ends an outage. */
    succeeded(): boolean {
      const recovered = failures > 0;
      failures = 0;
      retryAt = 0;
      return recovered;
    },
    get failures() {
      return failures;
    },
  };
};
export type StoreGate = ReturnType<typeof storeGate>;
