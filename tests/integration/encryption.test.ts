/**
 * Health data is AES-256-GCM ciphertext in the database rows (read here past Strapi, straight
 * from SQLite's file or Postgres), plaintext to the roles allowed to read it, and keys rotate.
 */
import { execFile } from 'child_process';
import { randomBytes } from 'crypto';
import request from 'supertest';
import { bootStrapi, stopStrapi, Booted, APP_DIR } from '../helpers/strapi';
import { adminSession } from '../helpers/auth';
import { rawRows } from '../helpers/raw-db';
import { clientData, publishTreatment, signConsent, staffData, UID } from '../helpers/fixtures';

let app: Booted;
let strapi: any;
let client: any;
let record: any;
const originalKeys = { ...((): any => ({}))() };

beforeAll(async () => {
  app = await bootStrapi();
  strapi = app.strapi;
  Object.assign(originalKeys, strapi.config.get('plugin::clinic-crm.encryption'));
  await strapi.documents(UID('staff-member')).create({ data: staffData({ department: 'nurse' }) });
  const treatment = await publishTreatment(strapi);
  client = await strapi.documents(UID('client')).create({
    data: clientData({ allergies: '盤尼西林、利多卡因', medications: 'Aspirin 100mg', medicalConditions: '高血壓', pregnancyStatus: 'lactating', priorTreatments: '肉毒 2 次', notes: '對疼痛敏感' }),
  });
  await signConsent(strapi, client, treatment);
  record = await strapi.documents(UID('treatment-record')).create({
    data: { recordNumber: `TR-ENC-${Date.now()}`, client: client.documentId, treatment: treatment.documentId, performedAt: new Date().toISOString(), notes: '能量 3.0 J/cm²' },
  });
});
afterAll(() => stopStrapi(app));

const table = (uid: string) => strapi.db.metadata.get(uid).tableName;
const clientRow = async () => (await rawRows(`select * from ${table(UID('client'))} where document_id = ?`, [client.documentId]))[0];

it('stores client health fields as ciphertext with the key id, and reads them back as text', async () => {
  const row = await clientRow();
  for (const [column, plain] of [['allergies', '盤尼西林'], ['medications', 'Aspirin'], ['medical_conditions', '高血壓'], ['pregnancy_status', 'lactating'], ['prior_treatments', '肉毒'], ['notes', '疼痛']]) {
    expect(row[column]).toMatch(/^enc:v1:dev:[A-Za-z0-9_-]+$/);
    expect(row[column]).not.toContain(plain);
  }
  expect(row.full_name).toBe(client.fullName); // identity fields are not health data
  const read = await strapi.documents(UID('client')).findOne({ documentId: client.documentId });
  expect(read).toMatchObject({ allergies: '盤尼西林、利多卡因', pregnancyStatus: 'lactating', notes: '對疼痛敏感' });
  // two encryptions of the same text differ (fresh IV)
  const other = await strapi.documents(UID('client')).create({ data: clientData({ allergies: '盤尼西林、利多卡因' }) });
  const otherRow = (await rawRows(`select allergies from ${table(UID('client'))} where document_id = ?`, [other.documentId]))[0];
  expect(otherRow.allergies).not.toBe(row.allergies);
});

it('encrypts clinical notes, follow-up outcome notes and complaint details on every write path', async () => {
  const rec = (await rawRows(`select notes from ${table(UID('treatment-record'))} where document_id = ?`, [record.documentId]))[0];
  expect(rec.notes).toMatch(/^enc:v1:/);
  const [task] = await strapi.documents(UID('follow-up-task')).findMany({ filters: { treatmentRecord: { documentId: record.documentId } } });
  await strapi.plugin('clinic-crm').service('follow-ups').complete(task.documentId, { outcome: 'normal_recovery', notes: '恢復良好,無紅腫' }, 'test');
  const t = (await rawRows(`select outcome_notes from ${table(UID('follow-up-task'))} where document_id = ?`, [task.documentId]))[0];
  expect(t.outcome_notes).toMatch(/^enc:v1:/);
  const res = await request(app.http).post('/api/clinic-crm/complaints').send({ name: '王小姐', phone: '0911-111-111', category: 'side_effect', description: '術後第三天仍紅腫發熱', consentToContact: true });
  expect(res.status).toBe(201);
  const c = (await rawRows(`select description, contact_name from ${table(UID('complaint'))} where reference_number = ?`, [res.body.data.referenceNumber]))[0];
  expect(c.description).toMatch(/^enc:v1:/);
  expect(c.description).not.toContain('紅腫');
  // the admin panel (a nurse, allowed) reads plaintext
  const nurse = await adminSession(strapi, 'clinic-crm-nurse');
  const cm = await request(app.http).get(`/content-manager/collection-types/${UID('client')}/${client.documentId}`).set(nurse.auth);
  expect(cm.body.data.allergies).toBe('盤尼西林、利多卡因');
  // an update through the admin panel is encrypted as well
  await request(app.http).put(`/content-manager/collection-types/${UID('client')}/${client.documentId}`).set(nurse.auth).send({ medications: 'Warfarin 5mg' }).expect(200);
  const row = await clientRow();
  expect(row.medications).toMatch(/^enc:v1:/);
  expect(row.medications).not.toContain('Warfarin');
  expect((await strapi.documents(UID('client')).findOne({ documentId: client.documentId })).medications).toBe('Warfarin 5mg');
});

