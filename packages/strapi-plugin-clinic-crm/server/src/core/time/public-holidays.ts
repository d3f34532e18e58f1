/**
 * Public holidays from a maintained source (date-holidays: the rules per country, state and region,
 * substitute days included) instead of a hard-coded list of years. Taiwan by default; which holiday
 * types close the clinic is configurable (`public` only by default).
 */
import Holidays from 'date-holidays';

export const HOLIDAY_TYPES = ['public', 'bank', 'optional', 'school', 'observance'] as const;
export type HolidayType = (typeof HOLIDAY_TYPES)[number];

export interface HolidaySource {
  /** ISO 3166-1 country code, e.g. TW, HK, SG, JP; null: no public holidays */
  country: string | null;
  state?: string;
  region?: string;
  types: HolidayType[];
}

export interface PublicHoliday {
  date: string;
  name: string;
  type: HolidayType;
}

const open = (source: HolidaySource): Holidays | null => {
  if (!source.country) return null;
  const options = { types: [...source.types], languages: ['zh', 'en'] };
  // the source is checked at start-up (checkHolidaySource): a country it knows
  return new Holidays(source.country, source.state ?? '', source.region ?? '', options);
};

/** Refuses a country, state or region the source does not know (config check at start-up). */
export const checkHolidaySource = (source: HolidaySource): string | null => {
  if (!source.country) return null;
  const hd = new Holidays();
  if (!hd.getCountries()[source.country]) return `holidays.country "${source.country}" is not a country code date-holidays knows (e.g. TW, HK, SG, JP, US)`;
  if (source.state && !hd.getStates(source.country)?.[source.state]) return `holidays.state "${source.state}" is not a state of ${source.country}`;
  if (source.region && source.state && !hd.getRegions(source.country, source.state)?.[source.region]) return `holidays.region "${source.region}" is not a region of ${source.country}-${source.state}`;
  return null;
};

/**
 * The source's holidays of the given types, one year at a time (computed once per year). `list`
 * returns them with their names; `has` answers for one local date YYYY-MM-DD.
 */
export const publicHolidays = (source: HolidaySource) => {
  const hd = open(source);
  const years = new Map<number, PublicHoliday[]>();
  const sets = new Map<number, Set<string>>();
  const list = (year: number): PublicHoliday[] => {
    let found = years.get(year);
    if (!found) {
      found = hd
        ? (hd.getHolidays(year) || [])
            .filter((h) => source.types.includes(h.type))
            .map((h) => ({ date: h.date.slice(0, 10), name: h.name, type: h.type }))
        : [];
      years.set(year, found);
      sets.set(year, new Set(found.map((h) => h.date)));
    }
    return found;
  };
  const has = (date: string): boolean => {
    const year = Number(date.slice(0, 4));
    if (!sets.has(year)) list(year);
    return sets.get(year)!.has(date);
  };
  return { list, has };
};
