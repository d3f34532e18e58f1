import type { Core } from '@strapi/strapi';

export default {
  register() {},

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    // The admin's roles and content-manager actions exist only once every plugin has bootstrapped:
    // the clinic's staff roles and the demo accounts are therefore created here, in the app's bootstrap.
    const crm = strapi.plugin('clinic-crm');
    await crm.service('roles').ensure();
    if (strapi.config.get('plugin::clinic-crm.seedDemoData')) {
      await crm.service('seed').ensureDemoAdmin();
      await crm.service('seed').ensureDemoStaffAccounts();
    }
  },
};
