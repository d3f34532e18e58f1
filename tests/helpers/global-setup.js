'use strict';
// Compile the app (TypeScript → dist/) once for the whole integration run; every test file then
// boots its own Strapi from that output against its own fresh database.
const path = require('path');

module.exports = async () => {
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  const { compileApp, isBuilt } = require('../../scripts/lib/build-plugin');
  // a loop of runs (scripts/pg-restart-loop.sh) compiles once
  if (!(process.env.SKIP_BUILD === 'true' && isBuilt())) {
    const started = Date.now();
    await compileApp({ quiet: true });
    // eslint-disable-next-line no-console
    console.log(`\n[global-setup] compiled app in ${Date.now() - started} ms`);
  }
  // the database every test file starts from: one first boot of this build (helpers/template-database.js)
  const { makeTemplate, TEST_BOOT_ENV } = require('./template-database');
  const ms = await makeTemplate('crm', TEST_BOOT_ENV);
  // eslint-disable-next-line no-console
  console.log(`[global-setup] template database made in ${ms} ms`);
};
