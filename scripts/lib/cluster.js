'use strict';
/**
 * The production layout on one machine: N `strapi start` processes (production mode, IS_PROXIED)
 * on one PostgreSQL database, behind nginx (deploy/nginx/clinic-crm.conf), all on loopback.
 * Used by `npm run cluster` (scripts/cluster.js), `npm run bench:load` and tests/integration/cluster.test.ts.
 *
 * startCluster({ instances = 2, env, database, prepare }) → { url, instances: [{ url, pid, rssMb() }], stop() }
 *   database  the DATABASE_* variables of an existing PostgreSQL database
 *   env       extra environment for every instance (it wins over the defaults below)
 *   prepare   who creates the schema and runs the one-time start-up work (triggers, default rules,
 *             seed) before the instances start together, so they never race on it:
 *             'first-instance' (default): instance 1 starts alone, then the others;
 *             { env }: a one-off `strapi start` with that extra environment (e.g. development mode
 *             with demo data), stopped once it answers; 'none': the schema is already there.
 */
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { spawn } = require('child_process');
const { startNginx } = require('./nginx');
const { isBuilt } = require('./build-plugin');
const { freePort, rssMb } = require('./bench-app');

const APP_DIR = path.resolve(__dirname, '..', '..');
const STRAPI_BIN = path.join(APP_DIR, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');

const random = (bytes = 32) => crypto.randomBytes(bytes).toString('base64');
/** Every secret production refuses to start without, and how to make a throw-away one. */
const SECRETS = {
  APP_KEYS: () => `${random(24)},${random(24)}`,
  ADMIN_JWT_SECRET: () => random(24),
  API_TOKEN_SALT: () => random(24),
  TRANSFER_TOKEN_SALT: () => random(24),
  ENCRYPTION_KEY: () => random(24),
  JWT_SECRET: () => random(24),
  CLINIC_CRM_ENCRYPTION_KEYS: () => `run:${random()}`,
  CLINIC_CRM_LEDGER_KEYS: () => `run:${random()}`,
  CLINIC_CRM_METRICS_TOKEN: () => random(24),
};

/** The secrets from `env` or the environment; random ones for this run where absent (names listed). */
function clusterSecrets(env = {}) {
  const values = {};
  const generated = [];
  for (const [name, make] of Object.entries(SECRETS)) {
    const given = env[name] ?? process.env[name];
    if (given) values[name] = given;
    else {
      values[name] = make();
      generated.push(name);
    }
  }
  return { values, generated };
}

/** One `strapi start` child; resolves once /_health answers. */
async function startInstance(env, label) {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [STRAPI_BIN, 'start'], {
    cwd: APP_DIR,
    env: { ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (d) => (output = (output + d).slice(-50_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const instance = {
    label,
    url,
    port,
    pid: child.pid,
    child,
    log: () => output,
    rssMb: () => rssMb(child.pid),
    stop: () => stopChild(child, 15_000),
  };
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${label} exited (${child.exitCode}) while starting:\n${output.slice(-4000)}`);
    try {
      const res = await fetch(`${url}/_health`, { signal: AbortSignal.timeout(2000) });
      if (res.status < 500) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await instance.stop();
      throw new Error(`${label} did not answer within 180 s:\n${output.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return instance;
}

/** SIGTERM (the app's bounded shutdown), SIGKILL after `graceMs`; resolves when the process is gone. */
function stopChild(child, graceMs) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** A process and its direct children (nginx's master and workers). */
const withChildren = (pid) => {
  try {
    return [pid, ...fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)];
  } catch {
    return [pid];
  }
};

async function startCluster({ instances = 2, env = {}, database, prepare = 'first-instance', trustForwardedFrom = [], nginxPort, nginxWorkers = 'auto' } = {}) {
  if (!database || database.DATABASE_CLIENT !== 'postgres') throw new Error('startCluster: several instances share one PostgreSQL database (database.DATABASE_CLIENT=postgres)');
  if (!isBuilt()) throw new Error('startCluster: the app is not compiled (node scripts/lib/build-plugin.js && npm run build, or compileApp())');
  const port = nginxPort || (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const { values: secrets, generated } = clusterSecrets(env);
  const adminBuilt = fs.existsSync(path.join(APP_DIR, 'dist', 'build', 'index.html'));
  const base = {
    ...process.env,
    STRAPI_TELEMETRY_DISABLED: 'true',
    BROWSER: 'none',
    NODE_ENV: 'production',
    IS_PROXIED: 'true',
    PUBLIC_URL: url,
    CLINIC_CRM_ADMIN_URL: `${url}/admin`,
    CLINIC_CRM_PUBLIC_SITE_URL: url,
    CORS_ORIGINS: url,
    CLINIC_CRM_SEED_DEMO: 'false',
    SERVE_ADMIN_PANEL: adminBuilt ? 'true' : 'false',
    ...database,
    ...secrets,
    ...env,
  };
  const started = [];
  const stopAll = () => Promise.all(started.map((i) => i.stop()));
  let nginx;
  try {
    if (prepare && typeof prepare === 'object') {
      const once = await startInstance({ ...base, ...prepare.env }, 'preparation');
      await once.stop();
    }
    const first = prepare === 'first-instance' ? 1 : 0;
    for (let i = 0; i < first; i += 1) started.push(await startInstance(base, `instance ${i + 1}`));
    const rest = await Promise.allSettled(Array.from({ length: instances - first }, (_, k) => startInstance(base, `instance ${first + k + 1}`)));
    for (const r of rest) if (r.status === 'fulfilled') started.push(r.value);
    const failed = rest.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    nginx = await startNginx({ port, upstreams: started.map((i) => `127.0.0.1:${i.port}`), workers: nginxWorkers, trustForwardedFrom });
  } catch (e) {
    await stopAll();
    throw e;
  }
  return {
    url,
    nginx: { pid: nginx.pid, conf: nginx.conf, errorLog: nginx.errorLog, rssMb: () => withChildren(nginx.pid).reduce((a, p) => a + (rssMb(p) || 0), 0) },
    instances: started.map((i) => ({ url: i.url, pid: i.pid, label: i.label, rssMb: i.rssMb, log: i.log, child: i.child })),
    generatedSecrets: generated,
    adminPanel: adminBuilt,
    /** nginx first (no new requests), then every instance; resolves when all have exited. */
    stop: async () => {
      await nginx.stop();
      await stopAll();
    },
  };
}

module.exports = { startCluster, clusterSecrets };
