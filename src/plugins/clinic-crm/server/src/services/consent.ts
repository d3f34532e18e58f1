import type { Core } from '@strapi/strapi';
import { assertSignatureImage, consentHash, renderConsent, ConsentContent, signatureSha256, validateConsentTemplate } from '../domain/consent';
import { CONTRAINDICATIONS, matchContraindications } from '../domain/contraindications';
import { DEFAULT_LANGUAGE, isLanguage } from '../domain/locales';
import { formatMoney } from '../domain/money';
import { localDate } from '../domain/time';
import { requestLanguage, say } from '../utils/language';
import { UID, getConfig, getService, relationRef } from '../utils';
import { asValidation, fieldError } from '../validation/errors';

const CLIENT_FIELDS = ['id', 'documentId', 'erasedAt', 'fullName', 'preferredName', 'dateOfBirth', 'preferredLanguage', 'pregnancyStatus', 'isotretinoinLastTakenAt', 'onAnticoagulants', 'activeSkinInfection', 'keloidHistory', 'guardianConsent', 'photosensitisingMedication', 'neuromuscularDisease', 'implantedDevice', 'metalImplantsInArea', 'coldUrticaria', 'herniaInArea', 'allergies'];

const byRef = async (strapi: Core.Strapi, uid: string, value: unknown, field: string, select?: string[]) => {
  const ref = relationRef(value);
  if (!ref) throw fieldError(field, `${field} is required`);
  const row = await strapi.db.query(uid as any).findOne({ where: ref.documentId ? { documentId: ref.documentId } : { id: ref.id }, ...(select ? { select } : {}) });
  if (!row) throw fieldError(field, `${field} does not exist`);
  return row;
};

