import request from 'supertest';
import { bootStrapi, stopStrapi, Booted } from '../helpers/strapi';
import { Inbox } from '../helpers/smtp';
import { adminSession } from '../helpers/auth';
import { UID, clientData, staffData, publishTreatment, signConsent } from '../helpers/fixtures';
import { fromWallTime } from '../../packages/strapi-plugin-clinic-crm/server/src/core/time/time';

let app: Booted;
let strapi: any;
let inbox: Inbox;
let admin: { email: string; auth: Record<string, string> };
const staff: Record<string, any> = {};
const HOUR = 3_600_000;
const svc = (name: string) => strapi.plugin('clinic-crm').service(name);
let ipSeq = 0;
// each submission from its own address, so that only the rate-limit test meets the limit
const intake = (body: unknown) => request(app.http).post('/api/clinic-crm/complaints').set('X-Forwarded-For', `203.0.113.${++ipSeq}`).send(body);
const row = (documentId: string) =>
  strapi.db.query(UID('complaint')).findOne({ where: { documentId }, populate: { assignee: true, events: { orderBy: { id: 'asc' } }, routingRule: true } });
const transition = (documentId: string, body: Record<string, unknown>) =>
  request(app.http).post(`/clinic-crm/complaints/${documentId}/transition`).set(admin.auth).send(body);
