import { batchesOf, checkUpOwner, groupByClient, normalizeBatch, recallTaskKey, rotate, usesBatch, type MatchedRecord } from './batch';

const rec = (over: Partial<MatchedRecord>): MatchedRecord => ({
  recordId: 1,
  recordDocumentId: 'r1',
  recordNumber: 'TR-1',
  performedAt: '2026-01-01T00:00:00Z',
  clientId: 1,
  clientDocumentId: 'c1',
  practitioner: null,
  ...over,
});

describe('normalizeBatch', () => {
  it.each([
    ['BTX-2026-0815', 'BTX-2026-0815'],
    ['  btx-2026-0815 ', 'BTX-2026-0815'],
    ['ＢＴＸ－２０２６－０８１５', 'BTX-2026-0815'],
    ['ｂｔｘ‐2026—0815', 'BTX-2026-0815'],
    ['lot\u3000 A1', 'LOT A1'],
  ])('%s → %s', (typed, key) => expect(normalizeBatch(typed)).toBe(key));
});

describe('usesBatch', () => {
  it('matches exactly after normalising, never a prefix or part', () => {
    expect(usesBatch(['HA-1', 'btx-2026-0815'], 'BTX-2026-0815')).toBe(true);
    expect(usesBatch(['BTX-2026-08150'], 'BTX-2026-0815')).toBe(false);
    expect(usesBatch(['BTX-2026'], 'BTX-2026-0815')).toBe(false);
    expect(usesBatch('HA-1，ＢＴＸ－２０２６－０８１５', 'BTX-2026-0815')).toBe(true);
    expect(usesBatch(null, 'BTX')).toBe(false);
    expect(usesBatch(['x'], '')).toBe(false);
  });

  it('reads a list or a text, ignoring what is not a batch number', () => {
    expect(batchesOf(['A', 7, null, { a: 1 }, ' '])).toEqual(['A', '7']);
    expect(batchesOf('A, B;C')).toEqual(['A', ' B', 'C']);
    expect(batchesOf(undefined)).toEqual([]);
  });
});

describe('one check-up per client', () => {
  it('groups a client’s records (newest first), leaves out records without a client, newest client first', () => {
    const groups = groupByClient([
      rec({ recordId: 1, recordDocumentId: 'a', clientDocumentId: 'c1', performedAt: '2026-01-01T00:00:00Z' }),
      rec({ recordId: 2, recordDocumentId: 'b', clientDocumentId: 'c2', performedAt: '2026-02-01T00:00:00Z' }),
      rec({ recordId: 3, recordDocumentId: 'c', clientDocumentId: 'c1', performedAt: '2026-03-01T00:00:00Z' }),
      rec({ recordId: 4, recordDocumentId: 'd', clientDocumentId: null }),
    ]);
    expect(groups.map((g) => [g.clientDocumentId, g.records.map((r) => r.recordDocumentId)])).toEqual([
      ['c1', ['c', 'a']],
      ['c2', ['b']],
    ]);
    expect(recallTaskKey('BTX-1', 'c1')).toBe('recall:BTX-1:c1');
  });

  it('goes to the active practitioner of the newest record, else that department’s rotation, else the nurses', () => {
    const g = (practitioner: MatchedRecord['practitioner']) => ({ clientDocumentId: 'c', records: [rec({ practitioner })] });
    expect(checkUpOwner(g({ id: 7, department: 'doctor', isActive: true }))).toEqual({ department: 'doctor', staffId: 7 });
    expect(checkUpOwner(g({ id: 7, department: 'doctor', isActive: false }))).toEqual({ department: 'doctor', staffId: null });
    expect(checkUpOwner(g(null))).toEqual({ department: 'nurse', staffId: null });
    expect(rotate(['a', 'b', 'c'], 4)).toBe('b');
    expect(rotate([], 4)).toBeNull();
  });
});
