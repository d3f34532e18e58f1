/**
 * The plugin installed into a bare Strapi 5.54 site, as a clinic's web agency would add it:
 * pack the plugin (npm pack), copy the bare site kept in tests/bare-app/template, `npm install`
 * the tarball (from the registry for everything else), enable it in config/plugins.ts, build, start
 * in production on SQLite — then the public price table and complaint intake answer, a treatment
 * with fee items (the plugin's own components) is created and published through the admin API
 * and appears on the price table, and the admin panel's Clinic CRM pages open in Chromium.
 */
import { execFileSync, spawn, ChildProcess } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import net from 'net';
import { chromium, Browser } from 'playwright-core';

const ROOT = path.join(__dirname, '..', '..');
const PLUGIN_DIR = path.join(ROOT, 'packages', 'strapi-plugin-clinic-crm');
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-crm-bare-'));
const SITE = path.join(WORK, 'site');
const ADMIN = { email: 'agency@example.com', password: 'AgencyInstall2026!', firstname: 'Web', lastname: 'Agency' };

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

const run = (cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) =>
  execFileSync(cmd, args, { cwd, env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true', ...env }, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 }).toString();

const SECRETS = {
  APP_KEYS: 'bare-key-1,bare-key-2',
  ADMIN_JWT_SECRET: 'bare-admin-jwt',
  API_TOKEN_SALT: 'bare-api-salt',
  TRANSFER_TOKEN_SALT: 'bare-transfer-salt',
  ENCRYPTION_KEY: 'bare-encryption-key-32-bytes-long',
  JWT_SECRET: 'bare-users-permissions-jwt',
  CLINIC_CRM_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
  CLINIC_CRM_LEDGER_KEYS: `l1:${Buffer.alloc(32, 9).toString('base64')}`,
  CLINIC_CRM_METRICS_TOKEN: 'bare-metrics-scrape-token',
};

let app: ChildProcess | undefined;
let output = '';
let base = '';

const start = async (env: NodeJS.ProcessEnv) => {
  const port = await freePort();
  output = '';
  const child = spawn(process.execPath, [path.join(SITE, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'], {
    cwd: SITE,
    env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true', NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), DATABASE_FILENAME: '.tmp/site.db', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  return { child, url: `http://127.0.0.1:${port}` };
};

const waitUp = async (child: ChildProcess, url: string) => {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the site exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/_health`);
      if (res.status < 500) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the site did not answer within 120 s:\n${output}`);
};

beforeAll(async () => {
  // 1. the plugin as a tarball, as it would be published (built here unless the test run built it
  // just before: scripts/test-all.sh, whose other suites are loading that build meanwhile)
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { isBuilt } = require(path.join(ROOT, 'scripts', 'lib', 'build-plugin.js'));
  if (!(process.env.SKIP_BUILD === 'true' && isBuilt())) execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'lib', 'build-plugin.js')], { stdio: 'inherit' });
  const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', WORK], PLUGIN_DIR))[0];
  const tarball = path.join(WORK, packed.filename);
  // 2. the bare site, the plugin installed and enabled as the README says
  fs.cpSync(path.join(ROOT, 'tests', 'bare-app', 'template'), SITE, { recursive: true });
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], SITE);
  fs.writeFileSync(path.join(SITE, 'config', 'plugins.ts'), "export default () => ({\n  'clinic-crm': { enabled: true },\n});\n");
  run(process.execPath, [path.join(SITE, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'build'], SITE, { NODE_ENV: 'production' });
}, 900_000);

afterAll(async () => {
  if (app && app.exitCode === null) {
    app.kill('SIGTERM');
    await new Promise((r) => app!.once('exit', r));
  }
  fs.rmSync(WORK, { recursive: true, force: true });
});

