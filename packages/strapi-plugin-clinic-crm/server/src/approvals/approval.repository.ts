import type { Core } from '@strapi/strapi';
import { UID } from '../core/plugin';
import type { ApprovalDetails, ApprovalKind, ApprovalRow, ApprovalStatus } from './types';

export const APPROVAL_POPULATE = {
  client: { select: ['documentId', 'clientNumber', 'fullName'] },
  treatment: { select: ['documentId', 'name'] },
  consentRecord: { select: ['documentId', 'signedAt'] },
  complaint: { select: ['documentId', 'referenceNumber'] },
  requestedBy: { select: ['documentId', 'fullName', 'department'] },
  decidedBy: { select: ['documentId', 'fullName', 'department'] },
};

export interface NewApproval {
  referenceNumber: string;
  kind: ApprovalKind;
  details: ApprovalDetails;
  requestedBy: number;
  requestedAt: Date;
  requestReason: string | null;
  expiresAt: Date;
  /** relation links by attribute → row id (client, treatment, consentRecord, complaint) */
  links: Record<string, number>;
}

/**
 * Approval rows are system rows: the request is created by the approvals service, and the decision
 * and the single use are conditional updates (`WHERE approvalStatus = 'pending'`, `WHERE usedAt IS
 * NULL`) so that two people at once cannot both decide or both use one — which the document service
 * cannot express. The only place that writes them.
 */
export const approvalRows = (strapi: Core.Strapi) => {
  const q = () => strapi.db.query(UID.approval);
  return {
    async load(documentId: string): Promise<ApprovalRow | null> {
      return (await q().findOne({ where: { documentId }, populate: APPROVAL_POPULATE })) as ApprovalRow | null;
    },

    async find(where: Record<string, unknown>): Promise<ApprovalRow | null> {
      return (await q().findOne({ where, populate: APPROVAL_POPULATE })) as ApprovalRow | null;
    },

    async list(where: Record<string, unknown>, order: 'asc' | 'desc'): Promise<ApprovalRow[]> {
      return (await q().findMany({ where, populate: APPROVAL_POPULATE, orderBy: { requestedAt: order }, limit: 100 })) as ApprovalRow[];
    },

    async create(input: NewApproval): Promise<{ id: number; documentId: string }> {
      const { links, ...fields } = input;
      const created = await q().create({ data: { ...fields, approvalStatus: 'pending', ...links } });
      return { id: Number(created.id), documentId: String(created.documentId) };
    },

    /** Decides a still-pending approval; false when someone else decided it first. */
    async decide(id: number, decision: { status: Exclude<ApprovalStatus, 'pending'>; decidedBy: number; ip: string | null; note: string | null }): Promise<boolean> {
      const moved = await q().updateMany({
        where: { id, approvalStatus: 'pending' },
        data: { approvalStatus: decision.status, decidedAt: new Date(), decisionIp: decision.ip, decisionNote: decision.note },
      });
      if (moved.count === 0) return false;
      // relations are written by a single-row update (updateMany writes columns only)
      await q().update({ where: { id }, data: { decidedBy: decision.decidedBy } });
      return true;
    },

    /** Marks a single-use approval used by `by`; false when already used. */
    async markUsed(id: number, by: string): Promise<boolean> {
      const r = await q().updateMany({ where: { id, usedAt: { $null: true } }, data: { usedAt: new Date(), usedBy: by } });
      return r.count > 0;
    },
  };
};
