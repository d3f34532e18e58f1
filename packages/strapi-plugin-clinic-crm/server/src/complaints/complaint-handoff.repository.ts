import type { Core } from '@strapi/strapi';
import { UID } from '../core/plugin';

const PERSON = { select: ['id', 'documentId', 'fullName', 'department'] };

export interface PersonRef {
  id: number;
  documentId: string;
  fullName: string;
  department: string;
}

/** One hand-off as stored (its staff relations populated). */
export interface HandoffRow {
  id: number;
  documentId: string;
  fromDepartment: string;
  toDepartment: string;
  reason: string;
  handedOffAt: string | Date;
  dueAt: string | Date | null;
  acceptedAt: string | Date | null;
  handedOffByAccount: string | null;
  handedOffBy: PersonRef | null;
  toStaff: PersonRef | null;
  acceptedBy: PersonRef | null;
  complaint?: { id: number; documentId: string } | null;
}

export interface NoteRow {
  id: number;
  documentId: string;
  body: string;
  authorDepartment: string;
  postedAt: string | Date;
  author: PersonRef | null;
}

export interface NewHandoff {
  complaint: number;
  fromDepartment: string;
  toDepartment: string;
  handedOffBy: number;
  handedOffByAccount: string;
  toStaff: number | null;
  reason: string;
  handedOffAt: Date;
  dueAt: Date;
}

/**
 * Complaint hand-offs and coordination notes: system rows, written only here. A hand-off is
 * created once and then only accepted (a conditional UPDATE … WHERE accepted_at IS NULL, so two
 * clicks or two instances accept it once); notes are append-only. The document service is
 * bypassed because these types have no document write path at all (no core routes, hidden from
 * the content manager): the complaint hand-off service is their one writer.
 */
export const complaintHandoffs = (strapi: Core.Strapi) => {
  const handoffs = () => strapi.db.query(UID.complaintHandoff);
  const notes = () => strapi.db.query(UID.complaintNote);
  const populate = { handedOffBy: PERSON, toStaff: PERSON, acceptedBy: PERSON };

  return {
    async create(input: NewHandoff): Promise<HandoffRow> {
      const created = await handoffs().create({ data: { ...input }, populate });
      return created as HandoffRow;
    },

    /** Stops the step's timer: true only for the one call that accepted it. */
    async accept(id: number, staffId: number, at: Date): Promise<boolean> {
      const moved = await handoffs().updateMany({ where: { id, acceptedAt: { $null: true } }, data: { acceptedAt: at } });
      if (Number(moved.count) === 0) return false;
      await handoffs().update({ where: { id }, data: { acceptedBy: staffId } });
      return true;
    },

    async byDocumentId(documentId: string): Promise<HandoffRow | null> {
      return (await handoffs().findOne({ where: { documentId }, populate: { ...populate, complaint: { select: ['id', 'documentId'] } } })) as HandoffRow | null;
    },

    /** A complaint's hand-offs, oldest first. */
    async forComplaint(complaintId: number): Promise<HandoffRow[]> {
      return (await handoffs().findMany({ where: { complaint: { id: complaintId } }, populate, orderBy: [{ handedOffAt: 'asc' }, { id: 'asc' }] })) as HandoffRow[];
    },

    /** The hand-offs of several complaints (the dashboard's open ones), oldest first. */
    async forComplaints(complaintIds: number[]): Promise<HandoffRow[]> {
      if (complaintIds.length === 0) return [];
      return (await handoffs().findMany({
        where: { complaint: { id: { $in: complaintIds } } },
        populate: { ...populate, complaint: { select: ['id', 'documentId'] } },
        orderBy: [{ handedOffAt: 'asc' }, { id: 'asc' }],
      })) as HandoffRow[];
    },

    async appendNote(input: { complaint: number; author: number; authorDepartment: string; body: string; postedAt: Date }): Promise<NoteRow> {
      return (await notes().create({ data: { ...input }, populate: { author: PERSON } })) as NoteRow;
    },

    async notesOf(complaintId: number): Promise<NoteRow[]> {
      return (await notes().findMany({ where: { complaint: { id: complaintId } }, populate: { author: PERSON }, orderBy: [{ postedAt: 'asc' }, { id: 'asc' }] })) as NoteRow[];
    },
  };
};
