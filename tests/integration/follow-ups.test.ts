import request from 'supertest';
import { bootStrapi, stopStrapi, Booted } from '../helpers/strapi';
import { Inbox } from '../helpers/smtp';
import { adminSession, apiUser, grant } from '../helpers/auth';
import { UID, clientData, staffData, publishTreatment, signConsent } from '../helpers/fixtures';
import { scheduleFollowUps } from '../../packages/strapi-plugin-clinic-crm/server/src/follow-ups/domain/follow-up-ladder';
import { messageIdFor } from '../../packages/strapi-plugin-clinic-crm/server/src/core/outbox/delivery';

let app: Booted;
let strapi: any;
let inbox: Inbox;
let treatment: any;
let client: any;
const staff: Record<string, any> = {};
let seq = 0;

const HOUR = 3_600_000;
const svc = (name: string) => strapi.plugin('clinic-crm').service(name);
const tasksOf = (recordDocumentId: string) =>
  strapi.documents(UID('follow-up-task')).findMany({ filters: { treatmentRecord: { documentId: recordDocumentId } }, populate: ['assignee'], sort: 'stepIndex:asc' });
const notificationsFor = (recordDocumentId: string) =>
  strapi.db.query(UID('notification')).findMany({ where: { idempotencyKey: { $startsWith: `task:${recordDocumentId}:` } }, orderBy: { nextAttemptAt: 'asc' } });
const createRecord = (over: Record<string, unknown> = {}) => {
  seq += 1;
  return strapi.documents(UID('treatment-record')).create({
    data: { recordNumber: `TR-FU-${seq}`, client: client.documentId, treatment: treatment.documentId, practitioner: staff.beautician.documentId, performedAt: new Date().toISOString(), ...over },
  });
};

beforeAll(async () => {
  inbox = await Inbox.start();
  // satisfaction surveys (also e-mailed after a treatment) are tested in surveys.test.ts: here they go out far later
  app = await bootStrapi({ SMTP_PORT: String(inbox.port), EMAIL_FROM: 'Clinic CRM <no-reply@clinic.test>', CLINIC_CRM_SURVEY_DELAY_HOURS: '100000' });
  strapi = app.strapi;
  const mk = async (key: string, over: Record<string, unknown>) => {
    staff[key] = await strapi.documents(UID('staff-member')).create({ data: staffData(over) });
  };
  await mk('beautician', { fullName: '王雅雯', department: 'beautician', preferredLanguage: 'zh-Hant' });
  await mk('beauticianHans', { fullName: '张佳颖', department: 'beautician', preferredLanguage: 'zh-Hans' });
  await mk('beauticianEn', { fullName: 'Amy Chen', department: 'beautician', preferredLanguage: 'en' });
  await mk('nurseA', { fullName: '李淑芬', department: 'nurse' });
  await mk('nurseB', { fullName: '陳護理師', department: 'nurse' });
  await mk('doctor', { fullName: '黃志明', department: 'doctor', preferredLanguage: 'zh-Hant' });
  await mk('frontDesk', { fullName: '林美君', department: 'front_desk' });
  await mk('manager', { fullName: '吳俊賢', department: 'management', preferredLanguage: 'en' });
  treatment = await publishTreatment(strapi, { name: '皮秒雷射', slug: 'pico-follow-up' });
  client = await strapi.documents(UID('client')).create({ data: clientData({ fullName: '周小姐', phone: '0912-345-678', allergies: 'SECRET-ALLERGY 盤尼西林' }) });
  await signConsent(strapi, client, treatment);
});
afterAll(async () => {
  await stopStrapi(app);
  await inbox.stop();
});
beforeEach(() => inbox.clear());

