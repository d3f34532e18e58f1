import type { Core } from '@strapi/strapi';
import { AsyncLocalStorage } from 'node:async_hooks';
import { diffPrices, priceView } from './domain/pricing';
import { UID, currentActor, getService } from '../core/plugin';
import type { TreatmentDoc } from './types';

/** Set while this service writes a row: the only create the price-change middleware lets through. */
export const priceHistoryWrite = new AsyncLocalStorage<true>();

export type PriceAction = 'published' | 'unpublished' | 'deleted';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Records a change to a treatment's published prices (one row per locale and event).
   * A publish that leaves every fee item and package as it was writes nothing.
   */
  async record(input: { action: PriceAction; locale: string; documentId: string; name?: string; before: TreatmentDoc | null; after: TreatmentDoc | null }) {
    const changes = diffPrices(input.before, input.after);
    if (input.action === 'published' && changes.length === 0) return null;
    return strapi.db.transaction(async () => {
      const row = await priceHistoryWrite.run(true, () =>
        strapi.documents(UID.priceChange).create({
          data: {
            treatmentDocumentId: input.documentId,
            treatmentName: input.name ?? input.after?.name ?? input.before?.name ?? null,
            treatmentLocale: input.locale,
            action: input.action,
            changedBy: currentActor(strapi),
            changedAt: new Date().toISOString(),
            before: priceView(input.before),
            after: priceView(input.after),
            changes,
          },
        })
      );
      await getService(strapi, 'ledger').append([{ kind: 'price_change', subjectId: row.id }]);
      return row;
    });
  },

  async list(query: { treatment?: string; locale?: string; page?: number; pageSize?: number }) {
    const page = Math.max(1, Math.trunc(query.page ?? 1));
    const pageSize = Math.min(100, Math.max(1, Math.trunc(query.pageSize ?? 25)));
    const filters: { treatmentDocumentId?: string; treatmentLocale?: string } = {};
    if (query.treatment) filters.treatmentDocumentId = query.treatment;
    if (query.locale) filters.treatmentLocale = query.locale;
    const [results, total] = await Promise.all([
      strapi.documents(UID.priceChange).findMany({ filters, sort: [{ changedAt: 'desc' }, { id: 'desc' }], start: (page - 1) * pageSize, limit: pageSize }),
      strapi.documents(UID.priceChange).count({ filters }),
    ]);
    return { results, pagination: { page, pageSize, total, pageCount: Math.ceil(total / pageSize) } };
  },
});
