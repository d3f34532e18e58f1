import type { Context, Next } from 'koa';
import type { Core } from '@strapi/strapi';
import { getConfig } from '../plugin';

const MAX_KEYS = 50_000;

type Policy = 'intake' | 'public';

/**
 * Per-IP limits for public endpoints, as a route middleware:
 * - `intake` (default): the complaint form, `complaints.intakeRateLimit` (a few per 10 min), sliding window;
 * - `public`: reads such as the price table, `publicRateLimit` (hundreds per minute), fixed window, O(1) per request.
 * Counts live in this instance's memory: with N instances behind a balancer the effective limit is
 * at most N × max. Set `server.proxy` (IS_PROXIED) so that ctx.ip is the client's, not the proxy's.
 */
export default (config: { policy?: Policy } | undefined, { strapi }: { strapi: Core.Strapi }) => {
  const policy: Policy = config?.policy ?? 'intake';
  const sliding = new Map<string, number[]>();
  const fixed = new Map<string, { start: number; count: number }>();

  const refuse = (ctx: Context, retry: number, message: string) => {
    ctx.set('Retry-After', String(retry));
    ctx.status = 429;
    ctx.body = { data: null, error: { status: 429, name: 'RateLimitError', message, details: {} } };
  };

  return async (ctx: Context, next: Next) => {
    const now = Date.now();
    const key = `${ctx.request.ip}|${ctx.path}`;
    if (policy === 'public') {
      const { max, windowMs } = getConfig(strapi).publicRateLimit;
      let w = fixed.get(key);
      if (!w || now - w.start >= windowMs) {
        w = { start: now, count: 0 };
        fixed.delete(key);
        fixed.set(key, w);
        if (fixed.size > MAX_KEYS) fixed.delete(fixed.keys().next().value as string);
      }
      w.count += 1;
      ctx.set('RateLimit-Limit', String(max));
      ctx.set('RateLimit-Remaining', String(Math.max(0, max - w.count)));
      if (w.count > max) return refuse(ctx, Math.ceil((windowMs - (now - w.start)) / 1000), 'Too many requests from this address; try again shortly');
      return next();
    }
    const { max, windowMs } = getConfig(strapi).complaints.intakeRateLimit;
    const recent = (sliding.get(key) ?? []).filter((t) => now - t < windowMs);
    if (recent.length >= max) {
      const retry = Math.ceil((windowMs - (now - recent[0])) / 1000);
      return refuse(ctx, retry, `Too many submissions from this address; try again in ${retry} s`);
    }
    recent.push(now);
    sliding.delete(key);
    sliding.set(key, recent);
    if (sliding.size > MAX_KEYS) sliding.delete(sliding.keys().next().value as string); // oldest first
    return next();
  };
};
