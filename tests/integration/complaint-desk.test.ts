/**
 * The complaint desk's server side: phone/walk-in intake with only what staff know, the
 * complaint page's data, and workflow errors worded in the staff member's language.
 */
import request from 'supertest';
import { bootStrapi, stopStrapi, Booted } from '../helpers/strapi';
import { adminSession } from '../helpers/auth';
import { UID, clientData, publishTreatment, signConsent, staffData } from '../helpers/fixtures';

let app: Booted;
let strapi: any;
let desk: { auth: Record<string, string>; email: string };
let deskEn: { auth: Record<string, string> };
let client: any;
let other: any;
let record: any;
let othersRecord: any;

beforeAll(async () => {
  app = await bootStrapi();
  strapi = app.strapi;
  desk = await adminSession(strapi, 'clinic-crm-front-desk', { preferedLanguage: 'zh' });
  deskEn = await adminSession(strapi, 'clinic-crm-front-desk', { preferedLanguage: 'en' });
  for (const department of ['front_desk', 'doctor', 'management', 'beautician', 'nurse']) await strapi.documents(UID('staff-member')).create({ data: staffData({ department }) });
  client = await strapi.documents(UID('client')).create({ data: clientData({ fullName: '鄭雅文', preferredName: '鄭女士' }) });
  other = await strapi.documents(UID('client')).create({ data: clientData({ fullName: '林先生' }) });
  const t = await publishTreatment(strapi, { slug: 'desk-laser', name: '皮秒雷射' });
  await signConsent(strapi, client, t);
  await signConsent(strapi, other, t);
  const performedAt = new Date(Date.now() - 2 * 86_400_000).toISOString();
  record = await strapi.documents(UID('treatment-record')).create({ data: { recordNumber: 'TR-DESK-1', client: client.documentId, treatment: t.documentId, performedAt } });
  othersRecord = await strapi.documents(UID('treatment-record')).create({ data: { recordNumber: 'TR-DESK-2', client: other.documentId, treatment: t.documentId, performedAt } });
});
afterAll(() => stopStrapi(app));

const take = (body: Record<string, unknown>, who: { auth: Record<string, string> } = desk) => request(app.http).post('/clinic-crm/desk/complaints').set(who.auth).send(body);
const page = (documentId: string) => request(app.http).get(`/clinic-crm/desk/complaints/${documentId}`).set(desk.auth);
const transition = (documentId: string, body: Record<string, unknown>, who: { auth: Record<string, string> } = desk) =>
  request(app.http).post(`/clinic-crm/complaints/${documentId}/transition`).set(who.auth).send(body);

describe('phone and walk-in intake', () => {
  it('takes a complaint for a client: contact details from the client, the time it happened, the treatment; reference, routing and clock by the server', async () => {
    const occurredAt = new Date(Date.now() - 26 * 3_600_000);
    occurredAt.setSeconds(0, 0);
    const res = await take({ client: client.documentId, channel: 'phone', category: 'side_effect', severity: 'high', description: '術後第二天兩頰起水泡，很擔心。', occurredAt: occurredAt.toISOString(), treatmentRecord: record.documentId }).expect(201);
    const c = (await page(res.body.data.documentId).expect(200)).body.data;
    expect(c).toMatchObject({ channel: 'phone', category: 'side_effect', severity: 'high', contactName: '鄭女士', contactPhone: client.phone, workflowStatus: 'received', department: 'doctor', open: true });
    expect(c.referenceNumber).toMatch(/^[A-Z0-9-]{6,}$/);
    expect(new Date(c.occurredAt).toISOString()).toBe(occurredAt.toISOString());
    expect(c.client).toMatchObject({ documentId: client.documentId, clientNumber: client.clientNumber });
    expect(c.treatmentRecord).toMatchObject({ recordNumber: 'TR-DESK-1', treatment: { name: '皮秒雷射' } });
    expect(c.resolutionDueAt).toBeTruthy();
    expect(c.next).toEqual(['investigating', 'rejected', 'duplicate']);
    // the timeline says who took it: the signed-in staff member
    expect(c.events[0]).toMatchObject({ type: 'received', actor: desk.email });
  });

  it('takes a complaint from someone who is not a client with a name and a phone number', async () => {
    const res = await take({ contactName: '路人甲', contactPhone: '02-2345-6789', channel: 'walk_in', category: 'service_attitude', description: '櫃檯人員態度不佳。' }).expect(201);
    expect((await page(res.body.data.documentId)).body.data).toMatchObject({ contactName: '路人甲', channel: 'walk_in', client: null, occurredAt: null });
  });

  it('names every missing or wrong field in the staff member’s language and writes nothing', async () => {
    const before = await strapi.db.query(UID('complaint')).count();
    const res = await take({ channel: 'fax', description: '短', occurredAt: '2999-01-01T10:00' }).expect(400);
    const byPath = Object.fromEntries(res.body.error.details.errors.map((e: any) => [e.path.join('.'), e.message]));
    expect(Object.keys(byPath).sort()).toEqual(['category', 'channel', 'contactName', 'contactPhone', 'description', 'occurredAt']);
    expect(byPath.contactName).toBe('請填寫反映人姓名，或選擇客戶。');
    const en = await take({ client: client.documentId, description: 'Blisters on both cheeks.' }, deskEn).expect(400);
    expect(en.body.error.details.errors[0]).toMatchObject({ path: ['category'], message: 'Choose a category.' });
    expect(await strapi.db.query(UID('complaint')).count()).toBe(before);
  });

  it('refuses another client’s treatment record and an unknown client', async () => {
    const wrong = await take({ client: client.documentId, category: 'side_effect', description: '療程後紅腫。', treatmentRecord: othersRecord.documentId }).expect(400);
    expect(wrong.body.error.details.errors[0].path).toEqual(['treatmentRecord']);
    const unknown = await take({ client: 'nope-nope', category: 'other', description: '找不到人。' }).expect(400);
    expect(unknown.body.error.details.errors[0].path).toEqual(['client']);
  });

  it('is for staff with the complaint permission only', async () => {
    await request(app.http).post('/clinic-crm/desk/complaints').send({ contactName: 'x', contactPhone: '0912345678', category: 'other', description: 'abcdef' }).expect(401);
    await request(app.http).get('/clinic-crm/desk/complaints').expect(401);
  });
});

