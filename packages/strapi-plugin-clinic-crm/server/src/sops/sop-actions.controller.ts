import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../core/plugin';
import { requireSessionStaff } from '../core/http/session';
import { dataOf, parseInput, type Ctx } from '../core/http/validate';
import { acknowledgeSchema } from './sop.schema';

const found = <T>(v: T | null) => {
  if (!v) throw new errors.NotFoundError('SOP not found or not published');
  return v;
};

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * POST …/sop-documents/:documentId/acknowledge — the signed-in staff member acknowledges the
   * current version (admin panel or REST). A body naming another staff member is a 403.
   */
  async acknowledge(ctx: Ctx) {
    const input = parseInput(acknowledgeSchema, dataOf(ctx.request.body));
    const me = await requireSessionStaff(strapi, ctx, 'staff');
    ctx.body = { data: found(await getService(strapi, 'sops').acknowledgeAs(me, ctx.params.documentId, input.staff)) };
  },
  async acknowledgements(ctx: Ctx) {
    ctx.body = { data: found(await getService(strapi, 'sops').acknowledgements(ctx.params.documentId)) };
  },
  async reviewOverdue(ctx: Ctx) {
    ctx.body = { data: await getService(strapi, 'sops').reviewOverdue() };
  },
});
