import { parseKeyRing } from '../encryption/field-crypto';
import { canonicalJson, digestOf, GENESIS, seal, verifyEntries, type StoredEntry } from './chain';

const ring = parseKeyRing(`k1:${Buffer.alloc(32, 1).toString('base64')}`);
const chain = (n: number, r = ring): StoredEntry[] => {
  const out: StoredEntry[] = [];
  for (let i = 0; i < n; i += 1) {
    const e = seal(out[i - 1] ?? null, { kind: 'audit', subjectType: 't', subjectId: String(i), payload: { i, at: '2026-11-24T00:00:00.000Z', nested: { b: 2, a: 1 } }, recordedAt: new Date(1_800_000_000_000 + i) }, r);
    out.push({ ...e, id: i + 1 });
  }
  return out;
};

describe('canonical JSON', () => {
  it('is the same text for the same value, whatever the key order, and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: undefined }, null] })).toBe('{"a":[{"d":1},null],"b":1}');
    expect(digestOf({ x: 1, y: 2 })).toBe(digestOf({ y: 2, x: 1 }));
    expect(digestOf({ x: 1 })).not.toBe(digestOf({ x: '1' }));
  });
});

describe('the hash chain', () => {
  it('verifies an untouched chain and starts from the genesis', () => {
    const c = chain(50);
    expect(c[0].prevMac).toBe(GENESIS);
    expect(verifyEntries(c, ring, null)).toEqual({ broken: null, state: { seq: 50, mac: c[49].mac } });
    // in pages: the state carries over
    const first = verifyEntries(c.slice(0, 20), ring, null);
    expect(verifyEntries(c.slice(20), ring, first.state).broken).toBeNull();
  });

  it('names the first broken entry for an edit, a deletion, a reorder, an insertion and an unknown key', () => {
    const edited = chain(10);
    edited[4] = { ...edited[4], subjectId: 'forged' };
    expect(verifyEntries(edited, ring, null).broken).toMatchObject({ seq: 5, problem: 'mac' });
    const content = chain(10);
    content[6] = { ...content[6], payload: { i: 999 } };
    expect(verifyEntries(content, ring, null).broken).toMatchObject({ seq: 7, problem: 'payload' });
    const deleted = chain(10).filter((e) => e.seq !== 3);
    expect(verifyEntries(deleted, ring, null).broken).toMatchObject({ seq: 4, problem: 'sequence' });
    const reordered = chain(10);
    [reordered[2], reordered[3]] = [reordered[3], reordered[2]];
    expect(verifyEntries(reordered, ring, null).broken).toMatchObject({ seq: 4, problem: 'sequence' });
    // renumbered after a swap: the links no longer follow
    const renumbered = reordered.map((e, i) => ({ ...e, seq: i + 1 }));
    expect(verifyEntries(renumbered, ring, null).broken).toMatchObject({ seq: 3, problem: 'previous' });
    const inserted = chain(10);
    const forged = { ...inserted[9], id: 11, seq: 11, prevMac: inserted[9].mac, mac: 'f'.repeat(64) };
    expect(verifyEntries([...inserted, forged], ring, null).broken).toMatchObject({ seq: 11, problem: 'mac' });
    const otherKey = parseKeyRing(`k1:${Buffer.alloc(32, 2).toString('base64')}`);
    expect(verifyEntries(chain(3), otherKey, null).broken).toMatchObject({ seq: 1, problem: 'mac' });
    expect(verifyEntries(chain(3), parseKeyRing(`k9:${Buffer.alloc(32, 1).toString('base64')}`), null).broken).toMatchObject({ seq: 1, problem: 'key' });
  });

  it('verifies across a key rotation while the retired key stays listed', () => {
    const k2 = parseKeyRing(`k2:${Buffer.alloc(32, 5).toString('base64')},k1:${Buffer.alloc(32, 1).toString('base64')}`, 'k2');
    const old = chain(3);
    const next = seal(old[2], { kind: 'audit', subjectType: 't', subjectId: 'x', payload: {}, recordedAt: new Date() }, k2);
    expect(next.keyId).toBe('k2');
    expect(verifyEntries([...old, { ...next, id: 4 }], k2, null).broken).toBeNull();
  });
});
