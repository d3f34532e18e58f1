/**
 * Product-batch recall: from a batch number (typed any way, or a complaint's) every treatment record
 * that used it; one check-up task per client, assigned as the ladder assigns, e-mailed once through
 * the outbox to a real SMTP server in the assignee's language; the recall itself an append-only row
 * sealed in the evidence ledger, opened by the signed-in staff member. Managers and doctors only.
 */
import request from 'supertest';
import { adminSession } from '../helpers/auth';
import { Inbox } from '../helpers/smtp';
import { UID, clientData, publishTreatment, signConsent, staffData } from '../helpers/fixtures';
import { bootStrapi, stopStrapi, type Booted } from '../helpers/strapi';

let app: Booted;
let strapi: any;
let inbox: Inbox;
const people: Record<string, { auth: Record<string, string>; member: any; email: string }> = {};
const staff: Record<string, any> = {};
const clients: Record<string, any> = {};
const records: Record<string, any> = {};
let complaint: any;

const svc = (name: string) => strapi.plugin('clinic-crm').service(name);
const pathsOf = (res: any) => (res.body?.error?.details?.errors ?? []).map((e: any) => e.path.join('.'));
/** better-sqlite3's errors cross realms: compare messages, not classes. */
const refusal = (p: PromiseLike<unknown>) => Promise.resolve(p).then(() => 'accepted', (e: any) => String(e?.message ?? e));
const get = (who: string, url: string) => request(app.http).get(url).set(people[who].auth);
const post = (who: string, body: unknown) => request(app.http).post('/clinic-crm/recalls').set(people[who].auth).send(body);
const recallTasks = () => strapi.db.query(UID('follow-up-task')).findMany({ where: { idempotencyKey: { $startsWith: 'recall:' } }, populate: { assignee: true, treatmentRecord: true } });
const recallMails = () => strapi.db.query(UID('notification')).findMany({ where: { template: 'recall_check_up' } });
const sendAll = async () => {
  await svc('dispatcher').drain();
  await new Promise((r) => setTimeout(r, 300));
};

beforeAll(async () => {
  inbox = await Inbox.start();
  app = await bootStrapi({ SMTP_PORT: String(inbox.port), EMAIL_FROM: 'Clinic CRM <no-reply@clinic.test>', CLINIC_CRM_SURVEY_DELAY_HOURS: '100000' });
  strapi = app.strapi;
  const roles: Record<string, [string, string]> = {
    doctor: ['clinic-crm-doctor', 'doctor'],
    manager: ['clinic-crm-manager', 'management'],
    nurse: ['clinic-crm-nurse', 'nurse'],
    frontDesk: ['clinic-crm-front-desk', 'front_desk'],
  };
  for (const [who, [role, department]] of Object.entries(roles)) {
    const session = await adminSession(strapi, role, { preferedLanguage: 'en' });
    const member = await strapi.documents(UID('staff-member')).create({ data: staffData({ department, email: session.email, fullName: `${who} 本人` }) });
    people[who] = { auth: session.auth, member, email: session.email };
  }
  // the practitioners, one per language (staff without an account)
  staff.hant = await strapi.documents(UID('staff-member')).create({ data: staffData({ fullName: '黃志明', department: 'doctor', preferredLanguage: 'zh-Hant' }) });
  staff.hans = await strapi.documents(UID('staff-member')).create({ data: staffData({ fullName: '张佳颖', department: 'nurse', preferredLanguage: 'zh-Hans' }) });
  staff.en = await strapi.documents(UID('staff-member')).create({ data: staffData({ fullName: 'Amy Chen', department: 'beautician', preferredLanguage: 'en' }) });

  const botox = await publishTreatment(strapi, { name: '肉毒桿菌素注射', slug: 'botox-recall' });
  for (const [key, name] of [['a', '周小姐'], ['b', '許先生'], ['c', 'Sarah Thompson']]) {
    clients[key] = await strapi.documents(UID('client')).create({ data: clientData({ fullName: name, allergies: 'SECRET-ALLERGY 盤尼西林' }) });
    await signConsent(strapi, clients[key], botox);
  }
  const day = 86_400_000;
  const record = (key: string, client: string, practitioner: any, batches: string[], daysAgo: number) =>
    strapi.documents(UID('treatment-record')).create({
      data: { recordNumber: `TR-RC-${key}`, client: clients[client].documentId, treatment: botox.documentId, practitioner: practitioner.documentId, performedAt: new Date(Date.now() - daysAgo * day).toISOString(), productBatchNumbers: batches, notes: 'SECRET-NOTE 抬頭紋 20U' },
    }).then((r: any) => (records[key] = r));
  await record('A1', 'a', staff.en, ['BTX-2026-0815'], 20);
  await record('A2', 'a', staff.hant, ['ｂｔｘ－２０２６－０８１５'], 5); // the same client again, newer: the call is the practitioner of this one
  await record('B1', 'b', staff.hans, ['HA-1', ' btx-2026-0815 '], 10);
  await record('C1', 'c', staff.en, ['BTX-2026-0815'], 8);
  await record('C2', 'c', staff.hant, ['BTX-2026-08150'], 3); // another batch: not part of the recall
  await record('X', 'b', staff.hans, [], 2);
  complaint = await strapi.documents(UID('complaint')).create({
    data: { contactName: '許先生', client: clients.b.documentId, channel: 'phone', category: 'product_reaction', severity: 'high', description: '注射後眼皮紅腫發癢', productBatchNumber: 'Btx-2026-0815' },
  });
  // the ladder's own e-mails for these records go out first: the recall's are counted alone below
  await sendAll();
});
afterAll(async () => {
  await stopStrapi(app);
  await inbox.stop();
});

