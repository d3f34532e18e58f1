import type { Core } from '@strapi/strapi';
import { UID } from '../core/plugin';
import { insertRows } from '../core/bulk-insert.repository';

export interface AcknowledgementRow {
  ackKey: string;
  sopDocumentId: string;
  version: number;
  acknowledgedAt: string;
  staff?: { documentId: string } | null;
}

/** Acknowledgements are system rows (one per SOP version and staff member, keyed by `ackKey`): written only here. */
export const sopAcknowledgements = (strapi: Core.Strapi) => {
  const q = () => strapi.db.query(UID.sopAcknowledgement);
  return {
    async exists(ackKey: string): Promise<boolean> {
      return Boolean(await q().findOne({ where: { ackKey }, select: ['id'] }));
    },

    async record(ack: { ackKey: string; sopDocumentId: string; sopCode: string; version: number; staffId: number }): Promise<void> {
      const { staffId, ...data } = ack;
      await insertRows(strapi, UID.sopAcknowledgement, [{ data: { ...data, acknowledgedAt: new Date() }, links: { staff: staffId } }]);
    },

    async forVersion(sopDocumentId: string, version: number): Promise<AcknowledgementRow[]> {
      return (await q().findMany({ where: { sopDocumentId, version }, populate: { staff: { select: ['documentId'] } } })) as AcknowledgementRow[];
    },
  };
};
