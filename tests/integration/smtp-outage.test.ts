/**
 * The bar of the follow-up issue: a two-minute SMTP outage loses nothing. The dispatcher runs
 * as the cron would (a tick every second here), the server refuses connections for 120 s of real
 * time, then comes back; every notification arrives exactly once.
 */
import { bootStrapi, stopStrapi, Booted } from '../helpers/strapi';
import { Inbox } from '../helpers/smtp';

let app: Booted;
let strapi: any;
let inbox: Inbox;
const OUTAGE_MS = 120_000;

beforeAll(async () => {
  inbox = await Inbox.start();
  app = await bootStrapi({ SMTP_PORT: String(inbox.port), EMAIL_FROM: 'Clinic CRM <no-reply@clinic.test>' });
  strapi = app.strapi;
});
afterAll(async () => {
  await stopStrapi(app);
  await inbox.stop();
});

it('a 2-minute SMTP outage: retries with backoff and delivers all 50 notifications exactly once afterwards', async () => {
  const cfg = strapi.config.get('plugin::clinic-crm.dispatch');
  // the production shape (exponential, capped) on a shorter scale so that the test ends soon after recovery
  strapi.config.set('plugin::clinic-crm.dispatch', { ...cfg, retry: { baseDelayMs: 5_000, maxDelayMs: 20_000, maxAttempts: 30 } });
  try {
    const outbox = strapi.plugin('clinic-crm').service('outbox');
    await outbox.enqueueMany(
      Array.from({ length: 50 }, (_, i) => ({
        key: `outage:${i}`,
        template: 'follow_up_due',
        language: 'zh-Hant',
        recipientEmail: `staff${i % 5}@clinic.test`,
        payload: { assignee: { name: 'x' }, client: { name: `客戶${i}` }, treatment: { name: '皮秒' }, step: { label: '24h' }, task: { purpose: 'p' }, record: {}, links: {} },
      }))
    );
    await inbox.stop();
    const dispatcher = strapi.plugin('clinic-crm').service('dispatcher');
    const started = Date.now();
    let recovered = false;
    const attemptsDuringOutage: number[] = [];
    while (Date.now() - started < OUTAGE_MS + 90_000) {
      if (!recovered && Date.now() - started >= OUTAGE_MS) {
        const rows = await strapi.db.query('plugin::clinic-crm.notification').findMany({ where: { idempotencyKey: { $startsWith: 'outage:' } } });
        attemptsDuringOutage.push(...rows.map((r: any) => r.attempts));
        expect(rows.every((r: any) => r.deliveryStatus === 'pending')).toBe(true); // none given up, none lost
        await inbox.listen();
        recovered = true;
      }
      await dispatcher.drain();
      if (recovered && new Set(inbox.messages.map((m) => m.messageId)).size === 50) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(recovered).toBe(true);
    // backoff: a handful of attempts in two minutes, not one per tick
    expect(Math.max(...attemptsDuringOutage)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...attemptsDuringOutage)).toBeLessThanOrEqual(10);
    const ids = inbox.messages.map((m) => m.messageId);
    expect(ids).toHaveLength(50);
    expect(new Set(ids).size).toBe(50);
    expect(await strapi.db.query('plugin::clinic-crm.notification').count({ where: { idempotencyKey: { $startsWith: 'outage:' }, deliveryStatus: 'sent' } })).toBe(50);
  } finally {
    strapi.config.set('plugin::clinic-crm.dispatch', cfg);
  }
}, 300_000);
