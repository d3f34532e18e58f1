import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../core/plugin';
import { requestLanguage } from '../core/http/language';
import { validateRegistration } from '../clients/client-registration.schema';
import { validateDeskIntake } from '../complaints/complaint-desk.schema';
import { sessionStaff } from '../core/http/session';
import { dataOf, parseInput, type Ctx } from '../core/http/validate';
import { clientSearchQuery, complaintListQuery, deskBody, previewBody, quoteBody, recordContextQuery, recordTreatmentBody, treatmentsQuery } from './desk.schema';

/** The staff task screens' own routes (admin panel): each parses its input, calls one service method and answers. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /clinic-crm/desk/clients?q=鄭 — by name, phone (any spelling), e-mail or client number. */
  async searchClients(ctx: Ctx) {
    const { q } = parseInput(clientSearchQuery, ctx.query);
    ctx.body = { data: await getService(strapi, 'clients').search(q) };
  },

  /**
   * POST /clinic-crm/desk/clients — registers a client with a generated number. A phone or e-mail
   * of an existing client is a 400 naming the field and that client, unless `sharedContact`.
   * The staff member who registers is recorded as the first contact (from the session).
   */
  async registerClient(ctx: Ctx) {
    const input = validateRegistration(dataOf(ctx.request.body), requestLanguage(strapi));
    const me = await sessionStaff(strapi, ctx);
    ctx.status = 201;
    ctx.body = { data: await getService(strapi, 'record-desk').registerClient(input, me) };
  },

  /** GET /clinic-crm/desk/complaints?status=open|all&mine=true */
  async complaints(ctx: Ctx) {
    const { status, mine } = parseInput(complaintListQuery, ctx.query);
    const me = mine ? await sessionStaff(strapi, ctx) : null;
    ctx.body = { data: await getService(strapi, 'complaint-desk').list({ status, mine, staffId: me?.id ?? null }) };
  },

  /** GET /clinic-crm/desk/complaints/:documentId — the complaint page. */
  async complaint(ctx: Ctx) {
    const c = await getService(strapi, 'complaint-desk').detail(ctx.params.documentId);
    if (!c) throw new errors.NotFoundError('Complaint not found');
    ctx.body = { data: c };
  },

  /** POST /clinic-crm/desk/complaints — phone or walk-in intake; the taker is the signed-in user. */
  async takeComplaint(ctx: Ctx) {
    const input = validateDeskIntake(dataOf(ctx.request.body), requestLanguage(strapi));
    ctx.status = 201;
    ctx.body = { data: await getService(strapi, 'complaint-desk').intake(input) };
  },

  /** GET /clinic-crm/desk/clients/:documentId/treatment-records */
  async clientRecords(ctx: Ctx) {
    ctx.body = { data: await getService(strapi, 'complaint-desk').clientRecords(ctx.params.documentId) };
  },

  /** GET /clinic-crm/desk/treatments?locale= — published treatments with their prices, for the signing and record screens. */
  async treatments(ctx: Ctx) {
    const { locale } = parseInput(treatmentsQuery, ctx.query);
    ctx.body = { data: await getService(strapi, 'record-desk').treatments(locale ?? requestLanguage(strapi)) };
  },

  /**
   * POST /clinic-crm/desk/consents/preview { client, treatment, priceSnapshot } — the consent as it
   * would be signed now, without storing it. A contraindication or a bad option choice is the same
   * 400 the signature would get; a `contraindicationOverride` is checked as the signature checks it.
   */
  async previewConsent(ctx: Ctx) {
    const input = parseInput(previewBody, deskBody(ctx.request.body));
    ctx.body = { data: await getService(strapi, 'record-desk').previewConsent(input) };
  },

  /** GET /clinic-crm/desk/record-context?client=&treatment= — consent, its quote and qualified practitioners. */
  async recordContext(ctx: Ctx) {
    const { client, treatment } = parseInput(recordContextQuery, ctx.query);
    ctx.body = { data: await getService(strapi, 'record-desk').context(client, treatment) };
  },

  /** POST /clinic-crm/desk/quote { client, treatment, priceSnapshot } — the live price of a choice, in the client's language. */
  async quote(ctx: Ctx) {
    const input = parseInput(quoteBody, deskBody(ctx.request.body));
    ctx.body = { data: await getService(strapi, 'record-desk').quote(input) };
  },

  /**
   * POST /clinic-crm/desk/treatment-records — a treatment performed: the record number, consent,
   * frozen price and SOP versions are the server's; follow-up tasks are scheduled with it.
   */
  async recordTreatment(ctx: Ctx) {
    const input = parseInput(recordTreatmentBody, deskBody(ctx.request.body));
    ctx.status = 201;
    ctx.body = { data: await getService(strapi, 'record-desk').recordTreatment(input) };
  },
});
