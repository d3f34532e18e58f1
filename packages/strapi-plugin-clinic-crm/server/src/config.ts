import { z } from 'zod';
import { assertTimeZone } from './core/time/time';
import { validateCalendar, type BusinessCalendar } from './core/time/business-time';
import { checkHolidaySource, HOLIDAY_TYPES } from './core/time/public-holidays';
import { DEPARTMENTS } from './complaints/domain/handoffs';
import { DEV_KEY_RING_SPEC, parseKeyRing } from './core/encryption/field-crypto';

/** Development only (config/plugins.ts refuses to start production without CLINIC_CRM_LEDGER_KEYS). */
export const DEV_LEDGER_KEY_SPEC = 'dev:Y2xpbmljLWNybS1kZXYtbGVkZ2VyLWtleS0zMmJ5dGU=';

/** Development only: the metrics endpoint's bearer token (production refuses to start without CLINIC_CRM_METRICS_TOKEN). */
export const DEV_METRICS_TOKEN = 'dev-metrics-token-not-secret';

const wholeAtLeast = (min: number, message: string) => z.number({ error: message }).int({ error: message }).min(min, { error: message });
const positiveInteger = (key: string) => wholeAtLeast(1, `${key} must be a positive integer`);
const phraseList = (key: string) =>
  z.custom<string[]>((v) => Array.isArray(v) && v.every((p) => typeof p === 'string' && p.trim() !== ''), { error: `${key} must be a list of non-empty strings` });

/** A key ring spec (`id:base64(32 bytes),…`) and its active key, refused with the environment variable's name. */
const keyRingCheck = (variable: string) => (ring: { keys: string; activeKeyId?: string | null }, ctx: z.RefinementCtx) => {
  try {
    parseKeyRing(ring.keys, ring.activeKeyId);
  } catch (e) {
    ctx.addIssue({ code: 'custom', path: ['keys'], message: `${variable}: ${(e as Error).message}` });
  }
};

/**
 * The plugin's configuration (config/plugins.ts → 'clinic-crm'.config), with its defaults. Strapi
 * merges the app's values over `default` and calls `validator`, which refuses to start with a
 * message naming the key.
 */
