export const PLUGIN_ID = 'clinic-crm';
