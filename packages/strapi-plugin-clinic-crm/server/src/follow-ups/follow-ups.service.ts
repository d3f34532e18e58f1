import type { Core } from '@strapi/strapi';
import { DEFAULT_FOLLOW_UP_PLAN, FollowUpStep, parseStepCode, scheduleFollowUps } from './domain/follow-up-ladder';
import { escalationLevel } from '../core/outbox/delivery';
import { DEFAULT_LANGUAGE, Language, languageOf, pick } from '../core/i18n/locales';
import { addCalendar, formatLocalDateTime, fromWallTime, localDate, toWallTime } from '../core/time/time';
import { CHANNEL_LABELS, STEP_LABELS } from '../core/outbox/email-templates';
import { UID, getConfig, getService } from '../core/plugin';
import { fieldError } from '../core/http/validation-errors';
import { forbiddenField, requireSessionStaff } from '../core/http/session';
import { requestLanguage, say } from '../core/http/language';
import { actorIsManager } from '../complaints/complaints.middleware';
import { followUpTasks } from './follow-up-task.repository';
import type { CompleteInput } from './follow-up.schema';
import type { TaskRecord, TaskRow, TaskStaff } from './types';

type DocumentParams = Parameters<ReturnType<Core.Strapi['documents']>['findOne']>[0];

const stepLabel = (code: string, language: Language) => {
  const { value, unit } = parseStepCode(code);
  return pick(STEP_LABELS[unit], language).replace('{n}', String(value));
};

const NOT_YOURS = {
  'zh-Hant': '這個任務指派給其他人員：只能完成自己的任務（或本部門未指派的任務）。',
  'zh-Hans': '这个任务指派给其他人员：只能完成自己的任务（或本部门未指派的任务）。',
  en: 'This task is assigned to someone else: you complete your own tasks (or unassigned ones of your department).',
};

const RECORD_POPULATE = {
  client: { fields: ['fullName', 'preferredName', 'phone', 'preferredLanguage'] },
  treatment: { fields: ['documentId'] },
  practitioner: { fields: ['fullName', 'email', 'department', 'isActive', 'preferredLanguage', 'dailyDigest'] },
};

