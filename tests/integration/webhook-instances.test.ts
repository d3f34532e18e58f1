/**
 * Exactly-once webhooks across instances: two more Strapi instances and this one dispatch the same
 * outbox of e-mails and webhooks on one PostgreSQL database; the receiver gets every webhook once.
 */
import { bootStrapi, stopStrapi, Booted, isPostgres } from '../helpers/strapi';
import { Inbox } from '../helpers/smtp';
import { UID, staffData } from '../helpers/fixtures';
import { WebhookReceiver } from '../helpers/webhook-receiver';
import { spawnWorker as spawnDispatchWorker } from '../helpers/dispatch-worker';

let app: Booted;
let strapi: any;
let inbox: Inbox;
let receiver: WebhookReceiver;
// three Strapi instances booting at once on a shared 2-core machine: connections may be slow to open
const PATIENT_POOL = { DATABASE_CONNECT_TIMEOUT_MS: '15000', DATABASE_CONNECTION_TIMEOUT: '60000' };

const spawnWorker = () => spawnDispatchWorker({ ...app.db.env, SMTP_PORT: String(inbox.port), DISPATCH_WORKER_WAIT_FOR_GO: 'true', ...PATIENT_POOL });

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

// Several instances share one database in production only on PostgreSQL; SQLite runs one instance.
const multi = isPostgres() ? describe : describe.skip;

multi('webhooks from several instances on one PostgreSQL database', () => {
  it('two worker instances and this one dispatch 150 notices (a staff and a department channel): each webhook delivered exactly once', async () => {
    const N = 150;
    const nurses = [];
    for (let i = 0; i < 3; i += 1) nurses.push(await strapi.documents(UID('staff-member')).create({ data: staffData({ fullName: `護理師${i}`, department: 'nurse' }) }));
    const own = await strapi.documents(UID('webhook-channel')).create({ data: { name: 'own', url: receiver.url('/own'), scope: 'staff', staffMember: { connect: [{ documentId: nurses[0].documentId }] }, enabled: true } });
    const dept = await strapi.documents(UID('webhook-channel')).create({ data: { name: 'nurses', url: receiver.url('/dept'), scope: 'department', department: 'nurse', enabled: true } });
    const svc = strapi.plugin('clinic-crm').service('webhook-channels');
    receiver.expect('/own', await svc.reveal(own.documentId));
    receiver.expect('/dept', await svc.reveal(dept.documentId));
    // each notice to all three nurses: 3 e-mails, 1 on the nurse's own channel, 1 on the department's
    const outbox = strapi.plugin('clinic-crm').service('outbox');
    for (let i = 0; i < N; i += 1) {
      await outbox.enqueueMany(
        nurses.map((n) => ({ key: `multi:${i}:${n.documentId}`, template: 'operations_reminder', language: 'zh-Hant', recipientEmail: n.email, recipientStaff: n.id, payload: { recipient: { name: n.fullName }, reminder: { subject: `s${i}`, body: `b${i}` }, links: {} } }))
      );
    }
    const workers = [spawnWorker(), spawnWorker()];
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.child.send({ type: 'go' });
    const [a, b, self] = await Promise.all([workers[0].done, workers[1].done, strapi.plugin('clinic-crm').service('dispatcher').drain(120_000)]);
    await receiver.waitFor(2 * N, 60_000);
    await inbox.waitFor(3 * N, 60_000);
    await new Promise((r) => setTimeout(r, 500));
    const keys = receiver.deliveries.map((d) => d.key);
    expect(keys).toHaveLength(2 * N); // 0 duplicates
    const expected = new Set(Array.from({ length: N }, (_, i) => [`multi:${i}:${nurses[0].documentId}:webhook:${own.documentId}`, `multi:${i}:webhook:${dept.documentId}`]).flat());
    expect(new Set(keys)).toEqual(expected); // 0 lost
    expect(receiver.deliveries.every((d) => d.valid)).toBe(true);
    expect(a.sent + b.sent + self.sent).toBe(5 * N);
    expect(a.sent).toBeGreaterThan(0);
    expect(b.sent).toBeGreaterThan(0);
  }, 300_000);
});
