import type { Core } from '@strapi/strapi';
import { randomBytes } from 'crypto';
import { isDeepStrictEqual } from 'util';
import { localDate } from '../core/time/time';
import { UID, getConfig, getService, relationRef } from '../core/plugin';
import { fieldError } from '../core/http/validation-errors';
import { formatMoney } from '../pricing/domain/money';
import { requestLanguage, say } from '../core/http/language';
import { forbiddenField, sessionStaff } from '../core/http/session';
import type { ConsentRecordRow } from '../consent/types';

/** A treatment record as an update's checks read it. */
interface RecordForUpdate {
  performedAt: string;
  treatment?: { documentId: string } | Array<{ documentId: string }> | null;
  practitioner?: { documentId: string } | null;
  consentRecord?: { signedAt: string } | null;
}

/** TR-20261124-7B3F0: the clinic's date and five random hex digits (the column is unique). */
const newRecordNumber = (timeZone: string) => `TR-${localDate(new Date(), timeZone).replace(/-/g, '')}-${randomBytes(3).toString('hex').slice(0, 5).toUpperCase()}`;

const parseJsonField = (text: string, path: string) => {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw fieldError(path, `${path} must be JSON`);
  }
};

type Data = Record<string, unknown>;
type Ctx = { uid: string; action: string; params: { documentId?: string; data?: Data; [key: string]: unknown } };
type Next = () => Promise<unknown>;
type Written = { documentId: string } | null;

const PRICED = new Set<string>([UID.treatmentRecord]);

const OVER_QUOTE = (quoted: string, total: string) => ({
  'zh-Hant': `金額 ${total} 超過客戶簽署的報價 ${quoted}：請讓客戶重新簽署同意書，或請管理者核准此價格（核准）。`,
  'zh-Hans': `金额 ${total} 超过客户签署的报价 ${quoted}：请让客户重新签署同意书，或请管理者核准此价格（核准）。`,
  en: `${total} exceeds the quote the client signed (${quoted}): have the client sign a new consent, or ask a manager to approve this price (Approvals).`,
});

/**
 * The quote the client signed binds the record: a total above it needs an approved, unused
 * manager's price approval for that consent covering the new total. Returns the approval to use.
 */
const bindingQuote = async (strapi: Core.Strapi, consent: Pick<ConsentRecordRow, 'documentId' | 'priceSnapshot'>, snapshot: { total: number; currency: string }, approvalValue: unknown) => {
  const quoted = Number(consent.priceSnapshot?.total ?? 0);
  if (snapshot.total <= quoted) return null;
  const approval = await getService(strapi, 'approvals').usable('price_change', relationRef(approvalValue)?.documentId, { consentRecord: { documentId: consent.documentId } });
  if (approval && !approval.usedAt && Number(approval.details?.requestedTotal) >= snapshot.total) return approval;
  const language = requestLanguage(strapi);
  throw fieldError(approvalValue ? 'priceApproval' : 'priceSnapshot', say(language, OVER_QUOTE(formatMoney(quoted, snapshot.currency, language), formatMoney(snapshot.total, snapshot.currency, language))));
};

/** Who records a treatment is the signed-in staff member (a body naming someone else: 403). */
const recorder = async (strapi: Core.Strapi, value: unknown) => {
  const ctx = strapi.requestContext?.get?.();
  if (!ctx?.state?.user) return relationRef(value)?.documentId ?? null;
  const me = await sessionStaff(strapi, ctx);
  if (value !== undefined && value !== null && value !== '' && relationRef(value)?.documentId !== me?.documentId) {
    throw forbiddenField('recordedBy', say(requestLanguage(strapi), { 'zh-Hant': '紀錄人是目前登入的員工本人，不能指定他人。', 'zh-Hans': '记录人是目前登录的员工本人，不能指定他人。', en: 'The record is made by the signed-in staff member; another person cannot be named.' }));
  }
  return me?.documentId ?? null;
};
const TEMPLATE_WRITES = new Set(['create', 'update']);

/** Administrator-edited email templates must compile; the renderer's cache is dropped on any change. */
export const emailTemplateMiddleware = (strapi: Core.Strapi) => async (ctx: Ctx, next: Next) => {
  if (ctx.uid !== UID.emailTemplate) return next();
  if (TEMPLATE_WRITES.has(ctx.action)) getService(strapi, 'email-renderer').assertCompiles(ctx.params?.data ?? {});
  try {
    return await next();
  } finally {
    getService(strapi, 'email-renderer').invalidate();
  }
};

const clientLanguage = async (strapi: Core.Strapi, value: unknown): Promise<string | undefined> => {
  const ref = relationRef(value);
  if (!ref) return undefined;
  const where = ref.documentId ? { documentId: ref.documentId } : { id: ref.id };
  const client = await strapi.db.query(UID.client).findOne({ where, select: ['preferredLanguage'] });
  return client?.preferredLanguage ?? undefined;
};

/** A relation value in an update that really changes the target (the admin sends empty connect/disconnect lists). */
const changesRelation = (value: unknown) => {
  if (value === undefined) return false;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    const empty = (x: unknown) => x === undefined || (Array.isArray(x) && x.length === 0);
    if ('connect' in v || 'disconnect' in v || 'set' in v) return !(empty(v.connect) && empty(v.disconnect) && v.set === undefined);
  }
  return true;
};

/**
 * Treatment records (and consent records, see consent.ts) carry a price snapshot computed by the server when they are
 * created (from the client's chosen options, sent as `priceSnapshot: { addOns, quantities, packageCode }`)
 * and frozen afterwards: later catalogue edits never touch it and updates may not change it.
 */
