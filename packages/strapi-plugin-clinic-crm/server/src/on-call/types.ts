import type { StaffRef } from '../complaints/types';
import type { PageLevel } from './domain/paging';

/** A staff member as the roster reads them. */
export interface RosterStaff extends StaffRef {
  isActive: boolean | null;
}

/** An on-call shift row with its staff member. */
export interface ShiftRow {
  id: number;
  documentId: string;
  department: string;
  role: 'primary' | 'backup';
  startsAt: string | Date;
  endsAt: string | Date;
  note: string | null;
  staff: RosterStaff | null;
}

/** One page to one person (the token itself is never stored). */
export interface UrgentPageRow {
  id: number;
  documentId: string;
  idempotencyKey: string;
  level: PageLevel;
  fallback: boolean | null;
  pagedAt: string | Date;
  expiresAt: string | Date;
  usedAt: string | Date | null;
  acknowledgedByAccount: string | null;
  staff?: StaffRef | null;
  acknowledgedBy?: StaffRef | null;
  complaint?: { id: number; documentId: string; referenceNumber: string; severity: string; workflowStatus: string; firstRespondedAt: string | Date | null; receivedAt: string | Date } | null;
}

export interface NewUrgentPage {
  idempotencyKey: string;
  level: PageLevel;
  fallback: boolean;
  tokenHash: string;
  pagedAt: Date;
  expiresAt: Date;
  complaint: number;
  staff: number;
}
