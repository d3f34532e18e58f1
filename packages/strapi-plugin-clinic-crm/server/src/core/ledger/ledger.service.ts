import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { keyRingFrom } from '../encryption/field-crypto';
import { seal } from './chain';
import { localDate } from '../time/time';
import { EVIDENCE, type EvidenceKind } from './evidence-payloads';
import { getConfig, UID } from '../plugin';
import { protectAppendOnly } from '../append-only';
import { ledgerEntries } from './ledger-entry.repository';
import { mailStaff, type MailText } from '../outbox/staff-mail';
import { beforeCommit } from '../before-commit';

const LOCK = 'clinic-crm:ledger';
const BACKFILL_ORDER: EvidenceKind[] = ['price_change', 'consent', 'quote', 'approval_request', 'approval_decision', 'recall', 'audit'];

const HEAD_TEXT: MailText = {
  'zh-Hant': ['【證據鏈】{date} 的鏈頭 #{seq}', '證據鏈截至 {date} 共 {seq} 筆，最後一筆的驗證碼為：\n{mac}\n請保留此信（存於資料庫以外）：日後執行 npm run clinic-crm:verify-ledger -- --expect {seq}:{mac}，可證明鏈未被改寫。'],
  'zh-Hans': ['【证据链】{date} 的链头 #{seq}', '证据链截至 {date} 共 {seq} 笔，最后一笔的验证码为：\n{mac}\n请保留此信（存于数据库以外）：日后执行 npm run clinic-crm:verify-ledger -- --expect {seq}:{mac}，可证明链未被改写。'],
  en: ['[Evidence ledger] head #{seq} for {date}', 'The evidence ledger held {seq} entries on {date}; the last one is sealed with\n{mac}\nKeep this e-mail (outside the database): `npm run clinic-crm:verify-ledger -- --expect {seq}:{mac}` proves later that the chain was not rewritten.'],
};

export interface LedgerItem {
  kind: EvidenceKind;
  subjectId: string | number;
  payload?: unknown;
}
type Resolved = { item: LedgerItem; payload: unknown };

