/**
 * Complaint hand-offs as steps: front desk → nurse → doctor → management, each step with its own
 * timer (business time per receiving department) that the receiver's acceptance stops, one e-mail
 * per hand-off at a real SMTP server, the actor from the session, and coordination notes that only
 * the departments involved and management can read or write.
 */
import request from 'supertest';
import { bootStrapi, stopStrapi, Booted } from '../helpers/strapi';
import { Inbox } from '../helpers/smtp';
import { adminSession } from '../helpers/auth';
import { UID, staffData } from '../helpers/fixtures';
import { addBusinessMinutes } from '../../packages/strapi-plugin-clinic-crm/server/src/core/time/business-time';

let app: Booted;
let strapi: any;
let inbox: Inbox;
interface Person {
  auth: Record<string, string>;
  email: string;
  staff: any;
}
const people: Record<string, Person> = {};
const svc = (name: string) => strapi.plugin('clinic-crm').service(name);
const MINUTE = 60_000;

const api = (who: Person) => ({
  view: (c: string) => request(app.http).get(`/clinic-crm/complaints/${c}/handoffs`).set(who.auth),
  handOff: (c: string, body: Record<string, unknown>) => request(app.http).post(`/clinic-crm/complaints/${c}/handoffs`).set(who.auth).send(body),
  accept: (c: string, h: string, body: Record<string, unknown> = {}) => request(app.http).post(`/clinic-crm/complaints/${c}/handoffs/${h}/accept`).set(who.auth).send(body),
  notes: (c: string) => request(app.http).get(`/clinic-crm/complaints/${c}/notes`).set(who.auth),
  note: (c: string, body: Record<string, unknown>) => request(app.http).post(`/clinic-crm/complaints/${c}/notes`).set(who.auth).send(body),
});
const paths = (res: request.Response) => (res.body.error?.details?.errors ?? []).map((e: any) => e.path.join('.'));
const handOffMails = () => inbox.messages.filter((m) => m.subject.startsWith('【客訴轉交】'));

beforeAll(async () => {
  inbox = await Inbox.start();
  app = await bootStrapi({ SMTP_PORT: String(inbox.port), EMAIL_FROM: 'Clinic CRM <no-reply@clinic.test>' });
  strapi = app.strapi;
  const roles: Array<[string, string, string, string]> = [
    ['frontDesk', 'clinic-crm-front-desk', 'front_desk', '林美君'],
    ['nurse', 'clinic-crm-nurse', 'nurse', '李淑芬'],
    ['doctor', 'clinic-crm-doctor', 'doctor', '黃志明'],
    ['manager', 'clinic-crm-manager', 'management', '吳俊賢'],
    ['beautician', 'clinic-crm-beautician', 'beautician', '王雅雯'],
  ];
  for (const [key, role, department, fullName] of roles) {
    const session = await adminSession(strapi, role, { preferedLanguage: 'zh' });
    const staff = await strapi.documents(UID('staff-member')).create({ data: staffData({ fullName, department, email: session.email }) });
    people[key] = { ...session, staff };
  }
  // a second manager, so that naming the receiver matters
  people.manager2 = { auth: {}, email: '', staff: await strapi.documents(UID('staff-member')).create({ data: staffData({ fullName: '陳經理', department: 'management' }) }) };
});
afterAll(async () => {
  await stopStrapi(app);
  await inbox.stop();
});

/** A phone complaint taken at the front desk ('other' is triaged there). */
const takeAtFrontDesk = async () => {
  const res = await request(app.http)
    .post('/clinic-crm/desk/complaints')
    .set(people.frontDesk.auth)
    .send({ contactName: '周小姐', contactPhone: '0912-345-678', channel: 'phone', category: 'other', description: '做完雷射後兩頰一直泛紅，想知道是否正常。' })
    .expect(201);
  await svc('dispatcher').drain();
  inbox.clear();
  return res.body.data.documentId as string;
};
const complaintRow = (documentId: string) => strapi.db.query(UID('complaint')).findOne({ where: { documentId }, populate: { assignee: true } });

describe('the default hand-off plan', () => {
  it('treatment-related rules carry nurse → doctor → management; the desk proposes the next step', async () => {
    const rule = await strapi.db.query(UID('routing-rule')).findOne({ where: { category: 'side_effect', severity: 'any' } });
    expect(rule.handoffPlan).toEqual(['nurse', 'doctor', 'management']);
    const res = await request(app.http)
      .post('/clinic-crm/desk/complaints')
      .set(people.frontDesk.auth)
      .send({ contactName: '許先生', contactPhone: '0923-456-789', channel: 'phone', category: 'side_effect', description: '術後第二天起水泡。' })
      .expect(201);
    const view = (await api(people.doctor).view(res.body.data.documentId).expect(200)).body.data;
    // routed to the doctors as before; the nurse's fact-finding is proposed first
    expect(view).toMatchObject({ department: 'doctor', proposedNext: 'nurse', steps: [] });
  });
});

