import { factories } from '@strapi/strapi';
import priceTable from './price-table';
import priceHistory from './price-history';

const NAMES = [
  'client',
  'staff-member',
  'treatment',
  'sop-document',
  'consent-template',
  'consent-record',
  'treatment-record',
  'follow-up-task',
  'complaint',
  'complaint-event',
  'notification',
  'price-change',
] as const;

/** Core controllers sanitize input and output with the role's permissions (private fields never leave). */
const core = Object.fromEntries(NAMES.map((n) => [n, factories.createCoreController(`plugin::clinic-crm.${n}` as any)]));

export default {
  ...core,
  'price-table': priceTable,
  'price-history': priceHistory,
};
