import { businessMinutesBetween, slaDeadline, type BusinessCalendar, type SlaClock } from '../../core/time/business-time';

/**
 * Which clock a routing rule's deadlines run on: `business` counts the clinic's open time (opening
 * hours, holidays, closures), `round_the_clock` counts elapsed time — a critical side effect at
 * 21:30 on a Saturday is due minutes later, not on Monday afternoon.
 */
export type ClockKind = 'business' | 'round_the_clock';
export const CLOCK_KINDS: ClockKind[] = ['business', 'round_the_clock'];

/** A rule's clock; rules written before clocks existed (no value) run on business time. */
export const clockOf = (rule: { clock?: string | null } | null | undefined): ClockKind => (rule?.clock === 'round_the_clock' ? 'round_the_clock' : 'business');

const MINUTE = 60_000;

/** Minutes the clock counts between two instants (paused time, on either clock). */
export const clockMinutesBetween = (kind: ClockKind, a: Date, b: Date, cal: BusinessCalendar): number =>
  kind === 'business' ? businessMinutesBetween(a, b, cal) : Math.max(0, Math.round((b.getTime() - a.getTime()) / MINUTE));

/** The deadline `hours` after receipt on this clock, pushed back by the time spent paused. */
export const clockDeadline = (kind: ClockKind, clock: SlaClock, hours: number, cal: BusinessCalendar, now = new Date()): Date => {
  if (kind === 'business') return slaDeadline(clock, hours, cal, now);
  const running = clock.pausedSince ? clockMinutesBetween(kind, clock.pausedSince, now, cal) : 0;
  return new Date(clock.receivedAt.getTime() + (Math.round(hours * 60) + clock.pausedMinutes + running) * MINUTE);
};
