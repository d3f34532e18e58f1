#!/usr/bin/env node
'use strict';
/**
 * clinic-crm:rotate-keys — re-encrypts every health field not under the active key
 * (CLINIC_CRM_ENCRYPTION_KEY_ID, else the first of CLINIC_CRM_ENCRYPTION_KEYS), and encrypts any
 * plaintext left from before encryption was on. Safe to run while the app serves (each row is
 * updated only if it still holds the value read) and to run again. Afterwards the old key can be
 * removed from CLINIC_CRM_ENCRYPTION_KEYS.
 *
 *   CLINIC_CRM_ENCRYPTION_KEYS="k1:…,k2:…" CLINIC_CRM_ENCRYPTION_KEY_ID=k2 npm run clinic-crm:rotate-keys
 */
const fs = require('fs');
const path = require('path');

(async () => {
  const appDir = path.resolve(__dirname, '..');
  process.env.CLINIC_CRM_CRON_ENABLED = 'false';
  process.env.CLINIC_CRM_SEED_DEMO = 'false';
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  const { createStrapi } = require('@strapi/strapi');
  const { compileApp, isBuilt } = require('./lib/build-plugin');
  if (!isBuilt()) await compileApp({ quiet: true });
  const strapi = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  strapi.log.level = 'warn';
  try {
    const result = await strapi.plugin('clinic-crm').service('encryption').rotate({ log: (line) => console.log(line) });
    const total = result.columns.reduce((n, c) => n + c.reencrypted + c.encrypted, 0);
    const unreadable = result.columns.reduce((n, c) => n + c.skipped, 0);
    console.log(`active key ${result.activeKeyId}: ${total} values rewritten, ${unreadable} unreadable`);
    process.exitCode = unreadable > 0 ? 2 : 0;
  } finally {
    await strapi.destroy();
  }
})().catch((e) => {
  console.error(`rotate-keys failed: ${e.message}`);
  process.exit(1);
});
