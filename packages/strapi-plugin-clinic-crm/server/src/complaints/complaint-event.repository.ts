import type { Core } from '@strapi/strapi';
import { UID } from '../core/plugin';
import { linkTableOf, type LinkTable } from '../core/db-meta';
import type { ComplaintEventType } from './types';

export interface ComplaintEventExtra {
  fromStatus?: string | null;
  toStatus?: string | null;
  note?: string | null;
}

/**
 * The complaint timeline: the only writer of complaint-event rows (the complaint middleware's
 * "received" entry and every service step). Events are system rows: appended, never edited.
 */
export const complaintEvents = (strapi: Core.Strapi) => ({
  /** Appends one entry to a complaint's timeline, in the caller's transaction. */
  async append(complaintId: number, type: ComplaintEventType, actor: string, extra: ComplaintEventExtra = {}): Promise<void> {
    const now = new Date();
    // the row, then its link with the next position in the complaint's timeline: two statements,
    // where the query engine's create reads the position and the row back (four)
    const { ids } = await strapi.db.query(UID.complaintEvent).createMany({ data: [{ type, actor, occurredAt: now, publishedAt: now, createdAt: now, updatedAt: now, ...extra }] });
    const lnk = linkTableOf(strapi, UID.complaintEvent, 'complaint') as LinkTable & { inverseOrderColumnName?: string };
    const ord = lnk.inverseOrderColumnName;
    await strapi.db.transaction(async ({ trx }) => {
      await trx(lnk.name).insert({
        [lnk.joinColumn.name]: Number(ids[0]),
        [lnk.inverseJoinColumn.name]: complaintId,
        ...(ord ? { [ord]: trx.raw(`(select coalesce(max(??), 0) + 1 from ?? where ?? = ?)`, [ord, lnk.name, lnk.inverseJoinColumn.name, complaintId]) } : {}),
      });
    });
  },
});
