import type { Core } from '@strapi/strapi';

/** The demo app adds nothing of its own: the clinic-crm plugin (packages/strapi-plugin-clinic-crm) does the work. */
export default {
  register() {},
  async bootstrap(_: { strapi: Core.Strapi }) {},
};
