'use strict';
/**
 * The npm registry reachable here does not serve the other platforms' builds of some packages
 * (e.g. @swc/core-darwin-arm64, @rollup/rollup-win32-x64-msvc: 404), so `npm install` leaves them
 * out of package-lock.json, and `npm ci` then refuses the lock as "out of sync". This adds the
 * missing optional platform packages to the lock with their version, os, cpu and libc, exactly as a
 * lock written against the full registry records them; npm ci skips them on this platform.
 * Run after any `npm install` that rewrites the lock: node scripts/lock-foreign-optionals.js
 */
const fs = require('fs');
const path = require('path');

const file = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const OS = { darwin: 'darwin', linux: 'linux', win32: 'win32', android: 'android', freebsd: 'freebsd', openbsd: 'openbsd', openharmony: 'openharmony' };
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64'];

const platformOf = (name) => {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OS[p]);
  let cpu = parts.find((p) => CPU.includes(p));
  if (!cpu && parts.includes('gnueabihf')) cpu = 'arm';
  if (!cpu && parts.includes('musleabihf')) cpu = 'arm';
  if (parts.includes('eabi')) cpu = 'arm';
  const libc = parts.some((p) => p === 'musl' || p === 'musleabihf') ? ['musl'] : parts.some((p) => p === 'gnu' || p === 'gnueabihf') ? ['glibc'] : undefined;
  return { os: os ? [OS[os]] : undefined, cpu: cpu ? [cpu] : undefined, libc };
};

let added = 0;
for (const [where, pkg] of Object.entries(lock.packages)) {
  for (const [name, spec] of Object.entries(pkg.optionalDependencies ?? {})) {
    const key = `${where ? `${where}/` : ''}node_modules/${name}`;
    const top = `node_modules/${name}`;
    if (lock.packages[key] || lock.packages[top]) continue;
    if (!/^\d+\.\d+\.\d+/.test(spec)) continue; // only exact platform pins
    const { os, cpu, libc } = platformOf(name);
    if (!os || !cpu) continue;
    lock.packages[where === '' ? top : top] = { version: spec, cpu, ...(libc ? { libc } : {}), optional: true, os };
    added += 1;
  }
}
const sorted = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
lock.packages = sorted;
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} optional platform packages to package-lock.json`);
