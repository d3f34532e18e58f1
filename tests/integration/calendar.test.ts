/**
 * The clinic calendar behind every SLA clock: public holidays from date-holidays (Taiwan by
 * default, no list of years in the code), the clinic's own closures and make-up workdays edited in
 * the admin panel by a manager (other roles read it), checked on every write path, in force for the
 * next complaint at once.
 */
import request from 'supertest';
import { bootStrapi, stopStrapi, Booted } from '../helpers/strapi';
import { adminSession } from '../helpers/auth';
import { UID } from '../helpers/fixtures';
import { fromWallTime } from '../../packages/strapi-plugin-clinic-crm/server/src/core/time/time';

let app: Booted;
let strapi: any;
let manager: Awaited<ReturnType<typeof adminSession>>;
let frontDesk: Awaited<ReturnType<typeof adminSession>>;
const CM = `/content-manager/collection-types/${UID('calendar-day')}`;

const tpe = (date: string, time: string) => {
  const [y, m, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  return fromWallTime({ year: y, month: m, day: d, hour: h, minute: mi, second: 0, millisecond: 0 }, 'Asia/Taipei');
};
/** A price/billing complaint (24 business hours to the first response) received at a Taipei wall time. */
const firstResponseDue = async (date: string, time: string) => {
  const c = await strapi.documents(UID('complaint')).create({
    data: { contactName: '林小姐', channel: 'phone', category: 'price_billing', description: '帳單疑問', severity: 'low', receivedAt: tpe(date, time).toISOString() },
  });
  const row = await strapi.db.query(UID('complaint')).findOne({ where: { documentId: c.documentId }, select: ['firstResponseDueAt'] });
  return new Date(row.firstResponseDueAt);
};

beforeAll(async () => {
  app = await bootStrapi();
  strapi = app.strapi;
  manager = await adminSession(strapi, 'clinic-crm-manager', { preferedLanguage: 'zh-Hant' });
  frontDesk = await adminSession(strapi, 'clinic-crm-front-desk');
});
afterAll(() => stopStrapi(app));

it("skips Taiwan's public holidays from the holiday source: National Day on a Saturday", async () => {
  // Fri 2026-10-09 19:00 + 24 business hours (Mon–Fri 10–20, Sat 10–17): Fri 1 h, Sat 10/10 closed (National Day),
  // Sun closed, Mon 10 h, Tue 10 h, Wed 3 h → Wed 2026-10-14 13:00 (an ordinary Saturday would end it Tue 16:00)
  expect(await firstResponseDue('2026-10-09', '19:00')).toEqual(tpe('2026-10-14', '13:00'));
  const year = await strapi.plugin('clinic-crm').service('calendar').year(2027);
  expect(year.publicHolidays.map((h: any) => h.date)).toEqual(expect.arrayContaining(['2027-02-05', '2027-02-08', '2027-06-09', '2027-10-11']));
});

it('a closure entered by a manager in the admin panel stops the clock that day, at once; deleting it restores the day', async () => {
  expect(await firstResponseDue('2026-11-30', '19:00')).toEqual(tpe('2026-12-03', '13:00'));
  const res = await request(app.http).post(CM).set(manager.auth).send({ date: '2026-12-01', kind: 'closure', label: '員工旅遊' });
  expect(res.status).toBe(201);
  // Mon 19:00: Mon 1 h, Tue closed, Wed 10 h, Thu 10 h, Fri 3 h → Fri 13:00
  expect(await firstResponseDue('2026-11-30', '19:00')).toEqual(tpe('2026-12-04', '13:00'));
  expect((await request(app.http).delete(`${CM}/${res.body.data.documentId}`).set(manager.auth)).status).toBe(200);
  expect(await firstResponseDue('2026-11-30', '19:00')).toEqual(tpe('2026-12-03', '13:00'));
});

it('a make-up workday (補班) on a Sunday counts with the weekday hours, or with its own', async () => {
  // Sat 2026-12-05 16:00: Sat 1 h, Sun closed, Mon 10 h, Tue 10 h, Wed 3 h → Wed 13:00
  expect(await firstResponseDue('2026-12-05', '16:00')).toEqual(tpe('2026-12-09', '13:00'));
  expect((await request(app.http).post(CM).set(manager.auth).send({ date: '2026-12-06', kind: 'workday', label: '補班' })).status).toBe(201);
  // … Sun 10 h (Monday's hours), Mon 10 h, Tue 3 h → Tue 13:00
  expect(await firstResponseDue('2026-12-05', '16:00')).toEqual(tpe('2026-12-08', '13:00'));
  const own = await request(app.http).post(CM).set(manager.auth).send({ date: '2026-12-13', kind: 'workday', label: '週日加診', opensAt: '13:00:00.000', closesAt: '15:00:00.000' });
  expect(own.status).toBe(201);
  // Sat 12/12 16:00: Sat 1 h, Sun 13–15 2 h, Mon 10 h, Tue 10 h, Wed 1 h → Wed 2026-12-16 11:00
  expect(await firstResponseDue('2026-12-12', '16:00')).toEqual(tpe('2026-12-16', '11:00'));
});

it('refuses incomplete or reversed hours with a 400 naming the field in the editor’s language; one row per date', async () => {
  const half = await request(app.http).post(CM).set(manager.auth).send({ date: '2026-12-20', kind: 'workday', label: '加診', opensAt: '10:00' });
  expect(half.status).toBe(400);
  expect(half.body.error.details.errors[0].path).toEqual(['closesAt']);
  expect(half.body.error.message).toMatch(/請同時填寫開診與關診時間/);
  const reversed = await request(app.http).post(CM).set(manager.auth).send({ date: '2026-12-20', kind: 'workday', label: '加診', opensAt: '18:00', closesAt: '09:00' });
  expect(reversed.status).toBe(400);
  expect(reversed.body.error.details.errors[0].path).toEqual(['closesAt']);
  const closureWithHours = await request(app.http).post(CM).set(manager.auth).send({ date: '2026-12-20', kind: 'closure', label: '休診', opensAt: '10:00' });
  expect(closureWithHours.status).toBe(400);
  expect(closureWithHours.body.error.details.errors[0].path).toEqual(['opensAt']);
  // turning an existing closure into a workday with only one time is refused too (the stored row is merged)
  const closure = await request(app.http).post(CM).set(manager.auth).send({ date: '2026-12-21', kind: 'closure', label: '休診' });
  const edit = await request(app.http).put(`${CM}/${closure.body.data.documentId}`).set(manager.auth).send({ kind: 'workday', closesAt: '18:00' });
  expect(edit.status).toBe(400);
  expect(edit.body.error.details.errors[0].path).toEqual(['opensAt']);
  const twice = await request(app.http).post(CM).set(manager.auth).send({ date: '2026-12-21', kind: 'closure', label: '又一次' });
  expect(twice.status).toBe(400);
  expect(await strapi.db.query(UID('calendar-day')).count({ where: { date: '2026-12-20' } })).toBe(0);
});

it('front desk reads the calendar but cannot change it', async () => {
  expect((await request(app.http).get(CM).set(frontDesk.auth)).status).toBe(200);
  expect((await request(app.http).post(CM).set(frontDesk.auth).send({ date: '2026-12-24', kind: 'closure', label: '聖誕夜' })).status).toBe(403);
  expect(await strapi.db.query(UID('calendar-day')).count({ where: { date: '2026-12-24' } })).toBe(0);
});
