import type { Core } from '@strapi/strapi';
import { getService } from '../core/plugin';
import { fieldError } from '../core/http/validation-errors';

const intParam = (value: unknown, name: string, fallback: number) => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw fieldError(name, `${name} must be a positive whole number`);
  return n;
};

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /clinic-crm/price-history?treatment=<documentId>&locale=&page=&pageSize= (admin API) */
  async find(ctx) {
    const { treatment, locale } = ctx.query ?? {};
    if (treatment !== undefined && (typeof treatment !== 'string' || treatment.length > 64)) throw fieldError('treatment', 'treatment must be a treatment documentId');
    if (locale !== undefined && typeof locale !== 'string') throw fieldError('locale', 'locale must be a locale code');
    ctx.body = await getService(strapi, 'price-history').list({
      treatment: treatment as string | undefined,
      locale: locale as string | undefined,
      page: intParam(ctx.query.page, 'page', 1),
      pageSize: intParam(ctx.query.pageSize, 'pageSize', 25),
    });
  },
});
