'use strict';
/**
 * The one build every test suite uses (scripts/test-all.sh runs suites side by side, each with
 * SKIP_BUILD=true, so none rebuilds files another is loading): the plugin package (built and
 * verified), the app's TypeScript with type errors failing the build, and the admin panel.
 */
const { execFileSync } = require('child_process');
const path = require('path');
const { APP_DIR, compileApp } = require('./lib/build-plugin');

(async () => {
  const started = Date.now();
  await compileApp({ quiet: true });
  const compiled = Date.now();
  execFileSync(process.execPath, [path.join(APP_DIR, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'build'], {
    cwd: APP_DIR,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'development', STRAPI_TELEMETRY_DISABLED: 'true' },
  });
  console.log(`[build] plugin and app compiled in ${compiled - started} ms, admin panel built in ${Date.now() - compiled} ms`);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
