/**
 * Append-only tables (audit trail, evidence ledger, price history, batch recalls): the database
 * itself refuses raw UPDATE and DELETE, on both databases, also after a later boot whose schema sync
 * rebuilt a table. (On SQLite knex alters a table by copying it to a new one and dropping the old
 * one, and the triggers go with it: the plugin replaces them at every boot, after the sync.)
 *
 * Refusals are compared by message, not with `rejects.toThrow`: better-sqlite3's SqliteError is
 * not a real Error object, and its class comes from the first test file of the jest process that
 * opened a database (the native addon keeps the first file's constructor), so in later files
 * `rejects.toThrow` reports "did not throw" for a refused statement.
 */
import { bootStrapi, stopStrapi, isPostgres, type Booted, type TestDatabase } from '../helpers/strapi';
import { rawExec, rawRows } from '../helpers/raw-db';
import { UID } from '../helpers/fixtures';

const TYPES = ['audit-event', 'ledger-entry', 'price-change', 'batch-recall'];
let first: Booted | undefined;
let second: Booted | undefined;
let db: TestDatabase;
let tables: Record<string, string> = {};

afterAll(async () => {
  await stopStrapi(first, { keepDatabase: true });
  await stopStrapi(second, { keepDatabase: true });
  await db?.drop();
});

