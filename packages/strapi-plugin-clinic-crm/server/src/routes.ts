import { factories, type Core } from '@strapi/strapi';
import { CORE_API_TYPES } from './content-types';
import { uidOf } from './core/plugin';

/**
 * Content API. Every content type gets Strapi's core REST routes under /api/clinic-crm/<plural>;
 * they go through users-permissions, so a role reaches only what it is granted (the public
 * role: nothing). The price table is the one route open to anonymous callers.
 */
// Complaints are created by the public intake route instead of the core `create`. System types
// (content-types.ts SYSTEM_TYPES) have no core content-API routes.
const coreRouters = CORE_API_TYPES.map((name) => factories.createCoreRouter(uidOf(name), name === 'complaint' ? { except: ['create'] } : undefined));

const adminPolicy = (action: string) => ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [`plugin::clinic-crm.${action}`] } }];
const complaintAdminRoutes = [
  ['POST', '/complaints/:documentId/transition', 'transition'],
  ['POST', '/complaints/:documentId/pause', 'pause'],
  ['POST', '/complaints/:documentId/resume', 'resume'],
  ['POST', '/complaints/:documentId/satisfaction', 'satisfaction'],
].map(([method, path, action]) => ({ method, path, handler: `complaint-actions.${action}`, config: { policies: adminPolicy('complaints.manage') } }));
// hand-offs between departments and the coordination notes (complaints/complaint-handoffs.*)
const complaintHandoffRoutes = [
  ['GET', '/complaints/:documentId/handoffs', 'view'],
  ['POST', '/complaints/:documentId/handoffs', 'handOff'],
  ['POST', '/complaints/:documentId/handoffs/:handoffId/accept', 'accept'],
  ['GET', '/complaints/:documentId/notes', 'notes'],
  ['POST', '/complaints/:documentId/notes', 'addNote'],
].map(([method, path, action]) => ({ method, path, handler: `complaint-handoffs.${action}`, config: { policies: adminPolicy('complaints.manage') } }));

// Built once, lazily: the core routers need the registered content types, and Strapi
// annotates the route objects in place, so every read must return the same array.
let contentApiRoutes: Array<RouteSpec | CoreRoute> | undefined;

type CoreRoute = Extract<ReturnType<typeof factories.createCoreRouter>['routes'], unknown[]>[number];

/** A route as declared here (Strapi's RouteInput types no `{ name, config }` route middleware). */
export interface RouteSpec {
  method: Core.HTTPMethod;
  path: string;
  handler: string;
  config: { auth?: false; policies: unknown[]; middlewares: unknown[] };
}

