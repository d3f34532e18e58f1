'use strict';
/**
 * Shared by the benchmarks: a fresh database (SQLite file, or a Postgres database when
 * DATABASE_CLIENT=postgres), an in-process Strapi to seed it, and `strapi start` in
 * production mode as a child process to measure.
 */
const fs = require('fs');
const path = require('path');
const net = require('net');
const crypto = require('crypto');
const { spawn } = require('child_process');

const APP_DIR = path.resolve(__dirname, '..', '..');

const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

const randomSecret = () => crypto.randomBytes(24).toString('base64');

async function freshDatabase(label) {
  const name = `bench_${label}_${Date.now().toString(36)}`;
  if (process.env.DATABASE_CLIENT === 'postgres') {
    const { Client } = require('pg');
    const cfg = {
      host: process.env.DATABASE_HOST || '127.0.0.1',
      port: Number(process.env.DATABASE_PORT || 5432),
      user: process.env.DATABASE_USERNAME || 'postgres',
      password: process.env.DATABASE_PASSWORD || undefined,
      database: 'postgres',
    };
    const c = new Client(cfg);
    await c.connect();
    await c.query(`CREATE DATABASE "${name}"`);
    await c.end();
    return {
      env: { DATABASE_CLIENT: 'postgres', DATABASE_NAME: name },
      drop: async () => {
        const d = new Client(cfg);
        await d.connect();
        await d.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await d.end();
      },
    };
  }
  const rel = path.join('.tmp', 'bench', `${name}.db`);
  fs.mkdirSync(path.join(APP_DIR, '.tmp', 'bench'), { recursive: true });
  return {
    env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: rel },
    drop: async () => ['', '-wal', '-shm'].forEach((s) => fs.rmSync(path.join(APP_DIR, rel + s), { force: true })),
  };
}

const BENCH_ENCRYPTION_KEYS = `bench:${require('crypto').randomBytes(32).toString('base64')}`;
const BENCH_LEDGER_KEYS = `bench:${require('crypto').randomBytes(32).toString('base64')}`;

const baseEnv = (dbEnv) => ({
  ...process.env,
  ...dbEnv,
  STRAPI_TELEMETRY_DISABLED: 'true',
  STRAPI_LOG_LEVEL: 'error',
  CLINIC_CRM_SEED_DEMO: 'false',
  CLINIC_CRM_CRON_ENABLED: 'false',
  SERVE_ADMIN_PANEL: 'false',
  // one key for every process of a run (the seeding one and the served ones): they share the database
  CLINIC_CRM_ENCRYPTION_KEYS: BENCH_ENCRYPTION_KEYS,
  // and one evidence-ledger key (production refuses the public development one)
  CLINIC_CRM_LEDGER_KEYS: BENCH_LEDGER_KEYS,
});

async function compile() {
  await require('./build-plugin').compileApp({ quiet: true });
}

/** Loads Strapi in this process against the database, runs `fn(strapi)`, shuts it down. */
async function withStrapi(dbEnv, fn) {
  Object.assign(process.env, baseEnv(dbEnv), { NODE_ENV: 'development' });
  const { createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({ appDir: APP_DIR, distDir: path.join(APP_DIR, 'dist') }).load();
  try {
    return await fn(strapi);
  } finally {
    // Strapi emits document events without awaiting them: let the last ones finish before the pool closes
    await new Promise((r) => setTimeout(r, 500));
    await strapi.destroy();
  }
}

/** Environment of a production-mode instance: every secret set (random for the benchmark). */
const productionEnv = (dbEnv, extraEnv = {}) => ({
  ...baseEnv(dbEnv),
  NODE_ENV: 'production',
  APP_KEYS: `${randomSecret()},${randomSecret()}`,
  ADMIN_JWT_SECRET: randomSecret(),
  API_TOKEN_SALT: randomSecret(),
  TRANSFER_TOKEN_SALT: randomSecret(),
  ENCRYPTION_KEY: randomSecret(),
  JWT_SECRET: randomSecret(),
  CLINIC_CRM_METRICS_TOKEN: randomSecret(),
  // the benchmarks load from one address: the per-address public limit would measure itself
  CLINIC_CRM_PUBLIC_RATE_LIMIT_MAX: '100000000',
  ...extraEnv,
});

/** `strapi start` in production mode; resolves once it answers HTTP. */
async function startProduction(dbEnv, extraEnv = {}) {
  const port = await freePort();
  const env = productionEnv(dbEnv, { HOST: '127.0.0.1', PORT: String(port), ...extraEnv });
  // BENCH_CPU_PROF=<dir>: the instance writes a V8 CPU profile there when it stops (open it in Chrome's DevTools)
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : [];
  const child = spawn(process.execPath, [...profile, path.join(APP_DIR, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'], {
    cwd: APP_DIR,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`strapi start exited early:\n${output}`);
    try {
      const res = await fetch(`${url}/_health`);
      if (res.status < 500) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`strapi start did not answer within 120 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    pid: child.pid,
    child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', resolve);
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

/** Resident set size of a process in MB (Linux /proc). */
const rssMb = (pid) => {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
    return Math.round(kb / 1024);
  } catch {
    return null;
  }
};

module.exports = { APP_DIR, compile, freshDatabase, withStrapi, startProduction, productionEnv, rssMb, freePort };
