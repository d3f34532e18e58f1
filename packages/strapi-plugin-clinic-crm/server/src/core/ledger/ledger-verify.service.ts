import type { Core } from '@strapi/strapi';
import { digestOf, verifyEntries, type ChainBreak, type ChainState, type StoredEntry } from './chain';
import { consentHash } from '../../consent/domain/consent';
import { EVIDENCE, type EvidenceKind } from './evidence-payloads';
import { getService } from '../plugin';
import { ledgerEntries } from './ledger-entry.repository';
import type { StoredRow } from './evidence-payloads';

/** The content hash a consent entry sealed. */
const contentHashOf = (payload: unknown): string | undefined => {
  const hash = payload && typeof payload === 'object' ? (payload as { contentHash?: unknown }).contentHash : undefined;
  return typeof hash === 'string' ? hash : undefined;
};

const PAGE = 5000;

/** What the chain walk keeps of each entry for the row comparison. */
interface Sealed {
  seq: number;
  subjectId: string;
  digest: string;
  contentHash?: string;
}
/** Consent texts purged when the retention period ended (privacy.purgeMedical): audited, not tampering. */
const PURGED = '[已依保存期限刪除';

export interface RowFinding {
  seq: number;
  kind: string;
  subjectId: string;
  message: string;
}

export interface LedgerReport {
  ok: boolean;
  entries: number;
  head: { seq: number; mac: string; recordedAt: string } | null;
  firstBroken: ChainBreak | null;
  /** Sealed rows that are no longer what was sealed (edited by SQL), or gone. */
  changedRows: RowFinding[];
  /** Evidence rows the ledger never sealed (inserted by SQL, around the application). */
  unsealedRows: Array<{ kind: string; subjectId: string }>;
  /** --expect seq:mac (a head from an e-mail): whether the chain still holds it. */
  expectedHead: { seq: number; mac: string; found: boolean } | null;
  checkedAt: string;
  ms: number;
}

/**
 * Verifies the evidence ledger: (1) the chain — every entry in order, each committing to the one
 * before, each MAC valid under a configured key, each payload matching its digest — reporting the
 * first broken link; (2) optionally (`rows`) the evidence itself — each sealed consent, quote,
 * price change, approval and audit event compared with the row as stored now, and evidence rows
 * that were never sealed; (3) optionally a head from outside (the managers' daily e-mail).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async verify(opts: { rows?: boolean; expect?: { seq: number; mac: string } | null } = {}): Promise<LedgerReport> {
    const started = Date.now();
    const ring = getService(strapi, 'ledger').ring();
    let state: ChainState | null = null;
    let firstBroken: ChainBreak | null = null;
    let entries = 0;
    let lastId = 0;
    let expectFound = false;
    const sealed = new Map<string, Sealed[]>();
    // pages in stored order (id), the order rows were appended; a reordered seq shows as a break
    for (;;) {
      const rows = await ledgerEntries(strapi).readAfter(lastId, PAGE);
      if (rows.length === 0) break;
      lastId = rows[rows.length - 1].id;
      entries += rows.length;
      const page: StoredEntry[] = rows.map((r) => ({
        id: Number(r.id),
        seq: Number(r.seq),
        kind: r.kind,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        digest: r.digest,
        payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
        recordedAt: new Date(typeof r.recorded_at === 'string' && /^\d+$/.test(r.recorded_at) ? Number(r.recorded_at) : r.recorded_at).toISOString(),
        prevMac: r.prev_mac,
        mac: r.mac,
        keyId: r.key_id,
      }));
      if (!firstBroken) {
        const result = verifyEntries(page, ring, state);
        firstBroken = result.broken;
        state = result.state;
      }
      for (const e of page) {
        if (opts.expect && e.seq === opts.expect.seq && e.mac === opts.expect.mac) expectFound = true;
        if (opts.rows) {
          const list = sealed.get(e.kind) ?? [];
          list.push({ seq: e.seq, subjectId: e.subjectId, digest: e.digest, contentHash: contentHashOf(e.payload) });
          sealed.set(e.kind, list);
        }
      }
    }
    const changedRows: RowFinding[] = [];
    const unsealedRows: Array<{ kind: string; subjectId: string }> = [];
    if (opts.rows) await compareRows(strapi, sealed, changedRows, unsealedRows);
    const head = await getService(strapi, 'ledger').head();
    return {
      ok: !firstBroken && changedRows.length === 0 && unsealedRows.length === 0 && (!opts.expect || expectFound),
      entries,
      head: head ? { seq: Number(head.seq), mac: head.mac, recordedAt: new Date(head.recordedAt).toISOString() } : null,
      firstBroken,
      changedRows,
      unsealedRows,
      expectedHead: opts.expect ? { ...opts.expect, found: expectFound } : null,
      checkedAt: new Date().toISOString(),
      ms: Date.now() - started,
    };
  },
});

/** Every sealed subject compared with its row now; every evidence row without an entry. */
const compareRows = async (
  strapi: Core.Strapi,
  sealed: Map<string, Sealed[]>,
  changed: RowFinding[],
  unsealed: Array<{ kind: string; subjectId: string }>
) => {
  for (const kind of Object.keys(EVIDENCE) as EvidenceKind[]) {
    const spec = EVIDENCE[kind];
    const list = sealed.get(kind) ?? [];
    const where = kind === 'approval_decision' ? { approvalStatus: { $in: ['approved', 'rejected'] } } : {};
    const rows: StoredRow[] = await strapi.db.query(spec.uid).findMany({ where, ...(spec.populate ? { populate: spec.populate } : {}) });
    const byKey = new Map(rows.map((r) => [String(r[spec.by]), r]));
    const seen = new Set<string>();
    for (const s of list) {
      seen.add(s.subjectId);
      const row = byKey.get(s.subjectId);
      if (!row) {
        changed.push({ seq: s.seq, kind, subjectId: s.subjectId, message: `the ${kind.replace('_', ' ')} sealed in entry ${s.seq} is gone from the database` });
        continue;
      }
      if (kind === 'consent' && typeof row.renderedText === 'string' && row.renderedText.startsWith(PURGED) && row.consentStatus === 'withdrawn') {
        // the text was purged when its retention ended; the hash sealed before still stands for it
        if (row.contentHash !== s.contentHash) changed.push({ seq: s.seq, kind, subjectId: s.subjectId, message: `consent ${s.subjectId}: its stored hash is not the sealed one` });
        continue;
      }
      if (digestOf(spec.payload(row)) !== s.digest) {
        changed.push({ seq: s.seq, kind, subjectId: s.subjectId, message: `${kind.replace('_', ' ')} ${s.subjectId} was changed after entry ${s.seq} sealed it` });
        continue;
      }
      if (kind === 'consent') {
        // the sealed hash must still be the hash of the stored text, quote and signature (the row is
        // loaded with the relations the hash covers)
        const consent = getService(strapi, 'consent');
        // the row was read with the relations the hash covers (the spec's populate)
        if (consentHash(consent.content(row as Parameters<typeof consent.content>[0])) !== s.contentHash) changed.push({ seq: s.seq, kind, subjectId: s.subjectId, message: `consent ${s.subjectId}: its text, quote or signature no longer match the hash sealed in entry ${s.seq}` });
      }
    }
    for (const key of byKey.keys()) if (!seen.has(key)) unsealed.push({ kind, subjectId: key });
  }
};
