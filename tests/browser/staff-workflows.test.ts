/**
 * Staff task screens in the admin panel, each driven in Chromium as the role that does the job,
 * through the UI only, in the language the demo accounts open in (Traditional Chinese).
 * Screenshots: test-results/screenshots.
 */
import type { Page } from 'playwright-core';
import { adminApi, adminLogin, appAndBrowser, openPage, screenshot, waitShown } from '../helpers/browser';

jest.setTimeout(240_000);

const suite = appAndBrowser();

const FRONT_DESK = 'frontdesk.lin@clinic.local';

const newPage = () => openPage(suite.browser, { locale: 'zh-TW', timezoneId: 'Asia/Taipei' });

it('front desk registers a client in Chinese: Chinese labels and errors, a duplicate phone is shown with the existing client', async () => {
  const { page, errors } = await newPage();
  await adminLogin(page, suite.app.url, FRONT_DESK);
  await page.goto(`${suite.app.url}/admin/plugins/clinic-crm/register-client`);
  await waitShown(page, page.getByRole('heading', { name: '新客戶登記' }), '新客戶登記', suite.app.log);
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

/** Picks an option of a Strapi design-system select by the select's label and the option's text. */
const choose = async (page: Page, label: string | RegExp, option: string) => {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
};

it('front desk takes a phone complaint for a client found by name and walks it to closed with a resolution', async () => {
  const { page, errors } = await newPage();
  await adminLogin(page, suite.app.url, FRONT_DESK);
  await page.goto(`${suite.app.url}/admin/plugins/clinic-crm/complaints`);
  await waitShown(page, page.getByRole('heading', { name: '客訴處理台' }), '客訴處理台', suite.app.log);
  await page.getByRole('button', { name: '新增客訴（電話／臨櫃）' }).click();
  await waitShown(page, page.getByRole('heading', { name: '新增客訴' }), '新增客訴', suite.app.log);

  // the client is found by typing part of her name
  await page.getByLabel('搜尋客戶').fill('鄭');
  await page.getByRole('option', { name: /C-0003/ }).click();
  await expect(page.getByTestId('picked-client').textContent()).resolves.toContain('C-0003');
  await expect(page.getByLabel(/^電話/).inputValue()).resolves.not.toBe('');
  await choose(page, /^客訴類別/, '價格與收費');
  await page.getByLabel('發生時間').fill('2026-11-20T14:30');
  await page.getByLabel(/^事件經過/).fill('結帳金額比同意書上的報價多了 NT$2,000，櫃檯無法說明。');
  await screenshot(page, 'complaint-intake');
  await page.getByRole('button', { name: '儲存客訴' }).click();
  await page.waitForURL(/\/plugins\/clinic-crm\/complaints\/[a-z0-9]+$/, { timeout: 30_000 });
  const status = page.getByTestId('complaint-status');
  await status.filter({ hasText: '已受理' }).waitFor({ timeout: 30_000 });
  const documentId = page.url().split('/').pop()!;

  // a step that needs a reason, without one: the Chinese error is shown next to the field
  await page.getByRole('button', { name: '不受理' }).click();
  await page.getByRole('button', { name: '確認' }).click();
  await page.getByText('請填寫說明（至少 5 個字）。').first().waitFor({ timeout: 30_000 });
  await screenshot(page, 'complaint-step-error');
  await page.getByRole('button', { name: '取消' }).click();

  const step = async (button: string, expected: string, fill?: () => Promise<void>) => {
    await page.getByRole('button', { name: button, exact: true }).click();
    await page.getByTestId('step-form').waitFor();
    if (fill) await fill();
    await page.getByRole('button', { name: '確認' }).click();
    await status.filter({ hasText: expected }).waitFor({ timeout: 30_000 });
  };
  await step('開始調查', '調查中');
  await step('提出處理方案', '已提出方案', async () => {
    await page.getByRole('checkbox', { name: '費用減免' }).click();
    await page.getByRole('checkbox', { name: '道歉' }).click();
    await page.getByLabel('與客戶達成的共識').fill('退還多收的 NT$2,000 並致歉');
  });
  await screenshot(page, 'complaint-resolution-proposed');
  await step('核准並執行方案', '方案已執行');
  await step('回訪追蹤', '後續追蹤');
  await step('結案', '已結案', async () => {
    await page.getByLabel('備註（記入時間軸）').fill('客戶表示滿意');
  });
  await page.getByText('此客訴已結案。').waitFor();
  await screenshot(page, 'complaint-closed');

  const c = (await adminApi(page, `/clinic-crm/desk/complaints/${documentId}`)).data;
  expect(c).toMatchObject({ workflowStatus: 'closed', channel: 'phone', category: 'price_billing', resolutionTypes: ['fee_waiver', 'apology'], resolutionNotes: '退還多收的 NT$2,000 並致歉' });
  expect(c.client.clientNumber).toBe('C-0003');
  expect(c.occurredAt).toBe('2026-11-20T06:30:00.000Z'); // 14:30 in Taipei
  expect(c.events.filter((e: any) => e.type === 'status_changed').map((e: any) => e.toStatus)).toEqual(['investigating', 'resolution_proposed', 'resolution_executed', 'follow_up', 'closed']);
  expect(new Set(c.events.filter((e: any) => e.type === 'status_changed').map((e: any) => e.actor))).toEqual(new Set([FRONT_DESK]));
  expect(errors).toEqual([]);
});

/** Draws a signature with the mouse (signature_pad takes pointer events, as from a finger or stylus). */
const drawSignature = async (page: Page) => {
  const pad = page.getByTestId('signature-pad');
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 40, box.y + box.height * 0.6);
  await page.mouse.down();
  for (let i = 1; i <= 30; i++) await page.mouse.move(box.x + 40 + i * 12, box.y + box.height * (0.6 - 0.25 * Math.sin(i / 3)), { steps: 2 });
  await page.mouse.up();
};

it('a nurse has a client sign a consent on the tablet: the consent and its quote in Chinese, a drawn signature, she is the witness; verify says intact', async () => {
  const { page, errors } = await newPage();
  await adminLogin(page, suite.app.url, 'nurse.lee@clinic.local');
  await page.goto(`${suite.app.url}/admin/plugins/clinic-crm/consents/sign`);
  await waitShown(page, page.getByRole('heading', { name: '簽署同意書' }), '簽署同意書', suite.app.log);
  await page.getByLabel('搜尋客戶').fill('周');
  await page.getByRole('option', { name: /C-0001/ }).click();
  await choose(page, /^療程/, '肉毒桿菌素注射');
  const preview = page.getByTestId('consent-preview');
  await preview.waitFor({ timeout: 30_000 });
  await expect(preview.textContent()).resolves.toContain('周小姐');

  // 30 units instead of the minimum: the quote follows, priced by the server
  const priced = page.waitForResponse((r) => r.url().endsWith('/clinic-crm/desk/consents/preview') && r.status() === 200);
  const units = page.getByLabel('肉毒桿菌素（每單位）');
  await units.fill('30');
  await units.blur();
  const quote = (await (await priced).json()).data.priceSnapshot;
  await page.getByTestId('quote-total').filter({ hasText: `NT$${quote.total.toLocaleString('en-US')}` }).waitFor({ timeout: 30_000 });
  expect(quote.lines.some((l: any) => l.quantity === 30)).toBe(true);

  // the signature is needed before the button works
  const signButton = page.getByRole('button', { name: '完成簽署' });
  expect(await signButton.isDisabled()).toBe(true);
  await drawSignature(page);
  await screenshot(page, 'consent-signing');
  const signing = page.waitForResponse((r) => r.url().endsWith('/clinic-crm/consent-records/sign'));
  await signButton.click();
  const signed = await signing;
  expect(signed.status()).toBe(201);
  const record = (await signed.json()).data;
  await page.getByTestId('signed').waitFor({ timeout: 30_000 });
  await page.getByText('同意書已簽署').waitFor();
  await page.getByRole('button', { name: '驗證' }).click();
  await page.getByTestId('verify-result').filter({ hasText: '內容完整' }).waitFor({ timeout: 30_000 });
  await screenshot(page, 'consent-signed');

  // what was stored: the quote as shown, the nurse as witness, the drawn image
  const stored = await adminApi(page, `/content-manager/collection-types/plugin::clinic-crm.consent-record/${record.documentId}?populate[witness][fields][0]=fullName`);
  expect(stored.data.priceSnapshot.total).toBe(quote.total);
  expect(stored.data.witness.fullName).toBe('李淑芬');
  expect(record.priceTotal).toBe(quote.total);
  expect(errors).toEqual([]);
});

it('a nurse records the treatment under the signed consent: only qualified practitioners, the signed quote shown, a generated number; the follow-up call is in My tasks', async () => {
  const { page, errors } = await newPage();
  await adminLogin(page, suite.app.url, 'nurse.lee@clinic.local');
  await page.goto(`${suite.app.url}/admin/plugins/clinic-crm/records/new`);
  await waitShown(page, page.getByRole('heading', { name: '新增療程紀錄' }), '新增療程紀錄', suite.app.log);
  await page.getByLabel('搜尋客戶').fill('周小姐');
  await page.getByRole('option', { name: /C-0001/ }).click();
  await choose(page, /^療程/, '肉毒桿菌素注射');
  // the consent signed in the previous test, with its quote (30 units)
  const consent = page.getByTestId('record-consent');
  await consent.waitFor({ timeout: 30_000 });
  await expect(consent.textContent()).resolves.toContain('李淑芬');
  await expect(page.getByLabel('肉毒桿菌素（每單位）').inputValue()).resolves.toBe('30');
  // front desk is not offered as a practitioner
  await page.getByRole('combobox', { name: /^施作人員/ }).click();
  const offered = await page.getByRole('option').allTextContents();
  expect(offered.length).toBeGreaterThan(0);
  expect(offered.join(' ')).not.toMatch(/櫃檯|林美君/);
  await page.getByRole('option', { name: /王雅雯/ }).click();
  await page.getByTestId('record-quote').waitFor({ timeout: 30_000 });
  await screenshot(page, 'treatment-record');
  const saving = page.waitForResponse((r) => r.url().endsWith('/clinic-crm/desk/treatment-records'));
  await page.getByRole('button', { name: '儲存療程紀錄' }).click();
  const saved = await saving;
  expect(saved.status()).toBe(201);
  const record = (await saved.json()).data;
  expect(record.recordNumber).toMatch(/^TR-\d{8}-[0-9A-F]{5}$/);
  await page.getByTestId('record-number').filter({ hasText: record.recordNumber }).waitFor({ timeout: 30_000 });

  // the first follow-up call of the ladder is someone's task: it is in their My tasks
  const tasks = await adminApi(page, `/content-manager/collection-types/plugin::clinic-crm.follow-up-task?page=1&pageSize=20&filters[treatmentRecord][documentId][$eq]=${record.documentId}&populate[assignee][fields][0]=email&sort=dueAt:asc`);
  expect(tasks.results.length).toBeGreaterThan(0);
  const first = tasks.results[0];
  const staff = (await newPage()).page;
  await adminLogin(staff, suite.app.url, first.assignee.email);
  await staff.goto(`${suite.app.url}/admin/plugins/clinic-crm/my-tasks`);
  await staff.getByTestId(`task-${first.documentId}`).waitFor({ timeout: 30_000 });
  await expect(staff.getByTestId(`task-${first.documentId}`).textContent()).resolves.toContain('周小姐');
  await screenshot(staff, 'my-tasks-after-record');
  expect(errors).toEqual([]);
});

it('a manager reads complaint analytics for a period, with empty states and a CSV download', async () => {
  const { page, errors } = await newPage();
  await adminLogin(page, suite.app.url, 'manager.wu@clinic.local');
  await page.goto(`${suite.app.url}/admin/plugins/clinic-crm/analytics`);
  await waitShown(page, page.getByRole('heading', { name: '客訴分析' }), '客訴分析', suite.app.log);
  const total = page.getByTestId('analytics-total');
  await total.waitFor({ timeout: 30_000 });
  expect(Number(await total.textContent())).toBeGreaterThan(0);
  await page.locator('[data-testid="analytics-category"] svg').first().waitFor({ timeout: 30_000 });
  await screenshot(page, 'complaint-analytics');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '下載 CSV' }).click();
  const csv = await (await downloading).createReadStream().then(async (s) => {
    let text = '';
    for await (const chunk of s) text += chunk;
    return text;
  });
  expect(csv).toContain('dimension,key,label,complaints');
  expect(csv).toMatch(/category,\w+,/);
  // a period without complaints: every chart says so instead of drawing empty axes
  await page.getByLabel('起始日').fill('2001-01-01');
  await page.getByLabel('截止日（不含）').fill('2001-02-01');
  await page.locator('[data-testid="analytics-category"][data-empty="true"]').waitFor({ timeout: 30_000 });
  await expect(total.textContent()).resolves.toBe('0');
  expect(await page.locator('[data-empty="true"]').count()).toBe(6);
  expect(errors).toEqual([]);
});

