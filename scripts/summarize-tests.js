'use strict';
// Adds up jest's JSON reports. A run that produced no report (jest crashed) or a suite that
// failed to start counts as a failure. Prints "N passed, N failed" last and exits non-zero on failure.
const fs = require('fs');
const path = require('path');

let passed = 0;
let failed = 0;
let skipped = 0;
for (const name of process.argv.slice(2)) {
  const file = path.join('.tmp', 'test-results', `${name}.json`);
  const timedOut = path.join('.tmp', 'test-results', `${name}.timeout`);
  if (fs.existsSync(timedOut)) {
    // killed at its time bound: a failure by name, whatever part of it had passed
    console.log(`${name}: TIMED OUT after ${fs.readFileSync(timedOut, 'utf8').trim()} min (counted as 1 failure)`);
    failed += 1;
  }
  if (!fs.existsSync(file)) {
    if (!fs.existsSync(timedOut)) {
      console.log(`${name}: no report (the run crashed)`);
      failed += 1;
    }
    continue;
  }
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  const broken = r.numRuntimeErrorTestSuites || 0;
  const total = (r.numPassedTests || 0) + (r.numFailedTests || 0);
  console.log(`${name}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests || 0} skipped${broken ? `, ${broken} suites failed to run` : ''}`);
  if (total === 0 && !broken) {
    console.log(`${name}: ran no test`);
    failed += 1;
  }
  passed += r.numPassedTests || 0;
  failed += (r.numFailedTests || 0) + broken;
  skipped += r.numPendingTests || 0;
}
if (skipped) console.log(`${skipped} skipped`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
