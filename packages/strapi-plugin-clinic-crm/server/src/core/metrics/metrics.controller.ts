import type { Core } from '@strapi/strapi';
import { getConfig, getService } from '../plugin';
import type { Ctx } from '../http/validate';
import { bearerMatches } from './bearer-token';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * GET /api/clinic-crm/metrics — Prometheus text format. Open at Strapi's level (auth: false: a
   * scraper has no Strapi account) and closed here: `Authorization: Bearer <CLINIC_CRM_METRICS_TOKEN>`.
   */
  async scrape(ctx: Ctx) {
    if (!bearerMatches(ctx.get('authorization'), getConfig(strapi).metrics.token)) {
      ctx.status = 401;
      ctx.set('WWW-Authenticate', 'Bearer realm="clinic-crm metrics"');
      ctx.body = { data: null, error: { status: 401, name: 'UnauthorizedError', message: 'A valid metrics token is required (Authorization: Bearer …)', details: {} } };
      return;
    }
    const metrics = getService(strapi, 'metrics');
    const text = await metrics.scrape();
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Content-Type', metrics.contentType);
    ctx.body = text;
  },
});