export const pluginConfigSchema = z
  .object({
    timeZone: z
      .string()
      .default('Asia/Taipei')
      .superRefine((tz, ctx) => {
        try {
          assertTimeZone(tz);
        } catch (e) {
          ctx.addIssue({ code: 'custom', message: (e as Error).message });
        }
      }),
    seedDemoData: z.boolean().default(false),
    adminUrl: z.string().default('http://localhost:1337/admin'),
    priceTable: z
      .object({
        cacheTtlMs: wholeAtLeast(0, 'priceTable.cacheTtlMs must be a non-negative integer').default(30_000),
        /** Cache-Control max-age: how long a browser keeps its copy */
        maxAgeSeconds: wholeAtLeast(0, 'priceTable.maxAgeSeconds must be a non-negative integer').default(60),
        /**
         * Cache-Control s-maxage: how long a shared cache (nginx, a CDN) serves its copy before it
         * revalidates with If-None-Match (a cheap 304); a price publish shows there within this.
         */
        sharedMaxAgeSeconds: wholeAtLeast(0, 'priceTable.sharedMaxAgeSeconds must be a non-negative integer').default(1),
      })
      .prefault({}),
    /** The email outbox dispatcher (a cron task on every instance; claims are atomic). */
    dispatch: z
      .object({
        rule: z.string().default('*/1 * * * *'),
        batchSize: positiveInteger('dispatch.batchSize').default(50),
        concurrency: positiveInteger('dispatch.concurrency').default(5),
        leaseMs: positiveInteger('dispatch.leaseMs').default(120_000),
        budgetMs: positiveInteger('dispatch.budgetMs').default(50_000),
        retry: z
          .object({ baseDelayMs: z.number().default(30_000), maxDelayMs: z.number().default(3_600_000), maxAttempts: z.number().default(8) })
          .prefault({}),
      })
      .prefault({}),
    /** Signed webhooks (a second channel for staff notifications): each POST's bound, connect + response. */
    webhooks: z.object({ timeoutMs: positiveInteger('webhooks.timeoutMs').default(5_000) }).prefault({}),
    followUps: z
      .object({
        /** Hours after a task's due time at which it escalates to management, one level per entry (null: 24 h and 72 h). */
        escalationHours: z
          .custom<number[]>((v) => Array.isArray(v) && v.length > 0 && v.every((h) => typeof h === 'number' && h > 0), { error: 'followUps.escalationHours must be a list of positive numbers of hours' })
          .nullable()
          .default(null),
        rule: z.string().default('*/5 * * * *'),
        /** Daily digest for staff who asked for one, in the clinic's time zone. */
        digestRule: z.string().default('0 8 * * *'),
      })
      .prefault({}),
    /**
     * Urgent pages (on-call/): unacknowledged after `escalateAfterMinutes` the backup is paged, after
     * as long again management; the acknowledgement link works for `ackLinkHours`; `rule`: the job.
     */
    onCall: z
      .object({
        escalateAfterMinutes: z.number({ error: 'onCall.escalateAfterMinutes must be a number of minutes (1–240)' }).min(1).max(240).default(10),
        ackLinkHours: z.number({ error: 'onCall.ackLinkHours must be a number of hours (1–72)' }).min(1).max(72).default(12),
        rule: z.string().default('* * * * *'),
      })
      .prefault({}),
    /** Shown on consent documents and emails */
    clinicName: z.string().default('美麗皮膚科診所 · Clinic'),
    consent: z
      .object({
        /** A signed consent supports treatment records for this many days. */
        validityDays: z.number().default(365),
      })
      .prefault({}),
    complaints: z
      .object({
        /** Refunds above this amount (minor units) need a manager's approval. */
        refundApprovalThreshold: z
          .number({ error: 'complaints.refundApprovalThreshold must be a whole number ≥ 0' })
          .refine((n) => Number.isSafeInteger(n) && n >= 0, { error: 'complaints.refundApprovalThreshold must be a whole number ≥ 0' })
          .default(5000),
        /** SLA clock job */
        rule: z.string().default('*/5 * * * *'),
        /** Public intake: submissions per IP per window */
        intakeRateLimit: z.object({ max: z.number().default(5), windowMs: z.number().default(600_000) }).prefault({}),
      })
      .prefault({}),
    /** Complaint hand-offs: business hours each receiving department has to accept a hand-off (complaints/domain/handoffs.ts). */
    handoffs: z
      .object({
        acceptHours:
          z.partialRecord(z.enum(DEPARTMENTS), z.number({ error: 'handoffs.acceptHours must map departments to hours > 0' }).positive({ error: 'handoffs.acceptHours must map departments to hours > 0' }), {
            error: `handoffs.acceptHours must map departments (${DEPARTMENTS.join(', ')}) to hours > 0`,
          })
          .optional(),
      })
      .prefault({}),
    /**
     * Where public holidays come from (date-holidays): a country code (Taiwan by default; null for
     * none), optionally a state and region, and which holiday types close the clinic. The clinic's
     * own closures and make-up workdays are edited in the admin panel (calendar-day).
     */
    holidays: z
      .object({
        country: z.string({ error: 'holidays.country must be a country code such as "TW", or null' }).nullable().default('TW'),
        state: z.string({ error: 'holidays.state must be a string' }).optional(),
        region: z.string({ error: 'holidays.region must be a string' }).optional(),
        types: z.array(z.enum(HOLIDAY_TYPES), { error: `holidays.types must be a list of ${HOLIDAY_TYPES.join(', ')}` }).default(['public']),
      })
      .prefault({}),
    /** Opening hours and extra closed dates (null: the built-in Taipei hours); the time zone is `timeZone`. */
    businessCalendar: z.custom<Partial<BusinessCalendar>>((v) => typeof v === 'object', { error: 'businessCalendar must be an object or null' }).nullable().default(null),
    /** Replaces the built-in advertising-claim list when set (null keeps the built-in list). */
    claimPhrases: phraseList('claimPhrases').nullable().default(null),
    /** Added to whichever list is in force. */
    extraClaimPhrases: phraseList('extraClaimPhrases').nullable().default([]),
    /**
     * Field encryption at rest (AES-256-GCM) for health data: `keys` is `id:base64(32 bytes),…`, the
     * active one encrypts. From CLINIC_CRM_ENCRYPTION_KEYS / _KEY_ID; required in production.
     */
    encryption: z
      .object({ keys: z.string().default(DEV_KEY_RING_SPEC), activeKeyId: z.string().nullish().default(null) })
      .superRefine(keyRingCheck('CLINIC_CRM_ENCRYPTION_KEYS'))
      .prefault({}),
    /**
     * The evidence ledger's HMAC keys (`id:base64(32 bytes),…`; the active one seals new entries,
     * every listed one verifies). From CLINIC_CRM_LEDGER_KEYS / _KEY_ID; required in production.
     * Never stored in the database. `headRule`: when the chain head is e-mailed to managers.
     */
    ledger: z
      .object({ keys: z.string().default(DEV_LEDGER_KEY_SPEC), activeKeyId: z.string().nullish().default(null), headRule: z.string().default('5 0 * * *') })
      .superRefine(keyRingCheck('CLINIC_CRM_LEDGER_KEYS'))
      .prefault({}),
    /** A second person's approval (override, price change, large refund) stays usable this many days. */
    approvals: z.object({ validDays: wholeAtLeast(1, 'approvals.validDays must be a whole number of days ≥ 1').default(30) }).prefault({}),
    /** GDPR/PDPA erasure: medical and consent records are kept this many years after the last treatment. */
    retention: z.object({ medicalRecordYears: wholeAtLeast(0, 'retention.medicalRecordYears must be a whole number of years ≥ 0').default(7) }).prefault({}),
    /** Satisfaction surveys: e-mailed after treatments and closed complaints; single-use links. */
    satisfaction: z
      .object({
        targetPercent: z
          .number({ error: 'satisfaction.targetPercent must be a percentage (0–100]' })
          .gt(0, { error: 'satisfaction.targetPercent must be a percentage (0–100]' })
          .max(100, { error: 'satisfaction.targetPercent must be a percentage (0–100]' })
          .default(90),
        satisfiedMinScore: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)], { error: 'satisfaction.satisfiedMinScore must be 1–5' }).default(4),
        surveyDelayHours: wholeAtLeast(0, 'satisfaction.surveyDelayHours must be a whole number ≥ 0').default(24),
        surveyValidDays: wholeAtLeast(0, 'satisfaction.surveyValidDays must be a whole number ≥ 0').default(14),
      })
      .prefault({}),
    /** The public site that serves survey.html (survey links point there). */
    publicSiteUrl: z.string().default('http://localhost:1337'),
    /** Per-IP limits on public endpoints (requests per window). */
    publicRateLimit: z.object({ max: z.number().default(600), windowMs: z.number().default(60_000) }).prefault({}),
    /** GET /api/clinic-crm/metrics (Prometheus): the scraper's bearer token. From CLINIC_CRM_METRICS_TOKEN; required in production. */
    metrics: z.object({ token: z.string().min(16, { error: 'metrics.token (CLINIC_CRM_METRICS_TOKEN) must be at least 16 characters' }).default(DEV_METRICS_TOKEN) }).prefault({}),
    /** Shutdown (SIGTERM, tests): in-flight dispatches and the database pool get this long to finish. */
    shutdownTimeoutMs: wholeAtLeast(100, 'shutdownTimeoutMs must be a whole number of milliseconds ≥ 100').default(10_000),
  })
  .superRefine((config, ctx) => {
    const holidayError = checkHolidaySource(config.holidays);
    if (holidayError) ctx.addIssue({ code: 'custom', path: ['holidays'], message: holidayError });
    if (!config.businessCalendar) return;
    try {
      validateCalendar({ ...config.businessCalendar, timeZone: config.timeZone } as BusinessCalendar);
    } catch (e) {
      ctx.addIssue({ code: 'custom', path: ['businessCalendar'], message: (e as Error).message });
    }
  });

