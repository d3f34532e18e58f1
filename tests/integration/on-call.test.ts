/**
 * Clinical emergencies out of hours: the on-call roster (managers edit it in the admin panel, checked
 * on every write path), round-the-clock deadlines, urgent pages to the on-call primary at once, the
 * backup and then management when nobody acknowledges (each once, however often the job runs), and
 * the single-use acknowledgement link (the real admin route, as the signed-in doctor). Injected
 * clock: the complaints are received on a future Saturday evening and on New Year's Day at 03:00,
 * and the paging job is called with `now`; the dispatcher is called directly; pages are counted at a
 * real SMTP server and, for the people who have a signed-webhook channel (their LINE/Slack bridge),
 * at a real HTTP receiver: every channel a person has, each page once.
 */
import request from 'supertest';
import { bootStrapi, stopStrapi, Booted } from '../helpers/strapi';
import { Inbox } from '../helpers/smtp';
import { WebhookReceiver } from '../helpers/webhook-receiver';
import { adminSession } from '../helpers/auth';
import { UID, staffData } from '../helpers/fixtures';
import { fromWallTime } from '../../packages/strapi-plugin-clinic-crm/server/src/core/time/time';

let app: Booted;
let strapi: any;
let inbox: Inbox;
let receiver: WebhookReceiver;
type Session = Awaited<ReturnType<typeof adminSession>>;
const s: Record<string, any> = {};
const as: Record<string, Session> = {};
const MIN = 60_000;
const CM = `/content-manager/collection-types/${UID('on-call-shift')}`;
const svc = (name: string) => strapi.plugin('clinic-crm').service(name);
const tpe = (date: string, time: string) => {
  const [y, m, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  return fromWallTime({ year: y, month: m, day: d, hour: h, minute: mi, second: 0, millisecond: 0 }, 'Asia/Taipei');
};
const urgent = () => inbox.messages.filter((m) => /^(【緊急】|【紧急】|\[URGENT\])/.test(m.subject));
const pagesTo = (ref: string) => urgent().filter((m) => m.subject.includes(ref)).map((m) => m.to);
/** Urgent pages of a complaint that reached the webhook receiver: [person's channel path, level]. */
const hooksTo = (ref: string) =>
  receiver.deliveries
    .filter((d) => d.body.type === 'urgent_page' && d.key.startsWith(`complaint:${ref}:page:`))
    .map((d) => {
      expect(d.valid).toBe(true);
      return [d.path, d.key.split(':')[3]];
    });
const clearAll = () => {
  inbox.clear();
  receiver.clear();
};
const tokenIn = (text: string) => text.match(/acknowledge\/([A-Za-z0-9_-]{43})/)?.[1] as string;
const ack = (token: string, session?: Session, body: Record<string, unknown> = {}) => {
  const r = request(app.http).post('/clinic-crm/urgent-pages/acknowledge');
  return (session ? r.set(session.auth) : r).send({ token, ...body });
};
const shift = (staff: any, department: string, role: string, from: Date, to: Date) =>
  strapi.documents(UID('on-call-shift')).create({ data: { staff: staff.documentId, department, role, startsAt: from.toISOString(), endsAt: to.toISOString() } });
const complaint = (severity: string, receivedAt: Date) =>
  strapi.documents(UID('complaint')).create({ data: { contactName: '周小姐', contactPhone: '0912-000-111', channel: 'phone', category: 'side_effect', severity, description: '注射後臉部腫脹、呼吸不順', receivedAt: receivedAt.toISOString() } });
const row = (documentId: string) => strapi.db.query(UID('complaint')).findOne({ where: { documentId }, populate: { events: { orderBy: { id: 'asc' } } } });
/** The job several times at the same `now` (idempotent), then one dispatch cycle. */
const tick = async (now: Date, times = 3) => {
  for (let i = 0; i < times; i += 1) await svc('urgent-pages').checkPages(now);
  await svc('dispatcher').drain();
};

beforeAll(async () => {
  inbox = await Inbox.start();
  receiver = await WebhookReceiver.start();
  app = await bootStrapi({ SMTP_PORT: String(inbox.port), EMAIL_FROM: 'Clinic CRM <no-reply@clinic.test>' });
  strapi = app.strapi;
  const person = async (key: string, role: string, over: Record<string, unknown>, language = 'zh-Hant') => {
    as[key] = await adminSession(strapi, role, { preferedLanguage: language === 'en' ? 'en' : 'zh' });
    s[key] = await strapi.documents(UID('staff-member')).create({ data: staffData({ email: as[key].email, preferredLanguage: language, ...over }) });
  };
  await person('huang', 'clinic-crm-doctor', { fullName: '黃志明', department: 'doctor' });
  await person('carter', 'clinic-crm-doctor', { fullName: 'Dr. Carter', department: 'doctor' }, 'en');
  await person('lin', 'clinic-crm-doctor', { fullName: '林醫師', department: 'doctor' }, 'zh-Hans');
  await person('nurse', 'clinic-crm-nurse', { fullName: '李淑芬', department: 'nurse' });
  await person('wu', 'clinic-crm-manager', { fullName: '吳俊賢', department: 'management' });
  await person('chen', 'clinic-crm-manager', { fullName: '陳經理', department: 'management' });
  // the primary, the backup and one manager also take urgent notices on their own chat bridge
  for (const key of ['huang', 'carter', 'wu']) {
    const path = `/hooks/${key}`;
    const made = await request(app.http)
      .post(`/content-manager/collection-types/${UID('webhook-channel')}`)
      .set(as.wu.auth)
      .send({ name: `${key}-line`, url: receiver.url(path), enabled: true, scope: 'staff', kinds: 'urgent', staffMember: { connect: [{ documentId: s[key].documentId }] } });
    expect(made.status).toBe(201);
    const secret = await request(app.http).post(`/clinic-crm/webhook-channels/${made.body.data.documentId}/secret/reveal`).set(as.wu.auth);
    receiver.expect(path, secret.body.data.signingSecret);
  }
});
afterAll(async () => {
  await stopStrapi(app);
  await inbox.stop();
  await receiver.stop();
});

describe('the roster, edited by managers in the admin panel', () => {
  it('refuses a bad shift on every write path with a 400 naming the field, in the editor’s language', async () => {
    const at = tpe('2026-12-19', '10:00');
    const body = (over: Record<string, unknown>) => ({ department: 'doctor', role: 'primary', staff: { connect: [{ documentId: s.huang.documentId }] }, startsAt: at.toISOString(), endsAt: new Date(at.getTime() + 720 * MIN).toISOString(), ...over });
    const reversed = await request(app.http).post(CM).set(as.wu.auth).send(body({ endsAt: new Date(at.getTime() - MIN).toISOString() }));
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.details.errors[0].path).toEqual(['endsAt']);
    expect(reversed.body.error.message).toMatch(/結束時間必須晚於開始時間/);
    const wrongDepartment = await request(app.http).post(CM).set(as.wu.auth).send(body({ staff: { connect: [{ documentId: s.nurse.documentId }] } }));
    expect(wrongDepartment.status).toBe(400);
    expect(wrongDepartment.body.error.details.errors[0].path).toEqual(['staff']);
    const first = await request(app.http).post(CM).set(as.wu.auth).send(body({}));
    expect(first.status).toBe(201);
    const overlapping = await request(app.http).post(CM).set(as.wu.auth).send(body({ staff: { connect: [{ documentId: s.carter.documentId }] }, startsAt: new Date(at.getTime() + 60 * MIN).toISOString() }));
    expect(overlapping.status).toBe(400);
    expect(overlapping.body.error.details.errors[0].path).toEqual(['startsAt']);
    expect(overlapping.body.error.message).toMatch(/黃志明/);
    // a backup may overlap; the service path is checked as well
    expect((await request(app.http).post(CM).set(as.wu.auth).send(body({ role: 'backup', staff: { connect: [{ documentId: s.carter.documentId }] } }))).status).toBe(201);
    const viaService = await shift(s.lin, 'doctor', 'primary', new Date(at.getTime() + 60 * MIN), new Date(at.getTime() + 120 * MIN)).catch((e: any) => e);
    expect(viaService.details.errors[0].path).toEqual(['startsAt']);
    // every staff role reads the roster; only managers change it
    expect((await request(app.http).get(CM).set(as.nurse.auth)).status).toBe(200);
    expect((await request(app.http).post(CM).set(as.nurse.auth).send(body({ startsAt: tpe('2026-12-26', '10:00').toISOString(), endsAt: tpe('2026-12-26', '20:00').toISOString() }))).status).toBe(403);
    await strapi.db.query(UID('on-call-shift')).deleteMany({ where: {} });
  });
});

