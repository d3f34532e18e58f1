import type { Core } from '@strapi/strapi';
import { BusinessCalendar, DEFAULT_CALENDAR } from '../core/time/business-time';
import { publicHolidays, type HolidaySource } from '../core/time/public-holidays';
import { getConfig, UID } from '../core/plugin';
import { CalendarDay, withClinicDays } from './domain/calendar-days';

/** Another instance's edit reaches this one's SLA clocks within this long at the latest. */
export const CALENDAR_REFRESH_MS = 60_000;

/**
 * The business calendar the SLA clocks use: the configured opening hours, public holidays from the
 * holiday source (date-holidays, Taiwan by default), and the clinic's own closures and make-up
 * workdays (calendar-day rows, edited in the admin panel). `current()` is synchronous (SLA
 * arithmetic runs inside requests and jobs): the rows are held in memory, re-read after every edit
 * on this instance (calendar.middleware.ts) and in the background when older than a minute.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let days: CalendarDay[] = [];
  let loadedAt = 0;
  let loading: Promise<void> | null = null;
  let composed: { key: string; calendar: BusinessCalendar } | null = null;
  let source: { key: string; holidays: ReturnType<typeof publicHolidays> } | null = null;

  const holidaysOf = (cfg: HolidaySource) => {
    const key = JSON.stringify(cfg);
    if (source?.key !== key) source = { key, holidays: publicHolidays(cfg) };
    return source.holidays;
  };

  const refresh = (): Promise<void> =>
    (loading ??= (async () => {
      try {
        days = (await strapi.db.query(UID.calendarDay).findMany({ select: ['date', 'kind', 'label', 'opensAt', 'closesAt'], orderBy: { date: 'asc' } })) as CalendarDay[];
        loadedAt = Date.now();
        composed = null;
      } finally {
        loading = null;
      }
    })());

  const current = (): BusinessCalendar => {
    if (Date.now() - loadedAt > CALENDAR_REFRESH_MS && !loading) {
      refresh().catch((e: Error) => strapi.log.warn(`[clinic-crm] clinic calendar not re-read (${e.message}); the last one read stays in use`));
    }
    const cfg = getConfig(strapi);
    const key = JSON.stringify([cfg.holidays, cfg.businessCalendar, cfg.timeZone, loadedAt]);
    if (composed?.key === key) return composed.calendar;
    const base: BusinessCalendar = { ...DEFAULT_CALENDAR, ...(cfg.businessCalendar ?? {}), timeZone: cfg.timeZone, publicHoliday: holidaysOf(cfg.holidays).has };
    composed = { key, calendar: withClinicDays(base, days) };
    return composed.calendar;
  };

  /** A year's days off and extra open days, each with where it comes from (admin calendar page). */
  const year = async (y: number) => {
    await refresh();
    const cfg = getConfig(strapi);
    const inYear = (d: { date: string }) => d.date.startsWith(`${y}-`);
    const clinic = days.filter(inYear);
    const extra = (cfg.businessCalendar?.holidays ?? []).filter((date) => date.startsWith(`${y}-`));
    return {
      year: y,
      source: { country: cfg.holidays.country, state: cfg.holidays.state ?? null, region: cfg.holidays.region ?? null, types: cfg.holidays.types },
      openingHours: current().openingHours,
      publicHolidays: holidaysOf(cfg.holidays).list(y),
      closures: [...clinic.filter((d) => d.kind === 'closure'), ...extra.map((date) => ({ date, kind: 'closure' as const, label: 'config', opensAt: null, closesAt: null }))].sort((a, b) => a.date.localeCompare(b.date)),
      workdays: clinic.filter((d) => d.kind === 'workday'),
    };
  };

  return { refresh, current, year };
};
