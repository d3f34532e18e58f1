import type { Core } from '@strapi/strapi';
import { UID } from '../plugin';

export interface WebhookChannelRow {
  id: number;
  documentId: string;
  name: string;
  url: string;
  scope: 'staff' | 'department';
  department: string | null;
  enabled: boolean;
  kinds: 'all' | 'urgent';
  language: string | null;
  staffMember?: { id: number } | null;
}

const FIELDS = ['id', 'documentId', 'name', 'url', 'scope', 'department', 'enabled', 'kinds', 'language'];

/**
 * Webhook channels as the outbox reads them, and their signing secret. The secret is written here,
 * with the query engine, because the document service would bcrypt-hash a `password` attribute (a
 * signature needs the secret itself); the encryption service's lifecycles encrypt it at rest and
 * decrypt it on read, and the admin's and the REST API's sanitizers never output a `password` field.
 */
export const webhookChannels = (strapi: Core.Strapi) => ({
  /** Enabled channels of these staff members, and every enabled department channel (the caller matches departments). */
  async enabledFor(staffIds: number[]): Promise<WebhookChannelRow[]> {
    if (staffIds.length === 0) return [];
    return (await strapi.db.query(UID.webhookChannel).findMany({
      where: { enabled: true, $or: [{ scope: 'staff', staffMember: { id: { $in: staffIds } } }, { scope: 'department' }] },
      select: FIELDS,
      populate: { staffMember: { select: ['id'] } },
      orderBy: { id: 'asc' },
    })) as WebhookChannelRow[];
  },

  /** The channel of an outbox row, with its secret, at delivery time (null: the channel was deleted). */
  async forNotification(notificationId: number): Promise<(WebhookChannelRow & { signingSecret: string | null }) | null> {
    const row = (await strapi.db.query(UID.notification).findOne({
      where: { id: notificationId },
      select: ['id', 'createdAt'],
      populate: { webhookChannel: { select: [...FIELDS, 'signingSecret'] } },
    })) as { webhookChannel?: (WebhookChannelRow & { signingSecret: string | null }) | null } | null;
    return row?.webhookChannel ?? null;
  },

  async byDocumentId(documentId: string) {
    return (await strapi.db.query(UID.webhookChannel).findOne({ where: { documentId }, select: [...FIELDS, 'signingSecret', 'secretHint', 'secretRotatedAt'] })) as
      | (WebhookChannelRow & { signingSecret: string | null; secretHint: string | null })
      | null;
  },

  async list() {
    return strapi.db.query(UID.webhookChannel).findMany({
      select: [...FIELDS, 'secretHint', 'secretRotatedAt'],
      populate: { staffMember: { select: ['fullName'] } },
      orderBy: { id: 'asc' },
    });
  },

  /** A new secret for the channel (creation, rotation); the previous one stops verifying at once. */
  async setSecret(documentId: string, secret: string, hint: string, now: Date): Promise<boolean> {
    const res = await strapi.db.query(UID.webhookChannel).updateMany({ where: { documentId }, data: { signingSecret: secret, secretHint: hint, secretRotatedAt: now } });
    return res.count > 0;
  },
});
