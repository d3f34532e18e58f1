/**
 * Signed webhooks, the second channel of staff notifications: channels edited by managers in the
 * admin panel (URL rules, secret generated server-side, never output, revealed and rotated by a
 * manager), every staff notice fanned out to the recipient's and their department's channels
 * through the outbox, POSTed signed to a real HTTP receiver; failures back off, dead-letter and are
 * retried from the Outbox page like e-mails.
 */
import request from 'supertest';
import { bootStrapi, stopStrapi, Booted } from '../helpers/strapi';
import { Inbox } from '../helpers/smtp';
import { adminSession } from '../helpers/auth';
import { UID, staffData } from '../helpers/fixtures';
import { WebhookReceiver, verify } from '../helpers/webhook-receiver';
import { mailStaff } from '../../packages/strapi-plugin-clinic-crm/server/src/core/outbox/staff-mail';

jest.setTimeout(300_000); // boots under load on a shared machine

let app: Booted;
let strapi: any;
let inbox: Inbox;
let receiver: WebhookReceiver;
let manager: Awaited<ReturnType<typeof adminSession>>;
const CM = `/content-manager/collection-types/${UID('webhook-channel')}`;
const staff: Record<string, any> = {};
const channels: Record<string, any> = {};

const TEXT = { 'zh-Hant': ['請處理 {what}', '{what} 需要您處理'], 'zh-Hans': ['请处理 {what}', '{what} 需要您处理'], en: ['Please handle {what}', '{what} needs you'] } as const;
const notice = (key: string, recipients: any[], what = '設備保養') => mailStaff(strapi, { key, recipients, text: TEXT as any, values: { what }, link: 'https://crm.test/admin/x' });
const drain = () => strapi.plugin('clinic-crm').service('dispatcher').drain(30_000);
const rows = (prefix: string) => strapi.db.query(UID('notification')).findMany({ where: { idempotencyKey: { $startsWith: prefix } }, orderBy: { id: 'asc' } });

/** A channel created by the manager through the Content Manager, its secret revealed and registered with the receiver. */
const createChannel = async (name: string, data: Record<string, unknown>) => {
  const path = `/hooks/${name}`;
  const res = await request(app.http).post(CM).set(manager.auth).send({ name, url: receiver.url(path), enabled: true, ...data });
  expect(res.status).toBe(201);
  expect(JSON.stringify(res.body)).not.toMatch(/whsec_|signingSecret/);
  const documentId = res.body.data.documentId;
  const reveal = await request(app.http).post(`/clinic-crm/webhook-channels/${documentId}/secret/reveal`).set(manager.auth);
  expect(reveal.status).toBe(200);
  expect(reveal.body.data.signingSecret).toMatch(/^whsec_/);
  receiver.expect(path, reveal.body.data.signingSecret);
  return { documentId, path, secret: reveal.body.data.signingSecret as string };
};

beforeAll(async () => {
  inbox = await Inbox.start();
  receiver = await WebhookReceiver.start();
  app = await bootStrapi({ SMTP_PORT: String(inbox.port), EMAIL_FROM: 'Clinic CRM <no-reply@clinic.test>' });
  strapi = app.strapi;
  manager = await adminSession(strapi, 'clinic-crm-manager', { preferedLanguage: 'zh-Hant' } as any);
  staff.nurseA = await strapi.documents(UID('staff-member')).create({ data: staffData({ fullName: '李淑芬', department: 'nurse' }) });
  staff.nurseB = await strapi.documents(UID('staff-member')).create({ data: staffData({ fullName: 'Nurse Chen', department: 'nurse', preferredLanguage: 'en' }) });
  staff.doctor = await strapi.documents(UID('staff-member')).create({ data: staffData({ fullName: '張醫師', department: 'doctor' }) });
  channels.nurseA = await createChannel('nurse-a', { scope: 'staff', staffMember: { connect: [{ documentId: staff.nurseA.documentId }] } });
  channels.nurses = await createChannel('nurses', { scope: 'department', department: 'nurse' });
  channels.doctorUrgent = await createChannel('doctor-urgent', { scope: 'staff', kinds: 'urgent', staffMember: { connect: [{ documentId: staff.doctor.documentId }] } });
});
afterAll(async () => {
  await stopStrapi(app);
  await inbox.stop();
  await receiver.stop();
});
beforeEach(() => {
  inbox.clear();
  receiver.clear();
});

