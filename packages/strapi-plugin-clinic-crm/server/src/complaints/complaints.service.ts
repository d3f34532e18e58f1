import { randomBytes } from 'crypto';
import type { Core } from '@strapi/strapi';
import { BusinessCalendar, DEFAULT_CALENDAR, businessMinutesBetween, slaDeadline, validateCalendar } from '../core/time/business-time';
import { MEDICAL_CATEGORIES, OPEN_STATUSES, assertTransition, ComplaintStatus } from './domain/complaint-workflow';
import { DEFAULT_ROUTING_RULES, RoutingRule, matchRule } from './domain/routing';
import { COMPLAINT_CATEGORY_LABELS, DEFAULT_LANGUAGE, Language, languageOf, pick } from '../core/i18n/locales';
import { addCalendar, formatLocalDateTime, localDate } from '../core/time/time';
import { UID, getConfig, getService } from '../core/plugin';
import { insertRows } from '../core/rows';
import { asValidation, fieldError } from '../core/http/validation-errors';
import { forbiddenField, sessionStaff } from '../core/http/session';
import { requestLanguage, say } from '../core/http/language';

const APPROVER_FROM_SESSION = {
  'zh-Hant': '核准人不能由他人指定：超過門檻的退款由管理者本人登入後執行。',
  'zh-Hans': '核准人不能由他人指定：超过门槛的退款由管理者本人登录后执行。',
  en: 'An approver cannot be named: a refund above the threshold is executed by a manager, signed in as themselves.',
};

const STAFF_FIELDS = ['id', 'documentId', 'fullName', 'email', 'department', 'preferredLanguage'];
const SLA_KIND: Record<string, Record<Language, string>> = {
  first_response: { 'zh-Hant': '首次回覆', 'zh-Hans': '首次回复', en: 'first response' },
  resolution: { 'zh-Hant': '結案', 'zh-Hans': '结案', en: 'resolution' },
};

export interface TransitionRequest {
  to?: unknown;
  note?: unknown;
  resolution?: { types?: unknown; refundAmount?: unknown; notes?: unknown } | null;
  approvedBy?: unknown; // staff documentId of a manager
}

