import type { ComplaintStatus } from './domain/complaint-workflow';
import type { RoutingRule } from './domain/routing';

/** A staff member as complaints read them (assignee, recipients of an alert). */
export interface StaffRef {
  id: number;
  documentId: string;
  fullName: string;
  email: string | null;
  department: string;
  preferredLanguage: string | null;
}

/** A routing rule row (hours may come back as strings from some dialects). */
export interface RoutingRuleRow extends Omit<RoutingRule, 'firstResponseHours' | 'resolutionHours' | 'warningHours'> {
  id: number;
  firstResponseHours: number | string;
  resolutionHours: number | string;
  warningHours?: number | string | null;
}

/** A complaint row with the relations the workflow loads. */
export interface ComplaintRow {
  id: number;
  documentId: string;
  referenceNumber: string;
  contactName: string;
  contactPhone: string | null;
  contactEmail: string | null;
  channel: string;
  category: string;
  severity: string;
  department: string | null;
  workflowStatus: ComplaintStatus;
  receivedAt: string | Date;
  firstResponseDueAt: string | Date | null;
  resolutionDueAt: string | Date | null;
  firstRespondedAt: string | Date | null;
  resolvedAt: string | Date | null;
  closedAt: string | Date | null;
  pausedSince: string | Date | null;
  pausedMinutes: number | null;
  escalationLevel: number | null;
  resolutionTypes: string[] | null;
  refundAmount: number | null;
  resolutionNotes: string | null;
  satisfactionScore: number | null;
  assignee?: StaffRef | null;
  routingRule?: RoutingRuleRow | null;
  client?: { id: number; documentId: string; preferredLanguage?: string | null } | null;
  treatmentRecord?: { id: number; documentId: string; priceSnapshot?: { treatment?: { name?: string } } | null } | null;
}

/** The complaint fields the clock job and the workflow write (never edited by hand). */
export type ComplaintChanges = Partial<
  Pick<
    ComplaintRow,
    | 'workflowStatus'
    | 'department'
    | 'firstResponseDueAt'
    | 'resolutionDueAt'
    | 'firstRespondedAt'
    | 'resolvedAt'
    | 'closedAt'
    | 'pausedSince'
    | 'pausedMinutes'
    | 'escalationLevel'
    | 'resolutionTypes'
    | 'refundAmount'
    | 'resolutionNotes'
    | 'satisfactionScore'
  >
> & { assignee?: number | null; routingRule?: number | null; breached?: boolean; firstResponseBreached?: boolean; resolutionBreached?: boolean };

export type ComplaintEventType = 'received' | 'routed' | 'assigned' | 'status_changed' | 'note' | 'escalated' | 'sla_warning' | 'resolution' | 'satisfaction' | 'handed_off' | 'handoff_accepted' | 'paged' | 'acknowledged';
