'use strict';
/**
 * npm run bench:load — on PostgreSQL (the wrapper starts a throw-away cluster it can restart).
 * 1. 200 concurrent connections on public endpoints for 60 s (price table in three locales, plus
 *    complaint submissions from many client addresses), production mode; the app's RSS is sampled
 *    every 5 s. Prints requests/s, latency, errors (non-2xx except deliberate 400/429, timeouts,
 *    socket errors) and the memory series.
 * 2. Postgres restarted during a load of complaint submissions: prints how many were acknowledged
 *    (201), how many answered 503 while it restarted, how many acknowledged ones are missing from
 *    the database afterwards (must be 0), and how long the app took to accept writes again.
 * Figures, not assertions.
 */
const { execFileSync } = require('child_process');
const autocannon = require('autocannon');
const { Client } = require('pg');
const { APP_DIR, compile, freshDatabase, withStrapi, startProduction, rssMb } = require('./lib/bench-app');

const DURATION = Number(process.env.BENCH_DURATION || 60);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 200);
const RESTART_LOAD_S = Number(process.env.BENCH_RESTART_LOAD_S || 20);
/** How many times part 2 restarts Postgres (each with its own load and count). */
const RESTARTS = Number(process.env.BENCH_RESTARTS || 1);
/** Which parts run: "load,restart" (default), or one of them. */
const PARTS = new Set((process.env.BENCH_PARTS || 'load,restart').split(','));
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

let ipSeq = 0;
const nextIp = () => {
  ipSeq += 1;
  return `10.${(ipSeq >> 16) & 255}.${(ipSeq >> 8) & 255}.${ipSeq & 255}`;
};
const complaintBody = (n) =>
  JSON.stringify({ name: `負載測試 ${n}`, phone: '0911-000-000', category: 'other', description: `負載測試投訴 #${n},內容足夠長`, consentToContact: true });

