import type { Core } from '@strapi/strapi';
import { UID } from '../core/plugin';
import type { ConsentRecordRow } from './types';

/**
 * Consent records are created through the document service (consent middleware: prepared,
 * hashed, sealed); after that they are immutable there — the middleware refuses every update.
 * Their status (`valid` → `superseded`) and `supersedes` link are system-maintained columns, so
 * they are written here, by the query engine, and nowhere else.
 */
export const consentRecordRows = (strapi: Core.Strapi) => {
  const q = () => strapi.db.query(UID.consentRecord);
  return {
    async findOne(where: Record<string, unknown>, opts: { populate?: Record<string, unknown>; select?: string[]; orderBy?: Record<string, 'asc' | 'desc'> } = {}): Promise<ConsentRecordRow | null> {
      return (await q().findOne({ where, ...opts })) as ConsentRecordRow | null;
    },

    /**
     * The new consent `documentId` supersedes the client's earlier valid ones for this treatment:
     * they become `superseded`, and the new one links the latest of them.
     */
    async supersedeEarlier(documentId: string, clientDocumentId: string, treatmentDocumentId: string): Promise<void> {
      const row = (await q().findOne({ where: { documentId }, select: ['id'] })) as { id: number };
      const earlier = (await q().findMany({
        where: { id: { $ne: row.id }, consentStatus: 'valid', client: { documentId: clientDocumentId }, treatment: { documentId: treatmentDocumentId } },
        select: ['id'],
      })) as Array<{ id: number }>;
      if (earlier.length === 0) return;
      await q().updateMany({ where: { id: { $in: earlier.map((e) => e.id) } }, data: { consentStatus: 'superseded' } });
      await q().update({ where: { id: row.id }, data: { supersedes: earlier[earlier.length - 1].id } });
    },
  };
};
