import { addToDate, fromWallTime, localDate } from '../core/time/time';

export interface DemoShift {
  staffEmail: string;
  department: string;
  role: 'primary' | 'backup';
  startsAt: string;
  endsAt: string;
  note?: string;
}

const at = (date: string, hour: number, timeZone: string) => {
  const [year, month, day] = date.split('-').map(Number);
  return fromWallTime({ year, month, day, hour, minute: 0, second: 0, millisecond: 0 }, timeZone).toISOString();
};

/**
 * The demo clinic's on-call roster for this week and the next three (from Monday, clinic time):
 * the two doctors take 24-hour turns from 08:00, each the other's backup; the manager is on call
 * for management every day (the roster page has something to show; urgent pages have someone).
 */
export const demoOnCallShifts = (now: Date, timeZone: string, weeks = 4): DemoShift[] => {
  const today = localDate(now, timeZone);
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  const monday = addToDate(today, { days: -weekday });
  const doctors = ['doctor.huang@clinic.local', 'doctor.carter@clinic.local'];
  const shifts: DemoShift[] = [];
  for (let i = 0; i < weeks * 7; i += 1) {
    const day = addToDate(monday, { days: i });
    const next = addToDate(day, { days: 1 });
    const [primary, backup] = i % 2 === 0 ? doctors : [doctors[1], doctors[0]];
    shifts.push({ staffEmail: primary, department: 'doctor', role: 'primary', startsAt: at(day, 8, timeZone), endsAt: at(next, 8, timeZone), note: '24 小時值班（手機保持暢通）' });
    shifts.push({ staffEmail: backup, department: 'doctor', role: 'backup', startsAt: at(day, 8, timeZone), endsAt: at(next, 8, timeZone) });
    shifts.push({ staffEmail: 'manager.wu@clinic.local', department: 'management', role: 'primary', startsAt: at(day, 8, timeZone), endsAt: at(next, 8, timeZone) });
  }
  return shifts;
};
