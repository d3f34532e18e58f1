import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../plugin';
import { parseInput, type Ctx } from '../http/validate';
import { outboxListQuery } from './outbox.schema';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /clinic-crm/outbox?status=failed&page=&pageSize= (admin) */
  async find(ctx: Ctx) {
    const query = parseInput(outboxListQuery, ctx.query);
    ctx.body = await getService(strapi, 'outbox').list(query);
  },

  /** POST /clinic-crm/outbox/:documentId/retry (admin): send a failed notification again. */
  async retry(ctx: Ctx) {
    const ok = await getService(strapi, 'outbox').retry(ctx.params.documentId);
    if (!ok) throw new errors.NotFoundError('No failed notification with this id');
    ctx.body = { data: { documentId: ctx.params.documentId, status: 'pending' } };
  },
});