/**
 * The follow-up ladder after each treatment: tasks with unique keys `record:step`, assigned
 * and emailed through the outbox when due, escalated to management when overdue.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const tz = () => getConfig(strapi).timeZone;
  const tasks = followUpTasks(strapi);
  const adminLink = (uid: string, documentId: string) => `${getConfig(strapi).adminUrl}/content-manager/collection-types/${uid}/${documentId}`;

  /**
   * Active staff of the given departments. Tasks rotate through a department by record and step
   * (an even spread over time), which costs nothing per task: counting open load per assignment
   * would scan a table that grows with every treatment.
   */
  const staffPool = async (departments: string[]) => {
    const staff = (await strapi.db.query(UID.staffMember).findMany({
      where: { department: { $in: departments }, isActive: true },
      select: ['id', 'documentId', 'fullName', 'email', 'department', 'preferredLanguage', 'dailyDigest'],
      orderBy: { id: 'asc' },
    })) as TaskStaff[];
    return {
      pick(department: string, recordId: number, stepIndex: number): TaskStaff | null {
        const candidates = staff.filter((m) => m.department === department);
        if (candidates.length === 0) return null;
        return candidates[(recordId + stepIndex) % candidates.length];
      },
    };
  };

  const planFor = async (treatmentDocumentId: string | undefined): Promise<FollowUpStep[]> => {
    if (!treatmentDocumentId) return DEFAULT_FOLLOW_UP_PLAN;
    const t = (await strapi.documents(UID.treatment).findOne({ documentId: treatmentDocumentId, locale: DEFAULT_LANGUAGE, status: 'published', populate: { followUpPlan: true } } as DocumentParams)) as {
      followUpPlan?: FollowUpStep[] | null;
    } | null;
    const plan = t?.followUpPlan;
    return plan && plan.length ? plan : DEFAULT_FOLLOW_UP_PLAN;
  };

  const payloadFor = (
    task: Pick<TaskRow, 'step' | 'channel' | 'purpose' | 'dueAt'> & { documentId?: string },
    record: TaskRecord,
    assignee: TaskStaff | null | undefined,
    language: Language
  ) => ({
    assignee: { name: assignee?.fullName ?? '' },
    client: { name: record.client?.preferredName || record.client?.fullName || '', phone: record.client?.phone ?? '' },
    treatment: { name: record.priceSnapshot?.treatment?.name ?? '' },
    record: { number: record.recordNumber, performedLocal: formatLocalDateTime(record.performedAt, tz()) },
    step: { code: task.step, label: stepLabel(task.step, language), channelLabel: pick(CHANNEL_LABELS[task.channel] ?? CHANNEL_LABELS.phone, language) },
    task: { purpose: task.purpose ?? '', dueLocal: formatLocalDateTime(task.dueAt, tz()) },
    links: { task: adminLink(UID.followUpTask, task.documentId ?? '') },
  });


  const service = {
    /**
     * Creates the record's missing tasks and their due emails; moves pending ones when the
     * treatment time changed. Safe to call any number of times for the same record.
     */
    async scheduleForRecord(recordDocumentId: string) {
      const record = (await strapi.documents(UID.treatmentRecord).findOne({ documentId: recordDocumentId, populate: RECORD_POPULATE } as DocumentParams)) as
        | (TaskRecord & { id: number; documentId: string })
        | null;
      if (!record) return { created: 0, rescheduled: 0 };
      const steps = scheduleFollowUps(record.documentId, new Date(record.performedAt), await planFor(record.treatment?.documentId), tz());
      const existing = (await strapi.db.query(UID.followUpTask).findMany({
        where: { idempotencyKey: { $in: steps.map((s) => s.idempotencyKey) } },
        select: ['id', 'documentId', 'idempotencyKey', 'taskStatus', 'dueAt', 'step', 'channel', 'purpose'],
        populate: { assignee: { select: ['id', 'documentId', 'fullName', 'email', 'preferredLanguage'] } },
      })) as TaskRow[];
      const byKey = new Map(existing.map((t) => [t.idempotencyKey, t]));
      let rescheduled = 0;
      const outbox = getService(strapi, 'outbox');

      const practitioner = record.practitioner;
      const missing = steps.filter((step) => !byKey.has(step.idempotencyKey));
      const needed = [...new Set(missing.filter((st) => !(practitioner?.isActive && practitioner.department === st.department)).map((st) => st.department))];
      const pool = needed.length ? await staffPool(needed) : null;

      const toCreate: Array<{ step: (typeof steps)[number]; assignee: TaskStaff | null | undefined }> = [];
      for (const step of steps) {
        const current = byKey.get(step.idempotencyKey);
        if (!current) {
          const assignee = practitioner?.isActive && practitioner.department === step.department ? practitioner : pool?.pick(step.department, record.id, step.stepIndex);
          toCreate.push({ step, assignee });
          continue;
        }
        if (current.taskStatus === 'pending' && new Date(current.dueAt).getTime() !== step.dueAt.getTime()) {
          await tasks.reschedule(current.id, step.dueAt);
          const lang = languageOf(current.assignee);
          await outbox.reschedule(`task:${step.idempotencyKey}:due`, step.dueAt, payloadFor({ ...current, dueAt: step.dueAt }, record, current.assignee, lang));
          rescheduled += 1;
        }
      }

      // System rows: one INSERT for the tasks, one per link table, one for their emails.
      const inserted = await tasks.createMany(
        toCreate.map(({ step, assignee }) => ({
          idempotencyKey: step.idempotencyKey,
          step: step.code,
          stepIndex: step.stepIndex,
          purpose: step.purpose,
          channel: step.channel,
          department: step.department,
          dueAt: step.dueAt,
          links: { treatmentRecord: record.id, assignee: assignee?.id ?? null },
        }))
      );
      // Staff on the daily digest get one morning email instead of one per task.
      await outbox.enqueueMany(
        toCreate
          .map(({ step, assignee }, i) => ({ step, assignee, documentId: inserted[i]?.documentId }))
          .filter((t): t is typeof t & { assignee: TaskStaff & { email: string } } => !!t.assignee?.email && !t.assignee.dailyDigest)
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
      return { created: inserted.length, rescheduled };
    },

    /**
     * Escalates overdue pending tasks to the management contacts, once per level:
     * the notification key `task:<key>:escalation:<level>` is unique.
     */
    async escalateOverdue(now = new Date()) {
      const hours = getConfig(strapi).followUps.escalationHours ?? [24, 72];
      const firstThreshold = new Date(now.getTime() - Math.min(...hours) * 3_600_000);
      const overdue = (await strapi.db.query(UID.followUpTask).findMany({
        where: { taskStatus: 'pending', dueAt: { $lte: firstThreshold }, escalationLevel: { $lt: hours.length } },
        select: ['id', 'documentId', 'idempotencyKey', 'dueAt', 'step', 'channel', 'purpose', 'escalationLevel'],
        populate: { assignee: { select: ['fullName'] }, treatmentRecord: { select: ['documentId'] } },
        limit: 500,
      })) as TaskRow[];
      if (overdue.length === 0) return { escalated: 0 };
      const managers = (await strapi.db.query(UID.staffMember).findMany({ where: { department: 'management', isActive: true }, select: ['id', 'documentId', 'fullName', 'email', 'preferredLanguage'] })) as TaskStaff[];
      let escalated = 0;
      for (const task of overdue) {
        const level = escalationLevel(new Date(task.dueAt), now, hours);
        if (level <= (task.escalationLevel ?? 0)) continue;
        const record = (
          task.treatmentRecord
            ? await strapi.documents(UID.treatmentRecord).findOne({ documentId: task.treatmentRecord.documentId, populate: RECORD_POPULATE } as DocumentParams)
            : { client: null, priceSnapshot: null, performedAt: task.dueAt }
        ) as TaskRecord;
        await strapi.db.transaction(async () => {
          // Conditional: another instance that got here first wins, this one writes nothing.
          if (!(await tasks.escalate(task.id, task.escalationLevel ?? 0, level))) return;
          for (const manager of managers) {
            const lang = languageOf(manager);
            await getService(strapi, 'outbox').enqueue({
              key: `task:${task.idempotencyKey}:escalation:${level}:${manager.documentId}`,
              template: 'follow_up_overdue',
              language: lang,
              recipientEmail: manager.email ?? '',
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
      const subscribers = (await strapi.db.query(UID.staffMember).findMany({ where: { dailyDigest: true, isActive: true }, select: ['id', 'documentId', 'fullName', 'email', 'preferredLanguage'] })) as TaskStaff[];
      let sent = 0;
      for (const staff of subscribers) {
        const due = (await strapi.db.query(UID.followUpTask).findMany({
          where: { taskStatus: 'pending', dueAt: { $lt: endOfToday }, assignee: { id: staff.id } },
          select: ['documentId', 'step', 'channel', 'purpose', 'dueAt'],
          populate: { treatmentRecord: { select: ['priceSnapshot'], populate: { client: { select: ['fullName', 'preferredName', 'phone'] } } } },
          orderBy: { dueAt: 'asc' },
          limit: 200,
        })) as TaskRow[];
        if (due.length === 0) continue;
        const lang = languageOf(staff);
        const { created } = await getService(strapi, 'outbox').enqueue({
          key: `digest:${staff.documentId}:${today}`,
          template: 'follow_up_digest',
          language: lang,
          recipientEmail: staff.email ?? '',
          recipientStaff: staff.id,
          payload: {
            recipient: { name: staff.fullName },
            date: today,
            count: due.length,
            tasks: due.map((t) => ({
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
      const pending = (await strapi.db.query(UID.followUpTask).findMany({
        where: { taskStatus: 'pending', treatmentRecord: { documentId: recordDocumentId } },
        select: ['id', 'idempotencyKey'],
      })) as Array<Pick<TaskRow, 'id' | 'idempotencyKey'>>;
      for (const t of pending) {
        await tasks.cancel(t.id);
        await getService(strapi, 'outbox').cancel(`task:${t.idempotencyKey}:due`);
      }
      return pending.length;
    },

    /**
     * Records the outcome of a follow-up. A complication opens a medical complaint linked to the
     * treatment record (and notifies the doctors through the outbox).
     */
    /**
     * Who may record a follow-up outcome: the staff member it is assigned to, anyone of its
     * department while it is unassigned, or a manager covering for a colleague — always as
     * themselves (the outcome is recorded under the signed-in account).
     */
    async assertMayComplete(taskDocumentId: string) {
      const task = (await strapi.db.query(UID.followUpTask).findOne({ where: { documentId: taskDocumentId }, select: ['id', 'department'], populate: { assignee: { select: ['documentId'] } } })) as Pick<TaskRow, 'department' | 'assignee'> | null;
      const request = strapi.requestContext?.get?.();
      // outside a request (a job, an import) the caller names the actor itself; a missing task is complete's 404
      if (!request || !task || (await actorIsManager(strapi))) return;
      const me = await requireSessionStaff(strapi, request, 'assignee');
      const mine = task.assignee ? task.assignee.documentId === me.documentId : task.department === me.department;
      if (!mine) throw forbiddenField('assignee', say(requestLanguage(strapi), NOT_YOURS));
    },

    /** Records the outcome (by whoever may: `assertMayComplete`). Null when the task does not exist. */
    async complete(taskDocumentId: string, input: CompleteInput, actor: string) {
      await service.assertMayComplete(taskDocumentId);
      return strapi.db.transaction(async () => {
        const task = (await strapi.db.query(UID.followUpTask).findOne({
          where: { documentId: taskDocumentId },
          populate: { treatmentRecord: { select: ['documentId'] } },
        })) as TaskRow | null;
        if (!task) return null;
        if (!(await tasks.markDone(task.id, input.outcome, input.notes ?? null))) throw fieldError('taskStatus', `this task is already ${task.taskStatus}`);
        await getService(strapi, 'outbox').cancel(`task:${task.idempotencyKey}:due`);
        const complaint =
          input.outcome === 'complication' && task.treatmentRecord
            ? await getService(strapi, 'complaints').openFromFollowUp({ task, recordDocumentId: task.treatmentRecord.documentId, notes: input.notes ?? '', actor })
            : null;
        const updated = (await strapi.documents(UID.followUpTask).findOne({ documentId: taskDocumentId })) as Pick<TaskRow, 'documentId' | 'taskStatus' | 'outcome' | 'completedAt'> | null;
        return { task: updated, complaint };
      });
    },
  };
  return service;
};