describe('follow-up ladder on treatment records', () => {
  it('creates one task per step with due times in the clinic time zone, assigned and queued as emails', async () => {
    const performedAt = new Date('2027-03-31T07:00:00Z'); // 15:00 in Taipei, in the future: nothing due yet
    const record = await createRecord({ performedAt: performedAt.toISOString() });
    const tasks = await tasksOf(record.documentId);
    const expected = scheduleFollowUps(record.documentId, performedAt, null, 'Asia/Taipei');
    expect(tasks.map((t: any) => [t.step, new Date(t.dueAt).toISOString()])).toEqual(expected.map((s) => [s.code, s.dueAt.toISOString()]));
    expect(tasks.map((t: any) => t.step)).toEqual(['24h', '3d', '1w', '2w', '1m', '3m', '6m', '12m']);
    expect(new Date(tasks[4].dueAt).toISOString()).toBe('2027-04-30T07:00:00.000Z'); // 31 March + 1 month
    // beautician steps go to the practitioner (a beautician); other departments to their staff
    expect(tasks[0].assignee.documentId).toBe(staff.beautician.documentId);
    expect(tasks.find((t: any) => t.step === '1m').assignee.documentId).toBe(staff.doctor.documentId);
    expect(tasks.find((t: any) => t.step === '6m').assignee.documentId).toBe(staff.frontDesk.documentId);
    // the two nurse steps are spread over the two nurses (rotation by record and step)
    const nurseSteps = tasks.filter((t: any) => t.department === 'nurse').map((t: any) => t.assignee.documentId);
    expect(new Set(nurseSteps)).toEqual(new Set([staff.nurseA.documentId, staff.nurseB.documentId]));

    const notifications = await notificationsFor(record.documentId);
    expect(notifications).toHaveLength(8);
    expect(notifications.map((n: any) => new Date(n.nextAttemptAt).toISOString())).toEqual(expected.map((s) => s.dueAt.toISOString()));
    expect(notifications.every((n: any) => n.deliveryStatus === 'pending' && n.template === 'follow_up_due')).toBe(true);
  });

  it('never duplicates tasks: repeated scheduling and re-saves keep one task per step; a new time moves them', async () => {
    const record = await createRecord({ performedAt: '2027-05-01T02:00:00.000Z' });
    await svc('follow-ups').scheduleForRecord(record.documentId);
    await svc('follow-ups').scheduleForRecord(record.documentId);
    await strapi.documents(UID('treatment-record')).update({ documentId: record.documentId, data: { notes: '恢復良好' } });
    await strapi.documents(UID('treatment-record')).update({ documentId: record.documentId, data: { performedAt: '2027-05-01T02:00:00.000Z' } });
    expect(await tasksOf(record.documentId)).toHaveLength(8);
    expect(await notificationsFor(record.documentId)).toHaveLength(8);

    await strapi.documents(UID('treatment-record')).update({ documentId: record.documentId, data: { performedAt: '2027-05-02T02:00:00.000Z' } });
    const moved = await tasksOf(record.documentId);
    expect(moved).toHaveLength(8);
    expect(new Date(moved[0].dueAt).toISOString()).toBe('2027-05-03T02:00:00.000Z');
    const n = await notificationsFor(record.documentId);
    expect(n).toHaveLength(8);
    expect(new Date(n[0].nextAttemptAt).toISOString()).toBe('2027-05-03T02:00:00.000Z');
  });

  it('a failed record write leaves no tasks or emails behind', async () => {
    const before = await strapi.db.query(UID('follow-up-task')).count();
    const err = await createRecord({ priceSnapshot: { addOns: [{ code: 'nonexistent' }] } }).catch((e: any) => e);
    expect(err.name).toBe('ValidationError');
    expect(await strapi.db.query(UID('follow-up-task')).count()).toBe(before);
  });
});

