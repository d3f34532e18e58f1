import type { Core } from '@strapi/strapi';
import { getService, UID } from '../core/plugin';
import { DEFAULT_LANGUAGE, isLanguage } from '../core/i18n/locales';
import { PRICE_POPULATE } from '../pricing/pricing.service';
import { requestLanguage } from '../core/http/language';
import { validateRegistration } from '../clients/client-registration.schema';
import { withSharedContact } from '../clients/clients.middleware';
import { validateDeskIntake } from '../complaints/complaint-desk.schema';
import { errors } from '@strapi/utils';
import { fieldError } from '../core/http/validation-errors';
import { sessionStaff } from '../core/http/session';

/** The staff task screens' own routes (admin panel): find and register clients. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /clinic-crm/desk/clients?q=鄭 — by name, phone (any spelling), e-mail or client number. */
  async searchClients(ctx) {
    const q = typeof ctx.query?.q === 'string' ? ctx.query.q.slice(0, 100) : '';
    ctx.body = { data: await getService(strapi, 'clients').search(q) };
  },

  /**
   * POST /clinic-crm/desk/clients — registers a client with a generated number. A phone or e-mail
   * of an existing client is a 400 naming the field and that client, unless `sharedContact`.
   * The staff member who registers is recorded as the first contact (from the session).
   */
  async registerClient(ctx) {
    const input = validateRegistration(ctx.request.body?.data ?? ctx.request.body, requestLanguage(strapi));
    const { sharedContact, ...fields } = input;
    const me = await sessionStaff(strapi, ctx);
    const data: Record<string, unknown> = { ...fields, ...(me ? { firstContactStaff: me.documentId } : {}) };
    const create = () => strapi.documents(UID.client).create({ data, fields: ['clientNumber', 'fullName', 'phone', 'email', 'preferredLanguage'] } as any);
    // number, duplicate check and insert run under one lock (document-middlewares/clients.ts)
    const client: any = sharedContact ? await withSharedContact(create) : await create();
    ctx.status = 201;
    ctx.body = { data: client };
  },

  /** GET /clinic-crm/desk/complaints?status=open|all&mine=true */
  async complaints(ctx) {
    const mine = ctx.query?.mine === 'true';
    const me = mine ? await sessionStaff(strapi, ctx) : null;
    ctx.body = { data: await getService(strapi, 'complaint-desk').list({ status: ctx.query?.status === 'all' ? 'all' : 'open', mine, staffId: me?.id ?? null }) };
  },

  /** GET /clinic-crm/desk/complaints/:documentId — the complaint page. */
  async complaint(ctx) {
    const c = await getService(strapi, 'complaint-desk').detail(ctx.params.documentId);
    if (!c) throw new errors.NotFoundError('Complaint not found');
    ctx.body = { data: c };
  },

  /** POST /clinic-crm/desk/complaints — phone or walk-in intake; the taker is the signed-in user. */
  async takeComplaint(ctx) {
    const input = validateDeskIntake(ctx.request.body?.data ?? ctx.request.body, requestLanguage(strapi));
    const created: any = await getService(strapi, 'complaint-desk').intake(input);
    ctx.status = 201;
    ctx.body = { data: created };
  },

  /** GET /clinic-crm/desk/clients/:documentId/treatment-records */
  async clientRecords(ctx) {
    ctx.body = { data: await getService(strapi, 'complaint-desk').clientRecords(ctx.params.documentId) };
  },

  /** GET /clinic-crm/desk/treatments?locale= — published treatments with their prices, for the signing and record screens. */
  async treatments(ctx) {
    const asked = ctx.query?.locale;
    const locale = isLanguage(asked) ? asked : requestLanguage(strapi);
    const read = (l: string) =>
      strapi.documents(UID.treatment).findMany({ status: 'published', locale: l, fields: ['name', 'slug', 'category'], populate: PRICE_POPULATE, limit: 500 } as any) as Promise<any[]>;
    const rows = await read(locale);
    // a treatment not translated yet is shown in zh-Hant
    const fallback = locale === DEFAULT_LANGUAGE ? [] : (await read(DEFAULT_LANGUAGE)).filter((d) => !rows.some((r) => r.documentId === d.documentId));
    const all = [...rows, ...fallback].map(({ id, ...t }: any) => ({
      ...t,
      feeItems: (t.feeItems ?? []).map(({ id: _i, ...f }: any) => f),
      coursePackages: (t.coursePackages ?? []).map(({ id: _i, ...p }: any) => p),
    }));
    ctx.body = { data: all.sort((a, b) => String(a.category).localeCompare(String(b.category)) || String(a.name).localeCompare(String(b.name))) };
  },

  /**
   * POST /clinic-crm/desk/consents/preview { client, treatment, priceSnapshot } — the consent as it
   * would be signed now (rendered text in the client's language, frozen quote), without storing it.
   * A contraindication or a bad option choice is the same 400 the signature would get; a
   * `contraindicationOverride` (a doctor's approval, or the signed-in doctor's review) is checked as the signature checks it.
   */
  async previewConsent(ctx) {
    const b = ctx.request.body?.data ?? ctx.request.body ?? {};
    const prepared: any = await getService(strapi, 'consent').prepare({ client: b.client, treatment: b.treatment, priceSnapshot: b.priceSnapshot, contraindicationOverride: b.contraindicationOverride, signerName: '—' });
    ctx.body = {
      data: {
        renderedText: prepared.renderedText,
        priceSnapshot: prepared.priceSnapshot,
        language: prepared.language,
        templateKey: prepared.templateKey,
        templateVersion: prepared.templateVersion,
      },
    };
  },

  /** GET /clinic-crm/desk/record-context?client=&treatment= — consent, its quote and qualified practitioners. */
  async recordContext(ctx) {
    const { client, treatment } = ctx.query ?? {};
    if (typeof client !== 'string' || !client) throw fieldError('client', 'client is required');
    if (typeof treatment !== 'string' || !treatment) throw fieldError('treatment', 'treatment is required');
    ctx.body = { data: await getService(strapi, 'record-desk').context(client, treatment) };
  },

  /** POST /clinic-crm/desk/quote { client, treatment, priceSnapshot } — the live price of a choice, in the client's language. */
  async quote(ctx) {
    const b = ctx.request.body?.data ?? ctx.request.body ?? {};
    const client = typeof b.client === 'string' ? await strapi.db.query(UID.client).findOne({ where: { documentId: b.client }, select: ['preferredLanguage'] }) : null;
    ctx.body = { data: await getService(strapi, 'pricing').snapshot(b.treatment, b.priceSnapshot, { language: client?.preferredLanguage ?? undefined }) };
  },

  /**
   * POST /clinic-crm/desk/treatment-records — a treatment performed: the record number, consent,
   * frozen price and SOP versions are the server's; follow-up tasks are scheduled with it.
   */
  async recordTreatment(ctx) {
    const b = ctx.request.body?.data ?? ctx.request.body ?? {};
    const allowed = ['client', 'treatment', 'practitioner', 'performedAt', 'priceSnapshot', 'productBatchNumbers', 'notes', 'priceApproval'];
    for (const key of Object.keys(b)) if (!allowed.includes(key)) throw fieldError(key, `${key} is set by the server`);
    if (typeof b.performedAt !== 'string' || Number.isNaN(Date.parse(b.performedAt))) throw fieldError('performedAt', 'performedAt must be a date and time');
    if (typeof b.practitioner !== 'string' || !b.practitioner) throw fieldError('practitioner', 'choose who performed the treatment');
    const created: any = await strapi.documents(UID.treatmentRecord).create({ data: { ...b, performedAt: new Date(b.performedAt).toISOString() }, fields: ['recordNumber', 'performedAt', 'priceSnapshot'] } as any);
    ctx.status = 201;
    ctx.body = { data: created };
  },
});
