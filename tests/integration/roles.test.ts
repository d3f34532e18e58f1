/**
 * The clinic's staff roles in the admin panel, proven through the admin API the panel itself uses
 * (content manager + plugin routes): each role allowed what its job needs and refused the rest.
 */
import request from 'supertest';
import { bootStrapi, stopStrapi, Booted } from '../helpers/strapi';
import { adminSession } from '../helpers/auth';
import { clientData, publishTreatment, signConsent, staffData, UID } from '../helpers/fixtures';

let app: Booted;
let strapi: any;
const CM = '/content-manager/collection-types';
type Session = Awaited<ReturnType<typeof adminSession>>;
const s: Record<string, Session> = {};

let treatment: any;
let client: any;
let record: any;
let doctor: any;
let nurse: any;

beforeAll(async () => {
  app = await bootStrapi();
  strapi = app.strapi;
  for (const [k, code] of Object.entries({
    frontDesk: 'clinic-crm-front-desk',
    beautician: 'clinic-crm-beautician',
    nurse: 'clinic-crm-nurse',
    doctor: 'clinic-crm-doctor',
    manager: 'clinic-crm-manager',
  })) {
    s[k] = await adminSession(strapi, code);
  }
  doctor = await strapi.documents(UID('staff-member')).create({ data: staffData({ fullName: '黃志明', department: 'doctor', email: s.doctor.email }) });
  nurse = await strapi.documents(UID('staff-member')).create({ data: staffData({ fullName: '李淑芬', department: 'nurse', email: s.nurse.email }) });
  treatment = await publishTreatment(strapi, { contraindications: ['pregnancy'] });
  client = await strapi.documents(UID('client')).create({ data: clientData({ notes: 'CLINICAL-NOTE: 對利多卡因起疹' }) });
  await signConsent(strapi, client, treatment);
  record = await strapi.documents(UID('treatment-record')).create({
    data: { recordNumber: `TR-ROLE-${Date.now()}`, client: client.documentId, treatment: treatment.documentId, practitioner: nurse.documentId, performedAt: new Date().toISOString(), notes: 'CLINICAL: 能量 3.2 J/cm²' },
  });
});
afterAll(() => stopStrapi(app));

const http = () => request(app.http);
const get = (who: string, url: string) => http().get(url).set(s[who].auth);
const put = (who: string, url: string, body: unknown) => http().put(url).set(s[who].auth).send(body);
const post = (who: string, url: string, body: unknown = {}) => http().post(url).set(s[who].auth).send(body);

describe('roles on bootstrap', () => {
  it('creates the five staff roles once, and a second bootstrap changes nothing', async () => {
    const codes = (await strapi.db.query('admin::role').findMany({ where: { code: { $startsWith: 'clinic-crm-' } } })).map((r: any) => r.code).sort();
    expect(codes).toEqual(['clinic-crm-beautician', 'clinic-crm-doctor', 'clinic-crm-front-desk', 'clinic-crm-manager', 'clinic-crm-nurse']);
    const before = await strapi.db.query('admin::permission').count({});
    await strapi.plugin('clinic-crm').service('roles').ensure();
    expect(await strapi.db.query('admin::role').count({ where: { code: { $startsWith: 'clinic-crm-' } } })).toBe(5);
    expect(await strapi.db.query('admin::permission').count({})).toBe(before);
  });

  it('keeps an administrator’s later edits to a role', async () => {
    const role = await strapi.db.query('admin::role').findOne({ where: { code: 'clinic-crm-beautician' } });
    await strapi.service('admin::role').update({ id: role.id }, { description: 'edited by the clinic' });
    await strapi.plugin('clinic-crm').service('roles').ensure();
    expect((await strapi.db.query('admin::role').findOne({ where: { id: role.id } })).description).toBe('edited by the clinic');
  });
});

