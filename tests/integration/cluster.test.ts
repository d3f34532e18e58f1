/**
 * The production layout (deploy/nginx/clinic-crm.conf started by scripts/lib/cluster.js): two
 * `strapi start` instances in production mode on one PostgreSQL database behind nginx. The price
 * table is cached by nginx and follows a publish within about 2 s (s-maxage + revalidation); a
 * complaint goes through to an instance, which sees the client's address, not nginx's.
 * PostgreSQL only, by nature: several instances share a database only on PostgreSQL.
 */
import fs from 'fs';
import http from 'http';
import crypto from 'crypto';
import { bootStrapi, stopStrapi, Booted, isPostgres } from '../helpers/strapi';
import { UID, publishTreatment, treatmentData, feeItems } from '../helpers/fixtures';
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { startCluster } = require('../../scripts/lib/cluster');

const multi = isPostgres() ? describe : describe.skip;
if (!isPostgres()) {
  // eslint-disable-next-line no-console
  console.log('cluster.test.ts skipped: several instances share a database only on PostgreSQL (DATABASE_CLIENT=postgres)');
}

/** One request from a given loopback source address (127.0.0.x): the client nginx sees. */
const send = (url: string, opts: { method?: string; from?: string; headers?: Record<string, string>; body?: string } = {}) =>
  new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? 'GET', localAddress: opts.from, headers: opts.headers, timeout: 10_000, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within 10 s`)));
    req.on('error', reject);
    req.end(opts.body);
  });

const complaint = (n: string) =>
  JSON.stringify({ name: `叢集測試 ${n}`, phone: '0911-000-000', category: 'other', description: `經由 nginx 的投訴 #${n},內容足夠長`, consentToContact: true });

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

multi('two instances behind nginx on one PostgreSQL database', () => {
  let app: Booted;
  let strapi: any;
  let cluster: any;
  let treatment: any;
  const key = `cluster:${crypto.randomBytes(32).toString('base64')}`;
  const PRICE_TABLE = '/api/clinic-crm/price-table?locale=zh-Hant';
  const identity = { 'accept-encoding': 'identity' };
  const priceOf = (text: string, slug: string) => {
    const all = JSON.parse(text).data.categories.flatMap((c: any) => c.treatments);
    return all.find((t: any) => t.slug === slug)?.feeItems.find((f: any) => f.code === 'laser')?.amount;
  };

  beforeAll(async () => {
    // this process creates the schema and does the one-time start-up work; it also plays the
    // administrator who publishes (a separate connection to the same database)
    app = await bootStrapi({ CLINIC_CRM_ENCRYPTION_KEYS: key });
    strapi = app.strapi;
    treatment = await publishTreatment(strapi, { slug: 'cluster-pico', name: '叢集皮秒' });
    cluster = await startCluster({
      instances: 2,
      database: app.db.env,
      prepare: 'none',
      // each instance's own cache lives 300 ms here (the other instance's publish reaches it that way)
      env: { CLINIC_CRM_ENCRYPTION_KEYS: key, CLINIC_CRM_CRON_ENABLED: 'false', CLINIC_CRM_PRICE_TABLE_TTL_MS: '300', STRAPI_LOG_LEVEL: 'error' },
      nginxWorkers: 1,
    });
  }, 240_000);

  afterAll(async () => {
    if (cluster) await cluster.stop();
    if (app) await stopStrapi(app);
  }, 60_000);

  it('caches the public price table in nginx: the second answer is a HIT with an instance’s body', async () => {
    const first = await send(cluster.url + PRICE_TABLE, { headers: identity });
    expect(first.status).toBe(200);
    const second = await send(cluster.url + PRICE_TABLE, { headers: identity });
    expect(second.headers['x-cache-status']).toBe('HIT');
    expect(second.headers['cache-control']).toMatch(/s-maxage=1\b/);
    const direct = await send(cluster.instances[0].url + PRICE_TABLE, { headers: identity });
    expect(JSON.parse(second.text)).toEqual(JSON.parse(direct.text));
    expect(priceOf(second.text, 'cluster-pico')).toBe(8000);
    // the encodings the app makes are cached apart: a brotli client gets brotli
    const br = await send(cluster.url + PRICE_TABLE, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
  });

  it('shows a published price through nginx within about 2 s (revalidated with If-None-Match)', async () => {
    expect(priceOf((await send(cluster.url + PRICE_TABLE, { headers: identity })).text, 'cluster-pico')).toBe(8000);
    const publishedAt = Date.now();
    await strapi.documents(UID('treatment')).update({
      documentId: treatment.documentId,
      locale: 'zh-Hant',
      status: 'published',
      data: { ...treatmentData({ slug: 'cluster-pico', name: '叢集皮秒' }), feeItems: feeItems(9100) },
    });
    let seenAfter = -1;
    const statuses = new Set<string>();
    while (Date.now() - publishedAt < 5000) {
      const res = await send(cluster.url + PRICE_TABLE, { headers: identity });
      statuses.add(String(res.headers['x-cache-status']));
      if (priceOf(res.text, 'cluster-pico') === 9100) {
        seenAfter = Date.now() - publishedAt;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    // eslint-disable-next-line no-console
    console.log(`new price through nginx after ${seenAfter} ms (cache statuses seen: ${[...statuses].join(', ')})`);
    expect(seenAfter).toBeGreaterThanOrEqual(0);
    expect(seenAfter).toBeLessThan(3000);
  });

  it('passes a complaint through to an instance: 201 and the row is there', async () => {
    const res = await send(`${cluster.url}/api/clinic-crm/complaints`, { method: 'POST', from: '127.0.0.5', headers: { 'content-type': 'application/json' }, body: complaint('a') });
    expect(res.status).toBe(201);
    const ref = JSON.parse(res.text).data.referenceNumber;
    const row = await strapi.db.query(UID('complaint')).findOne({ where: { referenceNumber: ref } });
    expect(row).toBeTruthy();
  });

  it('the per-address intake limit counts the client nginx saw, and a forged X-Forwarded-For does not escape it', async () => {
    const post = (from: string, n: string, headers: Record<string, string> = {}) =>
      send(`${cluster.url}/api/clinic-crm/complaints`, { method: 'POST', from, headers: { 'content-type': 'application/json', ...headers }, body: complaint(n) });
    // 5 per address per instance by default: the limit is reached within 2 × 5 + 1 submissions
    let limitedAfter = 0;
    for (let i = 1; i <= 11 && !limitedAfter; i += 1) if ((await post('127.0.0.2', `b${i}`)).status === 429) limitedAfter = i;
    expect(limitedAfter).toBeGreaterThan(1);
    // the same client claiming to be someone else is still itself
    expect((await post('127.0.0.2', 'forged', { 'x-forwarded-for': '203.0.113.9' })).status).toBe(429);
    // another client (another source address, through the same nginx) is not limited
    expect((await post('127.0.0.3', 'c1')).status).toBe(201);
  });

  it('stop() leaves no process behind', async () => {
    const pids = [cluster.nginx.pid, ...cluster.instances.map((i: any) => i.pid)];
    const conf = cluster.nginx.conf;
    expect(pids.every(alive)).toBe(true);
    await cluster.stop();
    cluster = null;
    expect(pids.filter(alive)).toEqual([]);
    // nothing runs with the rendered configuration any more (nginx's workers end before its master)
    const left = fs
      .readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .filter((d) => {
        try {
          return fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(conf);
        } catch {
          return false;
        }
      });
    expect(left).toEqual([]);
    expect(fs.existsSync(conf)).toBe(false);
  });
});