describe('channels in the admin panel', () => {
  it('refuses a target URL that is not https (http only to loopback outside production), naming the field', async () => {
    for (const url of ['http://hooks.example.com/x', 'not a url', 'https://user:pw@hooks.example.com/x']) {
      const res = await request(app.http).post(CM).set(manager.auth).send({ name: 'bad', url, scope: 'department', department: 'nurse' });
      expect(res.status).toBe(400);
      expect(res.body.error.details.errors[0].path).toEqual(['url']);
      expect(res.body.error.message).toMatch(/https|網址/);
    }
    const noDept = await request(app.http).post(CM).set(manager.auth).send({ name: 'bad', url: receiver.url('/x'), scope: 'department' });
    expect(noDept.status).toBe(400);
    expect(noDept.body.error.details.errors[0].path).toEqual(['department']);
    const noStaff = await request(app.http).post(CM).set(manager.auth).send({ name: 'bad', url: receiver.url('/x'), scope: 'staff' });
    expect(noStaff.status).toBe(400);
    expect(noStaff.body.error.details.errors[0].path).toEqual(['staffMember']);
  });

  it('never outputs the secret: encrypted at rest, absent from the Content Manager, a manager reveals or rotates it', async () => {
    const raw = await strapi.db.connection('crm_webhook_channels').where({ document_id: channels.nurses.documentId }).queryContext({ clinicCrmRawValues: true }).first();
    expect(raw.signing_secret).toMatch(/^enc:v1:/);
    expect(raw.signing_secret).not.toContain(channels.nurses.secret);
    const read = await request(app.http).get(`${CM}/${channels.nurses.documentId}`).set(manager.auth);
    expect(read.status).toBe(200);
    expect(read.body.data.secretHint).toBe(`…${channels.nurses.secret.slice(-4)}`);
    expect(JSON.stringify(read.body)).not.toContain(channels.nurses.secret);
    // a secret typed into an update is ignored
    const typed = await request(app.http).put(`${CM}/${channels.nurses.documentId}`).set(manager.auth).send({ signingSecret: 'whsec_mine', name: 'nurses' });
    expect(typed.status).toBe(200);
    const again = await request(app.http).post(`/clinic-crm/webhook-channels/${channels.nurses.documentId}/secret/reveal`).set(manager.auth);
    expect(again.body.data.signingSecret).toBe(channels.nurses.secret);
    const list = await request(app.http).get('/clinic-crm/webhook-channels').set(manager.auth);
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(channels.nurses.secret);
    // other staff cannot reveal
    const desk = await adminSession(strapi, 'clinic-crm-front-desk');
    expect((await request(app.http).post(`/clinic-crm/webhook-channels/${channels.nurses.documentId}/secret/reveal`).set(desk.auth)).status).toBe(403);
  });
});