describe('front desk', () => {
  it('reads clients without their health history', async () => {
    const list = await get('frontDesk', `${CM}/${UID('client')}?page=1&pageSize=10`);
    expect(list.status).toBe(200);
    const row = list.body.results.find((r: any) => r.documentId === client.documentId);
    expect(row.fullName).toBe(client.fullName);
    const one = await get('frontDesk', `${CM}/${UID('client')}/${client.documentId}`);
    expect(one.status).toBe(200);
    expect(one.body.data.phone).toBe(client.phone);
    for (const field of ['allergies', 'medications', 'pregnancyStatus', 'notes']) expect(one.body.data).not.toHaveProperty(field);
    expect(JSON.stringify(one.body)).not.toContain('盤尼西林');
  });

  it('cannot write health history through an update', async () => {
    const res = await put('frontDesk', `${CM}/${UID('client')}/${client.documentId}`, { aestheticGoals: '改善膚色', allergies: '被櫃檯改掉' });
    expect(res.status).toBe(200);
    const row = await strapi.db.query(UID('client')).findOne({ where: { documentId: client.documentId } });
    expect(row.aestheticGoals).toBe('改善膚色');
    expect(row.allergies).toBe('盤尼西林');
  });

  it('does not see clinical notes on treatment records', async () => {
    const one = await get('frontDesk', `${CM}/${UID('treatment-record')}/${record.documentId}`);
    expect(one.status).toBe(200);
    expect(one.body.data.recordNumber).toBe(record.recordNumber);
    expect(one.body.data).not.toHaveProperty('notes');
    const timeline = await get('frontDesk', `/clinic-crm/clients/${client.documentId}/timeline`);
    expect(timeline.status).toBe(200);
    expect(JSON.stringify(timeline.body)).not.toContain('CLINICAL');
    expect(timeline.body.data.items.map((i: any) => i.kind)).toEqual(expect.arrayContaining(['consent', 'treatment', 'follow_up']));
  });

  it('reads the price list but cannot edit or publish it', async () => {
    const url = `${CM}/${UID('treatment')}/${treatment.documentId}?locale=zh-Hant`;
    expect((await get('frontDesk', url)).status).toBe(200);
    expect((await put('frontDesk', url, { name: '被櫃檯改名' })).status).toBe(403);
    expect((await post('frontDesk', `${CM}/${UID('treatment')}/${treatment.documentId}/actions/publish?locale=zh-Hant`)).status).toBe(403);
    expect((await get('frontDesk', `${CM}/${UID('routing-rule')}?page=1`)).status).toBe(403);
    expect((await get('frontDesk', `/clinic-crm/outbox`)).status).toBe(403);
    expect((await get('frontDesk', `/clinic-crm/price-history`)).status).toBe(403);
    expect((await get('frontDesk', `/clinic-crm/export/complaints`)).status).toBe(403);
  });

  it('opens the dashboard and the price preview', async () => {
    expect((await get('frontDesk', '/clinic-crm/dashboard')).status).toBe(200);
    const preview = await get('frontDesk', '/clinic-crm/price-table/preview?locale=zh-Hant');
    expect(preview.status).toBe(200);
    expect(preview.body.data.table.data.categories.flatMap((c: any) => c.treatments).some((t: any) => t.slug === treatment.slug)).toBe(true);
  });
});

describe('clinical roles', () => {
  it('beautician reads health history but cannot change it; nurse can', async () => {
    const one = await get('beautician', `${CM}/${UID('client')}/${client.documentId}`);
    expect(one.body.data.allergies).toBe('盤尼西林');
    await put('beautician', `${CM}/${UID('client')}/${client.documentId}`, { allergies: '美容師改的' });
    expect((await strapi.db.query(UID('client')).findOne({ where: { documentId: client.documentId } })).allergies).toBe('盤尼西林');
    const byNurse = await put('nurse', `${CM}/${UID('client')}/${client.documentId}`, { allergies: '盤尼西林、利多卡因' });
    expect(byNurse.status).toBe(200);
    expect((await strapi.db.query(UID('client')).findOne({ where: { documentId: client.documentId } })).allergies).toBe('盤尼西林、利多卡因');
  });

  it('no clinical role edits prices or SOPs', async () => {
    for (const who of ['beautician', 'nurse', 'doctor']) {
      expect((await put(who, `${CM}/${UID('treatment')}/${treatment.documentId}?locale=zh-Hant`, { name: 'x' })).status).toBe(403);
      expect((await post(who, `${CM}/${UID('sop-document')}?locale=zh-Hant`, { code: 'SOP-X', title: 'x' })).status).toBe(403);
      expect((await post(who, `${CM}/${UID('routing-rule')}`, { name: 'x' })).status).toBe(403);
    }
  });

  it('only a doctor records a contraindication override', async () => {
    // consented before the pregnancy was known: the consent carries no doctor's review of it
    const pregnant = await strapi.documents(UID('client')).create({ data: clientData() });
    await signConsent(strapi, pregnant, treatment);
    await strapi.documents(UID('client')).update({ documentId: pregnant.documentId, data: { pregnancyStatus: 'pregnant' } });
    const override = { doctor: doctor.documentId, reason: '已會診婦產科,確認可進行且客戶充分了解' };
    const body = { recordNumber: `TR-OVR-${Date.now()}`, client: pregnant.documentId, treatment: treatment.documentId, practitioner: nurse.documentId, performedAt: new Date().toISOString(), contraindicationOverride: override };
    // the nurse's override is not hers to write: it is dropped, and the contraindication gate refuses the record
    const byNurse = await post('nurse', `${CM}/${UID('treatment-record')}`, body);
    expect(byNurse.status).toBe(400);
    expect(JSON.stringify(byNurse.body.error)).toContain('contraindicat');
    const byDoctor = await post('doctor', `${CM}/${UID('treatment-record')}`, body);
    expect(byDoctor.status).toBe(201);
    const saved = await strapi.db.query(UID('treatment-record')).findOne({ where: { documentId: byDoctor.body.data.documentId } });
    expect(saved.contraindicationOverride).toMatchObject({ doctor: doctor.documentId, reason: override.reason });
  });
});

