/**
 * Satisfaction surveys: e-mailed once (real SMTP receiver) after a treatment and after a closed
 * complaint; the link's token works once; used, expired and wrong tokens are refused with the
 * same answer; satisfaction figures per treatment, practitioner and month against the target.
 */
import request from 'supertest';
import { bootStrapi, stopStrapi, Booted } from '../helpers/strapi';
import { adminSession } from '../helpers/auth';
import { Inbox } from '../helpers/smtp';
import { rawRows } from '../helpers/raw-db';
import { clientData, publishTreatment, signConsent, staffData, UID } from '../helpers/fixtures';

let app: Booted;
let strapi: any;
let inbox: Inbox;
let manager: any;
let treatment: any;
let nurseA: any;
let nurseB: any;
const TWO_DAYS_AGO = () => new Date(Date.now() - 2 * 86_400_000).toISOString();

beforeAll(async () => {
  inbox = await Inbox.start();
  app = await bootStrapi({ SMTP_PORT: String(inbox.port), IS_PROXIED: 'true', CLINIC_CRM_PUBLIC_SITE_URL: 'https://www.clinic.test' });
  strapi = app.strapi;
  manager = await adminSession(strapi, 'clinic-crm-manager');
  await strapi.documents(UID('staff-member')).create({ data: staffData({ department: 'management', fullName: '經理' }) });
  await strapi.documents(UID('staff-member')).create({ data: staffData({ department: 'front_desk', fullName: '櫃檯' }) });
  nurseA = await strapi.documents(UID('staff-member')).create({ data: staffData({ department: 'nurse', fullName: '護理師甲' }) });
  nurseB = await strapi.documents(UID('staff-member')).create({ data: staffData({ department: 'nurse', fullName: '護理師乙' }) });
  treatment = await publishTreatment(strapi);
});
afterAll(async () => {
  await stopStrapi(app);
  await inbox.stop();
});

const drain = () => strapi.plugin('clinic-crm').service('dispatcher').drain();
const treated = async (email: string, practitioner: any, over: Record<string, unknown> = {}) => {
  const client = await strapi.documents(UID('client')).create({ data: clientData({ email, ...over }) });
  await signConsent(strapi, client, treatment);
  return strapi.documents(UID('treatment-record')).create({
    data: { recordNumber: `TR-SV-${Math.random().toString(36).slice(2, 10).toUpperCase()}`, client: client.documentId, treatment: treatment.documentId, practitioner: practitioner.documentId, performedAt: TWO_DAYS_AGO() },
  });
};
const tokenFor = async (email: string) => {
  await drain();
  const mails = inbox.messages.filter((m) => m.to.includes(email));
  expect(mails).toHaveLength(1);
  const token = /survey\.html#([A-Za-z0-9_-]{43})/.exec(mails[0].text)?.[1];
  expect(token).toBeTruthy();
  return token!;
};
const lookup = (token: unknown) => request(app.http).post('/api/clinic-crm/surveys/lookup').set('X-Forwarded-For', '192.0.2.1').send({ token });
const answer = (token: unknown, body: Record<string, unknown>) => request(app.http).post('/api/clinic-crm/surveys/answer').set('X-Forwarded-For', '192.0.2.1').send({ token, ...body });