describe('a high-severity side effect taken by phone at 21:30 on a Saturday', () => {
  const received = tpe('2026-12-12', '21:30');
  let c: any;
  let huangToken: string;
  let carterToken: string;

  beforeAll(async () => {
    await shift(s.huang, 'doctor', 'primary', tpe('2026-12-12', '10:00'), tpe('2026-12-13', '10:00'));
    await shift(s.carter, 'doctor', 'backup', tpe('2026-12-12', '10:00'), tpe('2026-12-13', '10:00'));
    await shift(s.wu, 'management', 'primary', tpe('2026-12-12', '00:00'), tpe('2026-12-14', '00:00'));
    clearAll();
    c = await complaint('high', received);
  });

  it('runs round the clock: the first response is due two hours after receipt, not on Monday', async () => {
    const r = await row(c.documentId);
    expect(new Date(r.firstResponseDueAt)).toEqual(new Date(received.getTime() + 120 * MIN));
    expect(r.events.find((e: any) => e.type === 'routed').note).toMatch(/round the clock/);
  });

  it('the roster page shows who is on call that week', async () => {
    const res = await request(app.http).get('/clinic-crm/on-call/roster?from=2026-12-12').set(as.nurse.auth);
    expect(res.status).toBe(200);
    const doctors = res.body.data.cells['2026-12-12'].doctor;
    expect(doctors.map((d: any) => [d.role, d.staffName])).toEqual([['primary', '黃志明'], ['backup', 'Dr. Carter']]);
    expect((await request(app.http).get('/clinic-crm/on-call/roster?from=12/12').set(as.nurse.auth)).body.error.details.errors[0].path).toEqual(['from']);
  });

  it('pages the on-call primary within one dispatch cycle, then the backup after 10 minutes, then management — each once', async () => {
    await svc('dispatcher').drain();
    expect(pagesTo(c.referenceNumber)).toEqual([as.huang.email]);
    const first = urgent()[0];
    expect(first.subject.startsWith('【緊急】')).toBe(true);
    huangToken = tokenIn(first.text);
    expect(huangToken).toBeTruthy();
    await tick(new Date(received.getTime() + 9 * MIN));
    expect(pagesTo(c.referenceNumber)).toHaveLength(1);
    await tick(new Date(received.getTime() + 10 * MIN));
    expect(pagesTo(c.referenceNumber)).toEqual([as.huang.email, as.carter.email]);
    const second = urgent()[1];
    expect(second.subject.startsWith('[URGENT]')).toBe(true);
    carterToken = tokenIn(second.text);
    await tick(new Date(received.getTime() + 20 * MIN));
    await tick(new Date(received.getTime() + 45 * MIN));
    expect(pagesTo(c.referenceNumber)).toEqual([as.huang.email, as.carter.email, as.wu.email]);
    // the same pages on each person's webhook channel, signed, once each
    expect(hooksTo(c.referenceNumber)).toEqual([
      ['/hooks/huang', 'primary'],
      ['/hooks/carter', 'backup'],
      ['/hooks/wu', 'management'],
    ]);
    const paged = (await row(c.documentId)).events.filter((e: any) => e.type === 'paged');
    expect(paged.map((e: any) => e.note)).toEqual([expect.stringMatching(/\(primary\).*黃志明/), expect.stringMatching(/\(backup\).*Dr\. Carter/), expect.stringMatching(/\(management\).*吳俊賢/)]);
  });

  it('the link acknowledges only for the signed-in doctor or manager, once', async () => {
    expect((await ack(huangToken)).status).toBe(401);
    const nurse = await ack(huangToken, as.nurse);
    expect(nurse.status).toBe(403);
    expect(nurse.body.error.details.errors[0].path).toEqual(['token']);
    const forSomeoneElse = await ack(huangToken, as.huang, { acknowledgedBy: s.carter.documentId });
    expect(forSomeoneElse.status).toBe(403);
    expect(forSomeoneElse.body.error.details.errors[0].path).toEqual(['acknowledgedBy']);
    expect((await ack('x'.repeat(43), as.huang)).status).toBe(404);
    const ok = await ack(huangToken, as.huang);
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ level: 'primary', acknowledgedBy: '黃志明', complaint: { referenceNumber: c.referenceNumber } });
    const again = await ack(huangToken, as.huang);
    expect(again.status).toBe(409);
    expect(again.body.error.details.errors[0].path).toEqual(['token']);
    const late = await ack(carterToken, as.carter);
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/黃志明/);
    const r = await row(c.documentId);
    expect(r.firstRespondedAt).not.toBeNull();
    const event = r.events.find((e: any) => e.type === 'acknowledged');
    expect(event.actor).toBe(as.huang.email);
    expect(event.note).toMatch(/黃志明/);
  });
});

