import type { Context, Next } from 'koa';
import type { Core } from '@strapi/strapi';
import { getConfig } from '../plugin';
import { rateLimitKey, retryAfterSeconds } from './rate-limit';
import { rateLimits, type Policy } from './rate-limit.store';

/**
 * Per-address limits for public endpoints, as a route middleware:
 * - `intake` (default): the complaint form, `complaints.intakeRateLimit` (5 per 10 min);
 * - `public`: reads such as the price table, `publicRateLimit` (hundreds per minute), with
 *   `RateLimit-Limit` / `RateLimit-Remaining` headers.
 * The counters are shared by every instance on PostgreSQL (core/http/rate-limit.store.ts): the
 * limit holds across instances, at one query per request. Set `server.proxy` (IS_PROXIED) so that
 * ctx.request.ip is the client's, not the proxy's.
 */
export default (config: { policy?: Policy } | undefined, { strapi }: { strapi: Core.Strapi }) => {
  const policy: Policy = config?.policy ?? 'intake';

  const refuse = (ctx: Context, retry: number, message: string) => {
    ctx.set('Retry-After', String(retry));
    ctx.status = 429;
    ctx.body = { data: null, error: { status: 429, name: 'RateLimitError', message, details: {} } };
  };

  return async (ctx: Context, next: Next) => {
    const key = rateLimitKey(ctx.request.ip, ctx.path);
    const { max, windowMs } = policy === 'public' ? getConfig(strapi).publicRateLimit : getConfig(strapi).complaints.intakeRateLimit;
    const counted = await rateLimits(strapi).consume(policy, max, windowMs, key);
    if (policy === 'public') {
      ctx.set('RateLimit-Limit', String(max));
      ctx.set('RateLimit-Remaining', String(counted.remaining));
      if (!counted.allowed) return refuse(ctx, retryAfterSeconds(counted.msBeforeNext), 'Too many requests from this address; try again shortly');
      return next();
    }
    if (!counted.allowed) {
      const retry = retryAfterSeconds(counted.msBeforeNext);
      return refuse(ctx, retry, `Too many submissions from this address; try again in ${retry} s`);
    }
    return next();
  };
};
