import { ChartPie } from '@strapi/icons';
import { PLUGIN_ID } from './pluginId';
import { prefixKeys } from './utils/i18n';

/**
 * The plugin's admin pages (dashboard, client timeline, my tasks, outbox, price preview,
 * import/export) under one menu link. Each page checks its own permission; the menu link needs
 * only "Open the CRM dashboard" or "See and complete my own tasks".
 */
export default {
  register(app: any) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: ChartPie,
      intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: 'Clinic CRM' },
      Component: () => import('./pages/App'),
      permissions: [
        { action: `plugin::${PLUGIN_ID}.dashboard.read`, subject: null },
        { action: `plugin::${PLUGIN_ID}.tasks.mine`, subject: null },
      ],
      position: 2,
    });
    app.registerPlugin({ id: PLUGIN_ID, name: 'Clinic CRM' });
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = await import(`./translations/${locale}.json`);
          return { data: prefixKeys(data, PLUGIN_ID), locale };
        } catch {
          return { data: {}, locale };
        }
      })
    );
  },
};
