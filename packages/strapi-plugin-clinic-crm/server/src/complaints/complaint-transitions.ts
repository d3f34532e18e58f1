import { clockDeadline, clockMinutesBetween, clockOf } from './domain/sla-clock';
import { OPEN_STATUSES, assertTransition, ComplaintStatus } from './domain/complaint-workflow';
import { addCalendar } from '../core/time/time';
import { UID, getService } from '../core/plugin';
import { asValidation, fieldError } from '../core/http/validation-errors';
import { forbiddenField, sessionStaff } from '../core/http/session';
import { requestLanguage, say } from '../core/http/language';
import { followUpTasks } from '../follow-ups/follow-up-task.repository';
import type { ComplaintContext } from './complaint-context';
import type { SatisfactionInput, TransitionRequest } from './complaint-actions.schema';
import type { ComplaintChanges, ComplaintRow } from './types';

const APPROVER_FROM_SESSION = {
  'zh-Hant': '核准人不能由他人指定：超過門檻的退款由管理者本人登入後執行。',
  'zh-Hans': '核准人不能由他人指定：超过门槛的退款由管理者本人登录后执行。',
  en: 'An approver cannot be named: a refund above the threshold is executed by a manager, signed in as themselves.',
};

export interface ApprovalRow {
  referenceNumber: string;
  decidedAt: string | Date;
  decidedBy?: { fullName?: string } | null;
  details?: { refundAmount?: unknown } | null;
}

/**
 * The complaint workflow: status changes checked against the rules (with a manager's approval
 * for large refunds), the timeline, the SLA pause, and the satisfaction follow-up on close.
 */
