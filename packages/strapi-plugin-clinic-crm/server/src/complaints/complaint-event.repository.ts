import type { Core } from '@strapi/strapi';
import { UID } from '../core/plugin';
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
    await strapi.db.query(UID.complaintEvent).create({
      data: { type, actor, occurredAt: now, publishedAt: now, ...extra, complaint: complaintId },
    });
  },
});
