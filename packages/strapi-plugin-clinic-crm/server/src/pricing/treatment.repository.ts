import type { Core } from '@strapi/strapi';
import { UID } from '../core/plugin';
import { priceFieldsOf } from './domain/price-alignment';
import type { FeeItemRow, CoursePackageRow } from './types';

const FEE_ITEM = 'clinic-crm.fee-item';
const COURSE_PACKAGE = 'clinic-crm.course-package';

/** The price-bearing component lists of a treatment, with their component uids. */
export const PRICE_LISTS = [
  { field: 'feeItems', component: FEE_ITEM, kind: 'fee' as const },
  { field: 'coursePackages', component: COURSE_PACKAGE, kind: 'package' as const },
] as const;
export type PriceList = (typeof PRICE_LISTS)[number];
type PriceRow = FeeItemRow | CoursePackageRow;

/**
 * Writes to *published* treatment rows that the document service cannot make: it only writes a
 * published version by publishing the draft, which would publish that locale's unpublished text
 * edits too. Two server-maintained copies are written here instead, inside the catalogue
 * middleware's transaction:
 * - the safety lists (contraindications, ingredients) of the other locales' published rows;
 * - a published row's price components, re-priced from the default locale (rows updated in
 *   place, added, linked and removed the way the document service links a repeatable component).
 */
export const publishedTreatmentRows = (strapi: Core.Strapi) => ({
  /**
   * Copies the published `locale`'s safety lists (contraindications, ingredients) to every other
   * locale's published row. Strapi's i18n sync of non-localized fields compares with an arbitrary
   * row of the document (often the draft that already has the new values) and then skips the
   * published versions: a code added and published in zh-Hant would not reach the English version
   * a consent is rendered from, and the gate would miss it.
   */
  async copySafetyLists(documentId: string, locale: string): Promise<void> {
    const published = { documentId, publishedAt: { $notNull: true } };
    const source = (await strapi.db.query(UID.treatment).findOne({ where: { ...published, locale }, select: ['contraindications', 'ingredients'] })) as {
      contraindications?: unknown;
      ingredients?: unknown;
    } | null;
    if (!source) return;
    await strapi.db.query(UID.treatment).updateMany({
      where: { ...published, locale: { $ne: locale } },
      data: { contraindications: source.contraindications ?? null, ingredients: source.ingredients ?? null },
    });
  },

  /**
   * Writes the aligned rows of one price list of the published row `targetId` (`current`: its rows
   * now): updates rows kept, creates new ones, relinks the list when its items changed and deletes
   * the rows dropped.
   */
  async writePriceList(targetId: number, list: PriceList, aligned: readonly PriceRow[], current: readonly PriceRow[]): Promise<void> {
    const { field, component, kind } = list;
    const components = strapi.db.query(component as Parameters<typeof strapi.db.query>[0]);
    const keep = new Set(aligned.filter((row) => row.id !== undefined).map((row) => row.id));
    const ids: number[] = [];
    for (const row of aligned) {
      if (row.id !== undefined) {
        await components.update({ where: { id: row.id }, data: priceFieldsOf(row, kind) });
        ids.push(row.id);
      } else {
        const { id: _none, ...fields } = row;
        ids.push(Number((await components.create({ data: fields })).id));
      }
    }
    const changedItems = ids.length !== current.length || current.some((row, i) => row.id !== ids[i]);
    if (!changedItems) return;
    // the same link rows the document service writes for a repeatable component
    await strapi.db.query(UID.treatment).update({ where: { id: targetId }, data: { [field]: ids.map((id) => ({ id, __pivot: { field, component_type: component } })) } });
    for (const row of current) if (!keep.has(row.id)) await components.delete({ where: { id: row.id } });
  },
});
