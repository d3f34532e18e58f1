import { clockDeadline, clockMinutesBetween, clockOf } from './sla-clock';
import { DEFAULT_CALENDAR, slaDeadline } from '../../core/time/business-time';
import { publicHolidays } from '../../core/time/public-holidays';
import { DEFAULT_ROUTING_RULES, matchRule } from './routing';

const cal = { ...DEFAULT_CALENDAR, publicHoliday: publicHolidays({ country: 'TW', types: ['public'] }).has };

describe('clock choice', () => {
  it('defaults: high/critical side effects and product reactions page and run round the clock (30 min / 2 h); the rest business time', () => {
    expect(matchRule(DEFAULT_ROUTING_RULES, 'side_effect', 'critical')).toMatchObject({ clock: 'round_the_clock', page: true, firstResponseHours: 0.5 });
    expect(matchRule(DEFAULT_ROUTING_RULES, 'product_reaction', 'high')).toMatchObject({ clock: 'round_the_clock', page: true, firstResponseHours: 2 });
    expect(matchRule(DEFAULT_ROUTING_RULES, 'side_effect', 'medium')).toMatchObject({ clock: 'business', page: false, firstResponseHours: 48 });
    expect(matchRule(DEFAULT_ROUTING_RULES, 'result_below_expectation', 'critical')).toMatchObject({ clock: 'business', page: false, firstResponseHours: 4 });
    expect(matchRule(DEFAULT_ROUTING_RULES, 'privacy', 'critical')).toMatchObject({ clock: 'business', page: false });
  });

  it('a rule without a clock runs on business time', () => {
    expect(clockOf({})).toBe('business');
    expect(clockOf(null)).toBe('business');
    expect(clockOf({ clock: 'business' })).toBe('business');
    expect(clockOf({ clock: 'round_the_clock' })).toBe('round_the_clock');
  });

  it('Saturday 21:30: round the clock is due 30 minutes later, business time on Monday', () => {
    const receivedAt = new Date('2026-12-12T21:30:00+08:00');
    const clock = { receivedAt, pausedMinutes: 0 };
    expect(clockDeadline('round_the_clock', clock, 0.5, cal)).toEqual(new Date('2026-12-12T22:00:00+08:00'));
    const business = clockDeadline('business', clock, 0.5, cal);
    expect(business).toEqual(slaDeadline(clock, 0.5, cal));
    expect(business).toEqual(new Date('2026-12-14T10:30:00+08:00'));
  });

  it('03:00 on New Year’s Day: 2 h round the clock is 05:00 the same night', () => {
    expect(clockDeadline('round_the_clock', { receivedAt: new Date('2027-01-01T03:00:00+08:00'), pausedMinutes: 0 }, 2, cal)).toEqual(new Date('2027-01-01T05:00:00+08:00'));
  });

  it('pauses push a round-the-clock deadline by elapsed minutes', () => {
    const a = new Date('2026-12-12T22:00:00+08:00');
    const b = new Date('2026-12-12T23:15:00+08:00');
    expect(clockMinutesBetween('round_the_clock', a, b, cal)).toBe(75);
    expect(clockMinutesBetween('business', a, b, cal)).toBe(0);
    expect(clockDeadline('round_the_clock', { receivedAt: a, pausedMinutes: 75 }, 1, cal)).toEqual(new Date('2026-12-13T00:15:00+08:00'));
  });
});
