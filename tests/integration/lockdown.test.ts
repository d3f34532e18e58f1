/**
 * Walks every route Strapi registers under /api and /clinic-crm and asserts that an anonymous
 * caller is refused everywhere except the two public endpoints (and users-permissions' own
 * login flow).
 */
import request from 'supertest';
import { bootStrapi, stopStrapi, Booted } from '../helpers/strapi';

let app: Booted;
let strapi: any;

beforeAll(async () => {
  app = await bootStrapi();
  strapi = app.strapi;
});
afterAll(() => stopStrapi(app));

// the price table, complaint intake, and the survey routes that work only with a single-use token
const PUBLIC = new Set(['GET /api/clinic-crm/price-table', 'POST /api/clinic-crm/complaints', 'POST /api/clinic-crm/surveys/lookup', 'POST /api/clinic-crm/surveys/answer']);
// users-permissions' login/registration flow is public by design in Strapi
const isAuthFlow = (path: string) => /^\/api\/(auth|connect)\//.test(path);

it('every non-public route refuses anonymous callers', async () => {
  const routes: Array<{ method: string; path: string }> = [];
  for (const layer of strapi.server.router.stack) {
    for (const method of layer.methods.filter((m: string) => m !== 'HEAD')) routes.push({ method, path: layer.path });
  }
  const ours = routes.filter((r) => r.path.startsWith('/api/') || r.path.startsWith('/clinic-crm/'));
  expect(ours.length).toBeGreaterThan(80);
  const open: string[] = [];
  for (const r of ours) {
    const key = `${r.method} ${r.path}`;
    if (PUBLIC.has(key) || isAuthFlow(r.path)) continue;
    const url = r.path.replace(/:[A-Za-z]+/g, 'abc123def456ghi789jkl012');
    const res = await (request(app.http) as any)[r.method.toLowerCase()](url).send({ data: {} });
    if (![401, 403].includes(res.status)) open.push(`${key} → ${res.status}`);
  }
  expect(open).toEqual([]);
  // staff accounts come from administrators: public self-registration is off
  const register = await request(app.http).post('/api/auth/local/register').send({ username: 'intruder', email: 'intruder@example.com', password: 'Password-1234' });
  expect([400, 403]).toContain(register.status);
  expect(await strapi.db.query('plugin::users-permissions.user').count({ where: { email: 'intruder@example.com' } })).toBe(0);
  // and the public ones answer
  expect((await request(app.http).get('/api/clinic-crm/price-table')).status).toBe(200);
  expect((await request(app.http).post('/api/clinic-crm/complaints').send({ data: {} })).status).toBe(400);
});

