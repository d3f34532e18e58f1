/**
 * A request that cannot get a pooled connection in time (every connection busy or being replaced
 * while the database restarts) is answered 503 with Retry-After once the acquire timeout passes —
 * "nothing was saved, try again" —, not a 500, and nothing of it is stored. Both databases.
 */
import request from 'supertest';
import { bootStrapi, stopStrapi, Booted } from '../helpers/strapi';
import { UID } from '../helpers/fixtures';

let app: Booted;

const ACQUIRE_TIMEOUT_MS = 1500;

beforeAll(async () => {
  // Booted with the tests' acquire timeout: Strapi's bootstrap runs ~70 queries at once (the content
  // manager's layouts), which on a loaded machine wait longer than 1.5 s for one of the 10 connections.
  app = await bootStrapi({ IS_PROXIED: 'true' });
  // then the short wait this test is about (tarn reads it at every acquire)
  app.strapi.db.connection.client.pool.acquireTimeoutMillis = ACQUIRE_TIMEOUT_MS;
});
afterAll(() => stopStrapi(app));

const complaint = (n: number) => ({ name: '排隊', phone: '0911-000-002', category: 'other', description: `連線池滿的時候送出的投訴 #${n}`, consentToContact: true });

it('answers 503 with Retry-After when no connection frees up within the acquire timeout, then recovers', async () => {
  const client = app.strapi.db.connection.client;
  const held: unknown[] = [];
  // every connection the pool may open, held by someone else
  for (let i = 0; i < client.pool.max; i++) held.push(await client.acquireConnection());
  try {
    const started = Date.now();
    const res = await request(app.http).post('/api/clinic-crm/complaints').set('X-Forwarded-For', '10.11.0.1').send(complaint(1));
    expect(Date.now() - started).toBeGreaterThanOrEqual(ACQUIRE_TIMEOUT_MS - 50); // it waited for a connection, then gave up
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body.error).toMatchObject({ status: 503, name: 'ServiceUnavailableError' });
  } finally {
    for (const connection of held) await client.releaseConnection(connection);
  }
  const ok = await request(app.http).post('/api/clinic-crm/complaints').set('X-Forwarded-For', '10.11.0.2').send(complaint(2));
  expect(ok.status).toBe(201);
  const stored = await app.strapi.db.query(UID('complaint')).findMany({ select: ['description'] });
  expect(stored.map((c: any) => c.description)).toEqual([complaint(2).description]);
});
