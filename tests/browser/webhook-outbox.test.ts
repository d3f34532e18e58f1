/**
 * The Outbox page in Traditional Chinese as the demo manager: a department webhook channel made
 * through the Content Manager's API (the secret is not in its answer), listed under the outbox with
 * its department, and its secret revealed on request. Screenshot: test-results/screenshots/outbox-webhooks-*.png.
 */
import net from 'net';
import { adminLogin, appAndBrowser, openPage, screenshot, waitShown } from '../helpers/browser';

jest.setTimeout(240_000);

const suite = appAndBrowser();

/** A loopback port nobody listens on: every POST is refused. */
const deadPort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

it('a manager sees the webhook channels under the outbox and reveals a channel’s secret (zh-Hant)', async () => {
  const { page, errors } = await openPage(suite.browser, { locale: 'zh-TW', timezoneId: 'Asia/Taipei' });
  await adminLogin(page, suite.app.url, 'manager.wu@clinic.local');
  const port = await deadPort();
  const created = await page.evaluate(async (url) => {
    const raw = localStorage.getItem('jwtToken');
    const token = raw ? JSON.parse(raw) : document.cookie.match(/jwtToken=([^;]+)/)?.[1];
    const res = await fetch('/content-manager/collection-types/plugin::clinic-crm.webhook-channel', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: '護理部 LINE 群組', url, scope: 'department', department: 'nurse', enabled: true, kinds: 'all' }),
    });
    return { status: res.status, body: await res.json() };
  }, `http://127.0.0.1:${port}/line-bridge`);
  expect(created.status).toBe(201);
  expect(JSON.stringify(created.body)).not.toContain('whsec_');

  await page.goto(`${suite.app.url}/admin/plugins/clinic-crm/outbox`);
  await waitShown(page, page.getByRole('heading', { name: '寄件匣', exact: true }), '寄件匣', suite.app.log);
  await waitShown(page, page.getByText('Webhook 通知通道'), 'webhook channels', suite.app.log);
  const row = page.getByRole('row', { name: /護理部 LINE 群組/ });
  await expect(row.textContent()).resolves.toContain('護理師（部門）');
  const revealing = page.waitForResponse((r) => r.url().endsWith('/secret/reveal'));
  await row.getByRole('button', { name: '顯示密鑰' }).click();
  expect((await revealing).status()).toBe(200);
  await row.getByText(/^whsec_/).waitFor({ timeout: 30_000 });
  await screenshot(page, 'outbox-webhooks');
  expect(errors).toEqual([]);
});
