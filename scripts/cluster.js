'use strict';
/**
 * npm run cluster — the production layout on this machine: PostgreSQL (a throw-away cluster from
 * scripts/with-postgres.sh unless DATABASE_CLIENT=postgres and DATABASE_* point at one), the demo
 * data seeded once, N `strapi start` instances in production mode (CLUSTER_INSTANCES, default 2) and
 * nginx in front (CLUSTER_PORT, default a free one), all on 127.0.0.1. Ctrl-C stops everything.
 */
const { Client } = require('pg');
const { compileApp, isBuilt } = require('./lib/build-plugin');
const { startCluster } = require('./lib/cluster');

const INSTANCES = Number(process.argv[2] || process.env.CLUSTER_INSTANCES || 2);

/** The throw-away cluster gets a `clinic_crm` database; one given through DATABASE_* is used as it is. */
async function database() {
  const name = process.env.DATABASE_NAME || 'clinic_crm';
  const cfg = {
    host: process.env.DATABASE_HOST || '127.0.0.1',
    port: Number(process.env.DATABASE_PORT || 5432),
    user: process.env.DATABASE_USERNAME || 'postgres',
    password: process.env.DATABASE_PASSWORD || undefined,
  };
  if (process.env.PG_DATA_DIR && !process.env.DATABASE_NAME) {
    const c = new Client({ ...cfg, database: 'postgres' });
    await c.connect();
    await c.query(`CREATE DATABASE "${name}"`);
    await c.end();
  }
  return { DATABASE_CLIENT: 'postgres', DATABASE_NAME: name };
}

(async () => {
  if (process.env.DATABASE_CLIENT !== 'postgres') throw new Error('run through npm run cluster (it provides PostgreSQL)');
  if (!isBuilt()) {
    console.log('[cluster] compiling the plugin and the app…');
    await compileApp({ quiet: true });
  }
  const db = await database();
  console.log(`[cluster] seeding the demo data once (a development-mode start), then ${INSTANCES} production instances and nginx…`);
  const cluster = await startCluster({
    instances: INSTANCES,
    database: db,
    nginxPort: process.env.CLUSTER_PORT ? Number(process.env.CLUSTER_PORT) : undefined,
    // the demo admin and staff accounts are made only outside production: the seeding start is development
    prepare: { env: { NODE_ENV: 'development', CLINIC_CRM_SEED_DEMO: 'true', CLINIC_CRM_CRON_ENABLED: 'false' } },
  });
  if (cluster.generatedSecrets.length) {
    console.log(`[cluster] random secrets generated for this run (not saved anywhere): ${cluster.generatedSecrets.join(', ')}`);
    console.log('[cluster] set them in the environment to keep sessions and encrypted health data readable across runs');
  }
  console.log(`\n  nginx (the address to use)   ${cluster.url}`);
  console.log(`  price table (cached)         ${cluster.url}/api/clinic-crm/price-table?locale=en`);
  console.log(`  website demo page            ${cluster.url}/price-table.html`);
  console.log(`  admin panel                  ${cluster.adminPanel ? `${cluster.url}/admin (admin@clinic.local / DEMO_ADMIN_PASSWORD or ClinicDemo2026!)` : 'not built: run npm run build first'}`);
  for (const i of cluster.instances) console.log(`  ${i.label.padEnd(28)} ${i.url} (pid ${i.pid})`);
  console.log(`  nginx config                 ${cluster.nginx.conf}`);
  console.log(`  database                     postgres://${process.env.DATABASE_HOST || '127.0.0.1'}:${process.env.DATABASE_PORT || 5432}/${db.DATABASE_NAME}`);
  console.log('\n[cluster] Ctrl-C stops everything');

  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n[cluster] ${signal}: stopping nginx and the instances…`);
    await cluster.stop();
    console.log('[cluster] stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  for (const i of cluster.instances) {
    i.child.on('exit', (code, signal) => {
      if (!stopping) console.log(`[cluster] ${i.label} exited (code ${code}, signal ${signal}); its last output:\n${i.log().split('\n').slice(-30).join('\n')}`);
    });
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
