import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { UID } from '../core/plugin';
import { usesBatch } from './domain/batch';
import type { NewRecall, RecallRow, RecallStaff, RecordRow } from './types';

const STAFF = ['id', 'documentId', 'fullName', 'email', 'department', 'isActive', 'preferredLanguage', 'dailyDigest'];
/** What a match shows: the client's name, number and phone, the treatment, the practitioner — no notes, no health history. */
const RECORD_POPULATE = {
  client: { select: ['id', 'documentId', 'clientNumber', 'fullName', 'preferredName', 'phone'] },
  treatment: { select: ['name'] },
  practitioner: { select: STAFF },
};
const RECALL_POPULATE = {
  complaint: { select: ['documentId', 'referenceNumber'] },
  openedBy: { select: ['documentId', 'fullName', 'department'] },
};
const PAGE = 2000;

/**
 * Batch recalls are evidence: a row is written once, when the recall is run, with what it found and
 * opened, and sealed in the ledger; database triggers refuse UPDATE and DELETE (core/append-only.ts)
 * and the document service refuses every write (evidence middleware). The only writer of the table.
 * Also the recall's reads of treatment records by batch.
 */
export const recallRows = (strapi: Core.Strapi) => {
  const q = () => strapi.db.query(UID.batchRecall);
  return {
    /**
     * Every treatment record, in any state, whose batch numbers include `key` after normalising.
     * Batch numbers are a JSON list typed by hand (full-width, lower case, spaces), which SQL cannot
     * compare in the same form on both databases: the lists are read in pages of ids and compared here.
     */
    async matchingRecords(key: string): Promise<RecordRow[]> {
      const ids: number[] = [];
      let lastId = 0;
      for (;;) {
        const page = (await strapi.db.query(UID.treatmentRecord).findMany({
          where: { id: { $gt: lastId }, productBatchNumbers: { $notNull: true } },
          select: ['id', 'productBatchNumbers'],
          orderBy: { id: 'asc' },
          limit: PAGE,
        })) as Array<{ id: number; productBatchNumbers: unknown }>;
        if (page.length === 0) break;
        lastId = Number(page[page.length - 1].id);
        for (const r of page) if (usesBatch(r.productBatchNumbers, key)) ids.push(Number(r.id));
        if (page.length < PAGE) break;
      }
      if (ids.length === 0) return [];
      return (await strapi.db.query(UID.treatmentRecord).findMany({
        where: { id: { $in: ids } },
        select: ['id', 'documentId', 'recordNumber', 'performedAt', 'productBatchNumbers', 'priceSnapshot'],
        populate: RECORD_POPULATE,
        orderBy: { performedAt: 'desc' },
      })) as RecordRow[];
    },

    /** Records by documentId, as a match shows them (a recall's detail, read again). */
    async records(documentIds: string[]): Promise<RecordRow[]> {
      if (documentIds.length === 0) return [];
      return (await strapi.db.query(UID.treatmentRecord).findMany({
        where: { documentId: { $in: documentIds } },
        select: ['id', 'documentId', 'recordNumber', 'performedAt', 'productBatchNumbers', 'priceSnapshot'],
        populate: RECORD_POPULATE,
      })) as RecordRow[];
    },

    async activeStaff(departments: string[]): Promise<RecallStaff[]> {
      if (departments.length === 0) return [];
      return (await strapi.db.query(UID.staffMember).findMany({ where: { department: { $in: departments }, isActive: true }, select: STAFF, orderBy: { id: 'asc' } })) as RecallStaff[];
    },

    async complaint(documentId: string): Promise<{ id: number; documentId: string; productBatchNumber: string | null } | null> {
      return (await strapi.db.query(UID.complaint).findOne({ where: { documentId }, select: ['id', 'documentId', 'productBatchNumber'] })) as { id: number; documentId: string; productBatchNumber: string | null } | null;
    },

    /** The check-up tasks with these keys (opened by an earlier run of the same batch). */
    async tasksByKeys(keys: string[]) {
      if (keys.length === 0) return [];
      return (await strapi.db.query(UID.followUpTask).findMany({
        where: { idempotencyKey: { $in: keys } },
        select: ['id', 'documentId', 'idempotencyKey', 'taskStatus', 'dueAt'],
        populate: { assignee: { select: ['documentId', 'fullName', 'department'] } },
      })) as Array<{ id: number; documentId: string; idempotencyKey: string; taskStatus: string; dueAt: string; assignee: { documentId: string; fullName: string; department: string } | null }>;
    },

    /** One recall of a batch at a time across instances (Postgres advisory lock held to commit; SQLite writes one transaction at a time). */
    async lockBatch(trx: Knex.Transaction, key: string) {
      if (strapi.db.dialect.client === 'postgres') await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`clinic-crm:recall:${key}`]);
    },

    async create(input: NewRecall): Promise<{ id: number; documentId: string }> {
      const { links, ...fields } = input;
      const created = await q().create({ data: { ...fields, complaint: links.complaint ?? null, openedBy: links.openedBy } });
      return { id: Number(created.id), documentId: String(created.documentId) };
    },

    async load(documentId: string): Promise<RecallRow | null> {
      return (await q().findOne({ where: { documentId }, populate: RECALL_POPULATE })) as RecallRow | null;
    },

    async list(limit = 50): Promise<RecallRow[]> {
      return (await q().findMany({ populate: RECALL_POPULATE, orderBy: { openedAt: 'desc' }, limit })) as RecallRow[];
    },
  };
};
