import type { Core } from '@strapi/strapi';
import { notifications, type NotificationKeyRow } from './notification.repository';
import { getService } from '../plugin';

export interface Enqueue {
  key: string;
  template: string;
  language: string;
  recipientEmail: string | null; // null only on a department's webhook row
  recipientStaff?: number | null; // staff-member id
  client?: number | null; // client id, for a message to a client (erasure withdraws it)
  payload: Record<string, unknown>;
  notBefore?: Date;
  /** 'email' (default); 'webhook' rows are made by the fan-out below, one per matching channel. */
  channel?: 'email' | 'webhook';
  webhookChannel?: number | null; // webhook-channel id
  /** Urgent whatever the template (an "urgent only" webhook channel takes it). */
  urgent?: boolean;
  /** The notice's key without the recipient (a department channel gets it once); derived from `key` when absent. */
  notice?: string;
}

/**
 * The email outbox: every staff email is a `notification` row with a unique idempotency key,
 * written in the caller's transaction (the document service joins the open transaction), and
 * sent later by the dispatcher. Enqueuing the same key twice returns the existing row.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async enqueue(input: Enqueue) {
    const [result] = await this.enqueueMany([input]);
    return result;
  },

  /**
   * Several at once: one lookup of the keys, one INSERT for the new rows, one for their links. Each
   * staff e-mail also goes to the webhook channels of its recipient and of their department (rows of
   * their own, keyed `…:webhook:<channel>`, in the same transaction); the answer is per input.
   */
  async enqueueMany(original: Enqueue[]) {
    if (original.length === 0) return [];
    const inputs = [...original, ...(await getService(strapi, 'webhook-channels').fanOut(original))];
    const existing = await notifications(strapi).findByKeys(inputs.map((i) => i.key));
    const known = new Map<string, NotificationKeyRow>(existing.map((n) => [n.idempotencyKey, n]));
    const fresh = inputs.filter((i, index) => !known.has(i.key) && inputs.findIndex((j) => j.key === i.key) === index);
    // System rows written with the query engine; the unique index guards the key across instances.
    const ids = await notifications(strapi).insert(
      fresh.map((input) => ({
        idempotencyKey: input.key,
        template: input.template,
        language: input.language,
        recipientEmail: input.recipientEmail,
        payload: input.payload,
        nextAttemptAt: input.notBefore ?? new Date(),
        recipientStaff: input.recipientStaff ?? null,
        client: input.client ?? null,
        channel: input.channel ?? 'email',
        webhookChannel: input.webhookChannel ?? null,
      }))
    );
    const created = new Map(fresh.map((input, i) => [input.key, { id: ids[i], deliveryStatus: 'pending' as const }]));
    return original.map((input) =>
      known.has(input.key) ? { created: false, notification: known.get(input.key) } : { created: true, notification: created.get(input.key) }
    );
  },

  /** Moves a not-yet-sent notification (e.g. after a treatment time changed). */
  async reschedule(key: string, notBefore: Date, payload?: Record<string, unknown>) {
    return notifications(strapi).reschedule(key, notBefore, payload);
  },

  async cancel(key: string) {
    return notifications(strapi).cancel(key);
  },

  /**
   * Erasure: every message to the client that has not gone out is withdrawn — kept, `cancelled`, with
   * the reason (the outbox is the proof of what was and was not sent). A message is the client's when it
   * is linked to the client or addressed to one of `emails` (mail to staff excluded). The conditional
   * UPDATE is what decides against the dispatcher: a row claimed but not yet handed to the SMTP server is
   * withdrawn too, and the dispatcher's hand-over (conditional on the row not being withdrawn) then sends
   * nothing. A row already being transferred cannot be recalled: it is marked (a failed transfer is
   * not retried) and reported as `inTransfer`. Joins the caller's transaction.
   */
  async withdrawForClient(input: { clientId: number; emails: Array<string | null | undefined>; reason: string; now?: Date }) {
    const emails = [...new Set(input.emails.filter((e): e is string => typeof e === 'string' && e.trim() !== '').map((e) => e.trim().toLowerCase()))];
    return notifications(strapi).withdrawForClient({ clientId: input.clientId, emails, reason: input.reason.slice(0, 255), now: input.now ?? new Date() });
  },

  /** An administrator sends a failed notification again (attempts start over); never one withdrawn by an erasure. */
  async retry(documentId: string) {
    return notifications(strapi).retryFailed(documentId);
  },

  async list(query: { status?: string; channel?: string; page: number; pageSize: number }) {
    const where: Record<string, unknown> = query.status ? { deliveryStatus: query.status } : {};
    if (query.channel === 'webhook') where.channel = 'webhook';
    else if (query.channel === 'email') where.$or = [{ channel: 'email' }, { channel: { $null: true } }];
    const { results, total } = await notifications(strapi).page(where, query.page, query.pageSize);
    return { results, pagination: { page: query.page, pageSize: query.pageSize, total, pageCount: Math.ceil(total / query.pageSize) } };
  },
});
