/**
 * What the ledger seals for each kind of evidence: a canonical payload built from the stored row.
 * The same builders run when an entry is appended and when `verify-ledger` compares the rows as
 * they are now with what was sealed, so any later change to a sealed field shows.
 */
import { canonicalJson, sha256 } from './chain';
import { UID } from '../plugin';

export type EvidenceKind = 'audit' | 'consent' | 'quote' | 'price_change' | 'approval_request' | 'approval_decision' | 'recall';

const iso = (v: unknown) => (v === null || v === undefined || v === '' ? null : new Date(v as string).toISOString());
/** A row as the query engine reads it: attributes by name, relations populated as objects. */
export type StoredRow = Record<string, unknown>;

const doc = (v: unknown): string | null =>
  v && typeof v === 'object' ? (Array.isArray(v) ? doc(v[0]) : (((v as { documentId?: string | null }).documentId ?? null) as string | null)) : typeof v === 'string' ? v : null;
/** The price snapshot's fields (a JSON attribute). */
const snapshot = (r: StoredRow): { total?: unknown; currency?: unknown } | null | undefined => r.priceSnapshot as { total?: unknown; currency?: unknown } | null | undefined;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export const auditPayload = (r: StoredRow) => ({
  id: num(r.id),
  occurredAt: iso(r.occurredAt),
  actor: r.actor ?? null,
  actorType: r.actorType,
  action: r.action,
  targetType: r.targetType,
  targetDocumentId: r.targetDocumentId ?? null,
  targetLabel: r.targetLabel ?? null,
  locale: r.locale ?? null,
  fields: Array.isArray(r.fields) ? r.fields : [],
  ip: r.ip ?? null,
  userAgent: r.userAgent ?? null,
  requestPath: r.requestPath ?? null,
  details: r.details ?? null,
});

/** A signed consent: the hash of everything the client saw and signed (text, quote, signature), with who and when. */
export const consentPayload = (r: StoredRow) => ({
  documentId: r.documentId,
  contentHash: r.contentHash,
  client: doc(r.client),
  treatment: doc(r.treatment),
  templateKey: r.templateKey ?? null,
  templateVersion: num(r.templateVersion),
  language: r.language,
  signedAt: iso(r.signedAt),
  witness: doc(r.witness),
  quote: { total: num(snapshot(r)?.total), currency: snapshot(r)?.currency ?? null, sha256: sha256(canonicalJson(r.priceSnapshot ?? null)) },
});

/** A treatment record's frozen price: what was charged, under which consent and which approval. */
export const quotePayload = (r: StoredRow) => ({
  documentId: r.documentId,
  recordNumber: r.recordNumber ?? null,
  treatment: doc(r.treatment),
  consentRecord: doc(r.consentRecord),
  priceApproval: doc(r.priceApproval),
  recordedBy: doc(r.recordedBy),
  total: num(snapshot(r)?.total),
  currency: snapshot(r)?.currency ?? null,
  priceSnapshotSha256: sha256(canonicalJson(r.priceSnapshot ?? null)),
});

export const priceChangePayload = (r: StoredRow) => ({
  id: num(r.id),
  treatmentDocumentId: r.treatmentDocumentId,
  treatmentLocale: r.treatmentLocale,
  action: r.action,
  changedBy: r.changedBy ?? null,
  changedAt: iso(r.changedAt),
  before: r.before ?? null,
  after: r.after ?? null,
  changes: r.changes ?? null,
});

export const approvalRequestPayload = (r: StoredRow) => ({
  documentId: r.documentId,
  referenceNumber: r.referenceNumber,
  kind: r.kind,
  client: doc(r.client),
  treatment: doc(r.treatment),
  consentRecord: doc(r.consentRecord),
  complaint: doc(r.complaint),
  details: r.details ?? null,
  requestedBy: doc(r.requestedBy),
  requestedAt: iso(r.requestedAt),
  requestReason: r.requestReason ?? null,
});

export const approvalDecisionPayload = (r: StoredRow) => ({
  documentId: r.documentId,
  approvalStatus: r.approvalStatus === 'approved' || r.approvalStatus === 'rejected' ? r.approvalStatus : null,
  decidedBy: doc(r.decidedBy),
  decidedAt: iso(r.decidedAt),
  decisionIp: r.decisionIp ?? null,
  decisionNote: r.decisionNote ?? null,
});

/** A product-batch recall as it was run: the batch, the reason, who ran it and when, what it matched and opened. */
export const recallPayload = (r: StoredRow) => ({
  documentId: r.documentId,
  referenceNumber: r.referenceNumber,
  batchNumber: r.batchNumber,
  batchKey: r.batchKey,
  reason: r.reason,
  complaint: doc(r.complaint),
  openedBy: doc(r.openedBy),
  openedByAccount: r.openedByAccount ?? null,
  openedAt: iso(r.openedAt),
  matchedRecords: r.matchedRecords ?? null,
  tasks: r.tasks ?? null,
});

/** Per kind: the table the subject lives in, how to find it, what to populate, and the payload. */
export const EVIDENCE: Record<EvidenceKind, { uid: string; by: 'id' | 'documentId'; populate?: Record<string, unknown>; payload: (row: StoredRow) => unknown }> = {
  audit: { uid: UID.auditEvent, by: 'id', payload: auditPayload },
  consent: {
    uid: UID.consentRecord,
    by: 'documentId',
    populate: { client: { select: ['documentId'] }, treatment: { select: ['documentId'] }, witness: { select: ['documentId'] } },
    payload: consentPayload,
  },
  quote: {
    uid: UID.treatmentRecord,
    by: 'documentId',
    populate: { treatment: { select: ['documentId'] }, consentRecord: { select: ['documentId'] }, priceApproval: { select: ['documentId'] }, recordedBy: { select: ['documentId'] } },
    payload: quotePayload,
  },
  price_change: { uid: UID.priceChange, by: 'id', payload: priceChangePayload },
  approval_request: {
    uid: UID.approval,
    by: 'documentId',
    populate: { client: { select: ['documentId'] }, treatment: { select: ['documentId'] }, consentRecord: { select: ['documentId'] }, complaint: { select: ['documentId'] }, requestedBy: { select: ['documentId'] } },
    payload: approvalRequestPayload,
  },
  approval_decision: { uid: UID.approval, by: 'documentId', populate: { decidedBy: { select: ['documentId'] } }, payload: approvalDecisionPayload },
  recall: { uid: UID.batchRecall, by: 'documentId', populate: { complaint: { select: ['documentId'] }, openedBy: { select: ['documentId'] } }, payload: recallPayload },
};
