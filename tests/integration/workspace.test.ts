/**
 * The admin API behind the plugin's pages: dashboard figures and their links, the client
 * timeline in time order, "my tasks" completable in place, and CSV import/export that accounts
 * for every row.
 */
import request from 'supertest';
import { bootStrapi, stopStrapi, Booted } from '../helpers/strapi';
import { adminSession } from '../helpers/auth';
import { clientData, publishTreatment, signConsent, staffData, UID } from '../helpers/fixtures';

let app: Booted;
let strapi: any;
let manager: Awaited<ReturnType<typeof adminSession>>;
let nurseSession: Awaited<ReturnType<typeof adminSession>>;
let nurse: any;
let client: any;
let record: any;

beforeAll(async () => {
  app = await bootStrapi();
  strapi = app.strapi;
  manager = await adminSession(strapi, 'clinic-crm-manager');
  nurseSession = await adminSession(strapi, 'clinic-crm-nurse');
  await strapi.documents(UID('staff-member')).create({ data: staffData({ fullName: '吳經理', department: 'management', email: manager.email }) });
  await strapi.documents(UID('staff-member')).create({ data: staffData({ fullName: '前台', department: 'front_desk' }) });
  await strapi.documents(UID('staff-member')).create({ data: staffData({ fullName: '黃醫師', department: 'doctor' }) });
  // the nurse's admin account is linked to her staff record explicitly (another e-mail)
  const nurseUser = await strapi.db.query('admin::user').findOne({ where: { email: nurseSession.email } });
  nurse = await strapi.documents(UID('staff-member')).create({ data: staffData({ fullName: '李護理師', department: 'nurse', email: 'nurse.other@clinic.test', adminUser: nurseUser.id }) });
  const treatment = await publishTreatment(strapi, { followUpPlan: [{ code: '24h', department: 'nurse', channel: 'phone', purpose: '術後關懷' }, { code: '1w', department: 'nurse', channel: 'phone', purpose: '回診提醒' }] });
  client = await strapi.documents(UID('client')).create({ data: clientData({ fullName: '時間軸小姐' }) });
  await signConsent(strapi, client, treatment);
  record = await strapi.documents(UID('treatment-record')).create({
    data: { recordNumber: `TR-WS-${Date.now()}`, client: client.documentId, treatment: treatment.documentId, practitioner: nurse.documentId, performedAt: new Date(Date.now() - 2 * 86_400_000).toISOString(), notes: '術中無異狀' },
  });
  await request(app.http)
    .post('/api/clinic-crm/complaints')
    .send({ name: '訪客', phone: '0911-000-000', category: 'service_attitude', description: '櫃檯等候太久,沒有人說明原因。', consentToContact: true });
});
afterAll(() => stopStrapi(app));

const get = (s: any, url: string) => request(app.http).get(url).set(s.auth);
const post = (s: any, url: string, body: unknown) => request(app.http).post(url).set(s.auth).send(body);

describe('dashboard', () => {
  it('counts open complaints, follow-ups and reviews, each with the list it opens', async () => {
    const res = await get(manager, '/clinic-crm/dashboard');
    expect(res.status).toBe(200);
    const d = res.body.data;
    expect(d.complaints.open).toBe(await strapi.db.query(UID('complaint')).count({ where: { workflowStatus: 'received' } }));
    expect(d.complaints.byStatus.find((s: any) => s.key === 'received').count).toBe(d.complaints.open);
    expect(d.complaints.bySla.reduce((n: number, s: any) => n + s.count, 0)).toBe(d.complaints.open);
    expect(d.complaints.latest[0]).toMatchObject({ category: 'service_attitude', department: 'management', assignee: '吳經理', sla: 'on_track' });
    // the record was 2 days ago: its 24 h task is overdue
    expect(d.followUps.overdue.count).toBe(1);
    expect(d.followUps.overdue.link).toContain('/content-manager/collection-types/plugin::clinic-crm.follow-up-task?');
    expect(decodeURIComponent(d.followUps.overdue.link)).toContain('filters[$and][0][taskStatus][$eq]=pending');
    // the link is a real content-manager query: following it lists the same rows
    const list = await get(manager, d.followUps.overdue.link.replace('/content-manager/collection-types/', '/content-manager/collection-types/'));
    expect(list.status).toBe(200);
    expect(list.body.pagination.total).toBe(1);
  });
});

