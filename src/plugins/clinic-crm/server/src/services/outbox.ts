import type { Core } from '@strapi/strapi';
import { UID } from '../utils';
import { insertRows } from '../utils/rows';

export interface Enqueue {
  key: string;
  template: string;
  language: string;
  recipientEmail: string;
  recipientStaff?: number | null; // staff-member id
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
        links: { recipientStaff: input.recipientStaff ?? null },
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

  /** An administrator sends a failed notification again (attempts start over). */
  async retry(documentId: string) {
    const res = await strapi.db.query(UID.notification).updateMany({
      where: { documentId, deliveryStatus: 'failed' },
      data: { deliveryStatus: 'pending', attempts: 0, nextAttemptAt: new Date(), lastError: null, leaseExpiresAt: null, claimedBy: null },
    });
    return res.count > 0;
  },

  async list(query: { status?: string; page: number; pageSize: number }) {
    const where = query.status ? { deliveryStatus: query.status } : {};
    const [results, total] = await Promise.all([
      strapi.db.query(UID.notification).findMany({
        where,
        select: ['documentId', 'idempotencyKey', 'recipientEmail', 'template', 'language', 'deliveryStatus', 'attempts', 'nextAttemptAt', 'lastError', 'sentAt', 'messageId', 'createdAt'],
        orderBy: [{ nextAttemptAt: 'desc' }, { id: 'desc' }],
        offset: (query.page - 1) * query.pageSize,
        limit: query.pageSize,
      }),
      strapi.db.query(UID.notification).count({ where }),
    ]);
    return { results, pagination: { page: query.page, pageSize: query.pageSize, total, pageCount: Math.ceil(total / query.pageSize) } };
  },
});