describe('a critical reaction at 03:00 on New Year’s Day (a public holiday in Taiwan)', () => {
  const received = tpe('2027-01-01', '03:00');
  let c: any;

  beforeAll(async () => {
    expect(svc('calendar').current().publicHoliday('2027-01-01')).toBe(true);
    await shift(s.lin, 'doctor', 'primary', tpe('2026-12-31', '20:00'), tpe('2027-01-01', '08:00'));
    await shift(s.carter, 'doctor', 'backup', tpe('2026-12-31', '20:00'), tpe('2027-01-01', '08:00'));
    clearAll();
    c = await complaint('critical', received);
  });

  it('is due 30 minutes after receipt and pages the primary and every active manager (none on call) at once', async () => {
    expect(new Date((await row(c.documentId)).firstResponseDueAt)).toEqual(new Date(received.getTime() + 30 * MIN));
    await svc('dispatcher').drain();
    expect(pagesTo(c.referenceNumber).sort()).toEqual([as.lin.email, as.wu.email, as.chen.email].sort());
    expect(urgent().find((m) => m.to === as.lin.email)!.subject.startsWith('【紧急】')).toBe(true);
  });

  it('an acknowledgement by another doctor stops every further page', async () => {
    const token = tokenIn(urgent().find((m) => m.to === as.lin.email)!.text);
    const res = await ack(token, as.huang);
    expect(res.status).toBe(200);
    await tick(new Date(received.getTime() + 10 * MIN));
    await tick(new Date(received.getTime() + 30 * MIN));
    expect(pagesTo(c.referenceNumber)).toHaveLength(3);
    // 林醫師 has no channel; of the managers paged at once, 吳俊賢 has one: one webhook, nothing after the acknowledgement
    expect(hooksTo(c.referenceNumber)).toEqual([['/hooks/wu', 'management']]);
    const event = (await row(c.documentId)).events.find((e: any) => e.type === 'acknowledged');
    expect(event.actor).toBe(as.huang.email);
    expect(event.note).toMatch(/黃志明.*paged: 林醫師/);
  });
});

