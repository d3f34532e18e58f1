/**
 * What the database layer must guarantee for the rest of the plugin, whatever happens to the
 * database underneath (a restart, a failover, a dropped socket):
 *
 * 1. A transaction that did not commit is never reported as committed. knex's explicit
 *    `trx.commit()` resolves even when the COMMIT statement fails (knex#3847, knex#6141), and
 *    Strapi's `db.transaction()` uses exactly that form. A request whose COMMIT hit a terminated
 *    connection therefore answered 201 for a row the database never kept. `guardCommits` makes
 *    the commit wait for the transaction's real outcome and throw when it failed.
 * 2. No pooled connection that broke, or that is still inside a transaction, is handed out again
 *    (`hardenPool`): it is invalid at acquire and replaced; nor one whose setup failed
 *    (`guardConnectionSetup`).
 * 3. Every wait is bounded: connect, acquire, statement and read timeouts come from
 *    config/database.ts; shutdown is bounded by `boundPoolShutdown`.
 */
import type { Core } from '@strapi/strapi';
import { deadline } from './background';
import { runWorkBeforeCommit, strapiTransactionContext } from './before-commit';

/** Errors that mean "the database is not reachable right now", not "this request is wrong". */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up / shutting down)
  '57014', // query_canceled (statement_timeout)
  '25P03', // idle_in_transaction_session_timeout
  '08000', // connection_exception
  '08003', // connection_does_not_exist
  '08006', // connection_failure
  'SQLITE_BUSY',
]);
const MESSAGES =
  /Connection terminated|has encountered a connection error and is not queryable|Connection ended unexpectedly|Client has encountered a connection error|terminating connection|the database system is (starting up|shutting down)|Knex: Timeout acquiring a connection|Client was closed and is not queryable|Query read timeout|timeout expired|Unable to acquire a connection/i;

interface ErrorLike {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  cause?: unknown;
  originalError?: unknown;
}

const asErrorLike = (value: unknown): ErrorLike | null => (value !== null && typeof value === 'object' ? (value as ErrorLike) : null);

export const isDatabaseUnavailable = (error: unknown): boolean => {
  let e = asErrorLike(error);
  for (let depth = 0; e && depth < 4; depth += 1) {
    if ((typeof e.code === 'string' && CONNECTION_CODES.has(e.code)) || e.name === 'KnexTimeoutError' || (typeof e.message === 'string' && MESSAGES.test(e.message))) return true;
    e = asErrorLike(e.cause ?? e.originalError);
  }
  return false;
};

interface Logger {
  warn: (message: string) => void;
  error: (message: string) => void;
}

/** Strapi's logger where no `strapi` is at hand (process-wide handlers), else the console. */
export const globalStrapiLog = (): Logger => (globalThis as { strapi?: { log?: Logger } }).strapi?.log ?? console;

const isThenable = (value: unknown): value is PromiseLike<unknown> & { catch?: (onRejected: (error: unknown) => void) => unknown } =>
  value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function';

/** A pooled pg client, as far as the guards read it (node-postgres internals). */
interface PgConnection {
  __knex__disposed?: unknown;
  __clinicCrmBroken?: Error;
  _queryable?: boolean;
  _ending?: boolean;
  _ended?: boolean;
  _connected?: boolean;
  _getActiveQuery?: () => unknown;
  activeQuery?: unknown;
  _queryQueue?: unknown[];
  _sentQueryQueue?: unknown[];
  on: (event: 'error', listener: (error: Error) => void) => void;
}

/** A pooled better-sqlite3 connection. */
interface SqliteConnection {
  open?: boolean;
  inTransaction?: boolean;
}

/** tarn's pool, as far as shutdown reads it. */
interface PoolEntry {
  resource?: { connection?: { stream?: { destroy?: () => void } } };
}
interface Pool {
  used?: PoolEntry[];
  free?: PoolEntry[];
}

/** The parts of knex's client the guards wrap (knex types its client as any). */
interface KnexClient {
  transaction: (container: (trx: Transactor & { isCompleted?: () => boolean }) => unknown, ...rest: unknown[]) => unknown;
  validateConnection: (connection: never) => boolean;
  acquireRawConnection: () => Promise<PgConnection>;
  destroy: (callback?: unknown) => Promise<unknown>;
  pool?: Pool;
  __clinicCrmCommitGuard?: boolean;
  __clinicCrmHardened?: boolean;
  __clinicCrmBoundedDestroy?: boolean;
}

