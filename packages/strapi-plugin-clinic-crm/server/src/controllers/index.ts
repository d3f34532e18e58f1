import { factories } from '@strapi/strapi';
import priceTable from './price-table';
import priceHistory from './price-history';
import followUpActions from './follow-up-actions';
import outbox from './outbox';
import complaintActions from './complaint-actions';
import consentActions from './consent-actions';
import sopActions from './sop-actions';
import surveyActions from './survey-actions';
import workspace from './workspace';
import desk from './desk';
import evidence from './evidence';
import clinicalPhoto from './clinical-photo';

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
  'email-template',
  'routing-rule',
  'sop-acknowledgement',
  'course',
  'training-record',
  'equipment',
  'equipment-log',
  'emergency-plan',
  'drill-record',
] as const;

/** Core controllers sanitize input and output with the role's permissions (private fields never leave). */
const core = Object.fromEntries(NAMES.map((n) => [n, factories.createCoreController(`plugin::clinic-crm.${n}` as any)]));

export default {
  ...core,
  'clinical-photo': clinicalPhoto,
  'price-table': priceTable,
  'price-history': priceHistory,
  'follow-up-actions': followUpActions,
  outbox,
  'complaint-actions': complaintActions,
  'consent-actions': consentActions,
  'sop-actions': sopActions,
  'survey-actions': surveyActions,
  workspace,
  desk,
  evidence,
};
