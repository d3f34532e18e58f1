import { secret } from './env-secret';

export default ({ env }) => ({
  // Benchmarks and API-only instances can skip the admin bundle.
  serveAdminPanel: env.bool('SERVE_ADMIN_PANEL', true),
  auth: {
    secret: secret(env, 'ADMIN_JWT_SECRET', 'dev-admin-jwt-secret-not-secret'),
  },
  apiToken: {
    salt: secret(env, 'API_TOKEN_SALT', 'dev-api-token-salt-not-secret'),
  },
  transfer: {
    token: {
      salt: secret(env, 'TRANSFER_TOKEN_SALT', 'dev-transfer-token-salt-not-secret'),
    },
  },
  secrets: {
    encryptionKey: secret(env, 'ENCRYPTION_KEY', 'dev-encryption-key-not-secret-32b'),
  },
  // Admin login: at most ADMIN_LOGIN_RATE_LIMIT_MAX attempts per 5 minutes per address and e-mail.
  rateLimit: { enabled: true, interval: { min: 5 }, max: env.int('ADMIN_LOGIN_RATE_LIMIT_MAX', 5) },
  flags: {
    nps: false,
    promoteEE: false,
  },
});
