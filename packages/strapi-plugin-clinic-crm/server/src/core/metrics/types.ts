/** Runs a scrape-time read; a failure is logged and counted instead of failing the whole scrape. */
export type Guard = (source: string, read: () => Promise<void>) => () => Promise<void>;

/**
 * A scrape-time read shared by several metrics: prom-client collects every metric of a scrape at once
 * (Promise.all), so each metric's `collect` joins the one read in flight instead of reading stale values.
 */
export const sharedRead = (read: () => Promise<void>) => {
  let inFlight: Promise<void> | null = null;
  return () =>
    (inFlight ??= read().finally(() => {
      inFlight = null;
    }));
};

/** A stored datetime as epoch ms: a Date (Postgres), epoch milliseconds (SQLite) or a string. */
export const epochMs = (value: unknown): number | null => {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.getTime();
  const n = Number(value);
  if (Number.isFinite(n)) return n;
  const parsed = Date.parse(String(value));
  return Number.isNaN(parsed) ? null : parsed;
};
