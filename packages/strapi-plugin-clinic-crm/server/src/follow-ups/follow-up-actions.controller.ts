import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../core/plugin';
import { dataOf, parseInput, type Ctx } from '../core/http/validate';
import { completeSchema } from './follow-up.schema';

const actorOf = (ctx: Ctx): string => ctx.state?.user?.email ?? (ctx.state?.user?.username as string | undefined) ?? 'staff';


export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * POST …/follow-up-tasks/:documentId/complete  { outcome, notes }
   * (content API for staff with the grant, and admin API for the admin panel)
   */
  async complete(ctx: Ctx) {
    const input = parseInput(completeSchema, dataOf(ctx.request.body));
    const result = await getService(strapi, 'follow-ups').complete(ctx.params.documentId, input, actorOf(ctx));
    if (!result) throw new errors.NotFoundError('Follow-up task not found');
    ctx.body = {
      data: {
        documentId: result.task?.documentId,
        status: result.task?.taskStatus,
        outcome: result.task?.outcome,
        completedAt: result.task?.completedAt,
        complaint: result.complaint ? { documentId: result.complaint.documentId, referenceNumber: result.complaint.referenceNumber } : null,
      },
    };
  },
});
