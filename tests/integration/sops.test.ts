import request from 'supertest';
import { bootStrapi, stopStrapi, Booted } from '../helpers/strapi';
import { Inbox } from '../helpers/smtp';
import { adminSession, apiUser, grant } from '../helpers/auth';
import { UID, staffData } from '../helpers/fixtures';

let app: Booted;
let strapi: any;
let inbox: Inbox;
let admin: { email: string; auth: Record<string, string> };
const staff: Record<string, any> = {};
const S = UID('sop-document');
const sopData = (over: Record<string, unknown> = {}) => ({
  title: '雷射操作流程',
  code: `SOP-${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
  stage: 'treatment',
  department: 'nurse',
  version: 1,
  body: '一、核對客戶身分。二、確認禁忌症。',
  effectiveDate: '2026-01-01',
  reviewDate: '2027-01-01',
  ...over,
});

beforeAll(async () => {
  inbox = await Inbox.start();
  app = await bootStrapi({ SMTP_PORT: String(inbox.port), EMAIL_FROM: 'Clinic CRM <no-reply@clinic.test>' });
  strapi = app.strapi;
  admin = await adminSession(strapi);
  staff.nurseA = await strapi.documents(UID('staff-member')).create({ data: staffData({ fullName: '李淑芬', department: 'nurse' }) });
  staff.nurseB = await strapi.documents(UID('staff-member')).create({ data: staffData({ fullName: '陳護理師', department: 'nurse', email: 'nurse.chen@clinic.test' }) });
  staff.manager = await strapi.documents(UID('staff-member')).create({ data: staffData({ fullName: '吳俊賢', department: 'management', preferredLanguage: 'en' }) });
});
afterAll(async () => {
  await stopStrapi(app);
  await inbox.stop();
});

describe('SOP versions', () => {
  it('each publish of changed text is a new version; the previous text stays readable', async () => {
    const sop = await strapi.documents(S).create({ status: 'published', data: sopData() });
    expect(sop.version).toBe(1);
    await strapi.documents(S).update({ documentId: sop.documentId, data: { body: '一、核對客戶身分。二、確認禁忌症。三、記錄產品批號。' }, status: 'published' });
    const v2 = await strapi.documents(S).findOne({ documentId: sop.documentId, status: 'published' });
    expect(v2.version).toBe(2);
    expect(v2.previousVersions).toEqual([expect.objectContaining({ version: 1, body: '一、核對客戶身分。二、確認禁忌症。' })]);
    await strapi.documents(S).update({ documentId: sop.documentId, data: { reviewDate: '2027-06-01' }, status: 'published' }); // no text change
    expect((await strapi.documents(S).findOne({ documentId: sop.documentId, status: 'published' })).version).toBe(2);
  });
});

describe('acknowledgement', () => {
  it('staff acknowledge the current version; a new version resets it; managers see who is missing', async () => {
    const sop = await strapi.documents(S).create({ status: 'published', data: sopData() });
    // nurse A, signed in to the admin panel as herself, acknowledges; naming nurse B instead is a 403
    const nurseA = await adminSession(strapi, 'clinic-crm-nurse');
    const nurseAUser = await strapi.db.query('admin::user').findOne({ where: { email: nurseA.email } });
    await strapi.db.query(UID('staff-member')).update({ where: { documentId: staff.nurseA.documentId }, data: { adminUser: nurseAUser.id } });
    const forOther = await request(app.http).post(`/clinic-crm/sop-documents/${sop.documentId}/acknowledge`).set(nurseA.auth).send({ staff: staff.nurseB.documentId });
    expect(forOther.status).toBe(403);
    expect(forOther.body.error.details.errors[0].path).toEqual(['staff']);
    const unlinked = await request(app.http).post(`/clinic-crm/sop-documents/${sop.documentId}/acknowledge`).set(admin.auth).send({});
    expect(unlinked.status).toBe(403);
    const ack = await request(app.http).post(`/clinic-crm/sop-documents/${sop.documentId}/acknowledge`).set(nurseA.auth).send({});
    expect(ack.status).toBe(200);
    expect(ack.body.data).toMatchObject({ version: 1, acknowledged: true });
    await request(app.http).post(`/clinic-crm/sop-documents/${sop.documentId}/acknowledge`).set(nurseA.auth).send({ staff: staff.nurseA.documentId }); // naming herself is fine; idempotent
    let status = (await request(app.http).get(`/clinic-crm/sop-documents/${sop.documentId}/acknowledgements`).set(admin.auth)).body.data;
    expect(status.acknowledged.map((s: any) => s.documentId)).toEqual([staff.nurseA.documentId]);
    expect(status.missing.map((s: any) => s.documentId)).toEqual([staff.nurseB.documentId]);

    // a nurse with a staff login acknowledges over REST
    await grant(strapi, 'authenticated', ['plugin::clinic-crm.sop-actions.acknowledge']);
    const { auth } = await apiUser(strapi);
    const userEmail = (await strapi.db.query('plugin::users-permissions.user').findMany({ orderBy: { id: 'desc' }, limit: 1 }))[0].email;
    await strapi.documents(UID('staff-member')).update({ documentId: staff.nurseB.documentId, data: { email: userEmail } });
    expect((await request(app.http).post(`/api/clinic-crm/sop-documents/${sop.documentId}/acknowledge`).set(auth).send({})).status).toBe(200);
    status = (await request(app.http).get(`/clinic-crm/sop-documents/${sop.documentId}/acknowledgements`).set(admin.auth)).body.data;
    expect(status.missing).toEqual([]);

    await strapi.documents(S).update({ documentId: sop.documentId, data: { body: '新版流程:增加術前拍照。' }, status: 'published' });
    status = (await request(app.http).get(`/clinic-crm/sop-documents/${sop.documentId}/acknowledgements`).set(admin.auth)).body.data;
    expect(status.version).toBe(2);
    expect(status.acknowledged).toEqual([]);
    expect(status.missing).toHaveLength(2);

    const bad = await request(app.http).post(`/clinic-crm/sop-documents/${sop.documentId}/acknowledge`).set(nurseA.auth).send({ staff: 'nobody' });
    expect(bad.status).toBe(403);
    expect(bad.body.error.details.errors[0].path).toEqual(['staff']);
    expect((await request(app.http).post(`/api/clinic-crm/sop-documents/${sop.documentId}/acknowledge`).send({})).status).toBe(403);
  });
});

describe('overdue reviews', () => {
  it('lists SOPs past their review date for managers and emails each manager once', async () => {
    const overdue = await strapi.documents(S).create({ status: 'published', data: sopData({ title: '器械消毒', stage: 'disinfection', reviewDate: '2025-06-30' }) });
    const list = await request(app.http).get('/clinic-crm/sop-documents/review-overdue').set(admin.auth);
    expect(list.status).toBe(200);
    expect(list.body.data.map((s: any) => s.documentId)).toContain(overdue.documentId);
    expect(list.body.data.every((s: any) => s.reviewDate < '2026-11-23' || s.reviewDate < new Date().toISOString().slice(0, 10))).toBe(true);

    const sops = strapi.plugin('clinic-crm').service('sops');
    expect((await sops.remindOverdueReviews()).queued).toBeGreaterThanOrEqual(1);
    expect((await sops.remindOverdueReviews()).queued).toBe(0);
    await strapi.plugin('clinic-crm').service('dispatcher').drain();
    await inbox.waitFor(1);
    const mine = inbox.messages.filter((m) => m.subject.includes(overdue.code));
    expect(mine).toHaveLength(1);
    expect(mine[0].to).toContain(staff.manager.email);
    expect(mine[0].subject).toBe(`[SOP review due] ${overdue.code} 器械消毒 (review date 2025-06-30)`);
  });
});

describe('treatment records keep the SOP versions in force', () => {
  it('stores code and version of every SOP linked to the treatment', async () => {
    const { publishTreatment, signConsent, clientData } = await import('../helpers/fixtures');
    const sop = await strapi.documents(S).create({ status: 'published', data: sopData({ code: 'SOP-IN-FORCE' }) });
    await strapi.documents(S).update({ documentId: sop.documentId, data: { body: '第二版內容' }, status: 'published' });
    const t = await publishTreatment(strapi, { sops: [sop.documentId] });
    const client = await strapi.documents(UID('client')).create({ data: clientData() });
    await signConsent(strapi, client, t);
    const r = await strapi.documents(UID('treatment-record')).create({ data: { recordNumber: 'TR-SOP-1', client: client.documentId, treatment: t.documentId, performedAt: new Date().toISOString() } });
    expect(r.sopVersions).toEqual([{ code: 'SOP-IN-FORCE', version: 2, title: '雷射操作流程' }]);
  });
});
