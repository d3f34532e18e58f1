import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { UID } from '../plugin';
import { tableOf } from '../db-meta';
import type { StoredEntry } from './chain';

/** A node-postgres result, as far as the lock read uses it. */
interface PgResult {
  rows: Array<{ seq: number | string; mac: string }>;
}

/** The chain head as the admin page and the daily e-mail show it. */
export interface LedgerHead {
  seq: number;
  mac: string;
  recordedAt: Date | string | number;
  keyId: string;
}

/** An entry as stored (snake-case columns), read page by page for verification. */
export interface LedgerEntryColumns {
  id: number;
  seq: number | string;
  kind: string;
  subject_type: string;
  subject_id: string;
  digest: string;
  payload: unknown;
  recorded_at: Date | string | number;
  prev_mac: string;
  mac: string;
  key_id: string;
}

/**
 * The evidence ledger's table: appended to, never changed (database triggers refuse UPDATE and
 * DELETE). The ledger service appends under its lock in the caller's transaction.
 */
export const ledgerEntries = (strapi: Core.Strapi) => ({
  /** Appends sealed entries in one INSERT (no read-back: the caller holds every value). */
  async appendMany(entries: Array<Omit<StoredEntry, 'id'>>): Promise<void> {
    if (entries.length === 0) return;
    const now = new Date();
    // the query engine (document ids, JSON per dialect) joins the committing transaction;
    // chunks keep a backfill under the databases' limits on bound parameters
    for (let i = 0; i < entries.length; i += 500) {
      await strapi.db.query(UID.ledgerEntry).createMany({ data: entries.slice(i, i + 500).map((e) => ({ ...e, createdAt: now, updatedAt: now, publishedAt: now })) });
    }
  },

  /**
   * Takes the chain's lock (Postgres: a transaction-level advisory lock named `lock`; null on
   * SQLite, which writes one transaction at a time) and reads the last entry, in one round trip:
   * two statements of one simple query, the read taking its snapshot after the lock is granted
   * (READ COMMITTED gives each statement its own), so it sees the last committed entry.
   */
  async lockAndReadLast(trx: Knex.Transaction, lock: string | null): Promise<{ seq: number; mac: string } | null> {
    const table = tableOf(strapi, UID.ledgerEntry);
    const last = `select seq, mac from ${table} order by seq desc limit 1`;
    if (lock === null) {
      const rows = (await trx.raw(last)) as Array<{ seq: number | string; mac: string }>;
      return rows[0] ? { seq: Number(rows[0].seq), mac: rows[0].mac } : null;
    }
    if (!/^[\w:.-]+$/.test(lock)) throw new Error(`ledger lock name must be a plain word: ${lock}`);
    const results = (await trx.raw(`select pg_advisory_xact_lock(hashtext('${lock}')); ${last}`)) as PgResult | PgResult[];
    const rows = (Array.isArray(results) ? results[results.length - 1] : results).rows;
    return rows[0] ? { seq: Number(rows[0].seq), mac: rows[0].mac } : null;
  },

  async head(): Promise<LedgerHead | null> {
    return (await strapi.db.query(UID.ledgerEntry).findOne({ select: ['seq', 'mac', 'recordedAt', 'keyId'], orderBy: { seq: 'desc' } })) as LedgerHead | null;
  },

  async count(): Promise<number> {
    return strapi.db.query(UID.ledgerEntry).count({});
  },

  /** Newest first. */
  async page(page: number, pageSize: number) {
    return strapi.db.query(UID.ledgerEntry).findMany({
      select: ['seq', 'kind', 'subjectType', 'subjectId', 'digest', 'recordedAt', 'keyId', 'mac'],
      orderBy: { seq: 'desc' },
      offset: (page - 1) * pageSize,
      limit: pageSize,
    }) as Promise<Array<Omit<StoredEntry, 'id' | 'payload' | 'prevMac'>>>;
  },

  /** Entries in stored order (id) after `lastId`, as stored: what verification walks. */
  async readAfter(lastId: number, limit: number): Promise<LedgerEntryColumns[]> {
    return strapi.db
      .connection(tableOf(strapi, UID.ledgerEntry))
      .select('id', 'seq', 'kind', 'subject_type', 'subject_id', 'digest', 'payload', 'recorded_at', 'prev_mac', 'mac', 'key_id')
      .where('id', '>', lastId)
      .orderBy('id', 'asc')
      .limit(limit);
  },
});
