/**
 * The counters behind the public rate limits, shared by every instance (rate-limiter-flexible):
 * - PostgreSQL: one row per policy (and limit), address and route in `clinic_crm_rate_limits`, counted with a
 *   single `INSERT … ON CONFLICT DO UPDATE … RETURNING` per request on Strapi's own pool (knex).
 *   The library creates the table (`CREATE TABLE IF NOT EXISTS`; two instances starting together
 *   are fine: the loser's duplicate-key error is taken as "already there") and writes its rows;
 *   expired rows are swept every 5 minutes through the library's `clearExpired`.
 * - SQLite (a single instance): this process's memory.
 * When the store fails or takes over 1 s (database restart, saturated pool), the request is counted
 * in memory instead and the store is left alone for a while (`storeGate`): a database outage never
 * becomes a 500 or a long wait here, and the limit holds per instance until the store answers again.
 * Windows are fixed, starting at an address's first request (the library's model): a window's
 * count resets when it ends.
 */
import type { Core } from '@strapi/strapi';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { storeGate } from './rate-limit';
import { deadline } from '../background';

export const RATE_LIMIT_TABLE = 'clinic_crm_rate_limits';
const SWEEP_EVERY_MS = 5 * 60_000;
/** A request never waits longer than this for the shared store (a saturated pool, a silent network). */
const STORE_WAIT_MS = 1000;

export type Policy = 'intake' | 'public';

export interface Counted {
  allowed: boolean;
  /** Requests left in the current window. */
  remaining: number;
  /** Until the window ends (a refused caller may try again then). */
  msBeforeNext: number;
  /** Where it was counted: the shared store, or this instance's memory (SQLite, or the store failed). */
  counter: 'shared' | 'memory';
}

interface Pair {
  shared: RateLimiterPostgres | null;
  memory: RateLimiterMemory;
}

const outcome = (res: RateLimiterRes, allowed: boolean, counter: Counted['counter']): Counted => ({
  allowed,
  remaining: Math.max(0, res.remainingPoints),
  msBeforeNext: Math.max(0, res.msBeforeNext),
  counter,
});

const errorCode = (e: unknown) => (e && typeof e === 'object' ? (e as { code?: unknown }).code : undefined);

const createRateLimits = (strapi: Core.Strapi) => {
  const shared = strapi.db.dialect.client === 'postgres';
  const gate = storeGate();
  const limiters = new Map<string, Pair>();
  let ready: Promise<RateLimiterPostgres> | null = null;
  let sweeper: NodeJS.Timeout | null = null;
  let closed = false;

  const storeOptions = () => ({
    storeClient: strapi.db.connection,
    storeType: 'knex',
    tableName: RATE_LIMIT_TABLE,
    schemaName: strapi.db.getSchemaName() || undefined,
    clearExpiredByTimeout: false,
  });

  /** The table exists (created once per process; again if it was dropped); the sweep runs. */
  const ensureTable = () => {
    ready ??= new Promise<RateLimiterPostgres>((resolve, reject) => {
      const creator: RateLimiterPostgres = new RateLimiterPostgres({ ...storeOptions(), keyPrefix: 'clinic-crm', points: 1, duration: 1 }, (error?: unknown) =>
        // 42P07: a concurrent CREATE TABLE IF NOT EXISTS won (the library already accepts 23505)
        error && errorCode(error) !== '42P07' ? reject(error) : resolve(creator)
      );
    }).then(
      (creator) => {
        if (!sweeper && !closed) {
          // the library's own sweep (untyped in its .d.ts; it never rejects)
          const sweep = creator as unknown as { clearExpired(expire: number): Promise<void> };
          sweeper = setInterval(() => void sweep.clearExpired(Date.now() - 60_000), SWEEP_EVERY_MS);
          sweeper.unref();
        }
        return creator;
      },
      (error) => {
        ready = null;
        throw error;
      }
    );
    return ready;
  };

  const pair = (policy: Policy, max: number, windowMs: number): Pair => {
    const id = `${policy}|${max}|${windowMs}`;
    let found = limiters.get(id);
    if (!found) {
      // the limit is part of the key: a changed limit counts afresh, on every store alike
      const base = { keyPrefix: `clinic-crm:${policy}:${max}/${windowMs}`, points: max, duration: windowMs / 1000 };
      found = {
        // a refused address stays refused in this process's memory until its window ends: a flood
        // from one address costs no queries
        shared: shared ? new RateLimiterPostgres({ ...storeOptions(), ...base, tableCreated: true, inMemoryBlockOnConsumed: max + 1 }) : null,
        memory: new RateLimiterMemory(base),
      };
      limiters.set(id, found);
    }
    return found;
  };

  const inMemory = async (limiter: RateLimiterMemory, key: string): Promise<Counted> => {
    try {
      return outcome(await limiter.consume(key), true, 'memory');
    } catch (e) {
      if (e instanceof RateLimiterRes) return outcome(e, false, 'memory');
      throw e;
    }
  };

  return {
    /** Counts one request of `key` under `policy` (max per windowMs); one round trip to the store at most. */
    async consume(policy: Policy, max: number, windowMs: number, key: string): Promise<Counted> {
      const limiter = pair(policy, max, windowMs);
      if (!limiter.shared || closed || !gate.useStore(Date.now())) return inMemory(limiter.memory, key);
      try {
        const store = limiter.shared;
        const res = await deadline(
          ensureTable().then(() => store.consume(key)),
          STORE_WAIT_MS
        );
        if (res === 'timeout') throw new Error(`no answer within ${STORE_WAIT_MS} ms`);
        if (gate.succeeded()) strapi.log.info('[clinic-crm] rate limits: the shared store answers again');
        return outcome(res, true, 'shared');
      } catch (e) {
        if (e instanceof RateLimiterRes) return outcome(e, false, 'shared');
        if (errorCode(e) === '42P01') ready = null; // the table went away: create it again next time
        if (gate.failed(Date.now())) {
          strapi.log.warn(`[clinic-crm] rate limits: the shared store failed (${(e as Error)?.message ?? e}); counting per instance until it answers`);
        }
        return inMemory(limiter.memory, key);
      }
    },

    /** Stops the sweep (plugin destroy). */
    close() {
      closed = true;
      if (sweeper) clearInterval(sweeper);
      sweeper = null;
      limiters.clear();
    },
  };
};

export type RateLimits = ReturnType<typeof createRateLimits>;

const registry = new WeakMap<object, RateLimits>();

/** The rate limits of this Strapi instance (one set per process, shared by every route using them). */
export const rateLimits = (strapi: Core.Strapi): RateLimits => {
  let found = registry.get(strapi);
  if (!found) {
    found = createRateLimits(strapi);
    registry.set(strapi, found);
  }
  return found;
};

/** Plugin destroy: stop the sweep if the limits were ever used. */
export const closeRateLimits = (strapi: Core.Strapi) => registry.get(strapi)?.close();
