/**
 * Shutdown always finishes: strapi.destroy() — what `strapi start` runs on SIGTERM, what every
 * test file and benchmark runs at the end — completes within the configured bound even when a
 * dispatch is stuck on an SMTP server that never answers, or (Postgres) a query is still running
 * on a pooled connection. Without the bound, destroy() waited for them forever and jest never exited.
 */
import net from 'net';
import { bootStrapi, Booted, isPostgres } from '../helpers/strapi';
import { UID } from '../helpers/fixtures';

const SHUTDOWN_MS = 2000;
let app: Booted | undefined;
let silent: net.Server;
const sockets = new Set<net.Socket>();

beforeAll(async () => {
  // accepts SMTP connections and never says a word (no greeting): a sender waits on it
  silent = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
  app = await bootStrapi({
    SMTP_PORT: String((silent.address() as net.AddressInfo).port),
    SMTP_POOL: 'false',
    SMTP_CONNECTION_TIMEOUT: '60000',
    SMTP_GREETING_TIMEOUT: '60000',
    CLINIC_CRM_SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_MS),
  });
});
afterAll(async () => {
  // normally destroyed by the test; only a failed test leaves it here
  if (app) await app.strapi.destroy().catch(() => undefined);
  await app?.db.drop().catch(() => undefined);
  for (const s of sockets) s.destroy();
  await new Promise((r) => silent.close(r));
});

it('destroy() finishes within the bound while a dispatch waits on a silent SMTP server and a query is running', async () => {
  const strapi = app!.strapi;
  await strapi.db.query(UID('notification')).create({
    data: { idempotencyKey: 'shutdown:1', recipientEmail: 'nurse@clinic.test', template: 'follow_up_due', language: 'zh-Hant', payload: {}, deliveryStatus: 'pending', attempts: 0, nextAttemptAt: new Date(Date.now() - 1000) },
  });
  const dispatching = strapi.plugin('clinic-crm').service('dispatcher').drain();
  // wait until the message is claimed and its SMTP connection is open (and silent)
  for (let i = 0; i < 100 && sockets.size === 0; i++) await new Promise((r) => setTimeout(r, 50));
  expect(sockets.size).toBeGreaterThan(0);

  let longQuery: Promise<unknown> | null = null;
  if (isPostgres()) {
    longQuery = strapi.db.connection.raw('select pg_sleep(25)').then(
      () => 'finished',
      (e: Error) => e.message
    );
    await new Promise((r) => setTimeout(r, 200));
  }

  const started = Date.now();
  await strapi.destroy();
  const took = Date.now() - started;
  const booted = app!;
  app = undefined;
  await booted.db.drop();

  // the dispatch and the pool each get SHUTDOWN_MS; the pool then has its sockets closed (2 s more at most)
  expect(took).toBeLessThan(SHUTDOWN_MS * 2 + 2500);
  if (longQuery) expect(await longQuery).not.toBe('finished');
  // the silent server lets go: the abandoned send fails and must not throw anywhere unhandled. The
  // claimed message stays claimed under its lease; another instance takes it over when the lease ends.
  for (const s of sockets) s.destroy();
  await dispatching.catch(() => undefined);
});