describe('a survey after a treatment', () => {
  let token: string;

  it('is e-mailed once to the client, with a link to the public site; only the token’s hash is stored', async () => {
    const record = await treated('survey.one@example.com', nurseA);
    token = await tokenFor('survey.one@example.com');
    await drain();
    expect(inbox.messages.filter((m) => m.to.includes('survey.one@example.com'))).toHaveLength(1);
    const mail = inbox.messages.find((m) => m.to.includes('survey.one@example.com'))!;
    expect(mail.text).toContain(`https://www.clinic.test/survey.html#${token}`);
    expect(mail.subject).toContain(treatment.name);
    const [row] = await rawRows(`select token_hash from ${strapi.db.metadata.get(UID('survey')).tableName} where idempotency_key = ?`, [`survey:record:${record.documentId}`]);
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.token_hash).not.toContain(token);
  });

  it('opens with its token and takes one answer; the second use is refused', async () => {
    const open = await lookup(token);
    expect(open.status).toBe(200);
    expect(open.body.data).toMatchObject({ subjectType: 'treatment', treatmentName: treatment.name });
    const bad = await answer(token, { score: 9 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['score']);
    const ok = await answer(token, { score: 5, comment: '非常滿意,護理師很細心' });
    expect(ok.status).toBe(201);
    const again = await answer(token, { score: 1 });
    expect(again.status).toBe(404);
    const reopen = await lookup(token);
    expect(reopen.status).toBe(404);
    const stored = await strapi.db.query(UID('survey')).findOne({ where: { usedAt: { $notNull: true } } });
    expect(stored).toMatchObject({ score: 5, comment: '非常滿意,護理師很細心' });
    const [raw] = await rawRows(`select comment from ${strapi.db.metadata.get(UID('survey')).tableName} where id = ?`, [stored.id]);
    expect(raw.comment).toMatch(/^enc:v1:/);
  });

  it('refuses used, expired, wrong and malformed tokens with one and the same answer', async () => {
    await treated('survey.two@example.com', nurseB);
    const expiring = await tokenFor('survey.two@example.com');
    await strapi.db.query(UID('survey')).updateMany({ where: { usedAt: { $null: true } }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const answers = await Promise.all([
      answer(token, { score: 3 }), // used
      answer(expiring, { score: 3 }), // expired
      answer('A'.repeat(43), { score: 3 }), // well-formed, never issued
      answer('not-a-token', { score: 3 }),
      answer(undefined, { score: 3 }),
      lookup(expiring),
      lookup('B'.repeat(43)),
    ]);
    for (const res of answers) {
      expect(res.status).toBe(404);
      expect(res.body.error).toEqual(answers[0].body.error);
    }
    expect(answers[0].body.error.message).toMatch(/not valid/);
  });

  it('takes exactly one of two simultaneous answers', async () => {
    await treated('survey.three@example.com', nurseB);
    const t = await tokenFor('survey.three@example.com');
    const [a, b] = await Promise.all([answer(t, { score: 2 }), answer(t, { score: 4 })]);
    expect([a.status, b.status].sort()).toEqual([201, 404]);
  });

  it('is not sent to a client without e-mail, and nothing about surveys is reachable without a token', async () => {
    const before = await strapi.db.query(UID('survey')).count({});
    await treated('', nurseA, { email: null });
    expect(await strapi.db.query(UID('survey')).count({})).toBe(before);
    expect((await request(app.http).get('/api/clinic-crm/surveys')).status).toBe(404);
    expect((await request(app.http).get('/api/clinic-crm/surveys/1')).status).toBe(404);
  });
});

describe('a survey after a closed complaint', () => {
  it('is e-mailed once to the complainant when the complaint closes', async () => {
    const c = await strapi.documents(UID('complaint')).create({ data: { contactName: '王先生', contactEmail: 'complainant@example.com', contactPhone: '0911-222-333', channel: 'phone', category: 'service_attitude', severity: 'low', description: '等候太久,沒有人說明' } });
    const svc = strapi.plugin('clinic-crm').service('complaints');
    const actor = { label: 'test', isManager: true };
    for (const to of ['investigating', 'resolution_proposed', 'resolution_executed', 'follow_up', 'closed']) {
      const req: any = { to };
      if (to === 'resolution_proposed') req.resolution = { types: ['apology'], notes: '致歉並說明改善' };
      await svc.transition(c.documentId, req, actor);
    }
    const t = await tokenFor('complainant@example.com');
    expect((await lookup(t)).body.data.subjectType).toBe('complaint');
  });

  it('is written in the language the client chose', async () => {
    const client = await strapi.documents(UID('client')).create({ data: clientData({ email: 'english.client@example.com', preferredLanguage: 'en' }) });
    const c = await strapi.documents(UID('complaint')).create({ data: { client: client.documentId, contactName: 'Ms Lee', contactEmail: 'english.client@example.com', channel: 'email', category: 'service_attitude', severity: 'low', description: 'Waited too long at the desk.' } });
    const svc = strapi.plugin('clinic-crm').service('complaints');
    for (const to of ['investigating', 'resolution_proposed', 'resolution_executed', 'follow_up', 'closed']) {
      await svc.transition(c.documentId, { to, ...(to === 'resolution_proposed' ? { resolution: { types: ['apology'], notes: 'Apologised' } } : {}) }, { label: 'test', isManager: true });
    }
    const survey = await strapi.db.query(UID('notification')).findOne({ where: { recipientEmail: 'english.client@example.com', template: { $contains: 'survey' } } });
    expect(survey?.language).toBe('en');
  });
});

describe('satisfaction figures', () => {
  it('per treatment, practitioner and month against the target', async () => {
    // nurse A: 5 (from above) + 5 + 4 → 100 %; nurse B: 2 (one of the simultaneous answers, 2 or 4) + 1 + 3
    for (const [email, who, score] of [['fa1@example.com', nurseA, 5], ['fa2@example.com', nurseA, 4], ['fb1@example.com', nurseB, 1], ['fb2@example.com', nurseB, 3]] as const) {
      await treated(email, who);
      expect((await answer(await tokenFor(email), { score })).status).toBe(201);
    }
    const res = await request(app.http).get('/clinic-crm/satisfaction').set(manager.auth);
    expect(res.status).toBe(200);
    const d = res.body.data;
    expect(d.targetPercent).toBe(90);
    const a = d.byPractitioner.find((p: any) => p.label === '護理師甲');
    const b = d.byPractitioner.find((p: any) => p.label === '護理師乙');
    expect(a).toMatchObject({ responses: 3, satisfied: 3, rate: 100, meetsTarget: true });
    expect(b.responses).toBe(3);
    expect(b.meetsTarget).toBe(false);
    expect(d.byPractitioner[0].label).toBe('護理師乙'); // worst first
    const tr = d.byTreatment.find((x: any) => x.key === treatment.documentId);
    expect(tr.responses).toBe(6);
    expect(d.byMonth).toHaveLength(1);
    expect(d.byMonth[0].key).toMatch(/^\d{4}-\d{2}$/);
    expect(d.overall.responses).toBe(6); // the complaint's survey was not answered
    expect((await request(app.http).get('/clinic-crm/satisfaction?from=tomorrow-ish').set(manager.auth)).status).toBe(400);
  });
});
