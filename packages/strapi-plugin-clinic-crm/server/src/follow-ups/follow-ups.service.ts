import type { Core } from '@strapi/strapi';
import { DEFAULT_FOLLOW_UP_PLAN, FollowUpStep, parseStepCode, scheduleFollowUps } from './domain/follow-up-ladder';
import { escalationLevel } from '../core/outbox/delivery';
import { DEFAULT_LANGUAGE, Language, languageOf, pick } from '../core/i18n/locales';
import { addCalendar, formatLocalDateTime, fromWallTime, localDate, toWallTime } from '../core/time/time';
import { CHANNEL_LABELS, STEP_LABELS } from '../core/outbox/email-templates';
import { UID, getConfig, getService } from '../core/plugin';
import { insertRows } from '../core/rows';
import { fieldError } from '../core/http/validation-errors';

const OUTCOMES = ['normal_recovery', 'needs_visit', 'complication'] as const;
export type Outcome = (typeof OUTCOMES)[number];

const stepLabel = (code: string, language: Language) => {
  const { value, unit } = parseStepCode(code);
  return pick(STEP_LABELS[unit], language).replace('{n}', String(value));
};

const RECORD_POPULATE = {
  client: { fields: ['fullName', 'preferredName', 'phone', 'preferredLanguage'] },
  treatment: { fields: ['documentId'] },
  practitioner: { fields: ['fullName', 'email', 'department', 'isActive', 'preferredLanguage', 'dailyDigest'] },
} as const;