describe('client timeline', () => {
  it('lists consent, treatment, follow-ups in time order; the nurse sees clinical notes', async () => {
    const res = await get(nurseSession, `/clinic-crm/clients/${client.documentId}/timeline`);
    expect(res.status).toBe(200);
    const items = res.body.data.items;
    const times = items.map((i: any) => new Date(i.at).getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(items.map((i: any) => i.kind)).toEqual(expect.arrayContaining(['consent', 'treatment', 'follow_up']));
    expect(items.find((i: any) => i.kind === 'treatment').detail.notes).toBe('術中無異狀');
    expect(res.body.data.client.allergies).toBe('盤尼西林');
    expect((await get(nurseSession, '/clinic-crm/clients/no-such-client/timeline')).status).toBe(404);
  });

  it('shows the steps of the client’s complaints', async () => {
    const c = await strapi.documents(UID('complaint')).create({ data: { client: client.documentId, contactName: '時間軸小姐', channel: 'phone', category: 'price_billing', severity: 'low', description: '帳單金額與報價不符。' } });
    await strapi.plugin('clinic-crm').service('complaints').transition(c.documentId, { to: 'investigating', note: '調閱帳單' }, { label: 'test', isManager: true });
    const items = (await get(nurseSession, `/clinic-crm/clients/${client.documentId}/timeline`)).body.data.items;
    expect(items.filter((i: any) => i.kind === 'complaint_event' && i.documentId === c.documentId).map((i: any) => i.status)).toContain('investigating');
  });
});

describe('my tasks', () => {
  it('shows the linked staff member’s own tasks and completes one in place', async () => {
    const res = await get(nurseSession, '/clinic-crm/my-work');
    expect(res.status).toBe(200);
    expect(res.body.data.staff.fullName).toBe('李護理師');
    const tasks = res.body.data.tasks;
    expect(tasks.length).toBe(2);
    expect(tasks[0]).toMatchObject({ step: '24h', overdue: true, client: { fullName: '時間軸小姐' } });
    const done = await post(nurseSession, `/clinic-crm/follow-up-tasks/${tasks[0].documentId}/complete`, { outcome: 'normal_recovery', notes: '電話關懷,恢復良好' });
    expect(done.status).toBe(200);
    const again = await get(nurseSession, '/clinic-crm/my-work');
    expect(again.body.data.tasks.map((t: any) => t.step)).toEqual(['1w']);
    // a device she is responsible for, due within a week, is one of her tasks too
    await strapi.documents(UID('equipment')).create({ data: { name: '滅菌鍋', kind: 'sterilizer', serialNumber: 'AC-WS-1', maintenanceIntervalDays: 30, lastMaintainedOn: new Date(Date.now() - 27 * 86_400_000).toISOString().slice(0, 10), responsible: nurse.documentId } });
    const withDevice = await get(nurseSession, '/clinic-crm/my-work');
    expect(withDevice.body.data.equipment).toEqual([expect.objectContaining({ serialNumber: 'AC-WS-1', overdue: false })]);
    // someone without a staff record gets an empty list, not an error
    const other = await adminSession(strapi, 'clinic-crm-beautician');
    const empty = await get(other, '/clinic-crm/my-work');
    expect(empty.body.data).toEqual({ staff: null, tasks: [], complaints: [], equipment: [] });
  });
});

describe('CSV import', () => {
  const csv = [
    '客戶編號,姓名,電話,電子郵件,性別,出生日期,首次接待人員,備註',
    'IMP-001,甲小姐,0912-111-111,a@example.com,女,1990-01-01,,x',
    'IMP-002,,0912-222-222,,,,,',
    'IMP-003,丙先生,0912-333-333,,男,1985/12/31,,',
    'IMP-001,重複,0912-444-444,,,,,',
    'IMP-005,戊小姐,not-a-phone,bad@,x,1990-13-01,,',
    'IMP-006,己先生,0912-666-666,,,,nobody@clinic.test,',
    'IMP-007,"庚, 小姐",0912-777-777,,,,,',
  ].join('\r\n');

  it('previews without writing, naming each bad row’s line and fields', async () => {
    const before = await strapi.db.query(UID('client')).count({});
    const res = await post(manager, '/clinic-crm/import/clients', { csv, dryRun: true });
    expect(res.status).toBe(200);
    const d = res.body.data;
    expect(d.total).toBe(7);
    expect(d.unknownColumns).toEqual(['備註']);
    expect(d.counts).toEqual({ created: 0, exists: 0, valid: 3, errors: 4 });
    const errors = d.rows.filter((r: any) => r.result === 'error');
    expect(errors.map((r: any) => r.line)).toEqual([3, 5, 6, 7]);
    expect(errors[0].errors.map((e: any) => e.field)).toEqual(['fullName']);
    expect(errors[1].errors[0].message).toContain('earlier in the file');
    expect(errors[2].errors.map((e: any) => e.field).sort()).toEqual(['dateOfBirth', 'email', 'gender', 'phone']);
    expect(await strapi.db.query(UID('client')).count({})).toBe(before);
  });

  it('imports in chunks, accounting for every row; a chunk sent twice creates nothing twice', async () => {
    const before = await strapi.db.query(UID('client')).count({});
    const all: any[] = [];
    let offset: number | null = 0;
    while (offset !== null) {
      const res: any = await post(manager, '/clinic-crm/import/clients', { csv, offset, limit: 2 });
      expect(res.status).toBe(200);
      all.push(...res.body.data.rows);
      offset = res.body.data.nextOffset;
    }
    expect(all.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(all.map((r) => r.result)).toEqual(['created', 'error', 'created', 'error', 'error', 'error', 'created']);
    expect(all[5].errors[0]).toMatchObject({ field: 'firstContactStaffEmail' });
    expect(await strapi.db.query(UID('client')).count({})).toBe(before + 3);
    const c = await strapi.db.query(UID('client')).findOne({ where: { clientNumber: 'IMP-007' } });
    expect(c.fullName).toBe('庚, 小姐');
    const retry = await post(manager, '/clinic-crm/import/clients', { csv, offset: 0, limit: 2 });
    expect(retry.body.data.rows.map((r: any) => r.result)).toEqual(['exists', 'error']);
    expect(await strapi.db.query(UID('client')).count({})).toBe(before + 3);
  });

  it('refuses a broken file or bad paging with a 400 naming the field', async () => {
    const cases: Array<[unknown, string]> = [
      [{ csv: '' }, 'csv'],
      [{ csv: 'name,phone\n甲,0912' }, 'csv'],
      [{ csv: 'clientNumber,fullName,phone\n"C-1,甲,0912' }, 'csv'],
      [{ csv, offset: -1 }, 'offset'],
      [{ csv, limit: 5000 }, 'limit'],
      [{ csv, dryRun: 'yes' }, 'dryRun'],
    ];
    for (const [body, field] of cases) {
      const res = await post(manager, '/clinic-crm/import/clients', body);
      expect(res.status).toBe(400);
      expect(res.body.error.details.errors[0].path).toEqual([field]);
    }
  });
});

describe('CSV export', () => {
  it('streams every complaint with a total ahead, without private text', async () => {
    const res = await get(manager, '/clinic-crm/export/complaints');
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="clinic-crm-complaints-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = res.text.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toContain('referenceNumber,receivedAt');
    expect(lines.length - 1).toBe(Number(res.headers['x-total-count']));
    expect(lines.length - 1).toBe(await strapi.db.query(UID('complaint')).count({}));
    expect(res.text).not.toContain('櫃檯等候太久');
    expect(res.text).not.toContain('0911-000-000');
    expect((await get(manager, '/clinic-crm/export/clients')).status).toBe(400);
  });
});