describe('search by batch', () => {
  it('finds every record that used the batch however it was typed, with client, treatment, date and practitioner, and nothing clinical', async () => {
    for (const typed of ['BTX-2026-0815', '  btx-2026-0815', 'ＢＴＸ－２０２６－０８１５']) {
      const res = await get('doctor', `/clinic-crm/recalls/search?batch=${encodeURIComponent(typed)}`);
      expect(res.status).toBe(200);
      expect(res.body.data.batchKey).toBe('BTX-2026-0815');
      expect(res.body.data.records.map((r: any) => r.recordNumber).sort()).toEqual(['TR-RC-A1', 'TR-RC-A2', 'TR-RC-B1', 'TR-RC-C1']);
      expect(res.body.data.clients).toBe(3);
    }
    const res = await get('manager', `/clinic-crm/recalls/search?batch=btx-2026-0815`);
    const b1 = res.body.data.records.find((r: any) => r.recordNumber === 'TR-RC-B1');
    expect(b1).toMatchObject({ treatment: '肉毒桿菌素注射', client: { fullName: '許先生', clientNumber: clients.b.clientNumber }, practitioner: { fullName: '张佳颖', department: 'nurse' } });
    expect(b1.performedAt).toBeTruthy();
    expect(JSON.stringify(res.body)).not.toMatch(/SECRET|allergies|notes|medications/);
    const none = await get('doctor', `/clinic-crm/recalls/search?batch=BTX-2026`);
    expect(none.body.data).toMatchObject({ records: [], clients: 0 });
  });

  it('refuses other roles (403) and bad input (400 naming the field)', async () => {
    for (const who of ['nurse', 'frontDesk']) {
      expect((await get(who, '/clinic-crm/recalls/search?batch=BTX-2026-0815')).status).toBe(403);
      expect((await post(who, { batchNumber: 'BTX-2026-0815', reason: '廠商通知此批號有過敏案例' })).status).toBe(403);
      expect((await get(who, '/clinic-crm/recalls')).status).toBe(403);
    }
    const noBatch = await get('doctor', '/clinic-crm/recalls/search');
    expect(noBatch.status).toBe(400);
    expect(pathsOf(noBatch)).toEqual(['batch']);
    const empty = await post('doctor', {});
    expect(empty.status).toBe(400);
    expect(pathsOf(empty).sort()).toEqual(['batchNumber', 'reason']);
    const tooLong = await post('doctor', { batchNumber: 'X'.repeat(65), reason: '廠商通知此批號有過敏案例' });
    expect(pathsOf(tooLong)).toEqual(['batchNumber']);
    const noComplaint = await post('doctor', { complaint: 'nope-not-a-complaint', reason: '廠商通知此批號有過敏案例' });
    expect(noComplaint.status).toBe(400);
    expect(pathsOf(noComplaint)).toEqual(['complaint']);
    expect(await strapi.db.query(UID('batch-recall')).count()).toBe(0);
    expect(await recallTasks()).toHaveLength(0);
  });
});

