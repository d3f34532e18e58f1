/** A staff member as follow-ups read them (assignee, manager, digest subscriber). */
export interface TaskStaff {
  id: number;
  documentId: string;
  fullName: string;
  email?: string | null;
  department?: string;
  isActive?: boolean;
  preferredLanguage?: string | null;
  dailyDigest?: boolean | null;
}

export type TaskStatus = 'pending' | 'done' | 'cancelled';

/** A follow-up task row (the fields a query selected; relations when populated). */
export interface TaskRow {
  id: number;
  documentId: string;
  idempotencyKey: string;
  step: string;
  stepIndex?: number;
  channel: string;
  purpose: string | null;
  department?: string;
  dueAt: string | Date;
  taskStatus: TaskStatus;
  escalationLevel?: number | null;
  outcome?: string | null;
  completedAt?: string | Date | null;
  assignee?: TaskStaff | null;
  treatmentRecord?: { documentId: string; priceSnapshot?: PriceSnapshot | null; client?: TaskClient | null } | null;
}

export interface TaskClient {
  fullName?: string | null;
  preferredName?: string | null;
  phone?: string | null;
  email?: string | null;
  documentId?: string;
}

export interface PriceSnapshot {
  treatment?: { name?: string };
}

/** A treatment record as the follow-up e-mails show it. */
export interface TaskRecord {
  id?: number;
  documentId?: string;
  recordNumber?: string;
  performedAt: string | Date;
  priceSnapshot?: PriceSnapshot | null;
  client?: TaskClient | null;
  treatment?: { documentId?: string } | null;
  practitioner?: TaskStaff | null;
}

/** A new task: its columns and its links (treatment record or complaint, assignee) by id. */
export interface NewTask {
  idempotencyKey: string;
  step: string;
  stepIndex: number;
  purpose: string;
  channel: string;
  department: string;
  dueAt: Date;
  links: { treatmentRecord?: number | null; complaint?: number | null; assignee?: number | null };
}
