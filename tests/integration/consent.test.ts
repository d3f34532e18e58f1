import request from 'supertest';
import { bootStrapi, stopStrapi, Booted } from '../helpers/strapi';
import { adminSession, apiUser, grant } from '../helpers/auth';
import { UID, clientData, staffData, publishTreatment, signConsent, consentTemplateBody, signaturePng, treatmentData } from '../helpers/fixtures';

let app: Booted;
let strapi: any;
let admin: { email: string; auth: Record<string, string> };
let doctor: any;
let nurse: any;
const CM = (uid: string) => `/content-manager/collection-types/${uid}`;
const rejection = (p: Promise<unknown>) => p.then(() => null, (e) => e);
const pathsOf = (e: any) => (e?.details?.errors ?? []).map((x: any) => x.path.join('.'));

beforeAll(async () => {
  app = await bootStrapi();
  strapi = app.strapi;
  admin = await adminSession(strapi);
  doctor = await strapi.documents(UID('staff-member')).create({ data: staffData({ fullName: '黃志明', department: 'doctor' }) });
  nurse = await strapi.documents(UID('staff-member')).create({ data: staffData({ fullName: '李淑芬', department: 'nurse' }) });
  // the admin account is the nurse's: she witnesses what is signed while she is signed in
  const adminUser = await strapi.db.query('admin::user').findOne({ where: { email: admin.email } });
  await strapi.db.query(UID('staff-member')).update({ where: { documentId: nurse.documentId }, data: { adminUser: adminUser.id } });
});
afterAll(() => stopStrapi(app));

const newClient = (over: Record<string, unknown> = {}) => strapi.documents(UID('client')).create({ data: clientData(over) });
const record = (client: any, treatment: any, over: Record<string, unknown> = {}) =>
  strapi.documents(UID('treatment-record')).create({
    data: { recordNumber: `TR-C-${Math.random().toString(36).slice(2, 9).toUpperCase()}`, client: client.documentId, treatment: treatment.documentId, performedAt: new Date().toISOString(), ...over },
  });

