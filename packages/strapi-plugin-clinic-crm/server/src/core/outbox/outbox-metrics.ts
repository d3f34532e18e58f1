import type { Core } from '@strapi/strapi';
import { Counter, Gauge, type Registry } from 'prom-client';
import { UID } from '../plugin';
import { sqlTime, tableOf } from '../db-meta';
import { epochMs, sharedRead, type Guard } from '../metrics/types';

interface DepthRow {
  delivery_status: string;
  template: string;
  n: number | string;
  due: number | string | null;
  oldest_due: unknown;
}

/**
 * The outbox's metrics. Counters are this instance's dispatches (the dispatcher's hooks); gauges are
 * read from the database at scrape time — the same cluster-wide figure on every instance. One
 * GROUP BY over the rows not yet settled, served by the (delivery_status, next_attempt_at) index;
 * sent and cancelled rows are never read.
 */
export const outboxMetrics = (strapi: Core.Strapi, registry: Registry, guard: Guard) => {
  const registers = [registry];
  const sent = new Counter({ name: 'clinic_crm_outbox_sent_total', help: 'E-mails sent by this instance', labelNames: ['template'], registers });
  const failures = new Counter({ name: 'clinic_crm_outbox_send_failures_total', help: 'Failed send attempts by this instance (each retry counts)', labelNames: ['template'], registers });
  const dead = new Counter({ name: 'clinic_crm_outbox_dead_letters_total', help: 'Messages this instance marked failed after the last attempt', labelNames: ['template'], registers });

  // one query fills every gauge of a scrape (`read` below, called only at scrape time)
  const collect = () => read();
  const pending = new Gauge({ name: 'clinic_crm_outbox_pending_messages', help: 'Messages waiting to be sent, due now or scheduled later (cluster-wide)', labelNames: ['template'], registers, collect });
  const due = new Gauge({ name: 'clinic_crm_outbox_due_messages', help: 'Pending messages whose send time has come (cluster-wide backlog)', registers, collect });
  const oldest = new Gauge({ name: 'clinic_crm_outbox_oldest_pending_age_seconds', help: 'How long the longest-waiting due message has been due (0: none is)', registers, collect });
  const sending = new Gauge({ name: 'clinic_crm_outbox_sending_messages', help: 'Messages claimed by a dispatcher and being sent (cluster-wide)', registers, collect });
  const failed = new Gauge({ name: 'clinic_crm_outbox_failed_messages', help: 'Dead letters: messages failed after the last attempt, awaiting an administrator (cluster-wide)', labelNames: ['template'], registers, collect });

  const read = sharedRead(guard('outbox', async () => {
    const knex = strapi.db.connection;
    const now = new Date();
    const at = sqlTime(strapi, now);
    const rows = (await knex(tableOf(strapi, UID.notification))
      .whereIn('delivery_status', ['pending', 'sending', 'failed'])
      .groupBy('delivery_status', 'template')
      .select('delivery_status', 'template')
      .count({ n: '*' })
      .select(knex.raw('sum(case when next_attempt_at <= ? then 1 else 0 end) as due', [at]))
      .select(knex.raw('min(case when next_attempt_at <= ? then next_attempt_at end) as oldest_due', [at]))) as DepthRow[];
    for (const g of [pending, failed]) g.reset();
    let dueCount = 0;
    let sendingCount = 0;
    let oldestDue: number | null = null;
    for (const r of rows) {
      const n = Number(r.n);
      if (r.delivery_status === 'pending') {
        pending.inc({ template: r.template }, n);
        dueCount += Number(r.due ?? 0);
        const t = epochMs(r.oldest_due);
        if (t !== null && (oldestDue === null || t < oldestDue)) oldestDue = t;
      } else if (r.delivery_status === 'sending') sendingCount += n;
      else failed.inc({ template: r.template }, n);
    }
    due.set(dueCount);
    sending.set(sendingCount);
    oldest.set(oldestDue === null ? 0 : Math.max(0, (now.getTime() - oldestDue) / 1000));
  }));

  return {
    sent: (template: string) => sent.inc({ template }),
    failedAttempt: (template: string) => failures.inc({ template }),
    deadLettered: (template: string) => dead.inc({ template }),
  };
};