export default {
  'content-api': {
    type: 'content-api',
    get routes() {
      contentApiRoutes ??= [
        {
          method: 'GET',
          path: '/price-table',
          handler: 'price-table.find',
          config: { auth: false, policies: [], middlewares: [{ name: 'plugin::clinic-crm.rate-limit', config: { policy: 'public' } }] },
        },
        {
          method: 'POST',
          path: '/follow-up-tasks/:documentId/complete',
          handler: 'follow-up-actions.complete',
          config: { policies: [], middlewares: [] },
        },
        {
          method: 'POST',
          path: '/complaints',
          handler: 'complaint-actions.intake',
          config: { auth: false, policies: [], middlewares: ['plugin::clinic-crm.rate-limit'] },
        },
        {
          method: 'POST',
          path: '/complaints/:documentId/transition',
          handler: 'complaint-actions.transition',
          config: { policies: [], middlewares: [] },
        },
        { method: 'POST', path: '/consent-records/sign', handler: 'consent-actions.sign', config: { policies: [], middlewares: [] } },
        // satisfaction surveys: public, reachable only with a single-use token (sent in the body)
        { method: 'POST', path: '/surveys/lookup', handler: 'survey-actions.lookup', config: { auth: false, policies: [], middlewares: [{ name: 'plugin::clinic-crm.rate-limit', config: { policy: 'public' } }] } },
        { method: 'POST', path: '/surveys/answer', handler: 'survey-actions.answer', config: { auth: false, policies: [], middlewares: [{ name: 'plugin::clinic-crm.rate-limit', config: { policy: 'public' } }] } },
        // Prometheus scrape: no Strapi account; the controller requires the CLINIC_CRM_METRICS_TOKEN bearer token
        { method: 'GET', path: '/metrics', handler: 'metrics.scrape', config: { auth: false, policies: [], middlewares: [{ name: 'plugin::clinic-crm.rate-limit', config: { policy: 'public' } }] } },
        { method: 'POST', path: '/sop-documents/:documentId/acknowledge', handler: 'sop-actions.acknowledge', config: { policies: [], middlewares: [] } },
        // Benchmarks only: a fixed body through the same Koa pipeline, to measure its ceiling.
        ...(process.env.CLINIC_CRM_BENCH_ROUTES === 'true'
          ? [{ method: 'GET', path: '/ping', handler: 'price-table.ping', config: { auth: false, policies: [], middlewares: [] } } satisfies RouteSpec]
          : []),
        ...coreRouters.flatMap((r) => (typeof r.routes === 'function' ? r.routes() : r.routes)),
      ];
      return contentApiRoutes;
    },
  },
  admin: {
    type: 'admin',
    routes: [
      {
        method: 'GET',
        path: '/price-history',
        handler: 'price-history.find',
        config: { policies: adminPolicy('price-history.read') },
      },
      {
        method: 'POST',
        path: '/follow-up-tasks/:documentId/complete',
        handler: 'follow-up-actions.complete',
        config: { policies: adminPolicy('follow-up.complete') },
      },
      ...complaintAdminRoutes,
      ...complaintHandoffRoutes,
      { method: 'POST', path: '/sop-documents/:documentId/acknowledge', handler: 'sop-actions.acknowledge', config: { policies: adminPolicy('sops.acknowledge') } },
      { method: 'GET', path: '/sop-documents/review-overdue', handler: 'sop-actions.reviewOverdue', config: { policies: adminPolicy('sops.manage') } },
      { method: 'GET', path: '/sop-documents/:documentId/acknowledgements', handler: 'sop-actions.acknowledgements', config: { policies: adminPolicy('sops.manage') } },
      { method: 'POST', path: '/consent-records/sign', handler: 'consent-actions.sign', config: { policies: adminPolicy('consents.sign') } },
      { method: 'GET', path: '/consent-records/:documentId/verify', handler: 'consent-actions.verify', config: { policies: adminPolicy('consents.read') } },
      { method: 'GET', path: '/consent-records/:documentId/print', handler: 'consent-actions.print', config: { policies: adminPolicy('consents.read') } },
      { method: 'GET', path: '/complaints/analytics', handler: 'complaint-actions.analytics', config: { policies: adminPolicy('complaints.analytics') } },
      { method: 'GET', path: '/dashboard', handler: 'workspace.dashboard', config: { policies: adminPolicy('dashboard.read') } },
      { method: 'GET', path: '/satisfaction', handler: 'survey-actions.figures', config: { policies: adminPolicy('dashboard.read') } },
      { method: 'GET', path: '/desk/clients', handler: 'desk.searchClients', config: { policies: adminPolicy('clients.timeline') } },
      { method: 'GET', path: '/desk/clients/:documentId/treatment-records', handler: 'desk.clientRecords', config: { policies: adminPolicy('complaints.manage') } },
      { method: 'GET', path: '/desk/treatments', handler: 'desk.treatments', config: { policies: adminPolicy('clients.timeline') } },
      { method: 'POST', path: '/desk/consents/preview', handler: 'desk.previewConsent', config: { policies: adminPolicy('consents.sign') } },
      { method: 'GET', path: '/desk/record-context', handler: 'desk.recordContext', config: { policies: adminPolicy('records.create') } },
      { method: 'POST', path: '/desk/quote', handler: 'desk.quote', config: { policies: adminPolicy('clients.timeline') } },
      { method: 'POST', path: '/desk/treatment-records', handler: 'desk.recordTreatment', config: { policies: adminPolicy('records.create') } },
      { method: 'GET', path: '/desk/complaints', handler: 'desk.complaints', config: { policies: adminPolicy('complaints.manage') } },
      { method: 'POST', path: '/desk/complaints', handler: 'desk.takeComplaint', config: { policies: adminPolicy('complaints.manage') } },
      { method: 'GET', path: '/desk/complaints/:documentId', handler: 'desk.complaint', config: { policies: adminPolicy('complaints.manage') } },
      { method: 'POST', path: '/desk/clients', handler: 'desk.registerClient', config: { policies: adminPolicy('clients.register') } },
      { method: 'GET', path: '/clients/:documentId/timeline', handler: 'workspace.timeline', config: { policies: adminPolicy('clients.timeline') } },
      { method: 'GET', path: '/my-work', handler: 'workspace.myWork', config: { policies: adminPolicy('tasks.mine') } },
      { method: 'GET', path: '/price-table/preview', handler: 'workspace.pricePreview', config: { policies: adminPolicy('price-table.preview') } },
      { method: 'POST', path: '/import/clients', handler: 'workspace.importClients', config: { policies: adminPolicy('clients.import') } },
      { method: 'GET', path: '/clients/:documentId/export', handler: 'workspace.exportClient', config: { policies: adminPolicy('clients.gdpr') } },
      { method: 'POST', path: '/clients/:documentId/erase', handler: 'workspace.eraseClient', config: { policies: adminPolicy('clients.gdpr') } },
      { method: 'GET', path: '/photos/:documentId/image', handler: 'workspace.photo', config: { policies: ['admin::isAuthenticatedAdmin'] } },
      { method: 'GET', path: '/operations', handler: 'workspace.operations', config: { policies: adminPolicy('dashboard.read') } },
      { method: 'GET', path: '/audit', handler: 'workspace.audit', config: { policies: adminPolicy('audit.read') } },
      { method: 'GET', path: '/ledger', handler: 'evidence.ledger', config: { policies: adminPolicy('ledger.verify') } },
      { method: 'POST', path: '/ledger/verify', handler: 'evidence.verifyLedger', config: { policies: adminPolicy('ledger.verify') } },
      { method: 'GET', path: '/approvals', handler: 'evidence.approvals', config: { policies: adminPolicy('approvals.use') } },
      { method: 'POST', path: '/approvals', handler: 'evidence.requestApproval', config: { policies: adminPolicy('approvals.use') } },
      { method: 'GET', path: '/approvals/:documentId', handler: 'evidence.approval', config: { policies: adminPolicy('approvals.use') } },
      { method: 'POST', path: '/approvals/:documentId/decide', handler: 'evidence.decideApproval', config: { policies: adminPolicy('approvals.use') } },
      { method: 'GET', path: '/recalls/search', handler: 'recalls.search', config: { policies: adminPolicy('recalls.manage') } },
      { method: 'GET', path: '/recalls', handler: 'recalls.list', config: { policies: adminPolicy('recalls.manage') } },
      { method: 'POST', path: '/recalls', handler: 'recalls.open', config: { policies: adminPolicy('recalls.manage') } },
      { method: 'GET', path: '/recalls/:documentId', handler: 'recalls.detail', config: { policies: adminPolicy('recalls.manage') } },
      // on-call roster (every staff role) and the urgent page's acknowledgement (signed in; the service checks who)
      { method: 'GET', path: '/on-call/roster', handler: 'on-call.roster', config: { policies: adminPolicy('tasks.mine') } },
      { method: 'POST', path: '/urgent-pages/acknowledge', handler: 'on-call.acknowledge', config: { policies: adminPolicy('tasks.mine') } },
      { method: 'GET', path: '/export/:kind', handler: 'workspace.exportCsv', config: { policies: adminPolicy('data.export') } },
      {
        method: 'GET',
        path: '/outbox',
        handler: 'outbox.find',
        config: { policies: adminPolicy('outbox.manage') },
      },
      {
        method: 'POST',
        path: '/outbox/:documentId/retry',
        handler: 'outbox.retry',
        config: { policies: adminPolicy('outbox.manage') },
      },
      { method: 'GET', path: '/webhook-channels', handler: 'webhook-channels.find', config: { policies: adminPolicy('outbox.manage') } },
      { method: 'POST', path: '/webhook-channels/:documentId/secret/reveal', handler: 'webhook-channels.reveal', config: { policies: adminPolicy('outbox.manage') } },
      { method: 'POST', path: '/webhook-channels/:documentId/secret/rotate', handler: 'webhook-channels.rotate', config: { policies: adminPolicy('outbox.manage') } },
    ],
  },
};
