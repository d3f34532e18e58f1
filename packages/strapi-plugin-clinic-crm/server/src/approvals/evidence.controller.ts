import type { Core } from '@strapi/strapi';
import { getService } from '../core/plugin';
import { requireSessionStaff } from '../core/http/session';
import { fieldError } from '../core/http/validation-errors';

const bodyOf = (ctx: any) => {
  const b = ctx.request.body?.data ?? ctx.request.body ?? {};
  if (!b || typeof b !== 'object' || Array.isArray(b)) throw fieldError('data', 'body must be an object');
  return b as Record<string, any>;
};

const parseExpect = (value: unknown) => {
  if (value === undefined || value === null || value === '') return null;
  const m = typeof value === 'string' ? /^(\d+):([a-f0-9]{64})$/.exec(value.trim()) : null;
  if (!m) throw fieldError('expect', 'expect must be <seq>:<mac> as printed in the daily ledger e-mail');
  return { seq: Number(m[1]), mac: m[2] };
};

/** The evidence screens (admin panel): the ledger and its verification, approvals. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /clinic-crm/ledger?page= — the newest entries and the head. */
  async ledger(ctx) {
    const page = Math.max(1, Number.parseInt(String(ctx.query?.page ?? '1'), 10) || 1);
    ctx.body = { data: { head: await getService(strapi, 'ledger').head(), ...(await getService(strapi, 'ledger').list(page, 50)) } };
  },

  /** POST /clinic-crm/ledger/verify { expect?: "seq:mac" } — the chain, and every sealed row against the database. */
  async verifyLedger(ctx) {
    const expect = parseExpect(bodyOf(ctx).expect);
    ctx.body = { data: await getService(strapi, 'ledger-verify').verify({ rows: true, expect }) };
  },

  /** GET /clinic-crm/approvals?status= — what I may decide, and what I asked for. */
  async approvals(ctx) {
    const me = await requireSessionStaff(strapi, ctx, 'requestedBy');
    const status = typeof ctx.query?.status === 'string' ? ctx.query.status : undefined;
    ctx.body = { data: await getService(strapi, 'approvals').list(me, status) };
  },

  async approval(ctx) {
    await requireSessionStaff(strapi, ctx, 'requestedBy');
    const a = await getService(strapi, 'approvals').load(ctx.params.documentId);
    if (!a) return ctx.notFound('No such approval');
    ctx.body = { data: a };
  },

  /** POST /clinic-crm/approvals { kind, client?, treatment?, consentRecord?, complaint?, priceSnapshot?, reason } */
  async requestApproval(ctx) {
    const me = await requireSessionStaff(strapi, ctx, 'requestedBy');
    ctx.status = 201;
    ctx.body = { data: await getService(strapi, 'approvals').request(me, bodyOf(ctx)) };
  },

  /** POST /clinic-crm/approvals/:documentId/decide { decision: approve|reject, note } — as the signed-in approver. */
  async decideApproval(ctx) {
    const me = await requireSessionStaff(strapi, ctx, 'decidedBy');
    const decided = await getService(strapi, 'approvals').decide(me, ctx.params.documentId, bodyOf(ctx), ctx.request.ip ?? null);
    if (!decided) return ctx.notFound('No such approval');
    ctx.body = { data: decided };
  },
});
