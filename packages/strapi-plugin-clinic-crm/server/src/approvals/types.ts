export type ApprovalKind = 'contraindication_override' | 'price_change' | 'refund';
export type ApprovalStatus = 'pending' | 'approved' | 'rejected';

export interface StaffRef {
  id?: number;
  documentId: string;
  fullName?: string | null;
  department?: string | null;
}

/** What an approval is about, computed by the server (never taken from the request). */
export interface ApprovalDetails {
  contraindications?: string[];
  quotedTotal?: number;
  requestedTotal?: number;
  refundAmount?: number;
  currency?: string;
  priceSnapshot?: unknown;
}

/** An approval row as `load` reads it (relations populated). */
export interface ApprovalRow {
  id: number;
  documentId: string;
  referenceNumber: string;
  kind: ApprovalKind;
  approvalStatus: ApprovalStatus;
  details: ApprovalDetails | null;
  requestedAt: string;
  requestReason: string | null;
  expiresAt: string;
  decidedAt: string | null;
  decisionNote: string | null;
  decisionIp: string | null;
  usedAt: string | null;
  usedBy: string | null;
  client?: { documentId: string; clientNumber?: string | null; fullName?: string | null } | null;
  treatment?: { documentId: string; name?: string | null } | null;
  consentRecord?: { documentId: string; signedAt?: string } | null;
  complaint?: { documentId: string; referenceNumber?: string | null } | null;
  requestedBy?: StaffRef | null;
  decidedBy?: StaffRef | null;
}
