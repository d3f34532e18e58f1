export default ({ env }) => [
  'strapi::logger',
  'strapi::errors',
  // a database outage (restart, failover) answers 503 + Retry-After instead of 500
  'plugin::clinic-crm.db-unavailable',
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
  // refuses __proto__ / constructor / prototype keys in any request body (after the body is parsed)
  'plugin::clinic-crm.prototype-guard',
  // audits every read of client health data as it leaves (after the route has answered)
  'plugin::clinic-crm.audit-reads',
  'strapi::session',
  'strapi::favicon',
  // clinical photos are never served from /uploads (staff read them through an admin route)
  'plugin::clinic-crm.private-uploads',
  'strapi::public',
];
