import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { selectionOf } from '../pricing/domain/pricing';
import { PRICE_POPULATE } from '../pricing/pricing.service';
import { UID, getService } from '../core/plugin';
import { DEFAULT_LANGUAGE, type Language } from '../core/i18n/locales';
import type { Registration } from '../clients/client-registration.schema';
import { withSharedContact } from '../clients/clients.middleware';
import type { SessionStaff } from '../core/http/session';
import { consentRecordRows } from '../consent/consent-record.repository';
import type { ConsentRecordRow } from '../consent/types';
import type { PreviewInput, RecordTreatmentInput } from './desk.schema';

const CLINICAL = ['beautician', 'nurse', 'doctor'];

export interface Practitioner {
  documentId: string;
  fullName: string;
  department: string;
  jobTitle: string | null;
}

interface DeskTreatment {
  id?: number;
  documentId: string;
  name: string;
  category: string;
  feeItems?: Array<{ id?: number } & Record<string, unknown>> | null;
  coursePackages?: Array<{ id?: number } & Record<string, unknown>> | null;
  [key: string]: unknown;
}

/**
 * The staff task screens' own actions (admin panel): registering a client, the treatments and
 * their prices, a consent preview and a live quote, and the treatment-record screen's reads —
 * the consent the treatment will be performed under (with the quote the client signed), the
 * practitioners qualified for it today. Records are created through the document service
 * (records middleware: consent gate, certification check, frozen price, follow-up ladder, survey).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Registers a client with a generated number; `me` (the signed-in staff member) is the first
   * contact. Number, duplicate check and insert run under one lock (clients middleware).
   */
  async registerClient(input: Registration, me: SessionStaff | null) {
    const { sharedContact, ...fields } = input;
    const data: Record<string, unknown> = { ...fields, ...(me ? { firstContactStaff: me.documentId } : {}) };
    const create = () => strapi.documents(UID.client).create({ data, fields: ['clientNumber', 'fullName', 'phone', 'email', 'preferredLanguage'] });
    return sharedContact ? withSharedContact(create) : create();
  },

  /** Published treatments with their prices in `locale` (a treatment not translated yet in zh-Hant), by category and name. */
  async treatments(locale: Language) {
    const read = async (l: string) =>
      (await strapi.documents(UID.treatment).findMany({ status: 'published', locale: l, fields: ['name', 'slug', 'category'], populate: PRICE_POPULATE, limit: 500 })) as DeskTreatment[];
    const rows = await read(locale);
    const fallback = locale === DEFAULT_LANGUAGE ? [] : (await read(DEFAULT_LANGUAGE)).filter((d) => !rows.some((r) => r.documentId === d.documentId));
    const all = [...rows, ...fallback].map(({ id: _id, ...t }) => ({
      ...t,
      feeItems: (t.feeItems ?? []).map(({ id: _i, ...f }) => f),
      coursePackages: (t.coursePackages ?? []).map(({ id: _i, ...p }) => p),
    }));
    return all.sort((a, b) => String(a.category).localeCompare(String(b.category)) || String(a.name).localeCompare(String(b.name)));
  },

  /**
   * The consent as it would be signed now (rendered text in the client's language, frozen quote),
   * without storing it: the same checks and 400s as the signature.
   */
  async previewConsent(b: PreviewInput) {
    const prepared = await getService(strapi, 'consent').prepare({ client: b.client, treatment: b.treatment, priceSnapshot: b.priceSnapshot, contraindicationOverride: b.contraindicationOverride, signerName: '—' });
    return {
      renderedText: prepared.renderedText,
      priceSnapshot: prepared.priceSnapshot,
      language: prepared.language,
      templateKey: prepared.templateKey,
      templateVersion: prepared.templateVersion,
    };
  },

  /** The live price of a choice, in the client's language. */
  async quote(b: { client?: unknown; treatment?: unknown; priceSnapshot?: unknown }) {
    const client = typeof b.client === 'string' ? ((await strapi.db.query(UID.client).findOne({ where: { documentId: b.client }, select: ['preferredLanguage'] })) as { preferredLanguage: string | null } | null) : null;
    return getService(strapi, 'pricing').snapshot(b.treatment, b.priceSnapshot, { language: client?.preferredLanguage ?? undefined });
  },

  /** A treatment performed, through the document service (records middleware). */
  async recordTreatment(input: RecordTreatmentInput) {
    return strapi.documents(UID.treatmentRecord).create({ data: input, fields: ['recordNumber', 'performedAt', 'priceSnapshot'] });
  },

  async context(clientDocumentId: string, treatmentDocumentId: string) {
    let consent: ConsentRecordRow | null = null;
    let consentProblem: { path: string; message: string } | null = null;
    try {
      const valid = await getService(strapi, 'consent').assertValidFor(clientDocumentId, treatmentDocumentId, undefined);
      consent = await consentRecordRows(strapi).findOne(
        { documentId: valid.documentId },
        { select: ['documentId', 'signedAt', 'templateKey', 'templateVersion', 'language', 'priceSnapshot', 'signerName'], populate: { witness: { select: ['fullName'] } } }
      );
    } catch (e) {
      if (!(e instanceof errors.ValidationError)) throw e;
      const item = (e.details as { errors?: Array<{ path?: string[]; message?: string }> } | undefined)?.errors?.[0];
      consentProblem = { path: (item?.path ?? ['consentRecord']).join('.'), message: item?.message ?? e.message };
    }
    const staff = (await strapi.db.query(UID.staffMember).findMany({ where: { department: { $in: CLINICAL }, isActive: true }, select: ['documentId', 'fullName', 'department', 'jobTitle'], orderBy: { fullName: 'asc' } })) as Practitioner[];
    const practitioners: Practitioner[] = [];
    for (const s of staff) {
      try {
        await getService(strapi, 'training').assertCertified({ treatment: treatmentDocumentId, practitioner: s.documentId, performedAt: new Date().toISOString() });
        practitioners.push(s);
      } catch (e) {
        if (!(e instanceof errors.ValidationError)) throw e;
      }
    }
    return { consent: consent ? { ...consent, selection: selectionOf(consent.priceSnapshot) } : null, consentProblem, practitioners };
  },
});
