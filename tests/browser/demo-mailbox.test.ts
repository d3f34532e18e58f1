/**
 * The demo's mailbox: `npm run demo` starts maildev on loopback and points the app at it. Here the
 * same two processes (maildev with the demo script's arguments, the app with its scheduler on and
 * the demo data): within two minutes a clinic e-mail is in the mailbox, readable in Chromium, in
 * the recipient's language.
 */
import path from 'path';
import { spawn, ChildProcess } from 'child_process';
import type { Browser } from 'playwright-core';
import { startApp, freePort, AppProcess } from '../helpers/app-process';
import { launch, screenshot } from '../helpers/browser';
import { APP_DIR } from '../helpers/strapi';

jest.setTimeout(300_000);

let app: AppProcess;
let browser: Browser;
let maildev: ChildProcess;
let webPort: number;

beforeAll(async () => {
  const smtpPort = await freePort();
  webPort = await freePort();
  maildev = spawn(path.join(APP_DIR, 'node_modules', '.bin', 'maildev'), ['--ip', '127.0.0.1', '--smtp', String(smtpPort), '--web-ip', '127.0.0.1', '--web', String(webPort)], { stdio: 'ignore' });
  app = await startApp({ CLINIC_CRM_CRON_ENABLED: 'true', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtpPort), SMTP_POOL: 'false' });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  maildev?.kill();
});

it('a clinic e-mail arrives in the demo mailbox within two minutes, in the recipient’s language', async () => {
  const started = Date.now();
  let mails: any[] = [];
  while (Date.now() - started < 120_000) {
    mails = await fetch(`http://127.0.0.1:${webPort}/api/email`).then((r) => (r.ok ? r.json() : []), () => []);
    if (mails.some((m) => /[\u4e00-\u9fff]/.test(m.subject))) break;
    await new Promise((r) => setTimeout(r, 2000));
  }
  const chinese = mails.find((m) => /[\u4e00-\u9fff]/.test(m.subject));
  expect(chinese).toBeTruthy();
  // the mailbox's own page shows it
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  await page.goto(`http://127.0.0.1:${webPort}/`);
  await page.getByText(chinese.subject).first().waitFor({ timeout: 30_000 });
  await screenshot(page, 'demo-mailbox');
});
