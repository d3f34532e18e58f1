import { ChartPie } from '@strapi/icons';
import { PLUGIN_ID } from './pluginId';
import { prefixKeys } from './utils/i18n';
import { fieldMessages } from './translations/fields';

const LANGUAGE_KEY = 'strapi-admin-language';

type Field = { name: string; label?: string; hint?: string };
/**
 * Rows of fields with their labels looked up under `prefix.<field name>` and hints under
 * `prefix.<field name>.hint` (new objects: the layout is cached).
 */
const relabel = (rows: Field[][], messages: Record<string, string>, prefix: string) =>
  rows.map((row) =>
    row.map((field) => ({ ...field, label: messages[`${prefix}.${field.name}`] ?? field.label, hint: messages[`${prefix}.${field.name}.hint`] ?? field.hint }))
  );

/**
 * The plugin's admin pages (dashboard, staff task screens, client timeline, my tasks, analytics,
 * outbox, price preview, import/export, audit) under one menu link. Each page checks its own
 * permission; the menu link needs only "Open the CRM dashboard" or "See and complete my own tasks".
 * Field labels and enumeration values of the content manager are translated too (translations/fields.ts).
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

  bootstrap(app: any) {
    // The content manager's edit view shows the clinic's field labels in the user's own language
    // (the list view looks the same ids up itself).
    app.registerHook('Admin/CM/pages/EditView/mutate-edit-view-layout', ({ layout, query }: { layout: any; query: any }) => {
      const uid = decodeURIComponent(window.location.pathname).match(/plugin::clinic-crm\.[a-z-]+/)?.[0];
      if (!uid || !layout?.layout) return { layout, query };
      const messages = fieldMessages(window.localStorage.getItem(LANGUAGE_KEY) ?? 'en');
      const components = Object.fromEntries(
        Object.entries(layout.components ?? {}).map(([cuid, c]: [string, any]) => [cuid, cuid.startsWith('clinic-crm.') ? { ...c, layout: relabel(c.layout, messages, `content-manager.components.${cuid}`) } : c])
      );
      return {
        layout: { ...layout, layout: layout.layout.map((panel: Field[][]) => relabel(panel, messages, `content-manager.content-types.${uid}`)), components },
        query,
      };
    });
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = await import(`./translations/${locale}.json`);
          // field labels and enumeration values under Strapi's own ids, the pages' texts under ours
          return { data: { ...fieldMessages(locale), ...prefixKeys(data, PLUGIN_ID) }, locale };
        } catch {
          return { data: fieldMessages(locale), locale };
        }
      })
    );
  },
};
