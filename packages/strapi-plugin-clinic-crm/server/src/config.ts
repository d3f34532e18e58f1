import { assertTimeZone } from './core/time/time';
import { validateCalendar } from './core/time/business-time';
import { DEV_KEY_RING_SPEC, parseKeyRing } from './core/encryption/field-crypto';

/** Development only (config/plugins.ts refuses to start production without CLINIC_CRM_LEDGER_KEYS). */
export const DEV_LEDGER_KEY_SPEC = 'dev:Y2xpbmljLWNybS1kZXYtbGVkZ2VyLWtleS0zMmJ5dGU=';

export default {
  default: {
    timeZone: 'Asia/Taipei',
    seedDemoData: false,
    adminUrl: 'http://localhost:1337/admin',
    priceTable: {
      cacheTtlMs: 30_000,
      maxAgeSeconds: 60,
    },
    /** The email outbox dispatcher (a cron task on every instance; claims are atomic). */
    dispatch: {
      rule: '*/1 * * * *',
      batchSize: 50,
      concurrency: 5,
      leaseMs: 120_000,
      budgetMs: 50_000,
      retry: { baseDelayMs: 30_000, maxDelayMs: 3_600_000, maxAttempts: 8 },
    },
    followUps: {
      /** Hours after a task's due time at which it escalates to management, one level per entry (null: 24 h and 72 h). */
      escalationHours: null,
      rule: '*/5 * * * *',
      /** Daily digest for staff who asked for one, in the clinic's time zone. */
      digestRule: '0 8 * * *',
    },
    /** Shown on consent documents and emails */
    clinicName: '美麗皮膚科診所 · Clinic',
    consent: {
      /** A signed consent supports treatment records for this many days. */
      validityDays: 365,
    },
    complaints: {
      /** Refunds above this amount (minor units) need a manager's approval. */
      refundApprovalThreshold: 5000,
      /** SLA clock job */
      rule: '*/5 * * * *',
      /** Public intake: submissions per IP per window */
      intakeRateLimit: { max: 5, windowMs: 600_000 },
    },
    /** Opening hours, holidays (null: the built-in Taipei calendar); the time zone is `timeZone`. */
    businessCalendar: null,
    /** Replaces the built-in advertising-claim list when set (null keeps the built-in list). */
    claimPhrases: null,
    /** Added to whichever list is in force. */
    extraClaimPhrases: [],
    /**
     * Field encryption at rest (AES-256-GCM) for health data: `keys` is `id:base64(32 bytes),…`, the
     * active one encrypts. From CLINIC_CRM_ENCRYPTION_KEYS / _KEY_ID; required in production.
     */
    encryption: { keys: DEV_KEY_RING_SPEC, activeKeyId: null },
    /**
     * The evidence ledger's HMAC keys (`id:base64(32 bytes),…`; the active one seals new entries,
     * every listed one verifies). From CLINIC_CRM_LEDGER_KEYS / _KEY_ID; required in production.
     * Never stored in the database. `headRule`: when the chain head is e-mailed to managers.
     */
    ledger: { keys: DEV_LEDGER_KEY_SPEC, activeKeyId: null, headRule: '5 0 * * *' },
    /** A second person's approval (override, price change, large refund) stays usable this many days. */
    approvals: { validDays: 30 },
    /** GDPR/PDPA erasure: medical and consent records are kept this many years after the last treatment. */
    retention: { medicalRecordYears: 7 },
    /** Satisfaction surveys: e-mailed after treatments and closed complaints; single-use links. */
    satisfaction: { targetPercent: 90, satisfiedMinScore: 4, surveyDelayHours: 24, surveyValidDays: 14 },
    /** The public site that serves survey.html (survey links point there). */
    publicSiteUrl: 'http://localhost:1337',
    /** Per-IP limits on public endpoints (requests per window). */
    publicRateLimit: { max: 600, windowMs: 60_000 },
    /** Shutdown (SIGTERM, tests): in-flight dispatches and the database pool get this long to finish. */
    shutdownTimeoutMs: 10_000,
  },
  validator(config: Record<string, any>) {
    assertTimeZone(config.timeZone);
    try {
      parseKeyRing(String(config.encryption?.keys ?? ''), config.encryption?.activeKeyId);
    } catch (e) {
      throw new Error(`clinic-crm: CLINIC_CRM_ENCRYPTION_KEYS: ${(e as Error).message}`);
    }
    try {
      parseKeyRing(String(config.ledger?.keys ?? ''), config.ledger?.activeKeyId);
    } catch (e) {
      throw new Error(`clinic-crm: CLINIC_CRM_LEDGER_KEYS: ${(e as Error).message}`);
    }
    if (!Number.isInteger(config.approvals?.validDays) || config.approvals.validDays < 1) throw new Error('clinic-crm: approvals.validDays must be a whole number of days ≥ 1');
    const sat = config.satisfaction ?? {};
    if (!(typeof sat.targetPercent === 'number' && sat.targetPercent > 0 && sat.targetPercent <= 100)) throw new Error('clinic-crm: satisfaction.targetPercent must be a percentage (0–100]');
    if (![1, 2, 3, 4, 5].includes(sat.satisfiedMinScore)) throw new Error('clinic-crm: satisfaction.satisfiedMinScore must be 1–5');
    for (const k of ['surveyDelayHours', 'surveyValidDays']) if (!Number.isInteger(sat[k]) || sat[k] < 0) throw new Error(`clinic-crm: satisfaction.${k} must be a whole number ≥ 0`);
    const years = config.retention?.medicalRecordYears;
    if (!Number.isInteger(years) || years < 0) throw new Error('clinic-crm: retention.medicalRecordYears must be a whole number of years ≥ 0');
    if (!Number.isInteger(config.shutdownTimeoutMs) || config.shutdownTimeoutMs < 100) throw new Error('clinic-crm: shutdownTimeoutMs must be a whole number of milliseconds ≥ 100');
    const ttl = config.priceTable?.cacheTtlMs;
    if (!Number.isInteger(ttl) || ttl < 0) throw new Error('clinic-crm: priceTable.cacheTtlMs must be a non-negative integer');
    const maxAge = config.priceTable?.maxAgeSeconds;
    if (!Number.isInteger(maxAge) || maxAge < 0) throw new Error('clinic-crm: priceTable.maxAgeSeconds must be a non-negative integer');
    const d = config.dispatch ?? {};
    for (const k of ['batchSize', 'concurrency', 'leaseMs', 'budgetMs']) {
      if (!Number.isInteger(d[k]) || d[k] < 1) throw new Error(`clinic-crm: dispatch.${k} must be a positive integer`);
    }
    if (config.businessCalendar) validateCalendar({ ...config.businessCalendar, timeZone: config.timeZone });
    const c = config.complaints ?? {};
    if (!Number.isSafeInteger(c.refundApprovalThreshold) || c.refundApprovalThreshold < 0) throw new Error('clinic-crm: complaints.refundApprovalThreshold must be a whole number ≥ 0');
    const hours = config.followUps?.escalationHours;
    if (hours != null && (!Array.isArray(hours) || hours.length === 0) || (Array.isArray(hours) && hours.some((h: unknown) => typeof h !== 'number' || h <= 0))) {
      throw new Error('clinic-crm: followUps.escalationHours must be a list of positive numbers of hours');
    }
    for (const key of ['claimPhrases', 'extraClaimPhrases']) {
      const list = config[key];
      if (list != null && (!Array.isArray(list) || list.some((p: unknown) => typeof p !== 'string' || p.trim() === ''))) {
        throw new Error(`clinic-crm: ${key} must be a list of non-empty strings`);
      }
    }
  },
};
