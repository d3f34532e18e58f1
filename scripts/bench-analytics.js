'use strict';
/**
 * npm run bench:analytics — complaint analytics over 50,000 complaints (SQLite, then PostgreSQL).
 * Seeds the rows in bulk, then times the analytics service (the same code the admin endpoint
 * runs) cold and warm, over everything and over a 3-month window. Prints the figures.
 */
const crypto = require('crypto');
const { compile, freshDatabase, withStrapi } = require('./lib/bench-app');

const N = Number(process.env.BENCH_COMPLAINTS || 50_000);
const RUNS = 7;
const CATEGORIES = ['service_attitude', 'price_billing', 'result_below_expectation', 'side_effect', 'product_reaction', 'hygiene_safety', 'privacy', 'other'];
const DEPTS = ['front_desk', 'beautician', 'nurse', 'doctor', 'management'];
const STATUSES = ['received', 'investigating', 'coordinating', 'resolution_proposed', 'resolution_executed', 'follow_up', 'closed', 'closed', 'closed', 'rejected'];
const id24 = () => crypto.randomBytes(18).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, 'x').slice(0, 24);

async function seed(strapi) {
  const isPg = strapi.db.dialect.client === 'postgres';
  const at = (d) => (isPg ? d : d.getTime());
  const bool = (b) => (isPg ? b : b ? 1 : 0);
  const knex = strapi.db.connection;
  const treatments = [];
  for (let i = 0; i < 20; i += 1) {
    treatments.push(
      await strapi.documents('plugin::clinic-crm.treatment').create({
        locale: 'zh-Hant',
        status: 'published',
        data: { name: `療程 ${i}`, slug: `bench-a-${i}`, category: 'laser', feeItems: [{ code: 'a', label: 'a', kind: 'included', amount: 1000, unit: 'one_off' }] },
      })
    );
  }
  const records = [];
  for (let i = 0; i < 200; i += 1) {
    const r = await strapi.db.query('plugin::clinic-crm.treatment-record').create({
      data: { recordNumber: `TR-A-${i}`, performedAt: new Date(), priceSnapshot: {}, publishedAt: new Date() },
    });
    await knex('crm_treatment_records_treatment_lnk').insert({ treatment_record_id: r.id, treatment_id: treatments[i % 20].id });
    records.push(r.id);
  }
  const start = Date.UTC(2025, 0, 1);
  const span = 700 * 24 * 3_600_000;
  const started = Date.now();
  for (let offset = 0; offset < N; offset += 400) {
    const rows = [];
    for (let i = offset; i < Math.min(N, offset + 400); i += 1) {
      const received = new Date(start + Math.floor(Math.random() * span));
      const status = STATUSES[i % STATUSES.length];
      const responded = status === 'received' ? null : new Date(received.getTime() + Math.random() * 72 * 3_600_000);
      const resolved = ['resolution_executed', 'follow_up', 'closed'].includes(status) ? new Date(received.getTime() + Math.random() * 400 * 3_600_000) : null;
      rows.push({
        document_id: id24(),
        reference_number: `CMP-B-${i}`,
        contact_name: `客戶${i % 9000}`,
        contact_email: `c${i % 9000}@example.com`,
        contact_phone: `09${String(i % 9000).padStart(8, '0')}`,
        channel: 'website',
        category: CATEGORIES[i % CATEGORIES.length],
        severity: ['low', 'medium', 'high', 'critical'][i % 4],
        description: '—',
        department: DEPTS[i % DEPTS.length],
        workflow_status: status,
        received_at: at(received),
        first_responded_at: responded && at(responded),
        resolved_at: resolved && at(resolved),
        breached: bool(i % 7 === 0),
        escalation_level: 0,
        paused_minutes: 0,
        published_at: at(received),
        created_at: at(received),
        updated_at: at(received),
      });
    }
    const ids = await knex('crm_complaints').insert(rows, ['id']);
    const links = ids
      .map((x) => (typeof x === 'object' ? x.id : x))
      .filter((_, j) => j % 3 === 0)
      .map((cid, j) => ({ complaint_id: cid, treatment_record_id: records[j % records.length] }));
    if (links.length) await knex('crm_complaints_treatment_record_lnk').insert(links);
  }
  return Date.now() - started;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

(async () => {
  const db = await freshDatabase('analytics');
  try {
    await compile();
    await withStrapi(db.env, async (strapi) => {
      const seedMs = await seed(strapi);
      const analytics = strapi.plugin('clinic-crm').service('analytics');
      const time = async (range) => {
        const t = process.hrtime.bigint();
        const r = await analytics.complaints(range);
        return { ms: Number(process.hrtime.bigint() - t) / 1e6, r };
      };
      const cold = await time({});
      const all = [];
      for (let i = 0; i < RUNS; i += 1) all.push((await time({})).ms);
      const window = [];
      const range = { from: new Date('2025-06-01'), to: new Date('2025-09-01') };
      for (let i = 0; i < RUNS; i += 1) window.push((await time(range)).ms);
      console.log(`\nanalytics benchmark — ${db.env.DATABASE_CLIENT}, ${cold.r.total} complaints (seeded in ${(seedMs / 1000).toFixed(1)} s)`);
      console.log(`all complaints:   cold ${cold.ms.toFixed(0)} ms, warm median ${median(all).toFixed(0)} ms, max ${Math.max(...all).toFixed(0)} ms (goal ≤ 500 ms)`);
      console.log(`3-month window:   warm median ${median(window).toFixed(0)} ms, max ${Math.max(...window).toFixed(0)} ms`);
      console.log(`figures: breach rate ${cold.r.slaBreachRate}, median h to first response ${cold.r.medianHoursToFirstResponse}, to resolution ${cold.r.medianHoursToResolution}, repeat complainants ${cold.r.repeatComplainants.count}, months ${Object.keys(cold.r.byMonth).length}`);
    });
  } finally {
    await db.drop();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
