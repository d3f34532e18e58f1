/**
 * The bar for webhooks: the receiver down for two minutes of real time while notices are
 * due loses nothing. The dispatcher runs as the cron would (a tick every second, backoff shortened
 * through the plugin's config); afterwards every webhook arrives exactly once, correctly signed.
 */
import { bootStrapi, stopStrapi, Booted } from '../helpers/strapi';
import { Inbox } from '../helpers/smtp';
import { UID, staffData } from '../helpers/fixtures';
import { WebhookReceiver } from '../helpers/webhook-receiver';

let app: Booted;
let strapi: any;
let inbox: Inbox;
let receiver: WebhookReceiver;
const OUTAGE_MS = 120_000;
const N = 30;

beforeAll(async () => {
  inbox = await Inbox.start();
  receiver = await WebhookReceiver.start();
  app = await bootStrapi({ SMTP_PORT: String(inbox.port), EMAIL_FROM: 'Clinic CRM <no-reply@clinic.test>' });
  strapi = app.strapi;
});
afterAll(async () => {
  await stopStrapi(app);
  await inbox.stop();
  await receiver.stop();
});

it('a 2-minute receiver outage: retries with backoff, then every webhook delivered exactly once', async () => {
  const cfg = strapi.config.get('plugin::clinic-crm.dispatch');
  strapi.config.set('plugin::clinic-crm.dispatch', { ...cfg, retry: { baseDelayMs: 5_000, maxDelayMs: 20_000, maxAttempts: 30 } });
  try {
    const nurse = await strapi.documents(UID('staff-member')).create({ data: staffData({ fullName: '李淑芬', department: 'nurse' }) });
    const channel = await strapi.documents(UID('webhook-channel')).create({ data: { name: 'nurse', url: receiver.url('/hook'), scope: 'staff', staffMember: { connect: [{ documentId: nurse.documentId }] }, enabled: true } });
    const secret = await strapi.plugin('clinic-crm').service('webhook-channels').reveal(channel.documentId);
    receiver.expect('/hook', secret);
    await receiver.stop();
    await strapi.plugin('clinic-crm').service('outbox').enqueueMany(
      Array.from({ length: N }, (_, i) => ({
        key: `outage:${i}`,
        template: 'operations_reminder',
        language: 'zh-Hant',
        recipientEmail: nurse.email,
        recipientStaff: nurse.id,
        payload: { recipient: { name: '李淑芬' }, reminder: { subject: `提醒 ${i}`, body: `第 ${i} 則` }, links: { admin: 'https://crm.test/x' } },
      }))
    );
    const dispatcher = strapi.plugin('clinic-crm').service('dispatcher');
    const started = Date.now();
    let recovered = false;
    const webhookRows = () => strapi.db.query(UID('notification')).findMany({ where: { idempotencyKey: { $startsWith: 'outage:' }, channel: 'webhook' } });
    while (Date.now() - started < OUTAGE_MS + 90_000) {
      if (!recovered && Date.now() - started >= OUTAGE_MS) {
        const rows = await webhookRows();
        expect(rows).toHaveLength(N);
        expect(rows.every((r: any) => r.deliveryStatus === 'pending')).toBe(true); // none given up, none lost
        expect(Math.max(...rows.map((r: any) => r.attempts))).toBeGreaterThanOrEqual(3); // retried, with backoff
        expect(Math.max(...rows.map((r: any) => r.attempts))).toBeLessThanOrEqual(10);
        await receiver.listen();
        recovered = true;
      }
      await dispatcher.drain();
      if (recovered && new Set(receiver.deliveries.map((d) => d.key)).size === N) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(recovered).toBe(true);
    const keys = receiver.deliveries.map((d) => d.key);
    expect(keys).toHaveLength(N); // 0 duplicates
    expect(new Set(keys)).toEqual(new Set(Array.from({ length: N }, (_, i) => `outage:${i}:webhook:${channel.documentId}`))); // 0 lost
    expect(receiver.deliveries.every((d) => d.valid)).toBe(true);
    expect(new Set(inbox.messages.map((m) => m.messageId)).size).toBe(N); // the e-mails went all along
    expect((await webhookRows()).every((r: any) => r.deliveryStatus === 'sent')).toBe(true);
  } finally {
    strapi.config.set('plugin::clinic-crm.dispatch', cfg);
  }
}, 360_000);
