import type { Core } from '@strapi/strapi';
import { UID } from '../plugin';
import { insertRows } from '../rows';

export interface Enqueue {
  key: string;
  template: string;
  language: string;
  recipientEmail: string;
  recipientStaff?: number | null; // staff-member id
  client?: number | null; // client id, for a message to a client (erasure withdraws it)
  payload: Record<string, unknown>;
  notBefore?: Date;
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

  /** Several at once: one lookup of the keys, one INSERT for the new rows, one for their staff links. */
  async enqueueMany(inputs: Enqueue[]) {
    if (inputs.length === 0) return [];
    const existing = await strapi.db.query(UID.notification).findMany({
      where: { idempotencyKey: { $in: inputs.map((i) => i.key) } },
      select: ['id', 'documentId', 'deliveryStatus', 'idempotencyKey'],
    });
    const known = new Map(existing.map((n: any) => [n.idempotencyKey, n]));
    const fresh = inputs.filter((i, index) => !known.has(i.key) && inputs.findIndex((j) => j.key === i.key) === index);
    // System rows written with the query engine; the unique index guards the key across instances.
    const ids = await insertRows(
      strapi,
      UID.notification,
      fresh.map((input) => ({
        data: {
          idempotencyKey: input.key,
          template: input.template,
          language: input.language,
          recipientEmail: input.recipientEmail,
          payload: input.payload,
          deliveryStatus: 'pending',
          attempts: 0,
          nextAttemptAt: input.notBefore ?? new Date(),
        },
        links: { recipientStaff: input.recipientStaff ?? null, client: input.client ?? null },
      }))
    );
    const created = new Map(fresh.map((input, i) => [input.key, { id: ids[i], deliveryStatus: 'pending' }]));
    return inputs.map((input) =>
      known.has(input.key) ? { created: false, notification: known.get(input.key) } : { created: true, notification: created.get(input.key) }
    );
  },

  /** Moves a not-yet-sent notification (e.g. after a treatment time changed). */
  async reschedule(key: string, notBefore: Date, payload?: Record<string, unknown>) {
    return strapi.db.query(UID.notification).updateMany({
      where: { idempotencyKey: key, deliveryStatus: 'pending' },
      data: { nextAttemptAt: notBefore, ...(payload ? { payload } : {}) },
    });
  },

  async cancel(key: string) {
    return strapi.db.query(UID.notification).updateMany({ where: { idempotencyKey: key, deliveryStatus: 'pending' }, data: { deliveryStatus: 'cancelled' } });
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
    const now = input.now ?? new Date();
    const meta: any = strapi.db.metadata.get(UID.notification as any);
    const clientLink = meta.attributes.client.joinTable;
    const staffLink = meta.attributes.recipientStaff.joinTable;
    const emails = [...new Set(input.emails.filter((e): e is string => typeof e === 'string' && e.trim() !== '').map((e) => e.trim().toLowerCase()))];
    const at = (d: Date) => (strapi.db.dialect.client === 'postgres' ? d : d.getTime());
    const reason = input.reason.slice(0, 255);
    const rowsOf = (r: any[]) => r.map((x: any) => ({ id: Number(x.id), documentId: String(x.document_id) }));
    return strapi.db.transaction(async ({ trx }) => {
      const theClients = (q: any) =>
        q.where((w: any) => {
          w.whereIn('id', trx(clientLink.name).select(clientLink.joinColumn.name).where(clientLink.inverseJoinColumn.name, input.clientId));
          if (emails.length) {
            w.orWhere((o: any) => o.whereRaw(`lower(recipient_email) in (${emails.map(() => '?').join(', ')})`, emails).whereNotIn('id', trx(staffLink.name).select(staffLink.joinColumn.name)));
          }
        });
      const withdrawn = await theClients(trx(meta.tableName))
        .where((w: any) =>
          w.where('delivery_status', 'pending').orWhere((o: any) => o.where('delivery_status', 'sending').where((h: any) => h.whereNull('handed_over_at').orWhere('lease_expires_at', '<', at(now))))
        )
        .update({ delivery_status: 'cancelled', cancel_reason: reason, lease_expires_at: null, updated_at: at(now) }, ['id', 'document_id']);
      const inTransfer = await theClients(trx(meta.tableName))
        .where('delivery_status', 'sending')
        .whereNotNull('handed_over_at')
        .update({ cancel_reason: reason, updated_at: at(now) }, ['id', 'document_id']);
      return { withdrawn: rowsOf(withdrawn), inTransfer: rowsOf(inTransfer) };
    });
  },

  /** An administrator sends a failed notification again (attempts start over); never one withdrawn by an erasure. */
  async retry(documentId: string) {
    const res = await strapi.db.query(UID.notification).updateMany({
      where: { documentId, deliveryStatus: 'failed', cancelReason: { $null: true } },
      data: { deliveryStatus: 'pending', attempts: 0, nextAttemptAt: new Date(), lastError: null, leaseExpiresAt: null, claimedBy: null },
    });
    return res.count > 0;
  },

  async list(query: { status?: string; page: number; pageSize: number }) {
    const where = query.status ? { deliveryStatus: query.status } : {};
    const [results, total] = await Promise.all([
      strapi.db.query(UID.notification).findMany({
        where,
        select: ['documentId', 'idempotencyKey', 'recipientEmail', 'template', 'language', 'deliveryStatus', 'attempts', 'nextAttemptAt', 'lastError', 'sentAt', 'messageId', 'cancelReason', 'createdAt'],
        orderBy: [{ nextAttemptAt: 'desc' }, { id: 'desc' }],
        offset: (query.page - 1) * query.pageSize,
        limit: query.pageSize,
      }),
      strapi.db.query(UID.notification).count({ where }),
    ]);
    return { results, pagination: { page: query.page, pageSize: query.pageSize, total, pageCount: Math.ceil(total / query.pageSize) } };
  },
});
