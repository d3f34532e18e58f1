import type { Core } from '@strapi/strapi';
import { CATEGORY_LABELS, resolveLanguage } from '../core/i18n/locales';
import { getService, getConfig } from '../core/plugin';
import { fieldError } from '../core/http/validation-errors';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * GET /api/clinic-crm/price-table?locale=zh-Hant|zh-Hans|en&category=laser
   * Public. Answers from the in-process cache; every other query parameter (filters, populate,
   * fields, sort …) is ignored, so nothing beyond the published public fields can be reached.
   */
  async find(ctx) {
    const { locale, category } = ctx.query ?? {};
    if (category !== undefined && (typeof category !== 'string' || !Object.prototype.hasOwnProperty.call(CATEGORY_LABELS, category))) {
      throw fieldError('category', `category must be one of: ${Object.keys(CATEGORY_LABELS).join(', ')}`);
    }
    const language = resolveLanguage(Array.isArray(locale) ? locale[0] : locale);
    const table = await getService(strapi, 'price-table').get(language, category as string | undefined);

    ctx.set('ETag', table.etag);
    ctx.set('Cache-Control', `public, max-age=${getConfig(strapi).priceTable.maxAgeSeconds}, stale-while-revalidate=300`);
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
  async ping(ctx) {
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = '{"ok":true}';
  },
});
