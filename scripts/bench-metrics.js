'use strict';
/**
 * Cost of a Prometheus scrape (GET /api/clinic-crm/metrics) as the outbox and the complaints grow:
 * the scrape-time reads (outbox depth and oldest due age, open complaints past due) plus the text
 * serialization, in-process, over a seeded database. Figures, not a test.
 *   npm run bench:metrics                         SQLite
 *   bash scripts/with-postgres.sh scripts/bench-metrics.js   Postgres
 * BENCH_SENT (100000), BENCH_PENDING (5000), BENCH_COMPLAINTS (20000), BENCH_SCRAPES (30).
 */
const crypto = require('crypto');
const { compile, freshDatabase, withStrapi } = require('./lib/bench-app');

const SENT = Number(process.env.BENCH_SENT || 100_000);
const PENDING = Number(process.env.BENCH_PENDING || 5_000);
const COMPLAINTS = Number(process.env.BENCH_COMPLAINTS || 20_000);
const SCRAPES = Number(process.env.BENCH_SCRAPES || 30);
const TEMPLATES = ['complaint_assigned', 'complaint_sla_warning', 'follow_up_task', 'satisfaction_survey', 'complaint_escalated'];
const OPEN = ['received', 'investigating', 'coordinating', 'closed', 'closed', 'closed'];

const id = () => crypto.randomBytes(12).toString('hex');

async function seed(strapi) {
  const knex = strapi.db.connection;
  const at = (ms) => (strapi.db.dialect.client === 'postgres' ? new Date(ms) : ms);
  const now = Date.now();
  const table = (uid) => strapi.db.metadata.get(uid).tableName;
  const notifications = [];
  for (let i = 0; i < SENT + PENDING; i += 1) {
    const sent = i < SENT;
    const created = now - (i % 30) * 86_400_000;
    notifications.push({
      document_id: id(),
      idempotency_key: `bench:${i}`,
      recipient_email: `staff${i % 50}@clinic.test`,
      template: TEMPLATES[i % TEMPLATES.length],
      language: 'zh-Hant',
      delivery_status: sent ? 'sent' : i % 10 === 0 ? 'failed' : 'pending',
      attempts: sent ? 1 : 0,
      // half of the pending ones are due, half scheduled for later (surveys, follow-ups)
      next_attempt_at: at(sent ? created : i % 2 ? now - 60_000 : now + 86_400_000),
      sent_at: sent ? at(created) : null,
      created_at: at(created),
      updated_at: at(created),
    });
  }
  const complaints = [];
  for (let i = 0; i < COMPLAINTS; i += 1) {
    const received = now - (i % 60) * 86_400_000;
    complaints.push({
      document_id: id(),
      reference_number: `BENCH-${i}`,
      contact_name: 'bench',
      channel: 'phone',
      category: 'other',
      severity: 'low',
      description: 'bench',
      workflow_status: OPEN[i % OPEN.length],
      received_at: at(received),
      first_response_due_at: at(received + 2 * 86_400_000),
      resolution_due_at: at(received + 10 * 86_400_000),
      paused_minutes: 0,
      escalation_level: 0,
      breached: false,
      created_at: at(received),
      updated_at: at(received),
    });
  }
  await knex.batchInsert(table('plugin::clinic-crm.notification'), notifications, 500);
  await knex.batchInsert(table('plugin::clinic-crm.complaint'), complaints, 500);
}

async function main() {
  await compile();
  const db = await freshDatabase('metrics');
  try {
    await withStrapi(db.env, async (strapi) => {
      const t0 = Date.now();
      await seed(strapi);
      console.log(`[bench] seeded ${SENT + PENDING} notifications and ${COMPLAINTS} complaints in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      const metrics = strapi.plugin('clinic-crm').service('metrics');
      await metrics.scrape(); // warm-up
      const times = [];
      let bytes = 0;
      for (let i = 0; i < SCRAPES; i += 1) {
        const t = process.hrtime.bigint();
        bytes = (await metrics.scrape()).length;
        times.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
      times.sort((a, b) => a - b);
      const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(1);
      console.log(`\nmetrics scrape — ${db.env.DATABASE_CLIENT}, ${SENT} sent + ${PENDING} unsettled notifications, ${COMPLAINTS} complaints, ${SCRAPES} scrapes`);
      console.log(`  p50 ${q(0.5)} ms   p90 ${q(0.9)} ms   max ${times[times.length - 1].toFixed(1)} ms   body ${(bytes / 1024).toFixed(1)} KiB`);
    });
  } finally {
    await db.drop();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  }
);
