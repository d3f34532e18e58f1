import type { Context, Next } from 'koa';
import type { Core } from '@strapi/strapi';
import { isDatabaseUnavailable } from '../database';

/**
 * Right after `strapi::errors`: when the database is briefly unreachable (a restart, a failover),
 * the caller gets 503 with Retry-After — "try again", nothing was stored — instead of a 500. The
 * connection pool replaces broken connections by itself, so the app recovers without a restart.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: Context, next: Next) => {
    try {
      await next();
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      strapi.log.warn(`[clinic-crm] database unavailable for ${ctx.method} ${ctx.path}: ${(error as Error).message}`);
      ctx.status = 503;
      ctx.set('Retry-After', '5');
      ctx.body = { data: null, error: { status: 503, name: 'ServiceUnavailableError', message: 'The database is briefly unavailable; nothing was saved. Please try again in a few seconds.', details: {} } };
    }
  };
