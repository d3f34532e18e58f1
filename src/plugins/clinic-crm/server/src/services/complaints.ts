import { randomBytes } from 'crypto';
import type { Core } from '@strapi/strapi';
import { DEFAULT_LANGUAGE, Language, isLanguage } from '../domain/locales';
import { localDate } from '../domain/time';
import { UID, getConfig, getService } from '../utils';

/**
 * Complaint intake used by other features. The full routing/SLA workflow builds on this;
 * for now a follow-up that finds a complication opens a medical complaint here.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  newReferenceNumber(at = new Date()) {
    const day = localDate(at, getConfig(strapi).timeZone).replace(/-/g, '');
    return `CMP-${day}-${randomBytes(4).toString('hex').toUpperCase()}`;
  },

  async openFromFollowUp(input: { task: any; recordDocumentId: string; notes: string; actor: string }) {
    const record: any = await strapi.documents(UID.treatmentRecord).findOne({
      documentId: input.recordDocumentId,
      populate: { client: { fields: ['fullName', 'preferredName', 'phone', 'email'] } },
    } as any);
    const now = new Date();
    const referenceNumber = this.newReferenceNumber(now);
    const complaint: any = await strapi.documents(UID.complaint).create({
      data: {
        referenceNumber,
        client: record?.client?.documentId ?? null,
        contactName: record?.client?.fullName ?? '—',
        contactPhone: record?.client?.phone ?? null,
        contactEmail: record?.client?.email ?? null,
        channel: 'follow_up_call',
        category: 'side_effect',
        severity: 'high',
        description: input.notes || `Complication reported at follow-up ${input.task.step}`,
        treatmentRecord: input.recordDocumentId,
        department: 'doctor',
        status: 'received',
        receivedAt: now.toISOString(),
        // Medical complaints: an initial medical answer within 48 hours.
        firstResponseDueAt: new Date(now.getTime() + 48 * 3_600_000).toISOString(),
      } as any,
    });
    await strapi.documents(UID.complaintEvent).create({
      data: { complaint: complaint.documentId, type: 'received', toStatus: 'received', actor: input.actor, note: `回訪 ${input.task.step} 發現併發症 · complication found at follow-up`, occurredAt: now.toISOString() } as any,
    });
    const doctors = await strapi.db.query(UID.staffMember).findMany({ where: { department: 'doctor', isActive: true }, select: ['id', 'documentId', 'fullName', 'email', 'preferredLanguage'] });
    for (const doctor of doctors) {
      const language: Language = isLanguage(doctor.preferredLanguage) ? doctor.preferredLanguage : DEFAULT_LANGUAGE;
      await getService(strapi, 'outbox').enqueue({
        key: `complaint:${referenceNumber}:opened:${doctor.documentId}`,
        template: 'complaint_opened',
        language,
        recipientEmail: doctor.email,
        recipientStaff: doctor.id,
        payload: {
          recipient: { name: doctor.fullName },
          complaint: { referenceNumber },
          client: { name: record?.client?.preferredName || record?.client?.fullName || '', phone: record?.client?.phone ?? '' },
          treatment: { name: record?.priceSnapshot?.treatment?.name ?? '' },
          step: { code: input.task.step, label: input.task.step },
          links: { complaint: `${getConfig(strapi).adminUrl}/content-manager/collection-types/${UID.complaint}/${complaint.documentId}` },
        },
      });
    }
    return complaint;
  },
});
