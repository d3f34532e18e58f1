import type { Core } from '@strapi/strapi';
import { zoneOffsetMs } from './time/time';

/**
 * "YYYY-MM" of a datetime column in the clinic's time zone, for GROUP BY. Postgres columns are
 * `timestamp without time zone` holding UTC; SQLite stores epoch milliseconds (the zone's current
 * offset is used there: exact for zones without daylight saving, such as Asia/Taipei).
 */
export const localMonth = (strapi: Core.Strapi, column: string, timeZone: string) => {
  const knex = strapi.db.connection;
  return strapi.db.dialect.client === 'postgres'
    ? knex.raw(`to_char((${column} AT TIME ZONE 'UTC') AT TIME ZONE ?, 'YYYY-MM')`, [timeZone])
    : knex.raw(`strftime('%Y-%m', ${column} / 1000 + ?, 'unixepoch')`, [Math.round(zoneOffsetMs(new Date(), timeZone) / 1000)]);
};