it('rotates keys: every value moves to the new key, still readable, and the old key can go', async () => {
  const enc = strapi.plugin('clinic-crm').service('encryption');
  const k2 = randomBytes(32).toString('base64');
  strapi.config.set('plugin::clinic-crm.encryption', { keys: `${originalKeys.keys},k2:${k2}`, activeKeyId: 'k2' });
  const first = await enc.rotate({ batchSize: 2 });
  const moved = first.columns.reduce((n: number, c: any) => n + c.reencrypted, 0);
  expect(moved).toBeGreaterThanOrEqual(9);
  const row = await clientRow();
  expect(row.allergies).toMatch(/^enc:v1:k2:/);
  expect(row.pregnancy_status).toMatch(/^enc:v1:k2:/);
  const second = await enc.rotate();
  expect(second.columns.reduce((n: number, c: any) => n + c.reencrypted + c.encrypted, 0)).toBe(0);
  // the old key removed: everything still reads
  strapi.config.set('plugin::clinic-crm.encryption', { keys: `k2:${k2}`, activeKeyId: 'k2' });
  const read = await strapi.documents(UID('client')).findOne({ documentId: client.documentId });
  expect(read.allergies).toBe('盤尼西林、利多卡因');
  const rec = await strapi.documents(UID('treatment-record')).findOne({ documentId: record.documentId });
  expect(rec.notes).toBe('能量 3.0 J/cm²');
  strapi.config.set('plugin::clinic-crm.encryption', originalKeys);
});

const runApp = (env: Record<string, string>) =>
  new Promise<{ code: number | null; out: string }>((resolve) => {
    const script = `require('@strapi/strapi').createStrapi({ appDir: ${JSON.stringify(APP_DIR)}, distDir: ${JSON.stringify(APP_DIR + '/dist')} }).load().then(() => process.exit(0), (e) => { console.error(e.message); process.exit(3); })`;
    execFile(process.execPath, ['-e', script], { cwd: APP_DIR, env: { ...process.env, ...env }, timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as any).code ?? 1) : 0, out: stdout + stderr })
    );
  });

it('refuses to start in production without an encryption or ledger key or metrics token, or with a malformed one', async () => {
  const production = {
    NODE_ENV: 'production',
    APP_KEYS: 'a,b',
    ADMIN_JWT_SECRET: 'x',
    API_TOKEN_SALT: 'x',
    TRANSFER_TOKEN_SALT: 'x',
    ENCRYPTION_KEY: 'x',
    JWT_SECRET: 'x',
    CLINIC_CRM_ENCRYPTION_KEYS: '',
    CLINIC_CRM_LEDGER_KEYS: `l1:${Buffer.alloc(32, 7).toString('base64')}`,
    CLINIC_CRM_METRICS_TOKEN: 'production-scrape-token-0123',
  };
  const missing = await runApp(production);
  expect(missing.code).not.toBe(0);
  expect(missing.out).toContain('CLINIC_CRM_ENCRYPTION_KEYS');
  const malformed = await runApp({ ...production, CLINIC_CRM_ENCRYPTION_KEYS: 'k1:c2hvcnQ=' });
  expect(malformed.code).not.toBe(0);
  expect(malformed.out).toMatch(/CLINIC_CRM_ENCRYPTION_KEYS: key "k1" must be 32 bytes/);
  const withKey = { ...production, CLINIC_CRM_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 9).toString('base64')}` };
  const noLedgerKey = await runApp({ ...withKey, CLINIC_CRM_LEDGER_KEYS: '' });
  expect(noLedgerKey.code).not.toBe(0);
  expect(noLedgerKey.out).toContain('CLINIC_CRM_LEDGER_KEYS');
  const badLedgerKey = await runApp({ ...withKey, CLINIC_CRM_LEDGER_KEYS: 'l1:c2hvcnQ=' });
  expect(badLedgerKey.code).not.toBe(0);
  expect(badLedgerKey.out).toMatch(/CLINIC_CRM_LEDGER_KEYS: key "l1" must be 32 bytes/);
  const noMetricsToken = await runApp({ ...withKey, CLINIC_CRM_METRICS_TOKEN: '' });
  expect(noMetricsToken.code).not.toBe(0);
  expect(noMetricsToken.out).toContain('CLINIC_CRM_METRICS_TOKEN is required in production');
  const shortMetricsToken = await runApp({ ...withKey, CLINIC_CRM_METRICS_TOKEN: 'short' });
  expect(shortMetricsToken.code).not.toBe(0);
  expect(shortMetricsToken.out).toContain('metrics.token (CLINIC_CRM_METRICS_TOKEN) must be at least 16 characters');
});
