// The clinic-crm plugin places its own middlewares in this stack (request latency, database-outage 503, prototype
// guard, health-data read audit, private clinical photos): see the plugin's core/http/app-middlewares.ts.
export default ({ env }) => [
  'strapi::logger',
  'strapi::errors',
  {
    name: 'strapi::security',
    config: {
      // helmet, on top of Strapi's defaults (CSP, nosniff, frame-ancestors 'self' …)
      hsts: { maxAge: 31_536_000, includeSubDomains: true },
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
      crossOriginResourcePolicy: { policy: 'same-site' },
    },
  },
  {
    name: 'strapi::cors',
    config: {
      // Only the clinic's own website(s) may call the API from a browser.
      origin: env.array('CORS_ORIGINS', ['http://localhost:1337', 'http://127.0.0.1:1337']),
      credentials: false,
      methods: ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS'],
    },
  },
  // no 'strapi::poweredBy': the server does not announce what it runs
  'strapi::query',
  {
    name: 'strapi::body',
    config: { jsonLimit: '256kb', formLimit: '256kb', textLimit: '256kb' },
  },
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];
