import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getConfig, getService } from '../core/plugin';
import { requestLanguage } from '../core/http/language';
import { dataOf, parseInput, type Ctx } from '../core/http/validate';
import { localizeWorkflowError } from './workflow-messages';
import { validateIntake } from './complaint-intake.schema';
import { analyticsQuery, satisfactionSchema, transitionSchema } from './complaint-actions.schema';
import { actorIsManager } from './complaints.middleware';
import { resolveLanguage } from '../core/i18n/locales';

const actorOf = (ctx: Ctx): string => ctx.state?.user?.email ?? (ctx.state?.user?.username as string | undefined) ?? 'staff';
const found = <T>(value: T | null) => {
  if (!value) throw new errors.NotFoundError('Complaint not found');
  return value;
};

const THANKS: Record<string, string> = {
  'zh-Hant': '已收到您的意見，專人將於期限內與您聯繫。請保留此編號以便查詢。',
  'zh-Hans': '已收到您的意见，专人将于期限内与您联系。请保留此编号以便查询。',
  en: 'Thank you. We have received your feedback and will contact you within our response time. Please keep this reference.',
};

/** The public view of a complaint: its reference and nothing internal. */
const receipt = (referenceNumber: string, receivedAt: string, language: string) => ({
  data: { referenceNumber, status: 'received', receivedAt, message: THANKS[resolveLanguage(language)] },
});

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** POST /api/clinic-crm/complaints — public intake from the clinic website (rate limited). */
  async intake(ctx: Ctx) {
    const input = validateIntake(dataOf(ctx.request.body), requestLanguage(strapi));
    const complaints = getService(strapi, 'complaints');
    if ('spam' in input) {
      ctx.status = 201;
      ctx.body = receipt(complaints.newReferenceNumber(), new Date().toISOString(), 'zh-Hant');
      return;
    }
    const created = await complaints.intake(input);
    ctx.status = 201;
    ctx.body = receipt(created.referenceNumber, new Date(created.receivedAt).toISOString(), input.preferredLanguage);
  },

  /** POST …/complaints/:documentId/transition { to, note, resolution: { types, refundAmount, notes }, approvedBy } */
  async transition(ctx: Ctx) {
    const complaints = getService(strapi, 'complaints');
    try {
      const input = parseInput(transitionSchema, dataOf(ctx.request.body));
      ctx.body = { data: found(await complaints.transition(ctx.params.documentId, input, { label: actorOf(ctx), isManager: await actorIsManager(strapi) })) };
    } catch (e) {
      // the rule, worded for the signed-in staff member (status names in their language)
      const current = await complaints.statusOf(ctx.params.documentId);
      throw localizeWorkflowError(e, requestLanguage(strapi), current ?? 'received', getConfig(strapi).complaints.refundApprovalThreshold);
    }
  },

  async pause(ctx: Ctx) {
    ctx.body = { data: found(await getService(strapi, 'complaints').pause(ctx.params.documentId, actorOf(ctx))) };
  },

  async resume(ctx: Ctx) {
    ctx.body = { data: found(await getService(strapi, 'complaints').resume(ctx.params.documentId, actorOf(ctx))) };
  },

  async satisfaction(ctx: Ctx) {
    const input = parseInput(satisfactionSchema, dataOf(ctx.request.body));
    ctx.body = { data: found(await getService(strapi, 'complaints').recordSatisfaction(ctx.params.documentId, input, actorOf(ctx))) };
  },

  /** GET /clinic-crm/complaints/analytics?from=YYYY-MM-DD&to=YYYY-MM-DD (admin) */
  async analytics(ctx: Ctx) {
    const range = parseInput(analyticsQuery, ctx.query);
    ctx.body = { data: await getService(strapi, 'analytics').complaints({ from: range.from, to: range.to }, { businessTime: true }) };
  },
});
