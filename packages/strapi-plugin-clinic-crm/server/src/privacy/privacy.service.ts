import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { addCalendar, localDate } from '../core/time/time';
import { getConfig, getService, UID } from '../core/plugin';
import { fieldError } from '../core/http/validation-errors';
import { erasureRows } from './erasure.repository';
import type { ClientRow } from '../clients/types';
import type { EraseInput } from './privacy.schema';

type Row = { id?: number; [key: string]: unknown };
type Related = Row | Row[] | null | undefined;

const STAFF = { select: ['documentId', 'fullName', 'department'] };

/** Identity and contact details: removed on erasure at once. */
const IDENTITY_NULLS = { preferredName: null, dateOfBirth: null, email: null, aestheticGoals: null, guardianName: null, photoConsentMarketing: false, photoConsentTraining: false };

/**
 * GDPR / Taiwan PDPA requests: a machine-readable export of everything held about a client, and
 * erasure on request. Erasure removes identity and contact details at once (name, phone, e-mail,
 * birth date, goals, complaint contact details) but keeps what medical law requires — health
 * history, treatment records and signed consents — under the client's number only, until
 * `retention.medicalRecordYears` after the last treatment; then `purgeExpired` removes those too.
 * Erasure also ends every use of the client's data that is not clinical (`withdrawAll`: queued
 * messages, survey links, marketing and training photo uses) and reports what it withdrew.
 * Both requests are audited.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const cfg = () => getConfig(strapi);

  const rows = erasureRows(strapi);

  const load = async (documentId: string): Promise<ClientRow> => {
    const client: ClientRow | null = await strapi.db.query(UID.client).findOne({ where: { documentId }, populate: { firstContactStaff: STAFF } });
    if (!client) throw new errors.NotFoundError('Client not found');
    return client;
  };

  const withoutId = <T extends { id?: number }>(row: T): Omit<T, 'id'> => {
    const { id: _id, ...rest } = row;
    return rest;
  };
  /** A related row (or none) for the export: without its database id. */
  const strip = (row: unknown): Related => {
    if (!row || typeof row !== 'object' || Array.isArray(row)) return (row ?? null) as Related;
    const { id: _id, ...rest } = row as Record<string, unknown>;
    return rest;
  };

  return {
    async exportClient(documentId: string) {
      const client = await load(documentId);
      const byClient = { client: { id: client.id } };
      const [consents, records, tasks, complaints]: Row[][] = await Promise.all([
        strapi.db.query(UID.consentRecord).findMany({ where: byClient, populate: { treatment: { select: ['documentId', 'name', 'locale'] }, witness: STAFF }, orderBy: { signedAt: 'asc' } }),
        strapi.db.query(UID.treatmentRecord).findMany({ where: byClient, populate: { treatment: { select: ['documentId', 'name', 'locale'] }, practitioner: STAFF }, orderBy: { performedAt: 'asc' } }),
        strapi.db.query(UID.followUpTask).findMany({ where: { treatmentRecord: byClient }, populate: { treatmentRecord: { select: ['recordNumber'] }, assignee: STAFF }, orderBy: { dueAt: 'asc' } }),
        strapi.db.query(UID.complaint).findMany({ where: byClient, populate: { events: { orderBy: { occurredAt: 'asc' } }, assignee: STAFF }, orderBy: { receivedAt: 'asc' } }),
      ]);
      await getService(strapi, 'audit').record({ action: 'export', targetType: UID.client, targetDocumentId: documentId, targetLabel: client.clientNumber, fields: ['client', 'consents', 'treatmentRecords', 'followUps', 'complaints'] });
      const one = (t: unknown): Related => (Array.isArray(t) ? t[0] : (t as Related));
      return {
        format: 'clinic-crm/client-export',
        version: 1,
        exportedAt: new Date().toISOString(),
        controller: cfg().clinicName,
        client: withoutId(client),
        consents: consents.map((c) => ({ ...strip(c), treatment: strip(one(c.treatment)), witness: strip(c.witness) })),
        treatmentRecords: records.map((r) => ({ ...strip(r), treatment: strip(one(r.treatment)), practitioner: strip(r.practitioner) })),
        followUps: tasks.map((t) => ({ ...strip(t), treatmentRecord: (t.treatmentRecord as { recordNumber?: string } | null)?.recordNumber ?? null, assignee: strip(t.assignee) })),
        complaints: complaints.map((c) => ({ ...strip(c), assignee: strip(c.assignee), events: ((c.events as Row[] | null) ?? []).map(strip) })),
      };
    },

    /** `input` is parsed at the edge (privacy.schema.ts): the reason is trimmed and 10 to 2000 characters. */
    async eraseClient(documentId: string, input: EraseInput, now = new Date()) {
      const reason = input.reason;
      const client = await load(documentId);
      if (input.confirm !== client.clientNumber) throw fieldError('confirm', 'confirm must repeat the client number, to be sure the right client is erased');
      if (client.erasedAt) throw fieldError('client', `this client was already erased on ${new Date(client.erasedAt).toISOString().slice(0, 10)}`);

      const tz = cfg().timeZone;
      const [last]: Array<{ performedAt: string }> = await strapi.db.query(UID.treatmentRecord).findMany({ where: { client: { id: client.id } }, select: ['performedAt'], orderBy: { performedAt: 'desc' }, limit: 1 });
      const retainUntil = last ? localDate(addCalendar(new Date(last.performedAt), { months: 12 * cfg().retention.medicalRecordYears }, tz), tz) : null;
      const keepMedical = retainUntil !== null && retainUntil >= localDate(now, tz);

      return strapi.db.transaction(async () => {
        // read before the contact details go: every address the client's messages may have been sent to
        const contactEmails: Array<{ contactEmail: string | null }> = await strapi.db.query(UID.complaint).findMany({ where: { client: { id: client.id } }, select: ['contactEmail'] });
        const withdrawn = await this.withdrawAll(client, [client.email, ...contactEmails.map((c) => c.contactEmail)], now);
        await rows.anonymiseClient(client.id, {
          ...IDENTITY_NULLS,
          fullName: `已刪除 Erased ${client.clientNumber}`,
          phone: '000000',
          erasedAt: now,
          retainUntil,
          erasureNote: reason,
        });
        const complaintsAnonymised = await rows.overwriteLinked(UID.complaint, client.id, { contactName: '已刪除 Erased', contactPhone: null, contactEmail: null });
        let purged = { records: 0, consents: 0 };
        if (!keepMedical) purged = await this.purgeMedical(client.id);
        const fields = ['fullName', 'preferredName', 'phone', 'email', 'dateOfBirth', 'aestheticGoals', 'guardianName', 'complaints.contact', ...(keepMedical ? [] : ['health history', 'treatmentRecords.notes', 'consents.text']), 'notifications.pending', 'surveys.links', 'clinicalPhotos.purposeMarketing', 'clinicalPhotos.purposeTraining'];
        await getService(strapi, 'audit').record({ action: 'erase', targetType: UID.client, targetDocumentId: documentId, targetLabel: client.clientNumber, fields, details: { withdrawn } });
        return {
          documentId,
          clientNumber: client.clientNumber,
          erasedAt: now.toISOString(),
          medicalRecordsRetainedUntil: keepMedical ? retainUntil : null,
          complaintsAnonymised,
          purged,
          withdrawn,
        };
      });
    },

    /**
     * The uses erasure ends, in the caller's transaction: every message to the client not yet sent
     * (withdrawn, kept as proof), every unanswered survey link, every marketing and training use of
     * the client's photos (the clinical use stays). Returns counts and documentIds for the report.
     */
    async withdrawAll(client: { id: number; clientNumber: string }, emails: Array<string | null | undefined>, now: Date) {
      const messages = await getService(strapi, 'outbox').withdrawForClient({ clientId: client.id, emails, reason: `erasure of client ${client.clientNumber}`, now });
      const surveys = await getService(strapi, 'surveys').cancelForClient(client.id, now);
      const photos = await getService(strapi, 'operations').endNonClinicalUses(client.id, now);
      const list = (ids: string[]) => ({ count: ids.length, ids });
      return {
        messages: list(messages.withdrawn.map((m) => m.documentId)),
        // already being transferred to the mail server when the erasure ran: cannot be recalled
        messagesInTransfer: list(messages.inTransfer.map((m) => m.documentId)),
        surveys: list(surveys),
        photos: { ...list(photos.photos), marketingEnded: photos.marketing, trainingEnded: photos.training },
      };
    },

    /** Clears what was kept for the law: health history, clinical notes and the signed consent texts. */
    async purgeMedical(clientId: number) {
      const records = await rows.overwriteLinked(UID.treatmentRecord, clientId, { notes: null });
      // consent records are immutable through every API; retention ending is the one exception, done here directly
      const consents = await rows.overwriteLinked(UID.consentRecord, clientId, {
        renderedText: '[已依保存期限刪除 erased after the retention period]',
        signerName: '已刪除 Erased',
        clientIp: null,
        clientDevice: null,
        consentStatus: 'withdrawn',
      });
      await rows.overwriteLinked(UID.complaint, clientId, { description: '[已依保存期限刪除 erased after the retention period]' });
      await rows.clearHealth(clientId);
      return { records, consents };
    },

    /** Daily: erased clients whose retention period has ended lose the medical part too. */
    async purgeExpired(now = new Date()) {
      const today = localDate(now, cfg().timeZone);
      const due: Array<Pick<ClientRow, 'id' | 'documentId' | 'clientNumber'>> = await strapi.db.query(UID.client).findMany({ where: { erasedAt: { $notNull: true }, retainUntil: { $lt: today } }, select: ['id', 'documentId', 'clientNumber'] });
      for (const c of due) {
        await strapi.db.transaction(async () => {
          // claimed atomically: with several instances running the job, one of them purges
          if (!(await rows.claimPurge(c.id))) return;
          await this.purgeMedical(c.id);
          await getService(strapi, 'audit').record({ action: 'erase', targetType: UID.client, targetDocumentId: c.documentId, targetLabel: c.clientNumber, fields: ['health history', 'treatmentRecords.notes', 'consents.text'] });
        });
      }
      return { purged: due.length };
    },
  };
};
