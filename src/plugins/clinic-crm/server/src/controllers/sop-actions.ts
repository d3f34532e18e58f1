import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UID, getService } from '../utils';

const found = <T>(v: T | null) => {
  if (!v) throw new errors.NotFoundError('SOP not found or not published');
  return v;
};

/** Resolves the staff member of a users-permissions user by email (staff acknowledging over REST). */
const staffOfUser = async (strapi: Core.Strapi, ctx: any) => {
  const email = ctx.state?.user?.email;
  if (!email) return undefined;
  const s = await strapi.db.query(UID.staffMember).findOne({ where: { email }, select: ['documentId'] });
  return s?.documentId;
};

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** POST …/sop-documents/:documentId/acknowledge { staff } (admin) — or the logged-in staff member (REST) */
  async acknowledge(ctx) {
    const body = ctx.request.body ?? {};
    const input = body.data && typeof body.data === 'object' ? body.data : body;
    const staff = input.staff ?? (await staffOfUser(strapi, ctx));
    ctx.body = { data: found(await getService(strapi, 'sops').acknowledge(ctx.params.documentId, staff)) };
  },
  async acknowledgements(ctx) {
    ctx.body = { data: found(await getService(strapi, 'sops').acknowledgements(ctx.params.documentId)) };
  },
  async reviewOverdue(ctx) {
    ctx.body = { data: await getService(strapi, 'sops').reviewOverdue() };
  },
});
