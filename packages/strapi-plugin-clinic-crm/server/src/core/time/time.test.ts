import { fromWallTime, toWallTime, zoneOffsetMs, type WallTime } from './time';

/** The zone's clocks read straight from Intl, every time: what the remembered hourly offsets must agree with. */
const intlClocks = (instant: Date, timeZone: string): WallTime => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(instant)
      .filter((p) => p.type !== 'literal')
      .map((p) => [p.type, Number(p.value)])
  );
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second, millisecond: instant.getUTCMilliseconds() };
};

const MINUTE = 60_000;

describe('toWallTime', () => {
  // Changes of offset of every shape: a one-hour DST step both ways, a 30-minute DST (Lord Howe),
  // a 45-minute zone, a zone without DST (the clinic's own), and a 19th-century local mean time
  // offset with seconds (Taipei before 1896).
  const windows: Array<[string, string]> = [
    ['America/New_York', '2026-03-08T05:00:00Z'],
    ['America/New_York', '2026-11-01T04:00:00Z'],
    ['Europe/London', '2026-03-29T00:00:00Z'],
    ['Europe/London', '2026-10-25T00:00:00Z'],
    ['Australia/Lord_Howe', '2026-04-04T14:00:00Z'],
    ['Australia/Lord_Howe', '2026-10-03T15:00:00Z'],
    ['Asia/Kathmandu', '2026-06-01T00:00:00Z'],
    ['Asia/Taipei', '2026-12-07T00:00:00Z'],
    ['Asia/Taipei', '1895-12-31T15:00:00Z'],
  ];

  it.each(windows)('%s around %s: every 7 minutes and 13 seconds for a day agrees with Intl, read twice', (timeZone, around) => {
    const from = Date.parse(around) - 12 * 60 * MINUTE;
    for (let pass = 0; pass < 2; pass += 1) {
      for (let t = from; t < from + 24 * 60 * MINUTE; t += 7 * MINUTE + 13_457) {
        const instant = new Date(t);
        expect([instant.toISOString(), toWallTime(instant, timeZone)]).toEqual([instant.toISOString(), intlClocks(instant, timeZone)]);
      }
    }
  });

  it('round-trips through fromWallTime on both sides of a change of offset', () => {
    const wall = (hour: number, minute: number): WallTime => ({ year: 2026, month: 3, day: 8, hour, minute, second: 0, millisecond: 0 });
    expect(fromWallTime(wall(1, 30), 'America/New_York').toISOString()).toBe('2026-03-08T06:30:00.000Z');
    expect(fromWallTime(wall(3, 30), 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(zoneOffsetMs(new Date('2026-03-08T06:59:59Z'), 'America/New_York')).toBe(-5 * 60 * MINUTE);
    expect(zoneOffsetMs(new Date('2026-03-08T07:00:00Z'), 'America/New_York')).toBe(-4 * 60 * MINUTE);
  });

  it('refuses an invalid instant as before', () => {
    expect(() => toWallTime(new Date(Number.NaN), 'Asia/Taipei')).toThrow(RangeError);
  });
});
