import type { Core } from '@strapi/strapi';
import { UID } from '../plugin';
import { languageOf } from '../i18n/locales';
import { webhookChannels } from './webhook-channel.repository';
import { isUrgent, newSigningSecret, noticeKeyOf, secretHint, takesNotice, webhookKey } from './webhook';
import type { Enqueue } from './outbox.service';

interface StaffRow {
  id: number;
  documentId: string;
  department: string | null;
  email: string | null;
}

/**
 * Webhook channels: the fan-out of staff notifications onto them (called by outbox.enqueueMany, so
 * every staff notice of every feature reaches every channel of its recipient and their department)
 * and the secret's life (created server-side, revealed to managers, rotated).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * One webhook row per matching enabled channel: a staff member's channel per e-mail
   * (`<e-mail key>:webhook:<channel>`), a department's channel once per notice
   * (`<notice key>:webhook:<channel>`, the notice key being the e-mail key without its recipient).
   */
  async fanOut(inputs: Enqueue[]): Promise<Enqueue[]> {
    const staffInputs = inputs.filter((i) => (i.channel ?? 'email') === 'email' && typeof i.recipientStaff === 'number' && !i.client);
    if (staffInputs.length === 0) return [];
    const ids = [...new Set(staffInputs.map((i) => i.recipientStaff as number))];
    // the channels first: where none is set up for these people or any department (most clinics), the staff rows are not read
    const channels = await webhookChannels(strapi).enabledFor(ids);
    if (channels.length === 0) return [];
    const staff = (await strapi.db.query(UID.staffMember).findMany({ where: { id: { $in: ids } }, select: ['id', 'documentId', 'department', 'email'] })) as StaffRow[];
    const byId = new Map(staff.map((s) => [s.id, s]));
    const out: Enqueue[] = [];
    for (const input of staffInputs) {
      const person = byId.get(input.recipientStaff as number);
      if (!person) continue;
      const urgent = isUrgent(input.template, input.payload, input.urgent);
      for (const ch of channels) {
        if (!takesNotice(ch.kinds, urgent)) continue;
        if (ch.scope === 'staff' && ch.staffMember?.id === person.id) {
          out.push({ ...input, key: webhookKey(input.key, ch.documentId), channel: 'webhook', webhookChannel: ch.id, language: ch.language ?? input.language });
        } else if (ch.scope === 'department' && ch.department && ch.department === person.department) {
          const notice = input.notice ?? noticeKeyOf(input.key, person);
          out.push({
            ...input,
            key: webhookKey(notice, ch.documentId),
            channel: 'webhook',
            webhookChannel: ch.id,
            language: ch.language ?? languageOf({ preferredLanguage: input.language }),
            recipientEmail: null,
            recipientStaff: null,
          });
        }
      }
    }
    return out;
  },

  /** The list for the admin (never a secret; its last four characters identify it). */
  async list() {
    return webhookChannels(strapi).list();
  },

  /** A new channel's first secret, or a rotation: the new secret, returned this once. */
  async rotate(documentId: string, now = new Date()): Promise<string | null> {
    const secret = newSigningSecret();
    return (await webhookChannels(strapi).setSecret(documentId, secret, secretHint(secret), now)) ? secret : null;
  },

  /** A manager's reveal action; null when there is no such channel. */
  async reveal(documentId: string): Promise<string | null> {
    const ch = await webhookChannels(strapi).byDocumentId(documentId);
    if (!ch) return null;
    return ch.signingSecret ?? (await this.rotate(documentId));
  },
});