describe('strapi-plugin-clinic-crm in a bare Strapi 5 site', () => {
  it('passes the plugin SDK’s own check (strapi-plugin verify: package.json exports, built files)', () => {
    expect(() => run(process.execPath, [path.join(ROOT, 'node_modules', '@strapi', 'sdk-plugin', 'bin', 'strapi-plugin.js'), 'verify'], PLUGIN_DIR)).not.toThrow();
  });

  it('is a package with only its build: dist, package.json with strapi.kind plugin and @strapi/strapi 5 as a peer', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(SITE, 'node_modules', 'strapi-plugin-clinic-crm', 'package.json'), 'utf8'));
    expect(pkg.strapi).toMatchObject({ kind: 'plugin', name: 'clinic-crm' });
    expect(pkg.peerDependencies['@strapi/strapi']).toMatch(/^\^5/);
    const files = fs.readdirSync(path.join(SITE, 'node_modules', 'strapi-plugin-clinic-crm'));
    expect(files.sort()).toEqual(['dist', 'package.json']);
  });

  it('refuses to start in production without the health-data and ledger keys and the metrics token, naming them', async () => {
    const { CLINIC_CRM_ENCRYPTION_KEYS: _e, CLINIC_CRM_LEDGER_KEYS: _l, CLINIC_CRM_METRICS_TOKEN: _m, ...rest } = SECRETS;
    const { child } = await start({ ...rest, CLINIC_CRM_ENCRYPTION_KEYS: '', CLINIC_CRM_LEDGER_KEYS: '', CLINIC_CRM_METRICS_TOKEN: '' });
    const code = await new Promise<number | null | 'running'>((r) => {
      const timer = setTimeout(() => r('running'), 60_000);
      child.once('exit', (c) => (clearTimeout(timer), r(c)));
    });
    if (code === 'running') {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
    expect(code).not.toBe('running');
    expect(code).not.toBe(0);
    expect(output).toMatch(/CLINIC_CRM_ENCRYPTION_KEYS/);
    expect(output).toMatch(/CLINIC_CRM_METRICS_TOKEN/);
  }, 120_000);

  it('starts, answers the public price table and takes a complaint', async () => {
    const started = await start(SECRETS);
    app = started.child;
    base = started.url;
    await waitUp(app, base);
    const table = await fetch(`${base}/api/clinic-crm/price-table`);
    expect(table.status).toBe(200);
    expect((await table.json()).data).toMatchObject({ locale: 'zh-Hant', categories: [] });
    const complaint = await fetch(`${base}/api/clinic-crm/complaints`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ data: { name: '周小姐', phone: '0912-345-678', category: 'price_billing', description: '結帳時多收了一筆未告知的麻醉藥膏費用。', consentToContact: true } }),
    });
    expect(complaint.status).toBe(201);
    // private data does not come back through the public route
    expect(JSON.stringify(await complaint.json())).not.toContain('0912-345-678');
  }, 180_000);

  it('stores a treatment with fee items (the plugin’s components) and shows it on the price table once published', async () => {
    const register = await fetch(`${base}/admin/register-admin`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(ADMIN) });
    expect(register.status).toBe(200);
    const token = (await register.json()).data.token;
    const cm = `${base}/content-manager/collection-types/plugin::clinic-crm.treatment`;
    const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` };
    const created = await fetch(`${cm}?locale=zh-Hant`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: '玻尿酸填補', slug: 'hyaluronic-filler', category: 'injectables', feeItems: [{ code: 'base', label: '療程費', kind: 'included', amount: 12000, currency: 'TWD', unit: 'per_syringe' }] }),
    });
    const body = await created.json();
    expect({ status: created.status, error: body.error }).toEqual({ status: 201, error: undefined });
    const published = await fetch(`${cm}/${body.data.documentId}/actions/publish?locale=zh-Hant`, { method: 'POST', headers, body: JSON.stringify({}) });
    expect(published.status).toBe(200);
    const table = await (await fetch(`${base}/api/clinic-crm/price-table?locale=zh-Hant`)).json();
    expect(JSON.stringify(table)).toContain('玻尿酸填補');
    expect(JSON.stringify(table)).toContain('12000');
  }, 60_000);

  it('opens the Clinic CRM pages in the admin panel', async () => {
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox'] });
      const page = await browser.newPage({ locale: 'en-US' });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${base}/admin/auth/login`);
      await page.fill('input[name="email"]', ADMIN.email);
      await page.fill('input[name="password"]', ADMIN.password);
      await page.click('button[type="submit"]');
      await page.waitForURL((u) => !u.pathname.includes('/auth/login'), { timeout: 60_000 });
      await page.goto(`${base}/admin/plugins/clinic-crm`);
      await page.getByRole('navigation', { name: 'Clinic CRM' }).waitFor({ timeout: 60_000 });
      await page.getByRole('heading', { name: 'CRM dashboard' }).waitFor({ timeout: 60_000 });
      await page.goto(`${base}/admin/plugins/clinic-crm/complaints`);
      await page.getByText('周小姐').first().waitFor({ timeout: 60_000 });
      expect(errors).toEqual([]);
    } finally {
      await browser?.close();
    }
  }, 180_000);
});
