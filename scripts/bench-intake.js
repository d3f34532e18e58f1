'use strict';
/**
 * npm run bench:intake — the public complaint intake alone, on ONE `strapi start` instance in
 * production mode on PostgreSQL (a throw-away cluster unless DATABASE_CLIENT=postgres and
 * DATABASE_* point at one), no nginx: what one instance can accept.
 * 0. In-process profile of one intake (after a warm-up): the SQL statements it sends, by kind,
 *    and how long the evidence ledger's lock is held (lock acquired → COMMIT).
 * 1. BENCH_WRITERS (16) clients submit complaints back to back for BENCH_INTAKE_S (20 s), categories
 *    mixed (front desk, management, doctors): accepted/s, p50/p99/max, errors (non-201), lost
 *    (acknowledged but missing in the database), and every accepted complaint checked to be routed
 *    with its two timeline events and its audit event sealed in the ledger; then the chain is verified.
 * Figures, not assertions. SKIP_BUILD=true reuses the compiled app.
 */
const fs = require('fs');
const { Client } = require('pg');
const { compile, freshDatabase, withStrapi, startProduction } = require('./lib/bench-app');
const { isBuilt } = require('./lib/build-plugin');
const { submitComplaints } = require('./lib/intake-load');

const SECONDS = Number(process.env.BENCH_INTAKE_S || 20);
const WRITERS = Number(process.env.BENCH_WRITERS || 16);
const CATEGORIES = ['other', 'price_billing', 'service_attitude', 'side_effect'];
const T = (n) => `plugin::clinic-crm.${n}`;

async function seed(strapi) {
  const departments = { front_desk: 3, management: 2, doctor: 3, nurse: 2 };
  for (const [department, n] of Object.entries(departments)) {
    for (let i = 0; i < n; i += 1) {
      await strapi.documents(T('staff-member')).create({ data: { fullName: `${department} ${i}`, email: `${department}${i}@bench.test`, department, isActive: true } });
    }
  }
}

/** One intake in this process, with every statement knex sends counted and the ledger lock timed. */
async function profile(strapi) {
  const complaints = strapi.plugin('clinic-crm').service('complaints');
  const input = (n) => ({ name: `測試 ${n}`, phone: '0911-000-000', email: null, category: 'other', description: `profile ${n}`, treatmentName: null, treatmentDate: null, preferredLanguage: 'zh-Hant' });
  for (let i = 0; i < 3; i += 1) await complaints.intake(input(`warm-${i}`));
  const statements = [];
  const knex = strapi.db.connection;
  const onQuery = (q) => statements.push({ at: process.hrtime.bigint(), sql: q.sql });
  knex.on('query', onQuery);
  const t0 = process.hrtime.bigint();
  await complaints.intake(input('profiled'));
  const total = Number(process.hrtime.bigint() - t0) / 1e6;
  knex.off('query', onQuery);
  const kind = (sql) => {
    const s = sql.trim().toLowerCase();
    if (s.includes('pg_advisory')) return 'advisory lock';
    const m = /^(select|insert|update|delete|begin|commit|rollback|savepoint|release)/.exec(s);
    return m ? m[1] : s.slice(0, 12);
  };
  const byKind = {};
  for (const s of statements) byKind[kind(s.sql)] = (byKind[kind(s.sql)] || 0) + 1;
  const lockAt = statements.findIndex((s) => s.sql.includes('pg_advisory'));
  const commitAt = statements.findIndex((s, i) => i > lockAt && /^commit/i.test(s.sql.trim()));
  const lockHeld = lockAt >= 0 && commitAt >= 0 ? `${(Number(statements[commitAt].at - statements[lockAt].at) / 1e6).toFixed(1)} ms, ${commitAt - lockAt} statements` : 'not taken';
  console.log(`0. one intake in process: ${statements.length} statements (${Object.entries(byKind).map(([k, v]) => `${v} ${k}`).join(', ')}), ${total.toFixed(1)} ms; ledger lock held to COMMIT: ${lockHeld}`);
  if (process.env.BENCH_SHOW_SQL === 'true') statements.forEach((s, i) => console.log(`   ${String(i + 1).padStart(2)} ${s.sql.slice(0, 160)}`));
}

