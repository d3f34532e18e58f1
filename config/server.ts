import { secretArray } from './env-secret';

export default ({ env }) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  // Behind a reverse proxy / load balancer: trust X-Forwarded-For so rate limits see the client address.
  proxy: { koa: env.bool('IS_PROXIED', false) },
  app: {
    keys: secretArray(env, 'APP_KEYS', ['dev-app-key-1-not-secret', 'dev-app-key-2-not-secret']),
  },
  logger: {
    updates: { enabled: false },
    startup: { enabled: env('NODE_ENV') !== 'test' },
  },
  cron: {
    // Strapi cron runs on every instance; each task claims its work atomically in the database.
    enabled: env.bool('CLINIC_CRM_CRON_ENABLED', env('NODE_ENV') !== 'test'),
  },
});
