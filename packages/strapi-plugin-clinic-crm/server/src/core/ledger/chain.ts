/**
 * The evidence ledger: an append-only hash chain. Each entry names what it vouches for (kind,
 * subject, the digest of a canonical payload), commits to the previous entry's MAC, and is
 * authenticated with HMAC-SHA-256 under a server key that is never stored in the database.
 * Editing, deleting, reordering or inserting rows breaks the chain at the first touched entry;
 * rewriting the whole chain needs the key, and the e-mailed daily head (an outside copy) still
 * tells. Only node:crypto; no Strapi.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from '../canonical-json';
import type { KeyRing } from '../encryption/field-crypto';

export { canonicalJson };

export const GENESIS = '0'.repeat(64);

export const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');
export const digestOf = (payload: unknown) => sha256(canonicalJson(payload));

export interface LedgerLink {
  seq: number;
  kind: string;
  subjectType: string;
  subjectId: string;
  digest: string;
  recordedAt: string;
  prevMac: string;
  keyId: string;
}

export interface StoredEntry extends LedgerLink {
  id?: number;
  mac: string;
  payload: unknown;
}

/** The MAC of an entry: every field of the link, in a fixed order, under the key `keyId`. */
export const macOf = (link: LedgerLink, key: Buffer) =>
  createHmac('sha256', key)
    .update(canonicalJson([link.seq, link.kind, link.subjectType, link.subjectId, link.digest, new Date(link.recordedAt).toISOString(), link.prevMac, link.keyId]))
    .digest('hex');

/** The next entry after `previous` (null: the chain is empty), under the ring's active key. */
export const seal = (
  previous: { seq: number; mac: string } | null,
  entry: { kind: string; subjectType: string; subjectId: string; payload: unknown; recordedAt: Date },
  ring: KeyRing
): Omit<StoredEntry, 'id'> => {
  const link: LedgerLink = {
    seq: (previous?.seq ?? 0) + 1,
    kind: entry.kind,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    digest: digestOf(entry.payload),
    recordedAt: entry.recordedAt.toISOString(),
    prevMac: previous?.mac ?? GENESIS,
    keyId: ring.activeKeyId,
  };
  return { ...link, payload: entry.payload, mac: macOf(link, ring.keys.get(ring.activeKeyId)!) };
};

export type BreakKind = 'sequence' | 'previous' | 'key' | 'mac' | 'payload' | 'head';

export interface ChainBreak {
  seq: number | null;
  id: number | null;
  problem: BreakKind;
  message: string;
}

export interface ChainState {
  seq: number;
  mac: string;
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Walks entries in the order they are stored (by seq, then id), starting after `from` (null: the
 * genesis). Returns the first broken link, or null, and the last good state (to continue in pages).
 */
export const verifyEntries = (entries: StoredEntry[], ring: KeyRing, from: ChainState | null): { broken: ChainBreak | null; state: ChainState | null } => {
  let state = from;
  for (const e of entries) {
    const at = { seq: Number(e.seq), id: e.id ?? null };
    const fail = (problem: BreakKind, message: string) => ({ broken: { ...at, problem, message }, state });
    const expectedSeq = (state?.seq ?? 0) + 1;
    if (Number(e.seq) !== expectedSeq) {
      return fail('sequence', Number(e.seq) > expectedSeq ? `entry ${expectedSeq} is missing (deleted?): the chain jumps to ${e.seq}` : `entry ${e.seq} appears where ${expectedSeq} should be (inserted or reordered)`);
    }
    if (!same(String(e.prevMac), state?.mac ?? GENESIS)) return fail('previous', `entry ${e.seq} does not follow entry ${expectedSeq - 1} (rows reordered, replaced or inserted)`);
    const key = ring.keys.get(String(e.keyId));
    if (!key) return fail('key', `entry ${e.seq} is sealed with key "${e.keyId}", which is not configured (CLINIC_CRM_LEDGER_KEYS)`);
    const link: LedgerLink = { seq: Number(e.seq), kind: e.kind, subjectType: e.subjectType, subjectId: e.subjectId, digest: e.digest, recordedAt: e.recordedAt, prevMac: e.prevMac, keyId: e.keyId };
    if (!same(String(e.mac), macOf(link, key))) return fail('mac', `entry ${e.seq} was changed after it was sealed (its MAC does not match)`);
    if (digestOf(e.payload) !== e.digest) return fail('payload', `entry ${e.seq}'s content was changed after it was sealed (digest mismatch)`);
    state = { seq: Number(e.seq), mac: String(e.mac) };
  }
  return { broken: null, state };
};