describe('a staff notification goes to e-mail and to every channel its recipient has', () => {
  it('e-mails and signed webhooks; a department channel once per notice; no duplicates on a repeat', async () => {
    await notice('maint:1', [staff.nurseA, staff.nurseB]);
    await notice('maint:1', [staff.nurseA, staff.nurseB]); // the same notice again: nothing new
    await drain();
    await inbox.waitFor(2);
    await receiver.waitFor(2);
    await drain();
    await new Promise((r) => setTimeout(r, 300));
    expect(inbox.messages.map((m) => m.to).sort()).toEqual([staff.nurseA.email, staff.nurseB.email].sort());
    const keys = receiver.deliveries.map((d) => d.key).sort();
    expect(keys).toEqual([`maint:1:${staff.nurseA.id}:webhook:${channels.nurseA.documentId}`, `maint:1:webhook:${channels.nurses.documentId}`].sort());
    expect(receiver.deliveries.every((d) => d.valid)).toBe(true);
    const personal = receiver.deliveries.find((d) => d.path === channels.nurseA.path)!;
    expect(personal.body).toMatchObject({ id: personal.key, type: 'operations_reminder', language: 'zh-Hant', subject: '請處理 設備保養', links: { admin: 'https://crm.test/admin/x' } });
    expect(personal.body.text).toContain('設備保養 需要您處理');
    expect(new Date(personal.body.occurredAt).getTime()).toBeGreaterThan(Date.now() - 120_000);
    // a tampered body (or a replay older than 5 minutes) does not verify
    expect(verify(channels.nurseA.secret, personal.timestamp, personal.rawBody.replace('設備保養', '設備保養!'), personal.signature)).toBe(false);
    expect(verify(channels.nurseA.secret, personal.timestamp, personal.rawBody, personal.signature, Number(personal.timestamp) + 301)).toBe(false);
    const all = await rows('maint:1');
    expect(all.filter((r: any) => r.channel === 'webhook')).toHaveLength(2);
    expect(all.every((r: any) => r.deliveryStatus === 'sent')).toBe(true);
  });

  it('health data and contact details stay out of data; an "urgent only" channel takes urgent notices only', async () => {
    const outbox = strapi.plugin('clinic-crm').service('outbox');
    const payload = (urgent: boolean) => ({ assignee: { name: '張醫師' }, client: { name: '林小姐', phone: '0912000111' }, treatment: { name: '玻尿酸' }, step: { label: '24h' }, task: { purpose: '是否有血管栓塞徵兆', dueLocal: '今天' }, record: {}, links: { task: 'https://crm.test/t' }, ...(urgent ? { urgent: true } : {}) });
    await outbox.enqueueMany([
      { key: 'task:routine:due', template: 'follow_up_due', language: 'zh-Hant', recipientEmail: staff.doctor.email, recipientStaff: staff.doctor.id, payload: payload(false) },
      { key: 'task:page:due', template: 'follow_up_due', language: 'zh-Hant', recipientEmail: staff.doctor.email, recipientStaff: staff.doctor.id, payload: payload(true) },
    ]);
    await drain();
    await receiver.waitFor(1);
    await inbox.waitFor(2);
    expect(receiver.deliveries.map((d) => d.key)).toEqual([`task:page:due:webhook:${channels.doctorUrgent.documentId}`]);
    const d = receiver.deliveries[0];
    expect(d.valid).toBe(true);
    expect(d.body.data.client).toEqual({ name: '林小姐' });
    expect(d.body.data.task).toEqual({ dueLocal: '今天' });
    // neither in data nor in the text rendered from it
    expect(d.rawBody).not.toContain('0912000111');
    expect(d.rawBody).not.toContain('血管栓塞');
    expect(d.body.text).toContain('林小姐');
  });

  it('a notice moved or cancelled (a task re-timed or deleted) moves or cancels its webhook rows too', async () => {
    const outbox = strapi.plugin('clinic-crm').service('outbox');
    const later = new Date(Date.now() + 3_600_000);
    const input = (key: string) => ({ key, template: 'operations_reminder', language: 'zh-Hant', recipientEmail: staff.nurseA.email, recipientStaff: staff.nurseA.id, payload: { recipient: { name: 'x' }, reminder: { subject: 's', body: 'b' }, links: {} }, notBefore: later });
    await outbox.enqueueMany([input('moved:1'), input('gone:1')]);
    const sooner = new Date(Date.now() + 600_000);
    await outbox.reschedule('moved:1', sooner);
    await outbox.cancel('gone:1');
    const moved = await rows('moved:1');
    expect(moved.map((r: any) => r.channel).sort()).toEqual(['email', 'webhook', 'webhook']);
    expect(moved.every((r: any) => new Date(r.nextAttemptAt).getTime() === sooner.getTime())).toBe(true);
    const gone = await rows('gone:1');
    expect(gone).toHaveLength(3);
    expect(gone.every((r: any) => r.deliveryStatus === 'cancelled')).toBe(true);
    await outbox.cancel('moved:1');
  });

  it('a receiver answering 503: backoff, dead letter after the last attempt, listed with its channel, retried from the Outbox page', async () => {
    const cfg = strapi.config.get('plugin::clinic-crm.dispatch');
    strapi.config.set('plugin::clinic-crm.dispatch', { ...cfg, retry: { baseDelayMs: 1, maxDelayMs: 1, maxAttempts: 3 } });
    try {
      receiver.failWith = 503;
      await notice('maint:2', [staff.nurseA]);
      for (let i = 0; i < 3; i += 1) {
        await drain();
        await new Promise((r) => setTimeout(r, 20));
      }
      const failed = (await rows('maint:2')).filter((r: any) => r.channel === 'webhook');
      // the nurse's own channel and the nurses' department channel
      expect(failed.map((r: any) => [r.deliveryStatus, r.attempts])).toEqual([['failed', 3], ['failed', 3]]);
      expect(failed.every((r: any) => r.lastError.includes('HTTP 503'))).toBe(true);
      expect(receiver.attempts).toBe(6);
      expect(inbox.messages).toHaveLength(1); // the e-mail went
      const page = await request(app.http).get('/clinic-crm/outbox?status=failed&channel=webhook').set(manager.auth);
      expect(page.status).toBe(200);
      expect(page.body.results.map((r: any) => `${r.channel}:${r.webhookChannel?.name}`).sort()).toEqual(['webhook:nurse-a', 'webhook:nurses']);
      receiver.failWith = null;
      for (const f of failed) expect((await request(app.http).post(`/clinic-crm/outbox/${f.documentId}/retry`).set(manager.auth)).status).toBe(200);
      await drain();
      await receiver.waitFor(2);
      expect(receiver.deliveries.every((d) => d.valid)).toBe(true);
      expect((await rows('maint:2')).every((r: any) => r.deliveryStatus === 'sent')).toBe(true);
    } finally {
      receiver.failWith = null;
      strapi.config.set('plugin::clinic-crm.dispatch', cfg);
    }
  });

  it('a rotated secret signs the next delivery; a disabled channel gets nothing', async () => {
    const rotated = await request(app.http).post(`/clinic-crm/webhook-channels/${channels.nurseA.documentId}/secret/rotate`).set(manager.auth);
    expect(rotated.status).toBe(200);
    expect(rotated.body.data.signingSecret).not.toBe(channels.nurseA.secret);
    receiver.expect(channels.nurseA.path, rotated.body.data.signingSecret);
    await request(app.http).put(`${CM}/${channels.nurses.documentId}`).set(manager.auth).send({ enabled: false });
    await notice('maint:3', [staff.nurseA]);
    await drain();
    await receiver.waitFor(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.deliveries.map((d) => [d.path, d.valid])).toEqual([[channels.nurseA.path, true]]);
    expect(verify(channels.nurseA.secret, receiver.deliveries[0].timestamp, receiver.deliveries[0].rawBody, receiver.deliveries[0].signature)).toBe(false);
  });
});
