import type { Core } from '@strapi/strapi';
import coursePackage from './clinic-crm/course-package.json';
import feeItem from './clinic-crm/fee-item.json';
import followUpStep from './clinic-crm/follow-up-step.json';

/**
 * The plugin's components (a treatment's fee items, course packages and follow-up ladder).
 * Strapi 5 loads components only from the app's src/components, so the plugin registers its own
 * in register(), before the database models are built — the same shape Strapi's component loader
 * gives app components (strapi#7640). The uids stay `clinic-crm.*`, so tables and data are those
 * an app-level copy of these components had.
 */
const CATEGORY = 'clinic-crm';
const schemas: Record<string, object> = {
  'course-package': coursePackage,
  'fee-item': feeItem,
  'follow-up-step': followUpStep,
};

const globalIdOf = (uid: string) =>
  'Component' + uid.split(/[^a-zA-Z0-9]+/).map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');

export const registerComponents = (strapi: Core.Strapi) => {
  const registry = strapi.get('components');
  for (const [modelName, schema] of Object.entries(schemas)) {
    const uid = `${CATEGORY}.${modelName}`;
    if (registry.get(uid)) {
      throw new Error(`[clinic-crm] the app defines the component ${uid} itself: remove src/components/${CATEGORY}/ (the plugin ships it)`);
    }
    registry.set(uid, {
      ...structuredClone(schema),
      __schema__: structuredClone(schema),
      uid,
      category: CATEGORY,
      modelType: 'component',
      modelName,
      globalId: globalIdOf(uid),
    });
  }
};
