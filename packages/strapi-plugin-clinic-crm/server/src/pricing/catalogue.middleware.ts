import type { Core } from '@strapi/strapi';
import { UID, getService } from '../core/plugin';
import { PRICE_POPULATE } from './pricing.service';
import { DEFAULT_LANGUAGE } from '../core/i18n/locales';
import { assertIngredients, assertKnownContraindications } from '../clients/domain/contraindications';
import { requestLanguage } from '../core/http/language';
import { asValidation } from '../core/http/validation-errors';
import { publishedTreatmentRows } from './treatment.repository';
import { announcePriceTableChange } from './price-table-sync';
import type { ClaimDoc } from './claims.service';
import type { TreatmentDoc } from './types';

type Params = { documentId?: string; locale?: string; status?: string; data?: Record<string, unknown>; fields?: string[]; populate?: Record<string, unknown>; [key: string]: unknown };
type Ctx = { uid: string; action: string; params: Params };
type Next = () => Promise<unknown>;
type CatalogueUid = typeof UID.treatment | typeof UID.sopDocument;
/** A treatment or SOP version as these rules read it. */
type CatalogueDoc = TreatmentDoc & ClaimDoc;

const CATALOGUE = new Set<string>([UID.treatment, UID.sopDocument]);
const isCatalogue = (uid: string): uid is CatalogueUid => CATALOGUE.has(uid);
const WRITES = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone']);
/** Writes after which the written draft sets the price of every other locale's draft. */
const DRAFT_WRITES = new Set(['create', 'update', 'discardDraft']);

/** A treatment's contraindications are known codes and its ingredients a list of names (400 naming the entry). */
const assertSafetyLists = (strapi: Core.Strapi, data: Record<string, unknown> | undefined) => {
  if (!data || typeof data !== 'object') return;
  const language = requestLanguage(strapi);
  asValidation(() => assertKnownContraindications(data.contraindications, language));
  asValidation(() => assertIngredients(data.ingredients, language));
};

/**
 * Drops this instance's price-table cache now and, inside a transaction, once more after it
 * commits; tells the other instances (pg_notify, delivered on commit) unless the write's own
 * transaction already did.
 */
const invalidateAfterCommit = async (strapi: Core.Strapi, announced: boolean) => {
  const priceTable = getService(strapi, 'price-table');
  priceTable.invalidate();
  if (strapi.db.inTransaction()) {
    // nested: joins the transaction in progress
    await strapi.db.transaction(async ({ onCommit }) => {
      onCommit(() => priceTable.invalidate());
      if (!announced) await announcePriceTableChange(strapi);
    });
  } else if (!announced) {
    await announcePriceTableChange(strapi);
  }
};

/**
 * Catalogue rules on every write path (admin panel, REST, services), in one place:
 * - a treatment is saved only with known contraindication codes (domain/contraindications) and a
 *   list of ingredient names, checked before anything is written; publishing checks the drafts too;
 * - publishing is refused when public text makes an advertising claim;
 * - each change to published fee items/packages writes a price-history row, in the same transaction;
 * - one price in every language: after a draft is written or a locale published, the other locales
 *   take its price fields (services/price-alignment), in the same transaction;
 * - the public price-table cache is dropped after any treatment write, and again when the
 *   transaction it ran in commits (the content manager's Publish wraps save + publish in one
 *   transaction: a table built from the old rows in between must not stay cached); the other
 *   instances are told in that same transaction (price-table-sync: pg_notify, delivered on commit).
 * `create`/`update` with `status: 'published'` publish internally without passing through middlewares,
 * so they are split here into a draft write followed by a real `publish` call.
 */
