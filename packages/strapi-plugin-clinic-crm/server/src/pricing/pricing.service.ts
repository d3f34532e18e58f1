import type { Core } from '@strapi/strapi';
import { quote, QuoteSelection, Quote } from './domain/pricing';
import { localDate } from '../core/time/time';
import { DEFAULT_LANGUAGE } from '../core/i18n/locales';
import { asValidation, fieldError } from '../core/http/validation-errors';
import { UID, getConfig, relationRef } from '../core/plugin';
import type { TreatmentDoc } from './types';

export interface PriceSnapshot extends Quote {
  treatment: { documentId: string; slug: string | null; name: string | null; locale: string | null };
  selection: QuoteSelection;
  quotedAt: string;
}

export const PRICE_POPULATE = { feeItems: true, coursePackages: true } as const;

const SELECTION_KEYS = new Set(['addOns', 'quantities', 'packageCode']);

/** Checks the shape of a client's option choice before domain code prices it. */
export const parseSelection = (raw: unknown, path = 'priceSnapshot'): QuoteSelection => {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw fieldError(path, `${path} must be an object { addOns, quantities, packageCode }`);
  const r = raw as Record<string, unknown>;
  // A stored snapshot sent back unchanged (e.g. by the admin form) is priced from its own selection.
  const isSnapshot = typeof r.selection === 'object' && r.selection !== null && 'lines' in r;
  const src = (isSnapshot ? r.selection : r) as Record<string, unknown>;
  for (const key of Object.keys(src)) {
    if (!SELECTION_KEYS.has(key)) {
      throw fieldError(`${path}.${key}`, `${path}.${key} is not a price option (expected addOns, quantities or packageCode)`);
    }
  }
  const sel: QuoteSelection = {};
  if (src.addOns !== undefined) {
    if (!Array.isArray(src.addOns) || src.addOns.length > 50) throw fieldError(`${path}.addOns`, `${path}.addOns must be a list of at most 50 { code, quantity }`);
    sel.addOns = src.addOns.map((a, i) => {
      if (typeof a === 'string') return { code: a };
      const item = a && typeof a === 'object' ? (a as { code?: unknown; quantity?: number }) : null;
      if (!item || typeof item.code !== 'string') {
        throw fieldError(`${path}.addOns[${i}].code`, `${path}.addOns[${i}].code must be a fee item code`);
      }
      return { code: item.code, quantity: item.quantity };
    });
  }
  if (src.quantities !== undefined) {
    if (!src.quantities || typeof src.quantities !== 'object' || Array.isArray(src.quantities)) {
      throw fieldError(`${path}.quantities`, `${path}.quantities must map fee item codes to whole numbers`);
    }
    sel.quantities = src.quantities as Record<string, number>;
  }
  if (src.packageCode !== undefined && src.packageCode !== null) {
    if (typeof src.packageCode !== 'string') throw fieldError(`${path}.packageCode`, `${path}.packageCode must be a package code`);
    sel.packageCode = src.packageCode;
  }
  return sel;
};

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The published treatment in `language` (falling back to zh-Hant, then any published locale). */
  async publishedTreatment(ref: { documentId?: string; id?: number }, language: string = DEFAULT_LANGUAGE): Promise<TreatmentDoc | null> {
    let documentId = ref.documentId;
    if (!documentId && ref.id) {
      const row = (await strapi.db.query(UID.treatment).findOne({ where: { id: ref.id }, select: ['documentId'] })) as { documentId: string } | null;
      documentId = row?.documentId;
    }
    if (!documentId) return null;
    for (const locale of [language, DEFAULT_LANGUAGE]) {
      const doc = await strapi.documents(UID.treatment).findOne({ documentId, locale, status: 'published', populate: PRICE_POPULATE });
      if (doc) return doc as TreatmentDoc;
    }
    const [first] = await strapi.documents(UID.treatment).findMany({
      filters: { documentId },
      locale: '*',
      status: 'published',
      populate: PRICE_POPULATE,
      limit: 1,
    });
    return (first as TreatmentDoc | undefined) ?? null;
  },

  /**
   * Freezes what the client is quoted now: every line and the total, for the chosen options,
   * at the clinic's local date. The result is stored as JSON and never recomputed.
   */
  async snapshot(treatmentValue: unknown, rawSelection: unknown, options: { language?: string; at?: Date; path?: string } = {}): Promise<PriceSnapshot> {
    const path = options.path ?? 'priceSnapshot';
    const ref = relationRef(treatmentValue);
    if (!ref) throw fieldError('treatment', 'treatment is required to quote a price');
    const selection = parseSelection(rawSelection, path);
    const treatment = await this.publishedTreatment(ref, options.language);
    if (!treatment) throw fieldError('treatment', 'treatment must be a published catalogue entry');
    const at = options.at ?? new Date();
    const priceDate = localDate(at, getConfig(strapi).timeZone);
    const q = asValidation(() => quote(treatment, selection, priceDate), path);
    return {
      treatment: { documentId: treatment.documentId, slug: treatment.slug ?? null, name: treatment.name ?? null, locale: treatment.locale ?? null },
      selection,
      quotedAt: at.toISOString(),
      ...q,
    };
  },
});
