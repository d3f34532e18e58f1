import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../core/plugin';
import { requireSessionStaff } from '../core/http/session';
import { requestLanguage } from '../core/http/language';
import { dataOf, parseInput, type Ctx } from '../core/http/validate';
import { openRecallSchema, recallSearchQuery } from './recall.schema';

/** Product-batch recall (admin panel; managers and doctors: `recalls.manage`). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /clinic-crm/recalls/search?batch= — every treatment record that used the batch. */
  async search(ctx: Ctx) {
    const { batch } = parseInput(recallSearchQuery(requestLanguage(strapi)), ctx.query);
    ctx.body = { data: await getService(strapi, 'recalls').search(batch) };
  },

  /** POST /clinic-crm/recalls { batchNumber?, reason, complaint? } — opened by the signed-in staff member. */
  async open(ctx: Ctx) {
    const me = await requireSessionStaff(strapi, ctx, 'openedBy');
    const input = parseInput(openRecallSchema(requestLanguage(strapi)), dataOf(ctx.request.body));
    ctx.status = 201;
    ctx.body = { data: await getService(strapi, 'recalls').open(me, ctx.state.user?.email ?? null, input) };
  },

  /** GET /clinic-crm/recalls — past recalls, newest first. */
  async list(ctx: Ctx) {
    ctx.body = { data: await getService(strapi, 'recalls').list() };
  },

  async detail(ctx: Ctx) {
    const recall = await getService(strapi, 'recalls').detail(ctx.params.documentId);
    if (!recall) throw new errors.NotFoundError('No such recall');
    ctx.body = { data: recall };
  },
});