/**
 * Complaints: intake from any channel, routing by editable rules, SLA clocks in business time,
 * validated workflow with a timeline, escalation, satisfaction follow-up and analytics.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const cfg = () => getConfig(strapi);
  const calendar = (): BusinessCalendar => ({ ...DEFAULT_CALENDAR, ...(cfg().businessCalendar ?? {}), timeZone: cfg().timeZone });
  const link = (documentId: string) => `${cfg().adminUrl}/content-manager/collection-types/${UID.complaint}/${documentId}`;
  const local = (d: Date | string | null | undefined) => (d ? formatLocalDateTime(d, cfg().timeZone) : '—');

  const event = (complaintId: number, type: string, actor: string, extra: Record<string, unknown> = {}) =>
    insertRows(strapi, UID.complaintEvent, [{ data: { type, actor, occurredAt: new Date(), ...extra }, links: { complaint: complaintId } }]);

  const payload = (c: any, recipient: any, lang: Language, extra: Record<string, unknown> = {}) => ({
    recipient: { name: recipient.fullName },
    complaint: {
      referenceNumber: c.referenceNumber,
      contactName: c.contactName,
      categoryLabel: pick(COMPLAINT_CATEGORY_LABELS[c.category] ?? COMPLAINT_CATEGORY_LABELS.other, lang),
      severity: c.severity,
      firstResponseDueLocal: local(c.firstResponseDueAt),
      resolutionDueLocal: local(c.resolutionDueAt),
    },
    links: { complaint: link(c.documentId) },
    ...extra,
  });

  const activeStaff = (department: string) =>
    strapi.db.query(UID.staffMember).findMany({ where: { department, isActive: true }, select: STAFF_FIELDS, orderBy: { id: 'asc' } });

  /** The active member of a department with the fewest open complaints (one GROUP BY). */
  const leastLoaded = async (department: string) => {
    const staff = await activeStaff(department);
    if (staff.length <= 1) return staff[0] ?? null;
    const meta: any = strapi.db.metadata.get(UID.complaint);
    const lnk = meta.attributes.assignee.joinTable;
    const col = `l.${lnk.inverseJoinColumn.name}`;
    const rows = await strapi.db.transaction(({ trx }) =>
      trx(`${lnk.name} as l`)
        .join(`${meta.tableName} as c`, 'c.id', `l.${lnk.joinColumn.name}`)
        .whereIn('c.workflow_status', OPEN_STATUSES)
        .whereIn(col, staff.map((s: any) => s.id))
        .groupBy(col)
        .select({ id: col })
        .count({ n: '*' })
    );
    const load = new Map((rows as any[]).map((r) => [Number(r.id), Number(r.n)]));
    return staff.reduce((best: any, s: any) => ((load.get(s.id) ?? 0) < (load.get(best.id) ?? 0) ? s : best));
  };

  const notify = (key: string, template: string, recipients: any[], c: any, extra: Record<string, unknown> = {}) =>
    getService(strapi, 'outbox').enqueueMany(
      recipients
        .filter((r) => r?.email)
        .map((r) => {
          const lang = languageOf(r);
          return { key: `${key}:${r.documentId}`, template, language: lang, recipientEmail: r.email, recipientStaff: r.id, payload: payload(c, r, lang, extra) };
        })
    );

  const loadComplaint = (documentId: string) =>
    strapi.db.query(UID.complaint).findOne({
      where: { documentId },
      populate: {
        assignee: { select: STAFF_FIELDS },
        routingRule: true,
        client: { select: ['id', 'documentId'] },
        treatmentRecord: { select: ['id', 'documentId', 'priceSnapshot'] },
      },
    });

  const service = {
    calendar,

    newReferenceNumber(at = new Date()) {
      return `CMP-${localDate(at, cfg().timeZone).replace(/-/g, '')}-${randomBytes(4).toString('hex').toUpperCase()}`;
    },

    /** Creates the default routing rules when there are none (first boot). */
    async ensureDefaultRules() {
      if ((await strapi.db.query(UID.routingRule).count()) > 0) return 0;
      await insertRows(strapi, UID.routingRule, DEFAULT_ROUTING_RULES.map((r) => ({ data: { ...r } })));
      return DEFAULT_ROUTING_RULES.length;
    },

    async rules(): Promise<Array<RoutingRule & { id: number }>> {
      const rows = await strapi.db.query(UID.routingRule).findMany({ limit: 500 });
      return rows.map((r: any) => ({ ...r, firstResponseHours: Number(r.firstResponseHours), resolutionHours: Number(r.resolutionHours), warningHours: Number(r.warningHours ?? 2) }));
    },

    /**
     * Routing, called once for each new complaint (in its transaction): rule → department, assignee
     * (least open load), SLA deadlines in business time, a timeline entry, the assignment email and,
     * for urgent medical complaints, an immediate alert to every doctor.
     */
    async route(documentId: string, actor: string) {
      const c: any = await loadComplaint(documentId);
      if (!c || c.routingRule) return c;
      const rule = matchRule(await service.rules(), c.category, c.severity);
      if (!rule) throw fieldError('category', `no routing rule covers category ${c.category} (severity ${c.severity})`);
      const department = rule.department;
      const assignee = c.assignee ?? (await leastLoaded(department));
      const clock = { receivedAt: new Date(c.receivedAt), pausedMinutes: 0 };
      const firstResponseDueAt = slaDeadline(clock, rule.firstResponseHours, calendar());
      const resolutionDueAt = slaDeadline(clock, rule.resolutionHours, calendar());
      await strapi.db.query(UID.complaint).update({
        where: { id: c.id },
        data: { department, assignee: assignee?.id ?? null, routingRule: rule.id, firstResponseDueAt, resolutionDueAt, pausedMinutes: 0 },
      });
      const routed = { ...c, department, firstResponseDueAt, resolutionDueAt };
      await event(c.id, 'routed', actor, { note: `→ ${department}${assignee ? ` · ${assignee.fullName}` : ''} · SLA ${rule.firstResponseHours} h / ${rule.resolutionHours} h` });
      if (assignee) await notify(`complaint:${c.referenceNumber}:assigned`, 'complaint_assigned', [assignee], routed);
      if (rule.notifyDoctorsImmediately) {
        const channel: Record<string, string> = { walk_in: '現場', phone: '電話', email: 'Email', website: '網站', social: '社群', follow_up_call: '回訪' };
        await notify(`complaint:${c.referenceNumber}:doctor-alert`, 'complaint_opened', await activeStaff('doctor'), routed, {
          client: { name: c.contactName, phone: c.contactPhone ?? '' },
          treatment: { name: c.treatmentRecord?.priceSnapshot?.treatment?.name ?? '—' },
          step: { label: channel[c.channel] ?? c.channel },
        });
      }
      return routed;
    },

    /** Checks a status change and computes what it sets; used by the API and the document middleware. */
    async planTransition(c: any, request: TransitionRequest, actorIsManager: boolean) {
      const resolution = request.resolution ?? {};
      if (resolution !== null && typeof resolution !== 'object') throw fieldError('resolution', 'resolution must be an object { types, refundAmount, notes }');
      const types = resolution.types ?? c.resolutionTypes ?? null;
      if (types !== null && (!Array.isArray(types) || types.some((t: unknown) => typeof t !== 'string'))) throw fieldError('resolution.types', 'resolution.types must be a list');
      const refund = resolution.refundAmount ?? c.refundAmount ?? null;
      if (refund !== null && !(Number.isSafeInteger(refund) && (refund as number) >= 0)) throw fieldError('resolution.refundAmount', 'refundAmount must be a whole number ≥ 0');
      if (request.note !== undefined && request.note !== null && (typeof request.note !== 'string' || request.note.length > 4000)) throw fieldError('note', 'note must be text of at most 4000 characters');
      // A manager approves a large refund by executing it, signed in as themselves: nobody can
      // name an approver in the request (a second person's approval is their own step).
      if (request.approvedBy !== undefined && request.approvedBy !== null) {
        throw forbiddenField('approvedBy', say(requestLanguage(strapi), APPROVER_FROM_SESSION));
      }
      // a manager executing it is their own approval; anyone else needs a manager's approved request
      const approvedByManager = actorIsManager || (request.to === 'resolution_executed' && (await service.refundApproved(c.id, Number(refund ?? 0))));
      const to = asValidation(() =>
        assertTransition({
          from: c.workflowStatus,
          to: String(request.to ?? ''),
          resolutionTypes: types as string[] | null,
          refundAmount: refund as number | null,
          refundApprovalThreshold: cfg().complaints.refundApprovalThreshold,
          approvedByManager,
          note: (request.note as string) ?? null,
        })
      );
      const now = new Date();
      const data: Record<string, unknown> = { workflowStatus: to };
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
    async afterTransition(c: any, from: ComplaintStatus, to: ComplaintStatus, actor: string, note: string | null, approvedByManager: boolean) {
      await event(c.id, 'status_changed', actor, { fromStatus: from, toStatus: to, note: note ?? null });
      if (to === 'resolution_proposed') {
        await event(c.id, 'resolution', actor, { note: `${(c.resolutionTypes ?? []).join(', ')}${c.refundAmount ? ` · refund ${c.refundAmount}` : ''}` });
        // a refund above the threshold proposed by someone who is not a manager: the managers are asked
        const me = await sessionStaff(strapi, strapi.requestContext?.get?.());
        if (me && me.department !== 'management' && Number(c.refundAmount ?? 0) > cfg().complaints.refundApprovalThreshold) {
          const a = await getService(strapi, 'approvals').request(me, { kind: 'refund', complaint: c.documentId, reason: c.resolutionNotes ?? null });
          await event(c.id, 'note', actor, { note: `refund approval requested: ${a.referenceNumber}` });
        }
      }
      if (to === 'resolution_executed' && approvedByManager && Number(c.refundAmount ?? 0) > cfg().complaints.refundApprovalThreshold) {
        const approval = await service.refundApproval(c.id);
        await event(c.id, 'note', actor, { note: approval ? `refund approved by ${approval.decidedBy?.fullName ?? '?'} (${approval.referenceNumber}, ${new Date(approval.decidedAt).toISOString()})` : `refund approved by the executing manager ${actor}` });
      }
      if (to === 'closed') {
        await service.scheduleSatisfactionCheck(c);
        await getService(strapi, 'surveys').forComplaint(c);
      }
    },

    /** The newest approved, unexpired refund approval of a complaint. */
    async refundApproval(complaintId: number) {
      return strapi.db.query(UID.approval).findOne({
        where: { kind: 'refund', approvalStatus: 'approved', complaint: { id: complaintId }, expiresAt: { $gt: new Date() } },
        orderBy: { decidedAt: 'desc' },
        populate: { decidedBy: { select: ['fullName'] } },
      });
    },

    async refundApproved(complaintId: number, amount: number) {
      const a: any = await service.refundApproval(complaintId);
      return !!a && Number(a.details?.refundAmount) >= amount;
    },

    async transition(documentId: string, request: TransitionRequest, actor: { label: string; isManager: boolean }) {
      return strapi.db.transaction(async () => {
        const c: any = await loadComplaint(documentId);
        if (!c) return null;
        const { to, data, approvedByManager } = await service.planTransition(c, request, actor.isManager);
        // conditional on the status it was read in: two staff moving it at once cannot both win
        const moved = await strapi.db.query(UID.complaint).updateMany({ where: { id: c.id, workflowStatus: c.workflowStatus }, data });
        if (moved.count === 0) throw fieldError('to', 'the complaint changed meanwhile; reload and try again');
        await service.afterTransition({ ...c, ...data }, c.workflowStatus, to, actor.label, (request.note as string) ?? null, approvedByManager);
        return loadComplaint(documentId);
      });
    },

    /** Waiting on the client: the SLA clocks stop until `resume`. */
    async pause(documentId: string, actor: string) {
      return strapi.db.transaction(async () => {
        const c: any = await loadComplaint(documentId);
        if (!c) return null;
        if (!OPEN_STATUSES.includes(c.workflowStatus)) throw fieldError('workflowStatus', `a ${c.workflowStatus} complaint has no running clock`);
        if (c.pausedSince) throw fieldError('pausedSince', 'the clock is already paused');
        await strapi.db.query(UID.complaint).update({ where: { id: c.id }, data: { pausedSince: new Date() } });
        await event(c.id, 'note', actor, { note: 'SLA paused: waiting on the client' });
        return loadComplaint(documentId);
      });
    },

    async resume(documentId: string, actor: string, now = new Date()) {
      return strapi.db.transaction(async () => {
        const c: any = await loadComplaint(documentId);
        if (!c) return null;
        if (!c.pausedSince) throw fieldError('pausedSince', 'the clock is not paused');
        const pausedMinutes = (c.pausedMinutes ?? 0) + businessMinutesBetween(new Date(c.pausedSince), now, calendar());
        const rule = c.routingRule;
        const clock = { receivedAt: new Date(c.receivedAt), pausedMinutes };
        const data: Record<string, unknown> = { pausedSince: null, pausedMinutes };
        if (rule) {
          data.firstResponseDueAt = slaDeadline(clock, Number(rule.firstResponseHours), calendar());
          data.resolutionDueAt = slaDeadline(clock, Number(rule.resolutionHours), calendar());
        }
        await strapi.db.query(UID.complaint).update({ where: { id: c.id }, data });
        await event(c.id, 'note', actor, { note: `SLA resumed after ${pausedMinutes - (c.pausedMinutes ?? 0)} business minutes` });
        return loadComplaint(documentId);
      });
    },

    /**
     * The SLA clock job: a warning before each deadline and an escalation at breach, each sent
     * once per complaint, kind and level (idempotency keys); `breached` stays set for good.
     */
    async checkSla(now = new Date()) {
      const open = await strapi.db.query(UID.complaint).findMany({
        where: { workflowStatus: { $in: OPEN_STATUSES }, pausedSince: { $null: true } },
        populate: { assignee: { select: STAFF_FIELDS }, routingRule: true },
        limit: 1000,
      });
      let warnings = 0;
      let escalations = 0;
      for (const c of open as any[]) {
        const rule = c.routingRule;
        if (!rule) continue;
        const warnMs = Number(rule.warningHours ?? 2) * 3_600_000;
        const chain: string[] = Array.isArray(rule.escalationChain) && rule.escalationChain.length ? rule.escalationChain : ['management'];
        const clocks = [
          { kind: 'first_response', due: c.firstRespondedAt ? null : c.firstResponseDueAt, level: 1, flag: 'firstResponseBreached' },
          { kind: 'resolution', due: c.resolvedAt ? null : c.resolutionDueAt, level: 2, flag: 'resolutionBreached' },
        ];
        for (const clock of clocks) {
          if (!clock.due) continue;
          const due = new Date(clock.due).getTime();
          const lang = (r: any) => languageOf(r);
          if (now.getTime() >= due - warnMs && now.getTime() < due && c.assignee) {
            const [r] = await notify(`complaint:${c.referenceNumber}:warning:${clock.kind}`, 'complaint_sla_warning', [c.assignee], c, {
              sla: { kindLabel: pick(SLA_KIND[clock.kind], lang(c.assignee)) },
            });
            if (r?.created) warnings += 1;
          }
          if (now.getTime() >= due) {
            await strapi.db.transaction(async () => {
              const moved = await strapi.db.query(UID.complaint).updateMany({
                where: { id: c.id, escalationLevel: { $lt: clock.level } },
                data: { escalationLevel: clock.level, breached: true, [clock.flag]: true },
              });
              if (moved.count === 0) return; // this level was handled already (here or on another instance)
              const department = chain[Math.min(clock.level - 1, chain.length - 1)];
              const recipients = await activeStaff(department);
              await notify(`complaint:${c.referenceNumber}:escalation:${clock.level}`, 'complaint_escalated', recipients, c, {
                sla: { kindLabel: pick(SLA_KIND[clock.kind], DEFAULT_LANGUAGE) },
                escalation: { level: clock.level },
              });
              await event(c.id, 'escalated', 'system', { note: `${clock.kind} deadline passed → level ${clock.level} (${department})` });
              escalations += 1;
            });
          }
        }
      }
      return { warnings, escalations };
    },

    /** A closed complaint gets a satisfaction call three days later (front desk, least loaded). */
    async scheduleSatisfactionCheck(c: any) {
      const key = `complaint:${c.referenceNumber}:satisfaction`;
      if (await strapi.db.query(UID.followUpTask).findOne({ where: { idempotencyKey: key }, select: ['id'] })) return;
      const assignee = await leastLoaded('front_desk');
      const dueAt = addCalendar(new Date(), { days: 3 }, cfg().timeZone);
      await insertRows(strapi, UID.followUpTask, [
        {
          data: { idempotencyKey: key, step: '3d', stepIndex: 0, purpose: '客訴結案滿意度回訪 · complaint satisfaction check', channel: 'phone', department: 'front_desk', dueAt, taskStatus: 'pending', escalationLevel: 0 },
          links: { complaint: c.id, assignee: assignee?.id ?? null },
        },
      ]);
    },

    async recordSatisfaction(documentId: string, input: { score?: unknown; comment?: unknown }, actor: string) {
      if (!Number.isInteger(input.score) || (input.score as number) < 1 || (input.score as number) > 5) throw fieldError('score', 'score must be a whole number from 1 to 5');
      if (input.comment !== undefined && input.comment !== null && (typeof input.comment !== 'string' || input.comment.length > 2000)) throw fieldError('comment', 'comment must be text of at most 2000 characters');
      return strapi.db.transaction(async () => {
        const c: any = await loadComplaint(documentId);
        if (!c) return null;
        if (c.workflowStatus !== 'closed') throw fieldError('workflowStatus', 'satisfaction is recorded once the complaint is closed');
        await strapi.db.query(UID.complaint).update({ where: { id: c.id }, data: { satisfactionScore: input.score } });
        await strapi.db.query(UID.followUpTask).updateMany({
          where: { idempotencyKey: `complaint:${c.referenceNumber}:satisfaction`, taskStatus: 'pending' },
          data: { taskStatus: 'done', completedAt: new Date(), outcomeNotes: (input.comment as string) ?? null },
        });
        await event(c.id, 'satisfaction', actor, { note: `${input.score}/5${input.comment ? ` · ${input.comment}` : ''}` });
        return loadComplaint(documentId);
      });
    },

    /** Intake used by other features: a follow-up that finds a complication opens a medical complaint. */
    async openFromFollowUp(input: { task: any; recordDocumentId: string; notes: string; actor: string }) {
      const record: any = await strapi.documents(UID.treatmentRecord).findOne({
        documentId: input.recordDocumentId,
        populate: { client: { fields: ['fullName', 'preferredName', 'phone', 'email'] } },
      } as any);
      return strapi.documents(UID.complaint).create({
        data: {
          client: record?.client?.documentId ?? null,
          contactName: record?.client?.fullName ?? '—',
          contactPhone: record?.client?.phone ?? null,
          contactEmail: record?.client?.email ?? null,
          channel: 'follow_up_call',
          category: 'side_effect',
          severity: 'high',
          description: input.notes || `Complication reported at follow-up ${input.task.step}`,
          treatmentRecord: input.recordDocumentId,
        } as any,
      });
    },

    isMedical: (category: string) => MEDICAL_CATEGORIES.includes(category),
  };
  return service;
};

export const validateBusinessCalendar = validateCalendar;
