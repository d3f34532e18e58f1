'use strict';
/**
 * npm run bench:price-table
 * Seeds 200 published treatments × 6 fee items (SQLite, or Postgres with DATABASE_CLIENT=postgres),
 * starts the app in production mode and measures with autocannon on 127.0.0.1, in one run:
 *   (a) stock Strapi REST listing with fee items populated,
 *   (b) GET /api/clinic-crm/price-table,
 *   (c) a route answering a fixed prebuilt body (the Koa pipeline's ceiling).
 * Prints req/s, p50 and p99 for each, and the ratios b/a and b/c. Figures, not assertions.
 */
const autocannon = require('autocannon');
const { compile, freshDatabase, withStrapi, startProduction } = require('./lib/bench-app');

const TREATMENTS = Number(process.env.BENCH_TREATMENTS || 200);
const DURATION = Number(process.env.BENCH_DURATION || 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 20);
const UNITS = ['per_session', 'per_area', 'per_unit', 'per_syringe', 'one_off', 'per_session'];
const CATEGORIES = ['laser', 'injectables', 'energy_devices', 'skin_care', 'peels', 'body_contouring', 'hair_removal'];

async function seed(strapi) {
  const started = Date.now();
  for (let i = 0; i < TREATMENTS; i += 1) {
    await strapi.documents('plugin::clinic-crm.treatment').create({
      locale: 'zh-Hant',
      status: 'published',
      data: {
        name: `療程 ${String(i).padStart(3, '0')}`,
        slug: `bench-${i}`,
        category: CATEGORIES[i % CATEGORIES.length],
        summary: '效果因人而異,療程前由醫師評估。',
        recoveryPeriod: '約1至3天',
        risksAndSideEffects: '短暫泛紅、腫脹',
        internalNotes: 'internal',
        feeItems: UNITS.map((unit, j) => ({
          code: `fee-${j}`,
          label: `收費項目 ${j}`,
          kind: j < 3 ? 'included' : 'add_on',
          amount: 500 + 100 * j + i,
          currency: 'TWD',
          unit,
        })),
      },
    });
  }
  // The stock listing needs the public role to read treatments (bench database only).
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  await strapi.db.query('plugin::users-permissions.permission').create({ data: { action: 'plugin::clinic-crm.treatment.find', role: role.id } });
  return Date.now() - started;
}

// What a browser sends: the website's visitors get the compressed table.
const HEADERS = { 'accept-encoding': 'gzip, deflate, br', accept: 'application/json' };

const measure = async (title, url) => {
  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers: HEADERS }); // warm-up
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers: HEADERS });
  const errors = r.errors + r.timeouts + (r.non2xx || 0);
  return { title, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors, bytes: Math.round(r.throughput.average) };
};

(async () => {
  const db = await freshDatabase('price');
  let app;
  try {
    console.log(`[bench] compiling…`);
    await compile();
    console.log(`[bench] seeding ${TREATMENTS} published treatments × 6 fee items on ${db.env.DATABASE_CLIENT}…`);
    const seedMs = await withStrapi(db.env, seed);
    console.log(`[bench] seeded in ${(seedMs / 1000).toFixed(1)} s; starting production server…`);
    app = await startProduction(db.env, { CLINIC_CRM_BENCH_ROUTES: 'true' });

    const sizes = {};
    for (const [k, p] of Object.entries({ a: '/api/clinic-crm/treatments?populate=feeItems&pagination[pageSize]=100', b: '/api/clinic-crm/price-table', c: '/api/clinic-crm/ping' })) {
      const res = await fetch(app.url + p, { headers: HEADERS });
      if (res.status !== 200) throw new Error(`${p} answered ${res.status}`);
      const raw = Buffer.from(await res.arrayBuffer()).length;
      sizes[k] = `${raw} bytes decoded${res.headers.get('content-encoding') ? ` (${res.headers.get('content-encoding')} on the wire)` : ''}`;
    }
    const c = await measure('(c) fixed prebuilt body (pipeline ceiling)', `${app.url}/api/clinic-crm/ping`);
    const b = await measure('(b) /api/clinic-crm/price-table (all 200 treatments)', `${app.url}/api/clinic-crm/price-table`);
    // The stock listing last: its slow requests (seconds at p99) would otherwise still be
    // running on the server while (b) and (c) are measured.
    const a = await measure('(a) stock REST /api/clinic-crm/treatments?populate=feeItems&pageSize=100', `${app.url}/api/clinic-crm/treatments?populate=feeItems&pagination[pageSize]=100`);

    console.log(`\nprice-table benchmark — ${db.env.DATABASE_CLIENT}, ${TREATMENTS} treatments × 6 fee items, ${CONNECTIONS} connections, ${DURATION} s each, production mode`);
    for (const [k, r] of [['a', a], ['b', b], ['c', c]]) {
      console.log(`${r.title}\n    ${r.rps.toFixed(0)} req/s   p50 ${r.p50} ms   p99 ${r.p99} ms   errors ${r.errors}   ${(r.bytes / 1024 / 1024).toFixed(1)} MB/s   body ${sizes[k]}`);
    }
    console.log(`ratio b/a = ${(b.rps / a.rps).toFixed(1)}   (goal ≥ 15)`);
    console.log(`ratio b/c = ${(b.rps / c.rps).toFixed(2)}  (goal ≥ 0.8)`);
    console.log(`p99 of b  = ${b.p99} ms   (goal ≤ 50 ms)`);
  } finally {
    if (app) await app.stop();
    await db.drop();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
