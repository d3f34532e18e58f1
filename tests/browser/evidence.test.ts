/**
 * The evidence screens in the admin panel, driven in Chromium as the people who use them, in
 * Traditional Chinese: a price above the signed quote is refused until a manager — another person,
 * signed in as himself — approves it on 核准; the record then carries that approval; and the
 * manager verifies the evidence ledger on 證據鏈. Screenshots: test-results/screenshots.
 */
import type { Page } from 'playwright-core';
import { adminApi, adminLogin, appAndBrowser, openPage, screenshot, waitShown } from '../helpers/browser';

jest.setTimeout(240_000);

const suite = appAndBrowser();

const NURSE = 'nurse.lee@clinic.local';
const MANAGER = 'manager.wu@clinic.local';
const newPage = () => openPage(suite.browser, { locale: 'zh-TW', timezoneId: 'Asia/Taipei' });

const choose = async (page: Page, label: string | RegExp, option: string | RegExp) => {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).first().click();
};

it('a nurse records more than the signed quote: refused, a manager approves the price on 核准, the record is saved with the approval; the manager verifies the ledger: 完整', async () => {
  // (a) the nurse: 鄭女士 signed for 30 units of botulinum toxin (demo data); 40 are done
  const { page: nurse, errors } = await newPage();
  await adminLogin(nurse, suite.app.url, NURSE);
  await nurse.goto(`${suite.app.url}/admin/plugins/clinic-crm/records/new`);
  await waitShown(nurse, nurse.getByRole('heading', { name: '新增療程紀錄' }), '新增療程紀錄', suite.app.log);
  await nurse.getByLabel('搜尋客戶').fill('鄭女士');
  await nurse.getByRole('option', { name: /C-0003/ }).click();
  await choose(nurse, /^療程/, '肉毒桿菌素注射');
  await nurse.getByTestId('record-consent').waitFor({ timeout: 30_000 });
  const units = nurse.getByLabel('肉毒桿菌素（每單位）');
  await expect(units.inputValue()).resolves.toBe('30');
  await units.fill('40');
  await units.blur();
  await choose(nurse, /^施作人員/, /王雅雯/);
  const box = nurse.getByTestId('price-approval');
  await box.waitFor({ timeout: 30_000 });

  // saved as it is: refused, in Chinese, naming the signed quote
  const refused = nurse.waitForResponse((r) => r.url().endsWith('/clinic-crm/desk/treatment-records'));
  await nurse.getByRole('button', { name: '儲存療程紀錄' }).click();
  const refusal = await refused;
  expect(refusal.status()).toBe(400);
  expect((await refusal.json()).error.details.errors[0].path).toEqual(['priceSnapshot']);
  const overQuote = nurse.getByTestId('record-over-quote');
  await overQuote.waitFor({ timeout: 30_000 });
  await expect(overQuote.textContent()).resolves.toMatch(/金額 NT\$[\d,]+ 超過客戶簽署的報價 NT\$[\d,]+/);

  // she asks a manager to approve this price
  await box.getByLabel(/^申請理由/).fill('客戶當場要求加打眉間 10 單位，已口頭同意加價。');
  const asking = nurse.waitForResponse((r) => r.url().endsWith('/clinic-crm/approvals') && r.request().method() === 'POST');
  await box.getByRole('button', { name: '申請管理者核准此價格' }).click();
  const asked = await asking;
  expect(asked.status()).toBe(201);
  const approval = (await asked.json()).data;
  expect(approval).toMatchObject({ kind: 'price_change', approvalStatus: 'pending' });
  expect(approval.details.requestedTotal).toBeGreaterThan(approval.details.quotedTotal);
  await nurse.getByTestId('price-approval-reference').filter({ hasText: approval.referenceNumber }).waitFor({ timeout: 30_000 });
  await nurse.locator('[data-testid="price-approval-status"][data-status="pending"]').waitFor();
  await screenshot(nurse, 'price-approval-requested');

  // (b) the manager, signed in as himself: 核准 lists it; he approves it with a note
  const { page: manager, errors: managerErrors } = await newPage();
  await adminLogin(manager, suite.app.url, MANAGER);
  await manager.goto(`${suite.app.url}/admin/plugins/clinic-crm/approvals`);
  await waitShown(manager, manager.getByRole('heading', { name: '核准', exact: true }), '核准', suite.app.log);
  const row = manager.getByTestId('approvals-to-decide').getByTestId(`approval-${approval.referenceNumber}`);
  await row.waitFor({ timeout: 30_000 });
  await expect(row.textContent()).resolves.toContain('李淑芬');
  await row.getByRole('link', { name: approval.referenceNumber }).click();
  await manager.waitForURL(new RegExp(`/plugins/clinic-crm/approvals/${approval.documentId}$`));
  await manager.getByTestId('approval-decide').waitFor({ timeout: 30_000 });
  await expect(manager.getByTestId('approval-what').textContent()).resolves.toContain(`NT$${approval.details.requestedTotal.toLocaleString('en-US')}`);
  await manager.getByLabel(/^說明/).fill('已與客戶確認加打部位與金額，同意。');
  await manager.getByRole('button', { name: '核准', exact: true }).click();
  await manager.getByTestId('approval-status').filter({ hasText: '已核准' }).waitFor({ timeout: 30_000 });
  await expect(manager.getByTestId('approval-decision').textContent()).resolves.toContain('吳俊賢');
  await screenshot(manager, 'price-approval-decided');

  // (c) the nurse refreshes: approved; the record is saved with it
  await box.getByRole('button', { name: '重新整理' }).click();
  await nurse.locator('[data-testid="price-approval-status"][data-status="approved"]').waitFor({ timeout: 30_000 });
  const saving = nurse.waitForResponse((r) => r.url().endsWith('/clinic-crm/desk/treatment-records'));
  await nurse.getByRole('button', { name: '儲存療程紀錄' }).click();
  const saved = await saving;
  expect(saved.status()).toBe(201);
  const record = (await saved.json()).data;
  await nurse.getByTestId('record-number').filter({ hasText: record.recordNumber }).waitFor({ timeout: 30_000 });
  const stored = await adminApi(manager, `/content-manager/collection-types/plugin::clinic-crm.treatment-record/${record.documentId}?populate[priceApproval][fields][0]=referenceNumber`);
  expect(stored.data.priceApproval).toMatchObject({ documentId: approval.documentId, referenceNumber: approval.referenceNumber });
  expect(stored.data.priceSnapshot.total).toBe(approval.details.requestedTotal);
  const used = (await adminApi(manager, `/clinic-crm/approvals/${approval.documentId}`)).data;
  expect(used).toMatchObject({ approvalStatus: 'approved', usedBy: record.documentId });

  // (d) the manager verifies the evidence ledger: intact, the new record's price sealed in it
  await manager.goto(`${suite.app.url}/admin/plugins/clinic-crm/ledger`);
  await waitShown(manager, manager.getByRole('heading', { name: '證據鏈' }), '證據鏈', suite.app.log);
  await manager.getByTestId('ledger-head').getByText(/^#\d+ · /).waitFor({ timeout: 30_000 });
  await manager.getByRole('button', { name: '驗證' }).click();
  const report = manager.getByTestId('ledger-report');
  await report.waitFor({ timeout: 60_000 });
  expect(await report.getAttribute('data-ok')).toBe('true');
  await expect(report.textContent()).resolves.toMatch(/完整.*已檢查 \d+ 筆/);
  await expect(report.textContent()).resolves.not.toContain('不完整');
  await expect(manager.getByTestId('ledger-entries').textContent()).resolves.toContain(record.documentId); // its price, sealed
  await screenshot(manager, 'ledger-verified');
  expect(errors).toEqual([]);
  expect(managerErrors).toEqual([]);
});