const tpe = (date: string, time: string) => {
  const [y, m, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  return fromWallTime({ year: y, month: m, day: d, hour: h, minute: mi, second: 0, millisecond: 0 }, 'Asia/Taipei');
};
const validForm = (over: Record<string, unknown> = {}) => ({
  name: '周小姐',
  phone: '0912-345-678',
  email: 'chou@example.com',
  category: 'price_billing',
  description: '結帳時多收了一筆未告知的麻醉藥膏費用。',
  consentToContact: true,
  ...over,
});

beforeAll(async () => {
  inbox = await Inbox.start();
  // the website sits behind a proxy: IS_PROXIED makes ctx.ip the X-Forwarded-For address
  app = await bootStrapi({ SMTP_PORT: String(inbox.port), EMAIL_FROM: 'Clinic CRM <no-reply@clinic.test>', IS_PROXIED: 'true' });
  strapi = app.strapi;
  admin = await adminSession(strapi);
  const mk = async (key: string, over: Record<string, unknown>) => (staff[key] = await strapi.documents(UID('staff-member')).create({ data: staffData(over) }));
  await mk('frontDesk', { fullName: '林美君', department: 'front_desk' });
  await mk('beautician', { fullName: '王雅雯', department: 'beautician' });
  await mk('nurse', { fullName: '李淑芬', department: 'nurse' });
  await mk('doctor', { fullName: '黃志明', department: 'doctor' });
  await mk('doctor2', { fullName: 'Dr. Carter', department: 'doctor', preferredLanguage: 'en' });
  await mk('manager', { fullName: '吳俊賢', department: 'management' });
});
afterAll(async () => {
  await stopStrapi(app);
  await inbox.stop();
});
beforeEach(() => inbox.clear());

describe('public intake: POST /api/clinic-crm/complaints', () => {
  it('accepts a valid form, answers with a reference only, and routes the complaint', async () => {
    const res = await intake({ data: validForm() });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body.data).sort()).toEqual(['message', 'receivedAt', 'referenceNumber', 'status']);
    expect(res.body.data.referenceNumber).toMatch(/^CMP-\d{8}-[0-9A-F]{8}$/);
    const c = await strapi.db.query(UID('complaint')).findOne({ where: { referenceNumber: res.body.data.referenceNumber }, populate: { assignee: true, events: true } });
    expect(c).toMatchObject({ channel: 'website', category: 'price_billing', department: 'front_desk', workflowStatus: 'received', contactPhone: '0912-345-678' });
    expect(c.assignee.documentId).toBe(staff.frontDesk.documentId);
    expect(c.events.map((e: any) => e.type).sort()).toEqual(['received', 'routed']);
    expect(new Date(c.firstResponseDueAt).getTime()).toBeGreaterThan(new Date(c.receivedAt).getTime());
    await svc('dispatcher').drain();
    await inbox.waitFor(1);
    expect(inbox.messages[0].to).toContain(staff.frontDesk.email);
    expect(inbox.messages[0].subject).toBe(`【客訴分派】 ${c.referenceNumber} · 價格與收費 · medium`);
  });

  it('emits the created complaint to Strapi’s webhooks as the document service would: without its private phone, e-mail and description', async () => {
    const seen: any[] = [];
    const listener = (event: any) => event.uid === UID('complaint') && seen.push(event);
    strapi.eventHub.on('entry.create', listener);
    try {
      const res = await intake({ data: validForm() });
      expect(res.status).toBe(201);
      for (let i = 0; i < 50 && seen.length === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
      expect(seen).toHaveLength(1);
      expect(seen[0].entry).toMatchObject({ referenceNumber: res.body.data.referenceNumber, channel: 'website', category: 'price_billing' });
      for (const field of ['contactPhone', 'contactEmail', 'description']) expect(seen[0].entry).not.toHaveProperty(field);
      expect(JSON.stringify(seen[0])).not.toContain('0912-345-678');
    } finally {
      strapi.eventHub.removeListener('entry.create', listener);
    }
  });

  it('refuses bad input with a 400 naming every bad field, and creates nothing', async () => {
    const before = await strapi.db.query(UID('complaint')).count();
    const res = await intake({ data: { name: '', email: 'not-an-email', phone: 'call me', category: 'weather', description: 'short', consentToContact: 'yes', isAdmin: true } });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.errors.map((e: any) => e.path.join('.')).sort();
    expect(paths).toEqual(['category', 'consentToContact', 'description', 'email', 'isAdmin', 'name', 'phone']);
    expect(res.text).not.toMatch(/\bat \S+\.js/);
    const noContact = await intake({ data: validForm({ phone: undefined, email: undefined }) });
    expect(noContact.status).toBe(400);
    expect(noContact.body.error.details.errors[0].path).toEqual(['phone']);
    expect((await intake('not json at all')).status).toBe(400);
    expect((await intake({ data: validForm({ description: 'x'.repeat(4001) }) })).status).toBe(400);
    expect(await strapi.db.query(UID('complaint')).count()).toBe(before);
  });

  it('a filled honeypot gets a normal-looking answer and stores nothing', async () => {
    const before = await strapi.db.query(UID('complaint')).count();
    const res = await intake({ data: validForm({ website: 'http://spam.example' }) });
    expect(res.status).toBe(201);
    expect(res.body.data.referenceNumber).toMatch(/^CMP-/);
    expect(await strapi.db.query(UID('complaint')).count()).toBe(before);
  });

  it('is rate limited per IP address', async () => {
    const cfg = strapi.config.get('plugin::clinic-crm.complaints');
    strapi.config.set('plugin::clinic-crm.complaints', { ...cfg, intakeRateLimit: { max: 2, windowMs: 60_000 } });
    try {
      const from = (ip: string) => request(app.http).post('/api/clinic-crm/complaints').set('X-Forwarded-For', ip).send({ data: validForm() });
      expect((await from('198.51.100.1')).status).toBe(201);
      expect((await from('198.51.100.1')).status).toBe(201);
      const third = await from('198.51.100.1');
      expect(third.status).toBe(429);
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
      expect(third.body.error.name).toBe('RateLimitError');
      expect((await from('198.51.100.2')).status).toBe(201); // another address is not affected
    } finally {
      strapi.config.set('plugin::clinic-crm.complaints', cfg);
    }
  });
});

