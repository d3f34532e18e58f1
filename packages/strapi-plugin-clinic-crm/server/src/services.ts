import { factories } from '@strapi/strapi';
import analytics from './complaints/analytics.service';
import approvals from './approvals/approvals.service';
import audit from './core/audit/audit.service';
import calendar from './calendar/calendar.service';
import claims from './pricing/claims.service';
import clients from './clients/clients.service';
import complaints from './complaints/complaints.service';
import complaintDesk from './complaints/complaint-desk.service';
import complaintHandoffs from './complaints/complaint-handoffs.service';
import consent from './consent/consent.service';
import csv from './workspace/csv.service';
import dashboard from './workspace/dashboard.service';
import dispatcher from './core/outbox/dispatcher.service';
import emailRenderer from './core/outbox/email-renderer.service';
import encryption from './core/encryption/encryption.service';
import ledger from './core/ledger/ledger.service';
import ledgerVerify from './core/ledger/ledger-verify.service';
import followUps from './follow-ups/follow-ups.service';
import operations from './operations/operations.service';
import outbox from './core/outbox/outbox.service';
import webhookChannels from './core/outbox/webhook-channels.service';
import locales from './core/i18n/locales.service';
import metrics from './core/metrics/metrics.service';
import pricing from './pricing/pricing.service';
import privacy from './privacy/privacy.service';
import priceAlignment from './pricing/price-alignment.service';
import onCall from './on-call/on-call.service';
import recalls from './recalls/recalls.service';
import urgentPages from './on-call/urgent-pages.service';
import recordDesk from './records/record-desk.service';
import priceHistory from './pricing/price-history.service';
import priceTable from './pricing/price-table.service';
import roles from './clients/roles.service';
import seed from './demo/seed.service';
import sops from './sops/sops.service';
import surveys from './surveys/surveys.service';
import training from './operations/training.service';
import workspace from './workspace/workspace.service';
import { CORE_API_TYPES, type CoreApiType } from './content-types';
import { uidOf } from './core/plugin';

/** Core CRUD services, one per content type: strapi.plugin('clinic-crm').service('client').create(...) */
const core = Object.fromEntries(CORE_API_TYPES.map((name) => [name, factories.createCoreService(uidOf(name))])) as Record<CoreApiType, ReturnType<typeof factories.createCoreService>>;

export default {
  ...core,
  analytics,
  approvals,
  audit,
  calendar,
  'on-call': onCall,
  'urgent-pages': urgentPages,
  claims,
  clients,
  complaints,
  'complaint-desk': complaintDesk,
  'complaint-handoffs': complaintHandoffs,
  consent,
  csv,
  dashboard,
  dispatcher,
  'email-renderer': emailRenderer,
  ledger,
  'ledger-verify': ledgerVerify,
  encryption,
  'follow-ups': followUps,
  operations,
  outbox,
  'webhook-channels': webhookChannels,
  locales,
  metrics,
  pricing,
  privacy,
  'price-alignment': priceAlignment,
  recalls,
  'record-desk': recordDesk,
  'price-history': priceHistory,
  'price-table': priceTable,
  roles,
  seed,
  sops,
  surveys,
  training,
  workspace,
};
