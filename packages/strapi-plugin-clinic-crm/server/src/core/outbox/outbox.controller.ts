import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../plugin';
import { fieldError } from '../http/validation-errors';

const STATUSES = ['pending', 'sending', 'sent', 'failed', 'cancelled'];

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /clinic-crm/outbox?status=failed&page=&pageSize= (admin) */
  async find(ctx) {
    const { status, page = '1', pageSize = '25' } = ctx.query ?? {};
    if (status !== undefined && !STATUSES.includes(status as string)) throw fieldError('status', `status must be one of: ${STATUSES.join(', ')}`);
    const p = Number(page);
    const s = Number(pageSize);
    if (!Number.isInteger(p) || p < 1) throw fieldError('page', 'page must be a positive whole number');
    if (!Number.isInteger(s) || s < 1 || s > 100) throw fieldError('pageSize', 'pageSize must be a whole number from 1 to 100');
    ctx.body = await getService(strapi, 'outbox').list({ status: status as string | undefined, page: p, pageSize: s });
  },

  /** POST /clinic-crm/outbox/:documentId/retry (admin): send a failed notification again. */
  async retry(ctx) {
    const ok = await getService(strapi, 'outbox').retry(ctx.params.documentId);
    if (!ok) throw new errors.NotFoundError('No failed notification with this id');
    ctx.body = { data: { documentId: ctx.params.documentId, status: 'pending' } };
  },
});
