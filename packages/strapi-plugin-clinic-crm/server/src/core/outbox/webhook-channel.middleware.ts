import type { Core } from '@strapi/strapi';
import { getService, UID } from '../plugin';
import { fieldError } from '../http/validation-errors';
import { requestLanguage, say } from '../http/language';
import type { DocumentMiddleware } from '../document-middleware';
import { urlProblem, type UrlProblem } from './webhook';

type Three = Record<'zh-Hant' | 'zh-Hans' | 'en', string>;

const URL_SAY: Record<UrlProblem, Three> = {
  invalid: { 'zh-Hant': '目標網址格式不正確（例如 https://hooks.example.com/clinic）。', 'zh-Hans': '目标网址格式不正确（例如 https://hooks.example.com/clinic）。', en: 'The target URL is not a valid URL (e.g. https://hooks.example.com/clinic).' },
  httpsRequired: { 'zh-Hant': '目標網址必須使用 https（http 只允許開發環境的本機位址）。', 'zh-Hans': '目标网址必须使用 https（http 只允许开发环境的本机地址）。', en: 'The target URL must use https (http only to a loopback address outside production).' },
  credentials: { 'zh-Hant': '目標網址不可包含帳號密碼。', 'zh-Hans': '目标网址不可包含账号密码。', en: 'The target URL may not contain a user name or password.' },
};
const DEPARTMENT_SAY: Three = { 'zh-Hant': '部門通道請選擇部門。', 'zh-Hans': '部门通道请选择部门。', en: 'A department channel needs a department.' };
const STAFF_SAY: Three = { 'zh-Hant': '個人通道請選擇員工。', 'zh-Hans': '个人通道请选择员工。', en: 'A staff channel needs a staff member.' };

/** Set by the server only: nobody types a secret (it is generated, revealed and rotated by the plugin). */
const SERVER_FIELDS = ['signingSecret', 'secretHint', 'secretRotatedAt'];

const hasRelation = (v: unknown): boolean => {
  if (v === null || v === undefined || v === '') return false;
  if (typeof v === 'object' && !Array.isArray(v)) {
    const o = v as { connect?: unknown[]; set?: unknown[]; id?: unknown; documentId?: unknown };
    if ('connect' in o || 'set' in o) return (o.connect?.length ?? 0) + (o.set?.length ?? 0) > 0;
    return o.id !== undefined || o.documentId !== undefined;
  }
  return Array.isArray(v) ? v.length > 0 : true;
};

/**
 * Webhook channels on every write path: the target URL is https (http to loopback outside
 * production), a department channel names its department and a staff channel its staff member
 * (400 naming the field, in the editor's language); secrets are never taken from input, and a new
 * channel gets its first secret from the server.
 */
export const webhookChannelMiddleware = (strapi: Core.Strapi): DocumentMiddleware => async (ctx, next) => {
  if (ctx.uid !== UID.webhookChannel || (ctx.action !== 'create' && ctx.action !== 'update')) return next();
  const data = (ctx.params.data ?? {}) as Record<string, unknown>;
  for (const f of SERVER_FIELDS) delete data[f];
  const lang = requestLanguage(strapi);
  if (ctx.action === 'create' || data.url !== undefined) {
    const problem = urlProblem(data.url, { production: process.env.NODE_ENV === 'production' });
    if (problem) throw fieldError('url', say(lang, URL_SAY[problem]));
    data.url = String(data.url).trim();
  }
  const before =
    ctx.action === 'update' && ctx.params.documentId
      ? ((await strapi.db.query(UID.webhookChannel).findOne({ where: { documentId: ctx.params.documentId }, select: ['scope', 'department'] })) as { scope?: string; department?: string | null } | null)
      : null;
  const scope = data.scope ?? before?.scope ?? 'staff';
  const department = data.department !== undefined ? data.department : before?.department;
  if (scope === 'department' && !department) throw fieldError('department', say(lang, DEPARTMENT_SAY));
  if (ctx.action === 'create' && scope === 'staff' && !hasRelation(data.staffMember)) throw fieldError('staffMember', say(lang, STAFF_SAY));
  const result = (await next()) as { documentId?: string } | null;
  if (ctx.action === 'create' && result?.documentId) await getService(strapi, 'webhook-channels').rotate(result.documentId);
  return result;
};
