import type { Core } from '@strapi/strapi';
import { getConfig, getService, PLUGIN_ID } from './utils';

/** Admin-panel permissions this plugin adds (Super Admin gets them; other roles are granted them in Settings → Roles). */
export const ADMIN_ACTIONS = [
  {
    section: 'plugins',
    displayName: 'Read price history',
    uid: 'price-history.read',
    pluginName: PLUGIN_ID,
  },
];

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.service('admin::permission').actionProvider.registerMany(ADMIN_ACTIONS);
  await getService(strapi, 'locales').ensure();
  if (getConfig(strapi).seedDemoData) {
    await getService(strapi, 'seed').run();
  }
};