describe('task emails through the outbox and a real SMTP server', () => {
  it('a due task produces exactly one email, in the assignee language, with what to ask and no health data', async () => {
    const performedAt = new Date(Date.now() - 25 * HOUR).toISOString(); // the 24 h step is due
    const records = [];
    for (const who of ['beautician', 'beauticianHans', 'beauticianEn']) records.push(await createRecord({ performedAt, practitioner: staff[who].documentId }));
    const first = await svc('dispatcher').drain();
    expect(first.sent).toBe(3);
    await inbox.waitFor(3);
    await svc('dispatcher').drain();
    await new Promise((r) => setTimeout(r, 300));
    expect(inbox.messages).toHaveLength(3); // nothing sent twice, nothing not yet due

    const byTo = (email: string) => inbox.messages.find((m) => m.to.includes(email))!;
    const zhHant = byTo(staff.beautician.email);
    expect(zhHant.subject).toBe('【回訪任務】周小姐 · 皮秒雷射 · 術後24小時');
    expect(zhHant.text).toContain('0912-345-678');
    expect(zhHant.text).toContain('急性不良反應');
    expect(zhHant.text).toMatch(/content-manager\/collection-types\/plugin::clinic-crm\.follow-up-task\/\w+/);
    expect(byTo(staff.beauticianHans.email).subject).toBe('【回访任务】周小姐 · 皮秒雷射 · 术后24小时');
    const en = byTo(staff.beauticianEn.email);
    expect(en.subject).toBe('[Follow-up] 周小姐 · 皮秒雷射 · 24 h after');
    expect(en.html).toContain('What to ask');
    for (const m of inbox.messages) {
      expect(m.text + m.html).not.toContain('SECRET-ALLERGY');
      expect(m.messageId).toMatch(/@clinic\.test>$/);
    }
    const key = `task:${records[2].documentId}:24h:due`;
    expect(en.messageId).toBe(messageIdFor(key, 'clinic.test'));
    const row = await strapi.db.query(UID('notification')).findOne({ where: { idempotencyKey: key } });
    expect(row).toMatchObject({ deliveryStatus: 'sent', attempts: 1, messageId: en.messageId });
  });

  it('SMTP refusing connections: retries with backoff, then delivers after recovery, nothing lost', async () => {
    const cfg = strapi.config.get('plugin::clinic-crm.dispatch');
    strapi.config.set('plugin::clinic-crm.dispatch', { ...cfg, retry: { baseDelayMs: 200, maxDelayMs: 1000, maxAttempts: 20 } });
    try {
      const record = await createRecord({ performedAt: new Date(Date.now() - 25 * HOUR).toISOString() });
      const key = `task:${record.documentId}:24h:due`;
      await inbox.stop();
      const attempt1 = await svc('dispatcher').drain();
      expect(attempt1.failed).toBe(1);
      let row = await strapi.db.query(UID('notification')).findOne({ where: { idempotencyKey: key } });
      expect(row.deliveryStatus).toBe('pending');
      expect(row.attempts).toBe(1);
      expect(row.lastError).toMatch(/ECONNREFUSED|connect|closed/i);
      const firstRetryAt = new Date(row.nextAttemptAt).getTime();
      expect(firstRetryAt).toBeGreaterThan(Date.now() - 50);

      // still down: a second attempt, further out (exponential)
      await new Promise((r) => setTimeout(r, 250));
      await svc('dispatcher').drain();
      row = await strapi.db.query(UID('notification')).findOne({ where: { idempotencyKey: key } });
      expect(row.attempts).toBe(2);
      expect(new Date(row.nextAttemptAt).getTime() - Date.now()).toBeGreaterThan(100);

      await inbox.listen();
      const deadline = Date.now() + 20_000;
      while ((await strapi.db.query(UID('notification')).findOne({ where: { idempotencyKey: key } })).deliveryStatus !== 'sent') {
        if (Date.now() > deadline) throw new Error('not delivered after recovery');
        await svc('dispatcher').drain();
        await new Promise((r) => setTimeout(r, 100));
      }
      await inbox.waitFor(1);
      expect(inbox.messages).toHaveLength(1);
      expect(inbox.messages[0].messageId).toBe(messageIdFor(key, 'clinic.test'));
    } finally {
      strapi.config.set('plugin::clinic-crm.dispatch', cfg);
    }
  });

  it('gives up after the attempt limit, shows the failure to administrators, who can retry it', async () => {
    const cfg = strapi.config.get('plugin::clinic-crm.dispatch');
    strapi.config.set('plugin::clinic-crm.dispatch', { ...cfg, retry: { baseDelayMs: 1, maxDelayMs: 1, maxAttempts: 2 } });
    const admin = await adminSession(strapi);
    try {
      const record = await createRecord({ performedAt: new Date(Date.now() - 25 * HOUR).toISOString() });
      const key = `task:${record.documentId}:24h:due`;
      await inbox.stop();
      await svc('dispatcher').drain();
      await new Promise((r) => setTimeout(r, 20));
      await svc('dispatcher').drain();
      const row = await strapi.db.query(UID('notification')).findOne({ where: { idempotencyKey: key } });
      expect(row.deliveryStatus).toBe('failed');
      expect(row.attempts).toBe(2);

      const list = await request(app.http).get('/clinic-crm/outbox?status=failed').set(admin.auth);
      expect(list.status).toBe(200);
      expect(list.body.results.map((n: any) => n.idempotencyKey)).toContain(key);
      expect((await request(app.http).get('/clinic-crm/outbox?status=lost').set(admin.auth)).status).toBe(400);
      expect((await request(app.http).get('/clinic-crm/outbox')).status).toBe(401);

      await inbox.listen();
      const retry = await request(app.http).post(`/clinic-crm/outbox/${row.documentId}/retry`).set(admin.auth);
      expect(retry.status).toBe(200);
      await svc('dispatcher').drain();
      await inbox.waitFor(1);
      expect((await strapi.db.query(UID('notification')).findOne({ where: { idempotencyKey: key } })).deliveryStatus).toBe('sent');
      expect((await request(app.http).post(`/clinic-crm/outbox/${row.documentId}/retry`).set(admin.auth)).status).toBe(404);
    } finally {
      strapi.config.set('plugin::clinic-crm.dispatch', cfg);
    }
  });
});

