/**
 * Boots a real Strapi (compiled once by global-setup) against a database of its own per test file:
 * SQLite: a new file under .tmp/; Postgres (DATABASE_CLIENT=postgres): a new database on the
 * server from DATABASE_HOST/PORT/USERNAME, dropped afterwards. The new database is a copy of the
 * one global-setup's first boot made (helpers/template-database.js), or empty when there is none.
 */
import fs from 'fs';
import path from 'path';

export const APP_DIR = path.resolve(__dirname, '..', '..');
let counter = 0;
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { TEST_BOOT_ENV, SQLITE_SUFFIXES, pgAdmin, copyTemplate } = require('./template-database');

export const isPostgres = () => process.env.DATABASE_CLIENT === 'postgres';

export interface TestDatabase {
  env: Record<string, string>;
  drop: () => Promise<void>;
}

/**
 * A database nobody else uses: a copy of the `label` template (a first boot's rows), or with
 * `fresh` (or no template made) an empty one that the test's boot fills.
 */
export const createTestDatabase = async (label = 'crm', { fresh = false } = {}): Promise<TestDatabase> => {
  counter += 1;
  const name = `${label}_${process.pid}_${Date.now().toString(36)}_${counter}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  if (isPostgres()) {
    if (fresh || !(await copyTemplate(label, { pgName: name }))) await pgAdmin(`CREATE DATABASE "${name}"`);
    return {
      env: { DATABASE_CLIENT: 'postgres', DATABASE_NAME: name },
      drop: async () => {
        await pgAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      },
    };
  }
  const rel = path.join('.tmp', 'test', `${name}.db`);
  const abs = path.join(APP_DIR, rel);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  for (const suffix of SQLITE_SUFFIXES) fs.rmSync(abs + suffix, { force: true });
  if (!fresh) await copyTemplate(label, { sqliteFile: abs });
  return {
    env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: rel },
    drop: async () => {
      for (const suffix of SQLITE_SUFFIXES) fs.rmSync(abs + suffix, { force: true });
    },
  };
};

export interface Booted {
  strapi: any;
  db: TestDatabase;
  http: any;
}

export interface BootOptions {
  /** Boot on this database (a second boot on the same data) instead of a new one. */
  db?: TestDatabase;
  /** Called with the created instance before it loads (e.g. to register a hook). */
  beforeLoad?: (created: any) => void;
  /** Boot on an empty database (a true first boot) instead of a copy of the template. */
  fresh?: boolean;
}

/** `env`: variables for this boot; `undefined` removes one (e.g. to use config/database.ts's default instead of the tests'). */
export const bootStrapi = async (env: Record<string, string | undefined> = {}, options: BootOptions = {}): Promise<Booted> => {
  const db = options.db ?? (await createTestDatabase('crm', { fresh: options.fresh }));
  Object.assign(process.env, {
    ...TEST_BOOT_ENV,
    STRAPI_LOG_LEVEL: process.env.STRAPI_LOG_LEVEL || 'error',
    ...db.env,
    ...env,
  });
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete process.env[key];
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { createStrapi } = require('@strapi/strapi');
  const created = createStrapi({ appDir: APP_DIR, distDir: path.join(APP_DIR, 'dist') });
  options.beforeLoad?.(created);
  let instance: any;
  try {
    instance = await created.load();
  } catch (error) {
    // a boot that failed half-way still holds a pool, timers and maybe a server: close them, or
    // jest never exits
    await created.destroy().catch(() => undefined);
    if (!options.db) await db.drop().catch(() => undefined);
    throw error;
  }
  instance.log.level = process.env.STRAPI_LOG_LEVEL || 'error';
  await instance.server.mount();
  return { strapi: instance, db, http: instance.server.httpServer };
};

export const stopStrapi = async (booted?: Booted, { keepDatabase = false } = {}) => {
  if (!booted) return;
  // Strapi emits document events without awaiting them: let the last ones finish before the pool closes.
  await new Promise((r) => setTimeout(r, 300));
  await booted.strapi.destroy();
  if (!keepDatabase) await booted.db.drop();
};
