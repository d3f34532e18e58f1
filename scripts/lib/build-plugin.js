'use strict';
/**
 * The clinic-crm plugin is its own package (packages/strapi-plugin-clinic-crm), built with
 * Strapi's plugin SDK into its dist/; the app loads that build like any installed plugin.
 * Everything that compiles or builds the app builds the plugin first with this.
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const APP_DIR = path.resolve(__dirname, '..', '..');
const PLUGIN_DIR = path.join(APP_DIR, 'packages', 'strapi-plugin-clinic-crm');
const PLUGIN_SERVER = path.join(PLUGIN_DIR, 'dist', 'server', 'index.js');
const SDK_CLI = path.join(APP_DIR, 'node_modules', '@strapi', 'sdk-plugin', 'bin', 'strapi-plugin.js');

function buildPlugin({ quiet = false } = {}) {
  const started = Date.now();
  execFileSync(process.execPath, [SDK_CLI, 'build', ...(quiet ? ['--silent'] : [])], {
    cwd: PLUGIN_DIR,
    stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  // the SDK's own check of the package: exports, built files, and the type declarations (a type
  // that cannot be declared — e.g. a non-exported interface in an exported signature — leaves
  // dist/server/src/index.d.ts out: `npm run build:plugin` prints the TS errors)
  try {
    execFileSync(process.execPath, [SDK_CLI, 'verify'], { cwd: PLUGIN_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    throw new Error(`[build-plugin] strapi-plugin verify failed:\n${e.stdout}${e.stderr}`);
  }
  if (!quiet) console.log(`[build-plugin] built and verified strapi-plugin-clinic-crm in ${Date.now() - started} ms`);
}

/** The plugin and the app's TypeScript (config, src) compiled into dist/. */
async function compileApp({ quiet = false } = {}) {
  buildPlugin({ quiet });
  const { compileStrapi } = require('@strapi/strapi');
  await compileStrapi({ appDir: APP_DIR, ignoreDiagnostics: false });
}

const isBuilt = () => fs.existsSync(PLUGIN_SERVER) && fs.existsSync(path.join(APP_DIR, 'dist', 'src', 'index.js'));

module.exports = { APP_DIR, PLUGIN_DIR, buildPlugin, compileApp, isBuilt };

if (require.main === module) {
  try {
    buildPlugin();
  } catch (e) {
    process.exit(1);
  }
}