const knexClient = (strapi: Core.Strapi): KnexClient => strapi.db.connection.client;

interface Transactor {
  commit: (value?: unknown) => Promise<unknown>;
  executionPromise?: Promise<unknown>;
  __clinicCrmGuarded?: boolean;
}

/** The transactor's commit resolves only once the COMMIT really succeeded, and rejects otherwise. */
export const guardTransactor = <T extends Transactor>(trx: T): T => {
  if (trx.__clinicCrmGuarded || typeof trx.commit !== 'function') return trx;
  const commit = trx.commit;
  trx.commit = async function guardedCommit(this: unknown, value?: unknown) {
    const result = await commit.call(trx, value);
    // settled by the COMMIT itself: rejected with the database's error when it failed
    if (trx.executionPromise) await trx.executionPromise;
    return result;
  };
  trx.__clinicCrmGuarded = true;
  return trx;
};

/**
 * Every transaction knex hands out without a handler (Strapi's form: `await knex.transaction()`)
 * gets a guarded commit. knex creates those through `client.transaction(resolve)`, whose container
 * returns nothing; transactions with a handler (container returns a promise) already reject on a
 * failed COMMIT, and knex commits them itself, so they are left alone.
 */
export const guardCommits = (strapi: Core.Strapi) => {
  const client = knexClient(strapi);
  if (client.__clinicCrmCommitGuard) return;
  const transaction = client.transaction.bind(client);
  client.transaction = (container: (trx: Transactor) => unknown, ...rest: unknown[]) =>
    transaction((trx: Transactor & { isCompleted?: () => boolean }) => {
      // BEGIN failed (e.g. the connection died as it was sent): knex marks the transaction complete
      // and would still hand it out, and every query on it would fail with "Transaction query
      // already complete" (a 500). Not handing it out lets the caller get BEGIN's own error.
      if (trx.isCompleted?.()) return undefined;
      const result = container(trx);
      if (!isThenable(result)) guardTransactor(trx);
      return result;
    }, ...rest);
  client.__clinicCrmCommitGuard = true;
};

/** A pooled pg client that may be handed to the next caller: connected, error-free, idle. */
export const isReusablePgClient = (client: PgConnection | null | undefined): boolean => {
  if (!client || client.__knex__disposed || client.__clinicCrmBroken) return false;
  if (client._queryable === false || client._ending === true || client._ended === true || client._connected === false) return false;
  // a query still on the wire (e.g. its read timed out): the connection is not ours to reuse
  const active = typeof client._getActiveQuery === 'function' ? client._getActiveQuery() : client.activeQuery;
  if (active) return false;
  if ((client._queryQueue?.length ?? 0) > 0 || (client._sentQueryQueue?.length ?? 0) > 0) return false;
  return true;
};

/**
 * knex validates nothing on acquire (its default accepts any connection). Validate for real:
 * - Postgres: a client that reported an error, ended, or still has a query on the wire is
 *   destroyed instead of being handed out again (a restart breaks every pooled client);
 * - SQLite: a connection still inside a transaction is destroyed, which rolls the transaction
 *   back. SQLite keeps a transaction open when its COMMIT fails (a deferred constraint), and knex
 *   then considers it finished: without this the next request would run inside it, and commit it.
 */
export const hardenPool = (strapi: Core.Strapi) => {
  const client = knexClient(strapi);
  if (client.__clinicCrmHardened) return;
  const validate = client.validateConnection.bind(client) as (connection: unknown) => boolean;
  if (strapi.db.dialect.client === 'postgres') {
    client.validateConnection = (connection: PgConnection) => isReusablePgClient(connection) && validate(connection);
    const acquireRaw = client.acquireRawConnection.bind(client);
    client.acquireRawConnection = async () => {
      const connection = await acquireRaw();
      connection.on('error', (error: Error) => {
        connection.__clinicCrmBroken = error;
      });
      return connection;
    };
  } else if (strapi.db.dialect.client === 'sqlite') {
    client.validateConnection = (connection: SqliteConnection | null) => connection?.open !== false && connection?.inTransaction !== true && validate(connection);
  }
  client.__clinicCrmHardened = true;
};

