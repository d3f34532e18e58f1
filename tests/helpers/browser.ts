/** Debian's Chromium driven by playwright-core (no downloaded browser), headless, sandbox off, no background networking. */
import fs from 'fs';
import path from 'path';
import { chromium, Browser, Page } from 'playwright-core';
import { startApp, type AppProcess } from './app-process';
import { APP_DIR } from './strapi';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const ARTIFACTS = path.join(APP_DIR, 'test-results', 'screenshots');

export const launch = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-features=Translate,MediaRouter'],
  });

export const screenshot = async (page: Page, name: string) => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}-${process.env.DATABASE_CLIENT || 'sqlite'}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
};

export const DEMO_PASSWORD = process.env.DEMO_ADMIN_PASSWORD || 'ClinicDemo2026!';

/** Logs in through the admin panel's own login form. */
export const adminLogin = async (page: Page, baseUrl: string, email: string) => {
  await page.goto(`${baseUrl}/admin/auth/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', DEMO_PASSWORD);
  await page.click('button[type="submit"]');
  await page.waitForURL((u) => !u.pathname.includes('/auth/login'), { timeout: 30_000 });
};

/** A fresh browser context and page; `errors` collects uncaught page errors (a test expects none). */
export const openPage = async (browser: Browser, opts: { locale?: string; timezoneId?: string; width?: number; height?: number } = {}) => {
  const context = await browser.newContext({ viewport: { width: opts.width ?? 1600, height: opts.height ?? 1100 }, locale: opts.locale ?? 'zh-TW', timezoneId: opts.timezoneId });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
};

/** The admin API the panel uses, as the signed-in user (for finding ids and checking results). */
export const adminApi = async (page: Page, path: string) =>
  page.evaluate(async (p) => {
    const raw = localStorage.getItem('jwtToken');
    const token = raw ? JSON.parse(raw) : document.cookie.match(/jwtToken=([^;]+)/)?.[1];
    const res = await fetch(p, { headers: { Authorization: `Bearer ${token}` } });
    return res.json();
  }, path);

/**
 * Waits for what a page must show after navigation. On a timeout it saves a screenshot and fails
 * with where the browser actually is and the app's last output — so an intermittent stall (seen
 * twice on Postgres in CI: a page whose content never appeared) says what happened.
 */
export const waitShown = async (page: Page, what: ReturnType<Page['locator']>, label: string, appLog?: () => string) => {
  try {
    await what.waitFor({ timeout: 30_000 });
  } catch (e) {
    const shot = await screenshot(page, `FAILED-${label}`).catch(() => 'no screenshot');
    const body = ((await page.locator('body').textContent().catch(() => '')) ?? '').replace(/\s+/g, ' ').slice(0, 400);
    throw new Error(`${label}: not shown in 30 s. URL ${page.url()}; page text: ${body}; screenshot ${shot}\napp log tail:\n${appLog?.().slice(-2000) ?? ''}\n${(e as Error).message}`);
  }
};

/**
 * The built app (as its own process, with the demo data) and one Chromium for a test file: started
 * before its tests, stopped after them. Read `suite.app` / `suite.browser` inside the tests.
 */
export const appAndBrowser = () => {
  const suite = {} as { app: AppProcess; browser: Browser };
  beforeAll(async () => {
    suite.app = await startApp();
    suite.browser = await launch();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.app?.stop();
  });
  return suite;
};
