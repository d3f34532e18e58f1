/**
 * Product-batch recall rules, pure: how a typed batch number compares with the ones on treatment
 * records, and how the records that used a batch become one check-up per client.
 */

/** Dashes staff type for "-" (NFKC already folds the full-width one). */
const DASHES = /[\u2010-\u2015\u2212\u30fc\ufe58\ufe63]/g;

/**
 * The form a batch number is compared in: full-width → half-width (NFKC), dash variants → "-",
 * surrounding space trimmed, inner runs of space as one, upper case. `ｂｔｘ－２０２６－０８１５ `
 * and `BTX-2026-0815` are the same batch; `BTX-2026-08150` is not (exact match, no prefix).
 */
export const normalizeBatch = (value: string): string => value.normalize('NFKC').replace(DASHES, '-').trim().replace(/\s+/g, ' ').toUpperCase();

/** The batch numbers a record lists, however they were stored (a JSON list, or one text with commas). */
export const batchesOf = (stored: unknown): string[] => {
  const items = Array.isArray(stored) ? stored : typeof stored === 'string' ? stored.split(/[,，;；\n]/) : [];
  return items.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number').map(String).filter((v) => v.trim() !== '');
};

/** Whether a record's stored batch numbers include `key` (already normalised). */
export const usesBatch = (stored: unknown, key: string): boolean => key !== '' && batchesOf(stored).some((b) => normalizeBatch(b) === key);

export interface MatchedRecord {
  recordId: number;
  recordDocumentId: string;
  recordNumber: string | null;
  performedAt: string;
  clientId: number | null;
  clientDocumentId: string | null;
  practitioner: { id: number; department: string; isActive: boolean } | null;
}

export interface ClientGroup<R extends MatchedRecord = MatchedRecord> {
  clientDocumentId: string;
  /** every record of this client that used the batch, newest first */
  records: R[];
}

/**
 * One check-up per client, not per record: a client treated twice with the batch gets one call
 * about both treatments (two calls about the same product would only confuse them). Records
 * without a client (erased, or never linked) cannot be followed up and are left out here; the
 * search still lists them. Newest treatment first within a client, clients by their newest one.
 */
export const groupByClient = <R extends MatchedRecord>(records: R[]): ClientGroup<R>[] => {
  const groups = new Map<string, R[]>();
  for (const r of records) {
    if (!r.clientDocumentId) continue;
    const list = groups.get(r.clientDocumentId) ?? [];
    list.push(r);
    groups.set(r.clientDocumentId, list);
  }
  const time = (r: R) => new Date(r.performedAt).getTime();
  return [...groups.entries()]
    .map(([clientDocumentId, list]) => ({ clientDocumentId, records: [...list].sort((a, b) => time(b) - time(a)) }))
    .sort((a, b) => time(b.records[0]) - time(a.records[0]));
};

/** The follow-up task's unique key: one check-up per client and batch, however often the recall is run. */
export const recallTaskKey = (batchKey: string, clientDocumentId: string) => `recall:${batchKey}:${clientDocumentId}`;

/** Who does the check-up: the department that owns it, and the staff member when the practitioner is that person. */
export interface CheckUpOwner {
  department: string;
  /** the practitioner, when still active */
  staffId: number | null;
}

/** The department that calls a client when nobody who treated them is still active. */
export const FALLBACK_DEPARTMENT = 'nurse';

/**
 * As the follow-up ladder assigns a step owned by the practitioner's department: the practitioner of
 * the client's newest record with the batch, while active; otherwise their department's rotation
 * (or the nurses', when the record names no practitioner).
 */
export const checkUpOwner = (group: ClientGroup): CheckUpOwner => {
  const p = group.records[0]?.practitioner;
  if (p?.isActive) return { department: p.department, staffId: p.id };
  return { department: p?.department ?? FALLBACK_DEPARTMENT, staffId: null };
};

/** Picks from a department's active staff by record id, as the ladder rotates (an even spread, no load query). */
export const rotate = <S>(candidates: S[], recordId: number): S | null => (candidates.length ? candidates[recordId % candidates.length] : null);