/**
 * Informed consent: rendering a template for a client and treatment, the contraindication gate
 * (with a doctor's override), the content hash that proves what was signed, and the validity
 * rules a treatment record depends on.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const cfg = () => getConfig(strapi);

  const service = {
    /** The latest published template of a treatment in a language (falling back to zh-Hant). */
    async currentTemplate(treatmentDocumentId: string, language: string, templateValue?: unknown) {
      const ref = relationRef(templateValue);
      if (ref) {
        const t = await strapi.documents(UID.consentTemplate).findOne({ documentId: ref.documentId!, status: 'published' } as any);
        if (!t) throw fieldError('consentTemplate', 'consentTemplate must be a published template');
        return t as any;
      }
      for (const lang of [language, DEFAULT_LANGUAGE]) {
        const [t] = await strapi.documents(UID.consentTemplate).findMany({
          status: 'published',
          filters: { treatment: { documentId: treatmentDocumentId }, language: lang },
          sort: [{ version: 'desc' }],
          limit: 1,
        } as any);
        if (t) return t as any;
      }
      throw fieldError('treatment', 'this treatment has no published consent template');
    },

    /** Refuses (400) when the client's history matches a contraindication, unless a doctor overrode it with a reason. */
    async assertNoContraindication(client: any, treatment: any, override: unknown) {
      const hits = matchContraindications(treatment.contraindications, client, localDate(new Date(), cfg().timeZone), treatment.ingredients);
      if (hits.length === 0) return null;
      const o = override as { doctor?: unknown; reason?: unknown } | null | undefined;
      if (o && typeof o === 'object') {
        const doctor = await strapi.db.query(UID.staffMember).findOne({
          where: { documentId: typeof o.doctor === 'string' ? o.doctor : '-', department: 'doctor', isActive: true },
          select: ['documentId', 'fullName'],
        });
        if (!doctor) throw fieldError('contraindicationOverride.doctor', 'only an active doctor can override a contraindication');
        if (typeof o.reason !== 'string' || o.reason.trim().length < 10) {
          throw fieldError('contraindicationOverride.reason', 'a contraindication override needs the doctor’s reason (at least 10 characters)');
        }
        return { doctor: doctor.documentId, doctorName: doctor.fullName, reason: o.reason.trim(), contraindications: hits, at: new Date().toISOString() };
      }
      const names = hits.map((h) => `${CONTRAINDICATIONS[h]?.['zh-Hant'] ?? h} (${h})`).join('、');
      throw fieldError('client', `contraindicated: ${names}; a doctor must record an override with a reason (contraindicationOverride)`, hits);
    },

    /**
     * Completes a consent record before it is stored: template, price snapshot, rendered text,
     * server time, hash. Whatever the caller sent for those fields is replaced.
     */
    async prepare(data: Record<string, any>) {
      const client = await byRef(strapi, UID.client, data.client, 'client', CLIENT_FIELDS);
      if (client.erasedAt) throw fieldError('client', 'this client’s personal data was erased on request: no new consent or treatment can be recorded for them');
      const treatmentRow = await byRef(strapi, UID.treatment, data.treatment, 'treatment', ['documentId']);
      const language = isLanguage(data.language) ? data.language : isLanguage(client.preferredLanguage) ? client.preferredLanguage : DEFAULT_LANGUAGE;
      const treatment: any = await getService(strapi, 'pricing').publishedTreatment({ documentId: treatmentRow.documentId }, language);
      if (!treatment) throw fieldError('treatment', 'treatment must be a published catalogue entry');
      const override = await service.assertNoContraindication(client, treatment, data.contraindicationOverride);
      const template = await service.currentTemplate(treatment.documentId, language, data.consentTemplate);
      const snapshot = await getService(strapi, 'pricing').snapshot(treatment.documentId, data.priceSnapshot, { language });
      const signedAt = new Date();
      const renderedText = asValidation(
        () =>
          renderConsent(template.body, {
            client: { fullName: client.fullName, preferredName: client.preferredName, dateOfBirth: client.dateOfBirth },
            treatment,
            risks: Array.isArray(template.riskList) ? template.riskList : [],
            alternatives: template.alternatives ?? '',
            price: {
              ...snapshot,
              totalFormatted: formatMoney(snapshot.total, snapshot.currency, language),
              lines: snapshot.lines.map((l) => ({ ...l, formatted: formatMoney(l.amount, snapshot.currency, language) })),
            },
            clinic: { name: cfg().clinicName },
            signedDate: localDate(signedAt, cfg().timeZone),
          }),
        'consentTemplate'
      );
      if (typeof data.signerName !== 'string' || data.signerName.trim() === '') throw fieldError('signerName', 'signerName is required');
      const witness = data.witness ? await byRef(strapi, UID.staffMember, data.witness, 'witness', ['documentId']) : null;
      const signatureImage = data.signatureImage === undefined || data.signatureImage === null ? null : asValidation(() => assertSignatureImage(data.signatureImage));
      const prepared = {
        ...data,
        client: client.documentId,
        treatment: treatment.documentId,
        consentTemplate: template.documentId,
        templateKey: template.templateKey,
        templateVersion: template.version,
        language: template.language,
        renderedText,
        priceSnapshot: snapshot,
        signerName: data.signerName.trim(),
        witness: witness?.documentId ?? null,
        signatureImage,
        signedAt: signedAt.toISOString(),
        contraindicationOverride: override,
        consentStatus: 'valid',
      };
      return { ...prepared, contentHash: consentHash(service.content(prepared)) };
    },

    /** The fields the hash covers, from a stored or prepared record. */
    content(r: any): ConsentContent {
      const doc = (v: any) => (v && typeof v === 'object' ? v.documentId : v) ?? null;
      return {
        client: doc(r.client),
        treatment: doc(r.treatment),
        templateKey: r.templateKey,
        templateVersion: Number(r.templateVersion),
        language: r.language,
        renderedText: r.renderedText,
        priceSnapshot: r.priceSnapshot,
        signerName: r.signerName,
        witness: doc(r.witness),
        signedAt: new Date(r.signedAt).toISOString(),
        contraindicationOverride: r.contraindicationOverride ?? null,
        // records signed before drawn signatures hash exactly as they did
        ...(r.signatureImage ? { signatureSha256: signatureSha256(r.signatureImage) } : {}),
      };
    },

    /** Recomputes the hash of a stored record: `intact` is false when anything it covers was changed. */
    async verify(documentId: string) {
      const r: any = await strapi.db.query(UID.consentRecord).findOne({
        where: { documentId },
        populate: { client: { select: ['documentId'] }, treatment: { select: ['documentId'] }, witness: { select: ['documentId'] } },
      });
      if (!r) return null;
      // a record linked to a treatment's draft and published rows: the hash uses the documentId, the same for both
      const computed = consentHash(service.content(r));
      return { documentId, intact: computed === r.contentHash, storedHash: r.contentHash, computedHash: computed, signedAt: r.signedAt, consentStatus: r.consentStatus };
    },

    /**
     * The consent a treatment record rests on: the given one or the client's latest for this
     * treatment; it must be valid, recent enough, and not overtaken by a material template change.
     */
    async assertValidFor(clientDocumentId: string, treatmentDocumentId: string, consentValue: unknown) {
      const ref = relationRef(consentValue);
      const where: any = ref
        ? ref.documentId
          ? { documentId: ref.documentId }
          : { id: ref.id }
        : { client: { documentId: clientDocumentId }, treatment: { documentId: treatmentDocumentId }, consentStatus: 'valid' };
      const consent: any = await strapi.db.query(UID.consentRecord).findOne({
        where,
        orderBy: { signedAt: 'desc' },
        populate: { client: { select: ['documentId'] }, treatment: { select: ['documentId'] } },
      });
      if (!consent) {
        throw fieldError(
          'consentRecord',
          say(requestLanguage(strapi), {
            'zh-Hant': '此客戶尚未簽署這個療程的同意書：請先到「Clinic CRM › 簽署同意書」讓客戶簽署。',
            'zh-Hans': '此客户尚未签署这个疗程的同意书：请先到“Clinic CRM › 签署同意书”让客户签署。',
            en: 'No signed consent for this client and treatment: have the client sign one first (Clinic CRM › Sign a consent).',
          })
        );
      }
      if (consent.client?.documentId !== clientDocumentId || consent.treatment?.documentId !== treatmentDocumentId) {
        throw fieldError('consentRecord', 'the consent was signed for another client or treatment');
      }
      if (consent.consentStatus !== 'valid') throw fieldError('consentRecord', `the consent is ${consent.consentStatus}`);
      const ageDays = (Date.now() - new Date(consent.signedAt).getTime()) / 86_400_000;
      if (ageDays > cfg().consent.validityDays) throw fieldError('consentRecord', `the consent is older than ${cfg().consent.validityDays} days: sign a new one`);
      const templates = await strapi.documents(UID.consentTemplate).findMany({
        status: 'published',
        filters: { templateKey: consent.templateKey, language: consent.language },
        fields: ['version', 'isMaterialChange', 'previousVersions'],
      } as any);
      for (const t of templates as any[]) {
        const versions = [{ version: t.version, isMaterialChange: t.isMaterialChange }, ...((t.previousVersions as any[]) ?? [])];
        const material = versions.find((v) => v.version > consent.templateVersion && v.isMaterialChange);
        if (material) throw fieldError('consentRecord', `the consent text changed materially (version ${material.version}) since it was signed: the client must consent again`);
      }
      return consent;
    },

    /**
     * What a new treatment record needs before it is stored: a client, a valid consent, no
     * unoverridden contraindication; it also records the SOP versions in force.
     */
    async gateTreatmentRecord(data: Record<string, any>) {
      const client = await byRef(strapi, UID.client, data.client, 'client', CLIENT_FIELDS);
      if (client.erasedAt) throw fieldError('client', 'this client’s personal data was erased on request: no new consent or treatment can be recorded for them');
      const treatmentRow = await byRef(strapi, UID.treatment, data.treatment, 'treatment', ['documentId']);
      const treatment: any = await strapi.documents(UID.treatment).findOne({
        documentId: treatmentRow.documentId,
        locale: DEFAULT_LANGUAGE,
        status: 'published',
        fields: ['contraindications', 'ingredients'],
        populate: { sops: { fields: ['code', 'version', 'title'] } },
      } as any);
      if (!treatment) throw fieldError('treatment', 'treatment must be a published catalogue entry');
      const consent = await service.assertValidFor(client.documentId, treatmentRow.documentId, data.consentRecord);
      const override = await service.assertNoContraindication(client, treatment, data.contraindicationOverride);
      return {
        consentRecord: consent.documentId,
        contraindicationOverride: override,
        sopVersions: (treatment.sops ?? []).map((s: any) => ({ code: s.code, version: s.version, title: s.title })),
      };
    },

    validateTemplate(data: Record<string, unknown>) {
      if (data.body !== undefined) asValidation(() => validateConsentTemplate(data.body, 'body'));
      if (data.riskList !== undefined && data.riskList !== null && (!Array.isArray(data.riskList) || data.riskList.some((r) => typeof r !== 'string'))) {
        throw fieldError('riskList', 'riskList must be a list of plain-language sentences');
      }
    },
  };
  return service;
};
