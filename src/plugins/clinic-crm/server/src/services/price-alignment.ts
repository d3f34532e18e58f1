import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import { alignPrices, firstPriceDifference, priceFieldsOf, sameItems, samePrices } from '../domain/price-alignment';
import { DEFAULT_LANGUAGE } from '../domain/locales';
import { fieldError } from '../validation/errors';
import { requestLanguage, say } from '../utils/language';
import { UID, getService } from '../utils';
import { PRICE_POPULATE } from './pricing';

const FEE_ITEM = 'clinic-crm.fee-item';
const COURSE_PACKAGE = 'clinic-crm.course-package';

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
    strapi.documents(UID.treatment).findMany({ filters: { documentId }, locale: '*', status, populate: PRICE_POPULATE } as any) as Promise<any[]>;

  return {
    /** True inside an alignment write (the middleware then leaves that write alone). */
    isAligning: () => aligning.getStore() === true,

    /**
     * After the draft of `locale` was written: when it is the default locale (or the document has
     * no default-locale version), every other draft is re-priced from it; a draft of another
     * locale whose prices differ from the default locale's is refused with a 400 naming the field.
     */
    async alignDrafts(documentId: string, locale: string) {
      const drafts = await versions(documentId, 'draft');
      const written = drafts.find((d) => d.locale === locale);
      const source = drafts.find((d) => d.locale === DEFAULT_LANGUAGE) ?? written;
      if (!source || !written) return;
      if (written !== source && !samePrices(source, written)) {
        const path = firstPriceDifference(source, written) ?? 'feeItems';
        throw fieldError(path, say(requestLanguage(strapi), PRICES_IN_DEFAULT_LOCALE));
      }
      await aligning.run(true, async () => {
        for (const draft of drafts) {
          if (draft === source || samePrices(source, draft)) continue;
          await strapi.documents(UID.treatment).update({ documentId, locale: draft.locale, data: alignPrices(source, draft) } as any);
        }
      });
    },

    /**
     * After `locale` was published: every other published locale shows the default locale's
     * published prices. Rows of the same items are re-priced in place (that locale's unpublished
     * text edits stay drafts); when items were added or removed, that locale's draft — re-priced
     * already — is published. Either way the price history gets its row for that locale.
     */
    async alignPublished(documentId: string, locale: string) {
      await this.alignDrafts(documentId, locale);
      const published = await versions(documentId, 'published');
      const source = published.find((p) => p.locale === DEFAULT_LANGUAGE) ?? published.find((p) => p.locale === locale);
      if (!source) return;
      const history = getService(strapi, 'price-history');
      await aligning.run(true, async () => {
        for (const other of published) {
          if (other === source || samePrices(source, other)) continue;
          if (sameItems(source, other)) {
            for (const [i, row] of (other.feeItems ?? []).entries()) {
              await strapi.db.query(FEE_ITEM as any).update({ where: { id: row.id }, data: priceFieldsOf(source.feeItems[i], 'fee') });
            }
            for (const [i, row] of (other.coursePackages ?? []).entries()) {
              await strapi.db.query(COURSE_PACKAGE as any).update({ where: { id: row.id }, data: priceFieldsOf(source.coursePackages[i], 'package') });
            }
            const after = await strapi.documents(UID.treatment).findOne({ documentId, locale: other.locale, status: 'published', populate: PRICE_POPULATE } as any);
            await history.record({ action: 'published', locale: other.locale, documentId, name: other.name, before: other, after });
          } else {
            // through the middleware: the claim check and the history row apply as for any publish
            await strapi.documents(UID.treatment).publish({ documentId, locale: other.locale } as any);
          }
        }
      });
    },

    /** Brings every treatment in line (at start-up: data written before prices were aligned). */
    async alignAll() {
      const docs = (await strapi.documents(UID.treatment).findMany({ locale: DEFAULT_LANGUAGE, status: 'draft', fields: ['documentId'] } as any)) as any[];
      for (const doc of docs) {
        await strapi.db.transaction(async () => {
          await this.alignDrafts(doc.documentId, DEFAULT_LANGUAGE);
          await this.alignPublished(doc.documentId, DEFAULT_LANGUAGE);
        });
      }
      getService(strapi, 'price-table').invalidate();
    },
  };
};
