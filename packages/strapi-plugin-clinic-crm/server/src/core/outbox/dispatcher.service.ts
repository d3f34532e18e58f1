import os from 'os';
import { randomBytes } from 'crypto';
import type { Core } from '@strapi/strapi';
import { afterFailure, domainOf, messageIdFor } from './delivery';
import { getConfig, getService } from '../plugin';

const TABLE = 'crm_notifications';
const RETURNING = 'id, document_id, idempotency_key, recipient_email, template, language, payload, attempts';

interface Claimed {
  id: number;
  document_id: string;
  idempotency_key: string;
  recipient_email: string;
  template: string;
  language: string;
  payload: unknown;
  attempts: number;
}

const rowsOf = (result: any): any[] => (Array.isArray(result) ? result : (result?.rows ?? []));

/** Runs `fn` over `items` with at most `limit` in flight. */
const pool = async <T>(items: T[], limit: number, fn: (item: T) => Promise<void>) => {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await fn(item);
    }
  });
  await Promise.all(workers);
};

/**
 * Sends the outbox. Any number of instances may run it at once: a batch is claimed with one
 * atomic UPDATE (Postgres: FOR UPDATE SKIP LOCKED; SQLite: a single writer), stamped with this
 * worker's id and a lease. A row whose worker died is claimed again after the lease expires and
 * re-sent with the same Message-ID. Every state change is conditional on still holding the claim.
 * Just before the SMTP transfer a row is handed over (`handedOverAt`), conditional on it not having
 * been withdrawn meanwhile (erasure, outbox.withdrawForClient): a withdrawn row is never sent.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const workerId = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  let running: Promise<unknown> | null = null;
  let stopped = false;

  const knex = () => strapi.db.connection;
  const isPostgres = () => strapi.db.dialect.client === 'postgres';
  // SQLite keeps Strapi datetimes as epoch milliseconds, Postgres as timestamps.
  const at = (d: Date) => (isPostgres() ? d : d.getTime());

  const claim = async (limit: number): Promise<Claimed[]> => {
    const { leaseMs } = getConfig(strapi).dispatch;
    const now = new Date();
    const lease = new Date(now.getTime() + leaseMs);
    const lock = isPostgres() ? 'FOR UPDATE SKIP LOCKED' : '';
    // a row withdrawn by an erasure while its worker was transferring it, and whose worker then died, stays withdrawn
    await knex()(TABLE).where({ delivery_status: 'sending' }).whereNotNull('cancel_reason').where('lease_expires_at', '<', at(now)).update({ delivery_status: 'cancelled', lease_expires_at: null, updated_at: at(now) });
    const result = await knex().raw(
      `UPDATE ${TABLE} SET delivery_status = 'sending', claimed_by = ?, lease_expires_at = ?, handed_over_at = NULL, attempts = attempts + 1, updated_at = ?
       WHERE id IN (
         SELECT id FROM ${TABLE}
         WHERE (delivery_status = 'pending' AND next_attempt_at <= ?) OR (delivery_status = 'sending' AND lease_expires_at < ? AND cancel_reason IS NULL)
         ORDER BY next_attempt_at, id
         LIMIT ? ${lock}
       )
       RETURNING ${RETURNING}`,
      [workerId, at(lease), at(now), at(now), at(now), limit]
    );
    return rowsOf(result);
  };

  const settle = (row: Claimed, data: Record<string, unknown>, onlyIfNotWithdrawn = false) => {
    const q = knex()(TABLE).where({ id: row.id, claimed_by: workerId, delivery_status: 'sending' });
    if (onlyIfNotWithdrawn) q.whereNull('cancel_reason');
    return q.update({ ...data, lease_expires_at: null, updated_at: at(new Date()) });
  };

  /**
   * The last step before the SMTP transfer, conditional on the claim and on the row not having been
   * withdrawn (erasure) since it was claimed. Whichever commits first wins: a withdrawal before this
   * means nothing is sent; after it, the withdrawal sees the row as in transfer.
   */
  const handOver = async (row: Claimed) =>
    (await knex()(TABLE).where({ id: row.id, claimed_by: workerId, delivery_status: 'sending' }).whereNull('cancel_reason').update({ handed_over_at: at(new Date()), updated_at: at(new Date()) })) === 1;

  const deliver = async (row: Claimed) => {
    const settings = strapi.config.get('plugin::email.settings') as { defaultFrom?: string } | undefined;
    const messageId = messageIdFor(row.idempotency_key, domainOf(settings?.defaultFrom));
    try {
      const payload = typeof row.payload === 'string' ? JSON.parse(row.payload) : (row.payload ?? {});
      const content = await getService(strapi, 'email-renderer').render(row.template, row.language, payload);
      if (!(await handOver(row))) return 'withdrawn' as const;
      await strapi.plugin('email').service('email').send({ to: row.recipient_email, messageId, ...content });
      await settle(row, { delivery_status: 'sent', sent_at: at(new Date()), message_id: messageId, last_error: null });
      return 'sent' as const;
    } catch (e) {
      const error = (e as Error)?.message ?? String(e);
      const outcome = afterFailure(row.attempts, new Date(), getConfig(strapi).dispatch.retry);
      if (outcome.status === 'failed') {
        strapi.log.error(`[clinic-crm] notification ${row.idempotency_key} failed after ${row.attempts} attempts: ${error}`);
        await settle(row, { delivery_status: 'failed', last_error: error.slice(0, 4000), message_id: messageId });
      } else {
        const retried = await settle(row, { delivery_status: 'pending', next_attempt_at: at(outcome.nextAttemptAt), last_error: error.slice(0, 4000), message_id: messageId }, true);
        // withdrawn while it was being transferred: the failed transfer is not retried
        if (retried === 0) await settle(row, { delivery_status: 'cancelled', last_error: error.slice(0, 4000), message_id: messageId });
      }
      return 'retry' as const;
    }
  };

  const service = {
    workerId,

    /** Claims and sends one batch. */
    async runOnce(limit = getConfig(strapi).dispatch.batchSize) {
      const rows = await claim(limit);
      let sent = 0;
      let failed = 0;
      let withdrawn = 0;
      await pool(rows, getConfig(strapi).dispatch.concurrency, async (row) => {
        const outcome = await deliver(row);
        if (outcome === 'sent') sent += 1;
        else if (outcome === 'withdrawn') withdrawn += 1;
        else failed += 1;
      });
      return { claimed: rows.length, sent, failed, withdrawn };
    },

    /** Batches until nothing is due or the time budget is spent. One drain at a time per instance. */
    async drain(budgetMs = getConfig(strapi).dispatch.budgetMs) {
      if (running) return running;
      if (stopped) return { claimed: 0, sent: 0, failed: 0, batches: 0 };
      const started = Date.now();
      const totals = { claimed: 0, sent: 0, failed: 0, batches: 0 };
      running = (async () => {
        while (!stopped && Date.now() - started < budgetMs) {
          const r = await service.runOnce();
          totals.claimed += r.claimed;
          totals.sent += r.sent;
          totals.failed += r.failed;
          totals.batches += 1;
          if (r.claimed === 0) break;
        }
        return totals;
      })().finally(() => {
        running = null;
      });
      return running;
    },

    /**
     * Shutdown: no new batch is claimed; the batch being sent finishes (its rows would otherwise
     * wait for their lease to expire). Resolves when the current drain has ended.
     */
    async stop() {
      stopped = true;
      await running?.catch(() => undefined);
    },
  };
  return service;
};