const pgRestart = () => {
  const bin = execFileSync('sh', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1']).toString().trim();
  const cmd = [`${bin}/pg_ctl`, '-D', `${process.env.PG_DATA_DIR}/data`, '-w', '-t', '60', '-m', 'fast', 'restart'];
  if (process.getuid() === 0) execFileSync('runuser', ['-u', 'postgres', '--', ...cmd], { stdio: 'ignore' });
  else execFileSync(cmd[0], cmd.slice(1), { stdio: 'ignore' });
};

(async () => {
  if (process.env.DATABASE_CLIENT !== 'postgres' || !process.env.PG_DATA_DIR) throw new Error('run through npm run bench:load (it starts the Postgres cluster it restarts)');
  const db = await freshDatabase('load');
  let app;
  try {
    console.log('[bench] compiling…');
    await compile();
    await withStrapi(db.env, seed);
    // a bounded heap, as in a small production container: a leak would show as a crash or a climbing RSS
    app = await startProduction(db.env, { IS_PROXIED: 'true', NODE_OPTIONS: `--max-old-space-size=${process.env.BENCH_HEAP_MB || 384}` });
    let appOutput = '';
    // the app's whole output is kept in a file: a 500 or a crash can be read there afterwards
    const logFile = require('path').join(APP_DIR, '.tmp', 'bench-load-app.log');
    require('fs').mkdirSync(require('path').dirname(logFile), { recursive: true });
    const appLog = require('fs').createWriteStream(logFile);
    console.log(`[bench] the app's output: ${logFile}`);
    app.child.stdout.on('data', (d) => { appOutput = (appOutput + d).slice(-20000); appLog.write(d); });
    app.child.stderr.on('data', (d) => { appOutput = (appOutput + d).slice(-20000); appLog.write(d); });
    app.child.on('exit', (code, signal) => console.log(`\n[bench] the app exited (code ${code}, signal ${signal}); its last output:\n${appOutput.split('\n').slice(-40).join('\n')}`));
    console.log(`[bench] production server pid ${app.pid}, RSS ${rssMb(app.pid)} MB`);

    if (PARTS.has('load')) await sustainedLoad(app);

    if (PARTS.has('restart')) {
      const rounds = [];
      for (let round = 1; round <= RESTARTS; round += 1) rounds.push(await restartUnderLoad(app, db, round));
      if (RESTARTS > 1) {
        const sum = (k) => rounds.reduce((a, r) => a + r[k], 0);
        console.log(`\n   ${RESTARTS} restarts: ${sum('acknowledged')} acknowledged, ${sum('lost')} acknowledged but missing, ${sum('timeouts')} requests cut at ${REQUEST_TIMEOUT_MS} ms, slowest ${Math.max(...rounds.map((r) => r.slowest))} ms`);
      }
      if (rounds.some((r) => r.lost > 0)) process.exitCode = 1;
    }
  } finally {
    if (app) await app.stop();
    await db.drop();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});

async function sustainedLoad(app) {
  // ---- 1. sustained public load: 190 connections reading the price table (autocannon) and 10
  // clients submitting complaints (their own latency measured), 200 concurrent in all
  const WRITERS = 10;
  const locales = ['zh-Hant', 'zh-Hans', 'en'];
  let n = 0;
  const readerOptions = (duration) => ({
    url: app.url,
    connections: CONNECTIONS - WRITERS,
    duration,
    timeout: 30,
    requests: [{ setupRequest: (req) => { n += 1; return { ...req, method: 'GET', path: `/api/clinic-crm/price-table?locale=${locales[n % 3]}`, headers: { 'accept-encoding': 'gzip, br', 'x-forwarded-for': nextIp() } }; } }],
  });
  const writers = (seconds) => {
    const latencies = [];
    const codes = {};
    const until = Date.now() + seconds * 1000;
    let w = 0;
    const one = async () => {
      while (Date.now() < until) {
        w += 1;
        const t = Date.now();
        try {
          const res = await fetch(`${app.url}/api/clinic-crm/complaints`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': nextIp() }, body: complaintBody(`L${w}`), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
          await res.arrayBuffer();
          codes[res.status] = (codes[res.status] || 0) + 1;
        } catch (e) {
          codes[e.name] = (codes[e.name] || 0) + 1;
        }
        latencies.push(Date.now() - t);
      }
    };
    return Promise.all(Array.from({ length: WRITERS }, one)).then(() => {
      latencies.sort((a, b) => a - b);
      const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
      return { count: latencies.length, p50: q(0.5), p99: q(0.99), max: latencies[latencies.length - 1] ?? 0, codes };
    });
  };
  console.log('[bench] 20 s of the same load to reach a steady state…');
  await Promise.all([autocannon(readerOptions(20)), writers(20)]);
  const rss = [rssMb(app.pid)];
  const sampler = setInterval(() => rss.push(rssMb(app.pid)), 5000);
  const [result, w] = await Promise.all([autocannon(readerOptions(DURATION)), writers(DURATION)]);
  clearInterval(sampler);
  rss.push(rssMb(app.pid));
  const non2xx = result.non2xx || 0;
  console.log(`\n1. ${CONNECTIONS} concurrent clients for ${DURATION} s after a 20 s warm-up, production (heap limit ${process.env.BENCH_HEAP_MB || 384} MB), Postgres: ${CONNECTIONS - WRITERS} reading the price table (3 locales), ${WRITERS} submitting complaints`);
  console.log(`   price table: ${result.requests.total} requests, ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms; errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${non2xx}`);
  console.log(`   complaints: ${w.count} submissions (${(w.count / DURATION).toFixed(1)}/s), p50 ${w.p50} ms, p99 ${w.p99} ms, max ${w.max} ms; answers ${JSON.stringify(w.codes)}`);
  console.log(`   RSS every 5 s (MB): ${rss.join(' ')}`);
  const firstHalf = rss.slice(0, Math.ceil(rss.length / 2));
  const secondHalf = rss.slice(Math.ceil(rss.length / 2));
  const avg = (a) => Math.round(a.reduce((x, y) => x + y, 0) / Math.max(1, a.length));
  console.log(`   RSS mean first half ${avg(firstHalf)} MB, second half ${avg(secondHalf)} MB, max ${Math.max(...rss)} MB`);
}

/** Postgres restarted (pg_ctl restart -m fast) during a load of complaint submissions, 20 concurrent. */
async function restartUnderLoad(app, db, round) {
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
        const res = await fetch(`${app.url}/api/clinic-crm/complaints`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': nextIp() }, body: complaintBody(`R${round}-${mine}`), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
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
  const pg = new Client({ host: process.env.DATABASE_HOST, port: Number(process.env.DATABASE_PORT), user: process.env.DATABASE_USERNAME, database: db.env.DATABASE_NAME, connectionTimeoutMillis: 10_000, query_timeout: 30_000 });
  await pg.connect();
  const { rows } = await pg.query('select reference_number from crm_complaints where reference_number = any($1)', [acknowledged]);
  await pg.end();
  const found = new Set(rows.map((r) => r.reference_number));
  const lost = acknowledged.filter((r) => !found.has(r));
  console.log(`\n2.${round} Postgres restarted (pg_ctl restart -m fast, ${restartMs} ms) during ${RESTART_LOAD_S} s of complaint submissions, 20 concurrent`);
  console.log(`   submissions ${m}, acknowledged 201: ${acknowledged.length} (${beforeRestart} before the restart); statuses ${JSON.stringify(statuses)}; slowest ${slowest} ms`);
  console.log(`   acknowledged but missing afterwards: ${lost.length}${lost.length ? ` (${lost.slice(0, 5).join(', ')})` : ''}`);
  console.log(`   writes accepted again ${firstAckAfterRestart ? firstAckAfterRestart - restartedAt : 'never'} ms after the cluster was back (no app restart)`);
  console.log(`   app RSS after: ${rssMb(app.pid)} MB`);
  return { acknowledged: acknowledged.length, lost: lost.length, timeouts, slowest };
}
