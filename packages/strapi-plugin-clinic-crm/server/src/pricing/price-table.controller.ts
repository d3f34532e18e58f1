import type { Core } from '@strapi/strapi';
import { getService, getConfig } from '../core/plugin';
import { parseInput, type Ctx } from '../core/http/validate';
import { priceTableQuery } from './pricing.schema';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * GET /api/clinic-crm/price-table?locale=zh-Hant|zh-Hans|en&category=laser
   * Public. Answers from the in-process cache; every other query parameter (filters, populate,
   * fields, sort …) is ignored, so nothing beyond the published public fields can be reached.
   */
  async find(ctx: Ctx) {
    const { locale: language, category } = parseInput(priceTableQuery, ctx.query);
    const table = await getService(strapi, 'price-table').get(language, category);

    ctx.set('ETag', table.etag);
    // browsers keep it max-age; a shared cache (nginx in front of several instances, a CDN) only
    // s-maxage, then revalidates with If-None-Match: a publish shows there within that (nginx and
    // RFC 9111 shared caches prefer s-maxage to max-age)
    const { maxAgeSeconds, sharedMaxAgeSeconds } = getConfig(strapi).priceTable;
    ctx.set('Cache-Control', `public, max-age=${maxAgeSeconds}, s-maxage=${sharedMaxAgeSeconds}, stale-while-revalidate=300`);
    ctx.set('Content-Language', language);
    ctx.vary('Accept-Encoding');
    const inm = ctx.get('If-None-Match');
    if (inm && inm.split(',').some((t: string) => t.trim().replace(/^W\//, '') === table.etag)) {
      ctx.status = 304;
      return;
    }
    ctx.type = 'application/json; charset=utf-8';
    const encoding = ctx.acceptsEncodings('br', 'gzip', 'identity');
    if (encoding === 'br' || encoding === 'gzip') {
      ctx.set('Content-Encoding', encoding);
      ctx.body = table[encoding];
    } else {
      ctx.body = table.body;
    }
  },

  /** A fixed prebuilt body: the benchmark's measure of the Koa pipeline's ceiling. */
  async ping(ctx: Ctx) {
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = '{"ok":true}';
  },
});
