/**
 * Staff task screens in the admin panel, each driven in Chromium as the role that does the job,
 * through the UI only, in the language the demo accounts open in (Traditional Chinese).
 * Screenshots: test-results/screenshots.
 */
import type { Browser, Page } from 'playwright-core';
import { startApp, AppProcess } from '../helpers/app-process';
import { adminLogin, launch, screenshot } from '../helpers/browser';

jest.setTimeout(240_000);

let app: AppProcess;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const FRONT_DESK = 'frontdesk.lin@clinic.local';

const newPage = async () => {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1100 }, locale: 'zh-TW' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
};

/** The admin API the panel uses, as the signed-in user (for reading ids and checking results). */
const adminApi = async (page: Page, path: string) =>
  page.evaluate(async (p) => {
    const raw = localStorage.getItem('jwtToken');
    const token = raw ? JSON.parse(raw) : document.cookie.match(/jwtToken=([^;]+)/)?.[1];
    const res = await fetch(p, { headers: { Authorization: `Bearer ${token}` } });
    return res.json();
  }, path);

it('front desk registers a client in Chinese: Chinese labels and errors, a duplicate phone is shown with the existing client', async () => {
  const { page, errors } = await newPage();
  await adminLogin(page, app.url, FRONT_DESK);
  await page.goto(`${app.url}/admin/plugins/clinic-crm/register-client`);
  await page.getByRole('heading', { name: '新客戶登記' }).waitFor({ timeout: 30_000 });
  const name = page.getByLabel(/^姓名/);
  const phone = page.getByLabel(/^電話/);
  await name.waitFor();

  // nothing filled in: the errors are shown in place, in Chinese
  await page.getByRole('button', { name: '建立客戶' }).click();
  await page.getByText('請填寫客戶姓名（100 字以內）。').waitFor({ timeout: 30_000 });
  await page.getByText('請填寫可聯絡的電話號碼（至少 6 位數字）。').waitFor();
  await screenshot(page, 'register-client-errors');

  // the phone of an existing demo client, typed another way: the desk is sent to that client
  const clients = await adminApi(page, '/clinic-crm/desk/clients?q=C-0003');
  const existing = clients.data.find((c: any) => c.clientNumber === 'C-0003');
  expect(existing).toBeTruthy();
  await name.fill(existing.fullName);
  await phone.fill(existing.phone.replace(/-/g, ' '));
  await page.getByRole('button', { name: '建立客戶' }).click();
  const warning = page.getByTestId('existing-client');
  await warning.waitFor({ timeout: 30_000 });
  await expect(warning.textContent()).resolves.toContain('C-0003');
  await page.getByText(/此電話已登記於客戶 C-0003/).first().waitFor();
  await screenshot(page, 'register-client-duplicate');

  // a new client with her own phone: registered with a generated number
  const before = (await adminApi(page, '/clinic-crm/desk/clients?q=鄭依婷')).data.length;
  await name.fill('鄭依婷');
  await phone.fill('0987-654-321');
  await page.getByLabel(/^稱呼/).fill('鄭小姐');
  await page.getByRole('button', { name: '建立客戶' }).click();
  const created = page.getByTestId('created-client');
  await created.waitFor({ timeout: 30_000 });
  await expect(created.textContent()).resolves.toMatch(/^C-\d{4,} 鄭依婷$/);
  await screenshot(page, 'register-client-created');
  const after = (await adminApi(page, '/clinic-crm/desk/clients?q=鄭依婷')).data;
  expect(after.length).toBe(before + 1);
  // and her file opens from the confirmation
  await page.getByRole('link', { name: '開啟客戶資料' }).click();
  await page.waitForURL(/\/plugins\/clinic-crm\/timeline\/[a-z0-9]+/);
  await page.locator('[data-testid="timeline"]').waitFor({ state: 'attached', timeout: 30_000 });
  await page.getByRole('heading', { name: /鄭依婷/ }).first().waitFor({ timeout: 30_000 });
  expect(errors).toEqual([]);
});
