import { factories } from '@strapi/strapi';
import { getService } from '../core/plugin';
import { OUTWARD_PHOTOS } from './operations.service';
import type { Context as Ctx } from 'koa';

const PHOTO = 'plugin::clinic-crm.clinical-photo';

/** Outward: nobody signed in (the public role, or an API token such as a website's). */
const outward = (ctx: Ctx) => !ctx.state?.user;

/** The core controller's helpers this controller calls (Strapi types them for registered UIDs only). */
interface CoreHelpers {
  validateQuery(ctx: Ctx): Promise<void>;
  sanitizeQuery(ctx: Ctx): Promise<{ filters?: unknown; [key: string]: unknown }>;
  sanitizeOutput(data: unknown, ctx: Ctx): Promise<unknown>;
  transformResponse(data: unknown, meta?: unknown): unknown;
}

/**
 * Content API of clinical photos. Signed-in staff get what their role grants; an outward caller,
 * even if an administrator grants the public role or a token `find`/`findOne`, only OUTWARD_PHOTOS:
 * once a client is erased or withdraws marketing consent, their photos are no longer served there.
 */
export default factories.createCoreController(PHOTO, ({ strapi }) => ({
  async find(ctx: Ctx) {
    if (!outward(ctx)) return super.find(ctx);
    const core = this as unknown as CoreHelpers;
    await core.validateQuery(ctx);
    const query = await core.sanitizeQuery(ctx);
    const { results, pagination } = await strapi.service(PHOTO).find({ ...query, filters: { $and: [query.filters ?? {}, OUTWARD_PHOTOS] } });
    return core.transformResponse(await core.sanitizeOutput(results, ctx), { pagination });
  },

  async findOne(ctx: Ctx) {
    if (outward(ctx) && !(await getService(strapi, 'operations').isOutwardPhoto(String(ctx.params.id)))) return ctx.notFound();
    return super.findOne(ctx);
  },
}));
