/** Two projects: pure domain code (fast, no Strapi) and integration (a real Strapi per test file). */
const tsJest = ['ts-jest', { tsconfig: { module: 'commonjs', esModuleInterop: true, resolveJsonModule: true, strict: false, strictNullChecks: true, skipLibCheck: true, target: 'ES2021', isolatedModules: true }, diagnostics: { warnOnly: false }}];

module.exports = {
  testTimeout: 120000,
  // Every integration file loads Strapi's whole module graph into a fresh jest module registry, and
  // jest never frees the old ones: one process running all 38 files grew past Node's 4 GB heap
  // (slowing to minutes per file in GC, then aborting). The suites run with --maxWorkers=1 instead of
  // --runInBand: one worker process, files one at a time, replaced once it holds more than this.
  workerIdleMemoryLimit: '1GB',
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests/unit', '<rootDir>/packages/strapi-plugin-clinic-crm/server/src'],
      transform: { '^.+\\.ts$': tsJest },
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests/integration'],
      transform: { '^.+\\.ts$': tsJest },
      globalSetup: '<rootDir>/tests/helpers/global-setup.js',
    },
    {
      displayName: 'browser',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests/browser'],
      transform: { '^.+\\.ts$': tsJest },
      globalSetup: '<rootDir>/tests/helpers/browser-setup.js',
    },
    {
      // the packed plugin installed into a bare Strapi site (npm install from the registry, build, start)
      displayName: 'install',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests/install'],
      transform: { '^.+\\.ts$': tsJest },
    },
  ],
};