describe('headers, CORS and rate limits', () => {
  it('sends security headers and does not announce the server', async () => {
    for (const url of ['/api/clinic-crm/price-table', '/price-table.html', '/admin/init']) {
      const res = await request(app.http).get(url);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000; includeSubDomains/);
      expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self'");
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('answers CORS only for the configured website origins', async () => {
    const allowed = await request(app.http).get('/api/clinic-crm/price-table').set('Origin', 'http://localhost:1337');
    expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:1337');
    const evil = await request(app.http).get('/api/clinic-crm/price-table').set('Origin', 'https://evil.example');
    expect(evil.headers['access-control-allow-origin']).not.toBe('https://evil.example');
    expect(evil.headers['access-control-allow-origin'] ?? '').not.toBe('*');
    const preflight = await request(app.http).options('/api/clinic-crm/complaints').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-origin'] ?? '').not.toBe('https://evil.example');
  });

  it('limits the public price table per address', async () => {
    const saved = strapi.config.get('plugin::clinic-crm.publicRateLimit');
    // a changed limit counts afresh (earlier tests in this file read the table under the default one)
    strapi.config.set('plugin::clinic-crm.publicRateLimit', { max: 3, windowMs: 60_000 });
    try {
      const answers = [];
      for (let i = 0; i < 5; i++) answers.push(await request(app.http).get('/api/clinic-crm/price-table?locale=en&x=' + i));
      const statuses = answers.map((a) => a.status);
      expect(statuses.slice(0, 3).every((s) => s === 200 || s === 304)).toBe(true);
      expect(statuses.slice(3)).toEqual([429, 429]);
      expect(answers.map((a) => a.headers['ratelimit-remaining'])).toEqual(['2', '1', '0', '0', '0']);
      expect(answers[0].headers['ratelimit-limit']).toBe('3');
      const res = await request(app.http).get('/api/clinic-crm/price-table');
      expect(res.status).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(res.body.error.name).toBe('RateLimitError');
    } finally {
      strapi.config.set('plugin::clinic-crm.publicRateLimit', saved);
    }
  });

  it('limits admin and API login attempts', async () => {
    const admin: number[] = [];
    for (let i = 0; i < 7; i++) admin.push((await request(app.http).post('/admin/login').send({ email: 'guess@clinic.local', password: `wrong-${i}` })).status);
    expect(admin.slice(0, 5).every((s) => s === 400)).toBe(true);
    expect(admin.slice(5)).toEqual([429, 429]);
    const api: number[] = [];
    for (let i = 0; i < 12; i++) api.push((await request(app.http).post('/api/auth/local').send({ identifier: 'guess@clinic.local', password: `wrong-${i}` })).status);
    expect(api).toContain(429);
    expect(api.filter((s) => s >= 500)).toEqual([]);
  });
});

describe('private fields through staff routes', () => {
  it('cannot be read, filtered, sorted or populated through the content API', async () => {
    const { grant, apiUser } = await import('../helpers/auth');
    const { clientData, publishTreatment, signConsent, UID } = await import('../helpers/fixtures');
    await grant(strapi, 'authenticated', ['plugin::clinic-crm.client.find', 'plugin::clinic-crm.treatment-record.find', 'plugin::clinic-crm.complaint.find']);
    const staff = await apiUser(strapi);
    const client = await strapi.documents(UID('client')).create({ data: clientData({ allergies: '盤尼西林', notes: '機密備註' }) });
    const t = await publishTreatment(strapi);
    await signConsent(strapi, client, t);
    await strapi.documents(UID('treatment-record')).create({ data: { recordNumber: `TR-LOCK-${Date.now()}`, client: client.documentId, treatment: t.documentId, performedAt: new Date().toISOString(), notes: '臨床紀錄' } });
    const get = (url: string) => request(app.http).get(url).set(staff.auth);

    const list = await get('/api/clinic-crm/clients?fields[0]=fullName&fields[1]=allergies');
    expect(list.status === 200 || list.status === 400).toBe(true);
    expect(JSON.stringify(list.body)).not.toContain('盤尼西林');
    for (const url of [
      '/api/clinic-crm/clients?filters[allergies][$startsWith]=盤',
      '/api/clinic-crm/clients?filters[notes][$notNull]=true',
      '/api/clinic-crm/clients?sort=allergies:asc',
      '/api/clinic-crm/treatment-records?filters[client][allergies][$contains]=盤',
      '/api/clinic-crm/treatment-records?filters[notes][$contains]=臨床',
      '/api/clinic-crm/complaints?filters[description][$contains]=x',
      '/api/clinic-crm/complaints?filters[contactPhone][$notNull]=true',
    ]) {
      const res = await get(url);
      expect([400, 403]).toContain(res.status);
    }
    const populated = await get('/api/clinic-crm/treatment-records?populate=client');
    expect(populated.status).toBe(200);
    const text = JSON.stringify(populated.body);
    expect(text).toContain(client.clientNumber);
    for (const secret of ['盤尼西林', '機密備註', '臨床紀錄']) expect(text).not.toContain(secret);
    const deep = await get('/api/clinic-crm/treatment-records?populate[client][fields][0]=allergies');
    expect(JSON.stringify(deep.body)).not.toContain('盤尼西林');
  });
});
