import approval from './approval';
import auditEvent from './audit-event';
import client from './client';
import clinicalPhoto from './clinical-photo';
import drillRecord from './drill-record';
import emergencyPlan from './emergency-plan';
import equipmentLog from './equipment-log';
import equipment from './equipment';
import complaint from './complaint';
import complaintEvent from './complaint-event';
import consentRecord from './consent-record';
import consentTemplate from './consent-template';
import course from './course';
import emailTemplate from './email-template';
import followUpTask from './follow-up-task';
import notification from './notification';
import ledgerEntry from './ledger-entry';
import priceChange from './price-change';
import routingRule from './routing-rule';
import sopAcknowledgement from './sop-acknowledgement';
import sopDocument from './sop-document';
import staffMember from './staff-member';
import survey from './survey';
import treatment from './treatment';
import trainingRecord from './training-record';
import treatmentRecord from './treatment-record';

export default {
  'clinical-photo': clinicalPhoto,
  'drill-record': drillRecord,
  'emergency-plan': emergencyPlan,
  'equipment-log': equipmentLog,
  'equipment': equipment,
  approval,
  'audit-event': auditEvent,
  'client': client,
  'complaint': complaint,
  'complaint-event': complaintEvent,
  'consent-record': consentRecord,
  'consent-template': consentTemplate,
  course,
  'email-template': emailTemplate,
  'follow-up-task': followUpTask,
  'notification': notification,
  'ledger-entry': ledgerEntry,
  'price-change': priceChange,
  'routing-rule': routingRule,
  'sop-acknowledgement': sopAcknowledgement,
  'sop-document': sopDocument,
  'staff-member': staffMember,
  survey,
  'treatment': treatment,
  'training-record': trainingRecord,
  'treatment-record': treatmentRecord,
};
