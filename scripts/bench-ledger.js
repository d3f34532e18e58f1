'use strict';
/**
 * npm run bench:ledger  (SQLite; Postgres with DATABASE_CLIENT=postgres or via scripts/with-postgres.sh)
 * Appends BENCH_ENTRIES (10,000) entries to the evidence ledger through the ledger service (in
 * transactions of 500, as a busy clinic's audit trail would grow), then times verify-ledger's chain
 * check (every link, MAC and digest) and the full check (every sealed row against the database).
 * Prints figures; asserts nothing.
 */
const { compile, freshDatabase, withStrapi } = require('./lib/bench-app');

const ENTRIES = Number(process.env.BENCH_ENTRIES || 10000);
const BATCH = 500;

(async () => {
  await compile();
  const db = await freshDatabase('ledger');
  try {
    await withStrapi(db.env, async (strapi) => {
      const ledger = strapi.plugin('clinic-crm').service('ledger');
      const verifier = strapi.plugin('clinic-crm').service('ledger-verify');
      const already = await strapi.db.query('plugin::clinic-crm.ledger-entry').count({});
      let started = Date.now();
      for (let i = 0; i < ENTRIES; i += BATCH) {
        const items = [];
        for (let j = i; j < Math.min(ENTRIES, i + BATCH); j += 1) {
          items.push({ kind: 'audit', subjectId: `bench-${j}`, payload: { id: j, occurredAt: new Date().toISOString(), actor: 'bench@clinic.local', action: 'read_health', targetType: 'plugin::clinic-crm.client', fields: ['allergies'] } });
        }
        await ledger.append(items);
      }
      const appendMs = Date.now() - started;
      console.log(`${strapi.db.dialect.client}: appended ${ENTRIES} entries (after ${already}) in ${appendMs} ms (${Math.round((ENTRIES / appendMs) * 1000)}/s)`);
      const runs = [];
      for (let r = 0; r < 3; r += 1) {
        started = Date.now();
        const report = await verifier.verify({ rows: false });
        runs.push(Date.now() - started);
        if (!report.ok) throw new Error(`chain not intact: ${JSON.stringify(report.firstBroken)}`);
      }
      console.log(`chain check of ${ENTRIES + already} entries: ${runs.join(' ms, ')} ms`);
      started = Date.now();
      const full = await verifier.verify({ rows: true });
      // the benchmark's entries name no real rows: the full check reports them as gone, which is its work
      console.log(`full check (chain + every sealed row looked up): ${Date.now() - started} ms, ${full.changedRows.length} sealed subjects not found (expected: the synthetic ones)`);
    });
  } finally {
    await db.drop();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
