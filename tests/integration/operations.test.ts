/**
 * Clinic operations: equipment maintenance (reminder once to the responsible person, escalation
 * once to managers, flag on treatment records that use an overdue device), emergency drills
 * (overdue reported once), clinical photos (purpose-bound, withdrawal flags them and tells the
 * managers once, never served from /uploads). Reminders go through the outbox to a real SMTP server.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { bootStrapi, stopStrapi, Booted, APP_DIR } from '../helpers/strapi';
import { adminSession } from '../helpers/auth';
import { Inbox } from '../helpers/smtp';
import { clientData, publishTreatment, signConsent, staffData, UID } from '../helpers/fixtures';

let app: Booted;
let strapi: any;
let inbox: Inbox;
let treatment: any;
let nurse: any;
const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
const ops = () => strapi.plugin('clinic-crm').service('operations');
const drain = () => strapi.plugin('clinic-crm').service('dispatcher').drain();
const mailsTo = (email: string, subject: RegExp) => inbox.messages.filter((m) => m.to.includes(email) && subject.test(m.subject));

beforeAll(async () => {
  inbox = await Inbox.start();
  app = await bootStrapi({ SMTP_PORT: String(inbox.port) });
  strapi = app.strapi;
  await strapi.documents(UID('staff-member')).create({ data: staffData({ department: 'management', fullName: '吳經理', email: 'manager.ops@clinic.test' }) });
  nurse = await strapi.documents(UID('staff-member')).create({ data: staffData({ department: 'nurse', fullName: '李護理長', email: 'nurse.ops@clinic.test' }) });
  treatment = await publishTreatment(strapi);
});
afterAll(async () => {
  await stopStrapi(app);
  await inbox.stop();
});

const treatedClient = async (over: Record<string, unknown> = {}, equipment?: string[]) => {
  const client = await strapi.documents(UID('client')).create({ data: clientData({ email: null, ...over }) });
  await signConsent(strapi, client, treatment);
  const record = await strapi.documents(UID('treatment-record')).create({
    data: { recordNumber: `TR-OPS-${Math.random().toString(36).slice(2, 9).toUpperCase()}`, client: client.documentId, treatment: treatment.documentId, practitioner: nurse.documentId, performedAt: new Date().toISOString(), ...(equipment ? { equipment } : {}) },
  });
  return { client, record };
};

describe('equipment', () => {
  let laser: any;

  it('computes the next maintenance date; a due device reminds its owner once and escalates to managers once', async () => {
    laser = await strapi.documents(UID('equipment')).create({ data: { name: '皮秒雷射', kind: 'laser', serialNumber: 'PICO-001', location: '診間 2', maintenanceIntervalDays: 90, lastMaintainedOn: day(-100), responsible: nurse.documentId } });
    expect(String(laser.nextMaintenanceDue).slice(0, 10)).toBe(day(-10));
    const first = await ops().checkDue();
    expect(first).toMatchObject({ deviceReminders: 1, deviceEscalations: 1 });
    expect(await ops().checkDue()).toMatchObject({ deviceReminders: 0, deviceEscalations: 0 });
    await drain();
    await drain();
    expect(mailsTo('nurse.ops@clinic.test', /保養到期/)).toHaveLength(1);
    expect(mailsTo('manager.ops@clinic.test', /保養逾期/)).toHaveLength(1);
    expect(mailsTo('manager.ops@clinic.test', /保養逾期/)[0].text).toContain('PICO-001');
  });

  it('flags a treatment record that used the overdue device, and not once it is maintained', async () => {
    const { record } = await treatedClient({}, [laser.documentId]);
    expect(record.equipmentWarnings).toEqual([expect.objectContaining({ serialNumber: 'PICO-001', maintenanceDue: day(-10) })]);
    await strapi.documents(UID('equipment-log')).create({ data: { equipment: laser.documentId, kind: 'calibration', performedOn: day(0), performedBy: nurse.documentId, result: 'pass' } });
    const after = await strapi.db.query(UID('equipment')).findOne({ where: { documentId: laser.documentId } });
    expect(String(after.lastMaintainedOn).slice(0, 10)).toBe(day(0));
    expect(String(after.nextMaintenanceDue).slice(0, 10)).toBe(day(90));
    const { record: later } = await treatedClient({}, [laser.documentId]);
    expect(later.equipmentWarnings).toEqual([]);
    // a failed check does not count as maintenance
    await strapi.documents(UID('equipment-log')).create({ data: { equipment: laser.documentId, kind: 'maintenance', performedOn: day(1), result: 'fail' } });
    expect(String((await strapi.db.query(UID('equipment')).findOne({ where: { documentId: laser.documentId } })).lastMaintainedOn).slice(0, 10)).toBe(day(0));
  });
});

describe('emergency drills', () => {
  it('reports an overdue plan to managers once; a drill resets the clock', async () => {
    const plan = await strapi.documents(UID('emergency-plan')).create({ data: { incidentType: 'anaphylaxis', title: '過敏性休克處置', procedure: '1. 停止療程 2. 腎上腺素 0.3 mg IM 3. 叫救護車', drillIntervalDays: 180, lastDrillOn: day(-200) } });
    expect(String(plan.nextDrillDue).slice(0, 10)).toBe(day(-20));
    expect((await ops().checkDue()).drillReports).toBe(1);
    expect((await ops().checkDue()).drillReports).toBe(0);
    await drain();
    expect(mailsTo('manager.ops@clinic.test', /演練逾期/)).toHaveLength(1);
    await strapi.documents(UID('drill-record')).create({ data: { plan: plan.documentId, heldOn: day(0), participants: [nurse.documentId], findings: '腎上腺素筆位置需標示' } });
    const after = await strapi.db.query(UID('emergency-plan')).findOne({ where: { documentId: plan.documentId } });
    expect(String(after.lastDrillOn).slice(0, 10)).toBe(day(0));
    expect(String(after.nextDrillDue).slice(0, 10)).toBe(day(180));
    expect((await ops().checkDue()).drillReports).toBe(0);
  });
});

describe('clinical photos', () => {
  const upload = async (name: string) => {
    const tmp = path.join(os.tmpdir(), `${Date.now()}-${name}`);
    fs.copyFileSync(path.join(APP_DIR, 'favicon.png'), tmp);
    const [file] = await strapi.plugin('upload').service('upload').upload({ data: {}, files: { filepath: tmp, originalFilename: name, mimetype: 'image/png', size: fs.statSync(tmp).size } });
    return file;
  };

  it('accepts only the purposes the client authorised', async () => {
    const { record } = await treatedClient({ photoConsentClinical: true, photoConsentMarketing: false });
    const image = await upload('before-1.png');
    await expect(strapi.documents(UID('clinical-photo')).create({ data: { treatmentRecord: record.documentId, image: image.id, phase: 'before', purposeClinical: true, purposeMarketing: true } })).rejects.toMatchObject({
      details: { errors: [expect.objectContaining({ path: ['purposeMarketing'] })] },
    });
    const ok = await strapi.documents(UID('clinical-photo')).create({ data: { treatmentRecord: record.documentId, image: image.id, phase: 'before', purposeClinical: true } });
    expect(ok.documentId).toBeTruthy();
  });

  it('withdrawing marketing consent flags every marketing photo and tells the managers once', async () => {
    const { client, record } = await treatedClient({ photoConsentClinical: true, photoConsentMarketing: true });
    for (const phase of ['before', 'after']) {
      const image = await upload(`${phase}-2.png`);
      await strapi.documents(UID('clinical-photo')).create({ data: { treatmentRecord: record.documentId, image: image.id, phase, purposeClinical: true, purposeMarketing: true } });
    }
    await strapi.documents(UID('client')).update({ documentId: client.documentId, data: { photoConsentMarketing: false } });
    const photos = await strapi.db.query(UID('clinical-photo')).findMany({ where: { treatmentRecord: { documentId: record.documentId } } });
    expect(photos).toHaveLength(2);
    for (const p of photos) expect(p).toMatchObject({ purposeMarketing: false, flaggedForRemoval: true, purposeClinical: true });
    await strapi.documents(UID('client')).update({ documentId: client.documentId, data: { photoConsentMarketing: false, aestheticGoals: 'x' } });
    await drain();
    const mails = mailsTo('manager.ops@clinic.test', /照片授權撤回/);
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain(client.clientNumber);
    expect(mails[0].text).toContain('2 張');
  });

  it('is never served from /uploads; staff allowed to read photos get it through the admin route', async () => {
    const { record } = await treatedClient({ photoConsentClinical: true });
    const image = await upload('after-3.png');
    const photo = await strapi.documents(UID('clinical-photo')).create({ data: { treatmentRecord: record.documentId, image: image.id, phase: 'after', purposeClinical: true } });
    const other = await upload('visual-aid.png'); // an ordinary media-library file stays public
    expect((await request(app.http).get(other.url)).status).toBe(200);
    expect((await request(app.http).get(image.url)).status).toBe(404);
    for (const f of Object.values(image.formats ?? {}) as any[]) expect((await request(app.http).get(f.url)).status).toBe(404);
    const url = `/clinic-crm/photos/${photo.documentId}/image`;
    expect((await request(app.http).get(url)).status).toBe(401);
    const front = await adminSession(strapi, 'clinic-crm-front-desk');
    expect((await request(app.http).get(url).set(front.auth)).status).toBe(403);
    const nurseSession = await adminSession(strapi, 'clinic-crm-nurse');
    const res = await request(app.http).get(url).set(nurseSession.auth);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['cache-control']).toContain('no-store');
  });

  it('flags photos past their expiry', async () => {
    const { record } = await treatedClient({ photoConsentClinical: true });
    const image = await upload('old.png');
    await strapi.documents(UID('clinical-photo')).create({ data: { treatmentRecord: record.documentId, image: image.id, phase: 'before', purposeClinical: true, expiresOn: day(-1) } });
    expect((await ops().checkDue()).photosExpired).toBe(1);
  });
});

describe('who uploaded a photo and who performed maintenance come from the session', () => {
  const CM = '/content-manager/collection-types';
  let session: any;
  let me: any;
  let device: any;

  beforeAll(async () => {
    session = await adminSession(strapi, 'clinic-crm-nurse');
    me = await strapi.documents(UID('staff-member')).create({ data: staffData({ department: 'nurse', fullName: '陳護理師', email: session.email }) });
    device = await strapi.documents(UID('equipment')).create({ data: { name: '電波拉皮', kind: 'rf', serialNumber: 'RF-ID-1', maintenanceIntervalDays: 90, lastMaintainedOn: day(-30) } });
  });

  const photoUpload = async (name: string) => {
    const tmp = path.join(os.tmpdir(), `${Date.now()}-${name}`);
    fs.copyFileSync(path.join(APP_DIR, 'favicon.png'), tmp);
    const [file] = await strapi.plugin('upload').service('upload').upload({ data: {}, files: { filepath: tmp, originalFilename: name, mimetype: 'image/png', size: fs.statSync(tmp).size } });
    return file;
  };
  const count = (uid: string) => strapi.db.query(UID(uid)).count();
  const refused = (res: any, field: string) => {
    expect(res.status).toBe(403);
    expect(res.body.error.details.errors[0].path).toEqual([field]);
    expect(res.body.error.message).toMatch(/[\u3400-\u9fff]/); // in the user's language (zh-Hant by default)
  };

  it('equipment log: naming another staff member is a 403 naming performedBy and writes nothing; oneself or nobody is recorded as the session', async () => {
    const before = await count('equipment-log');
    const url = `${CM}/${UID('equipment-log')}`;
    const log = { equipment: device.documentId, kind: 'disinfection', performedOn: day(0), result: 'pass' };
    refused(await request(app.http).post(url).set(session.auth).send({ ...log, performedBy: nurse.documentId }), 'performedBy');
    refused(await request(app.http).post(url).set(session.auth).send({ ...log, performedBy: { connect: [{ id: nurse.id, documentId: nurse.documentId }], disconnect: [] } }), 'performedBy');
    expect(await count('equipment-log')).toBe(before);

    const named = await request(app.http).post(url).set(session.auth).send({ ...log, performedBy: { connect: [{ id: me.id, documentId: me.documentId }], disconnect: [] } });
    expect(named.status).toBe(201);
    const unnamed = await request(app.http).post(url).set(session.auth).send(log);
    expect(unnamed.status).toBe(201);
    for (const res of [named, unnamed]) {
      const row = await strapi.db.query(UID('equipment-log')).findOne({ where: { documentId: res.body.data.documentId }, populate: { performedBy: true } });
      expect(row.performedBy).toMatchObject({ documentId: me.documentId });
    }
    // the recorded person cannot be changed afterwards, not even by a manager (who may edit logs) naming themselves
    const boss = await adminSession(strapi, 'clinic-crm-manager');
    const bossStaff = await strapi.documents(UID('staff-member')).create({ data: staffData({ department: 'management', fullName: '林經理', email: boss.email }) });
    const change = await request(app.http).put(`${url}/${unnamed.body.data.documentId}`).set(boss.auth).send({ notes: '補記', performedBy: { connect: [{ id: bossStaff.id, documentId: bossStaff.documentId }], disconnect: [] } });
    refused(change, 'performedBy');
    const edit = await request(app.http).put(`${url}/${unnamed.body.data.documentId}`).set(boss.auth).send({ notes: '補記', performedBy: { connect: [], disconnect: [] } });
    expect(edit.status).toBe(200);
    expect((await strapi.db.query(UID('equipment-log')).findOne({ where: { documentId: unnamed.body.data.documentId }, populate: { performedBy: true } })).performedBy.documentId).toBe(me.documentId);
    expect(await count('equipment-log')).toBe(before + 2);
  });

  it('clinical photo: naming another staff member is a 403 naming uploadedBy and writes nothing; the uploader is the session', async () => {
    const { record } = await treatedClient({ photoConsentClinical: true });
    const url = `${CM}/${UID('clinical-photo')}`;
    const image = await photoUpload('id-binding.png');
    const photo = { treatmentRecord: record.documentId, image: image.id, phase: 'before', purposeClinical: true };
    const before = await count('clinical-photo');
    refused(await request(app.http).post(url).set(session.auth).send({ ...photo, uploadedBy: { connect: [{ id: nurse.id, documentId: nurse.documentId }], disconnect: [] } }), 'uploadedBy');
    expect(await count('clinical-photo')).toBe(before);
    const ok = await request(app.http).post(url).set(session.auth).send({ ...photo, uploadedBy: me.documentId });
    expect(ok.status).toBe(201);
    const row = await strapi.db.query(UID('clinical-photo')).findOne({ where: { documentId: ok.body.data.documentId }, populate: { uploadedBy: true } });
    expect(row.uploadedBy).toMatchObject({ documentId: me.documentId });
    // an account without a staff record cannot record a photo at all
    const stranger = await adminSession(strapi, 'clinic-crm-nurse');
    refused(await request(app.http).post(url).set(stranger.auth).send(photo), 'uploadedBy');
    // without a request (seed, system job) the data is kept as given
    const system = await strapi.documents(UID('clinical-photo')).create({ data: { ...photo, image: (await photoUpload('system.png')).id, uploadedBy: nurse.documentId }, populate: ['uploadedBy'] });
    expect(system.uploadedBy).toMatchObject({ documentId: nurse.documentId });
  });
});
