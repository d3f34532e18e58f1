import type { Core } from '@strapi/strapi';
import { getService, UID } from '../utils';
import { requestLanguage } from '../utils/language';
import { validateRegistration } from '../validation/client-registration';
import { withSharedContact } from '../document-middlewares/clients';
import { validateDeskIntake } from '../validation/complaint-desk';
import { errors } from '@strapi/utils';

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
    const me = await strapi.db.query(UID.staffMember).findOne({ where: { adminUser: { id: ctx.state.user.id } }, select: ['documentId'] });
    const data: Record<string, unknown> = { ...fields, ...(me ? { firstContactStaff: me.documentId } : {}) };
    const create = () => strapi.documents(UID.client).create({ data, fields: ['clientNumber', 'fullName', 'phone', 'email', 'preferredLanguage'] } as any);
    const client: any = sharedContact ? await withSharedContact(create) : await create();
    ctx.status = 201;
    ctx.body = { data: client };
  },

  /** GET /clinic-crm/desk/complaints?status=open|all&mine=true */
  async complaints(ctx) {
    const mine = ctx.query?.mine === 'true';
    const me = mine ? await strapi.db.query(UID.staffMember).findOne({ where: { adminUser: { id: ctx.state.user.id } }, select: ['id'] }) : null;
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
});
