import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import { alignPrices, firstPriceDifference, samePrices } from './domain/price-alignment';
import { PRICE_LISTS, publishedTreatmentRows } from './treatment.repository';
import type { TreatmentDoc } from './types';
import { DEFAULT_LANGUAGE } from '../core/i18n/locales';
import { fieldError } from '../core/http/validation-errors';
import { requestLanguage, say } from '../core/http/language';
import { UID, getService } from '../core/plugin';
import { PRICE_POPULATE } from './pricing.service';
import { announcePriceTableChange } from './price-table-sync';

/** Set while this service writes the other locales, so those writes are not aligned in turn. */
const aligning = new AsyncLocalStorage<true>();

const PRICES_IN_DEFAULT_LOCALE = {
  'zh-Hant': '價格只在繁體中文版修改，其他語言自動同步：請切換到繁體中文版修改金額、單位或項目。',
  'zh-Hans': '价格只在繁体中文版修改，其他语言自动同步：请切换到繁体中文版修改金额、单位或项目。',
  en: 'Prices are edited in the Traditional Chinese (zh-Hant) version and copied to every language: switch to it to change an amount, unit or item.',
};

/**
 * Keeps the price of a treatment the same in every locale, on every write path: the catalogue
 * document middleware calls it after a treatment's draft is written (create/update/discardDraft)
 * and after a locale is published. The default locale (zh-Hant) sets the price; only price fields
 * move (see domain/price-alignment) and each locale keeps its translated labels and notes.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const versions = (documentId: string, status: 'draft' | 'published') =>
    strapi.documents(UID.treatment).findMany({ filters: { documentId }, locale: '*', status, populate: PRICE_POPULATE }) as Promise<TreatmentDoc[]>;

  /** Writes a draft's re-priced lists through the document service (its own rules apply). */
  const repriceDraft = (documentId: string, source: TreatmentDoc, draft: TreatmentDoc) => {
    const data: Record<string, unknown> = { ...alignPrices(source, draft) };
    return aligning.run(true, () => strapi.documents(UID.treatment).update({ documentId, locale: draft.locale, data }));
  };

  /**
   * Re-prices a *published* version from `source` without publishing that locale's draft (its
   * unpublished text edits stay drafts): rows of items both have are updated in place, items it
   * lacks are added with the source's texts, items the source dropped are removed.
   */
  const repricePublished = async (source: TreatmentDoc, target: TreatmentDoc) => {
    const aligned = alignPrices(source, target);
    const rows = publishedTreatmentRows(strapi);
    for (const list of PRICE_LISTS) await rows.writePriceList(target.id, list, aligned[list.field], target[list.field] ?? []);
  };

  return {
    /** True inside an alignment write (the middleware then leaves that write alone). */
    isAligning: () => aligning.getStore() === true,

    /**
     * After the draft of `locale` was written. The default locale's draft (or, without one, the
     * written draft) sets the price: other drafts are re-priced from it. A draft of another locale
     * is re-priced too — unless the write itself set prices that differ (`setsPrices`), which is
     * refused with a 400 naming the field: prices are edited in zh-Hant.
     */
    async alignDrafts(documentId: string, locale: string, setsPrices = false) {
      const drafts = await versions(documentId, 'draft');
      const written = drafts.find((d) => d.locale === locale);
      const source = drafts.find((d) => d.locale === DEFAULT_LANGUAGE) ?? written;
      if (!source || !written) return;
      if (written !== source) {
        if (samePrices(source, written)) return;
        if (setsPrices) throw fieldError(firstPriceDifference(source, written) ?? 'feeItems', say(requestLanguage(strapi), PRICES_IN_DEFAULT_LOCALE));
        await repriceDraft(documentId, source, written);
        return;
      }
      for (const draft of drafts) if (draft !== source && !samePrices(source, draft)) await repriceDraft(documentId, source, draft);
    },

    /**
     * After `locale` was published: every other published version shows the default locale's
     * *published* prices (a non-default locale published while zh-Hant has unpublished price
     * changes gets zh-Hant's published prices, not its draft's). Each re-priced locale gets its
     * price-history row.
     */
    async alignPublished(documentId: string, locale: string) {
      await this.alignDrafts(documentId, locale);
      const published = await versions(documentId, 'published');
      const source = published.find((p) => p.locale === DEFAULT_LANGUAGE) ?? published.find((p) => p.locale === locale);
      if (!source) return;
      const history = getService(strapi, 'price-history');
      for (const other of published) {
        if (other === source || samePrices(source, other)) continue;
        await repricePublished(source, other);
        const after = (await strapi.documents(UID.treatment).findOne({ documentId, locale: other.locale, status: 'published', populate: PRICE_POPULATE })) as TreatmentDoc | null;
        await history.record({ action: 'published', locale: other.locale, documentId, name: other.name, before: other, after });
      }
    },

    /** Brings every treatment in line (data written before prices were aligned); true when all were. */
    async alignAll(): Promise<boolean> {
      let failures = 0;
      const docs = await strapi.documents(UID.treatment).findMany({ locale: DEFAULT_LANGUAGE, status: 'draft', fields: ['documentId'] });
      for (const doc of docs) {
        try {
          await strapi.db.transaction(async () => {
            await this.alignDrafts(doc.documentId, DEFAULT_LANGUAGE);
            await this.alignPublished(doc.documentId, DEFAULT_LANGUAGE);
          });
        } catch (e) {
          // one treatment that cannot be aligned does not stop the start; it is logged
          strapi.log.error(`[clinic-crm] could not align the prices of treatment ${doc.documentId}: ${(e as Error).message}`);
          failures += 1;
        }
      }
      getService(strapi, 'price-table').invalidate();
      if (docs.length > 0) await announcePriceTableChange(strapi); // the other instances' caches too
      return failures === 0;
    },
  };
};
