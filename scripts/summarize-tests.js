'use strict';
// Adds up jest's JSON reports. A run that produced no report (jest crashed) or a suite that
// failed to start counts as a failure. Prints "N passed, N failed" last and exits non-zero on failure.
const fs = require('fs');
const path = require('path');

/** The first lines of a failed test's message (the assertion and its figures), without colour codes: CI keeps only the log's tail. */
const why = (t) =>
  String((t.failureMessages || [])[0] || '')
    // eslint-disable-next-line no-control-regex
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() && !/^\s+at /.test(l))
    .slice(0, 12)
    .map((l) => l.slice(0, 200));

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
  // the suites run side by side and their output is interleaved: name what failed here, in one place
  for (const file of r.testResults || []) {
    const rel = path.relative(process.cwd(), file.name);
    const failedTests = (file.assertionResults || []).filter((t) => t.status === 'failed');
    if (file.status === 'failed' && failedTests.length === 0) console.log(`  FAILED TO RUN ${rel}: ${String(file.message || '').split('\n').find((l) => l.trim()) || ''}`.slice(0, 400));
    for (const t of failedTests) {
      console.log(`  FAILED ${rel} › ${t.fullName}`);
      for (const line of why(t)) console.log(`    ${line}`);
    }
  }
  const slowest = (r.testResults || [])
    .map((f) => ({ rel: path.relative(process.cwd(), f.name), s: Math.round((f.endTime - f.startTime) / 1000) }))
    .sort((a, b) => b.s - a.s)
    .slice(0, 5);
  if (slowest.length) console.log(`  slowest: ${slowest.map((f) => `${path.basename(f.rel)} ${f.s} s`).join(', ')}`);
  passed += r.numPassedTests || 0;
  failed += (r.numFailedTests || 0) + broken;
  skipped += r.numPendingTests || 0;
}
if (skipped) console.log(`${skipped} skipped`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
