/** The complaint process from the seed material: receive → investigate → coordinate → propose → execute → follow up → close. */
import { DomainValidationError } from '../../core/errors';

export const STATUSES = [
  'received',
  'investigating',
  'coordinating',
  'resolution_proposed',
  'resolution_executed',
  'follow_up',
  'closed',
  'rejected',
  'duplicate',
] as const;
export type ComplaintStatus = (typeof STATUSES)[number];

export const OPEN_STATUSES: ComplaintStatus[] = ['received', 'investigating', 'coordinating', 'resolution_proposed', 'resolution_executed', 'follow_up'];

const NEXT: Record<ComplaintStatus, ComplaintStatus[]> = {
  received: ['investigating', 'rejected', 'duplicate'],
  investigating: ['coordinating', 'resolution_proposed', 'rejected', 'duplicate'],
  coordinating: ['investigating', 'resolution_proposed', 'rejected', 'duplicate'],
  resolution_proposed: ['resolution_executed', 'coordinating', 'investigating'],
  resolution_executed: ['follow_up'],
  follow_up: ['closed', 'investigating'],
  closed: [],
  rejected: [],
  duplicate: [],
};

/** The statuses a complaint may move to next (none once final). */
export const nextStatuses = (from: string): ComplaintStatus[] => NEXT[from as ComplaintStatus] ?? [];

export const RESOLUTION_TYPES = ['apology', 'free_touch_up', 'refund', 'fee_waiver', 'product_return', 'referral'] as const;
export type ResolutionType = (typeof RESOLUTION_TYPES)[number];

export const MEDICAL_CATEGORIES = ['side_effect', 'product_reaction', 'result_below_expectation'];

export interface TransitionInput {
  from: ComplaintStatus;
  to: string;
  resolutionTypes?: string[] | null; // on the complaint or in this transition
  refundAmount?: number | null;
  refundApprovalThreshold: number;
  approvedByManager: boolean;
  note?: string | null;
}

/** Checks a status change; throws naming the field at fault. */
export const assertTransition = (t: TransitionInput): ComplaintStatus => {
  if (!(STATUSES as readonly string[]).includes(t.to)) throw new DomainValidationError('to', `to must be one of: ${STATUSES.join(', ')}`);
  const to = t.to as ComplaintStatus;
  if (!NEXT[t.from].includes(to)) {
    throw new DomainValidationError('to', `a complaint cannot go from ${t.from} to ${to} (next: ${NEXT[t.from].join(', ') || 'none, it is final'})`);
  }
  const types = t.resolutionTypes ?? [];
  if (to === 'resolution_proposed') {
    if (types.length === 0) throw new DomainValidationError('resolution.types', 'a proposed resolution needs at least one resolution type');
    const bad = types.find((x) => !(RESOLUTION_TYPES as readonly string[]).includes(x));
    if (bad) throw new DomainValidationError('resolution.types', `unknown resolution type "${bad}" (one of ${RESOLUTION_TYPES.join(', ')})`);
    if (types.includes('refund') && !(Number.isSafeInteger(t.refundAmount) && (t.refundAmount as number) > 0)) {
      throw new DomainValidationError('resolution.refundAmount', 'a refund needs a positive whole refundAmount');
    }
  }
  if (to === 'resolution_executed' && (t.refundAmount ?? 0) > t.refundApprovalThreshold && !t.approvedByManager) {
    throw new DomainValidationError('approvedBy', `a refund above ${t.refundApprovalThreshold} must be approved by a manager`);
  }
  if ((to === 'rejected' || to === 'duplicate') && !(t.note && t.note.trim().length >= 5)) {
    throw new DomainValidationError('note', `closing a complaint as ${to} needs a note explaining why`);
  }
  return to;
};
