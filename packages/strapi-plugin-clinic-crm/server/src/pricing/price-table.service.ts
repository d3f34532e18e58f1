import { createHash } from 'crypto';
import { promisify } from 'util';
import zlib from 'zlib';
import type { Core } from '@strapi/strapi';
import { basePrice, effectiveFeeItems, effectivePackages, FeeItem, CoursePackage } from './domain/pricing';
import { formatMoney, DEFAULT_CURRENCY } from './domain/money';
import { CATEGORY_LABELS, CATEGORY_ORDER, DEFAULT_LANGUAGE, KIND_LABELS, Language, UNIT_LABELS, pick } from '../core/i18n/locales';
import { localDate } from '../core/time/time';
import { UID, getConfig } from '../core/plugin';
import type { TreatmentDoc } from './types';

export interface PriceTableBody {
  /** The serialized JSON answer, encoded once: identity, gzip and brotli. */
  body: Buffer;
  gzip: Buffer;
  br: Buffer;
  etag: string;
  builtAt: number;
}

const gzip = promisify(zlib.gzip);
/** How long a cached table may be served while other instances' changes cannot be heard. */
export const OUT_OF_TOUCH_TTL_MS = 1000;
const brotli = promisify(zlib.brotliCompress);

/** Only these treatment fields ever reach the public table: no ids, drafts, internal notes. */
const PUBLIC_FIELDS = ['name', 'slug', 'locale', 'category', 'summary', 'expectedEffect', 'recoveryPeriod', 'risksAndSideEffects', 'durationMinutes', 'priceValidFrom'];

/** One treatment in the public table. */
type TableEntry = { name: string; [field: string]: unknown };

const dayBefore = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

const feeItemView = (i: FeeItem, language: Language) => ({
  code: i.code,
  label: i.label,
  kind: i.kind,
  kindLabel: pick(KIND_LABELS[i.kind] ?? KIND_LABELS.included, language),
  amount: i.amount,
  currency: i.currency || DEFAULT_CURRENCY,
  formatted: formatMoney(i.amount, i.currency || DEFAULT_CURRENCY, language),
  unit: i.unit,
  unitLabel: pick(UNIT_LABELS[i.unit] ?? UNIT_LABELS.per_session, language),
  minQuantity: i.minQuantity ?? 1,
  effectiveFrom: i.effectiveFrom ?? null,
  effectiveUntil: i.effectiveUntil ?? null,
  note: i.note ?? null,
});

const packageView = (p: CoursePackage, language: Language) => ({
  code: p.code,
  label: p.label,
  sessions: p.sessions,
  amount: p.amount,
  currency: p.currency || DEFAULT_CURRENCY,
  formatted: formatMoney(p.amount, p.currency || DEFAULT_CURRENCY, language),
  effectiveFrom: p.effectiveFrom ?? null,
  effectiveUntil: p.effectiveUntil ?? null,
  note: p.note ?? null,
});

