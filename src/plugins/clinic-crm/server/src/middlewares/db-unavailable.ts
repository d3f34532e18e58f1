import type { Core } from '@strapi/strapi';

/** Errors that mean "the database is not reachable right now", not "this request is wrong". */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up / shutting down)
  '08000', // connection_exception
  '08003', // connection_does_not_exist
  '08006', // connection_failure
  'SQLITE_BUSY',
]);
const MESSAGES = /Connection terminated|has encountered a connection error and is not queryable|Connection ended unexpectedly|Client has encountered a connection error|terminating connection|the database system is (starting up|shutting down)|Knex: Timeout acquiring a connection|Client was closed and is not queryable/i;

export const isDatabaseUnavailable = (error: any): boolean => {
  for (let e = error, depth = 0; e && depth < 4; e = e.cause ?? e.originalError, depth += 1) {
    if (CONNECTION_CODES.has(e.code) || e.name === 'KnexTimeoutError' || (typeof e.message === 'string' && MESSAGES.test(e.message))) return true;
  }
  return false;
};

/**
 * knex hands out pooled Postgres clients without checking them (its default validation accepts
 * any). After a database restart, a client whose connection broke during a query is not
 * queryable any more, yet would return to the pool and fail — or stall — every later request
 * given it. Validating on acquire makes the pool drop such clients and open fresh ones.
 */
export const hardenPool = (strapi: Core.Strapi) => {
  const client: any = strapi.db.connection.client;
  if (strapi.db.dialect.client !== 'postgres' || client.__clinicCrmHardened) return;
  const original = client.validateConnection.bind(client);
  client.validateConnection = (connection: any) =>
    !!connection && connection._queryable !== false && connection._ending !== true && connection._connected !== false && original(connection);
  client.__clinicCrmHardened = true;
};

/**
 * Right after `strapi::errors`: when the database is briefly unreachable (a restart, a failover),
 * the caller gets 503 with Retry-After — "try again", nothing was stored — instead of a 500. The
 * connection pool replaces broken connections by itself, so the app recovers without a restart.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: any, next: () => Promise<void>) => {
    try {
      await next();
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      strapi.log.warn(`[clinic-crm] database unavailable for ${ctx.method} ${ctx.path}: ${(error as Error).message}`);
      ctx.status = 503;
      ctx.set('Retry-After', '5');
      ctx.body = { data: null, error: { status: 503, name: 'ServiceUnavailableError', message: 'The database is briefly unavailable; nothing was saved. Please try again in a few seconds.', details: {} } };
    }
  };
