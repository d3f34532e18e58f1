import { useAuth } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../pluginId';

/**
 * Whether the signed-in user holds this plugin's actions, read from the permissions the admin
 * loaded for them. Strapi's useRBAC checks once, when it mounts: a page opened straight from a
 * link (a full load) mounts before the user's permissions have arrived, and stays on "no
 * permission" (seen on Postgres, where that request is slower). Our actions carry no conditions,
 * so holding the action is the whole check, and it follows the permissions when they arrive.
 */
export const usePluginPermissions = () => {
  const isLoading = useAuth('clinic-crm', (state) => state.isLoading);
  const permissions = useAuth('clinic-crm', (state) => state.permissions);
  const can = (action: string) => permissions.some((p) => p.action === `plugin::${PLUGIN_ID}.${action}`);
  /** A Content Manager action on a content type, e.g. `create` on the on-call shifts (the page's add button). */
  const canContent = (action: 'read' | 'create' | 'update' | 'delete', uid: string) =>
    permissions.some((p) => p.action === `plugin::content-manager.explorer.${action}` && p.subject === uid);
  return { isLoading, can, canContent };
};
