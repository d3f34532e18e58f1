import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

/** @strapi/database's transaction context (the object its `db.transaction()` commits through), or null. */
export interface StrapiTransactionContext {
  onCommit?: (callback: () => unknown) => unknown;
  commit?: (trx: unknown) => Promise<unknown>;
  __clinicCrmCaught?: boolean;
  __clinicCrmBeforeCommit?: boolean;
}
export const strapiTransactionContext = (): StrapiTransactionContext | null => {
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const entry = require.resolve('@strapi/database');
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    return require(require('path').join(require('path').dirname(entry), 'transaction-context.js')).transactionCtx;
  } catch {
    return null;
  }
};

/** Work that must run inside a transaction right before its COMMIT (keyed by the knex transactor). */
type BeforeCommit = (trx: Knex.Transaction) => Promise<void>;
const beforeCommitWork = new WeakMap<object, BeforeCommit[]>();

/**
 * Runs `work` in the current transaction just before it commits (the outermost `db.transaction()`
 * of this async context), after everything else the transaction did; a failure rolls the whole
 * transaction back. Outside a transaction it runs at once. The evidence ledger uses it to take its
 * cluster-wide lock as late as possible: the lock is then held only for the ledger's own insert
 * and the COMMIT, not for the rest of the caller's transaction.
 */
export const beforeCommit = async (strapi: Core.Strapi, work: BeforeCommit): Promise<void> => {
  const trx = strapi.db.inTransaction() ? currentTransaction() : null;
  if (!trx) {
    // outside a transaction, or Strapi's commit is not hooked: in a transaction of its own / in place
    await strapi.db.transaction(({ trx: own }) => work(own));
    return;
  }
  const list = beforeCommitWork.get(trx) ?? [];
  list.push(work);
  beforeCommitWork.set(trx, list);
};

/** The transaction `beforeCommit` queues on (null until Strapi's commit is hooked). */
let currentTransaction: () => Knex.Transaction | null = () => null;

/** Hooks `beforeCommit` into Strapi's commit (its transaction context commits every `db.transaction()`). */
export const runWorkBeforeCommit = (strapi: Core.Strapi) => {
  const context = strapiTransactionContext();
  if (!context || typeof context.commit !== 'function') {
    strapi.log.warn('[clinic-crm] @strapi/database transaction context not found: before-commit work runs in place');
    return;
  }
  if (context.__clinicCrmBeforeCommit) return;
  const ctx = context as StrapiTransactionContext & { get?: () => Knex.Transaction | null };
  currentTransaction = () => ctx.get?.() ?? null;
  const commit = context.commit.bind(context);
  context.commit = async (trx: unknown) => {
    const t = trx as Knex.Transaction & { isCompleted?: () => boolean };
    // work queued while running work (e.g. a ledger entry that audits) runs too, in order
    for (let list = beforeCommitWork.get(t); list?.length && !t.isCompleted?.(); list = beforeCommitWork.get(t)) {
      beforeCommitWork.delete(t);
      for (const work of list) await work(t);
    }
    beforeCommitWork.delete(t);
    return commit(trx);
  };
  context.__clinicCrmBeforeCommit = true;
};
