import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { UID } from '../plugin';
import { insertRows } from '../bulk-insert.repository';
import { linkTableOf, sqlTime, tableOf } from '../db-meta';

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';

/** A notification row as the query engine returns it (camel-cased attributes). */
export interface NotificationRow {
  id: number;
  documentId: string;
  idempotencyKey: string;
  recipientEmail: string;
  template: string;
  language: string;
  payload: unknown;
  deliveryStatus: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | string | number | null;
  leaseExpiresAt: Date | string | number | null;
  claimedBy: string | null;
  lastError: string | null;
  sentAt: Date | string | number | null;
  messageId: string | null;
  handedOverAt: Date | string | number | null;
  cancelReason: string | null;
  createdAt: Date | string | number;
}

export type NotificationKeyRow = Pick<NotificationRow, 'id' | 'documentId' | 'deliveryStatus' | 'idempotencyKey'>;

/** A row claimed by a dispatcher (raw column names, as RETURNING gives them). */
export interface ClaimedNotification {
  id: number;
  document_id: string;
  idempotency_key: string;
  recipient_email: string | null;
  channel: 'email' | 'webhook' | null;
  created_at: Date | string | number;
  template: string;
  language: string;
  payload: unknown;
  attempts: number;
}

export interface NewNotification {
  idempotencyKey: string;
  template: string;
  language: string;
  recipientEmail: string | null;
  payload: Record<string, unknown>;
  nextAttemptAt: Date;
  recipientStaff: number | null;
  client: number | null;
  channel: 'email' | 'webhook';
  webhookChannel: number | null;
}

/** What a dispatcher writes when it settles a claimed row. */
export interface Settlement {
  deliveryStatus: DeliveryStatus;
  sentAt?: Date;
  nextAttemptAt?: Date;
  messageId?: string;
  lastError?: string | null;
}

export interface WithdrawnRow {
  id: number;
  documentId: string;
}

const RETURNING = 'id, document_id, idempotency_key, recipient_email, channel, created_at, template, language, payload, attempts';
const LIST_FIELDS = ['documentId', 'idempotencyKey', 'recipientEmail', 'channel', 'template', 'language', 'deliveryStatus', 'attempts', 'nextAttemptAt', 'lastError', 'sentAt', 'messageId', 'cancelReason', 'createdAt'];

/** A notice's row and the webhook rows fanned out from it. */
const withWebhooks = (key: string) => ({ $or: [{ idempotencyKey: key }, { idempotencyKey: { $startsWith: `${key}:webhook:` } }] });

/** `knex.raw` answers rows on SQLite and `{ rows }` on Postgres. */
const rowsOf = <T>(result: T[] | { rows?: T[] } | null | undefined): T[] => (Array.isArray(result) ? result : (result?.rows ?? []));

/**
 * The outbox table's write side: nothing else writes notification rows. Rows are inserted through
 * the query engine (documentId, dialect conversions); the state changes that decide between
 * instances (claim, hand-over, settle, withdrawal) are single conditional UPDATEs in knex — the
 * document service cannot express "only if still claimed by me" or `FOR UPDATE SKIP LOCKED`.
 */
