import type { Core } from '@strapi/strapi';
import { contraindicationLabel, matchContraindications } from '../clients/domain/contraindications';
import { DEFAULT_LANGUAGE } from '../core/i18n/locales';
import { localDate } from '../core/time/time';
import { requestLanguage, say } from '../core/http/language';
import { UID, getConfig, getService, relationRef, type ContentTypeUid } from '../core/plugin';
import { fieldError } from '../core/http/validation-errors';
import { forbiddenField, sessionStaff } from '../core/http/session';
import type { ConsentClient, ContraindicationOverride, GateTreatment } from './types';

/**
 * The contraindication gate shared by signing a consent and recording a treatment: which of the
 * treatment's contraindications the client's history matches, and who may override them — an
 * approved doctor's approval, the signed-in doctor, or (no request: seed, jobs) a named active doctor.
 */
const SAY = {
  overrideDoctor: {
    'zh-Hant': '禁忌症評估只能由醫師本人登入後記錄；請在「核准」中申請醫師核准。',
    'zh-Hans': '禁忌症评估只能由医师本人登录后记录；请在“核准”中申请医师核准。',
    en: 'A contraindication override is recorded by a doctor signed in as themselves; request a doctor’s approval (Approvals).',
  },
  noApproval: {
    'zh-Hant': '沒有醫師已核准、且涵蓋這些禁忌症的申請。',
    'zh-Hans': '没有医师已核准、且涵盖这些禁忌症的申请。',
    en: 'No approved doctor’s override covers these contraindications.',
  },
};

export const CLIENT_FIELDS = ['id', 'documentId', 'erasedAt', 'fullName', 'preferredName', 'dateOfBirth', 'preferredLanguage', 'pregnancyStatus', 'isotretinoinLastTakenAt', 'onAnticoagulants', 'activeSkinInfection', 'keloidHistory', 'guardianConsent', 'photosensitisingMedication', 'neuromuscularDisease', 'implantedDevice', 'metalImplantsInArea', 'coldUrticaria', 'herniaInArea', 'allergies'];

export const byRef = async <T extends { documentId: string } = { id: number; documentId: string }>(strapi: Core.Strapi, uid: ContentTypeUid, value: unknown, field: string, select?: string[]): Promise<T> => {
  const ref = relationRef(value);
  if (!ref) throw fieldError(field, `${field} is required`);
  const row = (await strapi.db.query(uid).findOne({ where: ref.documentId ? { documentId: ref.documentId } : { id: ref.id }, ...(select ? { select } : {}) })) as T | null;
  if (!row) throw fieldError(field, `${field} does not exist`);
  return row;
};

/** What a consent's signer sends (the consent-record document's create data, before the server completes it). */
export const contraindicationGate = (strapi: Core.Strapi) => {
  const gate = {
    /** The treatment's contraindications this client's history matches today. */
    async contraindicationsFor(clientDocumentId: string, treatmentDocumentId: string) {
      const client = await byRef<ConsentClient>(strapi, UID.client, clientDocumentId, 'client', CLIENT_FIELDS);
      const treatment = (await strapi.documents(UID.treatment).findOne({ documentId: treatmentDocumentId, locale: DEFAULT_LANGUAGE, status: 'published', fields: ['contraindications', 'ingredients'] })) as GateTreatment | null;
      if (!treatment) throw fieldError('treatment', 'treatment must be a published catalogue entry');
      return matchContraindications(treatment.contraindications, client, localDate(new Date(), getConfig(strapi).timeZone), treatment.ingredients);
    },

    /**
     * Refuses (400) when the client's history matches a contraindication, unless a doctor overrode
     * it: `inherited` (the override on the consent the record rests on, when it covers the same
     * contraindications), a doctor's approval (`{ approval }`), or the signed-in doctor's own review.
     */
    async assertNoContraindication(client: ConsentClient, treatment: GateTreatment, override: unknown, inherited?: ContraindicationOverride | null): Promise<ContraindicationOverride | null> {
      const hits = matchContraindications(treatment.contraindications, client, localDate(new Date(), getConfig(strapi).timeZone), treatment.ingredients);
      if (hits.length === 0) return null;
      if ((override === undefined || override === null) && inherited && hits.every((h) => (inherited.contraindications ?? []).includes(h))) return inherited;
      if (override && typeof override === 'object') return gate.resolveOverride(override as Record<string, unknown>, client, treatment, hits);
      const names = hits.map((h) => `${contraindicationLabel(h, requestLanguage(strapi))} (${h})`).join('、');
      throw fieldError('client', `contraindicated: ${names}; a doctor must record an override with a reason (contraindicationOverride), or approve one requested by you`, hits);
    },

    /** Who overrides is never a name in the request: an approved request, or the signed-in doctor. */
    async resolveOverride(o: Record<string, unknown>, client: ConsentClient, treatment: GateTreatment, hits: string[]): Promise<ContraindicationOverride> {
      const language = requestLanguage(strapi);
      if (o.approval !== undefined && o.approval !== null) {
        const a = await getService(strapi, 'approvals').usable('contraindication_override', relationRef(o.approval)?.documentId, {
          client: { documentId: client.documentId },
          treatment: { documentId: treatment.documentId },
        });
        if (!a) throw fieldError('contraindicationOverride.approval', say(language, SAY.noApproval));
        const missing = hits.filter((h) => !(a.details?.contraindications ?? []).includes(h));
        if (missing.length) throw fieldError('contraindicationOverride.approval', `${say(language, SAY.noApproval)} (${missing.join(', ')})`);
        return { approval: a.documentId, doctor: a.decidedBy?.documentId, doctorName: a.decidedBy?.fullName, reason: a.decisionNote, contraindications: hits, at: new Date(a.decidedAt ?? 0).toISOString() };
      }
      const ctx = strapi.requestContext?.get?.();
      let doctor: { documentId: string; fullName: string } | null;
      if (ctx?.state?.user) {
        const me = await sessionStaff(strapi, ctx);
        if (!me || me.department !== 'doctor') throw forbiddenField('contraindicationOverride', say(language, SAY.overrideDoctor));
        if (o.doctor !== undefined && o.doctor !== null && relationRef(o.doctor)?.documentId !== me.documentId) throw forbiddenField('contraindicationOverride.doctor', say(language, SAY.overrideDoctor));
        doctor = me;
      } else {
        // no signed-in person: the demo seed and system jobs, which name the doctor themselves
        doctor = (await strapi.db.query(UID.staffMember).findOne({ where: { documentId: typeof o.doctor === 'string' ? o.doctor : '-', department: 'doctor', isActive: true }, select: ['documentId', 'fullName'] })) as { documentId: string; fullName: string } | null;
        if (!doctor) throw fieldError('contraindicationOverride.doctor', 'only an active doctor can override a contraindication');
      }
      if (typeof o.reason !== 'string' || o.reason.trim().length < 10) {
        throw fieldError('contraindicationOverride.reason', 'a contraindication override needs the doctor’s reason (at least 10 characters)');
      }
      return { doctor: doctor.documentId, doctorName: doctor.fullName, reason: o.reason.trim(), contraindications: hits, at: new Date().toISOString() };
    },

  };
  return gate;
};
