import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getConfig, getService } from '../core/plugin';
import { requestLanguage } from '../core/http/language';
import { localizeWorkflowError } from './workflow-messages';
import { validateIntake } from './complaint-intake.schema';
import { fieldError } from '../core/http/validation-errors';
import { actorIsManager } from './complaints.middleware';
import { resolveLanguage } from '../core/i18n/locales';

const bodyOf = (ctx: any) => {
  const body = ctx.request.body ?? {};
  return body.data && typeof body.data === 'object' && !Array.isArray(body.data) ? body.data : body;
};
const actorOf = (ctx: any) => ctx.state?.user?.email ?? ctx.state?.user?.username ?? 'staff';
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
  async intake(ctx) {
    const input = validateIntake(bodyOf(ctx), requestLanguage(strapi));
    const complaints = getService(strapi, 'complaints');
    if ('spam' in input) {
      ctx.status = 201;
      ctx.body = receipt(complaints.newReferenceNumber(), new Date().toISOString(), 'zh-Hant');
      return;
    }
    const description = [input.description, input.treatmentName ? `療程 / treatment: ${input.treatmentName}` : null, input.treatmentDate ? `日期 / date: ${input.treatmentDate}` : null]
      .filter(Boolean)
      .join('\n');
    const created: any = await strapi.documents('plugin::clinic-crm.complaint').create({
      data: {
        contactName: input.name,
        contactPhone: input.phone,
        contactEmail: input.email,
        channel: 'website',
        category: input.category,
        severity: 'medium',
        description,
      } as any,
      fields: ['referenceNumber', 'receivedAt'],
    } as any);
    ctx.status = 201;
    ctx.body = receipt(created.referenceNumber, new Date(created.receivedAt).toISOString(), input.preferredLanguage);
  },

  /** POST …/complaints/:documentId/transition { to, note, resolution: { types, refundAmount, notes }, approvedBy } */
  async transition(ctx) {
    const input = bodyOf(ctx);
    if (typeof input !== 'object') throw fieldError('data', 'body must be an object');
    try {
      const c = found(
        await getService(strapi, 'complaints').transition(ctx.params.documentId, input, { label: actorOf(ctx), isManager: await actorIsManager(strapi) })
      );
      ctx.body = { data: c };
    } catch (e) {
      // the rule, worded for the signed-in staff member (status names in their language)
      const current = await strapi.db.query('plugin::clinic-crm.complaint').findOne({ where: { documentId: ctx.params.documentId }, select: ['workflowStatus'] });
      throw localizeWorkflowError(e, requestLanguage(strapi), current?.workflowStatus ?? 'received', getConfig(strapi).complaints.refundApprovalThreshold);
    }
  },

  async pause(ctx) {
    ctx.body = { data: found(await getService(strapi, 'complaints').pause(ctx.params.documentId, actorOf(ctx))) };
  },

  async resume(ctx) {
    ctx.body = { data: found(await getService(strapi, 'complaints').resume(ctx.params.documentId, actorOf(ctx))) };
  },

  async satisfaction(ctx) {
    ctx.body = { data: found(await getService(strapi, 'complaints').recordSatisfaction(ctx.params.documentId, bodyOf(ctx), actorOf(ctx))) };
  },

  /** GET /clinic-crm/complaints/analytics?from=YYYY-MM-DD&to=YYYY-MM-DD (admin) */
  async analytics(ctx) {
    const parse = (name: string) => {
      const v = ctx.query?.[name];
      if (v === undefined) return null;
      const d = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? new Date(v) : new Date(NaN);
      if (Number.isNaN(d.getTime())) throw fieldError(name, `${name} must be a date (YYYY-MM-DD or ISO 8601)`);
      return d;
    };
    ctx.body = { data: await getService(strapi, 'analytics').complaints({ from: parse('from'), to: parse('to') }, { businessTime: true }) };
  },
});
