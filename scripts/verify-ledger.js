#!/usr/bin/env node
'use strict';
/**
 * clinic-crm:verify-ledger — checks the evidence ledger: the hash chain (the first broken link:
 * an entry edited, deleted, reordered or inserted in the database), every sealed consent, quote,
 * price change, approval and audit event against its row now, evidence rows never sealed, and —
 * with --expect — that a chain head from outside the database (the managers' daily e-mail) is
 * still in the chain. Exit code 0: intact; 1: broken; 2: could not run.
 *
 *   npm run clinic-crm:verify-ledger [-- --expect <seq>:<mac>] [--chain-only] [--json]
 * Needs the same CLINIC_CRM_LEDGER_KEYS (and database settings) as the app.
 */
const fs = require('fs');
const path = require('path');

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

(async () => {
  const appDir = path.resolve(__dirname, '..');
  process.env.CLINIC_CRM_CRON_ENABLED = 'false';
  process.env.CLINIC_CRM_SEED_DEMO = 'false';
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  const expectArg = option('--expect');
  let expect = null;
  if (expectArg) {
    const m = /^(\d+):([a-f0-9]{64})$/.exec(expectArg.trim());
    if (!m) throw new Error('--expect must be <seq>:<mac> as printed in the daily ledger e-mail');
    expect = { seq: Number(m[1]), mac: m[2] };
  }
  const { createStrapi } = require('@strapi/strapi');
  const { compileApp, isBuilt } = require('./lib/build-plugin');
  if (!isBuilt()) await compileApp({ quiet: true });
  const strapi = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  strapi.log.level = 'warn';
  try {
    const report = await strapi.plugin('clinic-crm').service('ledger-verify').verify({ rows: !flag('--chain-only'), expect });
    if (flag('--json')) console.log(JSON.stringify(report, null, 2));
    else {
      console.log(`ledger: ${report.entries} entries, head ${report.head ? `#${report.head.seq} ${report.head.mac}` : '(empty)'}, checked in ${report.ms} ms`);
      if (report.firstBroken) console.log(`BROKEN at entry ${report.firstBroken.seq ?? '?'} (row id ${report.firstBroken.id ?? '?'}): ${report.firstBroken.message}`);
      for (const r of report.changedRows) console.log(`CHANGED ${r.kind} ${r.subjectId} (entry ${r.seq}): ${r.message}`);
      for (const r of report.unsealedRows) console.log(`UNSEALED ${r.kind} ${r.subjectId}: in the database but never sealed in the ledger`);
      if (report.expectedHead) console.log(report.expectedHead.found ? `expected head #${report.expectedHead.seq} is in the chain` : `MISSING expected head #${report.expectedHead.seq}: the chain was rewritten or cut after it`);
      console.log(report.ok ? 'ledger intact' : 'ledger NOT intact');
    }
    process.exitCode = report.ok ? 0 : 1;
  } finally {
    await strapi.destroy();
  }
})().catch((e) => {
  console.error(`verify-ledger failed: ${e.message}`);
  process.exit(2);
});
