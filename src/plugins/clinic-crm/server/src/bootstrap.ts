import type { Core } from '@strapi/strapi';
import { getConfig, getService } from './utils';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await getService(strapi, 'locales').ensure();
  if (getConfig(strapi).seedDemoData) {
    await getService(strapi, 'seed').run();
  }
};
