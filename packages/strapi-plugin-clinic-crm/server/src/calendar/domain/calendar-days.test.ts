import { addBusinessMinutes, BusinessCalendar, DEFAULT_CALENDAR } from '../../core/time/business-time';
import { fromWallTime } from '../../core/time/time';
import { publicHolidays } from '../../core/time/public-holidays';
import { checkCalendarDay, withClinicDays } from './calendar-days';

const tpe = (date: string, time: string) => {
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  return fromWallTime({ year, month, day, hour, minute, second: 0, millisecond: 0 }, 'Asia/Taipei');
};
const base: BusinessCalendar = { ...DEFAULT_CALENDAR, publicHoliday: publicHolidays({ country: 'TW', types: ['public'] }).has };

describe('the clinic calendar folded into business time', () => {
  it('skips a public holiday from the source: Lunar New Year 2027 without any list in the code', () => {
    // Thu 2027-02-04 19:00, 2 open hours → 1 h that evening, then Lunar New Year (2/5–2/10, with the weekend), so Thu 2/11 11:00
    expect(addBusinessMinutes(tpe('2027-02-04', '19:00'), 120, base)).toEqual(tpe('2027-02-11', '11:00'));
  });

  it("skips the clinic's own closure and opens a make-up workday (補班) with the weekday's hours or its own", () => {
    const cal = withClinicDays(base, [
      { date: '2026-12-01', kind: 'closure', label: '員工旅遊' },
      { date: '2026-12-06', kind: 'workday', label: '補班' }, // a Sunday
      { date: '2026-12-13', kind: 'workday', label: '週日加診', opensAt: '13:00:00.000', closesAt: '15:00:00.000' },
    ]);
    // Mon 2026-11-30 19:00 + 2 h: 1 h Monday, Tuesday closed → Wed 11:00
    expect(addBusinessMinutes(tpe('2026-11-30', '19:00'), 120, cal)).toEqual(tpe('2026-12-02', '11:00'));
    // Sat 2026-12-05 16:00 + 2 h: 1 h Saturday, then the Sunday workday from 10:00 → 11:00
    expect(addBusinessMinutes(tpe('2026-12-05', '16:00'), 120, cal)).toEqual(tpe('2026-12-06', '11:00'));
    // Sat 2026-12-12 16:30 + 1 h: 30 min Saturday, then Sunday 13:00–13:30
    expect(addBusinessMinutes(tpe('2026-12-12', '16:30'), 60, cal)).toEqual(tpe('2026-12-13', '13:30'));
  });

  it('a make-up workday on a public holiday opens it (the clinic decided so)', () => {
    const cal = withClinicDays(base, [{ date: '2026-10-10', kind: 'workday', label: '國慶日照常門診' }]);
    expect(addBusinessMinutes(tpe('2026-10-10', '09:00'), 60, cal)).toEqual(tpe('2026-10-10', '11:00'));
    expect(addBusinessMinutes(tpe('2026-10-10', '09:00'), 60, base)).toEqual(tpe('2026-10-12', '11:00'));
  });

  it('checks a row: hours only on workdays, both or neither, closing after opening', () => {
    expect(checkCalendarDay({ kind: 'closure' })).toBeNull();
    expect(checkCalendarDay({ kind: 'closure', opensAt: '10:00' })).toEqual({ path: 'opensAt', problem: 'closureHasHours' });
    expect(checkCalendarDay({ kind: 'workday' })).toBeNull();
    expect(checkCalendarDay({ kind: 'workday', opensAt: '10:00:00.000' })).toEqual({ path: 'closesAt', problem: 'bothOrNeither' });
    expect(checkCalendarDay({ kind: 'workday', opensAt: '18:00', closesAt: '09:00' })).toEqual({ path: 'closesAt', problem: 'closesBeforeOpens' });
    expect(checkCalendarDay({ kind: 'workday', opensAt: '09:00', closesAt: '18:00' })).toBeNull();
  });
});
