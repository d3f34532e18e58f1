import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import { assertSignatureImage, consentHash, renderConsent, ConsentContent, signatureSha256, validateConsentTemplate } from './domain/consent';
import { DEFAULT_LANGUAGE, isLanguage } from '../core/i18n/locales';
import { formatMoney } from '../pricing/domain/money';
import { formatLocalDateTime, localDate } from '../core/time/time';
import { requestLanguage, say } from '../core/http/language';
import { UID, getConfig, getService, relationRef } from '../core/plugin';
import { consentRecordRows } from './consent-record.repository';
import { byRef, CLIENT_FIELDS, contraindicationGate } from './contraindication-gate';
import type { ConsentClient, ConsentRecordRow, ConsentTemplateDoc, GateTreatment, TemplateVersion } from './types';
import type { SignInput } from './consent.schema';
import { asValidation, fieldError } from '../core/http/validation-errors';
import { forbiddenField, sessionStaff } from '../core/http/session';

const SAY = {
  witness: {
    'zh-Hant': '見證人是目前登入的員工本人，不能指定他人。',
    'zh-Hans': '见证人是目前登录的员工本人，不能指定他人。',
    en: 'The witness is the signed-in staff member; another person cannot be named.',
  },
  beforeConsent: (signed: string) => ({
    'zh-Hant': `療程時間早於客戶簽署同意書的時間（${signed}）：療程只能在簽署之後進行。`,
    'zh-Hans': `疗程时间早于客户签署同意书的时间（${signed}）：疗程只能在签署之后进行。`,
    en: `The treatment time is before the client signed the consent (${signed}): a treatment is performed after consent.`,
  }),
};

/** Set by the demo seed (no request): consents it records keep the `signedAt` it gives, in the past. */
const pastSigning = new AsyncLocalStorage<true>();

export type ConsentInput = Record<string, unknown> & { signedAt?: string | Date };

/** The fields a consent's hash covers, from a stored row or a prepared record. */
type ConsentFields = Pick<ConsentRecordRow, 'templateKey' | 'templateVersion' | 'language' | 'renderedText' | 'priceSnapshot' | 'signerName' | 'signatureImage' | 'contraindicationOverride'> & {
  client?: unknown;
  treatment?: unknown;
  witness?: unknown;
  signedAt: string | Date;
};

/** Sign → the answer: what was signed and its hash. */
export interface SignedConsent {
  documentId: string;
  templateKey: string;
  templateVersion: number;
  language: string;
  renderedText: string;
  priceTotal: number | undefined;
  currency: string | undefined;
  signedAt: string;
  contentHash: string;
  consentStatus: string;
}

