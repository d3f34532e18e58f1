import type { Core } from '@strapi/strapi';
import { getConfig, UID } from '../core/plugin';
import { addToDate, formatLocalDateTime, fromWallTime, localDate } from '../core/time/time';
import { STAFF_FIELDS } from '../complaints/complaint.repository';
import { onCallAt, overlaps } from './domain/roster';
import type { RosterStaff, ShiftRow } from './types';

export const DEPARTMENTS = ['doctor', 'nurse', 'beautician', 'front_desk', 'management'];
const SHIFT_FIELDS = ['id', 'documentId', 'department', 'role', 'startsAt', 'endsAt', 'note'];

/** Midnight at the start of a clinic-local date. */
const startOfDay = (date: string, timeZone: string) => {
  const [year, month, day] = date.split('-').map(Number);
  return fromWallTime({ year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone);
};

/**
 * The on-call roster (on-call-shift rows, edited by managers in the content manager): who is on
 * call for a department at an instant (the paging service asks), and a week of it for the roster
 * page (days × departments, in the clinic's time zone).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const tz = () => getConfig(strapi).timeZone;

  /** Shifts that overlap [from, to), with their staff member. */
  const between = async (from: Date, to: Date, where: Record<string, unknown> = {}): Promise<ShiftRow[]> =>
    (await strapi.db.query(UID.onCallShift).findMany({
      where: { ...where, startsAt: { $lt: to }, endsAt: { $gt: from } },
      select: SHIFT_FIELDS,
      populate: { staff: { select: [...STAFF_FIELDS, 'isActive'] } },
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      limit: 2000,
    })) as ShiftRow[];

  /** The active primary and backups of a department at `at` (a shift of someone who has left does not count). */
  const onCall = async (department: string, at: Date): Promise<{ primary: RosterStaff | null; backups: RosterStaff[] }> => {
    const shifts = (await between(at, new Date(at.getTime() + 1), { department })).filter((s) => s.staff?.isActive);
    return onCallAt(
      shifts.map((s) => ({ ...s, staff: s.staff as RosterStaff })),
      department,
      at
    );
  };

  /** A week (or `days`) of the roster from a clinic-local date: per day and department, the shifts that touch that day. */
  const week = async (from: string, days = 7, now = new Date()) => {
    const timeZone = tz();
    const dates = Array.from({ length: days }, (_, i) => addToDate(from, { days: i }));
    const bounds = dates.map((d) => ({ date: d, start: startOfDay(d, timeZone), end: startOfDay(addToDate(d, { days: 1 }), timeZone) }));
    const shifts = await between(bounds[0].start, bounds[bounds.length - 1].end);
    const view = (s: ShiftRow) => ({
      documentId: s.documentId,
      role: s.role,
      staffName: s.staff?.fullName ?? '—',
      staffActive: !!s.staff?.isActive,
      startsLocal: formatLocalDateTime(s.startsAt, timeZone),
      endsLocal: formatLocalDateTime(s.endsAt, timeZone),
      note: s.note,
    });
    const cells = Object.fromEntries(
      bounds.map((b) => [
        b.date,
        Object.fromEntries(DEPARTMENTS.map((dep) => [dep, shifts.filter((s) => s.department === dep && overlaps(s, { startsAt: b.start, endsAt: b.end })).map(view)])),
      ])
    );
    return { from, days: dates, today: localDate(now, timeZone), timeZone, departments: DEPARTMENTS, cells, shiftUid: UID.onCallShift };
  };

  return { between, onCall, week };
};
