import request from 'supertest';
import { bootStrapi, stopStrapi, Booted } from '../helpers/strapi';
import { apiUser, grant } from '../helpers/auth';
import { UID, clientData, staffData, publishTreatment } from '../helpers/fixtures';

let app: Booted;
let strapi: any;

beforeAll(async () => {
  app = await bootStrapi();
  strapi = app.strapi;
});
afterAll(() => stopStrapi(app));

const service = (name: string) => strapi.plugin('clinic-crm').service(name);

const expectValidation = async (promise: Promise<unknown>, field: string) => {
  const err: any = await promise.then(
    () => null,
    (e) => e
  );
  expect(err).not.toBeNull();
  expect(err.name).toBe('ValidationError');
  const paths = (err.details?.errors ?? []).map((e: any) => e.path.join('.'));
  expect(paths).toContain(field);
  return err;
};

describe('the app boots with the clinic-crm plugin', () => {
  it('registers every content type', () => {
    const names = Object.keys(strapi.contentTypes).filter((uid) => uid.startsWith('plugin::clinic-crm.'));
    expect(names.sort()).toEqual(
      [
        'approval',
        'audit-event',
        'batch-recall',
        'calendar-day',
        'client',
        'clinical-photo',
        'complaint',
        'complaint-event',
        'complaint-handoff',
        'complaint-note',
        'consent-record',
        'consent-template',
        'course',
        'drill-record',
        'email-template',
        'emergency-plan',
        'equipment',
        'equipment-log',
        'follow-up-task',
        'ledger-entry',
        'notification',
        'on-call-shift',
        'price-change',
        'routing-rule',
        'sop-acknowledgement',
        'sop-document',
        'staff-member',
        'survey',
        'training-record',
        'treatment',
        'treatment-record',
        'urgent-page',
        'webhook-channel',
      ].map(UID)
    );
  });

  it('works in zh-Hant by default, with zh-Hans and en available', async () => {
    const locales = await strapi.plugin('i18n').service('locales').find();
    expect(locales.map((l: any) => l.code).sort()).toEqual(['en', 'zh-Hans', 'zh-Hant']);
    expect(await strapi.plugin('i18n').service('locales').getDefaultLocale()).toBe('zh-Hant');
  });
});

