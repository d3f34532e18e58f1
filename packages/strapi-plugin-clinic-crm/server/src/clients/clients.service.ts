import type { Core } from '@strapi/strapi';
import { fieldErrors } from '../core/http/validation-errors';
import { emailKey, nextClientNumber, phoneKey, phoneTail } from './domain/client-registration';
import { UID } from '../core/plugin';
import type { ClientRow } from './types';
import { requestLanguage, say } from '../core/http/language';

const SEARCH_FIELDS = ['documentId', 'clientNumber', 'fullName', 'preferredName', 'phone', 'email', 'preferredLanguage', 'gender'] as const;

const DUPLICATE = {
  phone: {
    'zh-Hant': '此電話已登記於客戶 {number} {name}：請開啟既有客戶，不要重複建檔。',
    'zh-Hans': '此电话已登记于客户 {number} {name}：请打开现有客户，不要重复建档。',
    en: 'This phone number belongs to client {number} {name}: open the existing client instead of registering again.',
  },
  email: {
    'zh-Hant': '此電子郵件已登記於客戶 {number} {name}：請開啟既有客戶，不要重複建檔。',
    'zh-Hans': '此电子邮件已登记于客户 {number} {name}：请打开现有客户，不要重复建档。',
    en: 'This e-mail address belongs to client {number} {name}: open the existing client instead of registering again.',
  },
};

export interface Existing {
  documentId: string;
  clientNumber: string;
  fullName: string;
  field: 'phone' | 'email';
}

/**
 * Registering clients: generated client numbers, one client per phone number and e-mail (a
 * second registration gets a 400 naming the field and the existing client, unless staff confirm
 * the contact is shared, e.g. a parent's phone), and the search the desk screens use.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The next free C-number: every C-number in use counts (imported clients included); one short column is read. */
  async nextNumber(): Promise<string> {
    const inUse: Array<{ clientNumber: string }> = await strapi.db.query(UID.client).findMany({ where: { clientNumber: { $startsWith: 'C-' } }, select: ['clientNumber'] });
    return nextClientNumber(inUse.map((c) => c.clientNumber));
  },

  /** A live (not erased) client other than `except` with the same phone number or e-mail. */
  async findByContact(input: { phone?: unknown; email?: unknown }, except?: string): Promise<Existing | null> {
    const phone = phoneKey(input.phone);
    const email = emailKey(input.email);
    const notMe = except ? { documentId: { $ne: except } } : {};
    if (phone) {
      const candidates: ClientRow[] = await strapi.db.query(UID.client).findMany({ where: { phone: { $contains: phoneTail(phone) }, erasedAt: { $null: true }, ...notMe }, select: ['documentId', 'clientNumber', 'fullName', 'phone'], limit: 2000 });
      const hit = candidates.find((c) => phoneKey(c.phone) === phone);
      if (hit) return { documentId: hit.documentId, clientNumber: hit.clientNumber, fullName: hit.fullName, field: 'phone' };
    }
    if (email) {
      const hit: ClientRow | null = await strapi.db.query(UID.client).findOne({ where: { email: { $eqi: email }, erasedAt: { $null: true }, ...notMe }, select: ['documentId', 'clientNumber', 'fullName'] });
      if (hit) return { documentId: hit.documentId, clientNumber: hit.clientNumber, fullName: hit.fullName, field: 'email' };
    }
    return null;
  },

  /** The 400 for a duplicate contact: names the field, in the user's language, with the existing client. */
  duplicateError(existing: Existing) {
    const message = say(requestLanguage(strapi), DUPLICATE[existing.field]).replace('{number}', existing.clientNumber).replace('{name}', existing.fullName ?? '');
    return fieldErrors([{ path: existing.field, message }], message, {
      existingClient: { documentId: existing.documentId, clientNumber: existing.clientNumber, fullName: existing.fullName },
    });
  },

  /** Clients by name, phone (any spelling), e-mail or number; erased clients are not found. */
  async search(q: string, limit = 10) {
    const text = q.trim();
    if (text.length === 0) return [];
    const asPhone = /^[+\d\s()-]+$/.test(text) ? phoneKey(text) : null;
    const or: Array<Record<string, unknown>> = [{ fullName: { $containsi: text } }, { preferredName: { $containsi: text } }, { clientNumber: { $containsi: text } }, { email: { $containsi: text } }];
    or.push(asPhone ? { phone: { $contains: phoneTail(asPhone) } } : { phone: { $containsi: text } });
    const rows: ClientRow[] = await strapi.db.query(UID.client).findMany({ where: { $or: or, erasedAt: { $null: true } }, select: [...SEARCH_FIELDS], orderBy: { clientNumber: 'asc' }, limit: 2000 });
    return rows
      // a number typed with or without dashes or +886 finds the client however the phone was written
      .filter((c) => !asPhone || (phoneKey(c.phone) ?? '').includes(asPhone) || String(c.clientNumber).includes(text))
      .slice(0, limit);
  },
});
