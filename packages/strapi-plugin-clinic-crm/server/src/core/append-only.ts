/**
 * Database triggers that refuse UPDATE and DELETE on an append-only table (the audit trail, the
 * evidence ledger, the price history, batch recalls): the last line of defence below the document
 * service, against raw SQL from the app, a script or a console.
 *
 * They are (re)created at every boot, after Strapi's schema sync, inside one transaction: a sync
 * that rebuilds a table drops its triggers on SQLite (knex alters a SQLite table by copying it to
 * a new one, dropping the old one and renaming the copy; triggers go with the dropped table). So
 * every start replaces them, which also updates a trigger whose body changed, and then checks
 * that each one exists and is enabled: a table left unprotected stops the start.
 *
 * Trigger names are stable (Postgres `<table>_append_only`, SQLite `<table>_no_update` and
 * `<table>_no_delete`): existing databases keep theirs, replaced in place.
 */
import type { Core } from '@strapi/strapi';
import { tableOf } from './db-meta';

export interface AppendOnlyTable {
  uid: string;
  /** The refusal's message; default `<table> is append-only`. */
  message?: string;
}

/** One plpgsql function for every table: the trigger's argument is the message. */
const PG_FUNCTION = 'crm_append_only';
/** The audit table's former function (before the trigger sets were merged): dropped once unused. */
const PG_RETIRED_FUNCTIONS = ['crm_audit_append_only'];
/** Serialises concurrent boots (several instances) replacing the same triggers. */
const PG_LOCK_KEY = 'clinic-crm:append-only-triggers';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const quoteLiteral = (text: string) => `'${text.replace(/'/g, "''")}'`;

export const triggerNames = (client: string, table: string): string[] =>
  client === 'postgres' ? [`${table}_append_only`] : [`${table}_no_update`, `${table}_no_delete`];

/** The statements that replace a table's triggers (pure: unit-tested). */
export const triggerStatements = (client: string, table: string, message: string): string[] => {
  if (!IDENTIFIER.test(table)) throw new Error(`[clinic-crm] not a plain table name: ${table}`);
  const text = quoteLiteral(message);
  if (client === 'postgres') {
    const [name] = triggerNames(client, table);
    return [
      `DROP TRIGGER IF EXISTS ${name} ON ${table}`,
      `CREATE TRIGGER ${name} BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${PG_FUNCTION}(${text})`,
    ];
  }
  if (client === 'sqlite') {
    const [onUpdate, onDelete] = triggerNames(client, table);
    return [
      `DROP TRIGGER IF EXISTS ${onUpdate}`,
      `CREATE TRIGGER ${onUpdate} BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, ${text}); END`,
      `DROP TRIGGER IF EXISTS ${onDelete}`,
      `CREATE TRIGGER ${onDelete} BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, ${text}); END`,
    ];
  }
  throw new Error(`[clinic-crm] append-only tables need SQLite or Postgres (got ${client})`);
};

interface Raw {
  raw: (sql: string, bindings?: unknown[]) => Promise<unknown>;
}

/** The triggers of `names` that exist and fire, as `table.trigger`. */
const existingTriggers = async (client: string, db: Raw, names: string[]): Promise<Set<string>> => {
  if (client === 'postgres') {
    // tgenabled 'D': disabled (ALTER TABLE … DISABLE TRIGGER); unqualified table names resolve like the DDL above
    const result = (await db.raw(
      `SELECT c.relname AS "table", t.tgname AS "trigger" FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' AND pg_table_is_visible(c.oid)`
    )) as { rows: Array<{ table: string; trigger: string }> };
    return new Set(result.rows.filter((r) => names.includes(r.trigger)).map((r) => `${r.table}.${r.trigger}`));
  }
  const rows = (await db.raw(`SELECT tbl_name AS "table", name AS "trigger" FROM sqlite_master WHERE type = 'trigger'`)) as Array<{ table: string; trigger: string }>;
  return new Set(rows.filter((r) => names.includes(r.trigger)).map((r) => `${r.table}.${r.trigger}`));
};

/**
 * Replaces the append-only triggers of `tables` and verifies them; throws (and so stops the start)
 * when one is missing afterwards. Idempotent; safe to run on several instances at once.
 */
export const protectAppendOnly = async (strapi: Core.Strapi, tables: AppendOnlyTable[]) => {
  const client = strapi.db.dialect.client;
  const specs = tables.map(({ uid, message }) => {
    const table = tableOf(strapi, uid);
    return { table, message: message ?? `${table} is append-only` };
  });
  const expected = specs.flatMap(({ table }) => triggerNames(client, table).map((name) => `${table}.${name}`));
  await strapi.db.connection.transaction(async (trx: Raw) => {
    if (client === 'postgres') {
      await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [PG_LOCK_KEY]);
      await trx.raw(`CREATE OR REPLACE FUNCTION ${PG_FUNCTION}() RETURNS trigger AS $$
        BEGIN
          IF TG_NARGS > 0 THEN RAISE EXCEPTION '%', TG_ARGV[0]; END IF;
          RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
        END $$ LANGUAGE plpgsql`);
    }
    for (const { table, message } of specs) {
      for (const statement of triggerStatements(client, table, message)) await trx.raw(statement);
    }
    if (client === 'postgres') {
      // a retired function still used by a trigger outside this set stays (RESTRICT is the default)
      for (const fn of PG_RETIRED_FUNCTIONS) {
        const used = (await trx.raw(`SELECT count(*)::int AS n FROM pg_trigger WHERE tgfoid = to_regproc(?)`, [fn])) as { rows: Array<{ n: number }> };
        if (used.rows[0]?.n === 0) await trx.raw(`DROP FUNCTION IF EXISTS ${fn}()`);
      }
    }
  });
  const found = await existingTriggers(client, strapi.db.connection, expected.map((e) => e.split('.')[1]));
  const missing = expected.filter((e) => !found.has(e));
  if (missing.length > 0) throw new Error(`[clinic-crm] append-only triggers missing after they were created: ${missing.join(', ')}`);
  return expected;
};