/** 'accepted', or the error message of a refused statement. */
const refusal = (p: PromiseLike<unknown>) => Promise.resolve(p).then(() => 'accepted', (e: any) => String(e?.message ?? e));
const expectedTriggers = (table: string) => (isPostgres() ? [`${table}_append_only`] : [`${table}_no_delete`, `${table}_no_update`]);
/** The enabled triggers on a table, read past Strapi. */
const triggersOn = async (table: string, query: (sql: string, params: unknown[]) => Promise<any[]> = rawRows) => {
  const rows = isPostgres()
    ? await query(`SELECT t.tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relname = ? AND NOT t.tgisinternal AND t.tgenabled <> 'D'`, [table])
    : await query(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?`, [table]);
  return rows.map((r: any) => r.name).sort();
};
const columnsOf = async (table: string) =>
  (isPostgres() ? await rawRows(`SELECT column_name AS name FROM information_schema.columns WHERE table_name = ?`, [table]) : await rawRows(`SELECT name FROM pragma_table_info(?)`, [table])).map((r: any) => r.name);

/** Raw UPDATE and DELETE on the audit table and the ledger are refused, and the rows stay as they were. */
const expectRawWritesRefused = async (strapi: any) => {
  const knex = strapi.db.connection;
  for (const table of [tables['audit-event'], tables['ledger-entry']]) {
    const before = await rawRows(`SELECT * FROM ${table} ORDER BY id`);
    expect(before.length).toBeGreaterThan(0);
    const column = table === tables['audit-event'] ? 'actor' : 'kind';
    expect(await refusal(knex(table).update({ [column]: 'forged' }))).toMatch(/append-only/);
    expect(await refusal(knex(table).where({ id: before[0].id }).update({ [column]: 'forged' }))).toMatch(/append-only/);
    expect(await refusal(knex.raw(`UPDATE ${table} SET ${column} = 'forged'`))).toMatch(/append-only/);
    expect(await refusal(knex(table).del())).toMatch(/append-only/);
    expect(await rawRows(`SELECT * FROM ${table} ORDER BY id`)).toEqual(before);
  }
};

it('refuses raw UPDATE and DELETE on every append-only table', async () => {
  first = await bootStrapi();
  db = first.db;
  const { strapi } = first;
  tables = Object.fromEntries(TYPES.map((t) => [t, strapi.db.metadata.get(UID(t)).tableName]));
  await strapi.plugin('clinic-crm').service('audit').record({ action: 'create', targetType: UID('client'), targetLabel: 'C-000001' });
  for (const table of Object.values(tables)) expect(await triggersOn(table)).toEqual(expectedTriggers(table));
  await expectRawWritesRefused(strapi);
});

it('still refuses them after a later boot whose schema sync rebuilt the table', async () => {
  await stopStrapi(first, { keepDatabase: true });
  first = undefined;
  const audit = tables['audit-event'];
  // An upgrade removed an attribute: the column exists and Strapi's stored schema knows it, the
  // content type no longer declares it, so the next boot's schema sync drops it.
  const [stored] = await rawRows('SELECT id, schema FROM strapi_database_schema ORDER BY time DESC');
  const schema = typeof stored.schema === 'string' ? JSON.parse(stored.schema) : stored.schema;
  const table = schema.tables.find((t: any) => t.name === audit);
  table.columns.push({ ...table.columns.find((c: any) => c.type === 'string'), name: 'legacy_note', notNullable: false, defaultTo: null });
  await rawExec([
    [`ALTER TABLE ${audit} ADD COLUMN legacy_note varchar(255)`],
    ['UPDATE strapi_database_schema SET schema = ?, hash = ? WHERE id = ?', [JSON.stringify(schema), 'changed by an upgrade', stored.id]],
  ]);
  expect(await triggersOn(audit)).toEqual(expectedTriggers(audit)); // protected as the second boot starts

  let atSync: string[] = [];
  second = await bootStrapi({}, {
    db,
    // what the schema sync left, before the plugin's bootstrap runs
    beforeLoad: (created) => {
      const register = created.register.bind(created);
      created.register = async () => {
        await register();
        created.hook('strapi::content-types.afterSync').register(async () => {
          atSync = await triggersOn(audit, (sql, params) => created.db.connection.raw(sql, params).then((r: any) => r.rows ?? r));
        });
        return created;
      };
    },
  });
  expect(await columnsOf(audit)).not.toContain('legacy_note');
  // SQLite: the sync rebuilt the table and its triggers went with it; Postgres drops the column in place
  expect(atSync).toEqual(isPostgres() ? expectedTriggers(audit) : []);
  for (const t of Object.values(tables)) expect(await triggersOn(t)).toEqual(expectedTriggers(t));
  await expectRawWritesRefused(second.strapi);
  // appending still works
  await second.strapi.plugin('clinic-crm').service('audit').record({ action: 'update', targetType: UID('client'), targetLabel: 'C-000001', fields: ['phone'] });
  expect((await rawRows(`SELECT action FROM ${audit} ORDER BY id`)).map((r: any) => r.action)).toEqual(['create', 'update']);
});

it('replaces a trigger someone disabled or dropped at the next boot, and keeps Postgres trigger names', async () => {
  const audit = tables['audit-event'];
  const ledger = tables['ledger-entry'];
  await stopStrapi(second, { keepDatabase: true });
  second = undefined;
  await rawExec(
    isPostgres()
      ? [
          // a database from before the trigger sets were merged: the audit table had its own function
          [`CREATE OR REPLACE FUNCTION crm_audit_append_only() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit events are append-only'; END $$ LANGUAGE plpgsql`],
          [`DROP TRIGGER ${audit}_append_only ON ${audit}`],
          [`CREATE TRIGGER ${audit}_append_only BEFORE UPDATE OR DELETE ON ${audit} FOR EACH ROW EXECUTE FUNCTION crm_audit_append_only()`],
          [`ALTER TABLE ${audit} DISABLE TRIGGER ${audit}_append_only`],
          [`DROP TRIGGER ${ledger}_append_only ON ${ledger}`],
        ]
      : [[`DROP TRIGGER ${audit}_no_update`], [`DROP TRIGGER ${ledger}_no_delete`]]
  );
  expect(await triggersOn(audit)).not.toEqual(expectedTriggers(audit));
  second = await bootStrapi({}, { db });
  for (const t of Object.values(tables)) expect(await triggersOn(t)).toEqual(expectedTriggers(t));
  await expectRawWritesRefused(second.strapi);
  if (isPostgres()) {
    // one function for every table; the audit table's former one is gone
    const fns = await rawRows(`SELECT proname FROM pg_proc WHERE proname LIKE 'crm\\_%append\\_only'`);
    expect(fns.map((f: any) => f.proname)).toEqual(['crm_append_only']);
  }
});
