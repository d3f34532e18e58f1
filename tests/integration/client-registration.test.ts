/**
 * Registering a client at the desk: generated number, one client per phone number and e-mail
 * (on every write path), a shared family phone only when staff confirm it, search by name or
 * phone however it is typed, and privacy fields front desk cannot write.
 */
import request from 'supertest';
import { bootStrapi, stopStrapi, Booted } from '../helpers/strapi';
import { adminSession } from '../helpers/auth';
import { UID, clientData, uniquePhone } from '../helpers/fixtures';

let app: Booted;
let strapi: any;
let desk: { auth: Record<string, string> };
let deskEn: { auth: Record<string, string> };
const C = UID('client');

beforeAll(async () => {
  app = await bootStrapi();
  strapi = app.strapi;
  desk = await adminSession(strapi, 'clinic-crm-front-desk', { preferedLanguage: 'zh' });
  deskEn = await adminSession(strapi, 'clinic-crm-front-desk', { preferedLanguage: 'en' });
});
afterAll(() => stopStrapi(app));

const register = (body: Record<string, unknown>, who = desk) => request(app.http).post('/clinic-crm/desk/clients').set(who.auth).send(body);

describe('POST /clinic-crm/desk/clients', () => {
  it('registers with a generated client number and the signed-in staff member is not asked for one', async () => {
    const phone = uniquePhone();
    const first = await register({ fullName: '鄭雅琪', phone, preferredLanguage: 'zh-Hant', gender: 'female' }).expect(201);
    expect(first.body.data.clientNumber).toMatch(/^C-\d{4,}$/);
    const second = await register({ fullName: '林志明', phone: uniquePhone() }).expect(201);
    expect(Number(second.body.data.clientNumber.slice(2))).toBe(Number(first.body.data.clientNumber.slice(2)) + 1);
    const stored = await strapi.db.query(C).findOne({ where: { documentId: first.body.data.documentId } });
    expect(stored).toMatchObject({ fullName: '鄭雅琪', phone, gender: 'female', erasedAt: null });
  });

  it('gives clients registered at the same moment different numbers', async () => {
    const res = await Promise.all(Array.from({ length: 6 }, (_, i) => register({ fullName: `同時登記${i}`, phone: uniquePhone() })));
    expect(res.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const numbers = res.map((r) => r.body.data.clientNumber);
    expect(new Set(numbers).size).toBe(6);
  });

  it('refuses a second client with the same phone however it is written, naming the field and the existing client, in the staff member’s language', async () => {
    const phone = uniquePhone();
    const first = await register({ fullName: '鄭女士', phone }).expect(201);
    const dup = await register({ fullName: '鄭女士', phone: `+886 ${phone.slice(1).replace(/-/g, ' ')}` }).expect(400);
    expect(dup.body.error.details.errors[0].path).toEqual(['phone']);
    expect(dup.body.error.message).toContain(first.body.data.clientNumber);
    expect(dup.body.error.message).toContain('請開啟既有客戶');
    expect(dup.body.error.details.existingClient).toMatchObject({ documentId: first.body.data.documentId, clientNumber: first.body.data.clientNumber });
    const en = await register({ fullName: 'Ms Cheng', phone }, deskEn).expect(400);
    expect(en.body.error.message).toMatch(/open the existing client/);
    expect(await strapi.db.query(C).count({ where: { fullName: '鄭女士' } })).toBe(1);
    // a family member sharing the phone, confirmed by staff
    await register({ fullName: '鄭小妹', phone, sharedContact: true }).expect(201);
  });

  it('refuses a duplicate e-mail, also through the content manager and the document service', async () => {
    const email = `dup-${Date.now()}@example.com`;
    await register({ fullName: '王小姐', phone: uniquePhone(), email }).expect(201);
    await register({ fullName: '王小姐', phone: uniquePhone(), email: email.toUpperCase() }).expect(400);
    const cm = await request(app.http).post(`/content-manager/collection-types/${C}`).set(desk.auth).send({ fullName: '王小姐', phone: uniquePhone(), email });
    expect(cm.status).toBe(400);
    expect(cm.body.error.details.errors[0].path).toEqual(['email']);
    await expect(strapi.documents(C).create({ data: clientData({ email }) })).rejects.toMatchObject({ name: 'ValidationError' });
  });

  it('names every bad field in Chinese for a Chinese-speaking user, and writes nothing', async () => {
    const before = await strapi.db.query(C).count();
    const res = await register({ fullName: '', phone: '12', email: 'nope', dateOfBirth: '2999-01-01', gender: 'x' }).expect(400);
    const byPath = Object.fromEntries(res.body.error.details.errors.map((e: any) => [e.path.join('.'), e.message]));
    expect(Object.keys(byPath).sort()).toEqual(['dateOfBirth', 'email', 'fullName', 'gender', 'phone']);
    expect(byPath.fullName).toBe('請填寫客戶姓名（100 字以內）。');
    expect(await strapi.db.query(C).count()).toBe(before);
  });

  it('is refused without the permission, and takes no number, privacy field or staff link from the body', async () => {
    await request(app.http).post('/clinic-crm/desk/clients').send({ fullName: 'x', phone: uniquePhone() }).expect(401);
    const res = await register({ fullName: '陳先生', phone: uniquePhone(), clientNumber: 'C-9999999', erasedAt: '2020-01-01T00:00:00Z', retainUntil: '2020-01-01' }).expect(201);
    const stored = await strapi.db.query(C).findOne({ where: { documentId: res.body.data.documentId } });
    expect(stored.clientNumber).not.toBe('C-9999999');
    expect(stored.erasedAt).toBeNull();
    expect(stored.retainUntil).toBeNull();
  });
});

describe('GET /clinic-crm/desk/clients?q=', () => {
  it('finds clients by name, by phone typed without dashes, and by client number; never erased ones', async () => {
    const phone = uniquePhone();
    const c = (await register({ fullName: '鄭美玲', phone }).expect(201)).body.data;
    const find = async (q: string) => (await request(app.http).get('/clinic-crm/desk/clients').query({ q }).set(desk.auth).expect(200)).body.data.map((x: any) => x.documentId);
    expect(await find('鄭美')).toContain(c.documentId);
    expect(await find(phone.replace(/-/g, ''))).toContain(c.documentId);
    expect(await find(c.clientNumber)).toContain(c.documentId);
    await strapi.db.query(C).update({ where: { documentId: c.documentId }, data: { erasedAt: new Date() } });
    expect(await find('鄭美玲')).not.toContain(c.documentId);
  });
});

describe('privacy fields', () => {
  it('front desk cannot set erasedAt, retainUntil or erasureNote through the content manager', async () => {
    const c = (await register({ fullName: '黃小姐', phone: uniquePhone() }).expect(201)).body.data;
    await request(app.http)
      .put(`/content-manager/collection-types/${C}/${c.documentId}`)
      .set(desk.auth)
      .send({ fullName: '黃小姐', erasedAt: '2020-01-01T00:00:00.000Z', retainUntil: '2020-01-01', erasureNote: 'forged' });
    const stored = await strapi.db.query(C).findOne({ where: { documentId: c.documentId } });
    expect(stored).toMatchObject({ erasedAt: null, retainUntil: null, erasureNote: null });
  });
});