export type PluginConfig = z.output<typeof pluginConfigSchema>;

/** Every refusal, one per line, each naming its config key: `clinic-crm: dispatch.batchSize must be a positive integer`. */
/**
 * In production the development keys (public, in this source) are refused: a site that sets no
 * CLINIC_CRM_ENCRYPTION_KEYS / CLINIC_CRM_LEDGER_KEYS / CLINIC_CRM_METRICS_TOKEN does not start, instead of encrypting health
 * data and sealing evidence under a known key.
 */
const productionKeyErrors = (config: unknown, production: boolean): string[] => {
  if (!production || typeof config !== 'object' || config === null) return [];
  const c = config as { encryption?: { keys?: unknown }; ledger?: { keys?: unknown }; metrics?: { token?: unknown } };
  const errors: string[] = [];
  if (!c.encryption?.keys || c.encryption.keys === DEV_KEY_RING_SPEC) errors.push('clinic-crm: encryption.keys: CLINIC_CRM_ENCRYPTION_KEYS is required in production (the development key is public)');
  if (!c.ledger?.keys || c.ledger.keys === DEV_LEDGER_KEY_SPEC) errors.push('clinic-crm: ledger.keys: CLINIC_CRM_LEDGER_KEYS is required in production (the development key is public)');
  if (!c.metrics?.token || c.metrics.token === DEV_METRICS_TOKEN) errors.push('clinic-crm: metrics.token: CLINIC_CRM_METRICS_TOKEN is required in production (the development token is public)');
  return errors;
};

