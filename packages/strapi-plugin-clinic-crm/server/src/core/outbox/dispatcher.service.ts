import os from 'os';
import { randomBytes } from 'crypto';
import type { Core } from '@strapi/strapi';
import { afterFailure, domainOf, messageIdFor } from './delivery';
import { getConfig, getService } from '../plugin';
import { notifications, type ClaimedNotification, type Settlement } from './notification.repository';
import { ChannelUnavailable, sendWebhook } from './webhook-sender';

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
 * Sends the outbox (e-mails and webhooks). Any number of instances may run it at once: a batch is claimed with one
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

  const outbox = notifications(strapi);
  const metrics = () => getService(strapi, 'metrics').outbox;
  const claim = (limit: number) => outbox.claim(workerId, limit, getConfig(strapi).dispatch.leaseMs);
  const settle = (row: ClaimedNotification, data: Settlement, onlyIfNotWithdrawn = false) => outbox.settle(row, workerId, data, onlyIfNotWithdrawn);
  /**
   * The last step before the SMTP transfer, conditional on the claim and on the row not having been
   * withdrawn (erasure) since it was claimed. Whichever commits first wins: a withdrawal before this
   * means nothing is sent; after it, the withdrawal sees the row as in transfer.
   */
  const handOver = (row: ClaimedNotification) => outbox.handOver(row, workerId, getConfig(strapi).dispatch.leaseMs);

  const sendEmail = async (row: ClaimedNotification, messageId: string) => {
    const payload = typeof row.payload === 'string' ? JSON.parse(row.payload) : (row.payload ?? {});
    const content = await getService(strapi, 'email-renderer').render(row.template, row.language, payload);
    if (!(await handOver(row))) return 'withdrawn' as const;
    await strapi.plugin('email').service('email').send({ to: row.recipient_email, messageId, ...content });
    return 'sent' as const;
  };

  /** E-mail rows go to SMTP; webhook rows are POSTed to their channel (webhook-sender.ts). Claims, backoff and dead letters are the same. */
  const deliver = async (row: ClaimedNotification) => {
    const settings = strapi.config.get('plugin::email.settings') as { defaultFrom?: string } | undefined;
    const webhook = row.channel === 'webhook';
    // a webhook's receiver de-duplicates on the idempotency key (its header and the body's id)
    const messageId = webhook ? row.idempotency_key : messageIdFor(row.idempotency_key, domainOf(settings?.defaultFrom));
    try {
      const outcome = webhook ? await sendWebhook(strapi, row, () => handOver(row)) : await sendEmail(row, messageId);
      if (outcome === 'withdrawn') return 'withdrawn' as const;
      await settle(row, { deliveryStatus: 'sent', sentAt: new Date(), messageId, lastError: null });
      metrics().sent(row.template);
      return 'sent' as const;
    } catch (e) {
      const error = (e as Error)?.message ?? String(e);
      if (e instanceof ChannelUnavailable) {
        await settle(row, { deliveryStatus: 'cancelled', lastError: error, messageId });
        return 'withdrawn' as const;
      }
      const outcome = afterFailure(row.attempts, new Date(), getConfig(strapi).dispatch.retry);
      metrics().failedAttempt(row.template);
      if (outcome.status === 'failed') {
        metrics().deadLettered(row.template);
        strapi.log.error(`[clinic-crm] notification ${row.idempotency_key} failed after ${row.attempts} attempts: ${error}`);
        await settle(row, { deliveryStatus: 'failed', lastError: error.slice(0, 4000), messageId });
      } else {
        const retried = await settle(row, { deliveryStatus: 'pending', nextAttemptAt: outcome.nextAttemptAt, lastError: error.slice(0, 4000), messageId }, true);
        // withdrawn while it was being transferred: the failed transfer is not retried
        if (retried === 0) await settle(row, { deliveryStatus: 'cancelled', lastError: error.slice(0, 4000), messageId });
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
