import { factories } from '@strapi/strapi';
import type { Context as Ctx } from 'koa';

const PHOTO = 'plugin::clinic-crm.clinical-photo';

/**
 * What an outward caller may see: photos in marketing use (not withdrawn, not flagged for removal)
 * of clients not erased. Clinical and training use stay with staff.
 */
export const OUTWARD_PHOTOS = {
  purposeMarketing: true,
  $or: [{ flaggedForRemoval: false }, { flaggedForRemoval: { $null: true } }],
  treatmentRecord: { client: { erasedAt: { $null: true } } },
};

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
    if (outward(ctx) && (await strapi.db.query(PHOTO).count({ where: { documentId: ctx.params.id, ...OUTWARD_PHOTOS } })) === 0) return ctx.notFound();
    return super.findOne(ctx);
  },
}));
