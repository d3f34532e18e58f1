import type { Core } from '@strapi/strapi';
import { UID } from '../plugin';
import { tableOf } from '../db-meta';
import type { StoredEntry } from './chain';

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
  async append(entry: Omit<StoredEntry, 'id'>): Promise<void> {
    await strapi.db.query(UID.ledgerEntry).create({ data: { ...entry } });
  },

  /** The last entry: what the next one chains to. */
  async last(): Promise<{ seq: number; mac: string } | null> {
    return (await strapi.db.query(UID.ledgerEntry).findOne({ select: ['seq', 'mac'], orderBy: { seq: 'desc' } })) as { seq: number; mac: string } | null;
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