describe('overdue escalation', () => {
  it('escalates an overdue task to management once per level, never repeatedly', async () => {
    const record = await createRecord({ performedAt: new Date(Date.now() - 2 * 24 * HOUR).toISOString() });
    const [task] = await tasksOf(record.documentId);
    const due = new Date(task.dueAt).getTime();
    const fu = svc('follow-ups');

    await fu.escalateOverdue(new Date(due + 23 * HOUR));
    await fu.escalateOverdue(new Date(due + 25 * HOUR));
    await fu.escalateOverdue(new Date(due + 30 * HOUR));
    await svc('dispatcher').drain();
    const about = () => inbox.messages.filter((m) => m.subject.includes('overdue') && m.text.includes(task.documentId));
    let escalations = about();
    expect(escalations).toHaveLength(1);
    expect(escalations[0].to).toContain(staff.manager.email);
    expect(escalations[0].subject).toBe('[Follow-up overdue · level 1] 周小姐 · 皮秒雷射 · 24 h after');

    await fu.escalateOverdue(new Date(due + 73 * HOUR));
    await fu.escalateOverdue(new Date(due + 100 * HOUR));
    await svc('dispatcher').drain();
    await new Promise((r) => setTimeout(r, 200));
    escalations = about();
    expect(escalations.map((m) => m.subject.match(/level (\d)/)![1]).sort()).toEqual(['1', '2']);
    expect((await strapi.documents(UID('follow-up-task')).findOne({ documentId: task.documentId })).escalationLevel).toBe(2);
  });
});

