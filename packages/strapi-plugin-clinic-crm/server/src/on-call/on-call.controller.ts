import type { Core } from '@strapi/strapi';
import { getService } from '../core/plugin';
import { forbiddenField, requireSessionStaff } from '../core/http/session';
import { requestLanguage, say } from '../core/http/language';
import { dataOf, parseInput, type Ctx } from '../core/http/validate';
import { acknowledgeSchema, rosterQuery } from './on-call.schema';
import { AckRefused } from './urgent-pages.service';

const BODY_NAMES_SOMEONE = {
  'zh-Hant': '確認者是登入的您本人，不能代他人確認。',
  'zh-Hans': '确认者是登录的您本人，不能代他人确认。',
  en: 'The acknowledging person is you, as signed in; you cannot acknowledge for someone else.',
};
const STATUS_NAME: Record<number, string> = { 403: 'ForbiddenError', 404: 'NotFoundError', 409: 'ConflictError', 410: 'GoneError' };

/** The on-call roster and urgent-page acknowledgement (admin panel; every staff role). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /clinic-crm/on-call/roster?from=YYYY-MM-DD&days=7 — the week view. */
  async roster(ctx: Ctx) {
    const { from, days } = parseInput(rosterQuery(requestLanguage(strapi)), ctx.query);
    ctx.body = { data: await getService(strapi, 'on-call').week(from, days) };
  },

  /** POST /clinic-crm/urgent-pages/acknowledge { token } — by the signed-in staff member. */
  async acknowledge(ctx: Ctx) {
    const body = dataOf(ctx.request.body);
    const input = parseInput(acknowledgeSchema(requestLanguage(strapi)), body);
    const me = await requireSessionStaff(strapi, ctx, 'acknowledgedBy');
    if (input.acknowledgedBy !== undefined && input.acknowledgedBy !== me.documentId) throw forbiddenField('acknowledgedBy', say(requestLanguage(strapi), BODY_NAMES_SOMEONE));
    try {
      ctx.body = { data: await getService(strapi, 'urgent-pages').acknowledge(input.token, me, String(ctx.state.user?.email ?? `admin:${ctx.state.user?.id}`)) };
    } catch (e) {
      if (!(e instanceof AckRefused)) throw e;
      ctx.status = e.status;
      ctx.body = { data: null, error: { status: e.status, name: STATUS_NAME[e.status], message: e.message, details: { errors: [{ path: [e.path], message: e.message, name: STATUS_NAME[e.status] }] } } };
    }
  },
});
