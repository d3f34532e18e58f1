import type { Core } from '@strapi/strapi';

export default {
  register() {},

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    // The admin's roles exist only once the admin has bootstrapped, which happens after plugins:
    // the demo administrator is therefore created here, in the app's own bootstrap.
    if (strapi.config.get('plugin::clinic-crm.seedDemoData')) {
      await strapi.plugin('clinic-crm').service('seed').ensureDemoAdmin();
    }
  },
};
