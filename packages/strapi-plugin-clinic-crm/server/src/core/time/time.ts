/** Calendar maths in a named IANA time zone with nothing but Intl (no Date-library dependency). */

export interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
};

export const assertTimeZone = (timeZone: string): string => {
  try {
    formatterFor(timeZone);
    return timeZone;
  } catch {
    throw new RangeError(`Unknown time zone "${timeZone}"`);
  }
};

/** The zone's clocks at an instant, read through Intl (the slow path: a formatToParts call). */
const readClocks = (instant: Date, timeZone: string): WallTime => {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
    millisecond: instant.getUTCMilliseconds(),
  };
};

const wallAsUtcMs = (w: WallTime) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond);

const HOUR_MS = 3_600_000;
const exactOffsetMs = (ms: number, timeZone: string) => wallAsUtcMs(readClocks(new Date(ms), timeZone)) - ms;
/** `zone|UTC hour` → the zone's offset throughout that hour (only hours without a change of offset). */
const hourOffsets = new Map<string, number>();

/**
 * Offset of the zone from UTC at an instant, in milliseconds. Business-time deadlines read the
 * clocks hundreds of times per complaint and formatToParts costs microseconds each, so the offset
 * of each UTC hour is remembered once the zone is seen to keep one offset through it (its offset
 * at the hour's start and at the next hour's start agree: no zone changes its offset twice in an
 * hour); an hour with a change is read exactly every time.
 */
export const zoneOffsetMs = (instant: Date, timeZone: string): number => {
  const ms = instant.getTime();
  const hour = Math.floor(ms / HOUR_MS);
  const key = `${timeZone}|${hour}`;
  const known = hourOffsets.get(key);
  if (known !== undefined) return known;
  const start = exactOffsetMs(hour * HOUR_MS, timeZone);
  if (start !== exactOffsetMs((hour + 1) * HOUR_MS, timeZone)) return exactOffsetMs(ms, timeZone);
  if (hourOffsets.size >= 100_000) hourOffsets.clear();
  hourOffsets.set(key, start);
  return start;
};

/** The wall-clock reading of an instant in a time zone. */
export const toWallTime = (instant: Date, timeZone: string): WallTime => {
  const local = new Date(instant.getTime() + zoneOffsetMs(instant, timeZone));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    millisecond: local.getUTCMilliseconds(),
  };
};

/** The instant at which the zone's clocks show `wall` (the earlier one when a DST change repeats it). */
export const fromWallTime = (wall: WallTime, timeZone: string): Date => {
  const guess = wallAsUtcMs(wall);
  const first = guess - zoneOffsetMs(new Date(guess), timeZone);
  const second = guess - zoneOffsetMs(new Date(first), timeZone);
  return new Date(Math.min(first, second));
};

/** "YYYY-MM-DD HH:MM" wall-clock time of an instant in the zone, for emails and printed documents. */
export const formatLocalDateTime = (instant: Date | string, timeZone: string): string => {
  const w = toWallTime(new Date(instant), timeZone);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${p(w.month)}-${p(w.day)} ${p(w.hour)}:${p(w.minute)}`;
};

/** YYYY-MM-DD of the instant in the zone: the clinic's "today". */
export const localDate = (instant: Date, timeZone: string): string => {
  const w = toWallTime(instant, timeZone);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
};

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Adds calendar days/months in the zone, keeping the wall-clock time; month ends clamp (31 Jan + 1 m = 28/29 Feb). */
export const addCalendar = (instant: Date, amount: { days?: number; months?: number }, timeZone: string): Date => {
  const w = toWallTime(instant, timeZone);
  let { year, month, day } = w;
  if (amount.months) {
    const total = year * 12 + (month - 1) + amount.months;
    year = Math.floor(total / 12);
    month = (total % 12) + 1;
    day = Math.min(day, daysInMonth(year, month));
  }
  if (amount.days) {
    const shifted = new Date(Date.UTC(year, month - 1, day + amount.days));
    year = shifted.getUTCFullYear();
    month = shifted.getUTCMonth() + 1;
    day = shifted.getUTCDate();
  }
  return fromWallTime({ ...w, year, month, day }, timeZone);
};

/** Calendar arithmetic on plain dates (YYYY-MM-DD), no time zone involved; month ends clamp (01-31 + 1 m = 02-28/29). */
export const addToDate = (isoDate: string, amount: { days?: number; months?: number }): string => {
  let [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  if (amount.months) {
    const total = y * 12 + (m - 1) + amount.months;
    y = Math.floor(total / 12);
    m = (total % 12) + 1;
    d = Math.min(d, daysInMonth(y, m));
  }
  const shifted = new Date(Date.UTC(y, m - 1, d + (amount.days ?? 0)));
  return shifted.toISOString().slice(0, 10);
};