it('with nobody on call, every active doctor is paged and the timeline says so', async () => {
  inbox.clear();
  const c = await complaint('high', tpe('2027-01-05', '03:00'));
  await svc('dispatcher').drain();
  expect(pagesTo(c.referenceNumber).sort()).toEqual([as.huang.email, as.carter.email, as.lin.email].sort());
  const paged = (await row(c.documentId)).events.filter((e: any) => e.type === 'paged');
  expect(paged).toHaveLength(1);
  expect(paged[0].note).toMatch(/no primary on call/);
});

it('an upgraded database: untouched default emergency rules move to round the clock with pages, a rule the clinic edited stays as it is', async () => {
  const q = strapi.db.query(UID('routing-rule'));
  const legacy = { clock: null, page: null, firstResponseHours: 4, resolutionHours: 72, warningHours: 1, notifyDoctorsImmediately: true, department: 'doctor' };
  // as an earlier version left them: no clock column yet (NULL), the old 4-hour default; one edited by the clinic to 3 hours
  await q.update({ where: { category: 'product_reaction', severity: 'critical' }, data: legacy });
  await q.update({ where: { category: 'side_effect', severity: 'high' }, data: { ...legacy, firstResponseHours: 3 } });
  await svc('complaints').ensureDefaultRules();
  expect(await q.findOne({ where: { category: 'product_reaction', severity: 'critical' } })).toMatchObject({ clock: 'round_the_clock', page: true });
  expect(Number((await q.findOne({ where: { category: 'product_reaction', severity: 'critical' } })).firstResponseHours)).toBe(0.5);
  const edited = await q.findOne({ where: { category: 'side_effect', severity: 'high' } });
  expect(edited.clock).toBeNull();
  expect(Number(edited.firstResponseHours)).toBe(3);
  // it runs on business time and pages nobody
  inbox.clear();
  const c = await complaint('high', tpe('2026-12-12', '21:30'));
  await svc('dispatcher').drain();
  expect(pagesTo(c.referenceNumber)).toEqual([]);
  expect(new Date((await row(c.documentId)).firstResponseDueAt)).toEqual(tpe('2026-12-14', '13:00'));
});