/**
 * The evidence ledger's write side (its repository: nothing else writes the table). Entries are
 * appended in the caller's transaction, right before it commits, under a lock (a Postgres advisory
 * lock held to commit; SQLite writes one transaction at a time), so the chain has one order on
 * every instance and a change that rolls back leaves no entry. Database triggers refuse UPDATE and
 * DELETE.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const ring = keyRingFrom(() => getConfig(strapi).ledger);
  /** Entries a transaction appended, sealed and inserted together right before it commits. */
  const pending = new WeakMap<object, Resolved[]>();
  /** One writer of the chain at a time across instances, held to commit (SQLite writes one transaction at a time anyway). */
  const lockChain = async (trx: Knex.Transaction) => {
    if (strapi.db.dialect.client === 'postgres') await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [LOCK]);
  };

  /** Seals resolved entries after the chain's last one and appends them: one lock + read, one INSERT. */
  const sealAndAppend = async (trx: Knex.Transaction, resolved: Resolved[]) => {
    let previous = await ledgerEntries(strapi).lockAndReadLast(trx, strapi.db.dialect.client === 'postgres' ? LOCK : null);
    const recordedAt = new Date();
    const sealed = resolved.map(({ item, payload }) => {
      const entry = seal(previous, { kind: item.kind, subjectType: EVIDENCE[item.kind].uid, subjectId: String(item.subjectId), payload, recordedAt }, ring());
      previous = entry;
      return entry;
    });
    await ledgerEntries(strapi).appendMany(sealed);
  };

  /** The payload of a subject as stored now (what a new entry seals, and what verification compares). */
  const payloadOf = async (kind: EvidenceKind, subjectId: string | number) => {
    const spec = EVIDENCE[kind];
    const row = await strapi.db.query(spec.uid).findOne({ where: { [spec.by]: subjectId }, ...(spec.populate ? { populate: spec.populate } : {}) });
    return row ? spec.payload(row) : null;
  };

  const service = {
    ring,
    payloadOf,

    /**
     * Appends entries (in order) to the chain, as part of the caller's transaction when there is
     * one. The payloads are read now (what the transaction has written so far); the entries are
     * sealed and inserted right before the transaction commits (core/before-commit.ts),
     * all of the transaction's entries in one INSERT, so the chain's lock is held only for that
     * insert and the COMMIT — not for the rest of the caller's transaction. Returns how many
     * entries were queued; a transaction that rolls back leaves none.
     */
    async append(items: LedgerItem[]): Promise<number> {
      if (items.length === 0) return 0;
      return strapi.db.transaction(async ({ trx }) => {
        const resolved: Resolved[] = [];
        for (const item of items) {
          const payload = item.payload ?? (await payloadOf(item.kind, item.subjectId));
          if (payload) resolved.push({ item, payload });
        }
        if (resolved.length === 0) return 0;
        const queued = pending.get(trx);
        if (queued) {
          queued.push(...resolved);
          return resolved.length;
        }
        pending.set(trx, [...resolved]);
        await beforeCommit(strapi, async (committing) => {
          const batch = pending.get(trx) ?? [];
          pending.delete(trx);
          if (batch.length > 0) await sealAndAppend(committing, batch);
        });
        return resolved.length;
      });
    },

    /** Triggers refusing UPDATE and DELETE on the ledger, the price history and batch recalls (replaced and verified at every boot: core/append-only.ts). */
    async protectTables() {
      return protectAppendOnly(strapi, [{ uid: UID.ledgerEntry }, { uid: UID.priceChange }, { uid: UID.batchRecall }]);
    },

    /**
     * Evidence written before the ledger existed is sealed once, oldest first per kind (an empty
     * chain and existing rows: an upgrade). Under the ledger lock, so only one instance does it.
     */
    async backfill() {
      return strapi.db.transaction(async ({ trx }) => {
        await lockChain(trx);
        if ((await ledgerEntries(strapi).count()) > 0) return 0;
        let sealed = 0;
        for (const kind of BACKFILL_ORDER) {
          const spec = EVIDENCE[kind];
          const where = kind === 'approval_decision' ? { approvalStatus: { $in: ['approved', 'rejected'] } } : {};
          const rows = (await strapi.db.query(spec.uid).findMany({ where, select: ['id', 'documentId'], orderBy: { id: 'asc' } })) as Array<{ id: number; documentId: string }>;
          sealed += await service.append(rows.map((r) => ({ kind, subjectId: spec.by === 'id' ? r.id : r.documentId })));
        }
        return sealed;
      });
    },

    async head() {
      return ledgerEntries(strapi).head();
    },

    /** Newest first, for the admin page. */
    async list(page = 1, pageSize = 50) {
      const [results, total] = await Promise.all([ledgerEntries(strapi).page(page, pageSize), ledgerEntries(strapi).count()]);
      return { results, pagination: { page, pageSize, total, pageCount: Math.ceil(total / pageSize) } };
    },

    /** The day's chain head to every active manager, once per day and manager (outbox keys). */
    async emailHead(now = new Date()) {
      const head = await service.head();
      if (!head) return 0;
      const date = localDate(now, getConfig(strapi).timeZone);
      const managers = await strapi.db.query(UID.staffMember).findMany({ where: { department: 'management', isActive: true, email: { $notNull: true } }, select: ['id', 'fullName', 'email', 'preferredLanguage'] });
      return mailStaff(strapi, { key: `ledger-head:${date}`, recipients: managers, text: HEAD_TEXT, values: { date, seq: head.seq, mac: head.mac }, link: `${getConfig(strapi).adminUrl}/plugins/clinic-crm/ledger` });
    },
  };
  return service;
};
