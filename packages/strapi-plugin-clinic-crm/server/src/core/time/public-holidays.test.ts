import { checkHolidaySource, publicHolidays } from './public-holidays';

describe('public holidays from date-holidays', () => {
  const tw = publicHolidays({ country: 'TW', types: ['public'] });

  it("knows Taiwan's Lunar New Year, Dragon Boat and National Day in any year, substitute days included", () => {
    for (const d of ['2026-02-16', '2026-02-17', '2026-06-19', '2026-10-10', '2027-02-08', '2027-06-09', '2027-10-11', '2030-02-04']) expect(tw.has(d)).toBe(true);
    expect(tw.has('2026-11-24')).toBe(false);
    expect(tw.list(2026).find((h) => h.date === '2026-10-10')?.type).toBe('public');
  });

  it('counts only the configured types: an observance closes nothing unless asked', () => {
    expect(tw.has('2026-05-10')).toBe(false); // Mother's Day, an observance
    expect(publicHolidays({ country: 'TW', types: ['public', 'observance'] }).has('2026-05-10')).toBe(true);
  });

  it('follows another country when configured, and none when the country is null', () => {
    expect(publicHolidays({ country: 'HK', types: ['public'] }).has('2026-07-01')).toBe(true);
    expect(publicHolidays({ country: null, types: ['public'] }).has('2026-01-01')).toBe(false);
  });

  it('refuses an unknown country or state with a message naming the key', () => {
    expect(checkHolidaySource({ country: 'TW', types: ['public'] })).toBeNull();
    expect(checkHolidaySource({ country: 'XX', types: ['public'] })).toMatch(/holidays\.country "XX"/);
    expect(checkHolidaySource({ country: 'US', state: 'ZZ', types: ['public'] })).toMatch(/holidays\.state "ZZ"/);
  });
});
