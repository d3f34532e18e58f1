import type { Core } from '@strapi/strapi';
import { fieldsFor, STAFF_ROLES, STAFF_ROLES_VERSION, type CmAction, type StaffRole } from './domain/staff-roles';
import { PLUGIN_ID } from '../core/plugin';

const CM_ACTION: Record<CmAction, string> = {
  read: 'plugin::content-manager.explorer.read',
  create: 'plugin::content-manager.explorer.create',
  update: 'plugin::content-manager.explorer.update',
  delete: 'plugin::content-manager.explorer.delete',
  publish: 'plugin::content-manager.explorer.publish',
};

interface AdminPermission {
  action: string;
  subject: string | null;
  properties: Record<string, unknown>;
  conditions: string[];
}

/**
 * The clinic's staff roles in the admin panel (Front desk, Beautician, Nurse, Doctor, Manager),
 * built from `domain/staff-roles.ts`. Created on bootstrap when missing; their permissions are
 * written when a role is created and again only when the matrix version in code moves on, so an
 * administrator's later edits in Settings → Roles are kept.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const roleService = () => strapi.service('admin::role');
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID, key: 'staff-roles-version' });

  const allFields = (uid: string): string[] =>
    strapi.service('admin::content-type').getNestedFields(strapi.contentTypes[uid as keyof typeof strapi.contentTypes], {
      components: strapi.components,
    });

  const locales = async (): Promise<string[]> => {
    const list = (await strapi.plugin('i18n')?.service('locales')?.find()) as Array<{ code: string }> | undefined;
    return (list ?? []).map((l) => l.code);
  };

  const permissionsFor = async (role: StaffRole): Promise<AdminPermission[]> => {
    const localeCodes = await locales();
    const out: AdminPermission[] = [];
    for (const [name, grant] of Object.entries(role.contentTypes)) {
      const uid = `plugin::${PLUGIN_ID}.${name}`;
      const ct = strapi.contentTypes[uid as keyof typeof strapi.contentTypes] as { pluginOptions?: { i18n?: { localized?: boolean } }; options?: { draftAndPublish?: boolean } } | undefined;
      if (!ct) throw new Error(`[clinic-crm] staff role ${role.code}: unknown content type ${uid}`);
      const fields = allFields(uid);
      const localized = ct.pluginOptions?.i18n?.localized === true;
      const hasDraftAndPublish = ct.options?.draftAndPublish === true;
      for (const action of grant.actions) {
        if (action === 'publish' && !hasDraftAndPublish) continue;
        const properties: Record<string, unknown> = {};
        if (action !== 'delete' && action !== 'publish') properties.fields = fieldsFor(grant, action, fields) ?? fields;
        if (localized) properties.locales = localeCodes;
        out.push({ action: CM_ACTION[action], subject: uid, properties, conditions: [] });
      }
    }
    for (const action of role.pluginActions) {
      out.push({ action: `plugin::${PLUGIN_ID}.${action}`, subject: null, properties: {}, conditions: [] });
    }
    return out;
  };

  return {
    definitions: () => STAFF_ROLES,

    async findRole(code: string): Promise<{ id: number; code: string; name: string } | null> {
      return strapi.db.query('admin::role').findOne({ where: { code } });
    },

    async ensure() {
      const stored = Number((await store().get({})) ?? 0);
      const resync = stored < STAFF_ROLES_VERSION;
      for (const def of STAFF_ROLES) {
        let role = await this.findRole(def.code);
        const created = !role;
        if (!role) role = await roleService().create({ name: def.name, code: def.code, description: def.description });
        if (created || resync) await roleService().assignPermissions(role!.id, await permissionsFor(def));
      }
      if (resync) await store().set({ value: STAFF_ROLES_VERSION });
    },

    /** The staff role matching a department, for linking a staff member's admin account. */
    async roleForDepartment(department: string) {
      const def = STAFF_ROLES.find((r) => r.department === department);
      return def ? this.findRole(def.code) : null;
    },
  };
};
