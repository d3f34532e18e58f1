import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import { emailKey, phoneKey } from './domain/client-registration';
import { getService, UID } from '../core/plugin';

type Ctx = { uid: string; action: string; params: { data?: Record<string, unknown>; documentId?: string; [key: string]: unknown } };
type Next = () => Promise<unknown>;

const sharedContact = new AsyncLocalStorage<true>();
const REGISTRATION_LOCK = 'clinic-crm:client-registration';

/** Runs `fn` with the duplicate-contact check off: staff confirmed the phone/e-mail is shared. */
export const withSharedContact = <T>(fn: () => Promise<T>): Promise<T> => sharedContact.run(true, fn);

/**
 * Client registration rules on every write path (desk screen, content manager, CSV import, REST):
 * a client created without a number gets the next one; a phone number or e-mail that already
 * belongs to another (not erased) client is refused with a 400 naming the field and that client.
 * An update is checked only for the contact fields it changes.
 */
export const clientsMiddleware = (strapi: Core.Strapi) => async (ctx: Ctx, next: Next) => {
  if (ctx.uid !== UID.client || (ctx.action !== 'create' && ctx.action !== 'update')) return next();
  // an update that sets no contact field has nothing to number or check
  if (ctx.action === 'update' && ctx.params.data?.phone === undefined && ctx.params.data?.email === undefined) return next();
  const clients = getService(strapi, 'clients');
  // Number and duplicate check and the write happen under one lock, so two desks (or two
  // instances) registering at the same moment cannot take the same number or the same phone.
  // SQLite runs one write transaction at a time; Postgres takes a transaction-scoped advisory lock.
  return strapi.db.transaction(async ({ trx }) => {
    if (strapi.db.dialect.client === 'postgres') await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [REGISTRATION_LOCK]);
    const data = { ...(ctx.params.data ?? {}) };
    if (ctx.action === 'create' && (data.clientNumber === undefined || data.clientNumber === null || data.clientNumber === '')) {
      data.clientNumber = await clients.nextNumber();
    }
    if (!sharedContact.getStore()) {
      const current: { phone?: string | null; email?: string | null } | null =
        ctx.action === 'update' && ctx.params.documentId ? await strapi.db.query(UID.client).findOne({ where: { documentId: ctx.params.documentId }, select: ['phone', 'email'] }) : null;
      const changed = {
        phone: data.phone !== undefined && phoneKey(data.phone) !== phoneKey(current?.phone) ? data.phone : undefined,
        email: data.email !== undefined && emailKey(data.email) !== emailKey(current?.email) ? data.email : undefined,
      };
      if (changed.phone !== undefined || changed.email !== undefined) {
        const existing = await clients.findByContact(changed, ctx.params.documentId);
        if (existing) throw clients.duplicateError(existing);
      }
    }
    ctx.params = { ...ctx.params, data };
    return next();
  });
};
