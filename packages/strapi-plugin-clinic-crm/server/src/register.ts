import type { Core } from '@strapi/strapi';
import { evidenceMiddleware } from './core/ledger/evidence.middleware';
import { auditMiddleware } from './core/audit/audit.middleware';
import { catalogueMiddleware } from './pricing/catalogue.middleware';
import { emailTemplateMiddleware, recordsMiddleware } from './records/records.middleware';
import { clientsMiddleware } from './clients/clients.middleware';
import { complaintsMiddleware } from './complaints/complaints.middleware';
import { consentMiddleware } from './consent/consent.middleware';
import { operationsMiddleware } from './operations/operations.middleware';
import { calendarMiddleware } from './calendar/calendar.middleware';
import { webhookChannelMiddleware } from './core/outbox/webhook-channel.middleware';
import { onCallMiddleware } from './on-call/on-call.middleware';
import { globalStrapiLog, isDatabaseUnavailable } from './core/database';
import { afterAdminBootstrap } from './core/after-admin-bootstrap';
import { registerComponents } from './components';
import { getConfig, getService } from './core/plugin';
import { useDocumentMiddlewares } from './core/document-middleware';
import { installAppMiddlewares } from './core/http/app-middlewares';

let rejectionGuard = false;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  // Strapi emits document events (webhooks, …) without awaiting them; when the database restarts,
  // such a background query rejects with nobody listening, and Node would end the process. Log it
  // instead: the request that caused it has answered already, and the pool recovers by itself.
  if (!rejectionGuard) {
    rejectionGuard = true;
    process.on('unhandledRejection', (reason: unknown) => {
      const log = globalStrapiLog();
      const error = reason instanceof Error ? reason : null;
      if (isDatabaseUnavailable(reason)) log.warn(`[clinic-crm] background query failed while the database was unavailable: ${error?.message ?? reason}`);
      else log.error(`[clinic-crm] unhandled rejection: ${error?.stack ?? reason}`);
    });
  }
  registerComponents(strapi);
  // database-outage 503, prototype guard, health-data read audit, private photos: in the app's stack
  installAppMiddlewares(strapi);
  // the clinic's staff roles (and the demo's accounts) need the admin's own roles and actions
  afterAdminBootstrap(strapi, async () => {
    await getService(strapi, 'roles').ensure();
    if (getConfig(strapi).seedDemoData) {
      await getService(strapi, 'seed').ensureDemoAdmin();
      await getService(strapi, 'seed').ensureDemoStaffAccounts();
    }
  });
  // outermost: sees the caller's own data, and commits the audit row with the change
  useDocumentMiddlewares(strapi, [
    evidenceMiddleware,
    auditMiddleware,
    catalogueMiddleware,
    operationsMiddleware,
    calendarMiddleware,
    onCallMiddleware,
    recordsMiddleware,
    clientsMiddleware,
    emailTemplateMiddleware,
    complaintsMiddleware,
    consentMiddleware,
    webhookChannelMiddleware,
  ]);
};
