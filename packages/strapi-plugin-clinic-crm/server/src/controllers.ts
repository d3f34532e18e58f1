import { factories } from '@strapi/strapi';
import priceTable from './pricing/price-table.controller';
import priceHistory from './pricing/price-history.controller';
import followUpActions from './follow-ups/follow-up-actions.controller';
import outbox from './core/outbox/outbox.controller';
import webhookChannels from './core/outbox/webhook-channels.controller';
import metrics from './core/metrics/metrics.controller';
import complaintActions from './complaints/complaint-actions.controller';
import complaintHandoffs from './complaints/complaint-handoffs.controller';
import consentActions from './consent/consent-actions.controller';
import sopActions from './sops/sop-actions.controller';
import surveyActions from './surveys/survey-actions.controller';
import workspace from './workspace/workspace.controller';
import desk from './records/desk.controller';
import evidence from './approvals/evidence.controller';
import clinicalPhoto from './operations/clinical-photo.controller';
import recalls from './recalls/recalls.controller';
import onCall from './on-call/on-call.controller';
import { CORE_API_TYPES } from './content-types';
import { uidOf } from './core/plugin';

/** Core controllers sanitize input and output with the role's permissions (private fields never leave). */
const core = Object.fromEntries(CORE_API_TYPES.map((name) => [name, factories.createCoreController(uidOf(name))]));

export default {
  ...core,
  // replaces the core controller
  'clinical-photo': clinicalPhoto,
  'price-table': priceTable,
  'price-history': priceHistory,
  'follow-up-actions': followUpActions,
  outbox,
  'webhook-channels': webhookChannels,
  metrics,
  'complaint-actions': complaintActions,
  'complaint-handoffs': complaintHandoffs,
  'consent-actions': consentActions,
  'sop-actions': sopActions,
  'survey-actions': surveyActions,
  workspace,
  desk,
  evidence,
  recalls,
  'on-call': onCall,
};