describe('completing a task', () => {
  it('records the outcome; a complication opens a medical complaint and emails the doctors', async () => {
    const record = await createRecord({ performedAt: new Date(Date.now() - 2 * HOUR).toISOString() });
    const [task] = await tasksOf(record.documentId);
    const admin = await adminSession(strapi);
    const bad = await request(app.http).post(`/clinic-crm/follow-up-tasks/${task.documentId}/complete`).set(admin.auth).send({ outcome: 'fine' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['outcome']);

    const res = await request(app.http)
      .post(`/clinic-crm/follow-up-tasks/${task.documentId}/complete`)
      .set(admin.auth)
      .send({ outcome: 'complication', notes: '兩頰持續泛紅、灼熱感' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: 'done', outcome: 'complication' });
    const ref = res.body.data.complaint.referenceNumber;
    expect(ref).toMatch(/^CMP-\d{8}-[0-9A-F]{8}$/);
    const complaint = await strapi.documents(UID('complaint')).findFirst({ filters: { referenceNumber: ref }, populate: ['treatmentRecord', 'client', 'events'] });
    expect(complaint).toMatchObject({ category: 'side_effect', department: 'doctor', channel: 'follow_up_call', workflowStatus: 'received' });
    expect(complaint.treatmentRecord.documentId).toBe(record.documentId);
    expect(complaint.client.documentId).toBe(client.documentId);
    // a high-severity side effect: routed, and the on-call doctor paged (nobody is on call here: every active doctor)
    expect(complaint.events.map((e: any) => e.type).sort()).toEqual(['paged', 'received', 'routed']);

    // the now-pointless due email is withdrawn; the doctor is told
    const due = await strapi.db.query(UID('notification')).findOne({ where: { idempotencyKey: `task:${task.idempotencyKey}:due` } });
    expect(due.deliveryStatus).toBe('cancelled');
    await svc('dispatcher').drain();
    await inbox.waitFor(1);
    expect(inbox.messages.map((m) => m.subject)).toContain(`【醫療客訴】${ref} · 周小姐 · 皮秒雷射`);
    expect(inbox.messages.some((m) => /^(【緊急】|【紧急】|\[URGENT\])/.test(m.subject) && m.subject.includes(ref))).toBe(true);

    const again = await request(app.http).post(`/clinic-crm/follow-up-tasks/${task.documentId}/complete`).set(admin.auth).send({ outcome: 'normal_recovery' });
    expect(again.status).toBe(400);
    expect(again.body.error.details.errors[0].path).toEqual(['taskStatus']);
  });

  it('staff can complete over REST only with the grant', async () => {
    const record = await createRecord({ performedAt: new Date().toISOString() });
    const [task] = await tasksOf(record.documentId);
    const anon = await request(app.http).post(`/api/clinic-crm/follow-up-tasks/${task.documentId}/complete`).send({ data: { outcome: 'normal_recovery' } });
    expect(anon.status).toBe(403);
    await grant(strapi, 'authenticated', ['plugin::clinic-crm.follow-up-actions.complete']);
    const { auth, user } = await apiUser(strapi);
    // not her task: a 403 naming the assignee, nothing recorded
    const full = await strapi.db.query(UID('follow-up-task')).findOne({ where: { documentId: task.documentId }, populate: { assignee: true } });
    const other = await strapi.documents(UID('staff-member')).create({ data: staffData({ fullName: '別的美容師', department: full.department === 'beautician' ? 'nurse' : 'beautician', email: user.email }) });
    const notHers = await request(app.http).post(`/api/clinic-crm/follow-up-tasks/${task.documentId}/complete`).set(auth).send({ data: { outcome: 'normal_recovery' } });
    expect(notHers.status).toBe(403);
    expect(notHers.body.error.details.errors[0].path).toEqual(['assignee']);
    expect((await strapi.db.query(UID('follow-up-task')).findOne({ where: { documentId: task.documentId } })).taskStatus).toBe('pending');
    // her task: done, recorded as her
    await strapi.db.query(UID('follow-up-task')).update({ where: { id: full.id }, data: { assignee: other.id } });
    const ok = await request(app.http).post(`/api/clinic-crm/follow-up-tasks/${task.documentId}/complete`).set(auth).send({ data: { outcome: 'normal_recovery', notes: '恢復正常' } });
    expect(ok.status).toBe(200);
    expect(ok.body.data.status).toBe('done');
    expect(ok.body.data.complaint).toBeNull();
    const missing = await request(app.http).post(`/api/clinic-crm/follow-up-tasks/nope/complete`).set(auth).send({ data: { outcome: 'normal_recovery' } });
    expect(missing.status).toBe(404);
  });
});

describe('email templates editable by administrators', () => {
  it('uses an override and refuses one that does not compile', async () => {
    await strapi.documents(UID('email-template')).create({
      data: { templateKey: 'follow_up_due', language: 'zh-Hant', subject: '請回訪 {{client.name}}({{step.label}})', html: '<p>{{task.purpose}}</p>', text: '{{task.purpose}}' },
    });
    await createRecord({ performedAt: new Date(Date.now() - 25 * HOUR).toISOString() });
    await svc('dispatcher').drain();
    await inbox.waitFor(1);
    expect(inbox.messages[0].subject).toBe('請回訪 周小姐(術後24小時)');

    const err = await strapi.documents(UID('email-template')).create({ data: { templateKey: 'follow_up_due', language: 'en', subject: '{{#if}}', html: 'x', text: 'x' } }).catch((e: any) => e);
    expect(err.name).toBe('ValidationError');
    expect(err.details.errors[0].path).toEqual(['subject']);
    const raw = await strapi.documents(UID('email-template')).create({ data: { templateKey: 'follow_up_due', language: 'en', subject: 'x', html: '{{{client.name}}}', text: 'x' } }).catch((e: any) => e);
    expect(raw.details.errors[0].path).toEqual(['html']);
  });
});

describe('daily digest', () => {
  it('sends a subscriber one email a day listing the tasks due, instead of one email per task', async () => {
    const digestStaff = await strapi.documents(UID('staff-member')).create({
      data: staffData({ fullName: '陳美華', department: 'beautician', dailyDigest: true, preferredLanguage: 'zh-Hant' }),
    });
    const performedAt = new Date(Date.now() - 24 * HOUR - 60_000).toISOString(); // 24 h steps are due
    await createRecord({ performedAt, practitioner: digestStaff.documentId });
    await createRecord({ performedAt, practitioner: digestStaff.documentId });
    expect(await strapi.db.query(UID('notification')).count({ where: { recipientEmail: digestStaff.email } })).toBe(0);

    expect((await svc('follow-ups').sendDigests()).sent).toBe(1);
    expect((await svc('follow-ups').sendDigests()).sent).toBe(0); // once a day
    await svc('dispatcher').drain();
    await inbox.waitFor(1);
    await new Promise((r) => setTimeout(r, 200));
    const mine = inbox.messages.filter((m) => m.to.includes(digestStaff.email));
    expect(mine).toHaveLength(1);
    expect(mine[0].subject).toMatch(/^【今日回訪】2 件 · \d{4}-\d{2}-\d{2}$/);
    expect(mine[0].text.match(/周小姐/g)).toHaveLength(2);
    expect(mine[0].text).toContain('0912-345-678');
  });
});

describe('staff REST', () => {
  it('a staff member with the grant records a treatment over REST and its follow-ups are scheduled', async () => {
    // connecting relations over REST needs read access to their targets (Strapi's input sanitizer)
    await grant(strapi, 'authenticated', [
      'plugin::clinic-crm.treatment-record.create',
      'plugin::clinic-crm.client.find',
      'plugin::clinic-crm.treatment.find',
      'plugin::clinic-crm.staff-member.find',
    ]);
    const { auth } = await apiUser(strapi);
    const data = { recordNumber: 'TR-REST-1', client: client.documentId, treatment: treatment.documentId, practitioner: staff.beautician.documentId, performedAt: '2027-06-01T02:00:00.000Z' };
    // the signed quote (NT$8,500, no add-on) binds: an add-on on the record needs a new consent or a manager's approval
    const over = await request(app.http).post('/api/clinic-crm/treatment-records').set(auth).send({ data: { ...data, priceSnapshot: { addOns: [{ code: 'numbing' }] } } });
    expect(over.status).toBe(400);
    expect(over.body.error.details.errors[0].path).toEqual(['priceSnapshot']);
    expect(over.body.error.message).toContain('NT$8,500');
    const res = await request(app.http).post('/api/clinic-crm/treatment-records').set(auth).send({ data });
    expect(res.body.error).toBeUndefined();
    expect(res.status).toBe(201);
    expect(res.body.data.priceSnapshot.total).toBe(8500);
    expect(res.body.data).not.toHaveProperty('notes');
    expect(await tasksOf(res.body.data.documentId)).toHaveLength(8);

    const bad = await request(app.http).post('/api/clinic-crm/treatment-records').set(auth).send({ data: { recordNumber: 'TR-REST-2', client: client.documentId, treatment: treatment.documentId } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors.map((e: any) => e.path.join('.'))).toContain('performedAt');
    const noClient = await request(app.http).post('/api/clinic-crm/treatment-records').set(auth).send({ data: { recordNumber: 'TR-REST-3', treatment: treatment.documentId, performedAt: new Date().toISOString() } });
    expect(noClient.status).toBe(400);
    expect(noClient.body.error.details.errors[0].path).toEqual(['client']);
    expect(await strapi.documents(UID('treatment-record')).count({ filters: { recordNumber: 'TR-REST-2' } })).toBe(0);
  });
});
