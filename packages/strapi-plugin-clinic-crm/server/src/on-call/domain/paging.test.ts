import { dueLevels, hashPageToken, immediateLevels, mayAcknowledge, newPageToken } from './paging';

const t0 = new Date('2027-01-01T03:00:00+08:00');
const after = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe('the escalation ladder of an unacknowledged page', () => {
  it('high: primary at once, backup after N minutes, management after a further N', () => {
    const due = (m: number) => dueLevels({ severity: 'high', firstPagedAt: t0, now: after(m), afterMinutes: 10 });
    expect(due(0)).toEqual(['primary']);
    expect(due(9.9)).toEqual(['primary']);
    expect(due(10)).toEqual(['primary', 'backup']);
    expect(due(19)).toEqual(['primary', 'backup']);
    expect(due(20)).toEqual(['primary', 'backup', 'management']);
  });

  it('critical: management is paged at once, the backup still after N', () => {
    expect(immediateLevels('critical')).toEqual(['primary', 'management']);
    expect(immediateLevels('high')).toEqual(['primary']);
    expect(dueLevels({ severity: 'critical', firstPagedAt: t0, now: after(1), afterMinutes: 10 })).toEqual(['primary', 'management']);
    expect(dueLevels({ severity: 'critical', firstPagedAt: t0, now: after(10), afterMinutes: 10 })).toEqual(['primary', 'backup', 'management']);
  });

  it('follows the configured N', () => {
    expect(dueLevels({ severity: 'high', firstPagedAt: t0, now: after(5), afterMinutes: 5 })).toEqual(['primary', 'backup']);
  });
});

describe('acknowledgement', () => {
  it('tokens are random and stored as a SHA-256 hash', () => {
    const a = newPageToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newPageToken()).not.toBe(a);
    expect(hashPageToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashPageToken(a)).toBe(hashPageToken(a));
  });

  it('the paged person, another doctor or a manager may acknowledge; a nurse paged for nobody may not', () => {
    expect(mayAcknowledge({ id: 7, department: 'nurse' }, 7)).toBe(true);
    expect(mayAcknowledge({ id: 8, department: 'doctor' }, 7)).toBe(true);
    expect(mayAcknowledge({ id: 9, department: 'management' }, 7)).toBe(true);
    expect(mayAcknowledge({ id: 10, department: 'nurse' }, 7)).toBe(false);
    expect(mayAcknowledge({ id: 11, department: 'front_desk' }, 7)).toBe(false);
  });
});