describe('consent templates', () => {
  it.each([
    ['{{client.allergies}}', /unknown variable "client.allergies"/],
    ['{{password}}', /unknown variable "password"/],
    ['{{{client.fullName}}}', /raw output/],
    ['{{#each price.lines}}{{secret}}{{/each}}', /inside \{\{#each price.lines\}\}/],
    ['{{lookup client "fullName"}}', /not allowed/],
    ['{{> header}}', /partials/],
    ['{{#if client.fullName}}', /does not compile/],
    ['{{constructor.constructor}}', /unknown variable/],
  ])('refuses %s with a 400 naming body', async (body, message) => {
    const t = await publishTreatment(strapi);
    const err: any = await rejection(
      strapi.documents(UID('consent-template')).create({ data: { title: 'x', templateKey: 'bad', language: 'zh-Hant', version: 1, body, treatment: t.documentId } })
    );
    expect(pathsOf(err)).toEqual(['body']);
    expect(err.message).toMatch(message);
  });

  it('editing a published template publishes a new version and keeps the previous one readable', async () => {
    const t = await publishTreatment(strapi, { slug: 'versioned' });
    const [tpl] = await strapi.documents(UID('consent-template')).findMany({ status: 'published', filters: { templateKey: 'tpl-versioned' } });
    expect(tpl.version).toBe(1);
    await strapi.documents(UID('consent-template')).update({ documentId: tpl.documentId, data: { body: `${consentTemplateBody}(新增說明)`, isMaterialChange: false, changeSummary: '錯字修正' } });
    await strapi.documents(UID('consent-template')).publish({ documentId: tpl.documentId });
    const v2 = await strapi.documents(UID('consent-template')).findOne({ documentId: tpl.documentId, status: 'published' });
    expect(v2.version).toBe(2);
    expect(v2.previousVersions).toEqual([expect.objectContaining({ version: 1, body: consentTemplateBody })]);
    // publishing again without a change keeps the version
    await strapi.documents(UID('consent-template')).publish({ documentId: tpl.documentId });
    expect((await strapi.documents(UID('consent-template')).findOne({ documentId: tpl.documentId, status: 'published' })).version).toBe(2);
    expect(t.documentId).toBeTruthy();
  });
});

describe('signing', () => {
  it('renders the current template with the client, the risks and the frozen price, and hashes the content', async () => {
    const t = await publishTreatment(strapi, { slug: 'sign-admin', name: '皮秒雷射' });
    const client = await newClient({ fullName: '周小姐' });
    const res = await request(app.http)
      .post('/clinic-crm/consent-records/sign')
      .set(admin.auth)
      .send({ client: client.documentId, treatment: t.documentId, signerName: '周小姐', priceSnapshot: { addOns: [{ code: 'numbing' }] }, clientDevice: 'iPad front desk', signatureImage: signaturePng() });
    expect(res.status).toBe(201);
    expect(res.body.data.renderedText).toBe('本人 周小姐 已了解「皮秒雷射」之風險:短暫泛紅;費用:醫師諮詢評估費×1=500;皮秒雷射全臉×1=8000;局部麻醉藥膏×1=300;合計 8800 TWD。');
    expect(res.body.data).toMatchObject({ templateVersion: 1, priceTotal: 8800, consentStatus: 'valid' });
    expect(res.body.data.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const stored = await strapi.db.query(UID('consent-record')).findOne({ where: { documentId: res.body.data.documentId } });
    expect(stored.clientDevice).toBe('iPad front desk');
    expect(stored.clientIp).toBeTruthy();
    // the witness is the signed-in staff member (the admin account is the nurse's)
    const withWitness = await strapi.db.query(UID('consent-record')).findOne({ where: { documentId: res.body.data.documentId }, populate: { witness: true } });
    expect(withWitness.witness.documentId).toBe(nurse.documentId);
    expect(withWitness.signatureImage).toMatch(/^data:image\/png;base64,/);

    const forged = await request(app.http).post('/clinic-crm/consent-records/sign').set(admin.auth).send({ client: client.documentId, treatment: t.documentId, signerName: 'x', renderedText: '我同意一切' });
    expect(forged.status).toBe(400);
    expect(forged.body.error.details.errors[0].path).toEqual(['renderedText']);
  });

  it('a new consent supersedes the earlier one', async () => {
    const t = await publishTreatment(strapi);
    const client = await newClient();
    const first = await signConsent(strapi, client, t);
    const second = await signConsent(strapi, client, t);
    const reread = await strapi.db.query(UID('consent-record')).findOne({ where: { documentId: first.documentId } });
    expect(reread.consentStatus).toBe('superseded');
    const s = await strapi.db.query(UID('consent-record')).findOne({ where: { documentId: second.documentId }, populate: { supersedes: true } });
    expect(s.supersedes.documentId).toBe(first.documentId);
  });
});

describe('signed consent records are immutable', () => {
  let consent: any;
  beforeAll(async () => {
    const t = await publishTreatment(strapi);
    consent = await signConsent(strapi, await newClient(), t);
  });

  it('through the document service', async () => {
    expect(pathsOf(await rejection(strapi.documents(UID('consent-record')).update({ documentId: consent.documentId, data: { signerName: '別人' } })))).toEqual(['documentId']);
    expect(pathsOf(await rejection(strapi.documents(UID('consent-record')).delete({ documentId: consent.documentId })))).toEqual(['documentId']);
  });

  it('through REST, even for a role granted update and delete', async () => {
    await grant(strapi, 'authenticated', ['plugin::clinic-crm.consent-record.update', 'plugin::clinic-crm.consent-record.delete']);
    const { auth } = await apiUser(strapi);
    expect((await request(app.http).put(`/api/clinic-crm/consent-records/${consent.documentId}`).set(auth).send({ data: { signerName: '別人' } })).status).toBe(400);
    expect((await request(app.http).delete(`/api/clinic-crm/consent-records/${consent.documentId}`).set(auth)).status).toBe(400);
    expect((await request(app.http).put(`/api/clinic-crm/consent-records/${consent.documentId}`).send({ data: { signerName: '別人' } })).status).toBe(403);
  });

  it('through the admin content manager', async () => {
    expect((await request(app.http).put(`${CM(UID('consent-record'))}/${consent.documentId}`).set(admin.auth).send({ signerName: '別人' })).status).toBe(400);
    expect((await request(app.http).delete(`${CM(UID('consent-record'))}/${consent.documentId}`).set(admin.auth)).status).toBe(400);
    const after = await strapi.db.query(UID('consent-record')).findOne({ where: { documentId: consent.documentId } });
    expect(after.signerName).toBe(consent.signerName);
    expect(after.renderedText).toBe(consent.renderedText);
  });

  it('verification recomputes the hash and reports tampering done behind the API', async () => {
    const ok = await request(app.http).get(`/clinic-crm/consent-records/${consent.documentId}/verify`).set(admin.auth);
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ intact: true, storedHash: consent.contentHash, computedHash: consent.contentHash });
    await strapi.db.connection('crm_consent_records').where({ document_id: consent.documentId }).update({ rendered_text: `${consent.renderedText}(竄改)` });
    const bad = await request(app.http).get(`/clinic-crm/consent-records/${consent.documentId}/verify`).set(admin.auth);
    expect(bad.body.data.intact).toBe(false);
    expect(bad.body.data.computedHash).not.toBe(consent.contentHash);
    expect((await request(app.http).get(`/clinic-crm/consent-records/${consent.documentId}/verify`)).status).toBe(401);
  });

  it('prints as a clean HTML page with the text escaped', async () => {
    const t = await publishTreatment(strapi, { name: '<script>alert(1)</script>皮秒' });
    const c = await signConsent(strapi, await newClient({ fullName: '周<b>小姐</b>' }), t, { witness: nurse.documentId });
    const res = await request(app.http).get(`/clinic-crm/consent-records/${c.documentId}/print`).set(admin.auth);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('知情同意書');
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;皮秒');
    expect(res.text).not.toContain('<script>');
    expect(res.text).toContain('周&lt;b&gt;小姐&lt;/b&gt;');
    expect(res.text).toContain(c.contentHash);
    expect(res.text).toContain('李淑芬');
  });
});

describe('gating treatment records', () => {
  it('refuses a record without a valid consent', async () => {
    const t = await publishTreatment(strapi);
    const client = await newClient();
    expect(pathsOf(await rejection(record(client, t)))).toEqual(['consentRecord']);
    const other = await publishTreatment(strapi);
    const otherConsent = await signConsent(strapi, client, other);
    expect(pathsOf(await rejection(record(client, t, { consentRecord: otherConsent.documentId })))).toEqual(['consentRecord']);
    const consent = await signConsent(strapi, client, t);
    const r = await record(client, t);
    const stored = await strapi.db.query(UID('treatment-record')).findOne({ where: { documentId: r.documentId }, populate: { consentRecord: true } });
    expect(stored.consentRecord.documentId).toBe(consent.documentId);
    expect(pathsOf(await rejection(strapi.documents(UID('treatment-record')).create({ data: { recordNumber: 'TR-NO-CLIENT', treatment: t.documentId, performedAt: new Date().toISOString() } })))).toEqual(['client']);
  });

  it('needs re-consent after a material template change but not after an editorial one', async () => {
    const t = await publishTreatment(strapi, { slug: 'reconsent' });
    const client = await newClient();
    await signConsent(strapi, client, t);
    const [tpl] = await strapi.documents(UID('consent-template')).findMany({ status: 'published', filters: { templateKey: 'tpl-reconsent' } });
    await strapi.documents(UID('consent-template')).update({ documentId: tpl.documentId, data: { body: `${consentTemplateBody} `, isMaterialChange: false } });
    await strapi.documents(UID('consent-template')).publish({ documentId: tpl.documentId });
    expect((await record(client, t)).documentId).toBeTruthy(); // editorial: still valid

    await strapi.documents(UID('consent-template')).update({ documentId: tpl.documentId, data: { body: `${consentTemplateBody}新增風險:色素沉澱。`, isMaterialChange: true } });
    await strapi.documents(UID('consent-template')).publish({ documentId: tpl.documentId });
    const err = await rejection(record(client, t));
    expect(pathsOf(err)).toEqual(['consentRecord']);
    expect(err.message).toMatch(/materially/);
    await signConsent(strapi, client, t);
    expect((await record(client, t)).documentId).toBeTruthy();
  });

  it('refuses a contraindicated client unless a doctor overrides with a reason, which is kept', async () => {
    const t = await publishTreatment(strapi, { contraindications: ['pregnancy', 'isotretinoin_6m', 'anticoagulants'] });
    const pregnant = await newClient({ pregnancyStatus: 'pregnant' });
    const err = await rejection(signConsent(strapi, pregnant, t));
    expect(pathsOf(err)).toEqual(['client']);
    expect(err.message).toContain('懷孕');
    const byNurse = await rejection(signConsent(strapi, pregnant, t, { contraindicationOverride: { doctor: nurse.documentId, reason: '客戶堅持,已充分說明' } }));
    expect(pathsOf(byNurse)).toEqual(['contraindicationOverride.doctor']);
    const noReason = await rejection(signConsent(strapi, pregnant, t, { contraindicationOverride: { doctor: doctor.documentId, reason: 'ok' } }));
    expect(pathsOf(noReason)).toEqual(['contraindicationOverride.reason']);

    const override = { doctor: doctor.documentId, reason: '療程部位遠離腹部,評估後風險可接受' };
    const consent = await signConsent(strapi, pregnant, t, { contraindicationOverride: override });
    expect(consent.contraindicationOverride).toMatchObject({ doctor: doctor.documentId, contraindications: ['pregnancy'] });
    // the record performed under that consent carries the doctor's review it was signed with
    const r = await record(pregnant, t);
    expect(r.contraindicationOverride).toMatchObject({ reason: override.reason, doctorName: '黃志明', contraindications: ['pregnancy'] });
    // a history that matches more than the consent's review needs a new override
    await strapi.documents('plugin::clinic-crm.client' as any).update({ documentId: pregnant.documentId, data: { onAnticoagulants: true } } as any);
    expect(pathsOf(await rejection(record(pregnant, t)))).toEqual(['client']);

    const recentIsotretinoin = await newClient({ isotretinoinLastTakenAt: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10) });
    expect((await rejection(signConsent(strapi, recentIsotretinoin, t))).message).toContain('isotretinoin_6m');
    const longAgo = await newClient({ isotretinoinLastTakenAt: '2020-01-01' });
    expect((await signConsent(strapi, longAgo, t)).consentStatus).toBe('valid');
    expect((await rejection(signConsent(strapi, await newClient({ onAnticoagulants: true }), t))).message).toContain('anticoagulants');
  });
});

describe('the signing screen (admin route)', () => {
  const sign = (body: Record<string, unknown>, auth = admin.auth) => request(app.http).post('/clinic-crm/consent-records/sign').set(auth).send(body);
  let t: any;
  let client: any;
  beforeAll(async () => {
    t = await publishTreatment(strapi, { slug: 'sign-screen', name: '皮秒雷射' });
    client = await newClient({ fullName: '鄭小姐' });
  });

  it('previews the consent as it would be signed, without storing anything', async () => {
    const before = await strapi.db.query(UID('consent-record')).count();
    const res = await request(app.http).post('/clinic-crm/desk/consents/preview').set(admin.auth).send({ client: client.documentId, treatment: t.documentId, priceSnapshot: { addOns: [{ code: 'numbing' }] } }).expect(200);
    expect(res.body.data.renderedText).toContain('本人 鄭小姐 已了解「皮秒雷射」');
    expect(res.body.data.priceSnapshot.total).toBe(8800);
    expect(res.body.data).toMatchObject({ language: 'zh-Hant', templateVersion: 1 });
    expect(await strapi.db.query(UID('consent-record')).count()).toBe(before);
    const bad = await request(app.http).post('/clinic-crm/desk/consents/preview').set(admin.auth).send({ client: client.documentId, treatment: t.documentId, priceSnapshot: { addOns: [{ code: 'nope' }] } }).expect(400);
    expect(bad.body.error.details.errors[0].path[0]).toBe('priceSnapshot');
  });

  it('needs the drawn signature, and refuses an image that is not one', async () => {
    const none = await sign({ client: client.documentId, treatment: t.documentId, signerName: '鄭小姐' }).expect(400);
    expect(none.body.error.details.errors[0].path).toEqual(['signatureImage']);
    const gif = await sign({ client: client.documentId, treatment: t.documentId, signerName: '鄭小姐', signatureImage: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=' }).expect(400);
    expect(gif.body.error.details.errors[0].path).toEqual(['signatureImage']);
    const tiny = await sign({ client: client.documentId, treatment: t.documentId, signerName: '鄭小姐', signatureImage: signaturePng(40, 20) }).expect(400);
    expect(tiny.body.error.details.errors[0].message).toMatch(/200×60/);
  });

  it('takes the witness from the session: naming someone else is a 403 naming the field; an account without a staff record cannot witness', async () => {
    const other = await sign({ client: client.documentId, treatment: t.documentId, signerName: '鄭小姐', signatureImage: signaturePng(), witness: doctor.documentId }).expect(403);
    expect(other.body.error.details.errors[0]).toMatchObject({ path: ['witness'], message: '見證人是目前登入的員工本人，不能指定他人。' });
    const unlinked = await adminSession(strapi);
    const res = await sign({ client: client.documentId, treatment: t.documentId, signerName: '鄭小姐', signatureImage: signaturePng() }, unlinked.auth).expect(403);
    expect(res.body.error.details.errors[0].path).toEqual(['witness']);
  });

  it('binds the drawn signature into the hash: verify notices a replaced signature; print shows it', async () => {
    const res = await sign({ client: client.documentId, treatment: t.documentId, signerName: '鄭小姐', signatureImage: signaturePng() }).expect(201);
    const id = res.body.data.documentId;
    expect((await request(app.http).get(`/clinic-crm/consent-records/${id}/verify`).set(admin.auth).expect(200)).body.data.intact).toBe(true);
    const page = await request(app.http).get(`/clinic-crm/consent-records/${id}/print`).set(admin.auth).expect(200);
    expect(page.text).toContain('<img class="signature"');
    expect(page.headers['content-security-policy']).toContain('img-src data:');
    await strapi.db.query(UID('consent-record')).update({ where: { documentId: id }, data: { signatureImage: signaturePng(601, 200) } });
    expect((await request(app.http).get(`/clinic-crm/consent-records/${id}/verify`).set(admin.auth).expect(200)).body.data.intact).toBe(false);
  });
});

describe('who may record an override, and who sees it printed', () => {
  it('on the signing screen an override is the signed-in doctor’s own; a nurse naming a doctor is a 403 naming the field', async () => {
    const t = await publishTreatment(strapi, { slug: 'override-screen', contraindications: ['pregnancy'] });
    const pregnant = await newClient({ pregnancyStatus: 'pregnant' });
    const body = { client: pregnant.documentId, treatment: t.documentId, signerName: '客戶', signatureImage: signaturePng(), contraindicationOverride: { doctor: doctor.documentId, reason: '療程部位遠離腹部，評估後風險可接受' } };
    // the admin account here is the nurse's
    const byNurse = await request(app.http).post('/clinic-crm/consent-records/sign').set(admin.auth).send(body).expect(403);
    expect(byNurse.body.error.details.errors[0].path).toEqual(['contraindicationOverride']);
    // the doctor, signed in as herself, records it without naming anyone: she is the doctor on record
    const doctorSession = await adminSession(strapi, 'clinic-crm-doctor');
    const doctorUser = await strapi.db.query('admin::user').findOne({ where: { email: doctorSession.email } });
    await strapi.db.query(UID('staff-member')).update({ where: { documentId: doctor.documentId }, data: { adminUser: doctorUser.id } });
    const { doctor: _named, ...noName } = body.contraindicationOverride;
    const signed = await request(app.http).post('/clinic-crm/consent-records/sign').set(doctorSession.auth).send({ ...body, contraindicationOverride: noName }).expect(201);
    const stored = await strapi.db.query(UID('consent-record')).findOne({ where: { documentId: signed.body.data.documentId } });
    expect(stored.contraindicationOverride).toMatchObject({ doctor: doctor.documentId, doctorName: '黃志明' });

    // printed: the doctor's reasoning for clinical staff, not on front desk's copy
    const print = (auth: Record<string, string>) => request(app.http).get(`/clinic-crm/consent-records/${signed.body.data.documentId}/print`).set(auth).expect(200);
    expect((await print(doctorSession.auth)).text).toContain('療程部位遠離腹部');
    const frontDesk = await adminSession(strapi, 'clinic-crm-front-desk');
    const copy = (await print(frontDesk.auth)).text;
    expect(copy).not.toContain('療程部位遠離腹部');
    expect(copy).toContain('<img class="signature"');
  });
});


describe('contraindications that cannot be silently ignored', () => {
  const T = UID('treatment');
  const override = () => ({ doctor: doctor.documentId, reason: '已與心臟科確認，治療部位遠離裝置' });

  it('a treatment with an unknown code is refused on every path, naming contraindications and the index, and nothing is written', async () => {
    const before = await strapi.db.query(T).count();
    const err: any = await rejection(strapi.documents(T).create({ locale: 'zh-Hant', status: 'published', data: treatmentData({ slug: 'unknown-code', contraindications: ['pregnancy', 'pacemakr'] }) }));
    expect(pathsOf(err)).toEqual(['contraindications.1']);
    expect(err.message).toContain('pacemakr');
    for (const code of ['pregnancy', 'pacemaker', 'hernia_area', 'aspirin_allergy']) expect(err.message).toContain(code);
    expect(await strapi.db.query(T).count()).toBe(before);

    // the content manager, in the user's language
    const en = await adminSession(strapi, 'strapi-super-admin', { preferedLanguage: 'en' });
    const res = await request(app.http).post(`${CM(T)}?locale=zh-Hant`).set(en.auth).send(treatmentData({ slug: 'unknown-code-cm', contraindications: ['cold_urticaria', 'diabetes'] })).expect(400);
    expect(res.body.error.details.errors[0].path).toEqual(['contraindications', '1']);
    expect(res.body.error.details.errors[0].message).toMatch(/^unknown contraindication code "diabetes"; known codes: pregnancy, /);
    expect(await strapi.db.query(T).count()).toBe(before);

    // an update of an existing treatment: refused, the stored codes and name stay
    const t = await publishTreatment(strapi, { slug: 'known-codes', contraindications: ['pregnancy'] });
    const put = await request(app.http).put(`${CM(T)}/${t.documentId}?locale=zh-Hant`).set(admin.auth).send({ name: '改過的名稱', contraindications: ['pregnancy', 'hernia'] }).expect(400);
    expect(put.body.error.details.errors[0].path).toEqual(['contraindications', '1']);
    const rows = await strapi.db.query(T).findMany({ where: { documentId: t.documentId } });
    expect(rows.map((r: any) => [r.name, r.contraindications])).toEqual(rows.map(() => [t.name, ['pregnancy']]));
    const bad: any = await rejection(strapi.documents(T).update({ documentId: t.documentId, locale: 'zh-Hant', data: { ingredients: ['Lidocaine', ''] } }));
    expect(pathsOf(bad)).toEqual(['ingredients.1']);

    // data stored before the rule: publishing it is refused too
    await strapi.db.query(T).updateMany({ where: { documentId: t.documentId }, data: { contraindications: ['legacy_code'] } });
    expect(pathsOf(await rejection(strapi.documents(T).publish({ documentId: t.documentId, locale: 'zh-Hant' })))).toEqual(['contraindications.0']);
  });

  it('a client with a pacemaker is refused a consent for the RF treatment until a doctor overrides; so is the treatment record', async () => {
    const rf = await publishTreatment(strapi, { slug: 'rf-tightening', contraindications: ['pregnancy', 'pacemaker', 'metal_implants_area'] });
    const withDevice = await newClient({ implantedDevice: true });
    const err = await rejection(signConsent(strapi, withDevice, rf));
    expect(pathsOf(err)).toEqual(['client']);
    expect(err.details.errors[0].value).toEqual(['pacemaker']);
    expect(err.message).toContain('心律調節器');
    expect((await signConsent(strapi, await newClient(), rf)).consentStatus).toBe('valid'); // the same treatment, no device

    const consent = await signConsent(strapi, withDevice, rf, { contraindicationOverride: override() });
    expect(consent.contraindicationOverride).toMatchObject({ doctor: doctor.documentId, contraindications: ['pacemaker'] });
    // the record performed under it carries the doctor's review; a client without one is refused the record too
    expect((await record(withDevice, rf)).contraindicationOverride).toMatchObject({ doctor: doctor.documentId, contraindications: ['pacemaker'] });
    const later = await newClient();
    await signConsent(strapi, later, rf);
    await strapi.documents(UID('client')).update({ documentId: later.documentId, data: { implantedDevice: true } } as any);
    expect(pathsOf(await rejection(record(later, rf)))).toEqual(['client']);
    expect((await record(later, rf, { contraindicationOverride: override() })).contraindicationOverride.contraindications).toEqual(['pacemaker']);

    const both = await newClient({ implantedDevice: true, metalImplantsInArea: true });
    expect((await rejection(signConsent(strapi, both, rf))).details.errors[0].value).toEqual(['pacemaker', 'metal_implants_area']);
  });

  it('the new health fields are hidden from front desk like the others', async () => {
    const c = await newClient({ implantedDevice: true, coldUrticaria: true });
    const frontDesk = await adminSession(strapi, 'clinic-crm-front-desk');
    const one = await request(app.http).get(`${CM(UID('client'))}/${c.documentId}`).set(frontDesk.auth).expect(200);
    expect(one.body.data.fullName).toBe(c.fullName);
    for (const field of ['implantedDevice', 'coldUrticaria', 'neuromuscularDisease', 'herniaInArea', 'allergies']) expect(one.body.data).not.toHaveProperty(field);
    const doctorView = await request(app.http).get(`${CM(UID('client'))}/${c.documentId}`).set((await adminSession(strapi, 'clinic-crm-doctor')).auth).expect(200);
    expect(doctorView.body.data).toMatchObject({ implantedDevice: true, coldUrticaria: true });
  });

  it('an allergy named in the client’s free text against a listed ingredient is refused until a doctor overrides, in every locale', async () => {
    const filler = await publishTreatment(strapi, { slug: 'ha-filler', category: 'injectables', contraindications: ['pregnancy'], ingredients: ['Hyaluronic acid (cross-linked)', 'Lidocaine'] });
    const allergic = await newClient({ allergies: '利多卡因（起疹）、阿斯匹靈', preferredLanguage: 'en' });
    const err = await rejection(signConsent(strapi, allergic, filler));
    expect(pathsOf(err)).toEqual(['client']);
    expect(err.details.errors[0].value).toEqual(['allergy:Lidocaine']);
    expect((await signConsent(strapi, await newClient({ allergies: '盤尼西林' }), filler)).consentStatus).toBe('valid');
    const consent = await signConsent(strapi, allergic, filler, { contraindicationOverride: { doctor: doctor.documentId, reason: '改用不含利多卡因的產品批號' } });
    expect(consent.contraindicationOverride.contraindications).toEqual(['allergy:Lidocaine']);
    expect((await record(allergic, filler)).contraindicationOverride.contraindications).toEqual(['allergy:Lidocaine']);

    // ingredients are one list for every language: an English version published later carries the same list
    await strapi.documents(T).update({ documentId: filler.documentId, locale: 'en', status: 'published', data: { ...treatmentData({ slug: filler.slug, name: 'HA filler' }) } });
    await strapi.documents(T).update({ documentId: filler.documentId, locale: 'zh-Hant', data: { ingredients: ['Hyaluronic acid (cross-linked)', 'Lidocaine', 'Mannitol'] } });
    await strapi.documents(T).publish({ documentId: filler.documentId, locale: 'zh-Hant' });
    const en = await strapi.documents(T).findOne({ documentId: filler.documentId, locale: 'en', status: 'published' });
    expect(en.ingredients).toEqual(['Hyaluronic acid (cross-linked)', 'Lidocaine', 'Mannitol']);
    const mannitol = await newClient({ allergies: 'mannitol', preferredLanguage: 'en' });
    expect((await rejection(signConsent(strapi, mannitol, filler))).details.errors[0].value).toEqual(['allergy:Mannitol']);
  });
});
