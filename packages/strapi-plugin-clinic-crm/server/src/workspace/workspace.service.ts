import type { Core } from '@strapi/strapi';
import { staffOfUser } from '../core/http/session';
import { nextStatuses, OPEN_STATUSES } from '../complaints/domain/complaint-workflow';
import { CLIENT_HEALTH_FIELDS } from '../clients/domain/staff-roles';
import { localDate } from '../core/time/time';
import { getConfig, getService, UID } from '../core/plugin';
import type { ClientRow } from '../clients/types';
import type { ComplaintRow, DeviceDueRow, NamedTreatment, TaskRow, TimelineConsentRow, TimelineRecordRow } from './types';

/** The content manager's permission checker, as far as these views use it. */
interface PermissionChecker {
  cannot: { read(): boolean };
  sanitizeOutput<T>(row: T): Promise<T>;
}

export interface TimelineItem {
  at: string | null;
  kind: 'consent' | 'treatment' | 'follow_up' | 'complaint' | 'complaint_event';
  uid: string;
  documentId: string;
  title: string;
  status?: string | null;
  detail?: Record<string, unknown>;
}

const STAFF = { select: ['documentId', 'fullName', 'department'] };

/**
 * Views over several content types for the admin pages: a client's timeline and a staff member's
 * own work. Every row passes through the content manager's permission checker for the caller, so a
 * role sees the same fields here as in the content manager (front desk: no clinical notes), and a
 * type the role cannot read is left out and named in `hidden`.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const checkerFor = (userAbility: unknown, model: string): PermissionChecker =>
    strapi.plugin('content-manager').service('permission-checker').create({ userAbility, model });

  /** The rows as the caller may see them, or null when the caller cannot read the type at all. */
  const readable = async <T>(userAbility: unknown, model: string, rows: T[]): Promise<T[] | null> => {
    const checker = checkerFor(userAbility, model);
    if (checker.cannot.read()) return null;
    return Promise.all(rows.map((r) => checker.sanitizeOutput(r)));
  };

  return {
    async timeline(clientDocumentId: string, userAbility: unknown) {
      const clientChecker = checkerFor(userAbility, UID.client);
      if (clientChecker.cannot.read()) return { forbidden: true as const };
      const raw: ClientRow | null = await strapi.db.query(UID.client).findOne({
        where: { documentId: clientDocumentId },
        populate: { firstContactStaff: STAFF },
      });
      if (!raw) return null;
      const client = await clientChecker.sanitizeOutput(raw);
      const healthShown = CLIENT_HEALTH_FIELDS.filter((f) => client[f] !== undefined && client[f] !== null && client[f] !== '');
      if (healthShown.length) {
        await getService(strapi, 'audit').record({ action: 'read_health', targetType: UID.client, targetDocumentId: clientDocumentId, targetLabel: raw.clientNumber, fields: healthShown });
      }

      const byClient = { client: { documentId: clientDocumentId } };
      const [consents, records, tasks, complaints]: [TimelineConsentRow[], TimelineRecordRow[], TaskRow[], ComplaintRow[]] = await Promise.all([
        strapi.db.query(UID.consentRecord).findMany({
          where: byClient,
          populate: { treatment: { select: ['name', 'locale'] }, witness: STAFF },
          orderBy: { signedAt: 'asc' },
        }),
        strapi.db.query(UID.treatmentRecord).findMany({
          where: byClient,
          populate: { treatment: { select: ['name', 'locale', 'publishedAt'] }, practitioner: STAFF },
          orderBy: { performedAt: 'asc' },
        }),
        strapi.db.query(UID.followUpTask).findMany({
          where: { treatmentRecord: byClient },
          populate: { assignee: STAFF, treatmentRecord: { select: ['documentId', 'recordNumber'] } },
          orderBy: { dueAt: 'asc' },
        }),
        strapi.db.query(UID.complaint).findMany({
          where: byClient,
          populate: { assignee: STAFF, events: { orderBy: { occurredAt: 'asc' } } },
          orderBy: { receivedAt: 'asc' },
        }),
      ]);

      const hidden: string[] = [];
      const items: TimelineItem[] = [];
      const treatmentName = (t: NamedTreatment | NamedTreatment[] | null | undefined) => (Array.isArray(t) ? t[0]?.name : t?.name) ?? null;

      const c = await readable(userAbility, UID.consentRecord, consents);
      if (c === null) hidden.push(UID.consentRecord);
      for (const r of c ?? []) {
        items.push({
          at: r.signedAt,
          kind: 'consent',
          uid: UID.consentRecord,
          documentId: r.documentId,
          title: `${r.templateKey ?? ''} v${r.templateVersion ?? ''}`.trim(),
          status: r.consentStatus,
          detail: { treatment: treatmentName(r.treatment), signerName: r.signerName, witness: r.witness?.fullName ?? null, language: r.language },
        });
      }
      const tr = await readable(userAbility, UID.treatmentRecord, records);
      if (tr === null) hidden.push(UID.treatmentRecord);
      for (const r of tr ?? []) {
        items.push({
          at: r.performedAt,
          kind: 'treatment',
          uid: UID.treatmentRecord,
          documentId: r.documentId,
          title: treatmentName(r.treatment) ?? r.recordNumber,
          status: null,
          detail: {
            recordNumber: r.recordNumber,
            practitioner: r.practitioner?.fullName ?? null,
            total: r.priceSnapshot?.total ?? null,
            currency: r.priceSnapshot?.currency ?? null,
            ...(r.notes !== undefined ? { notes: r.notes } : {}),
            ...(r.contraindicationOverride ? { contraindicationOverride: r.contraindicationOverride } : {}),
          },
        });
      }
      const ft = await readable(userAbility, UID.followUpTask, tasks);
      if (ft === null) hidden.push(UID.followUpTask);
      for (const t of ft ?? []) {
        items.push({
          at: t.completedAt ?? t.dueAt,
          kind: 'follow_up',
          uid: UID.followUpTask,
          documentId: t.documentId,
          title: t.step,
          status: t.taskStatus,
          detail: {
            dueAt: t.dueAt,
            outcome: t.outcome ?? null,
            assignee: t.assignee?.fullName ?? null,
            recordNumber: t.treatmentRecord?.recordNumber ?? null,
            ...(t.outcomeNotes !== undefined ? { outcomeNotes: t.outcomeNotes } : {}),
          },
        });
      }
      const cp = await readable(userAbility, UID.complaint, complaints);
      if (cp === null) hidden.push(UID.complaint);
      for (const k of cp ?? []) {
        items.push({
          at: k.receivedAt,
          kind: 'complaint',
          uid: UID.complaint,
          documentId: k.documentId,
          title: k.referenceNumber,
          status: k.workflowStatus,
          detail: { category: k.category, severity: k.severity, assignee: k.assignee?.fullName ?? null, breached: k.breached, satisfactionScore: k.satisfactionScore ?? null },
        });
        for (const e of k.events ?? []) {
          // the steps staff act on (the event types complaint-event.repository writes)
          if (!['status_changed', 'escalated', 'assigned'].includes(e.type)) continue;
          items.push({
            at: e.occurredAt,
            kind: 'complaint_event',
            uid: UID.complaint,
            documentId: k.documentId,
            title: k.referenceNumber,
            status: e.toStatus ?? e.type,
            detail: { type: e.type, from: e.fromStatus ?? null, actor: e.actor },
          });
        }
      }
      items.sort((a, b) => new Date(a.at ?? 0).getTime() - new Date(b.at ?? 0).getTime());
      return { client, items, hidden };
    },

    async myWork(user: { id: number; email?: string | null }, userAbility: unknown, now = new Date()) {
      // a staff member who has left still sees what is left on their name
      const staff = await staffOfUser(strapi, user, { admin: true, activeOnly: false });
      if (!staff) return { staff: null, tasks: [], complaints: [], equipment: [] };
      const tasks: TaskRow[] = await strapi.db.query(UID.followUpTask).findMany({
        where: { assignee: { id: staff.id }, taskStatus: 'pending' },
        populate: { treatmentRecord: { select: ['documentId', 'recordNumber'], populate: { client: { select: ['documentId', 'clientNumber', 'fullName', 'phone'] } } } },
        orderBy: { dueAt: 'asc' },
        limit: 200,
      });
      const complaints: ComplaintRow[] = await strapi.db.query(UID.complaint).findMany({
        where: { assignee: { id: staff.id }, workflowStatus: { $in: OPEN_STATUSES } },
        select: ['documentId', 'referenceNumber', 'category', 'severity', 'workflowStatus', 'receivedAt', 'firstResponseDueAt', 'resolutionDueAt', 'breached', 'contactName'],
        orderBy: { resolutionDueAt: 'asc' },
        limit: 200,
      });
      // devices this person is responsible for, due within a week: the task is to log the maintenance
      const tz = getConfig(strapi).timeZone;
      const soon = localDate(new Date(now.getTime() + 7 * 86_400_000), tz);
      const equipment: DeviceDueRow[] = await strapi.db.query(UID.equipment).findMany({
        where: { responsible: { id: staff.id }, isActive: true, nextMaintenanceDue: { $lte: soon } },
        select: ['documentId', 'name', 'serialNumber', 'location', 'nextMaintenanceDue'],
        orderBy: { nextMaintenanceDue: 'asc' },
      });
      const today = localDate(now, tz);
      return {
        staff: { documentId: staff.documentId, fullName: staff.fullName, department: staff.department },
        equipment: equipment.map((d) => ({ ...d, nextMaintenanceDue: String(d.nextMaintenanceDue).slice(0, 10), overdue: String(d.nextMaintenanceDue).slice(0, 10) < today })),
        tasks: ((await readable(userAbility, UID.followUpTask, tasks)) ?? []).map((t) => ({
          documentId: t.documentId,
          step: t.step,
          purpose: t.purpose,
          channel: t.channel,
          dueAt: t.dueAt,
          overdue: new Date(t.dueAt).getTime() < now.getTime(),
          escalationLevel: t.escalationLevel,
          recordNumber: t.treatmentRecord?.recordNumber ?? null,
          client: t.treatmentRecord?.client ?? null,
        })),
        complaints: ((await readable(userAbility, UID.complaint, complaints)) ?? []).map((c) => ({ ...c, next: nextStatuses(c.workflowStatus) })),
      };
    },
  };
};
