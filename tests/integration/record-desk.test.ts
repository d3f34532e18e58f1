/**
 * The treatment-record screen's server side: the consent and its signed quote, the practitioners
 * qualified today, a live price, a generated record number, and the content manager's JSON text.
 */
import request from 'supertest';
import { bootStrapi, stopStrapi, Booted } from '../helpers/strapi';
import { adminSession } from '../helpers/auth';
import { UID, clientData, publishTreatment, signConsent, staffData } from '../helpers/fixtures';

let app: Booted;
let strapi: any;
let nurse: { auth: Record<string, string>; email: string };
let client: any;
let plain: any; // no certification needed
let laser: any; // needs laser-safety
let certified: any;
let uncertified: any;
let frontDesk: any;

beforeAll(async () => {
  app = await bootStrapi();
  strapi = app.strapi;
  nurse = await adminSession(strapi, 'clinic-crm-nurse', { preferedLanguage: 'zh' });
  certified = await strapi.documents(UID('staff-member')).create({ data: staffData({ fullName: '王雅雯', department: 'beautician' }) });
  uncertified = await strapi.documents(UID('staff-member')).create({ data: staffData({ fullName: '張佳穎', department: 'beautician' }) });
  frontDesk = await strapi.documents(UID('staff-member')).create({ data: staffData({ fullName: '林美君', department: 'front_desk' }) });
  const course = await strapi.documents(UID('course')).create({ data: { title: '雷射安全', category: 'professional', certificationCode: 'laser-safety', validityMonths: 12, passScore: 80 } });
  await strapi.documents(UID('training-record')).create({ data: { staff: certified.documentId, course: course.documentId, attendedOn: new Date().toISOString().slice(0, 10), score: 95 } });
  client = await strapi.documents(UID('client')).create({ data: clientData({ fullName: '周小姐' }) });
  plain = await publishTreatment(strapi, { slug: 'desk-plain', name: '深層清潔' });
  laser = await publishTreatment(strapi, { slug: 'desk-laser-cert', name: '皮秒雷射', requiredCertifications: ['laser-safety'] });
  await signConsent(strapi, client, laser, { priceSnapshot: { addOns: [{ code: 'numbing' }] } });
});
afterAll(() => stopStrapi(app));

const context = (treatment: any) => request(app.http).get('/clinic-crm/desk/record-context').query({ client: client.documentId, treatment: treatment.documentId }).set(nurse.auth);

describe('record context', () => {
  it('gives the consent with the options the client signed, and only practitioners qualified for the treatment', async () => {
    const c = (await context(laser).expect(200)).body.data;
    expect(c.consent.priceSnapshot.total).toBe(8800);
    expect(c.consent.selection).toEqual({ addOns: [{ code: 'numbing', quantity: 1 }], quantities: {}, packageCode: null });
    const names = c.practitioners.map((p: any) => p.fullName);
    expect(names).toContain('王雅雯');
    expect(names).not.toContain('張佳穎'); // no laser-safety certification
    expect(names).not.toContain('林美君'); // front desk does not perform treatments
  });

  it('says, in the staff member’s language, that no consent was signed and where to sign one', async () => {
    const c = (await context(plain).expect(200)).body.data;
    expect(c.consent).toBeNull();
    expect(c.consentProblem).toMatchObject({ path: 'consentRecord' });
    expect(c.consentProblem.message).toContain('簽署同意書');
    expect(c.practitioners.map((p: any) => p.fullName)).toEqual(expect.arrayContaining(['王雅雯', '張佳穎']));
  });
});

describe('recording the treatment', () => {
  it('prices the choice live in the client’s language', async () => {
    const q = (await request(app.http).post('/clinic-crm/desk/quote').set(nurse.auth).send({ client: client.documentId, treatment: laser.documentId, priceSnapshot: { addOns: [] } }).expect(200)).body.data;
    expect(q.total).toBe(8500);
  });

  it('creates the record with a generated number, the consent, the frozen price and the follow-up ladder', async () => {
    const res = await request(app.http)
      .post('/clinic-crm/desk/treatment-records')
      .set(nurse.auth)
      .send({ client: client.documentId, treatment: laser.documentId, practitioner: certified.documentId, performedAt: new Date().toISOString(), priceSnapshot: { addOns: [{ code: 'numbing' }] }, productBatchNumbers: ['B-123'] })
      .expect(201);
    expect(res.body.data.recordNumber).toMatch(/^TR-\d{8}-[0-9A-F]{5}$/);
    expect(res.body.data.priceSnapshot.total).toBe(8800);
    const stored = await strapi.db.query(UID('treatment-record')).findOne({ where: { documentId: res.body.data.documentId }, populate: { consentRecord: true } });
    expect(stored.consentRecord).toBeTruthy();
    expect(await strapi.db.query(UID('follow-up-task')).count({ where: { treatmentRecord: { id: stored.id } } })).toBeGreaterThan(0);
  });

  it('refuses an unqualified practitioner naming the field, and fields the server sets', async () => {
    const base = { client: client.documentId, treatment: laser.documentId, performedAt: new Date().toISOString(), priceSnapshot: {} };
    const res = await request(app.http).post('/clinic-crm/desk/treatment-records').set(nurse.auth).send({ ...base, practitioner: uncertified.documentId }).expect(400);
    expect(res.body.error.details.errors[0].path).toEqual(['practitioner']);
    const forged = await request(app.http).post('/clinic-crm/desk/treatment-records').set(nurse.auth).send({ ...base, practitioner: certified.documentId, recordNumber: 'TR-FORGED' }).expect(400);
    expect(forged.body.error.details.errors[0].path).toEqual(['recordNumber']);
  });

  it('accepts the content manager’s JSON text for the options and numbers the record', async () => {
    const res = await request(app.http)
      .post(`/content-manager/collection-types/${UID('treatment-record')}`)
      .set(nurse.auth)
      .send({ client: client.documentId, treatment: laser.documentId, practitioner: certified.documentId, performedAt: new Date().toISOString(), priceSnapshot: '{"addOns":[{"code":"numbing"}]}' });
    expect(res.status).toBe(201);
    expect(res.body.data.recordNumber).toMatch(/^TR-/);
    expect(res.body.data.priceSnapshot.total).toBe(8800);
  });
});
