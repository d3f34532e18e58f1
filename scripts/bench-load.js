'use strict';
/**
 * npm run bench:load — the production layout (scripts/lib/cluster.js): two `strapi start` instances
 * in production mode (heap limited to BENCH_HEAP_MB) on PostgreSQL behind nginx
 * (deploy/nginx/clinic-crm.conf); the wrapper starts a throw-away cluster it can restart. Every
 * request goes through nginx.
 * 1. Intake alone: 10 clients submitting complaints for BENCH_INTAKE_S (20 s): accepted/s, latency.
 * 2. Intake under read load: 190 connections reading the price table (3 locales, cached by nginx;
 *    a process of their own: lib/price-table-readers.js)
 *    and 10 submitting complaints for BENCH_DURATION (60 s) after a BENCH_WARMUP_S (20 s) warm-up:
 *    price table req/s and latency, intake p50/p99, errors (non-2xx except deliberate 429,
 *    timeouts, socket errors), lost (acknowledged 201 but missing in the database), RSS of each
 *    instance and of nginx every 5 s.
 * 3. Postgres restarted during a load of complaint submissions: how many were acknowledged (201),
 *    how many answered 503 while it restarted, how many acknowledged ones are missing from the
 *    database afterwards (must be 0), and how long the app took to accept writes again.
 * nginx believes the X-Forwarded-For this script sends (it plays a balancer in front that tells each
 * client's address), so the per-address limits see many clients. Figures, not assertions.
 */
const { execFileSync } = require('child_process');
const { Client } = require('pg');
const { compile, freshDatabase, withStrapi } = require('./lib/bench-app');
const { isBuilt } = require('./lib/build-plugin');
const { startCluster } = require('./lib/cluster');
const { submitComplaints } = require('./lib/intake-load');
const { read: readPriceTable } = require('./lib/price-table-readers');

const DURATION = Number(process.env.BENCH_DURATION || 60);
const WARMUP = Number(process.env.BENCH_WARMUP_S || 20);
const INTAKE_S = Number(process.env.BENCH_INTAKE_S || 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 200);
const WRITERS = 10;
const RESTART_LOAD_S = Number(process.env.BENCH_RESTART_LOAD_S || 20);
/** How many times part 3 restarts Postgres (each with its own load and count). */
const RESTARTS = Number(process.env.BENCH_RESTARTS || 1);
/** Which parts run: "intake,load,restart" (default), or some of them. */
const PARTS = new Set((process.env.BENCH_PARTS || 'intake,load,restart').split(','));
/** No request of this bench waits longer: one that does is counted as a timeout, not waited for. */
const REQUEST_TIMEOUT_MS = Number(process.env.BENCH_REQUEST_TIMEOUT_MS || 30_000);

async function seed(strapi) {
  for (let i = 0; i < 40; i += 1) {
    await strapi.documents('plugin::clinic-crm.treatment').create({
      locale: 'zh-Hant',
      status: 'published',
      data: {
        name: `療程 ${i}`,
        slug: `load-${i}`,
        category: ['laser', 'injectables', 'skin_care', 'peels'][i % 4],
        summary: '效果因人而異,療程前由醫師評估。',
        feeItems: [
          { code: 'main', label: '療程費', kind: 'included', amount: 3000 + i * 10, currency: 'TWD', unit: 'per_session' },
          { code: 'numbing', label: '麻醉藥膏', kind: 'add_on', amount: 300, currency: 'TWD', unit: 'per_session' },
        ],
      },
    });
  }
}

const complaintBody = (n) =>
  JSON.stringify({ name: `負載測試 ${n}`, phone: '0911-000-000', category: 'other', description: `負載測試投訴 #${n},內容足夠長`, consentToContact: true });