describe('routing', () => {
  const create = (data: Record<string, unknown>) =>
    strapi.documents(UID('complaint')).create({ data: { contactName: '測試', channel: 'phone', description: '測試內容', severity: 'medium', ...data } });

  it.each([
    ['service_attitude', 'medium', 'management', 24],
    ['price_billing', 'low', 'front_desk', 24],
    ['hygiene_safety', 'high', 'nurse', 24],
    ['privacy', 'medium', 'management', 24],
    ['side_effect', 'medium', 'doctor', 48],
    ['product_reaction', 'low', 'doctor', 48],
    ['result_below_expectation', 'medium', 'doctor', 48],
    // high/critical side effects and product reactions run round the clock: tests/integration/on-call.test.ts
    ['result_below_expectation', 'critical', 'doctor', 4],
  ])('%s / %s → %s, first response %i business hours', async (category, severity, department, hours) => {
    const c = await create({ category, severity });
    const r = await row(c.documentId);
    expect(r.department).toBe(department);
    expect(Number(r.routingRule.firstResponseHours)).toBe(hours);
    const cal = svc('complaints').calendar();
    const { slaDeadline } = await import('../../packages/strapi-plugin-clinic-crm/server/src/core/time/business-time');
    expect(new Date(r.firstResponseDueAt).toISOString()).toBe(slaDeadline({ receivedAt: new Date(r.receivedAt), pausedMinutes: 0 }, hours, cal).toISOString());
  });

  it('urgent medical complaints alert every doctor at once', async () => {
    const c = await create({ category: 'side_effect', severity: 'high', contactName: '許先生' });
    await svc('dispatcher').drain();
    await inbox.waitFor(3); // assignment + two doctor alerts
    const alerts = inbox.messages.filter((m) => (m.subject.startsWith('【醫療客訴】') || m.subject.startsWith('[Medical complaint]')) && m.subject.includes(c.referenceNumber));
    expect(alerts.map((m) => m.to).sort()).toEqual([staff.doctor.email, staff.doctor2.email].sort());
    expect(alerts.every((m) => m.subject.includes(c.referenceNumber))).toBe(true);
  });

  it('administrators edit the rules and the next complaint follows them; reassignment keeps the deadlines', async () => {
    const rule = await strapi.db.query(UID('routing-rule')).findOne({ where: { category: 'other', severity: 'any' } });
    await strapi.documents(UID('routing-rule')).update({ documentId: rule.documentId, data: { department: 'management', firstResponseHours: 8 } });
    const c = await create({ category: 'other' });
    const r = await row(c.documentId);
    expect(r.department).toBe('management');
    expect(r.assignee.documentId).toBe(staff.manager.documentId);
    const due = r.firstResponseDueAt;
    await strapi.documents(UID('complaint')).update({ documentId: c.documentId, data: { assignee: staff.frontDesk.documentId } });
    const after = await row(c.documentId);
    expect(after.assignee.documentId).toBe(staff.frontDesk.documentId);
    expect(after.firstResponseDueAt).toEqual(due);
    const edit = await strapi.documents(UID('complaint')).update({ documentId: c.documentId, data: { firstResponseDueAt: new Date(Date.now() + 99 * HOUR).toISOString() } }).catch((e: any) => e);
    expect(edit.details.errors[0].path).toEqual(['firstResponseDueAt']);
  });
});

