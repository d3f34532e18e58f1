import type { Core } from '@strapi/strapi';
import { getService } from '../core/plugin';
import { requireSessionStaff } from '../core/http/session';
import { requestLanguage } from '../core/http/language';
import { parseInput, type Ctx } from '../core/http/validate';
import { approvalDecisionSchema, approvalRequestSchema, approvalsQuery, bodyData, ledgerPageQuery, ledgerVerifySchema } from './approval.schema';

/** The evidence screens (admin panel): the ledger and its verification, approvals. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /clinic-crm/ledger?page= — the newest entries and the head. */
  async ledger(ctx: Ctx) {
    const { page } = parseInput(ledgerPageQuery, ctx.query);
    ctx.body = { data: { head: await getService(strapi, 'ledger').head(), ...(await getService(strapi, 'ledger').list(page, 50)) } };
  },

  /** POST /clinic-crm/ledger/verify { expect?: "seq:mac" } — the chain, and every sealed row against the database. */
  async verifyLedger(ctx: Ctx) {
    const { expect } = parseInput(ledgerVerifySchema, bodyData(ctx.request.body));
    ctx.body = { data: await getService(strapi, 'ledger-verify').verify({ rows: true, expect }) };
  },

  /** GET /clinic-crm/approvals?status= — what I may decide, and what I asked for. */
  async approvals(ctx: Ctx) {
    const me = await requireSessionStaff(strapi, ctx, 'requestedBy');
    const { status } = parseInput(approvalsQuery, ctx.query);
    ctx.body = { data: await getService(strapi, 'approvals').list(me, status) };
  },

  async approval(ctx: Ctx) {
    await requireSessionStaff(strapi, ctx, 'requestedBy');
    const a = await getService(strapi, 'approvals').load(ctx.params.documentId);
    if (!a) return ctx.notFound('No such approval');
    ctx.body = { data: a };
  },

  /** POST /clinic-crm/approvals { kind, client?, treatment?, consentRecord?, complaint?, priceSnapshot?, reason } */
  async requestApproval(ctx: Ctx) {
    const me = await requireSessionStaff(strapi, ctx, 'requestedBy');
    const input = parseInput(approvalRequestSchema(requestLanguage(strapi)), bodyData(ctx.request.body));
    ctx.status = 201;
    ctx.body = { data: await getService(strapi, 'approvals').request(me, input) };
  },

  /** POST /clinic-crm/approvals/:documentId/decide { decision: approve|reject, note } — as the signed-in approver. */
  async decideApproval(ctx: Ctx) {
    const me = await requireSessionStaff(strapi, ctx, 'decidedBy');
    const input = parseInput(approvalDecisionSchema, bodyData(ctx.request.body));
    const decided = await getService(strapi, 'approvals').decide(me, ctx.params.documentId, input, ctx.request.ip ?? null);
    if (!decided) return ctx.notFound('No such approval');
    ctx.body = { data: decided };
  },
});