/** The last day on which every price shown stays as shown: the next expiry or the day before the next change. */
const validUntil = (items: Array<{ effectiveFrom?: string | null; effectiveUntil?: string | null }>, today: string): string | null => {
  const bounds: string[] = [];
  for (const i of items) {
    if (i.effectiveUntil && i.effectiveUntil >= today) bounds.push(i.effectiveUntil);
    if (i.effectiveFrom && i.effectiveFrom > today) bounds.push(dayBefore(i.effectiveFrom));
  }
  return bounds.length ? bounds.sort()[0] : null;
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const cache = new Map<string, PriceTableBody>();
  const inflight = new Map<string, Promise<PriceTableBody>>();
  let generation = 0;
  /**
   * Whether another instance's catalogue write reaches this cache (price-table-sync: LISTEN on
   * Postgres; always on SQLite, a single instance). While it does not, entries live at most
   * OUT_OF_TOUCH_TTL_MS, so a missed notification cannot leave a stale price for long.
   */
  let inTouch = true;

  const loadPublished = (locale: string, category?: string) =>
    strapi.documents(UID.treatment).findMany({
      locale,
      status: 'published',
      filters: category ? { category } : {},
      fields: PUBLIC_FIELDS,
      populate: { feeItems: true, coursePackages: true },
      sort: [{ name: 'asc' }],
    }) as Promise<TreatmentDoc[]>;

  const build = async (language: Language, category: string | undefined, today: string): Promise<PriceTableBody> => {
    const [requested, fallback] = await Promise.all([
      loadPublished(language, category),
      language === DEFAULT_LANGUAGE ? Promise.resolve([]) : loadPublished(DEFAULT_LANGUAGE, category),
    ]);
    // One entry per treatment: the requested language where it is published, zh-Hant otherwise.
    const byDocument = new Map<string, TreatmentDoc>();
    for (const t of fallback) byDocument.set(t.documentId, t);
    for (const t of requested) byDocument.set(t.documentId, t);

    const groups = new Map<string, TableEntry[]>();
    for (const t of byDocument.values()) {
      const items = effectiveFeeItems(t, today);
      const packages = effectivePackages(t, today);
      const upcoming = (t.feeItems ?? []).filter((i: FeeItem) => i.effectiveFrom && i.effectiveFrom > today);
      const entry = {
        slug: t.slug,
        locale: t.locale,
        name: t.name,
        summary: t.summary ?? null,
        expectedEffect: t.expectedEffect ?? null,
        recoveryPeriod: t.recoveryPeriod ?? null,
        risksAndSideEffects: t.risksAndSideEffects ?? null,
        durationMinutes: t.durationMinutes ?? null,
        currency: items[0]?.currency || DEFAULT_CURRENCY,
        basePrice: basePrice(t, today),
        basePriceFormatted: formatMoney(basePrice(t, today), items[0]?.currency || DEFAULT_CURRENCY, language),
        feeItems: items.filter((i) => i.kind === 'included').map((i) => feeItemView(i, language)),
        addOns: items.filter((i) => i.kind === 'add_on').map((i) => feeItemView(i, language)),
        packages: packages.map((p) => packageView(p, language)),
        upcomingChanges: upcoming.map((i: FeeItem) => feeItemView(i, language)),
        priceValidFrom: t.priceValidFrom ?? null,
        priceValidUntil: validUntil([...(t.feeItems ?? []), ...(t.coursePackages ?? [])], today),
      };
      const list = groups.get(t.category) ?? [];
      list.push(entry);
      groups.set(t.category, list);
    }

    const categories = [...groups.keys()]
      .sort((a, b) => CATEGORY_ORDER.indexOf(a) - CATEGORY_ORDER.indexOf(b))
      .map((key) => ({
        key,
        label: CATEGORY_LABELS[key] ? pick(CATEGORY_LABELS[key], language) : key,
        treatments: groups.get(key)!.sort((a, b) => a.name.localeCompare(b.name, language)),
      }));

    const payload = {
      data: {
        locale: language,
        priceValidOn: today,
        timeZone: getConfig(strapi).timeZone,
        category: category ?? null,
        categories,
      },
      meta: {
        treatmentCount: byDocument.size,
        note: pick(
          {
            'zh-Hant': '所有費用均已列出，無隱藏收費；實際療程以醫師評估為準。',
            'zh-Hans': '所有费用均已列出，无隐藏收费；实际疗程以医师评估为准。',
            en: 'Every fee is listed; there are no hidden charges. The final plan follows the doctor’s assessment.',
          },
          language
        ),
      },
    };
    const body = Buffer.from(JSON.stringify(payload), 'utf8');
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    // Compressed once per change, off the event loop, instead of once per request.
    const [gz, br] = await Promise.all([
      gzip(body, { level: 9 }),
      brotli(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
    ]);
    return { body, gzip: gz, br, etag, builtAt: Date.now() };
  };

  return {
    /** The cached table for a language and optional category, built at most once per change. */
    async get(language: Language, category?: string): Promise<PriceTableBody> {
      const { timeZone, priceTable } = getConfig(strapi);
      const today = localDate(new Date(), timeZone);
      const key = `${language}|${category ?? '*'}|${today}`;
      const hit = cache.get(key);
      const ttl = inTouch ? priceTable.cacheTtlMs : Math.min(priceTable.cacheTtlMs, OUT_OF_TOUCH_TTL_MS);
      if (hit && Date.now() - hit.builtAt < ttl) return hit;

      const pending = inflight.get(key);
      if (pending) return pending;
      const startedAt = generation;
      const promise = build(language, category, today)
        .then((result) => {
          // A write that landed while this build ran makes the result stale: serve it once, don't keep it.
          if (startedAt === generation) cache.set(key, result);
          return result;
        })
        .finally(() => inflight.delete(key));
      inflight.set(key, promise);
      return promise;
    },

    /** Called by the document-service middleware after every catalogue write. */
    invalidate() {
      generation += 1;
      cache.clear();
      inflight.clear();
    },

    /** price-table-sync: whether other instances' writes are heard (false: short-lived entries). */
    setInTouch(value: boolean) {
      inTouch = value;
    },

    stats() {
      return { entries: cache.size, generation, inTouch };
    },
  };
};
