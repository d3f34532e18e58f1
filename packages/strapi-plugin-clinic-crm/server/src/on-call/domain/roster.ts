/**
 * The on-call roster: who is on call for a department at an instant, and the rules a shift must
 * keep (ends after it starts; one primary per department at a time). Pure: the middleware and the
 * paging service read the rows and ask here.
 */
export type ShiftRole = 'primary' | 'backup';

export interface Shift<S = unknown> {
  department: string;
  role: ShiftRole;
  startsAt: Date | string;
  endsAt: Date | string;
  staff: S;
}

const ms = (d: Date | string) => new Date(d).getTime();

/** A shift covers [startsAt, endsAt): the next one may start the minute this one ends. */
export const covers = (s: Pick<Shift, 'startsAt' | 'endsAt'>, at: Date): boolean => ms(s.startsAt) <= at.getTime() && at.getTime() < ms(s.endsAt);

export const overlaps = (a: Pick<Shift, 'startsAt' | 'endsAt'>, b: Pick<Shift, 'startsAt' | 'endsAt'>): boolean => ms(a.startsAt) < ms(b.endsAt) && ms(b.startsAt) < ms(a.endsAt);

/** Who is on call for `department` at `at`: the primary (none when the roster has a gap) and the backups. */
export const onCallAt = <S>(shifts: Array<Shift<S>>, department: string, at: Date): { primary: S | null; backups: S[] } => {
  const now = shifts.filter((s) => s.department === department && covers(s, at));
  return { primary: now.find((s) => s.role === 'primary')?.staff ?? null, backups: now.filter((s) => s.role === 'backup').map((s) => s.staff) };
};

export type ShiftProblem = 'startsRequired' | 'endsRequired' | 'endsBeforeStarts' | 'tooLong';

/** Longest shift accepted: a week (a typo in a year would otherwise block the roster for months). */
export const MAX_SHIFT_HOURS = 24 * 7;

/** The first problem of a shift's times, with the field it belongs to; null when they are fine. */
export const checkShiftTimes = (s: { startsAt?: unknown; endsAt?: unknown }): { path: 'startsAt' | 'endsAt'; problem: ShiftProblem } | null => {
  const starts = s.startsAt ? new Date(s.startsAt as string) : null;
  const ends = s.endsAt ? new Date(s.endsAt as string) : null;
  if (!starts || Number.isNaN(starts.getTime())) return { path: 'startsAt', problem: 'startsRequired' };
  if (!ends || Number.isNaN(ends.getTime())) return { path: 'endsAt', problem: 'endsRequired' };
  if (ends.getTime() <= starts.getTime()) return { path: 'endsAt', problem: 'endsBeforeStarts' };
  if (ends.getTime() - starts.getTime() > MAX_SHIFT_HOURS * 3_600_000) return { path: 'endsAt', problem: 'tooLong' };
  return null;
};
