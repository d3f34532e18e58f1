import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UID, getService } from '../core/plugin';
import { actorIsManager } from '../complaints/complaints.middleware';
import { requestLanguage, say } from '../core/http/language';
import { forbiddenField, requireSessionStaff } from '../core/http/session';
import { fieldError } from '../core/http/validation-errors';

const actorOf = (ctx: any) => ctx.state?.user?.email ?? ctx.state?.user?.username ?? 'staff';

const SAY = {
  notYours: {
    'zh-Hant': '這個任務指派給其他人員：只能完成自己的任務（或本部門未指派的任務）。',
    'zh-Hans': '这个任务指派给其他人员：只能完成自己的任务（或本部门未指派的任务）。',
    en: 'This task is assigned to someone else: you complete your own tasks (or unassigned ones of your department).',
  },
};

/**
 * Who may record a follow-up outcome: the staff member it is assigned to, anyone of its
 * department while it is unassigned, or a manager covering for a colleague — always as
 * themselves (the outcome is recorded under the signed-in account).
 */
const assertMayComplete = async (strapi: Core.Strapi, ctx: any, taskDocumentId: string) => {
  const task: any = await strapi.db.query(UID.followUpTask).findOne({ where: { documentId: taskDocumentId }, select: ['id', 'department'], populate: { assignee: { select: ['documentId'] } } });
  if (!task || (await actorIsManager(strapi))) return; // a missing task is the service's 404
  const me = await requireSessionStaff(strapi, ctx, 'assignee');
  const mine = task.assignee ? task.assignee.documentId === me.documentId : task.department === me.department;
  if (!mine) throw forbiddenField('assignee', say(requestLanguage(strapi), SAY.notYours));
};

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * POST …/follow-up-tasks/:documentId/complete  { outcome, notes }
   * (content API for staff with the grant, and admin API for the admin panel)
   */
  async complete(ctx) {
    const body = ctx.request.body ?? {};
    const input = body.data && typeof body.data === 'object' ? body.data : body;
    if (typeof input !== 'object' || Array.isArray(input)) throw fieldError('data', 'body must be an object { outcome, notes }');
    await assertMayComplete(strapi, ctx, ctx.params.documentId);
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
