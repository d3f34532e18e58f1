import { dueAt, scheduleFollowUps, DEFAULT_FOLLOW_UP_PLAN, parseStepCode } from './follow-up-ladder';
import { localDate, fromWallTime, toWallTime, formatLocalDateTime } from '../../core/time/time';
import { languageOf } from '../../core/i18n/locales';

const TPE = 'Asia/Taipei';

describe('follow-up ladder', () => {
  // 2026-03-31 15:00 in Taipei (UTC+8) = 07:00Z
  const performedAt = new Date('2026-03-31T07:00:00Z');

  it('computes the default ladder in the clinic time zone', () => {
    const steps = scheduleFollowUps('TR-1', performedAt, null, TPE);
    expect(steps.map((s) => [s.code, s.dueAt.toISOString()])).toEqual([
      ['24h', '2026-04-01T07:00:00.000Z'],
      ['3d', '2026-04-03T07:00:00.000Z'],
      ['1w', '2026-04-07T07:00:00.000Z'],
      ['2w', '2026-04-14T07:00:00.000Z'],
      ['1m', '2026-04-30T07:00:00.000Z'], // 31 March + 1 month clamps to 30 April
      ['3m', '2026-06-30T07:00:00.000Z'],
      ['6m', '2026-09-30T07:00:00.000Z'],
      ['12m', '2027-03-31T07:00:00.000Z'],
    ]);
    expect(steps.map((s) => s.idempotencyKey)).toContain('TR-1:24h');
    expect(steps.map((s) => s.stepIndex)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(DEFAULT_FOLLOW_UP_PLAN).toHaveLength(8);
  });

  it('keeps local wall time across a DST change for day steps, elapsed time for hours', () => {
    const ny = 'America/New_York';
    // 2026-03-07 10:00 EST (UTC-5) -> DST starts 2026-03-08
    const t = fromWallTime({ year: 2026, month: 3, day: 7, hour: 10, minute: 0, second: 0, millisecond: 0 }, ny);
    expect(t.toISOString()).toBe('2026-03-07T15:00:00.000Z');
    expect(dueAt(t, '3d', ny).toISOString()).toBe('2026-03-10T14:00:00.000Z'); // still 10:00 local (EDT)
    expect(dueAt(t, '24h', ny).toISOString()).toBe('2026-03-08T15:00:00.000Z'); // 24 elapsed hours
    expect(toWallTime(dueAt(t, '1w', ny), ny).hour).toBe(10);
  });

  it('sorts custom plans, drops duplicate codes, and refuses bad codes', () => {
    const plan = [
      { code: '2w', purpose: 'b', channel: 'phone' as const, department: 'nurse' as const },
      { code: '48h', purpose: 'a', channel: 'message' as const, department: 'beautician' as const },
      { code: '2w', purpose: 'dup', channel: 'phone' as const, department: 'nurse' as const },
    ];
    expect(scheduleFollowUps('X', performedAt, plan, TPE).map((s) => s.code)).toEqual(['48h', '2w']);
    expect(() => parseStepCode('1y')).toThrow(/24h/);
    expect(() => dueAt(new Date('nope'), '1d', TPE)).toThrow(/performedAt/);
    expect(() => dueAt(performedAt, '1d', 'Mars/Olympus')).toThrow(/time zone/);
  });

  it('formats clinic-local date-times and picks a language', () => {
    expect(formatLocalDateTime(new Date('2026-11-23T17:05:00Z'), TPE)).toBe('2026-11-24 01:05');
    expect(formatLocalDateTime('2026-03-31T07:00:00.000Z', TPE)).toBe('2026-03-31 15:00');
    expect(languageOf({ preferredLanguage: 'en' })).toBe('en');
    expect(languageOf({ preferredLanguage: 'fr' })).toBe('zh-Hant');
    expect(languageOf(null)).toBe('zh-Hant');
  });

  it('gives the clinic-local date', () => {
    expect(localDate(new Date('2026-11-23T17:00:00Z'), TPE)).toBe('2026-11-24');
    expect(localDate(new Date('2026-11-23T15:59:59Z'), TPE)).toBe('2026-11-23');
  });
});
