/**
 * Browser tests run the built app (`strapi build`: TypeScript and the admin panel) as a separate
 * process. Build once here unless SKIP_BUILD=true (the test script builds just before).
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

module.exports = async () => {
  const appDir = path.resolve(__dirname, '..', '..');
  if (!fs.existsSync('/usr/bin/chromium') && !process.env.CHROMIUM_PATH) {
    throw new Error('Debian chromium is not installed (apt-get install chromium); .ci/run installs it');
  }
  const { buildPlugin, PLUGIN_DIR } = require('../../scripts/lib/build-plugin');
  if (!(process.env.SKIP_BUILD === 'true' && fs.existsSync(path.join(appDir, 'dist', 'build', 'index.html')) && fs.existsSync(path.join(PLUGIN_DIR, 'dist')))) {
    buildPlugin({ quiet: true });
    execFileSync(process.execPath, [path.join(appDir, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'build'], {
      cwd: appDir,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: process.env.NODE_ENV === 'production' ? 'production' : 'development', STRAPI_TELEMETRY_DISABLED: 'true' },
    });
  }
  // the demo clinic every browser test's app starts from: one first boot with the demo seed
  const { makeTemplate, APP_PROCESS_ENV } = require('./template-database');
  const ms = await makeTemplate('browser', APP_PROCESS_ENV);
  // eslint-disable-next-line no-console
  console.log(`[browser-setup] demo template database made in ${ms} ms`);
};
