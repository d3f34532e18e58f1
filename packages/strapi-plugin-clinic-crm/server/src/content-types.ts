import approval from './approvals/content-types/approval';
import batchRecall from './recalls/content-types/batch-recall';
import auditEvent from './core/audit/content-types/audit-event';
import calendarDay from './calendar/content-types/calendar-day';
import client from './clients/content-types/client';
import clinicalPhoto from './operations/content-types/clinical-photo';
import drillRecord from './operations/content-types/drill-record';
import emergencyPlan from './operations/content-types/emergency-plan';
import equipmentLog from './operations/content-types/equipment-log';
import equipment from './operations/content-types/equipment';
import complaint from './complaints/content-types/complaint';
import complaintEvent from './complaints/content-types/complaint-event';
import complaintHandoff from './complaints/content-types/complaint-handoff';
import complaintNote from './complaints/content-types/complaint-note';
import consentRecord from './consent/content-types/consent-record';
import consentTemplate from './consent/content-types/consent-template';
import course from './operations/content-types/course';
import emailTemplate from './core/outbox/content-types/email-template';
import followUpTask from './follow-ups/content-types/follow-up-task';
import notification from './core/outbox/content-types/notification';
import webhookChannel from './core/outbox/content-types/webhook-channel';
import ledgerEntry from './core/ledger/content-types/ledger-entry';
import priceChange from './pricing/content-types/price-change';
import routingRule from './complaints/content-types/routing-rule';
import onCallShift from './on-call/content-types/on-call-shift';
import urgentPage from './on-call/content-types/urgent-page';
import sopAcknowledgement from './sops/content-types/sop-acknowledgement';
import sopDocument from './sops/content-types/sop-document';
import staffMember from './clients/content-types/staff-member';
import survey from './surveys/content-types/survey';
import treatment from './pricing/content-types/treatment';
import trainingRecord from './operations/content-types/training-record';
import treatmentRecord from './records/content-types/treatment-record';

/**
 * The plugin's content types, listed once: Strapi registers these, and the core controllers,
 * services and REST routes (controllers.ts, services.ts, routes.ts) and the `UID` map
 * (core/plugin.ts) are derived from this list.
 */
const contentTypes = {
  'clinical-photo': clinicalPhoto,
  'drill-record': drillRecord,
  'emergency-plan': emergencyPlan,
  'equipment-log': equipmentLog,
  'equipment': equipment,
  approval,
  'audit-event': auditEvent,
  'batch-recall': batchRecall,
  'calendar-day': calendarDay,
  'client': client,
  'complaint': complaint,
  'complaint-event': complaintEvent,
  'complaint-handoff': complaintHandoff,
  'complaint-note': complaintNote,
  'consent-record': consentRecord,
  'consent-template': consentTemplate,
  course,
  'email-template': emailTemplate,
  'follow-up-task': followUpTask,
  'notification': notification,
  'webhook-channel': webhookChannel,
  'ledger-entry': ledgerEntry,
  'price-change': priceChange,
  'routing-rule': routingRule,
  'on-call-shift': onCallShift,
  'urgent-page': urgentPage,
  'sop-acknowledgement': sopAcknowledgement,
  'sop-document': sopDocument,
  'staff-member': staffMember,
  survey,
  'treatment': treatment,
  'training-record': trainingRecord,
  'treatment-record': treatmentRecord,
} satisfies Record<string, { schema: object }>;

export type ContentTypeName = keyof typeof contentTypes;

export const CONTENT_TYPE_NAMES = Object.keys(contentTypes) as ContentTypeName[];

/**
 * System-owned types: no core controller, service or content-API routes. The audit trail, the ledger
 * approvals, batch recalls and complaint hand-offs and notes are read (approvals decided, recalls run) through admin routes, a survey
 * only through its own single-use token; their rows are written by their repositories and services. Webhook channels (they
 * hold a signing secret) are edited in the admin panel only.
 */
export const SYSTEM_TYPES = ['audit-event', 'survey', 'ledger-entry', 'approval', 'batch-recall', 'complaint-handoff', 'complaint-note', 'webhook-channel', 'urgent-page'] as const satisfies readonly ContentTypeName[];

export type CoreApiType = Exclude<ContentTypeName, (typeof SYSTEM_TYPES)[number]>;

/** The types with Strapi's core controller, service and REST routes. */
export const CORE_API_TYPES = CONTENT_TYPE_NAMES.filter((name): name is CoreApiType => !(SYSTEM_TYPES as readonly string[]).includes(name));

export default contentTypes;
