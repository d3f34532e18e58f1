/** Reads rows straight from the database file / server, past Strapi and knex: what is really stored. */
import path from 'path';
import { Client } from 'pg';
import { APP_DIR, isPostgres } from './strapi';

/** A connection to this test file's Postgres database, past Strapi's pool. */
const pgClient = async () => {
  const c = new Client({
    host: process.env.DATABASE_HOST || '127.0.0.1',
    port: Number(process.env.DATABASE_PORT || 5432),
    user: process.env.DATABASE_USERNAME || 'postgres',
    password: process.env.DATABASE_PASSWORD || undefined,
    database: process.env.DATABASE_NAME,
  });
  await c.connect();
  return c;
};

/** `?` placeholders (as knex and SQLite write them) as Postgres's `$1, $2 …`. */
const numbered = (sql: string) => {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
};

export const rawRows = async (sql: string, params: unknown[] = []): Promise<any[]> => {
  if (isPostgres()) {
    const c = await pgClient();
    try {
      return (await c.query(numbered(sql), params)).rows;
    } finally {
      await c.end();
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const Database = require('better-sqlite3');
  const db = new Database(path.join(APP_DIR, process.env.DATABASE_FILENAME!), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params);
  } finally {
    db.close();
  }
};

/** Runs statements straight against the database (no Strapi running): what a script or a DBA does. */
export const rawExec = async (statements: Array<[string, unknown[]?]>): Promise<void> => {
  if (isPostgres()) {
    const c = await pgClient();
    try {
      for (const [sql, params = []] of statements) {
        await c.query(numbered(sql), params);
      }
    } finally {
      await c.end();
    }
    return;
  }
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const Database = require('better-sqlite3');
  const db = new Database(path.join(APP_DIR, process.env.DATABASE_FILENAME!), { fileMustExist: true });
  try {
    for (const [sql, params = []] of statements) db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
};
