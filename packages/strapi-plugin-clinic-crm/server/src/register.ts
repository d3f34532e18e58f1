import type { Core } from '@strapi/strapi';
import { evidenceMiddleware } from './core/ledger/evidence.middleware';
import { auditMiddleware } from './core/audit/audit.middleware';
import { catalogueMiddleware } from './pricing/catalogue.middleware';
import { emailTemplateMiddleware, recordsMiddleware } from './records/records.middleware';
import { clientsMiddleware } from './clients/clients.middleware';
import { complaintsMiddleware } from './complaints/complaints.middleware';
import { consentMiddleware } from './consent/consent.middleware';
import { operationsMiddleware } from './operations/operations.middleware';
import { isDatabaseUnavailable } from './core/database';
import { afterAdminBootstrap } from './core/after-admin-bootstrap';
import { registerComponents } from './components';
import { getConfig, getService } from './core/plugin';

let rejectionGuard = false;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  // Strapi emits document events (webhooks, …) without awaiting them; when the database restarts,
  // such a background query rejects with nobody listening, and Node would end the process. Log it
  // instead: the request that caused it has answered already, and the pool recovers by itself.
  if (!rejectionGuard) {
    rejectionGuard = true;
    process.on('unhandledRejection', (reason: any) => {
      const log = (globalThis as any).strapi?.log ?? console;
      if (isDatabaseUnavailable(reason)) log.warn(`[clinic-crm] background query failed while the database was unavailable: ${reason?.message ?? reason}`);
      else log.error(`[clinic-crm] unhandled rejection: ${reason?.stack ?? reason}`);
    });
  }
  registerComponents(strapi);
  // the clinic's staff roles (and the demo's accounts) need the admin's own roles and actions
  afterAdminBootstrap(strapi, async () => {
    await getService(strapi, 'roles').ensure();
    if (getConfig(strapi).seedDemoData) {
      await getService(strapi, 'seed').ensureDemoAdmin();
      await getService(strapi, 'seed').ensureDemoStaffAccounts();
    }
  });
  // outermost: sees the caller's own data, and commits the audit row with the change
  strapi.documents.use(evidenceMiddleware(strapi) as any);
  strapi.documents.use(auditMiddleware(strapi) as any);
  strapi.documents.use(catalogueMiddleware(strapi) as any);
  strapi.documents.use(operationsMiddleware(strapi) as any);
  strapi.documents.use(recordsMiddleware(strapi) as any);
  strapi.documents.use(clientsMiddleware(strapi) as any);
  strapi.documents.use(emailTemplateMiddleware(strapi) as any);
  strapi.documents.use(complaintsMiddleware(strapi) as any);
  strapi.documents.use(consentMiddleware(strapi) as any);
};
