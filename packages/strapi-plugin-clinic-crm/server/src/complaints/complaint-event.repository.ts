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
export const complaintEvents = (strapi: Core.Strapi) => {
  const events = {
    /** Appends one entry to a complaint's timeline, in the caller's transaction. */
    append: (complaintId: number, type: ComplaintEventType, actor: string, extra: ComplaintEventExtra = {}): Promise<void> => events.appendMany(complaintId, actor, [{ type, ...extra }]),

    /**
     * Appends entries to a complaint's timeline in their order, in the caller's transaction: the rows
     * in one INSERT, then their links with the next positions in the timeline in one more (the query
     * engine's create would read each position and each row back).
     */
    async appendMany(complaintId: number, actor: string, entries: Array<{ type: ComplaintEventType } & ComplaintEventExtra>): Promise<void> {
      if (entries.length === 0) return;
      const now = new Date();
      const { ids } = await strapi.db
        .query(UID.complaintEvent)
        .createMany({ data: entries.map((e) => ({ ...e, actor, occurredAt: now, publishedAt: now, createdAt: now, updatedAt: now })) });
      const lnk = linkTableOf(strapi, UID.complaintEvent, 'complaint') as LinkTable & { inverseOrderColumnName?: string };
      const ord = lnk.inverseOrderColumnName;
      await strapi.db.transaction(async ({ trx }) => {
        await trx(lnk.name).insert(
          ids.map((id, i) => ({
            [lnk.joinColumn.name]: Number(id),
            [lnk.inverseJoinColumn.name]: complaintId,
            // every subquery of one INSERT sees the timeline as it was before it: the i-th new entry is max + i + 1
            ...(ord ? { [ord]: trx.raw(`(select coalesce(max(??), 0) + ? from ?? where ?? = ?)`, [ord, i + 1, lnk.name, lnk.inverseJoinColumn.name, complaintId]) } : {}),
          }))
        );
      });
    },
  };
  return events;
};
