import { withPluginMiddlewares } from './app-middlewares';

const names = (s: Array<string | { name?: string }>) => s.map((e) => (typeof e === 'string' ? e : e.name));

describe('the plugin places its middlewares in the app stack', () => {
  it("fills a bare app's default stack", () => {
    const stack = ['strapi::logger', 'strapi::errors', 'strapi::security', 'strapi::cors', 'strapi::poweredBy', 'strapi::query', 'strapi::body', 'strapi::session', 'strapi::favicon', 'strapi::public'];
    expect(names(withPluginMiddlewares(stack))).toEqual([
      'strapi::logger', 'plugin::clinic-crm.request-metrics', 'strapi::errors', 'plugin::clinic-crm.db-unavailable', 'strapi::security', 'strapi::cors', 'strapi::poweredBy', 'strapi::query', 'strapi::body',
      'plugin::clinic-crm.prototype-guard', 'plugin::clinic-crm.audit-reads', 'strapi::session', 'strapi::favicon', 'plugin::clinic-crm.private-uploads', 'strapi::public',
    ]);
  });

  it('keeps an app’s own placement and configuration, and adds nothing twice', () => {
    const stack = ['plugin::clinic-crm.request-metrics', 'strapi::errors', 'plugin::clinic-crm.db-unavailable', 'strapi::body', { name: 'plugin::clinic-crm.audit-reads', config: {} }, 'plugin::clinic-crm.prototype-guard', 'plugin::clinic-crm.private-uploads', 'strapi::public'];
    expect(withPluginMiddlewares(stack)).toEqual(stack);
    expect(withPluginMiddlewares(withPluginMiddlewares(['strapi::errors', 'strapi::body', 'strapi::public']))).toHaveLength(8);
  });
});