describe('manager', () => {
  it('edits and publishes the price list, routing rules and SOPs', async () => {
    const url = `${CM}/${UID('treatment')}/${treatment.documentId}?locale=zh-Hant`;
    const current = (await get('manager', url)).body.data;
    const feeItems = current.feeItems.map((f: any) => ({ ...f, amount: f.code === 'laser' ? 8800 : f.amount }));
    const upd = await put('manager', url, { ...current, feeItems });
    expect(upd.status).toBe(200);
    const pub = await post('manager', `${CM}/${UID('treatment')}/${treatment.documentId}/actions/publish?locale=zh-Hant`, { ...current, feeItems });
    expect(pub.status).toBe(200);
    const table = await http().get('/api/clinic-crm/price-table?locale=zh-Hant');
    const row = table.body.data.categories.flatMap((c: any) => c.treatments).find((t: any) => t.slug === treatment.slug);
    expect(row.feeItems.find((f: any) => f.code === 'laser').amount).toBe(8800);
    const history = await get('manager', `/clinic-crm/price-history?treatment=${treatment.documentId}`);
    expect(history.status).toBe(200);

    const rules = await get('manager', `${CM}/${UID('routing-rule')}?page=1`);
    expect(rules.status).toBe(200);
    const rule = rules.body.results[0];
    expect((await put('manager', `${CM}/${UID('routing-rule')}/${rule.documentId}`, { ...rule, warningHours: 3 })).status).toBe(200);
    const sop = await post('manager', `${CM}/${UID('sop-document')}?locale=zh-Hant`, { code: 'SOP-MGR-01', title: '經理測試 SOP', stage: 'consultation', department: 'all', body: '內容', reviewDate: '2027-01-01' });
    expect(sop.status).toBe(201);
  });

  it('reaches the outbox, analytics and exports; cannot record an override', async () => {
    expect((await get('manager', '/clinic-crm/outbox')).status).toBe(200);
    expect((await get('manager', '/clinic-crm/complaints/analytics')).status).toBe(200);
    const csv = await get('manager', '/clinic-crm/export/follow-up-tasks');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(Number(csv.headers['x-total-count'])).toBe(lines.length - 1);
    expect(lines.length - 1).toBe(await strapi.db.query(UID('follow-up-task')).count({}));
    expect(csv.text).not.toContain('CLINICAL');
    const pregnant = await strapi.documents(UID('client')).create({ data: clientData({ pregnancyStatus: 'pregnant' }) });
    const override = { doctor: doctor.documentId, reason: '經理想替醫師做決定,這不被允許' };
    await signConsent(strapi, pregnant, treatment, { contraindicationOverride: override });
    const res = await post('manager', `${CM}/${UID('treatment-record')}`, { recordNumber: `TR-MGR-${Date.now()}`, client: pregnant.documentId, treatment: treatment.documentId, contraindicationOverride: override });
    expect(res.status).toBe(403);
  });
});