describe('front desk → nurse → doctor → management', () => {
  let c: string;
  beforeAll(async () => {
    // the plan is editable: the clinic gives the triage rule the treatment plan too
    const rule = await strapi.db.query(UID('routing-rule')).findOne({ where: { category: 'other', severity: 'any' } });
    await strapi.documents(UID('routing-rule')).update({ documentId: rule.documentId, data: { handoffPlan: ['nurse', 'doctor', 'management'] } });
    c = await takeAtFrontDesk();
  });

  it('refuses a missing reason (400 naming reason) and a body naming someone else (403 naming handedOffBy), writing nothing', async () => {
    const missing = await api(people.frontDesk).handOff(c, { toDepartment: 'nurse' }).expect(400);
    expect(paths(missing)).toEqual(['reason']);
    expect(missing.body.error.details.errors[0].message).toBe('請填寫轉交原因（2000 字以內）。');
    expect(paths(await api(people.frontDesk).handOff(c, { toDepartment: 'nurse', reason: '  ' }).expect(400))).toEqual(['reason']);
    expect(paths(await api(people.frontDesk).handOff(c, { toDepartment: 'cleaning', reason: 'x' }).expect(400))).toEqual(['toDepartment']);
    const forged = await api(people.frontDesk).handOff(c, { toDepartment: 'nurse', reason: '請護理師了解狀況', handedOffBy: people.manager.staff.documentId }).expect(403);
    expect(paths(forged)).toEqual(['handedOffBy']);
    // a department the complaint is not with cannot hand it on
    expect(paths(await api(people.nurse).handOff(c, { toDepartment: 'doctor', reason: '越級' }).expect(403))).toEqual(['department']);
    expect(await strapi.db.query(UID('complaint-handoff')).count({ where: { complaint: { documentId: c } } })).toBe(0);
    expect((await complaintRow(c)).department).toBe('front_desk');
  });

  it('front desk hands to the nurse: the complaint moves, the step has a business-time timer, the nurse gets one e-mail', async () => {
    const view = (await api(people.frontDesk).view(c).expect(200)).body.data;
    expect(view).toMatchObject({ department: 'front_desk', proposedNext: 'nurse', may: { handOff: true, accept: false, notes: true } });
    const step = (await api(people.frontDesk).handOff(c, { toDepartment: 'nurse', reason: '請護理師先了解泛紅狀況並拍照', handedOffBy: people.frontDesk.staff.documentId }).expect(201)).body.data;
    expect(step).toMatchObject({ fromDepartment: 'front_desk', toDepartment: 'nurse', handedOffBy: { fullName: '林美君' }, toStaff: { documentId: people.nurse.staff.documentId }, accepted: false, overdue: false });
    // due two business hours (the nurse's default) after the hand-off, on the clinic's calendar
    const due = addBusinessMinutes(new Date(step.handedOffAt), 120, svc('calendar').current());
    expect(new Date(step.dueAt).toISOString()).toBe(due.toISOString());
    const row = await complaintRow(c);
    expect(row.department).toBe('nurse');
    expect(row.assignee.documentId).toBe(people.nurse.staff.documentId);

    await svc('dispatcher').drain();
    await inbox.waitFor(1);
    await svc('dispatcher').drain();
    expect(handOffMails()).toHaveLength(1);
    expect(handOffMails()[0].to).toContain(people.nurse.email);
    expect(handOffMails()[0].text).toContain('林美君將此客訴從櫃檯轉交給您（護理師）。原因：請護理師先了解泛紅狀況並拍照。');

    // the step is visible as waiting, and overdue once its due time has passed
    const board = async (at: Date) => (await svc('complaint-handoffs').board(at)).find((x: any) => x.documentId === c);
    expect(await board(new Date(due.getTime() - MINUTE))).toMatchObject({ department: 'nurse', step: { accepted: false, overdue: false } });
    expect(await board(new Date(due.getTime() + MINUTE))).toMatchObject({ department: 'nurse', step: { accepted: false, overdue: true } });
  });

  it('only the receiver accepts, as themselves; accepting stops the timer', async () => {
    const view = (await api(people.nurse).view(c).expect(200)).body.data;
    const h = view.steps[0].documentId;
    expect(view.may).toMatchObject({ accept: true, handOff: true });
    expect(paths(await api(people.nurse).accept(c, h, { acceptedBy: people.doctor.staff.documentId }).expect(403))).toEqual(['acceptedBy']);
    expect(paths(await api(people.doctor).accept(c, h).expect(403))).toEqual(['acceptedBy']);
    const accepted = (await api(people.nurse).accept(c, h).expect(200)).body.data;
    expect(accepted).toMatchObject({ accepted: true, overdue: false, acceptedBy: { documentId: people.nurse.staff.documentId } });
    expect(paths(await api(people.nurse).accept(c, h).expect(400))).toEqual(['handoff']);
    // the timer stopped: a day later the step has waited just as long and is not overdue
    const later = (await svc('complaint-handoffs').board(new Date(Date.now() + 24 * 60 * MINUTE))).find((x: any) => x.documentId === c);
    expect(later.step).toMatchObject({ accepted: true, overdue: false, waitedMinutes: accepted.waitedMinutes });
  });

  it('keeps a coordination thread for the departments involved and management; others get 403', async () => {
    const posted = (await api(people.nurse).note(c, { body: '兩頰輕微泛紅，無水泡，已拍照存檔。' }).expect(201)).body.data;
    expect(posted).toMatchObject({ author: { fullName: '李淑芬' }, authorDepartment: 'nurse' });
    expect(paths(await api(people.nurse).note(c, { body: '冒名', author: people.manager.staff.documentId }).expect(403))).toEqual(['author']);
    expect(paths(await api(people.nurse).note(c, {}).expect(400))).toEqual(['body']);
    // the doctor has not had it yet, the beautician never: 403 to read and to write
    expect(paths(await api(people.doctor).notes(c).expect(403))).toEqual(['department']);
    await api(people.beautician).note(c, { body: '我也想看' }).expect(403);
    for (const who of [people.frontDesk, people.nurse, people.manager]) {
      expect((await api(who).notes(c).expect(200)).body.data.map((n: any) => n.body)).toEqual(['兩頰輕微泛紅，無水泡，已拍照存檔。']);
    }
  });

  it('nurse → doctor → management (a named manager); each hand-off notifies its receiver once; the timeline shows every step', async () => {
    inbox.clear();
    const toDoctor = (await api(people.nurse).handOff(c, { toDepartment: 'doctor', reason: '請醫師評估是否需要用藥' }).expect(201)).body.data;
    expect(toDoctor.dueAt).toBe(addBusinessMinutes(new Date(toDoctor.handedOffAt), 240, svc('calendar').current()).toISOString());
    expect((await api(people.doctor).notes(c).expect(200)).body.data).toHaveLength(1);
    await api(people.doctor).accept(c, toDoctor.documentId).expect(200);
    // a named receiver must be an active member of the target department
    expect(paths(await api(people.doctor).handOff(c, { toDepartment: 'management', toStaff: people.nurse.staff.documentId, reason: '請主管決定補償' }).expect(400))).toEqual(['toStaff']);
    const toManagement = (await api(people.doctor).handOff(c, { toDepartment: 'management', toStaff: people.manager2.staff.documentId, reason: '屬正常反應，請主管決定是否補償' }).expect(201)).body.data;
    expect(toManagement.toStaff.documentId).toBe(people.manager2.staff.documentId);
    expect((await complaintRow(c)).assignee.documentId).toBe(people.manager2.staff.documentId);

    await svc('dispatcher').drain();
    await inbox.waitFor(2);
    await svc('dispatcher').drain();
    expect(handOffMails().map((m) => m.to.split('<').pop()!.replace('>', '')).sort()).toEqual([people.doctor.staff.email, people.manager2.staff.email].sort());
    expect(await strapi.db.query(UID('notification')).count({ where: { template: 'complaint_handed_off' } })).toBe(3);

    const view = (await api(people.manager).view(c).expect(200)).body.data;
    expect(view.steps.map((s: any) => `${s.fromDepartment}→${s.toDepartment}:${s.accepted}`)).toEqual(['front_desk→nurse:true', 'nurse→doctor:true', 'doctor→management:false']);
    expect(view).toMatchObject({ department: 'management', proposedNext: null, involved: ['front_desk', 'nurse', 'doctor', 'management'] });
    const events = await strapi.db.query(UID('complaint-event')).findMany({ where: { complaint: { documentId: c }, type: { $in: ['handed_off', 'handoff_accepted'] } }, orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] });
    expect(events.map((e: any) => `${e.type}:${e.actor}`)).toEqual([
      `handed_off:${people.frontDesk.email}`,
      `handoff_accepted:${people.nurse.email}`,
      `handed_off:${people.nurse.email}`,
      `handoff_accepted:${people.doctor.email}`,
      `handed_off:${people.doctor.email}`,
    ]);
    // the dashboard places it with management, waiting for acceptance
    const summary = await svc('dashboard').summary();
    expect(summary.complaints.whereTheySit.find((x: any) => x.documentId === c)).toMatchObject({ department: 'management', assignee: '陳經理', step: { fromDepartment: 'doctor', accepted: false } });
  });
});
