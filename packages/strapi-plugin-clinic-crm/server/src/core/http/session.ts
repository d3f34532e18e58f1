import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UID } from '../plugin';
import { requestLanguage, say } from './language';

export interface SessionStaff {
  id: number;
  documentId: string;
  fullName: string;
  department: string;
}

/** What the session helpers read of a request (a controller's ctx, or the request context). */
export interface SessionCtx {
  state?: { user?: { id: number; email?: string | null } | null; auth?: { strategy?: { name?: string } } };
}

const STAFF_FIELDS = ['id', 'documentId', 'fullName', 'department'];

/**
 * The staff record behind an account: for an admin user the one linked through Staff member →
 * adminUser, else (any account) the one with the same e-mail address. `activeOnly` leaves out
 * staff who have left.
 */
export const staffOfUser = async (strapi: Core.Strapi, user: { id: number; email?: string | null }, opts: { admin: boolean; activeOnly?: boolean }) => {
  const active = opts.activeOnly === false ? {} : { isActive: true };
  if (opts.admin) {
    const linked = await strapi.db.query(UID.staffMember).findOne({ where: { adminUser: { id: user.id }, ...active }, select: STAFF_FIELDS });
    if (linked) return linked as SessionStaff;
  }
  if (!user.email) return null;
  return (await strapi.db.query(UID.staffMember).findOne({ where: { email: { $eqi: user.email }, ...active }, select: STAFF_FIELDS })) as SessionStaff | null;
};

/**
 * The active staff member behind the signed-in person (admin panel or REST). Anything that
 * records who did something takes this, never a body field.
 */
export const sessionStaff = async (strapi: Core.Strapi, ctx: SessionCtx | null | undefined): Promise<SessionStaff | null> => {
  const user = ctx?.state?.user;
  if (!user) return null;
  return staffOfUser(strapi, user, { admin: ctx.state?.auth?.strategy?.name === 'admin' });
};

/**
 * A 403 naming the field (a PolicyError: Strapi replaces any other ForbiddenError thrown behind
 * the authorization step with a bare "Forbidden").
 */
export const forbiddenField = (path: string, message: string) =>
  new errors.PolicyError(message, { errors: [{ path: path.split('.'), message, name: 'ForbiddenError' }] });

const NOT_LINKED = {
  'zh-Hant': '您的帳號尚未連結員工資料：請管理者在「員工」中連結您的帳號。',
  'zh-Hans': '您的账号尚未关联员工资料：请管理者在“员工”中关联您的账号。',
  en: 'Your account is not linked to a staff record: ask a manager to link it (Staff member → Admin user).',
};

/** The session's staff member, or a 403 naming `field` when the account has none. */
export const requireSessionStaff = async (strapi: Core.Strapi, ctx: SessionCtx | null | undefined, field: string): Promise<SessionStaff> => {
  const me = await sessionStaff(strapi, ctx);
  if (!me) throw forbiddenField(field, say(requestLanguage(strapi), NOT_LINKED));
  return me;
};