export const notifications = (strapi: Core.Strapi) => {
  const knex = (): Knex => strapi.db.connection;
  const isPostgres = () => strapi.db.dialect.client === 'postgres';
  const at = (d: Date) => sqlTime(strapi, d);
  const table = () => tableOf(strapi, UID.notification);

  return {
    async findByKeys(keys: string[]): Promise<NotificationKeyRow[]> {
      return (await strapi.db.query(UID.notification).findMany({
        where: { idempotencyKey: { $in: keys } },
        select: ['id', 'documentId', 'deliveryStatus', 'idempotencyKey'],
      })) as NotificationKeyRow[];
    },

    /** New `pending` rows with their staff/client links, in the caller's transaction; the ids in input order. */
    async insert(rows: NewNotification[]): Promise<number[]> {
      return insertRows(
        strapi,
        UID.notification,
        rows.map(({ recipientStaff, client, webhookChannel, ...data }) => ({
          data: { ...data, deliveryStatus: 'pending', attempts: 0 },
          links: { recipientStaff, client, webhookChannel },
        }))
      );
    },

    /** The e-mail and its webhook rows (`<key>:webhook:<channel>`) move together. */
    async reschedule(key: string, notBefore: Date, payload?: Record<string, unknown>) {
      return strapi.db.query(UID.notification).updateMany({
        where: { ...withWebhooks(key), deliveryStatus: 'pending' },
        data: { nextAttemptAt: notBefore, ...(payload ? { payload } : {}) },
      });
    },

    async cancel(key: string) {
      return strapi.db.query(UID.notification).updateMany({ where: { ...withWebhooks(key), deliveryStatus: 'pending' }, data: { deliveryStatus: 'cancelled' } });
    },

    /** A failed row (never one withdrawn by an erasure) goes back to `pending` with its attempts reset. */
    async retryFailed(documentId: string): Promise<boolean> {
      const res = await strapi.db.query(UID.notification).updateMany({
        where: { documentId, deliveryStatus: 'failed', cancelReason: { $null: true } },
        data: { deliveryStatus: 'pending', attempts: 0, nextAttemptAt: new Date(), lastError: null, leaseExpiresAt: null, claimedBy: null },
      });
      return res.count > 0;
    },

    async page(where: Record<string, unknown>, page: number, pageSize: number) {
      const [results, total] = await Promise.all([
        strapi.db.query(UID.notification).findMany({
          where,
          select: LIST_FIELDS,
          populate: { webhookChannel: { select: ['documentId', 'name', 'scope', 'department'] } },
          orderBy: [{ nextAttemptAt: 'desc' }, { id: 'desc' }],
          offset: (page - 1) * pageSize,
          limit: pageSize,
        }) as Promise<Array<Partial<NotificationRow>>>,
        strapi.db.query(UID.notification).count({ where }),
      ]);
      return { results, total };
    },

    /**
     * Erasure: the client's rows that have not gone out become `cancelled` with the reason; rows already
     * in transfer only get the reason. See outbox.service withdrawForClient.
     */
    async withdrawForClient(input: { clientId: number; emails: string[]; reason: string; now: Date }) {
      const clientLink = linkTableOf(strapi, UID.notification, 'client');
      const staffLink = linkTableOf(strapi, UID.notification, 'recipientStaff');
      const { clientId, emails, reason, now } = input;
      const ids = (rows: Array<{ id: number | string; document_id: string }>): WithdrawnRow[] => rows.map((x) => ({ id: Number(x.id), documentId: String(x.document_id) }));
      return strapi.db.transaction(async ({ trx }) => {
        const theClients = (q: Knex.QueryBuilder) =>
          q.where((w) => {
            w.whereIn('id', trx(clientLink.name).select(clientLink.joinColumn.name).where(clientLink.inverseJoinColumn.name, clientId));
            if (emails.length) {
              w.orWhere((o) => o.whereRaw(`lower(recipient_email) in (${emails.map(() => '?').join(', ')})`, emails).whereNotIn('id', trx(staffLink.name).select(staffLink.joinColumn.name)));
            }
          });
        const withdrawn = await theClients(trx(table()))
          .where((w) =>
            w.where('delivery_status', 'pending').orWhere((o) => o.where('delivery_status', 'sending').where((h) => h.whereNull('handed_over_at').orWhere('lease_expires_at', '<', at(now))))
          )
          .update({ delivery_status: 'cancelled', cancel_reason: reason, lease_expires_at: null, updated_at: at(now) }, ['id', 'document_id']);
        const inTransfer = await theClients(trx(table()))
          .where('delivery_status', 'sending')
          .whereNotNull('handed_over_at')
          .update({ cancel_reason: reason, updated_at: at(now) }, ['id', 'document_id']);
        return { withdrawn: ids(withdrawn), inTransfer: ids(inTransfer) };
      });
    },

    /**
     * A batch claimed with one atomic UPDATE (Postgres: FOR UPDATE SKIP LOCKED; SQLite: a single
     * writer), stamped with the worker's id and a lease. First, a row withdrawn while its worker was
     * transferring it, and whose worker then died, stays withdrawn.
     */
    async claim(workerId: string, limit: number, leaseMs: number): Promise<ClaimedNotification[]> {
      const now = new Date();
      const lease = new Date(now.getTime() + leaseMs);
      const lock = isPostgres() ? 'FOR UPDATE SKIP LOCKED' : '';
      await knex()(table()).where({ delivery_status: 'sending' }).whereNotNull('cancel_reason').where('lease_expires_at', '<', at(now)).update({ delivery_status: 'cancelled', lease_expires_at: null, updated_at: at(now) });
      const result = await knex().raw(
        `UPDATE ${table()} SET delivery_status = 'sending', claimed_by = ?, lease_expires_at = ?, handed_over_at = NULL, attempts = attempts + 1, updated_at = ?
         WHERE id IN (
           SELECT id FROM ${table()}
           WHERE (delivery_status = 'pending' AND next_attempt_at <= ?) OR (delivery_status = 'sending' AND lease_expires_at < ? AND cancel_reason IS NULL)
           ORDER BY next_attempt_at, id
           LIMIT ? ${lock}
         )
         RETURNING ${RETURNING}`,
        [workerId, at(lease), at(now), at(now), at(now), limit]
      );
      return rowsOf<ClaimedNotification>(result);
    },

    /**
     * The hand-over before the transfer, conditional on the claim and on the row not being withdrawn.
     * It renews the row's lease: a row sent late in a batch (the batch's lease nearly spent) would
     * otherwise be claimed by another instance while its transfer is under way, and sent twice.
     */
    async handOver(row: ClaimedNotification, workerId: string, leaseMs: number): Promise<boolean> {
      const now = new Date();
      const n = await knex()(table())
        .where({ id: row.id, claimed_by: workerId, delivery_status: 'sending' })
        .whereNull('cancel_reason')
        .update({ handed_over_at: at(now), lease_expires_at: at(new Date(now.getTime() + leaseMs)), updated_at: at(now) });
      return n === 1;
    },

    /** Settles a claimed row, conditional on still holding the claim (and, if asked, on it not being withdrawn); the rows changed. */
    async settle(row: ClaimedNotification, workerId: string, s: Settlement, onlyIfNotWithdrawn = false): Promise<number> {
      const q = knex()(table()).where({ id: row.id, claimed_by: workerId, delivery_status: 'sending' });
      if (onlyIfNotWithdrawn) q.whereNull('cancel_reason');
      const data: Record<string, unknown> = { delivery_status: s.deliveryStatus };
      if (s.sentAt) data.sent_at = at(s.sentAt);
      if (s.nextAttemptAt) data.next_attempt_at = at(s.nextAttemptAt);
      if (s.messageId !== undefined) data.message_id = s.messageId;
      if (s.lastError !== undefined) data.last_error = s.lastError;
      return q.update({ ...data, lease_expires_at: null, updated_at: at(new Date()) });
    },
  };
};