/**
 * Informed consent: rendering a template for a client and treatment, the contraindication gate
 * (with a doctor's override), the content hash that proves what was signed, and the validity
 * rules a treatment record depends on.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const cfg = () => getConfig(strapi);
  const records = consentRecordRows(strapi);

  const gate = contraindicationGate(strapi);

  const service = {
    ...gate,

    /**
     * Consents created inside `fn` outside any request (importing paper consents, the demo seed,
     * test fixtures) keep the `signedAt` they are given; in a request it is always now.
     */
    importingHistory<T>(fn: () => Promise<T>): Promise<T> {
      return pastSigning.run(true, fn);
    },

    /** Records a signature through the document service (the consent middleware prepares, hashes and seals it). */
    async sign(input: SignInput, clientIp: string): Promise<SignedConsent> {
      const created = (await strapi.documents(UID.consentRecord).create({ data: { ...input, clientIp } })) as ConsentRecordRow;
      return {
        documentId: created.documentId,
        templateKey: created.templateKey,
        templateVersion: created.templateVersion,
        language: created.language,
        renderedText: created.renderedText,
        priceTotal: created.priceSnapshot?.total,
        currency: created.priceSnapshot?.currency,
        signedAt: created.signedAt,
        contentHash: created.contentHash,
        consentStatus: created.consentStatus,
      };
    },

    /** The latest published template of a treatment in a language (falling back to zh-Hant). */
    async currentTemplate(treatmentDocumentId: string, language: string, templateValue?: unknown): Promise<ConsentTemplateDoc> {
      const ref = relationRef(templateValue);
      if (ref) {
        const t = ref.documentId ? await strapi.documents(UID.consentTemplate).findOne({ documentId: ref.documentId, status: 'published' }) : null;
        if (!t) throw fieldError('consentTemplate', 'consentTemplate must be a published template');
        return t as ConsentTemplateDoc;
      }
      for (const lang of [language, DEFAULT_LANGUAGE]) {
        const [t] = await strapi.documents(UID.consentTemplate).findMany({
          status: 'published',
          filters: { treatment: { documentId: treatmentDocumentId }, language: lang },
          sort: [{ version: 'desc' }],
          limit: 1,
        });
        if (t) return t as ConsentTemplateDoc;
      }
      throw fieldError('treatment', 'this treatment has no published consent template');
    },

    /** The witness is the signed-in staff member; a request naming someone else is refused (403). */
    async witnessFor(value: unknown): Promise<string | null> {
      const ctx = strapi.requestContext?.get?.();
      if (!ctx?.state?.user) return value ? (await byRef(strapi, UID.staffMember, value, 'witness', ['documentId'])).documentId : null;
      const me = await sessionStaff(strapi, ctx);
      if (value !== undefined && value !== null && value !== '' && relationRef(value)?.documentId !== me?.documentId) throw forbiddenField('witness', say(requestLanguage(strapi), SAY.witness));
      return me?.documentId ?? null;
    },

    /**
     * Completes a consent record before it is stored: template, price snapshot, rendered text,
     * server time, hash. Whatever the caller sent for those fields is replaced.
     */
    async prepare(data: ConsentInput) {
      const client = await byRef<ConsentClient>(strapi, UID.client, data.client, 'client', CLIENT_FIELDS);
      if (client.erasedAt) throw fieldError('client', 'this client’s personal data was erased on request: no new consent or treatment can be recorded for them');
      const treatmentRow = await byRef(strapi, UID.treatment, data.treatment, 'treatment', ['documentId']);
      const language = isLanguage(data.language) ? data.language : isLanguage(client.preferredLanguage) ? client.preferredLanguage : DEFAULT_LANGUAGE;
      const treatment = await getService(strapi, 'pricing').publishedTreatment({ documentId: treatmentRow.documentId }, language);
      if (!treatment) throw fieldError('treatment', 'treatment must be a published catalogue entry');
      const override = await service.assertNoContraindication(client, treatment, data.contraindicationOverride);
      const template = await service.currentTemplate(treatment.documentId, language, data.consentTemplate);
      const snapshot = await getService(strapi, 'pricing').snapshot(treatment.documentId, data.priceSnapshot, { language });
      // server time; only the demo seed, outside any request, records consents signed in the past
      const signedAt = pastSigning.getStore() && !strapi.requestContext?.get?.() && data.signedAt ? new Date(data.signedAt) : new Date();
      const templateBody = template.body;
      const renderedText = asValidation(
        () =>
          renderConsent(templateBody, {
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
      const witness = await service.witnessFor(data.witness);
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
        witness,
        signatureImage,
        signedAt: signedAt.toISOString(),
        contraindicationOverride: override,
        consentStatus: 'valid',
      };
      return { ...prepared, contentHash: consentHash(service.content(prepared)) };
    },

    /** The fields the hash covers, from a stored or prepared record. */
    content(r: ConsentFields): ConsentContent {
      const doc = (v: unknown): string | null => ((v && typeof v === 'object' ? (v as { documentId?: string }).documentId : (v as string | undefined)) ?? null);
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
      const r = await records.findOne({ documentId }, { populate: { client: { select: ['documentId'] }, treatment: { select: ['documentId'] }, witness: { select: ['documentId'] } } });
      if (!r) return null;
      // a record linked to a treatment's draft and published rows: the hash uses the documentId, the same for both
      const computed = consentHash(service.content(r));
      return { documentId, intact: computed === r.contentHash, storedHash: r.contentHash, computedHash: computed, signedAt: r.signedAt, consentStatus: r.consentStatus };
    },

    /**
     * The consent a treatment record rests on: the given one or the client's latest for this
     * treatment; it must be valid, recent enough, and not overtaken by a material template change.
     */
    async assertValidFor(clientDocumentId: string, treatmentDocumentId: string, consentValue: unknown, at: Date = new Date()) {
      const ref = relationRef(consentValue);
      const where: Record<string, unknown> = ref
        ? ref.documentId
          ? { documentId: ref.documentId }
          : { id: ref.id }
        : { client: { documentId: clientDocumentId }, treatment: { documentId: treatmentDocumentId }, consentStatus: 'valid' };
      const consent = (await records.findOne(where, { orderBy: { signedAt: 'desc' }, populate: { client: { select: ['documentId'] }, treatment: { select: ['documentId'] } } })) as
        | (ConsentRecordRow & { client?: { documentId: string }; treatment?: { documentId: string } })
        | null;
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
      // valid when the treatment is performed (a record entered later is dated then)
      const ageDays = (at.getTime() - new Date(consent.signedAt).getTime()) / 86_400_000;
      if (ageDays > cfg().consent.validityDays) throw fieldError('consentRecord', `the consent is older than ${cfg().consent.validityDays} days: sign a new one`);
      const templates = await strapi.documents(UID.consentTemplate).findMany({
        status: 'published',
        filters: { templateKey: consent.templateKey, language: consent.language },
        fields: ['version', 'isMaterialChange', 'previousVersions'],
      });
      for (const t of templates as ConsentTemplateDoc[]) {
        const versions: TemplateVersion[] = [{ version: t.version, isMaterialChange: t.isMaterialChange }, ...(t.previousVersions ?? [])];
        const material = versions.find((v) => v.version > consent.templateVersion && v.isMaterialChange);
        if (material) throw fieldError('consentRecord', `the consent text changed materially (version ${material.version}) since it was signed: the client must consent again`);
      }
      return consent;
    },

    /**
     * What a new treatment record needs before it is stored: a client, a valid consent, no
     * unoverridden contraindication; it also records the SOP versions in force.
     */
    async gateTreatmentRecord(data: Record<string, unknown>) {
      const client = await byRef<ConsentClient>(strapi, UID.client, data.client, 'client', CLIENT_FIELDS);
      if (client.erasedAt) throw fieldError('client', 'this client’s personal data was erased on request: no new consent or treatment can be recorded for them');
      const treatmentRow = await byRef(strapi, UID.treatment, data.treatment, 'treatment', ['documentId']);
      const treatment = (await strapi.documents(UID.treatment).findOne({
        documentId: treatmentRow.documentId,
        locale: DEFAULT_LANGUAGE,
        status: 'published',
        fields: ['contraindications', 'ingredients'],
        populate: { sops: { fields: ['code', 'version', 'title'] } },
      })) as GateTreatment | null;
      if (!treatment) throw fieldError('treatment', 'treatment must be a published catalogue entry');
      const performedValue = data.performedAt as string | number | Date | undefined;
      const performedAt = performedValue !== undefined && !Number.isNaN(new Date(performedValue).getTime()) ? new Date(performedValue) : new Date();
      const consent = await service.assertValidFor(client.documentId, treatmentRow.documentId, data.consentRecord, performedAt);
      // a treatment is performed after the client consented to it, never before
      if (performedAt.getTime() < new Date(consent.signedAt).getTime()) {
        throw fieldError('performedAt', say(requestLanguage(strapi), SAY.beforeConsent(formatLocalDateTime(consent.signedAt, cfg().timeZone))));
      }
      const override = await service.assertNoContraindication(client, treatment, data.contraindicationOverride, consent.contraindicationOverride);
      return {
        gate: {
          consentRecord: consent.documentId,
          contraindicationOverride: override,
          sopVersions: (treatment.sops ?? []).map((s) => ({ code: s.code, version: s.version, title: s.title })),
        },
        consent,
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
