import type { Core } from '@strapi/strapi';

/**
 * The plugin's application-level middlewares, placed in the app's middleware stack by the plugin
 * itself, so that a site that only enables the plugin gets them (an agency's own
 * config/middlewares.ts usually lists only Strapi's). Each goes next to the Strapi middleware it
 * must follow; an app that lists one itself keeps its own placement.
 *  - request-metrics  before strapi::errors  times every request (Prometheus latency histogram)
 *  - db-unavailable   after strapi::errors   a database outage answers 503 + Retry-After, not 500
 *  - prototype-guard  after strapi::body     refuses __proto__/constructor keys in parsed bodies
 *  - audit-reads      after strapi::body     audits every read of client health data
 *  - private-uploads  before strapi::public  clinical photos are never served from /uploads
 */
type Entry = string | { name?: string; resolve?: string; config?: unknown };

const PLACEMENT: Array<{ name: string; after?: string; before?: string }> = [
  { name: 'plugin::clinic-crm.db-unavailable', after: 'strapi::errors' },
  { name: 'plugin::clinic-crm.request-metrics', before: 'strapi::errors' },
  { name: 'plugin::clinic-crm.prototype-guard', after: 'strapi::body' },
  { name: 'plugin::clinic-crm.audit-reads', after: 'plugin::clinic-crm.prototype-guard' },
  { name: 'plugin::clinic-crm.private-uploads', before: 'strapi::public' },
];

const DEFAULT_STACK = ['strapi::logger', 'strapi::errors', 'strapi::security', 'strapi::cors', 'strapi::poweredBy', 'strapi::session', 'strapi::query', 'strapi::body', 'strapi::favicon', 'strapi::public'];

const nameOf = (e: Entry) => (typeof e === 'string' ? e : e.name ?? e.resolve ?? '');

/** The middleware list with the plugin's middlewares inserted where missing (pure; unit-tested). */
export const withPluginMiddlewares = (stack: Entry[]): Entry[] => {
  const out = [...stack];
  for (const { name, after, before } of PLACEMENT) {
    if (out.some((e) => nameOf(e) === name)) continue;
    const anchor = out.findIndex((e) => nameOf(e) === (after ?? before));
    if (anchor === -1) out.push(name);
    else out.splice(after ? anchor + 1 : anchor, 0, name);
  }
  return out;
};

/** In register(): Strapi builds the stack from this config in its bootstrap, after every register(). */
export const installAppMiddlewares = (strapi: Core.Strapi) => {
  const stack = strapi.config.get('middlewares', DEFAULT_STACK) as Entry[];
  strapi.config.set('middlewares', withPluginMiddlewares(stack));
};