export const recordsMiddleware = (strapi: Core.Strapi) => async (ctx: Ctx, next: Next) => {
  if (ctx.uid === UID.trainingRecord && (ctx.action === 'create' || ctx.action === 'update')) {
    const current = ctx.action === 'update' ? await strapi.db.query(UID.trainingRecord).findOne({ where: { documentId: ctx.params.documentId }, populate: { course: { select: ['documentId'] } } }) : undefined;
    ctx.params = { ...ctx.params, data: await getService(strapi, 'training').prepare(ctx.params.data ?? {}, current ?? undefined) };
    return next();
  }
  if (!PRICED.has(ctx.uid)) return next();
  const params = ctx.params ?? {};

  if (ctx.action === 'create') {
    const data = { ...(params.data ?? {}) };
    // the content manager's JSON field arrives as text
    if (typeof data.priceSnapshot === 'string') data.priceSnapshot = parseJsonField(data.priceSnapshot, 'priceSnapshot');
    if (ctx.uid === UID.treatmentRecord && !data.recordNumber) data.recordNumber = newRecordNumber(getConfig(strapi).timeZone);
    // no treatment without a valid consent signed before it, and without an overridden contraindication
    const { gate, consent } = await getService(strapi, 'consent').gateTreatmentRecord(data);
    // no practitioner without the certifications the treatment requires
    await getService(strapi, 'training').assertCertified(data);
    const language = typeof data.language === 'string' ? data.language : await clientLanguage(strapi, data.client);
    const snapshot = await getService(strapi, 'pricing').snapshot(data.treatment, data.priceSnapshot, { language });
    // the signed quote binds: more needs a manager's approval of that price for this consent
    const approval = await bindingQuote(strapi, consent, snapshot, data.priceApproval);
    const recordedBy = await recorder(strapi, data.recordedBy);
    ctx.params = { ...params, data: { ...data, ...gate, priceSnapshot: snapshot, priceApproval: approval?.documentId ?? null, recordedBy } };
    // The record, its follow-up tasks and their emails, the approval's use and the ledger entry
    // commit together or not at all.
    return strapi.db.transaction(async () => {
      const record = (await next()) as { documentId: string };
      if (approval && !(await getService(strapi, 'approvals').use(approval.id, record.documentId))) {
        throw fieldError('priceApproval', 'this price approval was already used for another treatment record');
      }
      await getService(strapi, 'follow-ups').scheduleForRecord(record.documentId);
      await getService(strapi, 'surveys').forRecord(record.documentId);
      await getService(strapi, 'ledger').append([{ kind: 'quote', subjectId: record.documentId }]);
      return record;
    });
  }

  if (ctx.action === 'delete' && ctx.uid === UID.treatmentRecord) {
    return strapi.db.transaction(async () => {
      if (params.documentId) await getService(strapi, 'follow-ups').cancelForRecord(params.documentId);
      return next();
    });
  }

  if (ctx.action === 'update') {
    const data = params.data ?? {};
    for (const field of ['consentRecord', 'priceApproval', 'recordedBy']) {
      if (changesRelation(data[field])) throw fieldError(field, `${field} is fixed when the record is created (it is sealed in the evidence ledger)`);
    }
    const touchesSnapshot = data.priceSnapshot !== undefined;
    const touchesTreatment = changesRelation(data.treatment);
    if (touchesSnapshot || touchesTreatment) {
      const current = params.documentId
        ? ((await strapi.documents(UID.treatmentRecord).findOne({ documentId: params.documentId, populate: { treatment: { fields: ['documentId'] } } })) as { priceSnapshot?: unknown; treatment?: { documentId: string } | null } | null)
        : null;
      if (current && touchesSnapshot && !isDeepStrictEqual(data.priceSnapshot, current.priceSnapshot)) {
        throw fieldError('priceSnapshot', 'priceSnapshot is frozen when the record is created and cannot be changed; create a new record instead');
      }
      const target = relationRef(data.treatment);
      if (current && touchesTreatment && target?.documentId !== current.treatment?.documentId) {
        throw fieldError('treatment', 'treatment cannot be changed after the record is created, because its price snapshot belongs to it');
      }
    }
    if (ctx.uid === UID.treatmentRecord && (changesRelation(data.practitioner) || data.performedAt !== undefined)) {
      // a new practitioner or date must hold the treatment's certifications on that day
      const current = (await strapi.db.query(UID.treatmentRecord).findOne({
        where: { documentId: params.documentId },
        populate: { treatment: { select: ['documentId'] }, practitioner: { select: ['documentId'] }, consentRecord: { select: ['signedAt'] } },
      })) as RecordForUpdate | null;
      if (current) {
        if (data.performedAt !== undefined && current.consentRecord && new Date(data.performedAt as string).getTime() < new Date(current.consentRecord.signedAt).getTime()) {
          throw fieldError('performedAt', 'a treatment cannot be dated before the consent it was performed under was signed');
        }
        const treatment = Array.isArray(current.treatment) ? current.treatment[0] : current.treatment;
        await getService(strapi, 'training').assertCertified({
          treatment: treatment?.documentId,
          practitioner: changesRelation(data.practitioner) ? data.practitioner : current.practitioner?.documentId,
          performedAt: data.performedAt ?? current.performedAt,
        });
      }
    }
    if (ctx.uid === UID.treatmentRecord && data.performedAt !== undefined) {
      // A new treatment time moves the pending follow-ups (idempotent: same keys, no duplicates).
      return strapi.db.transaction(async () => {
        const record = (await next()) as Written;
        if (record) await getService(strapi, 'follow-ups').scheduleForRecord(record.documentId);
        return record;
      });
    }
  }
  return next();
};
