import type { Core } from '@strapi/strapi';
import { getService } from '../core/plugin';
import { parseInput, type Ctx } from '../core/http/validate';
import { priceHistoryQuery } from './pricing.schema';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /clinic-crm/price-history?treatment=<documentId>&locale=&page=&pageSize= (admin API) */
  async find(ctx: Ctx) {
    const { treatment, locale, page, pageSize } = parseInput(priceHistoryQuery, ctx.query);
    ctx.body = await getService(strapi, 'price-history').list({ treatment, locale, page, pageSize });
  },
});