export const configErrors = (config: unknown, production = process.env.NODE_ENV === 'production'): string[] => {
  const result = pluginConfigSchema.safeParse(config);
  const keyErrors = productionKeyErrors(config, production);
  if (result.success) return keyErrors;
  return [
    ...keyErrors,
    ...result.error.issues.map((issue) => {
      const key = issue.path.map(String).join('.');
      return !key || issue.message.startsWith(key) ? `clinic-crm: ${issue.message}` : `clinic-crm: ${key}: ${issue.message}`;
    }),
  ];
};

type Env = (key: string, fallback?: string) => string | undefined;

/**
 * Defaults; the secrets come from the environment, so a site only has to enable the plugin and set
 * CLINIC_CRM_ENCRYPTION_KEYS, CLINIC_CRM_LEDGER_KEYS and CLINIC_CRM_METRICS_TOKEN (development falls
 * back to the public dev values).
 */
export const defaultConfig = ({ env }: { env: Env }): PluginConfig => {
  const base = pluginConfigSchema.parse({});
  const fromEnv = (key: string) => {
    const value = env(key);
    return value && value.trim() !== '' ? value.trim() : null;
  };
  return {
    ...base,
    encryption: { keys: fromEnv('CLINIC_CRM_ENCRYPTION_KEYS') ?? base.encryption.keys, activeKeyId: fromEnv('CLINIC_CRM_ENCRYPTION_KEY_ID') },
    ledger: { ...base.ledger, keys: fromEnv('CLINIC_CRM_LEDGER_KEYS') ?? base.ledger.keys, activeKeyId: fromEnv('CLINIC_CRM_LEDGER_KEY_ID') },
    metrics: { token: fromEnv('CLINIC_CRM_METRICS_TOKEN') ?? base.metrics.token },
  };
};

export default {
  default: defaultConfig,
  validator(config: unknown) {
    const errors = configErrors(config);
    if (errors.length) throw new Error(errors.join('\n'));
  },
};
