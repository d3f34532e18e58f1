/**
 * The clinic's calendar rows (closures, make-up workdays) folded into the business calendar the SLA
 * clocks use. Pure code.
 */
import { BusinessCalendar, validateCalendar, workdayHours } from '../../core/time/business-time';

export type CalendarDayKind = 'closure' | 'workday';

export interface CalendarDay {
  date: string;
  kind: CalendarDayKind;
  label: string;
  opensAt?: string | null;
  closesAt?: string | null;
}

/** Strapi's time fields read back as HH:MM:SS.mmm; the calendar counts HH:MM. */
const hhmm = (t: string | null | undefined) => (t ? t.slice(0, 5) : null);

export type CalendarDayProblem = 'closureHasHours' | 'bothOrNeither' | 'closesBeforeOpens';

/**
 * Checks one row as written: a workday's hours are both given or both left out (then the usual
 * weekday's hours apply) and end after they start; a closure has no hours. The field and the
 * problem, or null.
 */
export const checkCalendarDay = (day: Partial<CalendarDay>): { path: 'opensAt' | 'closesAt'; problem: CalendarDayProblem } | null => {
  const [opens, closes] = [hhmm(day.opensAt), hhmm(day.closesAt)];
  if (day.kind === 'closure') return opens || closes ? { path: opens ? 'opensAt' : 'closesAt', problem: 'closureHasHours' } : null;
  if (!!opens !== !!closes) return { path: opens ? 'closesAt' : 'opensAt', problem: 'bothOrNeither' };
  if (opens && closes && opens >= closes) return { path: 'closesAt', problem: 'closesBeforeOpens' };
  return null;
};

/** The base calendar with the clinic's closures added to its holidays and its workdays opened. */
export const withClinicDays = (base: BusinessCalendar, days: CalendarDay[]): BusinessCalendar => {
  const closures = days.filter((d) => d.kind === 'closure').map((d) => d.date);
  const standard = workdayHours(base);
  const workdays = Object.fromEntries(
    days
      .filter((d) => d.kind === 'workday')
      .map((d): [string, Array<[string, string]>] => {
        const [opens, closes] = [hhmm(d.opensAt), hhmm(d.closesAt)];
        return [d.date, opens && closes ? [[opens, closes]] : standard];
      })
  );
  return validateCalendar({ ...base, holidays: [...new Set([...(base.holidays ?? []), ...closures])], workdays: { ...(base.workdays ?? {}), ...workdays } });
};