describe('the complaint page and its steps', () => {
  it('lists open complaints, nearest deadline first, and finds a client’s records', async () => {
    const list = (await request(app.http).get('/clinic-crm/desk/complaints').set(desk.auth).expect(200)).body.data;
    expect(list.length).toBeGreaterThanOrEqual(2);
    const dues = list.map((c: any) => new Date(c.resolutionDueAt).getTime());
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(list[0]).not.toHaveProperty('description');
    const records = (await request(app.http).get(`/clinic-crm/desk/clients/${client.documentId}/treatment-records`).set(desk.auth).expect(200)).body.data;
    expect(records.map((r: any) => r.recordNumber)).toEqual(['TR-DESK-1']);
  });

  it('words a step out of order, a missing reason and a missing resolution in the staff member’s language', async () => {
    const c = (await take({ contactName: '王先生', contactPhone: '0922-111-222', category: 'price_billing', description: '帳單金額與報價不同。' }).expect(201)).body.data;
    const jump = await transition(c.documentId, { to: 'closed' }).expect(400);
    expect(jump.body.error.details.errors[0].path).toEqual(['to']);
    expect(jump.body.error.message).toBe('目前狀態「已受理」只能改為：調查中、不受理、重複案件。');
    const noReason = await transition(c.documentId, { to: 'rejected' }).expect(400);
    expect(noReason.body.error.details.errors[0]).toMatchObject({ path: ['note'], message: '請填寫說明（至少 5 個字）。' });
    const en = await transition(c.documentId, { to: 'closed' }, deskEn).expect(400);
    expect(en.body.error.message).toBe('From “received” the complaint can go to: investigating, rejected, duplicate.');
    await transition(c.documentId, { to: 'investigating' }).expect(200);
    const noTypes = await transition(c.documentId, { to: 'resolution_proposed', resolution: { types: [] } }).expect(400);
    expect(noTypes.body.error.details.errors[0]).toMatchObject({ path: ['resolution', 'types'], message: '請至少選擇一種處理方式。' });
    await transition(c.documentId, { to: 'resolution_proposed', resolution: { types: ['fee_waiver', 'apology'], notes: '減免諮詢費並致歉' }, note: '已電話說明' }).expect(200);
    const after = (await page(c.documentId)).body.data;
    expect(after).toMatchObject({ workflowStatus: 'resolution_proposed', resolutionTypes: ['fee_waiver', 'apology'], resolutionNotes: '減免諮詢費並致歉' });
    expect(after.events.map((e: any) => e.type)).toEqual(expect.arrayContaining(['received', 'status_changed', 'resolution']));
  });
});

describe('the website complaint form', () => {
  const post = (body: Record<string, unknown>, language?: string) => {
    const req = request(app.http).post('/api/clinic-crm/complaints');
    if (language) req.set('Accept-Language', language);
    return req.send(body);
  };
  it('names the bad fields in the form’s language, else the browser’s', async () => {
    const body = { name: '陳小姐', phone: '0912-000-111', category: 'other', description: '預約時間被更改卻沒有通知我。' };
    const zh = await post({ ...body, preferredLanguage: 'zh-Hant' }).expect(400);
    expect(zh.body.error.details.errors).toEqual([expect.objectContaining({ path: ['consentToContact'], message: '請勾選同意診所就此意見與您聯繫。' })]);
    const en = await post({ ...body, preferredLanguage: 'en', consentToContact: true, email: 'bad@' }).expect(400);
    expect(en.body.error.details.errors).toEqual([expect.objectContaining({ path: ['email'], message: 'email must be an email address' })]);
    const hans = await post({ ...body, description: '太短' }, 'zh-CN,zh;q=0.9').expect(400);
    const byPath = Object.fromEntries(hans.body.error.details.errors.map((e: any) => [e.path.join('.'), e.message]));
    expect(byPath).toEqual({ description: '意见内容至少需要 10 个字。', consentToContact: '请勾选同意诊所就此意见与您联系。' });
  });
});