describe('every content type can be created and read through the plugin services', () => {
  it('creates the whole chain: staff → client → treatment → consent → record → task, complaint, event, notification', async () => {
    const staff = await service('staff-member').create({ data: staffData({ department: 'doctor' }) });
    const client = await service('client').create({ data: clientData({ firstContactStaff: staff.documentId }) });
    const sop = await service('sop-document').create({
      data: { title: '雷射操作流程', code: 'SOP-T-1', stage: 'treatment', department: 'all', version: 1, body: '步驟…', effectiveDate: '2026-01-01' },
      status: 'published',
    });
    const treatment = await publishTreatment(strapi, { sops: [sop.documentId] });
    const template = await service('consent-template').create({
      data: { title: '雷射同意書', templateKey: 'laser', language: 'zh-Hant', version: 1, body: '本人 {{client.fullName}} 同意', treatment: treatment.documentId },
      status: 'published',
    });
    const consent = await service('consent-record').create({
      data: {
        client: client.documentId,
        treatment: treatment.documentId,
        consentTemplate: template.documentId,
        templateVersion: 1,
        signerName: '周小姐',
        witness: staff.documentId,
      },
    });
    const record = await service('treatment-record').create({
      data: { recordNumber: 'TR-F-1', client: client.documentId, treatment: treatment.documentId, practitioner: staff.documentId, performedAt: new Date().toISOString(), consentRecord: consent.documentId },
    });
    // the record scheduled its follow-up ladder itself; a staff member adds one more step by hand
    expect(await strapi.documents(UID('follow-up-task')).count({ filters: { treatmentRecord: { documentId: record.documentId } } })).toBe(8);
    const task = await service('follow-up-task').create({
      data: { idempotencyKey: `${record.documentId}:48h`, treatmentRecord: record.documentId, step: '48h', stepIndex: 8, department: 'beautician', dueAt: new Date().toISOString(), assignee: staff.documentId },
    });
    const complaint = await service('complaint').create({
      data: { referenceNumber: 'CMP-F-1', contactName: '周小姐', channel: 'phone', category: 'side_effect', severity: 'medium', description: '持續泛紅', receivedAt: new Date().toISOString(), treatmentRecord: record.documentId },
    });
    const event = await service('complaint-event').create({
      data: { complaint: complaint.documentId, type: 'received', actor: 'front_desk', occurredAt: new Date().toISOString(), note: '電話受理' },
    });
    const notification = await service('notification').create({
      data: { idempotencyKey: 'test:1', recipientEmail: 'nurse@clinic.test', template: 'follow-up-due', nextAttemptAt: new Date().toISOString(), payload: { a: 1 } },
    });

    expect(consent.renderedText).toBe('本人 周小姐 同意');
    expect(consent.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const found = await service('treatment-record').findOne(record.documentId, {
      populate: ['client', 'treatment', 'practitioner', 'consentRecord'],
    });
    expect(found.client.documentId).toBe(client.documentId);
    expect(found.treatment.documentId).toBe(treatment.documentId);
    expect(found.practitioner.department).toBe('doctor');
    expect(found.consentRecord.documentId).toBe(consent.documentId);
    expect(found.priceSnapshot.total).toBe(8500);

    const c = await service('complaint').findOne(complaint.documentId, { populate: ['events', 'treatmentRecord'] });
    // intake wrote 'received' and 'routed' itself; the manual note is the third entry
    expect(c.events.map((e: any) => e.documentId)).toContain(event.documentId);
    expect(c.events.map((e: any) => e.type).sort()).toEqual(['received', 'received', 'routed']);
    expect(c.workflowStatus).toBe('received');
    expect(c.treatmentRecord.recordNumber).toBe('TR-F-1');

    expect((await service('follow-up-task').findOne(task.documentId)).taskStatus).toBe('pending');
    const n = await service('notification').findOne(notification.documentId);
    expect(n).toMatchObject({ deliveryStatus: 'pending', attempts: 0, language: 'zh-Hant' });
    const cl = await service('client').findOne(client.documentId, { populate: ['firstContactStaff'] });
    expect(cl.firstContactStaff.email).toBe(staff.email);
    expect(cl.allergies).toBe('盤尼西林');
    const t = await service('treatment').findOne(treatment.documentId, { status: 'published', populate: ['sops', 'feeItems'] });
    expect(t.sops.map((s: any) => s.code)).toEqual(['SOP-T-1']);
    expect(t.feeItems).toHaveLength(3);
    expect(t.locale).toBe('zh-Hant');
  });
});

describe('unique keys and required fields are enforced with a clear validation error', () => {
  it.each([
    ['client', 'clientNumber', () => clientData({ clientNumber: 'C-DUP' })],
    ['staff-member', 'email', () => staffData({ email: 'dup@clinic.test' })],
    ['notification', 'idempotencyKey', () => ({ idempotencyKey: 'dup-key', recipientEmail: 'a@clinic.test', template: 't', nextAttemptAt: new Date().toISOString() })],
    ['follow-up-task', 'idempotencyKey', () => ({ idempotencyKey: 'rec:24h', step: '24h', stepIndex: 0, department: 'nurse', dueAt: new Date().toISOString() })],
    ['complaint', 'referenceNumber', () => ({ referenceNumber: 'CMP-DUP', contactName: 'x', channel: 'phone', category: 'other', severity: 'low', description: 'x', receivedAt: new Date().toISOString() })],
  ])('%s.%s is unique', async (name, field, build) => {
    await service(name).create({ data: build() });
    const err = await expectValidation(service(name).create({ data: build() }), field);
    expect(err.message).toMatch(/unique/i);
    expect(await strapi.documents(UID(name)).count({ filters: { [field]: (build() as any)[field] } })).toBe(1);
  });

  it.each([
    ['client', 'fullName', () => { const d: any = clientData(); delete d.fullName; return d; }],
    ['client', 'phone', () => clientData({ phone: 'call me maybe' })],
    ['staff-member', 'department', () => staffData({ department: 'janitor' })],
    ['staff-member', 'email', () => staffData({ email: 'not-an-email' })],
    ['complaint', 'category', () => ({ referenceNumber: 'CMP-X', contactName: 'x', channel: 'phone', category: 'weather', severity: 'low', description: 'x', receivedAt: new Date().toISOString() })],
    // (a webhook row has no recipient e-mail, so the field is optional; a malformed one is still refused)
    ['notification', 'recipientEmail', () => ({ idempotencyKey: 'k-bad-email', template: 't', recipientEmail: 'not-an-email', nextAttemptAt: new Date().toISOString() })],
  ])('%s refuses a bad %s', async (name, field, build) => {
    const before = await strapi.documents(UID(name)).count({});
    await expectValidation(service(name).create({ data: build() }), field);
    expect(await strapi.documents(UID(name)).count({})).toBe(before);
  });

  it('a published treatment needs its required fields and valid fee items', async () => {
    await expectValidation(publishTreatment(strapi, { name: undefined }), 'name');
    await expectValidation(publishTreatment(strapi, { feeItems: [{ code: 'x', label: 'x', kind: 'included', amount: -1, unit: 'one_off' }] }), 'feeItems.0.amount');
    await expectValidation(publishTreatment(strapi, { category: 'astrology' }), 'category');
  });
});

describe('nothing is public yet', () => {
  const PLURALS = ['clients', 'staff-members', 'treatments', 'sop-documents', 'consent-templates', 'consent-records', 'treatment-records', 'follow-up-tasks', 'complaints', 'complaint-events', 'notifications', 'price-changes', 'routing-rules', 'email-templates', 'sop-acknowledgements'];

  it.each(PLURALS)('anonymous REST on /api/clinic-crm/%s is refused with 403', async (plural) => {
    const http = app.http;
    const base = `/api/clinic-crm/${plural}`;
    const answers = await Promise.all([
      request(http).get(base),
      request(http).get(`${base}/abc123`),
      // POST /complaints is the website's public intake (tested in complaints.test.ts)
      ...(plural === 'complaints' ? [] : [request(http).post(base).send({ data: { fullName: 'x' } })]),
      request(http).put(`${base}/abc123`).send({ data: { fullName: 'x' } }),
      request(http).delete(`${base}/abc123`),
    ]);
    for (const res of answers) {
      expect(res.status).toBe(403);
      expect(res.body.error?.name).toBe('ForbiddenError');
    }
  });

  it('a logged-in staff user without a grant is refused too', async () => {
    const { auth } = await apiUser(strapi);
    const res = await request(app.http).get('/api/clinic-crm/clients').set(auth);
    expect(res.status).toBe(403);
  });

  it('once granted, bad REST input gets a 400 naming the field, and private health fields never leave', async () => {
    await grant(strapi, 'authenticated', ['plugin::clinic-crm.client.create', 'plugin::clinic-crm.client.find']);
    const { auth } = await apiUser(strapi);
    const bad = await request(app.http).post('/api/clinic-crm/clients').set(auth).send({ data: { clientNumber: 'C-REST-1', phone: '0912-000-000' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors.map((e: any) => e.path.join('.'))).toContain('fullName');
    expect(await strapi.documents(UID('client')).count({ filters: { clientNumber: 'C-REST-1' } })).toBe(0);

    const ok = await request(app.http).post('/api/clinic-crm/clients').set(auth).send({ data: clientData({ clientNumber: 'C-REST-2' }) });
    expect(ok.status).toBe(201);
    const list = await request(app.http).get('/api/clinic-crm/clients').set(auth);
    expect(list.status).toBe(200);
    const body = JSON.stringify(list.body);
    expect(body).toContain('C-REST-2');
    expect(body).not.toContain('盤尼西林'); // allergies are private
    expect(list.body.data[0]).not.toHaveProperty('allergies');
    // …and cannot be probed by filtering on them
    const probe = await request(app.http).get('/api/clinic-crm/clients?filters[allergies][$contains]=盤尼西林').set(auth);
    expect(probe.status).toBe(400);
  });
});
