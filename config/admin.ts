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
  flags: {
    nps: false,
    promoteEE: false,
  },
});