export const complaintTransitions = (x: ComplaintContext) => {
  const { strapi, cfg, calendar, rows, events } = x;

  const workflow = {
    /** The newest approved, unexpired refund approval of a complaint. */
    async refundApproval(complaintId: number): Promise<ApprovalRow | null> {
      return (await strapi.db.query(UID.approval).findOne({
        where: { kind: 'refund', approvalStatus: 'approved', complaint: { id: complaintId }, expiresAt: { $gt: new Date() } },
        orderBy: { decidedAt: 'desc' },
        populate: { decidedBy: { select: ['fullName'] } },
      })) as ApprovalRow | null;
    },

    async refundApproved(complaintId: number, amount: number) {
      const a = await workflow.refundApproval(complaintId);
      return !!a && Number(a.details?.refundAmount) >= amount;
    },

    /** Checks a status change (its request already parsed) and computes what it sets; used by the API and the document middleware. */
    async planTransition(c: ComplaintRow, request: TransitionRequest, actorIsManager: boolean) {
      const resolution: Partial<NonNullable<TransitionRequest['resolution']>> = request.resolution ?? {};
      const types = resolution.types ?? c.resolutionTypes ?? null;
      const refund = resolution.refundAmount ?? c.refundAmount ?? null;
      // A manager approves a large refund by executing it, signed in as themselves: nobody can
      // name an approver in the request (a second person's approval is their own step).
      if (request.approvedBy !== undefined && request.approvedBy !== null) {
        throw forbiddenField('approvedBy', say(requestLanguage(strapi), APPROVER_FROM_SESSION));
      }
      // a manager executing it is their own approval; anyone else needs a manager's approved request
      const approvedByManager = actorIsManager || (request.to === 'resolution_executed' && (await workflow.refundApproved(c.id, Number(refund ?? 0))));
      const to = asValidation(() =>
        assertTransition({
          from: c.workflowStatus,
          to: String(request.to ?? ''),
          resolutionTypes: types,
          refundAmount: refund,
          refundApprovalThreshold: cfg().complaints.refundApprovalThreshold,
          approvedByManager,
          note: request.note ?? null,
        })
      );
      const now = new Date();
      const data: ComplaintChanges = { workflowStatus: to };
      if (!c.firstRespondedAt && c.workflowStatus === 'received') data.firstRespondedAt = now;
      if (to === 'resolution_proposed') {
        data.resolutionTypes = types;
        data.refundAmount = refund;
        if (typeof resolution.notes === 'string') data.resolutionNotes = resolution.notes.slice(0, 4000);
      }
      if (to === 'resolution_executed') data.resolvedAt = now;
      if (to === 'closed' || to === 'rejected' || to === 'duplicate') {
        data.closedAt = now;
        if (c.pausedSince) data.pausedSince = null;
      }
      return { to, data, approvedByManager };
    },

    /** Side effects after a status change: timeline, satisfaction check on close. */
    async afterTransition(c: ComplaintRow, from: ComplaintStatus, to: ComplaintStatus, actor: string, note: string | null, approvedByManager: boolean) {
      await events.append(c.id, 'status_changed', actor, { fromStatus: from, toStatus: to, note: note ?? null });
      const threshold = cfg().complaints.refundApprovalThreshold;
      if (to === 'resolution_proposed') {
        await events.append(c.id, 'resolution', actor, { note: `${(c.resolutionTypes ?? []).join(', ')}${c.refundAmount ? ` · refund ${c.refundAmount}` : ''}` });
        // a refund above the threshold proposed by someone who is not a manager: the managers are asked
        const me = await sessionStaff(strapi, strapi.requestContext?.get?.());
        if (me && me.department !== 'management' && Number(c.refundAmount ?? 0) > threshold) {
          const a = await getService(strapi, 'approvals').request(me, { kind: 'refund', complaint: c.documentId, reason: c.resolutionNotes?.slice(0, 2000) ?? null }); // an approval's reason holds 2,000 characters; the notes up to 4,000
          await events.append(c.id, 'note', actor, { note: `refund approval requested: ${a.referenceNumber}` });
        }
      }
      if (to === 'resolution_executed' && approvedByManager && Number(c.refundAmount ?? 0) > threshold) {
        const approval = await workflow.refundApproval(c.id);
        await events.append(c.id, 'note', actor, {
          note: approval
            ? `refund approved by ${approval.decidedBy?.fullName ?? '?'} (${approval.referenceNumber}, ${new Date(approval.decidedAt).toISOString()})`
            : `refund approved by the executing manager ${actor}`,
        });
      }
      if (to === 'closed') {
        await workflow.scheduleSatisfactionCheck(c);
        await getService(strapi, 'surveys').forComplaint(c);
      }
    },

    async transition(documentId: string, request: TransitionRequest, actor: { label: string; isManager: boolean }) {
      return strapi.db.transaction(async () => {
        const c = await rows.load(documentId);
        if (!c) return null;
        const { to, data, approvedByManager } = await workflow.planTransition(c, request, actor.isManager);
        // conditional on the status it was read in: two staff moving it at once cannot both win
        if (!(await rows.moveFrom(c.id, c.workflowStatus, data))) throw fieldError('to', 'the complaint changed meanwhile; reload and try again');
        await workflow.afterTransition({ ...c, ...data } as ComplaintRow, c.workflowStatus, to, actor.label, request.note ?? null, approvedByManager);
        return rows.load(documentId);
      });
    },

    /** Waiting on the client: the SLA clocks stop until `resume`. */
    async pause(documentId: string, actor: string) {
      return strapi.db.transaction(async () => {
        const c = await rows.load(documentId);
        if (!c) return null;
        if (!OPEN_STATUSES.includes(c.workflowStatus)) throw fieldError('workflowStatus', `a ${c.workflowStatus} complaint has no running clock`);
        if (c.pausedSince) throw fieldError('pausedSince', 'the clock is already paused');
        await rows.set(c.id, { pausedSince: new Date() });
        await events.append(c.id, 'note', actor, { note: 'SLA paused: waiting on the client' });
        return rows.load(documentId);
      });
    },

    async resume(documentId: string, actor: string, now = new Date()) {
      return strapi.db.transaction(async () => {
        const c = await rows.load(documentId);
        if (!c) return null;
        if (!c.pausedSince) throw fieldError('pausedSince', 'the clock is not paused');
        const rule = c.routingRule;
        const kind = clockOf(rule);
        const pausedMinutes = (c.pausedMinutes ?? 0) + clockMinutesBetween(kind, new Date(c.pausedSince), now, calendar());
        const clock = { receivedAt: new Date(c.receivedAt), pausedMinutes };
        const data: ComplaintChanges = { pausedSince: null, pausedMinutes };
        if (rule) {
          data.firstResponseDueAt = clockDeadline(kind, clock, Number(rule.firstResponseHours), calendar());
          data.resolutionDueAt = clockDeadline(kind, clock, Number(rule.resolutionHours), calendar());
        }
        await rows.set(c.id, data);
        await events.append(c.id, 'note', actor, { note: `SLA resumed after ${pausedMinutes - (c.pausedMinutes ?? 0)} ${kind === 'business' ? 'business ' : ''}minutes` });
        return rows.load(documentId);
      });
    },

    /** A closed complaint gets a satisfaction call three days later (front desk, least loaded). */
    async scheduleSatisfactionCheck(c: ComplaintRow) {
      const key = `complaint:${c.referenceNumber}:satisfaction`;
      const tasks = followUpTasks(strapi);
      if (await tasks.exists(key)) return;
      const assignee = await x.leastLoaded('front_desk');
      await tasks.createMany([
        {
          idempotencyKey: key,
          step: '3d',
          stepIndex: 0,
          purpose: '客訴結案滿意度回訪 · complaint satisfaction check',
          channel: 'phone',
          department: 'front_desk',
          dueAt: addCalendar(new Date(), { days: 3 }, cfg().timeZone),
          links: { complaint: c.id, assignee: assignee?.id ?? null },
        },
      ]);
    },

    async recordSatisfaction(documentId: string, input: SatisfactionInput, actor: string) {
      return strapi.db.transaction(async () => {
        const c = await rows.load(documentId);
        if (!c) return null;
        if (c.workflowStatus !== 'closed') throw fieldError('workflowStatus', 'satisfaction is recorded once the complaint is closed');
        await rows.set(c.id, { satisfactionScore: input.score });
        await followUpTasks(strapi).markDoneByKey(`complaint:${c.referenceNumber}:satisfaction`, input.comment ?? null);
        await events.append(c.id, 'satisfaction', actor, { note: `${input.score}/5${input.comment ? ` · ${input.comment}` : ''}` });
        return rows.load(documentId);
      });
    },
  };
  return workflow;
};
