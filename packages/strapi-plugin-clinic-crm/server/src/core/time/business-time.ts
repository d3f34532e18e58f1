/**
 * Business-time arithmetic for SLA clocks: opening hours per weekday, public holidays, the clinic's
 * own closures and make-up workdays (補班), and a time zone. Deadlines count only minutes when the
 * clinic is open. Pure code, minute precision.
 */
import { fromWallTime, toWallTime } from './time';

export type Weekday = 'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat';
export const WEEKDAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export interface BusinessCalendar {
  timeZone: string;
  /** e.g. { mon: [['09:00', '12:00'], ['13:00', '18:00']] } — missing or empty days are closed */
  openingHours: Partial<Record<Weekday, Array<[string, string]>>>;
  /** local dates YYYY-MM-DD on which the clinic is closed (its own closures) */
  holidays: string[];
  /** public holidays, from a maintained source (core/time/public-holidays.ts); none when absent */
  publicHoliday?: (date: string) => boolean;
  /** make-up workdays and other extra open days: local date → opening hours; wins over a holiday */
  workdays?: Record<string, Array<[string, string]>>;
}

const MINUTE = 60_000;
const toMinutes = (hhmm: string) => {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new RangeError(`opening hour "${hhmm}" must be HH:MM`);
  return Number(m[1]) * 60 + Number(m[2]);
};

export const validateCalendar = (cal: BusinessCalendar): BusinessCalendar => {
  let open = 0;
  for (const [day, ranges] of Object.entries(cal.openingHours ?? {})) {
    if (!WEEKDAYS.includes(day as Weekday)) throw new RangeError(`unknown weekday "${day}"`);
    for (const [a, b] of ranges ?? []) {
      if (toMinutes(a) >= toMinutes(b)) throw new RangeError(`opening hours ${a}–${b} on ${day} must end after they start`);
      open += toMinutes(b) - toMinutes(a);
    }
  }
  if (open === 0) throw new RangeError('the calendar must be open at least some time each week');
  for (const h of cal.holidays ?? []) if (!/^\d{4}-\d{2}-\d{2}$/.test(h)) throw new RangeError(`holiday "${h}" must be YYYY-MM-DD`);
  for (const [date, ranges] of Object.entries(cal.workdays ?? {})) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`workday "${date}" must be YYYY-MM-DD`);
    for (const [a, b] of ranges) if (toMinutes(a) >= toMinutes(b)) throw new RangeError(`opening hours ${a}–${b} on ${date} must end after they start`);
  }
  return cal;
};

interface Interval {
  start: number; // epoch ms
  end: number;
}

/** The open intervals of the local calendar day containing `dayStartGuess` (UTC ms of local midnight). */
const openIntervalsOfDay = (year: number, month: number, day: number, cal: BusinessCalendar): Interval[] => {
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const extra = cal.workdays?.[date];
  if (!extra && (cal.holidays?.includes(date) || cal.publicHoliday?.(date))) return [];
  const weekday = WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
  return (extra ?? cal.openingHours[weekday] ?? []).map(([a, b]) => {
    const [sa, sb] = [toMinutes(a), toMinutes(b)];
    const at = (mins: number) =>
      fromWallTime({ year, month, day, hour: Math.floor(mins / 60), minute: mins % 60, second: 0, millisecond: 0 }, cal.timeZone).getTime();
    return { start: at(sa), end: at(sb) };
  });
};

/** Walks the open intervals from `from` forward (at most ~3 years), calling `visit` until it returns false. */
const walk = (from: Date, cal: BusinessCalendar, visit: (i: Interval) => boolean) => {
  const w = toWallTime(from, cal.timeZone);
  const cursor = new Date(Date.UTC(w.year, w.month - 1, w.day));
  for (let i = 0; i < 1200; i += 1) {
    const intervals = openIntervalsOfDay(cursor.getUTCFullYear(), cursor.getUTCMonth() + 1, cursor.getUTCDate(), cal);
    for (const iv of intervals) {
      if (iv.end <= from.getTime()) continue;
      if (!visit({ start: Math.max(iv.start, from.getTime()), end: iv.end })) return;
    }
    cursor.setUTCDate(cursor.getUTCDate() + 1);
  }
  throw new RangeError('no open time found within three years: check the calendar');
};

/** The instant when `minutes` of open time have passed after `start`. */
export const addBusinessMinutes = (start: Date, minutes: number, cal: BusinessCalendar): Date => {
  if (!(minutes >= 0)) throw new RangeError('minutes must be ≥ 0');
  let left = minutes * MINUTE;
  let result = start.getTime();
  if (left === 0) {
    // a zero-length SLA is due at the next open moment
    walk(start, cal, (iv) => {
      result = iv.start;
      return false;
    });
    return new Date(result);
  }
  walk(start, cal, (iv) => {
    const span = iv.end - iv.start;
    if (span >= left) {
      result = iv.start + left;
      return false;
    }
    left -= span;
    return true;
  });
  return new Date(result);
};

/** Open minutes between two instants (0 when b ≤ a). */
export const businessMinutesBetween = (a: Date, b: Date, cal: BusinessCalendar): number => {
  if (b.getTime() <= a.getTime()) return 0;
  let total = 0;
  walk(a, cal, (iv) => {
    if (iv.start >= b.getTime()) return false;
    total += Math.min(iv.end, b.getTime()) - iv.start;
    return iv.end < b.getTime();
  });
  return Math.round(total / MINUTE);
};

export interface SlaClock {
  receivedAt: Date;
  /** open minutes during which the clock was paused (waiting on the client), already finished pauses */
  pausedMinutes: number;
  /** a pause still running */
  pausedSince?: Date | null;
}

/**
 * A deadline `slaHours` of business time after receipt, pushed back by the business time spent
 * paused. Reassignment does not touch it (it depends only on receipt and pauses).
 */
export const slaDeadline = (clock: SlaClock, slaHours: number, cal: BusinessCalendar, now = new Date()): Date => {
  const running = clock.pausedSince ? businessMinutesBetween(clock.pausedSince, now, cal) : 0;
  return addBusinessMinutes(clock.receivedAt, Math.round(slaHours * 60) + clock.pausedMinutes + running, cal);
};

/**
 * A Taipei clinic's default opening hours: Mon–Fri 10:00–20:00, Sat 10:00–17:00, Sunday closed.
 * Public holidays come from the holiday source (`holidays` in the plugin's config, Taiwan by
 * default), closures and make-up workdays from the clinic's calendar (calendar/).
 */
export const DEFAULT_CALENDAR: BusinessCalendar = {
  timeZone: 'Asia/Taipei',
  openingHours: {
    mon: [['10:00', '20:00']],
    tue: [['10:00', '20:00']],
    wed: [['10:00', '20:00']],
    thu: [['10:00', '20:00']],
    fri: [['10:00', '20:00']],
    sat: [['10:00', '17:00']],
  },
  holidays: [],
};

/** The hours of a make-up workday without its own: the first weekday's (Monday's, normally). */
export const workdayHours = (cal: Pick<BusinessCalendar, 'openingHours'>): Array<[string, string]> =>
  (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as Weekday[]).map((d) => cal.openingHours[d]).find((r) => r && r.length) ?? [];
