/**
 * Every instance drops its price-table cache when any instance changes the catalogue (PostgreSQL).
 *
 * - The writer: `announcePriceTableChange` issues `pg_notify` inside the transaction of the
 *   treatment write (catalogue.middleware), so Postgres delivers it only if and when that commits.
 * - Each instance: a dedicated connection LISTENs on the channel (core/cluster/pg-listener) and
 *   drops the cache on each notification from another instance; the writer's own cache is dropped
 *   by its own commit callback.
 * - While that connection is down (database restart), nothing can be heard: the cache keeps
 *   entries at most 1 s (price-table.service OUT_OF_TOUCH_TTL_MS) and is dropped again once the
 *   listener is back, in case a change was missed. The configured TTL still bounds everything.
 * On SQLite there is one instance: its own invalidation is enough, and nothing here runs.
 */
import { randomBytes } from 'crypto';
import type { Core } from '@strapi/strapi';
import { getConfig, getService } from '../core/plugin';
import { startPgListener, type PgClientLike, type PgListener } from '../core/cluster/pg-listener';

export const PRICE_TABLE_CHANNEL = 'clinic_crm_price_table';
/** Identifies this process in its notifications, so that it can ignore its own. */
const INSTANCE = `${process.pid}.${randomBytes(6).toString('hex')}`;

const listeners = new WeakMap<object, PgListener>();

const isPostgres = (strapi: Core.Strapi) => strapi.db.dialect.client === 'postgres';

/**
 * Tells the other instances that the price table changed, as part of the current transaction
 * (or on its own when there is none). Postgres delivers a notification only on commit, and once
 * per transaction however often it is sent. A failure is logged, never thrown: the change itself
 * stands or falls on its own, and the other instances' TTL still bounds their caches.
 */
export const announcePriceTableChange = async (strapi: Core.Strapi) => {
  if (!isPostgres(strapi)) return;
  try {
    await strapi.db.transaction(({ trx }) => trx.raw('select pg_notify(?, ?)', [PRICE_TABLE_CHANNEL, INSTANCE]));
  } catch (error) {
    strapi.log.warn(`[clinic-crm] price table: could not notify the other instances (${(error as Error)?.message ?? error})`);
  }
};

/** The pieces of knex's Postgres client the listener borrows: the pg driver and the settings. */
interface KnexPgClient {
  driver?: { Client?: new (settings: Record<string, unknown>) => PgClientLike };
  connectionSettings?: Record<string, unknown>;
}

/** Bootstrap: starts listening (Postgres only). The cache counts as out of touch until it listens. */
export const startPriceTableSync = (strapi: Core.Strapi) => {
  if (!isPostgres(strapi) || listeners.has(strapi)) return;
  const priceTable = getService(strapi, 'price-table');
  const knexClient = strapi.db.connection.client as KnexPgClient;
  const Client = knexClient.driver?.Client;
  if (!Client) {
    strapi.log.warn('[clinic-crm] price table: no pg driver found; other instances are heard only through the short TTL');
    priceTable.setInTouch(false);
    return;
  }
  const settings = { ...knexClient.connectionSettings, application_name: 'clinic-crm price-table listener', query_timeout: 5000, keepAlive: true };
  priceTable.setInTouch(false);
  const listener = startPgListener({
    createClient: () => new Client(settings),
    channel: PRICE_TABLE_CHANNEL,
    onNotification: (payload) => {
      if (payload !== INSTANCE) priceTable.invalidate();
    },
    onListening: (reconnected) => {
      priceTable.invalidate(); // whatever changed while nobody listened
      priceTable.setInTouch(true);
      if (reconnected) strapi.log.info('[clinic-crm] price table: listening for other instances’ changes again');
    },
    onLost: (error) => {
      priceTable.setInTouch(false);
      strapi.log.warn(`[clinic-crm] price table: not hearing other instances’ changes (${error?.message ?? 'connection lost'}); cached tables live 1 s until the listener reconnects`);
    },
  });
  listeners.set(strapi, listener);
};

/** Plugin destroy: closes the listening connection within the shutdown bound. */
export const stopPriceTableSync = async (strapi: Core.Strapi) => {
  const listener = listeners.get(strapi);
  if (!listener) return;
  listeners.delete(strapi);
  await listener.close(getConfig(strapi).shutdownTimeoutMs);
};
