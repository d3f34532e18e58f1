import { factories } from '@strapi/strapi';
import priceTable from './pricing/price-table.controller';
import priceHistory from './pricing/price-history.controller';
import followUpActions from './follow-ups/follow-up-actions.controller';
import outbox from './core/outbox/outbox.controller';
import complaintActions from './complaints/complaint-actions.controller';
import consentActions from './consent/consent-actions.controller';
import sopActions from './sops/sop-actions.controller';
import surveyActions from './surveys/survey-actions.controller';
import workspace from './workspace/workspace.controller';
import desk from './records/desk.controller';
import evidence from './approvals/evidence.controller';
import clinicalPhoto from './operations/clinical-photo.controller';

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
