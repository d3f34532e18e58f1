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

const PUBLIC = new Set(['GET /api/clinic-crm/price-table', 'POST /api/clinic-crm/complaints']);
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
