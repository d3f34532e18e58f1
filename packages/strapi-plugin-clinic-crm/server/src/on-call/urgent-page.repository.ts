import type { Core } from '@strapi/strapi';
import { UID } from '../core/plugin';
import { insertRows } from '../core/bulk-insert.repository';
import { STAFF_FIELDS } from '../complaints/complaint.repository';
import { OPEN_STATUSES } from '../complaints/domain/complaint-workflow';
import type { PageLevel } from './domain/paging';
import type { NewUrgentPage, UrgentPageRow } from './types';

const COMPLAINT_FIELDS = ['id', 'documentId', 'referenceNumber', 'severity', 'workflowStatus', 'firstRespondedAt', 'receivedAt'];

/**
 * Urgent pages are system rows: written when a page goes out (routing, the paging job) and once
 * more when acknowledged — the only writer of the table. The unique idempotency key
 * (`complaint:<ref>:page:<level>:<staff>`) keeps a level from being paged twice to the same person
 * (also by two instances at once: the second INSERT fails and its transaction rolls back); the
 * acknowledgement is a conditional UPDATE (unused, unexpired) so a double click acknowledges once.
 */
export const urgentPages = (strapi: Core.Strapi) => {
  const q = () => strapi.db.query(UID.urgentPage);
  return {
    async levelPaged(complaintId: number, level: PageLevel): Promise<boolean> {
      return Number(await q().count({ where: { complaint: { id: complaintId }, level } })) > 0;
    },

    async insert(pages: NewUrgentPage[]): Promise<number[]> {
      return insertRows(
        strapi,
        UID.urgentPage,
        pages.map(({ complaint, staff, ...data }) => ({ data, links: { complaint, staff } }))
      );
    },

    async byTokenHash(tokenHash: string): Promise<UrgentPageRow | null> {
      return (await q().findOne({
        where: { tokenHash },
        populate: { staff: { select: STAFF_FIELDS }, complaint: { select: COMPLAINT_FIELDS } },
      })) as UrgentPageRow | null;
    },

    /** The acknowledgement of a complaint's pages, if one was acknowledged. */
    async acknowledgementOf(complaintId: number): Promise<UrgentPageRow | null> {
      return (await q().findOne({
        where: { complaint: { id: complaintId }, usedAt: { $notNull: true } },
        populate: { acknowledgedBy: { select: STAFF_FIELDS } },
      })) as UrgentPageRow | null;
    },

    /** The pages of a complaint, oldest first (timeline, tests). */
    async ofComplaint(complaintId: number): Promise<UrgentPageRow[]> {
      return (await q().findMany({ where: { complaint: { id: complaintId } }, populate: { staff: { select: STAFF_FIELDS } }, orderBy: [{ pagedAt: 'asc' }, { id: 'asc' }] })) as UrgentPageRow[];
    },

    /** First-level pages of open complaints nobody has answered yet: what the paging job looks at. */
    async awaitingAcknowledgement(limit = 500): Promise<UrgentPageRow[]> {
      return (await q().findMany({
        where: { level: 'primary', complaint: { workflowStatus: { $in: OPEN_STATUSES }, firstRespondedAt: { $null: true } } },
        populate: { complaint: { select: COMPLAINT_FIELDS } },
        orderBy: [{ pagedAt: 'asc' }],
        limit,
      })) as UrgentPageRow[];
    },

    /** Single use: true only for the click that marks the unused, unexpired page acknowledged. */
    async use(id: number, now: Date, by: { staffId: number; account: string }): Promise<boolean> {
      const res = await q().updateMany({ where: { id, usedAt: { $null: true }, expiresAt: { $gt: now } }, data: { usedAt: now, acknowledgedByAccount: by.account } });
      if (Number(res.count) !== 1) return false;
      await q().update({ where: { id }, data: { acknowledgedBy: by.staffId } });
      return true;
    },
  };
};
