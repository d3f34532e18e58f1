/** Rows the recall feature reads. */

export interface RecallStaff {
  id: number;
  documentId: string;
  fullName: string;
  email?: string | null;
  department: string;
  isActive?: boolean;
  preferredLanguage?: string | null;
  dailyDigest?: boolean | null;
}

/** A treatment record that used the batch, with what the recall shows and needs (never notes or health history). */
export interface RecordRow {
  id: number;
  documentId: string;
  recordNumber: string | null;
  performedAt: string;
  productBatchNumbers: unknown;
  priceSnapshot?: { treatment?: { name?: string } } | null;
  treatment?: { name?: string | null } | null;
  client?: { id: number; documentId: string; clientNumber?: string | null; fullName?: string | null; preferredName?: string | null; phone?: string | null } | null;
  practitioner?: RecallStaff | null;
}

/** What a recall stored of each record it matched (ids and numbers only: names are read when shown). */
export interface StoredMatch {
  record: string;
  recordNumber: string | null;
  client: string | null;
  clientNumber: string | null;
  performedAt: string;
}

/** What a recall stored of each client's check-up: the task, whether this run opened it or found it open. */
export interface StoredTask {
  task: string;
  key: string;
  client: string;
  assignee: string | null;
  created: boolean;
}

export interface RecallRow {
  id: number;
  documentId: string;
  referenceNumber: string;
  batchNumber: string;
  batchKey: string;
  reason: string;
  openedAt: string;
  openedByAccount: string | null;
  matchedRecords: StoredMatch[];
  tasks: StoredTask[];
  recordsMatched: number;
  clientsMatched: number;
  tasksOpened: number;
  complaint?: { documentId: string; referenceNumber?: string | null } | null;
  openedBy?: { documentId: string; fullName?: string | null; department?: string | null } | null;
}

export interface NewRecall {
  referenceNumber: string;
  batchNumber: string;
  batchKey: string;
  reason: string;
  openedAt: Date;
  openedByAccount: string | null;
  matchedRecords: StoredMatch[];
  tasks: StoredTask[];
  recordsMatched: number;
  clientsMatched: number;
  tasksOpened: number;
  /** relation links by attribute → row id */
  links: { complaint?: number | null; openedBy: number };
}
