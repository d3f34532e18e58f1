import request from 'supertest';
import { bootStrapi, stopStrapi, Booted } from '../helpers/strapi';
import { adminSession } from '../helpers/auth';
import { UID, publishTreatment, treatmentData, feeItems, clientData, signConsent } from '../helpers/fixtures';
import { DEFAULT_CLAIM_PHRASES } from '../../packages/strapi-plugin-clinic-crm/server/src/pricing/domain/claims';

let app: Booted;
let strapi: any;
let admin: { email: string; auth: Record<string, string> };
const T = UID('treatment');
const CM = (uid: string) => `/content-manager/collection-types/${uid}`;

const rejection = async (promise: Promise<unknown>) => {
  const err: any = await promise.then(
    () => null,
    (e) => e
  );
  expect(err).not.toBeNull();
  return err;
};
const paths = (err: any) => (err.details?.errors ?? []).map((e: any) => e.path.join('.'));

beforeAll(async () => {
  app = await bootStrapi();
  strapi = app.strapi;
  admin = await adminSession(strapi);
});
afterAll(() => stopStrapi(app));

describe('price history', () => {
  it('records who changed which published fee item, when, with old and new values, and serves it on the admin API', async () => {
    // Created and published through the admin panel's own API, as an administrator does it.
    const created = await request(app.http)
      .post(`${CM(T)}?locale=zh-Hant`)
      .set(admin.auth)
      .send({ ...treatmentData({ slug: 'history-test', name: '價格紀錄測試' }) });
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId;
    const publish = await request(app.http).post(`${CM(T)}/${documentId}/actions/publish?locale=zh-Hant`).set(admin.auth).send({});
    expect(publish.status).toBe(200);

    // Change the laser fee and publish again.
    const draft = await strapi.documents(T).findOne({ documentId, locale: 'zh-Hant', populate: ['feeItems', 'coursePackages'] });
    const changed = draft.feeItems.map(({ id, ...f }: any) => (f.code === 'laser' ? { ...f, amount: 8800 } : f));
    const save = await request(app.http).put(`${CM(T)}/${documentId}?locale=zh-Hant`).set(admin.auth).send({ feeItems: changed });
    expect(save.status).toBe(200);
    const publish2 = await request(app.http).post(`${CM(T)}/${documentId}/actions/publish?locale=zh-Hant`).set(admin.auth).send({});
    expect(publish2.status).toBe(200);

    // A publish that does not touch prices writes nothing.
    await strapi.documents(T).update({ documentId, locale: 'zh-Hant', data: { summary: '新的說明文字' }, status: 'published' });

    const res = await request(app.http).get(`/clinic-crm/price-history?treatment=${documentId}`).set(admin.auth);
    expect(res.status).toBe(200);
    expect(res.body.pagination.total).toBe(2);
    const [latest, first] = res.body.results;
    expect(first.action).toBe('published');
    expect(first.changes.map((c: any) => [c.code, c.change])).toEqual([
      ['consultation', 'added'],
      ['laser', 'added'],
      ['numbing', 'added'],
      ['five', 'added'],
    ]);
    expect(latest).toMatchObject({ action: 'published', treatmentLocale: 'zh-Hant', changedBy: admin.email, treatmentName: '價格紀錄測試' });
    expect(new Date(latest.changedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(latest.changes).toEqual([
      expect.objectContaining({ type: 'fee_item', code: 'laser', change: 'changed', fields: ['amount'], before: expect.objectContaining({ amount: 8000 }), after: expect.objectContaining({ amount: 8800 }) }),
    ]);

    await strapi.documents(T).unpublish({ documentId, locale: 'zh-Hant' });
    const after = await request(app.http).get(`/clinic-crm/price-history?treatment=${documentId}&pageSize=1`).set(admin.auth);
    expect(after.body.pagination.total).toBe(3);
    expect(after.body.results[0].action).toBe('unpublished');
    expect(after.body.results[0].after).toBeNull();
  });

  it('is for administrators only and validates its query', async () => {
    expect((await request(app.http).get('/clinic-crm/price-history')).status).toBe(401);
    const bad = await request(app.http).get('/clinic-crm/price-history?page=0').set(admin.auth);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['page']);
  });
});

describe('quote snapshots', () => {
  it('freezes the price lines and total on treatment and consent records; catalogue edits never change them', async () => {
    const t = await publishTreatment(strapi, { slug: 'snapshot-test' });
    const client = await strapi.documents(UID('client')).create({ data: clientData() });
    const consent = await signConsent(strapi, client, t, { priceSnapshot: { packageCode: 'five' } });
    const record = await strapi.documents(UID('treatment-record')).create({
      data: { recordNumber: 'TR-SNAP-1', client: client.documentId, treatment: t.documentId, performedAt: new Date().toISOString(), priceSnapshot: { addOns: [{ code: 'numbing' }] } },
    });
    expect(record.priceSnapshot).toMatchObject({ total: 8800, currency: 'TWD', treatment: { documentId: t.documentId, slug: 'snapshot-test' } });
    expect(record.priceSnapshot.lines.map((l: any) => [l.code, l.amount])).toEqual([
      ['consultation', 500],
      ['laser', 8000],
      ['numbing', 300],
    ]);
    expect(consent.priceSnapshot.total).toBe(36500);

    await strapi.documents(T).update({ documentId: t.documentId, locale: 'zh-Hant', data: { feeItems: feeItems(12000) }, status: 'published' });
    const reread = await strapi.documents(UID('treatment-record')).findOne({ documentId: record.documentId });
    expect(reread.priceSnapshot).toEqual(record.priceSnapshot);
    const rereadConsent = await strapi.documents(UID('consent-record')).findOne({ documentId: consent.documentId });
    expect(rereadConsent.priceSnapshot).toEqual(consent.priceSnapshot);

    // A new record is quoted at the new price.
    expect(rereadConsent.renderedText).toContain('合計 36500 TWD'); // the signed text shows the frozen quote too
    const later = await strapi.documents(UID('treatment-record')).create({
      data: { recordNumber: 'TR-SNAP-2', client: client.documentId, treatment: t.documentId, performedAt: new Date().toISOString() },
    });
    expect(later.priceSnapshot.total).toBe(12500);

    // The snapshot and its treatment cannot be changed afterwards; other fields can.
    const err = await rejection(
      strapi.documents(UID('treatment-record')).update({ documentId: record.documentId, data: { priceSnapshot: { ...record.priceSnapshot, total: 1 } } })
    );
    expect(paths(err)).toEqual(['priceSnapshot']);
    const other = await publishTreatment(strapi, { slug: 'snapshot-other' });
    expect(paths(await rejection(strapi.documents(UID('treatment-record')).update({ documentId: record.documentId, data: { treatment: other.documentId } })))).toEqual(['treatment']);
    const ok = await strapi.documents(UID('treatment-record')).update({ documentId: record.documentId, data: { notes: '恢復良好', priceSnapshot: record.priceSnapshot } });
    expect(ok.notes).toBe('恢復良好');
    expect(ok.priceSnapshot).toEqual(record.priceSnapshot);
  });

  it('the admin panel cannot rewrite a snapshot either', async () => {
    const t = await publishTreatment(strapi, { slug: 'snapshot-admin' });
    const client = await strapi.documents(UID('client')).create({ data: clientData() });
    await signConsent(strapi, client, t);
    const record = await strapi.documents(UID('treatment-record')).create({
      data: { recordNumber: 'TR-SNAP-ADM', client: client.documentId, treatment: t.documentId, performedAt: new Date().toISOString() },
    });
    const res = await request(app.http)
      .put(`${CM(UID('treatment-record'))}/${record.documentId}`)
      .set(admin.auth)
      .send({ priceSnapshot: { ...record.priceSnapshot, total: 0 } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['priceSnapshot']);
    const reread = await strapi.documents(UID('treatment-record')).findOne({ documentId: record.documentId });
    expect(reread.priceSnapshot.total).toBe(8500);
  });

  it('refuses bad option choices and unpublished treatments with a 400 naming the field, creating nothing', async () => {
    const t = await publishTreatment(strapi, { slug: 'snapshot-bad' });
    const draftOnly = await strapi.documents(T).create({ data: treatmentData({ slug: 'snapshot-draft' }) });
    const client = await strapi.documents(UID('client')).create({ data: clientData() });
    await signConsent(strapi, client, t);
    const count = () => strapi.documents(UID('treatment-record')).count({});
    const before = await count();
    const attempt = (treatment: string, priceSnapshot: unknown) =>
      rejection(
        strapi.documents(UID('treatment-record')).create({
          data: { recordNumber: `TR-BAD-${Math.random()}`.slice(0, 20).replace('.', ''), client: client.documentId, treatment, performedAt: new Date().toISOString(), priceSnapshot },
        })
      );
    expect(paths(await attempt(t.documentId, { addOns: [{ code: 'caviar-facial' }] }))).toEqual(['priceSnapshot.addOns.0.code']);
    expect(paths(await attempt(t.documentId, { packageCode: 'twenty' }))).toEqual(['priceSnapshot.packageCode']);
    expect(paths(await attempt(t.documentId, { total: 1 }))).toEqual(['priceSnapshot.total']);
    expect(paths(await attempt(t.documentId, { quantities: { laser: 0 } }))).toEqual(['priceSnapshot.quantities.laser']);
    expect(paths(await attempt(draftOnly.documentId, {}))).toEqual(['treatment']);
    expect(await count()).toBe(before);
  });
});

describe('advertising-claim check on publish', () => {
  it.each(DEFAULT_CLAIM_PHRASES)('refuses to publish a treatment claiming "%s", naming field and phrase', async (phrase) => {
    const draft = await strapi.documents(T).create({ data: treatmentData({ summary: `本療程${phrase},歡迎預約` }) });
    const err = await rejection(strapi.documents(T).publish({ documentId: draft.documentId, locale: 'zh-Hant' }));
    expect(err.name).toBe('ValidationError');
    expect(paths(err)).toContain('summary');
    expect(err.message).toContain(phrase);
    expect(await strapi.documents(T).findOne({ documentId: draft.documentId, status: 'published' })).toBeNull();
  });

  it('refuses through the admin panel with a 400, and in fee-item labels and every locale', async () => {
    const draft = await strapi.documents(T).create({ data: treatmentData({ feeItems: [{ code: 'x', label: '零風險保養', kind: 'included', amount: 1, unit: 'one_off' }] }) });
    const res = await request(app.http).post(`${CM(T)}/${draft.documentId}/actions/publish?locale=zh-Hant`).set(admin.auth).send({});
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['feeItems', '0', 'label']);
    expect(res.body.error.message).toContain('零風險');

    const en = await rejection(
      strapi.documents(T).create({ locale: 'en', status: 'published', data: treatmentData({ description: 'Permanent results with no downtime.' }) })
    );
    expect(paths(en)).toEqual(['description']);
    expect(await strapi.documents(T).count({ locale: 'en', status: 'published', filters: { description: { $contains: 'Permanent' } } })).toBe(0);
  });

  it('accepts clean text in zh-Hant, zh-Hans and en', async () => {
    const t = await publishTreatment(strapi, { summary: '效果因人而異,可能短暫泛紅。', description: '療程前由醫師評估。' });
    await strapi.documents(T).update({ documentId: t.documentId, locale: 'zh-Hans', status: 'published', data: treatmentData({ slug: t.slug, summary: '效果因人而异,可能短暂泛红。' }) });
    await strapi.documents(T).update({ documentId: t.documentId, locale: 'en', status: 'published', data: treatmentData({ slug: t.slug, summary: 'Results vary; temporary redness is common.' }) });
    expect(await strapi.documents(T).count({ locale: '*', status: 'published', filters: { documentId: t.documentId } })).toBe(3);
  });

  it('checks SOPs marked public, not internal ones, and uses the configured phrase list', async () => {
    const sop = (isPublic: boolean, body: string) =>
      strapi.documents(UID('sop-document')).create({
        status: 'published',
        data: { title: '術後照護', code: `SOP-${Math.random().toString(36).slice(2, 8).toUpperCase()}`, stage: 'aftercare', department: 'all', version: 1, body, effectiveDate: '2026-01-01', isPublic },
      });
    expect(paths(await rejection(sop(true, '本流程保證有效')))).toEqual(['body']);
    expect((await sop(false, '內部訓練:勿對客戶說「保證有效」')).publishedAt).toBeTruthy();

    const original = strapi.config.get('plugin::clinic-crm.extraClaimPhrases');
    strapi.config.set('plugin::clinic-crm.extraClaimPhrases', ['奇蹟']);
    try {
      const err = await rejection(publishTreatment(strapi, { summary: '奇蹟般的效果' }));
      expect(err.message).toContain('奇蹟');
    } finally {
      strapi.config.set('plugin::clinic-crm.extraClaimPhrases', original);
    }
  });
});
