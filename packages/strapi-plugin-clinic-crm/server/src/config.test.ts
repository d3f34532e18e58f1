import config, { configErrors, DEV_LEDGER_KEY_SPEC, DEV_METRICS_TOKEN, pluginConfigSchema } from './config';
import { DEV_KEY_RING_SPEC } from './core/encryption/field-crypto';

const defaults = () => config.default({ env: () => undefined });
const key32 = Buffer.alloc(32, 1).toString('base64');

describe('plugin config', () => {
  it('has the defaults it always had', () => {
    const d = defaults();
    expect(d).toMatchObject({
      timeZone: 'Asia/Taipei',
      seedDemoData: false,
      adminUrl: 'http://localhost:1337/admin',
      priceTable: { cacheTtlMs: 30_000, maxAgeSeconds: 60, sharedMaxAgeSeconds: 1 },
      dispatch: { rule: '*/1 * * * *', batchSize: 50, concurrency: 5, leaseMs: 120_000, budgetMs: 50_000, retry: { baseDelayMs: 30_000, maxDelayMs: 3_600_000, maxAttempts: 8 } },
      followUps: { escalationHours: null, rule: '*/5 * * * *', digestRule: '0 8 * * *' },
      clinicName: '美麗皮膚科診所 · Clinic',
      consent: { validityDays: 365 },
      complaints: { refundApprovalThreshold: 5000, rule: '*/5 * * * *', intakeRateLimit: { max: 5, windowMs: 600_000 } },
      holidays: { country: 'TW', types: ['public'] },
      businessCalendar: null,
      claimPhrases: null,
      extraClaimPhrases: [],
      encryption: { keys: DEV_KEY_RING_SPEC, activeKeyId: null },
      ledger: { keys: DEV_LEDGER_KEY_SPEC, activeKeyId: null, headRule: '5 0 * * *' },
      approvals: { validDays: 30 },
      retention: { medicalRecordYears: 7 },
      satisfaction: { targetPercent: 90, satisfiedMinScore: 4, surveyDelayHours: 24, surveyValidDays: 14 },
      publicSiteUrl: 'http://localhost:1337',
      publicRateLimit: { max: 600, windowMs: 60_000 },
      metrics: { token: DEV_METRICS_TOKEN },
      shutdownTimeoutMs: 10_000,
    });
    expect(() => config.validator(d)).not.toThrow();
    expect(pluginConfigSchema.parse({})).toEqual(d);
  });

  const refused = (change: (c: ReturnType<typeof defaults>) => void) => {
    const c = defaults();
    change(c);
    return configErrors(c);
  };

  it('refuses a bad value naming the config key', () => {
    expect(refused((c) => (c.dispatch.batchSize = -1))).toEqual(['clinic-crm: dispatch.batchSize must be a positive integer']);
    expect(refused((c) => (c.dispatch.leaseMs = 1.5))).toEqual(['clinic-crm: dispatch.leaseMs must be a positive integer']);
    expect(refused((c) => (c.timeZone = 'Mars/Olympus'))).toEqual(['clinic-crm: timeZone: Unknown time zone "Mars/Olympus"']);
    expect(refused((c) => (c.approvals.validDays = 0))).toEqual(['clinic-crm: approvals.validDays must be a whole number of days ≥ 1']);
    expect(refused((c) => (c.satisfaction.targetPercent = 0))).toEqual(['clinic-crm: satisfaction.targetPercent must be a percentage (0–100]']);
    expect(refused((c) => Object.assign(c.satisfaction, { satisfiedMinScore: 6 }))).toEqual(['clinic-crm: satisfaction.satisfiedMinScore must be 1–5']);
    expect(refused((c) => (c.retention.medicalRecordYears = -1))).toEqual(['clinic-crm: retention.medicalRecordYears must be a whole number of years ≥ 0']);
    expect(refused((c) => (c.shutdownTimeoutMs = 50))).toEqual(['clinic-crm: shutdownTimeoutMs must be a whole number of milliseconds ≥ 100']);
    expect(refused((c) => (c.priceTable.cacheTtlMs = -5))).toEqual(['clinic-crm: priceTable.cacheTtlMs must be a non-negative integer']);
    expect(refused((c) => (c.complaints.refundApprovalThreshold = 1.5))).toEqual(['clinic-crm: complaints.refundApprovalThreshold must be a whole number ≥ 0']);
    expect(refused((c) => (c.followUps.escalationHours = []))).toEqual(['clinic-crm: followUps.escalationHours must be a list of positive numbers of hours']);
    expect(refused((c) => (c.claimPhrases = ['ok', ' ']))).toEqual(['clinic-crm: claimPhrases must be a list of non-empty strings']);
    expect(refused((c) => (c.metrics.token = 'short'))).toEqual(['clinic-crm: metrics.token (CLINIC_CRM_METRICS_TOKEN) must be at least 16 characters']);
    expect(refused((c) => (c.businessCalendar = { openingHours: { mon: [['09:00', '12:00']] }, holidays: [] }))).toEqual([]);
    expect(refused((c) => (c.holidays.country = 'XX'))).toEqual([expect.stringMatching(/^clinic-crm: holidays\.country "XX" is not a country code/)]);
    expect(refused((c) => (c.holidays.types = ['public', 'feast']))[0]).toMatch(/^clinic-crm: holidays\.types/);
    expect(refused((c) => (c.holidays = { country: 'JP', types: ['public'] }))).toEqual([]);
  });

  it('refuses a malformed key list with the environment variable it comes from', () => {
    expect(refused((c) => (c.encryption.keys = 'k1:c2hvcnQ='))).toEqual([expect.stringMatching(/^clinic-crm: encryption\.keys: CLINIC_CRM_ENCRYPTION_KEYS: key "k1" must be 32 bytes/)]);
    expect(refused((c) => (c.ledger.keys = ''))[0]).toMatch(/^clinic-crm: ledger\.keys: CLINIC_CRM_LEDGER_KEYS: /);
    expect(refused((c) => (c.encryption.keys = `k1:${key32}`))).toEqual([]);
    expect(() => config.validator({ ...defaults(), dispatch: { ...defaults().dispatch, concurrency: 0 } })).toThrow('clinic-crm: dispatch.concurrency must be a positive integer');
  });

  it('takes the secrets from the environment, and refuses the public development keys in production', () => {
    const env: Record<string, string> = { CLINIC_CRM_ENCRYPTION_KEYS: `k1:${key32}`, CLINIC_CRM_LEDGER_KEYS: `l1:${key32}`, CLINIC_CRM_LEDGER_KEY_ID: 'l1', CLINIC_CRM_METRICS_TOKEN: ' scrape-token-0123456789 ' };
    const fromEnv = config.default({ env: (k: string) => env[k] });
    expect(fromEnv.encryption).toEqual({ keys: `k1:${key32}`, activeKeyId: null });
    expect(fromEnv.ledger).toMatchObject({ keys: `l1:${key32}`, activeKeyId: 'l1' });
    expect(fromEnv.metrics).toEqual({ token: 'scrape-token-0123456789' });
    expect(configErrors(fromEnv, true)).toEqual([]);
    expect(configErrors(defaults(), true)).toEqual([
      'clinic-crm: encryption.keys: CLINIC_CRM_ENCRYPTION_KEYS is required in production (the development key is public)',
      'clinic-crm: ledger.keys: CLINIC_CRM_LEDGER_KEYS is required in production (the development key is public)',
      'clinic-crm: metrics.token: CLINIC_CRM_METRICS_TOKEN is required in production (the development token is public)',
    ]);
    expect(configErrors(defaults(), false)).toEqual([]);
  });
});
