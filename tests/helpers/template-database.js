'use strict';
/**
 * A first boot on an empty database writes ~1,000 rows one statement at a time (schema, admin and
 * staff-role permissions, content-manager layouts, default routing rules, the calendar; the demo
 * data for the browser app): 10-15 s per test file, more than most files then spend testing.
 * A suite's global setup boots the app once on a template database; every test file then starts
 * from a copy of it (a file copy on SQLite, CREATE DATABASE … TEMPLATE on Postgres) — the same
 * rows a first boot writes, made by a real first boot of the same build, and the test's own boot
 * then runs Strapi's ordinary restart path (schema check, permission and role sync) on it.
 *
 * A template is only used on the clinic day it was made (the demo data is dated from today) and
 * for the database server it was made on; otherwise a file boots on an empty database, as before.
 */
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

const APP_DIR = path.resolve(__dirname, '..', '..');
const DIR = path.join(APP_DIR, '.tmp', 'test');

/** What every in-process test boot sets (tests/helpers/strapi.ts), and so what its template is made with. */
const TEST_BOOT_ENV = {
  NODE_ENV: 'test',
  STRAPI_TELEMETRY_DISABLED: 'true',
  BROWSER: 'none',
  CLINIC_CRM_SEED_DEMO: 'false',
  CLINIC_CRM_CRON_ENABLED: 'false',
  DATABASE_CONNECTION_TIMEOUT: '15000',
  // a throw-away SQLite file: no fsync per commit (the test Postgres cluster runs with fsync=off too)
  DATABASE_SQLITE_SYNCHRONOUS: 'OFF',
};

/** What the browser tests' app process (tests/helpers/app-process.ts) starts with: the demo clinic. */
const APP_PROCESS_ENV = {
  NODE_ENV: 'development',
  STRAPI_TELEMETRY_DISABLED: 'true',
  BROWSER: 'none',
  CLINIC_CRM_SEED_DEMO: 'true',
  CLINIC_CRM_CRON_ENABLED: 'false',
  STRAPI_LOG_LEVEL: 'warn',
  DATABASE_SQLITE_SYNCHRONOUS: 'OFF',
};

const isPostgres = () => process.env.DATABASE_CLIENT === 'postgres';

const pgAdminConfig = () => ({
  host: process.env.DATABASE_HOST || '127.0.0.1',
  port: Number(process.env.DATABASE_PORT || 5432),
  user: process.env.DATABASE_USERNAME || 'postgres',
  password: process.env.DATABASE_PASSWORD || undefined,
  database: 'postgres',
});

/** One statement on the server's `postgres` database (CREATE / DROP DATABASE). */
const pgAdmin = async (sql) => {
  const { Client } = require('pg');
  const c = new Client(pgAdminConfig());
  await c.connect();
  try {
    return await c.query(sql);
  } finally {
    await c.end();
  }
};

const SQLITE_SUFFIXES = ['', '-wal', '-shm', '-journal'];

/** The clinic's calendar day now (the demo data and the business calendar are dated by it). */
const clinicDay = () => new Intl.DateTimeFormat('en-CA', { timeZone: process.env.CLINIC_TIME_ZONE || 'Asia/Taipei' }).format(new Date());

/** Where this database client and server keep a template: the same on every call of one run. */
const whereFor = (label) => {
  const server = isPostgres() ? `postgres:${pgAdminConfig().host}:${pgAdminConfig().port}` : 'sqlite';
  return {
    server,
    meta: path.join(DIR, `template-${label}-${isPostgres() ? 'postgres' : 'sqlite'}.json`),
    sqliteFile: path.join(DIR, `template-${label}.db`),
    pgName: `crm_template_${label}`,
  };
};

const dropTemplate = async (label) => {
  const where = whereFor(label);
  fs.rmSync(where.meta, { force: true });
  if (isPostgres()) await pgAdmin(`DROP DATABASE IF EXISTS "${where.pgName}" WITH (FORCE)`);
  else for (const s of SQLITE_SUFFIXES) fs.rmSync(where.sqliteFile + s, { force: true });
};

/** Boots the built app once (register, schema sync, bootstrap) on a new template database, then stops it. */
const makeTemplate = async (label, env) => {
  const started = Date.now();
  const where = whereFor(label);
  await dropTemplate(label);
  fs.mkdirSync(DIR, { recursive: true });
  const dbEnv = isPostgres()
    ? { DATABASE_CLIENT: 'postgres', DATABASE_NAME: where.pgName }
    : { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.relative(APP_DIR, where.sqliteFile) };
  if (isPostgres()) await pgAdmin(`CREATE DATABASE "${where.pgName}"`);
  const script = [
    "const { createStrapi } = require('@strapi/strapi');",
    `const app = createStrapi({ appDir: ${JSON.stringify(APP_DIR)}, distDir: ${JSON.stringify(path.join(APP_DIR, 'dist'))} });`,
    'app.load().then(() => app.destroy()).then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });',
  ].join('\n');
  let output = '';
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', script], {
      cwd: APP_DIR,
      env: { ...process.env, STRAPI_LOG_LEVEL: 'error', ...env, ...dbEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', resolve);
  });
  if (code !== 0) {
    await dropTemplate(label).catch(() => undefined);
    throw new Error(`[template] the first boot of the ${label} template failed (exit ${code}):\n${output.slice(-4000)}`);
  }
  fs.writeFileSync(where.meta, JSON.stringify({ label, server: where.server, day: clinicDay(), madeInMs: Date.now() - started }));
  return Date.now() - started;
};

/** The template to copy for `label`, or null (none made, another server, or made on another clinic day). */
const usableTemplate = (label) => {
  if (process.env.TEST_DATABASE_TEMPLATE === 'off') return null;
  const where = whereFor(label);
  let meta;
  try {
    meta = JSON.parse(fs.readFileSync(where.meta, 'utf8'));
  } catch {
    return null;
  }
  if (meta.server !== where.server || meta.day !== clinicDay()) return null;
  return where;
};

/** Fills the (new, empty) database `name` / SQLite file `file` from the template; false when there is none to use. */
const copyTemplate = async (label, { pgName, sqliteFile }) => {
  const where = usableTemplate(label);
  if (!where) return false;
  if (isPostgres()) {
    await pgAdmin(`CREATE DATABASE "${pgName}" TEMPLATE "${where.pgName}"`);
    return true;
  }
  // the template's last connection closed cleanly (its WAL checkpointed); a WAL left over is copied with it
  for (const s of ['', '-wal']) if (fs.existsSync(where.sqliteFile + s)) fs.copyFileSync(where.sqliteFile + s, sqliteFile + s);
  return true;
};

module.exports = { TEST_BOOT_ENV, APP_PROCESS_ENV, SQLITE_SUFFIXES, pgAdmin, makeTemplate, copyTemplate, dropTemplate, usableTemplate };
