import type { Core } from '@strapi/strapi';
import { UID } from '../core/plugin';
import { insertRows } from '../core/bulk-insert.repository';
import { newDocumentId } from '../core/db-meta';

/** A public complaint's row as the intake writes it (validated at the edge: complaint-intake.schema.ts). */
export interface IntakeRow {
  referenceNumber: string;
  receivedAt: string;
  workflowStatus: 'received';
  contactName: string;
  contactPhone: string | null;
  contactEmail: string | null;
  channel: 'website';
  category: string;
  severity: string;
  description: string;
}

/** The routing decided before the row is written (complaint-routing.ts). */
export interface IntakeRouting {
  department: string;
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
}

/**
 * The public form's complaint row: the one complaint write that does not go through the document
 * service (README, *One write path per type*). The public intake is the busiest write of the
 * clinic and the document service spends eight statements on it (relation reloads for publishing,
 * a uniqueness read, a read-back, a re-read after commit for its event) plus its validator; this
 * writes the row already routed, with its links, through the query engine — whose lifecycles
 * encrypt the description, as on every path — and reads nothing back. complaints.service.ts
 * `intake()` does in the same transaction what the document middlewares would: the complaint
 * middleware's numbering, timeline and routing (the same routing decision and announcements) and
 * the audit middleware's event, sealed in the evidence ledger. Staff intake (admin, desk,
 * follow-ups) still goes through the document service.
 */
export const complaintIntakeRows = (strapi: Core.Strapi) => ({
  /** Whether a reference number is taken (the document service's uniqueness check, the same read). */
  async referenceTaken(referenceNumber: string): Promise<boolean> {
    return !!(await strapi.db.query(UID.complaint).findOne({ where: { referenceNumber }, select: ['id'] }));
  },

  /**
   * The row with its routing and links, in one INSERT per table (the query engine's createMany: its
   * lifecycles encrypt the description), with its document id made beforehand (`newDocumentId`), so
   * nothing is read back.
   */
  async create(row: IntakeRow & IntakeRouting, links: { assignee: number | null; routingRule: number }): Promise<{ id: number; documentId: string }> {
    const documentId = newDocumentId(strapi, UID.complaint);
    const [id] = await insertRows(strapi, UID.complaint, [
      {
        data: { ...row, documentId, pausedMinutes: 0, escalationLevel: 0, breached: false, firstResponseBreached: false, resolutionBreached: false },
        links,
      },
    ]);
    return { id, documentId };
  },
});
