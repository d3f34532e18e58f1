import type { Context, Next } from 'koa';
import type { Core } from '@strapi/strapi';
import { getService, type Service } from '../plugin';
import { requestLabels } from './request-labels';

/**
 * Placed before `strapi::errors` (core/http/app-middlewares.ts), so that it times every request and
 * sees the status the errors middleware chose. The route label is the router's matched template.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  let histogram: Service<'metrics'>['http'] | undefined;
  return async (ctx: Context & { _matchedRoute?: unknown }, next: Next) => {
    const started = process.hrtime.bigint();
    let thrown = false;
    try {
      await next();
    } catch (error) {
      thrown = true;
      throw error;
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      histogram ??= getService(strapi, 'metrics').http;
      histogram.observe(requestLabels(ctx.method, ctx._matchedRoute, thrown ? 500 : ctx.status), seconds);
    }
  };
};