describe('running the recall', () => {
  it('opens one check-up per client with the reason, e-mailed once in the assignee’s language; the opener is the session’s; a re-run opens and sends nothing twice', async () => {
    inbox.clear();
    const reason = '廠商通知此批號有過敏反應案例，請確認客戶狀況';
    const inAnotherName = await post('doctor', { complaint: complaint.documentId, reason, openedBy: people.manager.member.documentId });
    expect(inAnotherName.status).toBe(403);
    expect(pathsOf(inAnotherName)).toEqual(['openedBy']);
    expect(await strapi.db.query(UID('batch-recall')).count()).toBe(0);

    // from the complaint: its batch number, no batch typed
    const opened = await post('doctor', { complaint: complaint.documentId, reason, openedBy: people.doctor.member.documentId });
    expect(opened.status).toBe(201);
    const recall = opened.body.data;
    expect(recall).toMatchObject({ batchNumber: 'Btx-2026-0815', batchKey: 'BTX-2026-0815', reason, recordsMatched: 4, clientsMatched: 3, tasksOpened: 3, complaint: { documentId: complaint.documentId }, openedBy: { documentId: people.doctor.member.documentId } });
    expect(recall.referenceNumber).toMatch(/^RC-\d{8}-[0-9A-F]{5}$/);
    const stored = await strapi.db.query(UID('batch-recall')).findOne({ where: { documentId: recall.documentId }, populate: { openedBy: true } });
    expect(stored.openedBy.documentId).toBe(people.doctor.member.documentId);
    expect(stored.openedByAccount).toBe(people.doctor.email);

    // one task per client, to the practitioner of the client's newest record with the batch
    const tasks = await recallTasks();
    expect(tasks).toHaveLength(3);
    const taskOf = (client: string) => tasks.find((t: any) => t.idempotencyKey === `recall:BTX-2026-0815:${clients[client].documentId}`);
    expect(taskOf('a')).toMatchObject({ taskStatus: 'pending', channel: 'phone', assignee: { documentId: staff.hant.documentId }, treatmentRecord: { documentId: records.A2.documentId } });
    expect(taskOf('b').assignee.documentId).toBe(staff.hans.documentId);
    expect(taskOf('c').assignee.documentId).toBe(staff.en.documentId);
    expect(taskOf('a').purpose).toContain(reason);
    expect(taskOf('a').purpose).toContain('TR-RC-A1');
    expect(recall.tasks.every((t: any) => t.created && t.taskStatus === 'pending')).toBe(true);

    await sendAll();
    await inbox.waitFor(3);
    expect(inbox.messages).toHaveLength(3);
    const to = (email: string) => inbox.messages.find((m) => m.to.includes(email))!;
    const hant = to(staff.hant.email);
    expect(hant.subject).toBe(`【批號召回回訪】周小姐 · 批號 Btx-2026-0815`);
    expect(hant.text).toContain(reason);
    expect(hant.text).toContain('TR-RC-A1');
    expect(hant.text).toContain('TR-RC-A2');
    expect(hant.text).toContain(clients.a.phone);
    expect(to(staff.hans.email).subject).toBe('【批号召回回访】許先生 · 批号 Btx-2026-0815');
    expect(to(staff.en.email).subject).toBe('[Batch recall check-up] Sarah Thompson · batch Btx-2026-0815');
    for (const m of inbox.messages) expect(m.text + m.html).not.toMatch(/SECRET/);

    // the manager runs it again, typed another way: nothing opened, nothing sent twice
    inbox.clear();
    const again = await post('manager', { batchNumber: ' ＢＴＸ－２０２６－０８１５ ', reason: '再次確認此批號的客戶' });
    expect(again.status).toBe(201);
    expect(again.body.data).toMatchObject({ tasksOpened: 0, clientsMatched: 3, openedBy: { documentId: people.manager.member.documentId }, complaint: null });
    expect(again.body.data.tasks.map((t: any) => t.created)).toEqual([false, false, false]);
    expect(again.body.data.tasks.map((t: any) => t.documentId).sort()).toEqual(recall.tasks.map((t: any) => t.documentId).sort());
    await sendAll();
    expect(inbox.messages).toHaveLength(0);
    expect(await recallTasks()).toHaveLength(3);
    expect(await recallMails()).toHaveLength(3);

    // past recalls, newest first; the detail reads names and task status now
    const list = await get('doctor', '/clinic-crm/recalls');
    expect(list.body.data.map((r: any) => r.documentId)).toEqual([again.body.data.documentId, recall.documentId]);
    const detail = await get('manager', `/clinic-crm/recalls/${recall.documentId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.data.tasks.map((t: any) => t.client.fullName).sort()).toEqual(['Sarah Thompson', '周小姐', '許先生'].sort());
    expect(JSON.stringify(detail.body)).not.toMatch(/SECRET/);
  });

  it('is evidence: each run sealed in the ledger, which verifies; the row cannot be changed by the API or by SQL', async () => {
    const recalls = await strapi.db.query(UID('batch-recall')).findMany({ select: ['documentId'] });
    expect(recalls).toHaveLength(2);
    const entries = await strapi.db.query(UID('ledger-entry')).findMany({ where: { kind: 'recall' }, select: ['subjectId', 'payload'] });
    expect(entries.map((e: any) => e.subjectId).sort()).toEqual(recalls.map((r: any) => r.documentId).sort());
    const first = entries.find((e: any) => e.payload.complaint);
    expect(first.payload).toMatchObject({ batchKey: 'BTX-2026-0815', openedBy: people.doctor.member.documentId, complaint: complaint.documentId });
    expect(await svc('ledger-verify').verify({ rows: true })).toMatchObject({ ok: true, changedRows: [], unsealedRows: [] });

    const target = recalls[0].documentId;
    expect(await refusal(strapi.documents(UID('batch-recall')).update({ documentId: target, data: { reason: '改寫' } }))).toMatch(/cannot be written/);
    expect(await refusal(strapi.documents(UID('batch-recall')).delete({ documentId: target }))).toMatch(/cannot be written/);
    const table = strapi.db.metadata.get(UID('batch-recall')).tableName;
    expect(await refusal(strapi.db.connection.raw(`UPDATE ${table} SET reason = 'x'`))).toMatch(/append-only/);
    expect(await refusal(strapi.db.connection.raw(`DELETE FROM ${table}`))).toMatch(/append-only/);
    expect(await strapi.db.query(UID('batch-recall')).count()).toBe(2);
  });
});
