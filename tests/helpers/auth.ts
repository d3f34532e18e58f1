import request from 'supertest';

let seq = 0;

/** A real admin user (Super Admin unless a role code is given), logged in through POST /admin/login. */
export const adminSession = async (strapi: any, roleCode = 'strapi-super-admin', opts: { preferedLanguage?: string } = {}) => {
  seq += 1;
  const role = await strapi.db.query('admin::role').findOne({ where: { code: roleCode } });
  const email = `admin${seq}.${Date.now()}@clinic.test`;
  const password = 'Test-Password-1234';
  await strapi.service('admin::user').create({ email, firstname: 'Test', lastname: `Admin${seq}`, password, isActive: true, registrationToken: null, roles: [role.id], ...opts });
  const res = await request(strapi.server.httpServer).post('/admin/login').send({ email, password });
  if (res.status !== 200) throw new Error(`admin login failed: ${res.status} ${JSON.stringify(res.body)}`);
  const token = res.body.data.token ?? res.body.data.accessToken;
  return { email, token, auth: { Authorization: `Bearer ${token}` } };
};

/** A users-permissions user in the Authenticated role and its JWT. */
export const apiUser = async (strapi: any) => {
  seq += 1;
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  const user = await strapi.db.query('plugin::users-permissions.user').create({
    data: { username: `staff${seq}`, email: `staff${seq}.${Date.now()}@clinic.test`, provider: 'local', confirmed: true, blocked: false, role: role.id, password: 'x' },
  });
  const jwt = strapi.plugin('users-permissions').service('jwt').issue({ id: user.id });
  return { user, role, auth: { Authorization: `Bearer ${jwt}` } };
};

/** Grants the Authenticated role a list of content-api actions (e.g. plugin::clinic-crm.client.create). */
export const grant = async (strapi: any, roleType: 'authenticated' | 'public', actions: string[]) => {
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: roleType } });
  for (const action of actions) {
    await strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
  }
};
