import { secret } from './env-secret';

export default ({ env }) => ({
  'users-permissions': {
    config: {
      jwtSecret: secret(env, 'JWT_SECRET', 'dev-users-permissions-jwt-secret-not-secret'),
      jwt: { expiresIn: '8h' },
      ratelimit: { interval: 60000, max: env.int('AUTH_RATE_LIMIT_MAX', 10) },
    },
  },
  email: {
    config: {
      provider: 'nodemailer',
      providerOptions: {
        host: env('SMTP_HOST', '127.0.0.1'),
        port: env.int('SMTP_PORT', 2525),
        secure: env.bool('SMTP_SECURE', false),
        ignoreTLS: env.bool('SMTP_IGNORE_TLS', true),
        auth: env('SMTP_USERNAME')
          ? { user: env('SMTP_USERNAME'), pass: env('SMTP_PASSWORD') }
          : undefined,
        pool: env.bool('SMTP_POOL', true),
        maxConnections: env.int('SMTP_MAX_CONNECTIONS', 5),
        connectionTimeout: env.int('SMTP_CONNECTION_TIMEOUT', 10000),
        greetingTimeout: env.int('SMTP_GREETING_TIMEOUT', 10000),
      },
      settings: {
        defaultFrom: env('EMAIL_FROM', 'Clinic CRM <no-reply@clinic.local>'),
        defaultReplyTo: env('EMAIL_REPLY_TO', 'front-desk@clinic.local'),
      },
    },
  },
  'clinic-crm': {
    enabled: true,
    config: {
      timeZone: env('CLINIC_TIME_ZONE', 'Asia/Taipei'),
      seedDemoData: env.bool('CLINIC_CRM_SEED_DEMO', env('NODE_ENV', 'development') === 'development'),
      adminUrl: env('CLINIC_CRM_ADMIN_URL', 'http://localhost:1337/admin'),
      dispatch: {
        rule: env('CLINIC_CRM_DISPATCH_RULE', '*/1 * * * *'),
        batchSize: env.int('CLINIC_CRM_DISPATCH_BATCH', 50),
        concurrency: env.int('CLINIC_CRM_DISPATCH_CONCURRENCY', 5),
        leaseMs: env.int('CLINIC_CRM_DISPATCH_LEASE_MS', 120000),
      },
      // encryption and ledger keys: the plugin reads CLINIC_CRM_ENCRYPTION_KEYS / _KEY_ID and
      // CLINIC_CRM_LEDGER_KEYS / _KEY_ID itself (development keys outside production; refused in production)
      ledger: { headRule: env('CLINIC_CRM_LEDGER_HEAD_RULE', '5 0 * * *') },
      satisfaction: {
        targetPercent: env.float('CLINIC_CRM_SATISFACTION_TARGET', 90),
        satisfiedMinScore: env.int('CLINIC_CRM_SATISFIED_MIN_SCORE', 4),
        surveyDelayHours: env.int('CLINIC_CRM_SURVEY_DELAY_HOURS', 24),
        surveyValidDays: env.int('CLINIC_CRM_SURVEY_VALID_DAYS', 14),
      },
      publicSiteUrl: env('CLINIC_CRM_PUBLIC_SITE_URL', env('PUBLIC_URL', '') || 'http://localhost:1337'),
      // SIGTERM / destroy(): in-flight dispatches and the database pool get this long to finish
      shutdownTimeoutMs: env.int('CLINIC_CRM_SHUTDOWN_TIMEOUT_MS', 10000),
      retention: { medicalRecordYears: env.int('CLINIC_CRM_MEDICAL_RECORD_YEARS', 7) },
      publicRateLimit: { max: env.int('CLINIC_CRM_PUBLIC_RATE_LIMIT_MAX', 600), windowMs: env.int('CLINIC_CRM_PUBLIC_RATE_LIMIT_WINDOW_MS', 60000) },
      priceTable: {
        cacheTtlMs: env.int('CLINIC_CRM_PRICE_TABLE_TTL_MS', 30000),
        maxAgeSeconds: env.int('CLINIC_CRM_PRICE_TABLE_MAX_AGE', 60),
        sharedMaxAgeSeconds: env.int('CLINIC_CRM_PRICE_TABLE_SHARED_MAX_AGE', 1),
      },
    },
  },
});