/**
 * Strapi sets up every new Postgres connection (`SET search_path`, its pool's afterCreate) and, when
 * that fails, neither calls the pool back nor catches the rejection (@strapi/database, `afterCreate`
 * in dist/index.js): the connection's creation hangs until `createTimeoutMillis` — the request
 * waiting for it with it — and the rejection is unhandled. A restart that ends a connection just
 * opened does exactly that. The failure is caught here: the connection is marked broken, so the
 * pool's validation (`hardenPool`) destroys it at acquire and opens another.
 */
export const guardConnectionSetup = (strapi: Core.Strapi) => {
  const dialect = strapi.db.dialect as unknown as { initialize: (connection: PgConnection) => Promise<void>; __clinicCrmGuarded?: boolean };
  if (strapi.db.dialect.client !== 'postgres' || dialect.__clinicCrmGuarded) return;
  const initialize = dialect.initialize.bind(dialect);
  dialect.initialize = async (connection: PgConnection) => {
    try {
      await initialize(connection);
    } catch (error) {
      connection.__clinicCrmBroken = error instanceof Error ? error : new Error(String(error));
      globalStrapiLog().warn(`[clinic-crm] a new database connection failed its setup and is discarded: ${(error as Error | undefined)?.message ?? error}`);
    }
  };
  dialect.__clinicCrmGuarded = true;
};

/** Destroys the socket of every pooled connection: queries still on them fail, and their connections come back. */
const closeSockets = (pool: Pool | undefined) => {
  for (const entry of [...(pool?.used ?? []), ...(pool?.free ?? [])]) {
    try {
      entry.resource?.connection?.stream?.destroy?.();
    } catch {
      /* already gone */
    }
  }
};

/**
 * Closing the pool waits for every used connection to come back (tarn). Queries are bounded by
 * the statement and read timeouts, so that normally takes milliseconds; if it has not finished
 * within `ms` (a query stuck on a dead socket), the remaining sockets are destroyed, which fails
 * those queries and lets the pool close. Shutdown — tests, SIGTERM, benchmarks — always ends.
 */
export const boundPoolShutdown = (strapi: Core.Strapi, ms: number) => {
  const client = knexClient(strapi);
  if (client.__clinicCrmBoundedDestroy) return;
  const destroy = client.destroy.bind(client);
  client.destroy = async (callback?: unknown) => {
    const pool = client.pool;
    const closing = destroy(callback);
    if ((await deadline(closing, ms)) !== 'timeout') return;
    strapi.log.warn(`[clinic-crm] the database pool did not close within ${ms} ms: closing its sockets`);
    closeSockets(pool);
    if ((await deadline(closing, 2000)) === 'timeout') strapi.log.error('[clinic-crm] the database pool could not be closed');
  };
  client.__clinicCrmBoundedDestroy = true;
};

/**
 * Strapi runs commit callbacks without awaiting them (`commitCallbacks.forEach(cb => cb())`), and
 * its document service uses one for every write: after the commit it re-reads the entry to emit
 * `entry.create`/`entry.update` (webhooks). When the database goes away right then, that read
 * rejects with no one listening — an unhandled rejection, which ends a Node process by default.
 * Every commit callback's failure is logged instead; the write it follows is committed already.
 */
export const catchCommitCallbacks = (strapi: Core.Strapi) => {
  const context = strapiTransactionContext();
  if (!context || typeof context.onCommit !== 'function') {
    strapi.log.warn('[clinic-crm] @strapi/database transaction context not found: commit callbacks are not guarded');
    return;
  }
  if (context.__clinicCrmCaught) return;
  const onCommit = context.onCommit.bind(context);
  context.onCommit = (callback: () => unknown) =>
    onCommit(() => {
      try {
        const result = callback();
        if (isThenable(result) && typeof result.catch === 'function') {
          result.catch((error: unknown) => globalStrapiLog().warn(`[clinic-crm] after-commit work failed: ${(error as Error | undefined)?.message ?? error}`));
        }
        return result;
      } catch (error) {
        globalStrapiLog().warn(`[clinic-crm] after-commit work failed: ${(error as Error)?.message ?? error}`);
        return undefined;
      }
    });
  context.__clinicCrmCaught = true;
};

/** Install every guard; called once at bootstrap, before any request. */
export const hardenDatabase = (strapi: Core.Strapi, shutdownMs = 10_000) => {
  guardCommits(strapi);
  catchCommitCallbacks(strapi);
  runWorkBeforeCommit(strapi);
  hardenPool(strapi);
  guardConnectionSetup(strapi);
  boundPoolShutdown(strapi, shutdownMs);
};
