import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../utils';
import { fieldError } from '../validation/errors';

const actorOf = (ctx: any) => ctx.state?.user?.email ?? ctx.state?.user?.username ?? 'staff';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * POST …/follow-up-tasks/:documentId/complete  { outcome, notes }
   * (content API for staff with the grant, and admin API for the admin panel)
   */
  async complete(ctx) {
    const body = ctx.request.body ?? {};
    const input = body.data && typeof body.data === 'object' ? body.data : body;
    if (typeof input !== 'object' || Array.isArray(input)) throw fieldError('data', 'body must be an object { outcome, notes }');
    const result = await getService(strapi, 'follow-ups').complete(ctx.params.documentId, input, actorOf(ctx));
    if (!result) throw new errors.NotFoundError('Follow-up task not found');
    ctx.body = {
      data: {
        documentId: result.task?.documentId,
        status: (result.task as any)?.taskStatus,
        outcome: result.task?.outcome,
        completedAt: result.task?.completedAt,
        complaint: result.complaint ? { documentId: result.complaint.documentId, referenceNumber: result.complaint.referenceNumber } : null,
      },
    };
  },
});
