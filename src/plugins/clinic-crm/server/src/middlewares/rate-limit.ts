import type { Core } from '@strapi/strapi';
import { getConfig } from '../utils';

const MAX_KEYS = 50_000;

/**
 * A per-IP sliding-window limit for public write endpoints (configured in the plugin config
 * `complaints.intakeRateLimit`). Counts live in this instance's memory: with N instances behind a
 * balancer the effective limit is at most N × max. Set `server.proxy` so that ctx.ip is the client's.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const hits = new Map<string, number[]>();
  return async (ctx: any, next: () => Promise<void>) => {
    const { max, windowMs } = getConfig(strapi).complaints.intakeRateLimit;
    const now = Date.now();
    const key = `${ctx.request.ip}|${ctx.path}`;
    const recent = (hits.get(key) ?? []).filter((t) => now - t < windowMs);
    if (recent.length >= max) {
      const retry = Math.ceil((windowMs - (now - recent[0])) / 1000);
      ctx.set('Retry-After', String(retry));
      ctx.status = 429;
      ctx.body = { data: null, error: { status: 429, name: 'RateLimitError', message: `Too many submissions from this address; try again in ${retry} s`, details: {} } };
      return;
    }
    recent.push(now);
    hits.delete(key);
    hits.set(key, recent);
    if (hits.size > MAX_KEYS) hits.delete(hits.keys().next().value as string); // oldest first
    await next();
  };
};