describe('workflow', () => {
  it('validates every transition and writes each to the timeline', async () => {
    const c = await strapi.documents(UID('complaint')).create({ data: { contactName: '鄭女士', channel: 'walk_in', category: 'price_billing', description: '費用疑問', severity: 'low' } });
    const skip = await transition(c.documentId, { to: 'closed' });
    expect(skip.status).toBe(400);
    expect(skip.body.error.details.errors[0].path).toEqual(['to']);
    expect((await transition(c.documentId, { to: 'investigating', note: '櫃檯了解狀況' })).status).toBe(200);
    const noTypes = await transition(c.documentId, { to: 'resolution_proposed' });
    expect(noTypes.body.error.details.errors[0].path).toEqual(['resolution', 'types']);
    expect((await transition(c.documentId, { to: 'resolution_proposed', resolution: { types: ['refund'], refundAmount: 8000, notes: '退還麻醉藥膏費用' } })).status).toBe(200);
    // a front-desk user (not a manager) cannot execute a refund above the threshold alone
    const asFrontDesk = (body: Record<string, unknown>) =>
      svc('complaints').transition(c.documentId, body, { label: staff.frontDesk.email, isManager: false }).catch((e: any) => e);
    const unapproved = await asFrontDesk({ to: 'resolution_executed' });
    expect(unapproved.details.errors[0].path).toEqual(['approvedBy']);
    // naming a manager as the approver does not make it approved: a 403 naming the field, nothing written
    const named = await asFrontDesk({ to: 'resolution_executed', approvedBy: staff.manager.documentId });
    expect(named.name).toBe('PolicyError');
    expect(named.details.errors[0].path).toEqual(['approvedBy']);
    const frontDeskSession = await adminSession(strapi, 'clinic-crm-front-desk');
    const overHttp = await request(app.http).post(`/clinic-crm/complaints/${c.documentId}/transition`).set(frontDeskSession.auth).send({ to: 'resolution_executed', approvedBy: staff.manager.documentId });
    expect(overHttp.status).toBe(403);
    expect(overHttp.body.error.details.errors[0].path).toEqual(['approvedBy']);
    expect((await row(c.documentId)).workflowStatus).toBe('resolution_proposed');
    // the manager approves by executing it, signed in as themselves
    const managerSession = await adminSession(strapi, 'clinic-crm-manager');
    const approved = await request(app.http).post(`/clinic-crm/complaints/${c.documentId}/transition`).set(managerSession.auth).send({ to: 'resolution_executed' });
    expect(approved.status).toBe(200);
    expect(approved.body.data.workflowStatus).toBe('resolution_executed');
    const r = await row(c.documentId);
    expect(r).toMatchObject({ workflowStatus: 'resolution_executed', refundAmount: 8000, resolutionTypes: ['refund'] });
    expect(r.firstRespondedAt).toBeTruthy();
    expect(r.resolvedAt).toBeTruthy();
    expect(r.events.filter((e: any) => e.type === 'status_changed').map((e: any) => [e.fromStatus, e.toStatus])).toEqual([
      ['received', 'investigating'],
      ['investigating', 'resolution_proposed'],
      ['resolution_proposed', 'resolution_executed'],
    ]);
    expect(r.events.every((e: any) => e.actor)).toBe(true);
  });

  it('the admin panel cannot skip steps either, nor delete a complaint', async () => {
    const c = await strapi.documents(UID('complaint')).create({ data: { contactName: 'x', channel: 'phone', category: 'other', description: 'x', severity: 'low' } });
    const res = await request(app.http).put(`/content-manager/collection-types/${UID('complaint')}/${c.documentId}`).set(admin.auth).send({ workflowStatus: 'closed' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['to']);
    const ok = await request(app.http).put(`/content-manager/collection-types/${UID('complaint')}/${c.documentId}`).set(admin.auth).send({ workflowStatus: 'investigating' });
    expect(ok.status).toBe(200);
    expect((await row(c.documentId)).events.map((e: any) => e.type)).toContain('status_changed');
    const del = await request(app.http).delete(`/content-manager/collection-types/${UID('complaint')}/${c.documentId}`).set(admin.auth);
    expect(del.status).toBe(400);
    expect(await row(c.documentId)).toBeTruthy();
  });
});

describe('SLA clocks', () => {
  const weekday = { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']] };
  beforeAll(() => strapi.config.set('plugin::clinic-crm.businessCalendar', { openingHours: weekday, holidays: ['2026-12-25'] }));
  afterAll(() => strapi.config.set('plugin::clinic-crm.businessCalendar', null));

  it('computes deadlines in business time, warns once before breach, escalates once at breach, keeps `breached`', async () => {
    // Friday 2026-12-04 16:00 Taipei; price_billing: 24 business hours of 9-hour days → 2 + 9 + 9 + 4 → Wed 2026-12-09 13:00
    const c = await strapi.documents(UID('complaint')).create({
      data: { contactName: '蔡先生', channel: 'phone', category: 'price_billing', description: '帳單疑問', severity: 'low', receivedAt: tpe('2026-12-04', '16:00').toISOString() },
    });
    let r = await row(c.documentId);
    expect(new Date(r.firstResponseDueAt)).toEqual(tpe('2026-12-09', '13:00'));
    const due = new Date(r.firstResponseDueAt).getTime();
    const complaints = svc('complaints');

    await complaints.checkSla(new Date(due - 3 * HOUR)); // too early
    await complaints.checkSla(new Date(due - HOUR)); // within the 2 h warning window
    await complaints.checkSla(new Date(due - HOUR / 2)); // again: no second warning
    await complaints.checkSla(new Date(due + 60_000)); // breach → level 1
    await complaints.checkSla(new Date(due + 2 * HOUR)); // no repeat
    await svc('dispatcher').drain();
    await inbox.waitFor(2);
    await new Promise((res) => setTimeout(res, 200));
    const mine = inbox.messages.filter((m) => m.subject.includes(c.referenceNumber));
    expect(mine.filter((m) => m.subject.startsWith('【客訴即將逾期】'))).toHaveLength(1);
    const escalations = mine.filter((m) => m.subject.startsWith('【客訴升級】'));
    expect(escalations).toHaveLength(1);
    expect(escalations[0].to).toContain(staff.manager.email);
    r = await row(c.documentId);
    expect(r).toMatchObject({ breached: true, firstResponseBreached: true, escalationLevel: 1 });
    expect(r.events.map((e: any) => e.type)).toContain('escalated');

    // answering late does not clear the breach
    await transition(c.documentId, { to: 'investigating' });
    expect((await row(c.documentId)).breached).toBe(true);
  });

  it('pauses while waiting on the client and moves the deadlines by the business time paused', async () => {
    const c = await strapi.documents(UID('complaint')).create({
      data: { contactName: '劉小姐', channel: 'email', category: 'privacy', description: '個資疑慮', severity: 'low', receivedAt: tpe('2026-12-07', '09:00').toISOString() },
    });
    const before = await row(c.documentId);
    expect(new Date(before.firstResponseDueAt)).toEqual(tpe('2026-12-09', '15:00')); // 24 h of 9 h days
    const paused = await request(app.http).post(`/clinic-crm/complaints/${c.documentId}/pause`).set(admin.auth);
    expect(paused.status).toBe(200);
    // paused on Monday 10:00, resumed on Tuesday 11:00: 8 h Monday + 2 h Tuesday = 10 business hours
    await strapi.db.query(UID('complaint')).update({ where: { documentId: c.documentId }, data: { pausedSince: tpe('2026-12-07', '10:00') } });
    await svc('complaints').checkSla(tpe('2026-12-30', '10:00')); // paused: no escalation however late
    expect((await row(c.documentId)).escalationLevel).toBe(0);
    await svc('complaints').resume(c.documentId, 'test', tpe('2026-12-08', '11:00'));
    const after = await row(c.documentId);
    expect(after.pausedMinutes).toBe(600);
    expect(after.pausedSince).toBeNull();
    expect(new Date(after.firstResponseDueAt)).toEqual(tpe('2026-12-10', '16:00')); // 10 business hours later: Wed 15:00 + 3 h + Thu 7 h
    expect((await request(app.http).post(`/clinic-crm/complaints/${c.documentId}/resume`).set(admin.auth)).status).toBe(400);
  });
});

describe('the three case studies from the seed material, end to end', () => {
  let client: any;
  let laser: any;
  let skincare: any;
  let pigment: any;
  beforeAll(async () => {
    client = await strapi.documents(UID('client')).create({ data: clientData({ fullName: '周小姐' }) });
    laser = await publishTreatment(strapi, { slug: 'case-laser', name: '皮秒雷射' });
    skincare = await publishTreatment(strapi, { slug: 'case-skincare', name: '術後修護保養品', category: 'skin_care' });
    pigment = await publishTreatment(strapi, { slug: 'case-pigment', name: '淡斑雷射療程' });
    for (const t of [laser, skincare, pigment]) await signConsent(strapi, client, t);
  });

  const record = (treatment: any, over: Record<string, unknown> = {}) =>
    strapi.documents(UID('treatment-record')).create({
      data: { recordNumber: `TR-CASE-${Math.random().toString(36).slice(2, 8).toUpperCase()}`, client: client.documentId, treatment: treatment.documentId, practitioner: staff.beautician.documentId, performedAt: new Date(Date.now() - 3 * 24 * HOUR).toISOString(), ...over },
    });
  const steps = async (documentId: string, list: Array<Record<string, unknown>>) => {
    for (const body of list) {
      const res = await transition(documentId, body);
      expect(res.body.error).toBeUndefined();
      expect(res.status).toBe(200);
    }
  };
  const closeWithSatisfaction = async (documentId: string, score: number) => {
    const c = await row(documentId);
    const task = await strapi.db.query(UID('follow-up-task')).findOne({ where: { idempotencyKey: `complaint:${c.referenceNumber}:satisfaction` }, populate: { assignee: true, complaint: true } });
    expect(task).toMatchObject({ taskStatus: 'pending', department: 'front_desk' });
    expect(task.complaint.id).toBe(c.id);
    expect(new Date(task.dueAt).getTime() - new Date(c.closedAt).getTime()).toBeGreaterThan(2.9 * 24 * HOUR);
    const res = await request(app.http).post(`/clinic-crm/complaints/${documentId}/satisfaction`).set(admin.auth).send({ score, comment: '處理迅速,滿意' });
    expect(res.status).toBe(200);
    const done = await row(documentId);
    expect(done.satisfactionScore).toBe(score);
    expect((await strapi.db.query(UID('follow-up-task')).findOne({ where: { id: task.id } })).taskStatus).toBe('done');
    return done;
  };

  it('(1) laser redness: front desk intake → beautician review → doctor assessment → free soothing treatment → satisfaction follow-up', async () => {
    const tr = await record(laser);
    const c = await strapi.documents(UID('complaint')).create({
      data: { client: client.documentId, contactName: '周小姐', channel: 'phone', category: 'side_effect', severity: 'medium', description: '皮秒雷射後兩頰持續泛紅三天未退,擔心灼傷。', treatmentRecord: tr.documentId },
    });
    expect((await row(c.documentId)).department).toBe('doctor');
    await steps(c.documentId, [
      { to: 'investigating', note: '櫃檯安撫客戶並記錄;美容師調閱療程紀錄與術後照片' },
      { to: 'coordinating', note: '醫師評估:術後正常發炎反應,非灼傷' },
      { to: 'resolution_proposed', resolution: { types: ['free_touch_up'], notes: '免費舒緩鎮定修護療程一次' } },
      { to: 'resolution_executed', note: '已完成舒緩療程' },
      { to: 'follow_up', note: '一週後電話追蹤' },
      { to: 'closed', note: '泛紅已消退' },
    ]);
    const done = await closeWithSatisfaction(c.documentId, 5);
    expect(done.events.filter((e: any) => e.type === 'status_changed').map((e: any) => e.toStatus)).toEqual([
      'investigating', 'coordinating', 'resolution_proposed', 'resolution_executed', 'follow_up', 'closed',
    ]);
    expect(done.events.map((e: any) => e.type)).toEqual(expect.arrayContaining(['received', 'routed', 'resolution', 'satisfaction']));
  });

  it('(2) skincare product allergy: product return and fee waiver, with the product batch recorded', async () => {
    const tr = await record(skincare, { productBatchNumbers: ['SK-2026-0815'] });
    const c = await strapi.documents(UID('complaint')).create({
      data: { client: client.documentId, contactName: '許先生', channel: 'walk_in', category: 'product_reaction', severity: 'medium', description: '使用診所販售之保養品後臉部紅癢起疹。', treatmentRecord: tr.documentId, productBatchNumber: 'SK-2026-0815' },
    });
    await steps(c.documentId, [
      { to: 'investigating', note: '護理師確認產品批號與使用方式' },
      { to: 'resolution_proposed', resolution: { types: ['product_return', 'fee_waiver'], notes: '退回未使用產品並免除下次諮詢費' } },
      { to: 'resolution_executed' },
      { to: 'follow_up' },
      { to: 'closed' },
    ]);
    const done = await closeWithSatisfaction(c.documentId, 4);
    expect(done).toMatchObject({ productBatchNumber: 'SK-2026-0815', resolutionTypes: ['product_return', 'fee_waiver'], workflowStatus: 'closed' });
  });

  it('(3) pigment treatment below expectation: doctor re-plan → free trial session → follow-up', async () => {
    const tr = await record(pigment);
    const res = await intake({ data: validForm({ name: '鄭女士', category: 'result_below_expectation', description: '淡斑療程三次後效果不如預期,希望醫師重新評估。', phone: '0934-567-890' }) });
    expect(res.status).toBe(201);
    const c = await strapi.db.query(UID('complaint')).findOne({ where: { referenceNumber: res.body.data.referenceNumber } });
    // staff link the complaint to the client's record once they have found it
    await strapi.documents(UID('complaint')).update({ documentId: c.documentId, data: { client: client.documentId, treatmentRecord: tr.documentId } });
    expect((await row(c.documentId)).department).toBe('doctor');
    await steps(c.documentId, [
      { to: 'investigating', note: '醫師回診評估:色素較深層,需調整參數' },
      { to: 'resolution_proposed', resolution: { types: ['free_touch_up'], notes: '醫師重新規劃療程,提供一次免費試作' } },
      { to: 'resolution_executed', note: '已完成免費試作' },
      { to: 'follow_up', note: '一個月後回診評估' },
      { to: 'closed' },
    ]);
    await closeWithSatisfaction(c.documentId, 4);
  });
});

describe('analytics', () => {
  it('matches hand-computed figures on a seeded set', async () => {
    // Analytics over a window that only this set falls into.
    const base = tpe('2025-03-03', '10:00'); // Monday
    const t = await publishTreatment(strapi, { slug: 'analytics-pico', name: '分析用皮秒' });
    const anClient = await strapi.documents(UID('client')).create({ data: clientData() });
    await signConsent(strapi, anClient, t, { signedAt: new Date(base.getTime() - 86_400_000).toISOString() });
    const practitioner = await strapi.documents(UID('staff-member')).create({ data: staffData({ fullName: '分析用美容師', department: 'beautician' }) });
    const tr = await strapi.documents(UID('treatment-record')).create({ data: { recordNumber: 'TR-AN-1', client: anClient.documentId, treatment: t.documentId, practitioner: practitioner.documentId, performedAt: base.toISOString() } });
    const spec = [
      // category, department-by-rule, hours to first response, hours to resolution, breached, same person?
      { category: 'side_effect', first: 2, resolve: 10, breached: false, email: 'a@x.tw', record: true, month: 0 },
      { category: 'side_effect', first: 4, resolve: 30, breached: true, email: 'a@x.tw', record: true, month: 0 },
      { category: 'price_billing', first: 1, resolve: null, breached: false, email: 'b@x.tw', record: false, month: 0 },
      { category: 'price_billing', first: 8, resolve: 20, breached: true, email: 'c@x.tw', record: false, month: 1 },
      { category: 'service_attitude', first: null, resolve: null, breached: false, email: 'c@x.tw', record: false, month: 1 },
    ];
    // month boundaries are the clinic's: 2025-03-31 20:00 UTC is already April in Taipei
    const boundary = await strapi.documents(UID('complaint')).create({
      data: { contactName: 'B', contactEmail: 'd@x.tw', channel: 'phone', category: 'hygiene_safety', severity: 'low', description: 'x', receivedAt: '2025-03-31T20:00:00.000Z' },
    });
    expect(boundary.documentId).toBeTruthy();
    for (const [i, s] of spec.entries()) {
      const receivedAt = new Date(base.getTime() + s.month * 31 * 24 * HOUR + i * 60_000);
      const c = await strapi.documents(UID('complaint')).create({
        data: { contactName: `A${i}`, contactEmail: s.email, channel: 'phone', category: s.category, severity: 'low', description: 'x', receivedAt: receivedAt.toISOString(), treatmentRecord: s.record ? tr.documentId : null },
      });
      await strapi.db.query(UID('complaint')).update({
        where: { documentId: c.documentId },
        data: {
          firstRespondedAt: s.first === null ? null : new Date(receivedAt.getTime() + s.first * HOUR),
          resolvedAt: s.resolve === null ? null : new Date(receivedAt.getTime() + s.resolve * HOUR),
          breached: s.breached,
          workflowStatus: s.resolve === null ? 'investigating' : 'closed',
          // the clients of the first two resolved complaints answered the satisfaction call: 5 and 2
          satisfactionScore: i === 0 ? 5 : i === 1 ? 2 : null,
        },
      });
    }
    const res = await request(app.http).get('/clinic-crm/complaints/analytics?from=2025-03-01&to=2025-05-01').set(admin.auth);
    expect(res.status).toBe(200);
    const a = res.body.data;
    expect(a.total).toBe(6);
    expect(a.byCategory).toEqual({ side_effect: 2, price_billing: 2, service_attitude: 1, hygiene_safety: 1 });
    expect(a.byDepartment).toEqual({ doctor: 2, front_desk: 2, management: 1, nurse: 1 });
    expect(a.byStatus).toEqual({ closed: 3, investigating: 2, received: 1 });
    expect(a.byMonth).toEqual({ '2025-03': 3, '2025-04': 3 });
    expect(a.medianHoursToFirstResponse).toBe(3); // 1, 2, 4, 8 → (2 + 4) / 2
    expect(a.medianHoursToResolution).toBe(20); // 10, 20, 30
    expect(a.slaBreachRate).toBe(0.3333); // 2 of 6
    expect(a.repeatComplainants.count).toBe(2); // a@x.tw twice, c@x.tw twice
    expect(a.topTreatments).toEqual([{ documentId: t.documentId, name: '分析用皮秒', complaints: 2 }]);
    expect(a.bySeverity).toEqual({ low: 6 });
    expect(a.byPractitioner).toEqual([{ documentId: practitioner.documentId, name: '分析用美容師', complaints: 2 }]);
    expect(a.satisfactionAfterResolution).toEqual({ responses: 2, average: 3.5, satisfiedRate: 0.5 });
    // in business time (Mon–Fri 10:00–20:00): March only — received Monday 10:00, 10:01, 10:02;
    // first responses after 2, 4 and 1 h; resolved after 10 h (20:00 Monday: 10 business hours) and
    // 30 h (16:01 Tuesday: 9 h 59 min + 6 h 01 min = 16 business hours)
    const march = (await request(app.http).get('/clinic-crm/complaints/analytics?from=2025-03-01&to=2025-03-31').set(admin.auth)).body.data;
    expect(march.medianHoursToResolution).toBe(20);
    expect(march.medianBusinessHoursToResolution).toBe(13);
    expect(march.medianBusinessHoursToFirstResponse).toBe(2);

    expect((await request(app.http).get('/clinic-crm/complaints/analytics?from=yesterday').set(admin.auth)).status).toBe(400);
    expect((await request(app.http).get('/clinic-crm/complaints/analytics')).status).toBe(401);
  });
});
