import type { Core } from '@strapi/strapi';
import { OPEN_STATUSES, nextStatuses } from './domain/complaint-workflow';
import { UID, getConfig } from '../core/plugin';
import { requestLanguage, say } from '../core/http/language';
import { fieldError } from '../core/http/validation-errors';
import type { DeskIntake } from './complaint-desk.schema';

const STAFF = ['documentId', 'fullName', 'department'];
const LIST_FIELDS = ['documentId', 'referenceNumber', 'contactName', 'channel', 'category', 'severity', 'department', 'workflowStatus', 'receivedAt', 'firstResponseDueAt', 'resolutionDueAt', 'breached', 'pausedSince'];

interface DeskClient {
  documentId: string;
  fullName: string;
  preferredName: string | null;
  phone: string | null;
  email: string | null;
}

const NOT_FOUND = {
  client: { 'zh-Hant': '找不到此客戶。', 'zh-Hans': '找不到此客户。', en: 'This client does not exist.' },
  treatmentRecord: { 'zh-Hant': '此療程紀錄不屬於所選客戶。', 'zh-Hans': '此疗程记录不属于所选客户。', en: 'This treatment record is not one of the chosen client’s.' },
};

/**
 * The complaint desk's reads and its phone/walk-in intake. Status changes, pauses and resumes go
 * through the complaints service like every other path (its rules, events and e-mails apply).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Open complaints (or the last 100 of any status), the most urgent first; `mine` = assigned to `staffId`. */
  async list(query: { status?: string; mine?: boolean; staffId?: number | null }) {
    const where: Record<string, unknown> = query.status === 'all' ? {} : { workflowStatus: { $in: OPEN_STATUSES } };
    if (query.mine) where.assignee = { id: query.staffId ?? -1 };
    const rows = await strapi.db.query(UID.complaint).findMany({
      where,
      select: LIST_FIELDS,
      populate: { assignee: { select: STAFF }, client: { select: ['documentId', 'clientNumber', 'fullName'] } },
      orderBy: query.status === 'all' ? { receivedAt: 'desc' } : { resolutionDueAt: 'asc' },
      limit: 100,
    });
    return rows;
  },

  /** One complaint with everything the desk shows: contact, client, record, clocks, timeline and next steps. */
  async detail(documentId: string) {
    const c = (await strapi.db.query(UID.complaint).findOne({
      where: { documentId },
      populate: {
        assignee: { select: STAFF },
        client: { select: ['documentId', 'clientNumber', 'fullName', 'phone', 'preferredLanguage'] },
        treatmentRecord: { select: ['documentId', 'recordNumber', 'performedAt'], populate: { treatment: { select: ['name'] } } },
      },
    })) as (Record<string, unknown> & { id: number; workflowStatus: string }) | null;
    if (!c) return null;
    const events = await strapi.db.query(UID.complaintEvent).findMany({
      where: { complaint: { id: c.id } },
      select: ['type', 'fromStatus', 'toStatus', 'actor', 'note', 'occurredAt'],
      orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
    });
    const { id, ...rest } = c;
    return {
      ...rest,
      next: nextStatuses(c.workflowStatus),
      open: (OPEN_STATUSES as string[]).includes(c.workflowStatus),
      refundApprovalThreshold: getConfig(strapi).complaints.refundApprovalThreshold,
      events,
    };
  },

  /** A client's treatment records, newest first, to say which one a complaint is about. */
  async clientRecords(clientDocumentId: string) {
    return strapi.db.query(UID.treatmentRecord).findMany({
      where: { client: { documentId: clientDocumentId } },
      select: ['documentId', 'recordNumber', 'performedAt'],
      populate: { treatment: { select: ['name'] } },
      orderBy: { performedAt: 'desc' },
      limit: 50,
    });
  },

  /** Takes a phone or walk-in complaint; the complaint middleware numbers, routes and starts its clock. */
  async intake(input: DeskIntake) {
    const language = requestLanguage(strapi);
    const data: Record<string, unknown> = {
      contactName: input.contactName,
      contactPhone: input.contactPhone,
      contactEmail: input.contactEmail,
      channel: input.channel,
      category: input.category,
      severity: input.severity,
      description: input.description,
      occurredAt: input.occurredAt,
      productBatchNumber: input.productBatchNumber,
    };
    if (input.client) {
      const client = (await strapi.db.query(UID.client).findOne({ where: { documentId: input.client, erasedAt: { $null: true } }, select: ['documentId', 'fullName', 'preferredName', 'phone', 'email'] })) as DeskClient | null;
      if (!client) throw fieldError('client', say(language, NOT_FOUND.client));
      data.client = client.documentId;
      data.contactName = input.contactName ?? client.preferredName ?? client.fullName;
      data.contactPhone = input.contactPhone ?? client.phone ?? null;
      data.contactEmail = input.contactEmail ?? client.email ?? null;
    }
    if (input.treatmentRecord) {
      const record = await strapi.db.query(UID.treatmentRecord).findOne({ where: { documentId: input.treatmentRecord, client: { documentId: input.client ?? '' } }, select: ['documentId'] });
      if (!record) throw fieldError('treatmentRecord', say(language, NOT_FOUND.treatmentRecord));
      data.treatmentRecord = record.documentId;
    }
    return strapi.documents(UID.complaint).create({ data, fields: ['referenceNumber', 'workflowStatus', 'department'] } as Parameters<ReturnType<typeof strapi.documents>['create']>[0]);
  },
});
