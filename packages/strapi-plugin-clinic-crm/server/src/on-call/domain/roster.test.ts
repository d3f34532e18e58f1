import { checkShiftTimes, covers, onCallAt, overlaps, type Shift } from './roster';

const at = (iso: string) => new Date(iso);
const shift = (department: string, role: 'primary' | 'backup', startsAt: string, endsAt: string, staff: string): Shift<string> => ({ department, role, startsAt, endsAt, staff });

describe('who is on call at t', () => {
  const roster = [
    shift('doctor', 'primary', '2026-12-12T10:00:00+08:00', '2026-12-13T10:00:00+08:00', 'huang'),
    shift('doctor', 'backup', '2026-12-12T10:00:00+08:00', '2026-12-13T10:00:00+08:00', 'carter'),
    shift('doctor', 'primary', '2026-12-13T10:00:00+08:00', '2026-12-14T10:00:00+08:00', 'carter'),
    shift('management', 'primary', '2026-12-12T00:00:00+08:00', '2026-12-14T00:00:00+08:00', 'wu'),
  ];

  it('finds the primary and backups of a department at a Saturday-evening instant', () => {
    expect(onCallAt(roster, 'doctor', at('2026-12-12T21:30:00+08:00'))).toEqual({ primary: 'huang', backups: ['carter'] });
    expect(onCallAt(roster, 'management', at('2026-12-12T21:30:00+08:00'))).toEqual({ primary: 'wu', backups: [] });
  });

  it('hands over at the boundary: the end is exclusive, the start inclusive', () => {
    expect(onCallAt(roster, 'doctor', at('2026-12-13T10:00:00+08:00'))).toEqual({ primary: 'carter', backups: [] });
    expect(covers(roster[0], at('2026-12-13T09:59:59+08:00'))).toBe(true);
  });

  it('reports a gap in the roster as no primary', () => {
    expect(onCallAt(roster, 'doctor', at('2026-12-14T12:00:00+08:00'))).toEqual({ primary: null, backups: [] });
    expect(onCallAt(roster, 'nurse', at('2026-12-12T21:30:00+08:00')).primary).toBeNull();
  });
});

describe('shift rules', () => {
  it('overlap: touching shifts do not overlap, nested ones do', () => {
    const a = { startsAt: '2026-12-12T10:00:00Z', endsAt: '2026-12-12T20:00:00Z' };
    expect(overlaps(a, { startsAt: '2026-12-12T20:00:00Z', endsAt: '2026-12-13T08:00:00Z' })).toBe(false);
    expect(overlaps(a, { startsAt: '2026-12-12T12:00:00Z', endsAt: '2026-12-12T13:00:00Z' })).toBe(true);
    expect(overlaps(a, { startsAt: '2026-12-12T08:00:00Z', endsAt: '2026-12-12T10:00:01Z' })).toBe(true);
  });

  it('names the field: start missing, end missing, end not after start, longer than a week', () => {
    expect(checkShiftTimes({ endsAt: '2026-12-12T10:00:00Z' })).toEqual({ path: 'startsAt', problem: 'startsRequired' });
    expect(checkShiftTimes({ startsAt: '2026-12-12T10:00:00Z' })).toEqual({ path: 'endsAt', problem: 'endsRequired' });
    expect(checkShiftTimes({ startsAt: '2026-12-12T10:00:00Z', endsAt: '2026-12-12T10:00:00Z' })).toEqual({ path: 'endsAt', problem: 'endsBeforeStarts' });
    expect(checkShiftTimes({ startsAt: '2026-12-12T10:00:00Z', endsAt: '2026-12-20T10:00:00Z' })).toEqual({ path: 'endsAt', problem: 'tooLong' });
    expect(checkShiftTimes({ startsAt: '2026-12-12T10:00:00Z', endsAt: '2026-12-13T10:00:00Z' })).toBeNull();
  });
});