export const catalogueMiddleware = (strapi: Core.Strapi) => async (ctx: Ctx, next: Next) => {
  const { uid, action } = ctx;
  if (!isCatalogue(uid) || !WRITES.has(action)) return next();
  const params = ctx.params ?? {};
  let announced = false;
  /** Inside the write's transaction: the other instances hear of it exactly when it commits. */
  const announce = async () => {
    if (uid !== UID.treatment) return;
    await announcePriceTableChange(strapi);
    announced = true;
  };
  if (uid === UID.treatment && (action === 'create' || action === 'update' || action === 'clone')) assertSafetyLists(strapi, params.data);

  try {
    if ((action === 'create' || action === 'update') && params.status === 'published') {
      const { status, ...draftParams } = params;
      ctx.params = draftParams;
      return await strapi.db.transaction(async () => {
        const draft = (await next()) as { documentId: string; locale?: string } | null;
        if (!draft) return draft;
        await strapi.documents(uid).publish({ documentId: draft.documentId, locale: draft.locale ?? params.locale });
        const read: Record<string, unknown> = { fields: params.fields, populate: params.populate };
        await announce();
        return strapi.documents(uid).findOne({ documentId: draft.documentId, locale: draft.locale ?? params.locale, status: 'published', ...read });
      });
    }

    if (action === 'publish' || action === 'unpublish' || action === 'delete') {
      return await strapi.db.transaction(async () => {
        const lookup = { filters: { documentId: params.documentId }, locale: params.locale, populate: uid === UID.treatment ? PRICE_POPULATE : undefined };
        const published = (await strapi.documents(uid).findMany({ ...lookup, status: 'published' })) as CatalogueDoc[];
        const drafts = action === 'publish' ? ((await strapi.documents(uid).findMany({ ...lookup, status: 'draft' })) as CatalogueDoc[]) : [];

        if (action === 'publish') {
          for (const d of drafts) getService(strapi, 'claims').assertNoClaims(uid, d, d.locale);
          if (uid === UID.treatment) for (const d of drafts) assertSafetyLists(strapi, d);
          if (uid === UID.sopDocument) for (const d of drafts) await getService(strapi, 'sops').beforePublish(d.documentId, d.locale);
        }

        const result = await next();

        if (uid === UID.treatment) {
          const alignment = getService(strapi, 'price-alignment');
          const history = getService(strapi, 'price-history');
          const before = new Map(published.map((p) => [p.locale, p]));
          if (action === 'publish') {
            for (const d of drafts) {
              await history.record({ action: 'published', locale: d.locale, documentId: d.documentId, name: d.name, before: before.get(d.locale) ?? null, after: d });
            }
            // one price in every language: the locale just published sets it for the others
            const source = drafts.find((d) => d.locale === params.locale) ?? drafts.find((d) => d.locale === DEFAULT_LANGUAGE) ?? drafts[0];
            // After a locale is published, the other locales' *published* versions get its safety
            // lists: Strapi's i18n sync of non-localized fields compares with an arbitrary row of the
            // document and may skip them (see treatment.repository)
            if (source) await publishedTreatmentRows(strapi).copySafetyLists(source.documentId, source.locale);
            if (source && !alignment.isAligning()) await alignment.alignPublished(source.documentId, source.locale);
          } else {
            for (const p of published) {
              await history.record({ action: action === 'delete' ? 'deleted' : 'unpublished', locale: p.locale, documentId: p.documentId, name: p.name, before: p, after: null });
            }
          }
        }
        await announce();
        return result;
      });
    }

    if (uid === UID.treatment && DRAFT_WRITES.has(action) && !getService(strapi, 'price-alignment').isAligning()) {
      return await strapi.db.transaction(async () => {
        const draft = (await next()) as { documentId?: string; locale?: string } | null;
        const documentId = draft?.documentId ?? params.documentId;
        const locale = draft?.locale ?? params.locale ?? DEFAULT_LANGUAGE;
        const setsPrices = action !== 'discardDraft' && (params.data?.feeItems !== undefined || params.data?.coursePackages !== undefined);
        if (documentId) await getService(strapi, 'price-alignment').alignDrafts(documentId, locale, setsPrices);
        await announce();
        return draft;
      });
    }

    return await next();
  } finally {
    if (uid === UID.treatment) await invalidateAfterCommit(strapi, announced);
  }
};