/**
 * The follow-up ladder after each treatment: tasks with unique keys `record:step`, assigned
 * and emailed through the outbox when due, escalated to management when overdue.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const tz = () => getConfig(strapi).timeZone;
  const adminLink = (uid: string, documentId: string) => `${getConfig(strapi).adminUrl}/content-manager/collection-types/${uid}/${documentId}`;

  /**
   * Active staff of the given departments. Tasks rotate through a department by record and step
   * (an even spread over time), which costs nothing per task: counting open load per assignment
   * would scan a table that grows with every treatment.
   */
  const staffPool = async (departments: string[]) => {
    const staff = await strapi.db.query(UID.staffMember).findMany({
      where: { department: { $in: departments }, isActive: true },
      select: ['id', 'documentId', 'fullName', 'email', 'department', 'preferredLanguage', 'dailyDigest'],
      orderBy: { id: 'asc' },
    });
    return {
      pick(department: string, recordId: number, stepIndex: number) {
        const candidates = staff.filter((m: any) => m.department === department);
        if (candidates.length === 0) return null;
        return candidates[(recordId + stepIndex) % candidates.length];
      },
    };
  };

  const planFor = async (treatmentDocumentId: string | undefined): Promise<FollowUpStep[]> => {
    if (!treatmentDocumentId) return DEFAULT_FOLLOW_UP_PLAN;
    const t = await strapi.documents(UID.treatment).findOne({ documentId: treatmentDocumentId, locale: DEFAULT_LANGUAGE, status: 'published', populate: { followUpPlan: true } } as any);
    const plan = (t as any)?.followUpPlan as FollowUpStep[] | undefined;
    return plan && plan.length ? plan : DEFAULT_FOLLOW_UP_PLAN;
  };

  const payloadFor = (task: any, record: any, assignee: any, language: Language) => ({
    assignee: { name: assignee?.fullName ?? '' },
    client: { name: record.client?.preferredName || record.client?.fullName || '', phone: record.client?.phone ?? '' },
    treatment: { name: record.priceSnapshot?.treatment?.name ?? '' },
    record: { number: record.recordNumber, performedLocal: formatLocalDateTime(record.performedAt, tz()) },
    step: { code: task.step, label: stepLabel(task.step, language), channelLabel: pick(CHANNEL_LABELS[task.channel] ?? CHANNEL_LABELS.phone, language) },
    task: { purpose: task.purpose ?? '', dueLocal: formatLocalDateTime(task.dueAt, tz()) },
    links: { task: adminLink(UID.followUpTask, task.documentId) },
  });


  const service = {
    /**
     * Creates the record's missing tasks and their due emails; moves pending ones when the
     * treatment time changed. Safe to call any number of times for the same record.
     */
    async scheduleForRecord(recordDocumentId: string) {
      const record: any = await strapi.documents(UID.treatmentRecord).findOne({ documentId: recordDocumentId, populate: RECORD_POPULATE } as any);
      if (!record) return { created: 0, rescheduled: 0 };
      const steps = scheduleFollowUps(record.documentId, new Date(record.performedAt), await planFor(record.treatment?.documentId), tz());
      const existing = await strapi.db.query(UID.followUpTask).findMany({
        where: { idempotencyKey: { $in: steps.map((s) => s.idempotencyKey) } },
        select: ['id', 'documentId', 'idempotencyKey', 'taskStatus', 'dueAt', 'step', 'channel', 'purpose'],
        populate: { assignee: { select: ['id', 'documentId', 'fullName', 'email', 'preferredLanguage'] } },
      });
      const byKey = new Map(existing.map((t: any) => [t.idempotencyKey, t]));
      let created = 0;
      let rescheduled = 0;
      const outbox = getService(strapi, 'outbox');

      const practitioner = record.practitioner;
      const missing = steps.filter((step) => !byKey.has(step.idempotencyKey));
      const needed = [...new Set(missing.filter((st) => !(practitioner?.isActive && practitioner.department === st.department)).map((st) => st.department))];
      const pool = needed.length ? await staffPool(needed) : null;

      const toCreate: Array<{ step: (typeof steps)[number]; assignee: any }> = [];
      for (const step of steps) {
        const current: any = byKey.get(step.idempotencyKey);
        if (!current) {
          const assignee = practitioner?.isActive && practitioner.department === step.department ? practitioner : pool?.pick(step.department, record.id, step.stepIndex);
          toCreate.push({ step, assignee });
          continue;
        }
        if (current.taskStatus === 'pending' && new Date(current.dueAt).getTime() !== step.dueAt.getTime()) {
          await strapi.db.query(UID.followUpTask).update({ where: { id: current.id }, data: { dueAt: step.dueAt } });
          const lang = languageOf(current.assignee);
          await outbox.reschedule(`task:${step.idempotencyKey}:due`, step.dueAt, payloadFor({ ...current, dueAt: step.dueAt }, record, current.assignee, lang));
          rescheduled += 1;
        }
      }

      // System rows: one INSERT for the tasks, one per link table, one for their emails.
      const ids = await insertRows(
        strapi,
        UID.followUpTask,
        toCreate.map(({ step, assignee }) => ({
          data: {
            idempotencyKey: step.idempotencyKey,
            step: step.code,
            stepIndex: step.stepIndex,
            purpose: step.purpose,
            channel: step.channel,
            department: step.department,
            dueAt: step.dueAt,
            taskStatus: 'pending',
            escalationLevel: 0,
          },
          links: { treatmentRecord: record.id, assignee: assignee?.id ?? null },
        }))
      );
      created = ids.length;
      const documentIds = new Map(
        ids.length ? (await strapi.db.query(UID.followUpTask).findMany({ where: { id: { $in: ids } }, select: ['id', 'documentId'] })).map((t: any) => [t.id, t.documentId]) : []
      );
      // Staff on the daily digest get one morning email instead of one per task.
      await outbox.enqueueMany(
        toCreate
          .map(({ step, assignee }, i) => ({ step, assignee, documentId: documentIds.get(ids[i]) }))
          .filter(({ assignee }) => assignee?.email && !assignee.dailyDigest)
          .map(({ step, assignee, documentId }) => {
            const lang = languageOf(assignee);
            return {
              key: `task:${step.idempotencyKey}:due`,
              template: 'follow_up_due',
              language: lang,
              recipientEmail: assignee.email,
              recipientStaff: assignee.id,
              payload: payloadFor({ ...step, step: step.code, documentId }, record, assignee, lang),
              notBefore: step.dueAt,
            };
          })
      );
      return { created, rescheduled };
    },

    /**
     * Escalates overdue pending tasks to the management contacts, once per level:
     * the notification key `task:<key>:escalation:<level>` is unique.
     */
    async escalateOverdue(now = new Date()) {
      const hours = getConfig(strapi).followUps.escalationHours ?? [24, 72];
      const firstThreshold = new Date(now.getTime() - Math.min(...hours) * 3_600_000);
      const overdue = await strapi.db.query(UID.followUpTask).findMany({
        where: { taskStatus: 'pending', dueAt: { $lte: firstThreshold }, escalationLevel: { $lt: hours.length } },
        select: ['id', 'documentId', 'idempotencyKey', 'dueAt', 'step', 'channel', 'purpose', 'escalationLevel'],
        populate: { assignee: { select: ['fullName'] }, treatmentRecord: { select: ['documentId'] } },
        limit: 500,
      });
      if (overdue.length === 0) return { escalated: 0 };
      const managers = await strapi.db.query(UID.staffMember).findMany({ where: { department: 'management', isActive: true }, select: ['id', 'documentId', 'fullName', 'email', 'preferredLanguage'] });
      let escalated = 0;
      for (const task of overdue as any[]) {
        const level = escalationLevel(new Date(task.dueAt), now, hours);
        if (level <= (task.escalationLevel ?? 0)) continue;
        const record: any = task.treatmentRecord
          ? await strapi.documents(UID.treatmentRecord).findOne({ documentId: task.treatmentRecord.documentId, populate: RECORD_POPULATE } as any)
          : { client: null, priceSnapshot: null, performedAt: task.dueAt };
        await strapi.db.transaction(async () => {
          // Conditional: another instance that got here first wins, this one writes nothing.
          const moved = await strapi.db.query(UID.followUpTask).updateMany({
            where: { id: task.id, escalationLevel: task.escalationLevel ?? 0 },
            data: { escalationLevel: level },
          });
          if (moved.count === 0) return;
          for (const manager of managers) {
            const lang = languageOf(manager);
            await getService(strapi, 'outbox').enqueue({
              key: `task:${task.idempotencyKey}:escalation:${level}:${manager.documentId}`,
              template: 'follow_up_overdue',
              language: lang,
              recipientEmail: manager.email,
              recipientStaff: manager.id,
              payload: {
                ...payloadFor(task, record, task.assignee, lang),
                recipient: { name: manager.fullName },
                assignee: { name: task.assignee?.fullName ?? '—' },
                escalation: { level },
              },
            });
          }
          escalated += 1;
        });
      }
      return { escalated };
    },

    /**
     * One email per digest subscriber and clinic day listing the pending tasks due by the end of
     * that day (overdue ones included). The key `digest:<staff>:<date>` makes it once a day.
     */
    async sendDigests(now = new Date()) {
      const zone = tz();
      const today = localDate(now, zone);
      const startOfToday = fromWallTime({ ...toWallTime(now, zone), hour: 0, minute: 0, second: 0, millisecond: 0 }, zone);
      const endOfToday = addCalendar(startOfToday, { days: 1 }, zone);
      const subscribers = await strapi.db.query(UID.staffMember).findMany({ where: { dailyDigest: true, isActive: true }, select: ['id', 'documentId', 'fullName', 'email', 'preferredLanguage'] });
      let sent = 0;
      for (const staff of subscribers) {
        const tasks = await strapi.db.query(UID.followUpTask).findMany({
          where: { taskStatus: 'pending', dueAt: { $lt: endOfToday }, assignee: { id: staff.id } },
          select: ['documentId', 'step', 'channel', 'purpose', 'dueAt'],
          populate: { treatmentRecord: { select: ['priceSnapshot'], populate: { client: { select: ['fullName', 'preferredName', 'phone'] } } } },
          orderBy: { dueAt: 'asc' },
          limit: 200,
        });
        if (tasks.length === 0) continue;
        const lang = languageOf(staff);
        const { created } = await getService(strapi, 'outbox').enqueue({
          key: `digest:${staff.documentId}:${today}`,
          template: 'follow_up_digest',
          language: lang,
          recipientEmail: staff.email,
          recipientStaff: staff.id,
          payload: {
            recipient: { name: staff.fullName },
            date: today,
            count: tasks.length,
            tasks: tasks.map((t: any) => ({
              client: { name: t.treatmentRecord?.client?.preferredName || t.treatmentRecord?.client?.fullName || '', phone: t.treatmentRecord?.client?.phone ?? '' },
              treatment: { name: t.treatmentRecord?.priceSnapshot?.treatment?.name ?? '' },
              step: { label: stepLabel(t.step, lang), channelLabel: pick(CHANNEL_LABELS[t.channel] ?? CHANNEL_LABELS.phone, lang) },
              purpose: t.purpose ?? '',
              dueLocal: formatLocalDateTime(t.dueAt, zone),
              link: adminLink(UID.followUpTask, t.documentId),
            })),
          },
        });
        if (created) sent += 1;
      }
      return { sent };
    },

    /** A deleted record's pending tasks are cancelled and their emails withdrawn. */
    async cancelForRecord(recordDocumentId: string) {
      const tasks = await strapi.db.query(UID.followUpTask).findMany({
        where: { taskStatus: 'pending', treatmentRecord: { documentId: recordDocumentId } },
        select: ['id', 'idempotencyKey'],
      });
      for (const t of tasks) {
        await strapi.db.query(UID.followUpTask).update({ where: { id: t.id }, data: { taskStatus: 'cancelled' } });
        await getService(strapi, 'outbox').cancel(`task:${t.idempotencyKey}:due`);
      }
      return tasks.length;
    },

    /**
     * Records the outcome of a follow-up. A complication opens a medical complaint linked to the
     * treatment record (and notifies the doctors through the outbox).
     */
    async complete(taskDocumentId: string, input: { outcome?: unknown; notes?: unknown }, actor: string) {
      if (!OUTCOMES.includes(input.outcome as Outcome)) throw fieldError('outcome', `outcome must be one of: ${OUTCOMES.join(', ')}`);
      if (input.notes !== undefined && input.notes !== null && (typeof input.notes !== 'string' || input.notes.length > 4000)) {
        throw fieldError('notes', 'notes must be text of at most 4000 characters');
      }
      return strapi.db.transaction(async () => {
        const task: any = await strapi.db.query(UID.followUpTask).findOne({
          where: { documentId: taskDocumentId },
          populate: { treatmentRecord: { select: ['documentId'] } },
        });
        if (!task) return null;
        const done = await strapi.db.query(UID.followUpTask).updateMany({
          where: { id: task.id, taskStatus: 'pending' },
          data: { taskStatus: 'done', outcome: input.outcome, outcomeNotes: (input.notes as string) ?? null, completedAt: new Date() },
        });
        if (done.count === 0) throw fieldError('taskStatus', `this task is already ${task.taskStatus}`);
        await getService(strapi, 'outbox').cancel(`task:${task.idempotencyKey}:due`);
        let complaint: any = null;
        if (input.outcome === 'complication' && task.treatmentRecord) {
          complaint = await getService(strapi, 'complaints').openFromFollowUp({ task, recordDocumentId: task.treatmentRecord.documentId, notes: (input.notes as string) ?? '', actor });
        }
        const updated = await strapi.documents(UID.followUpTask).findOne({ documentId: taskDocumentId });
        return { task: updated, complaint };
      });
    },
  };
  return service;
};
