import type { Core } from '@strapi/strapi';
import { priceHistoryWrite } from '../../pricing/price-history.service';
import { UID } from '../plugin';
import type { DocumentMiddlewareFactory } from '../document-middleware';
import { forbiddenField } from '../http/session';


const WRITES = new Set(['create', 'update', 'delete', 'clone', 'publish', 'unpublish', 'discardDraft']);

/**
 * Evidence is written by its own service only, on every path (REST, document service, the content
 * manager, a Super Admin included): price-history rows are created by the price-history service
 * and never changed or deleted; ledger entries, approvals and batch recalls are system rows with no document
 * write at all. Database triggers back this up for the price history and the ledger.
 */
export const evidenceMiddleware: DocumentMiddlewareFactory = (_strapi: Core.Strapi) => async (ctx, next) => {
  if (!WRITES.has(ctx.action)) return next();
  if (ctx.uid === UID.priceChange && !(ctx.action === 'create' && priceHistoryWrite.getStore())) {
    throw forbiddenField('documentId', 'price history is a permanent record: its rows cannot be created, changed or deleted by hand (價格歷史為永久紀錄，不可新增、修改或刪除)');
  }
  if (ctx.uid === UID.ledgerEntry || ctx.uid === UID.approval || ctx.uid === UID.batchRecall) {
    const what = ctx.uid === UID.ledgerEntry ? 'ledger entries are appended by the server' : ctx.uid === UID.approval ? 'approvals are requested and decided through their own screens' : 'batch recalls are run on their own screen and never changed';
    throw forbiddenField('documentId', `${what}; they cannot be written through this API`);
  }
  return next();
};
