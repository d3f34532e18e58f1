import { assertTimeZone } from '../domain/time';

export default {
  default: {
    timeZone: 'Asia/Taipei',
    seedDemoData: false,
    adminUrl: 'http://localhost:1337/admin',
    priceTable: {
      cacheTtlMs: 30_000,
      maxAgeSeconds: 60,
    },
    /** Replaces the built-in advertising-claim list when set (null keeps the built-in list). */
    claimPhrases: null,
    /** Added to whichever list is in force. */
    extraClaimPhrases: [],
  },
  validator(config: Record<string, any>) {
    assertTimeZone(config.timeZone);
    const ttl = config.priceTable?.cacheTtlMs;
    if (!Number.isInteger(ttl) || ttl < 0) throw new Error('clinic-crm: priceTable.cacheTtlMs must be a non-negative integer');
    const maxAge = config.priceTable?.maxAgeSeconds;
    if (!Number.isInteger(maxAge) || maxAge < 0) throw new Error('clinic-crm: priceTable.maxAgeSeconds must be a non-negative integer');
    for (const key of ['claimPhrases', 'extraClaimPhrases']) {
      const list = config[key];
      if (list != null && (!Array.isArray(list) || list.some((p: unknown) => typeof p !== 'string' || p.trim() === ''))) {
        throw new Error(`clinic-crm: ${key} must be a list of non-empty strings`);
      }
    }
  },
};
