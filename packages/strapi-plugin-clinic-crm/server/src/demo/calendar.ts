import type { CalendarDay } from '../calendar/domain/calendar-days';

/**
 * The demo clinic's own calendar rows. Public holidays come from date-holidays (Taiwan); the days
 * Taiwan's 2025 holiday amendment added (Labour Day for everyone, Teachers' Day, Retrocession Day,
 * Constitution Day) and some observed days are not in date-holidays 3.37 yet, so the clinic enters
 * them here, as any clinic would; plus one extra opening before Lunar New Year.
 */
export const DEMO_CALENDAR: CalendarDay[] = [
  { date: '2026-02-15', kind: 'workday', label: '春節前加診（週日）', opensAt: '10:00:00.000', closesAt: '17:00:00.000' },
  { date: '2026-02-27', kind: 'closure', label: '和平紀念日補假' },
  { date: '2026-04-03', kind: 'closure', label: '兒童節補假' },
  { date: '2026-05-01', kind: 'closure', label: '勞動節' },
  { date: '2026-09-28', kind: 'closure', label: '教師節（孔子誕辰紀念日）' },
  { date: '2026-10-26', kind: 'closure', label: '臺灣光復節補假' },
  { date: '2026-12-25', kind: 'closure', label: '行憲紀念日' },
  { date: '2027-04-06', kind: 'closure', label: '清明節補假' },
  { date: '2027-04-30', kind: 'closure', label: '勞動節補假' },
  { date: '2027-09-28', kind: 'closure', label: '教師節（孔子誕辰紀念日）' },
  { date: '2027-10-25', kind: 'closure', label: '臺灣光復節' },
  { date: '2027-12-24', kind: 'closure', label: '行憲紀念日補假' },
];
