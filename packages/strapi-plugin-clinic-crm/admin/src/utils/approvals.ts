import { money } from './i18n';

export type ApprovalKind = 'contraindication_override' | 'price_change' | 'refund';
export type ApprovalStatus = 'pending' | 'approved' | 'rejected';

interface Person {
  documentId: string;
  fullName: string;
  department: string;
}

/** An approval as the server returns it (GET /clinic-crm/approvals, /approvals/:documentId). */
export interface Approval {
  documentId: string;
  referenceNumber: string;
  kind: ApprovalKind;
  approvalStatus: ApprovalStatus;
  details: {
    contraindications?: string[];
    quotedTotal?: number;
    requestedTotal?: number;
    refundAmount?: number;
    currency?: string;
  } | null;
  requestReason: string | null;
  requestedAt: string;
  expiresAt: string;
  decidedAt: string | null;
  decisionNote: string | null;
  usedAt: string | null;
  usedBy: string | null;
  client: { documentId: string; clientNumber: string; fullName: string } | null;
  treatment: { documentId: string; name: string } | null;
  consentRecord: { documentId: string; signedAt: string } | null;
  complaint: { documentId: string; referenceNumber: string } | null;
  requestedBy: Person | null;
  decidedBy: Person | null;
}

export const isExpired = (a: Approval) => new Date(a.expiresAt).getTime() < Date.now();

/** An approval the requester can still rely on: approved, unexpired, not used by another record. */
export const isUsable = (a: Approval) => a.approvalStatus === 'approved' && !a.usedAt && !isExpired(a);

/** What is being approved, in one line: the contraindications, quoted → requested total, or the refund. */
export const approvalWhat = (a: Approval, contraLabel: (code: string) => string) => {
  const d = a.details ?? {};
  if (a.kind === 'price_change') return `${money(d.quotedTotal, undefined, d.currency)} → ${money(d.requestedTotal, undefined, d.currency)}`;
  if (a.kind === 'refund') return money(d.refundAmount, undefined, d.currency);
  return (d.contraindications ?? []).map(contraLabel).join('、');
};
