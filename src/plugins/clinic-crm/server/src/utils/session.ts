import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UID } from './index';

export interface SessionStaff {
  id: number;
  documentId: string;
  fullName: string;
  department: string;
}

/**
 * The staff member behind the signed-in person: an admin user through Staff member → adminUser
 * (else the same e-mail), a users-permissions user by e-mail. Null when the account has no
 * active staff record. Anything that records who did something takes this, never a body field.
 */
export const sessionStaff = async (strapi: Core.Strapi, ctx: any): Promise<SessionStaff | null> => {
  const user = ctx?.state?.user;
  if (!user) return null;
  const isAdmin = ctx.state?.auth?.strategy?.name === 'admin';
  const where = isAdmin ? { $or: [{ adminUser: { id: user.id } }, { email: user.email ?? '-' }] } : { email: user.email ?? '-' };
  return strapi.db.query(UID.staffMember).findOne({ where: { ...where, isActive: true }, select: ['id', 'documentId', 'fullName', 'department'] }) as Promise<SessionStaff | null>;
};

/**
 * A 403 naming the field (a PolicyError: Strapi replaces any other ForbiddenError thrown behind
 * the authorization step with a bare "Forbidden").
 */
export const forbiddenField = (path: string, message: string) =>
  new errors.PolicyError(message, { errors: [{ path: path.split('.'), message, name: 'ForbiddenError' }] });