const pgRestart = () => {
  const bin = execFileSync('sh', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1']).toString().trim();
  const cmd = [`${bin}/pg_ctl`, '-D', `${process.env.PG_DATA_DIR}/data`, '-w', '-t', '60', '-m', 'fast', 'restart'];
  if (process.getuid() === 0) execFileSync('runuser', ['-u', 'postgres', '--', ...cmd], { stdio: 'ignore' });
  else execFileSync(cmd[0], cmd.slice(1), { stdio: 'ignore' });
};

/** Reference numbers acknowledged with 201 that are not in the database. */
async function missing(db, refs) {
  const pg = new Client({ host: process.env.DATABASE_HOST, port: Number(process.env.DATABASE_PORT), user: process.env.DATABASE_USERNAME, database: db.env.DATABASE_NAME, connectionTimeoutMillis: 10_000, query_timeout: 30_000 });
  await pg.connect();
  try {
    const { rows } = await pg.query('select reference_number from crm_complaints where reference_number = any($1)', [refs]);
    const found = new Set(rows.map((r) => r.reference_number));
    return refs.filter((r) => !found.has(r));
  } finally {
    await pg.end();
  }
}

let stopping = false;
const rssLine = (cluster) => [...cluster.instances.map((i) => `${i.label} ${i.rssMb()} MB`), `nginx ${cluster.nginx.rssMb()} MB`].join(', ');

(async () => {
  if (process.env.DATABASE_CLIENT !== 'postgres' || !process.env.PG_DATA_DIR) throw new Error('run through npm run bench:load (it starts the Postgres cluster it restarts)');
  const db = await freshDatabase('load');
  let cluster;
  try {
    if (process.env.SKIP_BUILD === 'true' && isBuilt()) console.log('[bench] SKIP_BUILD: using the compiled app');
    else {
      console.log('[bench] compiling…');
      await compile();
    }
    // seeding in this process creates the schema: the instances then start together
    await withStrapi(db.env, seed);
    const heap = process.env.BENCH_HEAP_MB || 384;
    cluster = await startCluster({
      instances: 2,
      database: db.env,
      prepare: 'none',
      trustForwardedFrom: ['127.0.0.1'],
      env: {
        CLINIC_CRM_CRON_ENABLED: 'false',
        STRAPI_LOG_LEVEL: 'error',
        // one address reads the price table 190 connections wide: the per-address read limit would measure itself
        CLINIC_CRM_PUBLIC_RATE_LIMIT_MAX: '100000000',
        // a bounded heap, as in a small production container: a leak would show as a crash or a climbing RSS
        NODE_OPTIONS: `${process.env.NODE_OPTIONS || ''} --max-old-space-size=${heap}`.trim(),
      },
    });
    console.log(`[bench] 2 instances (production, heap limit ${heap} MB) behind nginx at ${cluster.url}; RSS ${rssLine(cluster)}`);
    for (const i of cluster.instances) i.child.on('exit', (code, signal) => stopping || console.log(`\n[bench] ${i.label} exited (code ${code}, signal ${signal}); its last output:\n${i.log().split('\n').slice(-40).join('\n')}`));

    if (PARTS.has('intake')) await intakeAlone(cluster, db);
    if (PARTS.has('load')) await sustainedLoad(cluster, db);
    if (PARTS.has('restart')) {
      const rounds = [];
      for (let round = 1; round <= RESTARTS; round += 1) rounds.push(await restartUnderLoad(cluster, db, round));
      if (RESTARTS > 1) {
        const sum = (k) => rounds.reduce((a, r) => a + r[k], 0);
        console.log(`\n   ${RESTARTS} restarts: ${sum('acknowledged')} acknowledged, ${sum('lost')} acknowledged but missing, ${sum('timeouts')} requests cut at ${REQUEST_TIMEOUT_MS} ms, slowest ${Math.max(...rounds.map((r) => r.slowest))} ms`);
      }
      if (rounds.some((r) => r.lost > 0)) process.exitCode = 1;
    }
    // nginx's own errors (an instance that refused or reset a connection: a 502 above)
    const nginxErrors = cluster.nginx.errorLog().split('\n').filter((l) => /\[(error|crit|alert|emerg)\]/.test(l));
    console.log(`\n   nginx error log: ${nginxErrors.length} error lines${nginxErrors.length ? `, last: ${nginxErrors.slice(-3).join(' | ')}` : ''}`);
  } finally {
    stopping = true;
    if (cluster) await cluster.stop();
    await db.drop();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});

const errorsOf = (codes) => Object.entries(codes).filter(([k]) => k !== '201' && k !== '429').reduce((a, [, v]) => a + v, 0);

async function intakeAlone(cluster, db) {
  const r = await submitComplaints({ url: cluster.url, seconds: INTAKE_S, concurrency: WRITERS, ipPrefix: '10.1' });
  const lost = await missing(db, r.refs);
  console.log(`\n1. Intake alone through nginx: ${WRITERS} clients for ${INTAKE_S} s`);
  console.log(`   accepted ${r.accepted} of ${r.attempted} (${r.perSecond}/s), p50 ${r.p50} ms, p99 ${r.p99} ms, max ${r.max} ms; answers ${JSON.stringify(r.codes)}; errors ${errorsOf(r.codes)}; lost ${lost.length}`);
  console.log(`   RSS after: ${rssLine(cluster)}`);
  if (lost.length) process.exitCode = 1;
}

async function sustainedLoad(cluster, db) {
  // 190 connections reading the price table through nginx (autocannon, in a process of its own), 10 clients submitting complaints
  const readers = (duration) => readPriceTable({ url: cluster.url, connections: CONNECTIONS - WRITERS, duration });
  console.log(`\n[bench] ${WARMUP} s of the same load to reach a steady state…`);
  await Promise.all([readers(WARMUP), submitComplaints({ url: cluster.url, seconds: WARMUP, concurrency: WRITERS, ipPrefix: '10.2' })]);
  const series = cluster.instances.map(() => []);
  const nginxSeries = [];
  const sample = () => {
    cluster.instances.forEach((i, k) => series[k].push(i.rssMb()));
    nginxSeries.push(cluster.nginx.rssMb());
  };
  sample();
  const sampler = setInterval(sample, 5000);
  const [result, w] = await Promise.all([readers(DURATION), submitComplaints({ url: cluster.url, seconds: DURATION, concurrency: WRITERS, ipPrefix: '10.3' })]);
  clearInterval(sampler);
  sample();
  const lost = await missing(db, w.refs);
  const non2xx = result.non2xx || 0;
  console.log(`\n2. ${CONNECTIONS} concurrent clients through nginx for ${DURATION} s after a ${WARMUP} s warm-up: ${CONNECTIONS - WRITERS} reading the price table (3 locales), ${WRITERS} submitting complaints`);
  console.log(`   price table: ${result.requests.total} requests, ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms; errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${non2xx}`);
  console.log(`   intake under the read load: accepted ${w.accepted} of ${w.attempted} (${w.perSecond}/s), p50 ${w.p50} ms, p99 ${w.p99} ms, max ${w.max} ms; answers ${JSON.stringify(w.codes)}; errors ${errorsOf(w.codes)}; lost ${lost.length}`);
  const avg = (a) => Math.round(a.reduce((x, y) => x + y, 0) / Math.max(1, a.length));
  cluster.instances.forEach((i, k) => {
    const s = series[k];
    const half = Math.ceil(s.length / 2);
    console.log(`   RSS ${i.label} every 5 s (MB): ${s.join(' ')} — mean first half ${avg(s.slice(0, half))}, second half ${avg(s.slice(half))}, max ${Math.max(...s)}`);
  });
  console.log(`   RSS nginx (master + workers) every 5 s (MB): ${nginxSeries.join(' ')}`);
  if (lost.length) process.exitCode = 1;
}

/** Postgres restarted (pg_ctl restart -m fast) during a load of complaint submissions through nginx, 20 concurrent. */
async function restartUnderLoad(cluster, db, round) {
  const acknowledged = [];
  const statuses = {};
  let stop = false;
  let restartedAt = 0;
  let firstAckAfterRestart = 0;
  let slowest = 0;
  let timeouts = 0;
  let m = 0;
  const worker = async () => {
    while (!stop) {
      m += 1;
      const mine = m;
      const t = Date.now();
      try {
        const res = await fetch(`${cluster.url}/api/clinic-crm/complaints`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': `172.${16 + round}.${(mine >> 8) & 255}.${mine & 255}` }, body: complaintBody(`R${round}-${mine}`), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
        statuses[res.status] = (statuses[res.status] || 0) + 1;
        if (res.status === 201) {
          acknowledged.push((await res.json()).data.referenceNumber);
          if (restartedAt && !firstAckAfterRestart) firstAckAfterRestart = Date.now();
        } else await res.arrayBuffer();
      } catch (e) {
        const kind = e.name === 'TimeoutError' ? 'timeout' : 'network';
        if (kind === 'timeout') timeouts += 1;
        statuses[kind] = (statuses[kind] || 0) + 1;
      }
      slowest = Math.max(slowest, Date.now() - t);
    }
  };
  const workers = Array.from({ length: 20 }, worker);
  await new Promise((r) => setTimeout(r, Math.round((RESTART_LOAD_S * 1000) / 3)));
  const beforeRestart = acknowledged.length;
  const t0 = Date.now();
  pgRestart();
  restartedAt = Date.now();
  const restartMs = restartedAt - t0;
  await new Promise((r) => setTimeout(r, Math.round((RESTART_LOAD_S * 2000) / 3)));
  stop = true;
  await Promise.all(workers);
  const lost = await missing(db, acknowledged);
  console.log(`\n3.${round} Postgres restarted (pg_ctl restart -m fast, ${restartMs} ms) during ${RESTART_LOAD_S} s of complaint submissions, 20 concurrent`);
  console.log(`   submissions ${m}, acknowledged 201: ${acknowledged.length} (${beforeRestart} before the restart); statuses ${JSON.stringify(statuses)}; slowest ${slowest} ms`);
  console.log(`   acknowledged but missing afterwards: ${lost.length}${lost.length ? ` (${lost.slice(0, 5).join(', ')})` : ''}`);
  console.log(`   writes accepted again ${firstAckAfterRestart ? firstAckAfterRestart - restartedAt : 'never'} ms after the cluster was back (no app restart)`);
  console.log(`   RSS after: ${rssLine(cluster)}`);
  return { acknowledged: acknowledged.length, lost: lost.length, timeouts, slowest };
}
