import request from 'supertest';
import { bootStrapi, stopStrapi, Booted } from '../helpers/strapi';
import { UID } from '../helpers/fixtures';
import { KNOWN_CONTRAINDICATIONS } from '../../packages/strapi-plugin-clinic-crm/server/src/clients/domain/contraindications';

let app: Booted;
let strapi: any;

beforeAll(async () => {
  app = await bootStrapi({ CLINIC_CRM_SEED_DEMO: 'true', DEMO_ADMIN_EMAIL: 'demo@clinic.test', DEMO_ADMIN_PASSWORD: 'Demo-Password-1' });
  strapi = app.strapi;
});
afterAll(() => stopStrapi(app));

describe('demo data (development first boot)', () => {
  it('seeds a catalogue of 15+ treatments in zh-Hant, zh-Hans and en with TWD fee items', async () => {
    for (const locale of ['zh-Hant', 'zh-Hans', 'en']) {
      expect(await strapi.documents(UID('treatment')).count({ locale, status: 'published' })).toBeGreaterThanOrEqual(15);
    }
    const all = await strapi.documents(UID('treatment')).findMany({ locale: 'zh-Hant', status: 'published', populate: ['feeItems'] });
    for (const t of all) {
      expect(t.feeItems.length).toBeGreaterThan(0);
      expect(t.feeItems.every((f: any) => f.currency === 'TWD' && Number.isInteger(f.amount))).toBe(true);
    }
    const table = await request(app.http).get('/api/clinic-crm/price-table?locale=en');
    expect(table.status).toBe(200);
    expect(table.body.meta.treatmentCount).toBeGreaterThanOrEqual(15);
    expect(table.body.data.categories.flatMap((c: any) => c.treatments).every((t: any) => t.locale === 'en')).toBe(true);
  });

  it('seeds staff in every department, SOPs for every stage, consent templates, clients, records and the four case-study complaints', async () => {
    const staff = await strapi.documents(UID('staff-member')).findMany({ limit: 100 });
    expect(new Set(staff.map((s: any) => s.department))).toEqual(new Set(['front_desk', 'beautician', 'nurse', 'doctor', 'management']));
    const sops = await strapi.documents(UID('sop-document')).findMany({ status: 'published', locale: 'zh-Hant' });
    expect(new Set(sops.map((s: any) => s.stage))).toEqual(new Set(['consultation', 'treatment', 'aftercare', 'emergency', 'equipment', 'disinfection']));
    expect(await strapi.documents(UID('sop-document')).count({ status: 'published', locale: 'en' })).toBe(sops.length);
    expect(await strapi.documents(UID('consent-template')).count({ status: 'published' })).toBeGreaterThanOrEqual(3);
    expect(await strapi.documents(UID('client')).count({})).toBeGreaterThanOrEqual(5);
    const records = await strapi.documents(UID('treatment-record')).findMany({});
    expect(records.length).toBeGreaterThanOrEqual(2);
    expect(records.every((r: any) => r.priceSnapshot.total > 0)).toBe(true);
    expect(await strapi.documents(UID('complaint')).count({})).toBe(4);
    // a batch shared by three clients, named by a product-reaction complaint: the recall page shows them
    const recall = await strapi.plugin('clinic-crm').service('recalls').search('BTX-2026-0815');
    expect(recall.records.map((r: any) => r.client.clientNumber).sort()).toEqual(['C-0002', 'C-0003', 'C-0005']);
    expect((await strapi.db.query(UID('complaint')).findOne({ where: { referenceNumber: 'CMP-DEMO-004' } })).productBatchNumber).toBe('BTX-2026-0815');
  });

  it('uses only known contraindication codes, and the demo shows the gate: an allergy and a pacemaker', async () => {
    const all = await strapi.documents(UID('treatment')).findMany({ locale: '*', status: 'published', fields: ['slug', 'locale', 'contraindications', 'ingredients'] });
    const codes = all.flatMap((t: any) => t.contraindications ?? []);
    expect(codes.length).toBeGreaterThan(20);
    expect(codes.filter((c: string) => !KNOWN_CONTRAINDICATIONS.includes(c))).toEqual([]);
    const filler = all.find((t: any) => t.slug === 'hyaluronic-acid-filler' && t.locale === 'en');
    expect(filler.ingredients).toContain('Lidocaine');
    const client = (n: string) => strapi.db.query(UID('client')).findOne({ where: { clientNumber: n } });
    const refused = (clientDoc: any, slug: string) =>
      strapi.documents(UID('consent-record')).create({ data: { client: clientDoc.documentId, treatment: all.find((t: any) => t.slug === slug).documentId, signerName: clientDoc.fullName } }).then(
        () => null,
        (e: any) => e.details.errors[0].value
      );
    expect(await refused(await client('C-0005'), 'hyaluronic-acid-filler')).toEqual(['allergy:Lidocaine']); // "Lidocaine (rash)"
    expect(await refused(await client('C-0002'), 'hyaluronic-acid-filler')).toEqual(['allergy:Lidocaine']); // 利多卡因（起疹）
    expect(await refused(await client('C-0006'), 'rf-skin-tightening')).toEqual(['pacemaker']);
  });

  it('shows every treatment performed after its consent was signed, within the signed quote, and a ledger that verifies', async () => {
    const records = await strapi.db.query(UID('treatment-record')).findMany({ populate: { consentRecord: true, client: { select: ['clientNumber'] } } });
    expect(records.length).toBeGreaterThan(0);
    for (const r of records) {
      expect(r.consentRecord).toBeTruthy();
      expect(new Date(r.consentRecord.signedAt).getTime()).toBeLessThan(new Date(r.performedAt).getTime());
      expect(r.priceSnapshot.total).toBeLessThanOrEqual(r.consentRecord.priceSnapshot.total);
    }
    const report = await strapi.plugin('clinic-crm').service('ledger-verify').verify({ rows: true });
    expect(report).toMatchObject({ ok: true, firstBroken: null, changedRows: [], unsealedRows: [] });
    expect(report.entries).toBeGreaterThan(records.length);
  });

  it('creates a demo administrator who can log in, and does not seed twice', async () => {
    const login = await request(app.http).post('/admin/login').send({ email: 'demo@clinic.test', password: 'Demo-Password-1' });
    expect(login.status).toBe(200);
    const before = await strapi.documents(UID('treatment')).count({ locale: '*' });
    await strapi.plugin('clinic-crm').service('seed').run();
    expect(await strapi.documents(UID('treatment')).count({ locale: '*' })).toBe(before);
  });
});
