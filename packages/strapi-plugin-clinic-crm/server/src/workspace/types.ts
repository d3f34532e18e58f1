/** Rows the workspace views read (as the query engine returns them, after the permission checker's sanitizing). */
type When = string | null;

export interface StaffSummary {
  documentId: string;
  fullName: string;
  department: string;
}

export interface TimelineConsentRow {
  documentId: string;
  signedAt: When;
  templateKey?: string | null;
  templateVersion?: number | null;
  consentStatus?: string | null;
  signerName?: string | null;
  language?: string | null;
  treatment?: NamedTreatment | NamedTreatment[] | null;
  witness?: StaffSummary | null;
}

export interface NamedTreatment {
  name?: string | null;
}

export interface TimelineRecordRow {
  documentId: string;
  recordNumber: string;
  performedAt: When;
  treatment?: NamedTreatment | NamedTreatment[] | null;
  practitioner?: StaffSummary | null;
  priceSnapshot?: { total?: number | null; currency?: string | null } | null;
  notes?: string | null;
  contraindicationOverride?: unknown;
}

export interface TaskRow {
  documentId: string;
  step: string;
  purpose?: string | null;
  channel?: string | null;
  taskStatus: string;
  dueAt: string;
  completedAt?: When;
  outcome?: string | null;
  outcomeNotes?: string | null;
  escalationLevel?: number | null;
  assignee?: StaffSummary | null;
  treatmentRecord?: { documentId: string; recordNumber: string; client?: Record<string, unknown> | null } | null;
}

export interface ComplaintEventRow {
  type: string;
  occurredAt: When;
  fromStatus?: string | null;
  toStatus?: string | null;
  actor?: string | null;
}

export interface ComplaintRow {
  id: number;
  documentId: string;
  referenceNumber: string;
  category: string;
  severity: string;
  department?: string | null;
  channel?: string | null;
  workflowStatus: string;
  receivedAt: When;
  breached: boolean;
  pausedSince?: When;
  firstResponseDueAt?: When;
  firstRespondedAt?: When;
  resolutionDueAt?: When;
  resolvedAt?: When;
  satisfactionScore?: number | null;
  contactName?: string | null;
  assignee?: { fullName: string } | null;
  routingRule?: { warningHours?: number | null } | null;
  events?: ComplaintEventRow[] | null;
}

export interface DeviceDueRow {
  documentId: string;
  name: string;
  serialNumber: string;
  location?: string | null;
  nextMaintenanceDue: string | Date;
}