it('the content manager shows the clinic’s fields with Chinese labels and translated values to front desk', async () => {
  const { page, errors } = await newPage();
  await adminLogin(page, suite.app.url, FRONT_DESK);
  const clients = await adminApi(page, '/content-manager/collection-types/plugin::clinic-crm.client?page=1&pageSize=10&sort=clientNumber:ASC');
  const client = clients.results.find((c: any) => c.clientNumber === 'C-0001');
  await page.goto(`${suite.app.url}/admin/content-manager/collection-types/plugin::clinic-crm.client/${client.documentId}`);
  await page.getByLabel(/^客戶編號/).waitFor({ timeout: 30_000 });
  for (const label of [/^姓名/, /^電話/, /^通知語言/, /^想改善的項目/]) await page.getByLabel(label).first().waitFor();
  // the raw attribute names are gone, and the select shows 女, not "female"
  const main = (await page.locator('main').textContent()) ?? '';
  expect(main).not.toContain('clientNumber');
  expect(main).not.toContain('preferredLanguage');
  await expect(page.getByRole('combobox', { name: /^性別/ }).textContent()).resolves.toContain('女');
  await screenshot(page, 'content-manager-client-zh');
  // privacy fields are not for front desk to edit
  const erased = page.getByLabel(/^個資刪除時間/);
  await erased.first().waitFor();
  const inputs = erased.first().locator('input');
  expect(await inputs.count()).toBeGreaterThan(0);
  for (const input of await inputs.all()) expect(await input.isDisabled()).toBe(true);
  // the list view's columns too
  await page.goto(`${suite.app.url}/admin/content-manager/collection-types/plugin::clinic-crm.client`);
  await page.locator('thead th', { hasText: '客戶編號' }).first().waitFor({ timeout: 30_000 });
  expect(await page.locator('thead th').allTextContents()).toEqual(expect.arrayContaining(['客戶編號', '姓名']));
  expect(errors).toEqual([]);
});
