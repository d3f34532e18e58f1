import { factories } from '@strapi/strapi';
import analytics from './analytics';
import approvals from './approvals';
import audit from './audit';
import claims from './claims';
import clients from './clients';
import complaints from './complaints';
import complaintDesk from './complaint-desk';
import consent from './consent';
import csv from './csv';
import dashboard from './dashboard';
import dispatcher from './dispatcher';
import emailRenderer from './email-renderer';
import encryption from './encryption';
import ledger from './ledger';
import ledgerVerify from './ledger-verify';
import followUps from './follow-ups';
import operations from './operations';
import outbox from './outbox';
import locales from './locales';
import pricing from './pricing';
import privacy from './privacy';
import priceAlignment from './price-alignment';
import recordDesk from './record-desk';
import priceHistory from './price-history';
import priceTable from './price-table';
import roles from './roles';
import seed from './seed';
import sops from './sops';
import surveys from './surveys';
import training from './training';
import workspace from './workspace';

/** Core CRUD services, one per content type: strapi.plugin('clinic-crm').service('client').create(...) */
const core = {
  client: factories.createCoreService('plugin::clinic-crm.client' as any),
  'staff-member': factories.createCoreService('plugin::clinic-crm.staff-member' as any),
  treatment: factories.createCoreService('plugin::clinic-crm.treatment' as any),
  'sop-document': factories.createCoreService('plugin::clinic-crm.sop-document' as any),
  'consent-template': factories.createCoreService('plugin::clinic-crm.consent-template' as any),
  'consent-record': factories.createCoreService('plugin::clinic-crm.consent-record' as any),
  'treatment-record': factories.createCoreService('plugin::clinic-crm.treatment-record' as any),
  'follow-up-task': factories.createCoreService('plugin::clinic-crm.follow-up-task' as any),
  complaint: factories.createCoreService('plugin::clinic-crm.complaint' as any),
  'complaint-event': factories.createCoreService('plugin::clinic-crm.complaint-event' as any),
  notification: factories.createCoreService('plugin::clinic-crm.notification' as any),
  'price-change': factories.createCoreService('plugin::clinic-crm.price-change' as any),
  'routing-rule': factories.createCoreService('plugin::clinic-crm.routing-rule' as any),
  'sop-acknowledgement': factories.createCoreService('plugin::clinic-crm.sop-acknowledgement' as any),
  'email-template': factories.createCoreService('plugin::clinic-crm.email-template' as any),
  course: factories.createCoreService('plugin::clinic-crm.course' as any),
  'training-record': factories.createCoreService('plugin::clinic-crm.training-record' as any),
  equipment: factories.createCoreService('plugin::clinic-crm.equipment' as any),
  'equipment-log': factories.createCoreService('plugin::clinic-crm.equipment-log' as any),
  'emergency-plan': factories.createCoreService('plugin::clinic-crm.emergency-plan' as any),
  'drill-record': factories.createCoreService('plugin::clinic-crm.drill-record' as any),
  'clinical-photo': factories.createCoreService('plugin::clinic-crm.clinical-photo' as any),
};

export default {
  ...core,
  analytics,
  approvals,
  audit,
  claims,
  clients,
  complaints,
  'complaint-desk': complaintDesk,
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
  locales,
  pricing,
  privacy,
  'price-alignment': priceAlignment,
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
