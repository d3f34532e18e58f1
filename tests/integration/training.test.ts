/**
 * Training records: outcome and certification expiry computed from the course; a practitioner
 * without the certification a treatment requires (missing or expired on the day) is refused; staff
 * with a lapsed certification are flagged on the dashboard.
 */
import request from 'supertest';
import { bootStrapi, stopStrapi, Booted } from '../helpers/strapi';
import { adminSession } from '../helpers/auth';
import { clientData, publishTreatment, signConsent, staffData, UID } from '../helpers/fixtures';

let app: Booted;
let strapi: any;
let course: any;
let treatment: any;
let certified: any;
let lapsed: any;
let untrained: any;

const iso = (d: Date) => d.toISOString().slice(0, 10);
const daysAgo = (n: number) => iso(new Date(Date.now() - n * 86_400_000));

beforeAll(async () => {
  app = await bootStrapi();
  strapi = app.strapi;
  course = await strapi.documents(UID('course')).create({ data: { title: '雷射安全操作認證', category: 'professional', certificationCode: 'laser-safety', validityMonths: 12, passScore: 80 } });
  treatment = await publishTreatment(strapi, { requiredCertifications: ['laser-safety'] });
  certified = await strapi.documents(UID('staff-member')).create({ data: staffData({ fullName: '合格護理師', department: 'nurse' }) });
  lapsed = await strapi.documents(UID('staff-member')).create({ data: staffData({ fullName: '過期護理師', department: 'nurse' }) });
  untrained = await strapi.documents(UID('staff-member')).create({ data: staffData({ fullName: '新進護理師', department: 'nurse' }) });
  await strapi.documents(UID('staff-member')).create({ data: staffData({ fullName: '經理', department: 'management' }) });
});
afterAll(() => stopStrapi(app));

const train = (staff: any, attendedOn: string, score: number) =>
  strapi.documents(UID('training-record')).create({ data: { staff: staff.documentId, course: course.documentId, attendedOn, score, passed: true, certificationExpiresOn: '2999-01-01' } });

const record = async (practitioner: any) => {
  const client = await strapi.documents(UID('client')).create({ data: clientData() });
  await signConsent(strapi, client, treatment);
  return strapi.documents(UID('treatment-record')).create({
    data: { recordNumber: `TR-TRN-${Math.random().toString(36).slice(2, 9).toUpperCase()}`, client: client.documentId, treatment: treatment.documentId, practitioner: practitioner.documentId, performedAt: new Date().toISOString() },
  });
};
const pathOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return null;
  } catch (e: any) {
    return { path: e.details?.errors?.[0]?.path, message: e.message as string };
  }
};

it('computes pass and expiry from the course, whatever the caller sent', async () => {
  const failed = await train(untrained, daysAgo(10), 60);
  expect(failed).toMatchObject({ passed: false, certificationCode: null, certificationExpiresOn: null });
  const ok = await train(certified, daysAgo(30), 92);
  const expected = new Date(Date.now() - 30 * 86_400_000);
  expected.setUTCFullYear(expected.getUTCFullYear() + 1);
  expect(ok).toMatchObject({ passed: true, certificationCode: 'laser-safety' });
  expect(ok.certificationExpiresOn.slice(0, 7)).toBe(iso(expected).slice(0, 7));
  await train(lapsed, daysAgo(400), 95); // expired about a month ago
});

it('refuses a practitioner without the required certification, or with an expired one', async () => {
  const none = await pathOf(record(untrained));
  expect(none?.path).toEqual(['practitioner']);
  expect(none?.message).toContain('laser-safety');
  const old = await pathOf(record(lapsed));
  expect(old?.path).toEqual(['practitioner']);
  expect(old?.message).toMatch(/missing or expired/);
  const r = await record(certified);
  expect(r.documentId).toBeTruthy();
  // nor can the record be handed to an uncertified colleague afterwards
  const moved = await pathOf(strapi.documents(UID('treatment-record')).update({ documentId: r.documentId, data: { practitioner: untrained.documentId } }));
  expect(moved?.path).toEqual(['practitioner']);
  // the admin panel's create answers 400 naming the field too
  const doctor = await adminSession(strapi, 'clinic-crm-doctor');
  const client = await strapi.documents(UID('client')).create({ data: clientData() });
  await signConsent(strapi, client, treatment);
  const res = await request(app.http)
    .post(`/content-manager/collection-types/${UID('treatment-record')}`)
    .set(doctor.auth)
    .send({ recordNumber: 'TR-TRN-ADMIN', client: client.documentId, treatment: treatment.documentId, practitioner: lapsed.documentId, performedAt: new Date().toISOString() });
  expect(res.status).toBe(400);
  expect(res.body.error.details.errors[0].path).toEqual(['practitioner']);
});

it('flags staff whose required certification lapsed, on the dashboard', async () => {
  const flagged = await strapi.plugin('clinic-crm').service('training').expired();
  expect(flagged.map((f: any) => f.staff.fullName)).toEqual(['過期護理師']);
  const manager = await adminSession(strapi, 'clinic-crm-manager');
  const d = (await request(app.http).get('/clinic-crm/dashboard').set(manager.auth)).body.data;
  expect(d.staff.certificationsExpired.count).toBe(1);
  expect(d.staff.certificationsExpired.items[0].expired[0].code).toBe('laser-safety');
  // the staff member and the managers are told once (outbox keys per staff, code and expiry)
  const ops = strapi.plugin('clinic-crm').service('operations');
  expect((await ops.checkDue()).certificationReminders).toBe(2);
  expect((await ops.checkDue()).certificationReminders).toBe(0);
  expect(await strapi.db.query(UID('notification')).count({ where: { idempotencyKey: { $startsWith: `certification:${lapsed.documentId}:laser-safety:` } } })).toBe(2);
  // renewing the certificate clears the flag
  await train(lapsed, daysAgo(1), 88);
  expect(await strapi.plugin('clinic-crm').service('training').expired()).toEqual([]);
});