/** CPU seconds (user + system) a process has used so far (Linux /proc). */
const cpuSeconds = (pid) => {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
};
/** CPU seconds of the Postgres server: the postmaster and every backend (its children). */
const postgresCpu = () => {
  const dir = process.env.PG_DATA_DIR;
  if (!dir) return 0;
  const master = Number(fs.readFileSync(`${dir}/data/postmaster.pid`, 'utf8').split('\n')[0]);
  const pids = [master];
  for (const p of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (Number(fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ')[1]) === master) pids.push(Number(p));
    } catch {
      /* gone */
    }
  }
  return pids.reduce((a, p) => a + cpuSeconds(p), 0);
};

/** What the database holds for the acknowledged references: missing ones, unrouted ones, missing timeline/audit/ledger rows. */
async function check(db, refs) {
  const pg = new Client({ host: process.env.DATABASE_HOST, port: Number(process.env.DATABASE_PORT), user: process.env.DATABASE_USERNAME, database: db.env.DATABASE_NAME });
  await pg.connect();
  try {
    const { rows } = await pg.query(
      `select c.reference_number, c.first_response_due_at is not null as routed,
         (select count(*) from crm_complaint_events_complaint_lnk l join crm_complaint_events e on e.id = l.complaint_event_id where l.complaint_id = c.id and e.type in ('received','routed'))::int as events,
         (select count(*) from crm_audit_events a join crm_ledger_entries g on g.kind = 'audit' and g.subject_id = a.id::text where a.target_document_id = c.document_id)::int as sealed
       from crm_complaints c where c.reference_number = any($1)`,
      [refs]
    );
    const found = new Set(rows.map((r) => r.reference_number));
    return {
      lost: refs.filter((r) => !found.has(r)).length,
      incomplete: rows.filter((r) => !r.routed || r.events !== 2 || r.sealed !== 1).length,
    };
  } finally {
    await pg.end();
  }
}

(async () => {
  if (process.env.DATABASE_CLIENT !== 'postgres') throw new Error('run through npm run bench:intake (PostgreSQL)');
  const db = await freshDatabase('intake');
  let app;
  try {
    if (process.env.SKIP_BUILD === 'true' && isBuilt()) console.log('[bench] SKIP_BUILD: using the compiled app');
    else await compile();
    await withStrapi(db.env, async (strapi) => {
      await seed(strapi);
      await profile(strapi);
    });
    app = await startProduction(db.env, { IS_PROXIED: 'true' });
    const load = require('os').loadavg().map((l) => l.toFixed(2)).join(' ');
    const cpu0 = { app: cpuSeconds(app.pid), pg: postgresCpu(), bench: process.cpuUsage() };
    const r = await submitComplaints({ url: app.url, seconds: SECONDS, concurrency: WRITERS, ipPrefix: '10.9', categories: CATEGORIES });
    const bench = process.cpuUsage(cpu0.bench);
    const perIntake = (s) => (r.accepted ? ((s * 1000) / r.accepted).toFixed(1) : '—');
    const cpu = `CPU per accepted complaint: instance ${perIntake(cpuSeconds(app.pid) - cpu0.app)} ms, Postgres ${perIntake(postgresCpu() - cpu0.pg)} ms, load generator ${perIntake((bench.user + bench.system) / 1e6)} ms`;
    const errors = Object.entries(r.codes).filter(([k]) => k !== '201').reduce((a, [, v]) => a + v, 0);
    const { lost, incomplete } = await check(db, r.refs);
    console.log(`1. intake alone, one production instance on Postgres, ${WRITERS} clients for ${SECONDS} s (load average before: ${load}):`);
    console.log(`   accepted ${r.accepted} of ${r.attempted} (${r.perSecond}/s), p50 ${r.p50} ms, p99 ${r.p99} ms, max ${r.max} ms; answers ${JSON.stringify(r.codes)}; errors ${errors}; lost ${lost}; incomplete (unrouted, timeline or audit seal missing) ${incomplete}`);
    console.log(`   ${cpu}`);
    await app.stop();
    app = null;
    await withStrapi(db.env, async (strapi) => {
      const report = await strapi.plugin('clinic-crm').service('ledger-verify').verify({ rows: false });
      console.log(`   evidence ledger after the run: ${report.ok ? 'chain intact' : `BROKEN ${JSON.stringify(report.firstBroken)}`}`);
      if (!report.ok) process.exitCode = 1;
    });
    if (lost || incomplete) process.exitCode = 1;
  } finally {
    if (app) await app.stop();
    await db.drop();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
