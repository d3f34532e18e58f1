import type { Core } from '@strapi/strapi';
import { UID } from '../core/plugin';

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

/**
 * The public form's complaint row: the one complaint write that does not go through the document
 * service (README, *One write path per type*). The public intake is the busiest write of the
 * clinic and the document service spends eight statements on it (relation reloads for publishing,
 * a uniqueness read, a read-back, a re-read after commit for its event) plus its validator; this
 * writes the row with the query engine — whose lifecycles encrypt the description, as on every
 * path — and reads back only its ids. complaints.service.ts `intakePublic()` does in the same
 * transaction what the document middlewares would: the complaint middleware's numbering, timeline
 * and routing (the same `recordReceived`/`route`) and the audit middleware's event, sealed in the
 * evidence ledger. Staff intake (admin, desk, follow-ups) still goes through the document service.
 */
export const complaintIntakeRows = (strapi: Core.Strapi) => ({
  /** Whether a reference number is taken (the document service's uniqueness check, the same read). */
  async referenceTaken(referenceNumber: string): Promise<boolean> {
    return !!(await strapi.db.query(UID.complaint).findOne({ where: { referenceNumber }, select: ['id'] }));
  },

  async create(row: IntakeRow): Promise<{ id: number; documentId: string }> {
    const now = new Date();
    const created = (await strapi.db.query(UID.complaint).create({
      data: { ...row, pausedMinutes: 0, escalationLevel: 0, breached: false, firstResponseBreached: false, resolutionBreached: false, createdAt: now, updatedAt: now, publishedAt: now },
      select: ['id', 'documentId'],
    })) as { id: number; documentId: string };
    return { id: Number(created.id), documentId: created.documentId };
  },
});
