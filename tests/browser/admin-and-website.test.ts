/**
 * Real browser (Debian Chromium via playwright-core) against the real built app with its demo
 * data: a Manager edits a price and publishes it, the clinic website page shows it; a visitor
 * files a complaint on the website and the Manager sees it routed on the CRM dashboard; the
 * Front desk sees the price list read-only and no clinical notes. Screenshots: test-results/screenshots.
 */
import type { Page } from 'playwright-core';
import { adminApi, adminLogin, appAndBrowser, openPage, screenshot, waitShown } from '../helpers/browser';

jest.setTimeout(240_000);

const suite = appAndBrowser();

const MANAGER = 'manager.wu@clinic.local';
const FRONT_DESK = 'frontdesk.lin@clinic.local';

const newPage = (locale = 'en-US') => openPage(suite.browser, { locale, width: 1920, height: 1200 });

/** Waits until a number input holds a value (the form has loaded or taken an edit); "1,734" is 1734. */
const waitForValue = async (input: ReturnType<Page['locator']>, value: string) => {
  const digits = async () => (await input.inputValue()).replace(/[^\d-]/g, '');
  for (let i = 0; i < 100; i++) {
    if ((await digits()) === value) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(await digits()).toBe(value);
};

const priceTable = async (locale: string) => {
  const res = await fetch(`${suite.app.url}/api/clinic-crm/price-table?locale=${locale}`);
  return (await res.json()) as any;
};

it('a Manager edits a fee item and publishes; the website page shows the new price', async () => {
  const { page, errors } = await newPage();
  // the first treatment in the public table, and its main fee item
  const before = await priceTable('zh-Hant');
  const treatment = before.data.categories[0].treatments[0];
  const fee = treatment.feeItems[0];
  const newAmount = fee.amount + 1234;

  await adminLogin(page, suite.app.url, MANAGER);
  const list = await adminApi(page, `/content-manager/collection-types/plugin::clinic-crm.treatment?page=1&pageSize=100&locale=zh-Hant`);
  const doc = list.results.find((r: any) => r.slug === treatment.slug);
  expect(doc).toBeTruthy();

  await page.goto(`${suite.app.url}/admin/content-manager/collection-types/plugin::clinic-crm.treatment/${doc.documentId}?plugins[i18n][locale]=zh-Hant`);
  const full = await adminApi(page, `/content-manager/collection-types/plugin::clinic-crm.treatment/${doc.documentId}?locale=zh-Hant`);
  const feeIndex = full.data.feeItems.findIndex((f: any) => f.code === fee.code);
  expect(feeIndex).toBeGreaterThanOrEqual(0);
  // fee items are a repeatable component: open the one we change
  const amountInput = page.locator(`input[name="feeItems.${feeIndex}.amount"]`);
  if (!(await amountInput.isVisible().catch(() => false))) {
    // the accordion of a fee item is titled by its code (the component's main field)
    await page.getByRole('button', { name: fee.code, exact: true }).first().click();
  }
  await amountInput.waitFor({ state: 'visible', timeout: 30_000 });
  // the form is filled from the server once the document has loaded: edit only after that, or the
  // late load overwrites the edit and the old price is published (seen under load on Postgres)
  await waitForValue(amountInput, String(fee.amount));
  await amountInput.fill(String(newAmount));
  await waitForValue(amountInput, String(newAmount));
  // wait for the server's answer to Publish. (Waiting for the text "Published" was wrong: the
  // document's status badge says so already, before the request ends; on Postgres the website was
  // then read before the publish had committed.)
  const publishing = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes(`/${doc.documentId}/actions/publish`), { timeout: 30_000 });
  await page.getByRole('button', { name: /^(Publish|發布)$/ }).click();
  expect((await publishing).status()).toBe(200);
  await waitForValue(amountInput, String(newAmount));
  const published = await adminApi(page, `/content-manager/collection-types/plugin::clinic-crm.treatment/${doc.documentId}?locale=zh-Hant&status=published`);
  expect(published.data.feeItems[feeIndex].amount).toBe(newAmount);

  // one price in every language: the website in 繁體, 简体 and English shows the new amount
  const formatted = new Intl.NumberFormat('en-US').format(newAmount);
  for (const [lang, browserLocale] of [['zh-Hant', 'zh-TW'], ['zh-Hans', 'zh-CN'], ['en', 'en-US']]) {
    const site = (await newPage(browserLocale)).page;
    await site.goto(`${suite.app.url}/price-table.html?lang=${lang}`);
    const row = site.locator(`article[data-slug="${treatment.slug}"] tr[data-fee="${fee.code}"]`);
    await row.waitFor({ timeout: 30_000 });
    await expect(row.textContent()).resolves.toContain(formatted);
    await screenshot(site, `website-price-table-${lang}`);
    // the public API agrees
    const after = await priceTable(lang);
    const t2 = after.data.categories.flatMap((c: any) => c.treatments).find((t: any) => t.slug === treatment.slug);
    expect(t2.locale).toBe(lang);
    expect(t2.feeItems.find((f: any) => f.code === fee.code).amount).toBe(newAmount);
    await site.context().close();
  }
  expect(errors).toEqual([]);
});

it('a visitor files a complaint on the website; the Manager sees it routed on the dashboard', async () => {
  const { page: site } = await newPage('en-US');
  await site.goto(`${suite.app.url}/price-table.html?lang=en`);
  await site.locator('article.treatment').first().waitFor();
  // first a bad submission: the page shows the field errors the API names
  await site.click('#complaint-form button[type="submit"]');
  await site.locator('[data-error-for="name"]').waitFor();
  await site.fill('input[name="name"]', 'Browser Test Visitor');
  await site.fill('input[name="phone"]', '0911-222-333');
  await site.selectOption('select[name="category"]', 'side_effect');
  await site.fill('textarea[name="description"]', 'Redness and swelling for three days after the laser session.');
  await site.check('input[name="consentToContact"]');
  await site.click('#complaint-form button[type="submit"]');
  const ref = site.locator('[data-reference]');
  await ref.waitFor({ timeout: 30_000 });
  const reference = (await ref.textContent())!.trim();
  expect(reference).toMatch(/^[A-Z0-9-]{6,}$/);
  await screenshot(site, 'website-complaint-sent');

  const { page, errors } = await newPage();
  await adminLogin(page, suite.app.url, MANAGER);
  await page.goto(`${suite.app.url}/admin/plugins/clinic-crm`);
  const row = page.locator(`[data-testid="latest-${reference}"]`);
  await waitShown(page, row, 'dashboard-latest-complaint', suite.app.log);
  // a side effect is a medical complaint: routed to the doctors, with an assignee
  await expect(row.locator('[data-testid="routed-to"]').textContent()).resolves.toMatch(/(Doctor|醫師) · .+/);
  await page.locator('[data-testid="chart-sla"] svg').first().waitFor();
  const open = Number(await page.locator('[data-testid="open-complaints"]').textContent());
  expect(open).toBeGreaterThanOrEqual(1);
  await screenshot(page, 'admin-dashboard');
  // the figure opens the filtered list, which holds the new complaint
  await page.locator('[data-testid="open-complaints"]').click();
  await page.waitForURL(/content-manager\/collection-types\/plugin::clinic-crm\.complaint/);
  await page.getByText(reference).first().waitFor({ timeout: 30_000 });
  expect(errors).toEqual([]);
});

it('the Front desk sees the price list read-only and no clinical notes', async () => {
  const { page, errors } = await newPage();
  await adminLogin(page, suite.app.url, FRONT_DESK);
  const treatments = await adminApi(page, `/content-manager/collection-types/plugin::clinic-crm.treatment?page=1&pageSize=1&locale=zh-Hant`);
  const t = treatments.results[0];
  await page.goto(`${suite.app.url}/admin/content-manager/collection-types/plugin::clinic-crm.treatment/${t.documentId}?plugins[i18n][locale]=zh-Hant`);
  const name = page.locator('input[name="name"]');
  await name.waitFor({ timeout: 30_000 });
  expect(await name.isDisabled()).toBe(true);
  expect(await page.getByRole('button', { name: /^(Publish|發布)$/ }).count()).toBe(0);

  const clients = await adminApi(page, `/content-manager/collection-types/plugin::clinic-crm.client?page=1&pageSize=10`);
  const client = clients.results.find((c: any) => c.clientNumber === 'C-0003');
  expect(client).toBeTruthy();
  expect(client).not.toHaveProperty('allergies');
  await page.goto(`${suite.app.url}/admin/content-manager/collection-types/plugin::clinic-crm.client/${client.documentId}`);
  await page.locator('input[name="phone"]').waitFor({ timeout: 30_000 });
  // Strapi shows a hidden field as an empty, disabled box ("No permissions to see this field")
  for (const field of ['allergies', 'medications', 'medicalConditions', 'notes']) {
    const input = page.locator(`[name="${field}"]`);
    if ((await input.count()) === 0) continue;
    expect(await input.isDisabled()).toBe(true);
    expect(await input.inputValue()).toBe('');
  }
  const body = await page.locator('main').textContent();
  expect(body).not.toContain('阿斯匹靈'); // C-0003's medication
  await screenshot(page, 'front-desk-client');

  const records = await adminApi(page, `/content-manager/collection-types/plugin::clinic-crm.treatment-record?page=1&pageSize=1`);
  const record = records.results[0];
  expect(record).not.toHaveProperty('notes');
  await page.goto(`${suite.app.url}/admin/content-manager/collection-types/plugin::clinic-crm.treatment-record/${record.documentId}`);
  await page.locator('input[name="recordNumber"]').waitFor({ timeout: 30_000 });
  const notes = page.locator('[name="notes"]');
  if (await notes.count()) expect(await notes.inputValue()).toBe('');
  const text = await page.locator('main').textContent();
  expect(text).not.toContain('J/cm²'); // the seeded clinical notes
  expect(text).not.toContain('抬頭紋 20U');

  // the client timeline obeys the same rule
  await page.goto(`${suite.app.url}/admin/plugins/clinic-crm/timeline/${client.documentId}`);
  await page.locator('[data-testid="timeline"]').waitFor({ timeout: 30_000 });
  expect(await page.locator('main').textContent()).not.toContain('阿斯匹靈');
  await screenshot(page, 'front-desk-timeline');
  expect(errors).toEqual([]);
});

it('a client answers the satisfaction survey from the e-mailed link, once', async () => {
  // the link as the queued e-mail carries it (the demo data's treatment records queued their surveys)
  Object.assign(process.env, suite.app.db.env);
  const { rawRows } = await import('../helpers/raw-db');
  const rows = await rawRows(`select payload from crm_notifications where template = 'satisfaction_survey'`);
  expect(rows.length).toBeGreaterThan(0);
  const payload = typeof rows[0].payload === 'string' ? JSON.parse(rows[0].payload) : rows[0].payload;
  const link: string = payload.survey.link;
  const token = link.split('#')[1];
  const { page, errors } = await newPage('zh-TW');
  await page.goto(`${suite.app.url}/survey.html#${token}`);
  await page.locator('#survey-form:not([hidden])').waitFor({ timeout: 30_000 });
  expect(page.url()).not.toContain(token); // the token leaves the address bar
  await page.check('input[name="score"][value="5"]');
  await page.fill('textarea[name="comment"]', '護理師說明得很清楚');
  await page.click('#submit');
  await page.locator('#message').filter({ hasText: /謝謝|Thank|谢谢/ }).waitFor({ timeout: 30_000 });
  await screenshot(page, 'website-survey-answered');
  // the same link again (a fresh load: a fragment-only change would not reload the page): refused
  await page.goto('about:blank');
  await page.goto(`${suite.app.url}/survey.html#${token}`);
  await page.locator('#message').filter({ hasText: /無效|not valid|无效/ }).waitFor({ timeout: 30_000 });
  expect(errors).toEqual([]);

  // the answer counts in the satisfaction figures behind the dashboard
  const admin = (await newPage()).page;
  await adminLogin(admin, suite.app.url, MANAGER);
  const sat = await adminApi(admin, '/clinic-crm/satisfaction');
  expect(sat.data.overall).toMatchObject({ responses: 1, satisfied: 1, rate: 100 });
});

it('a Manager keeps the clinic calendar (closures, make-up workdays) in the admin panel in Chinese; the Front desk only reads it', async () => {
  const { page, errors } = await newPage('zh-TW');
  await adminLogin(page, suite.app.url, MANAGER);
  const list = await adminApi(page, `/content-manager/collection-types/plugin::clinic-crm.calendar-day?page=1&pageSize=50&sort=date:ASC`);
  const teachers = list.results.find((d: any) => d.date === '2026-09-28');
  expect(teachers).toMatchObject({ kind: 'closure', label: '教師節（孔子誕辰紀念日）' });
  await page.goto(`${suite.app.url}/admin/content-manager/collection-types/plugin::clinic-crm.calendar-day?page=1&pageSize=50&sort=date:ASC`);
  await waitShown(page, page.getByText('教師節（孔子誕辰紀念日）').first(), 'calendar-list', suite.app.log);
  expect(await page.locator('main').textContent()).toContain('日期');
  await screenshot(page, 'clinic-calendar-list');

  // edit a closure's label in the form (labelled in Chinese) and save it
  await page.goto(`${suite.app.url}/admin/content-manager/collection-types/plugin::clinic-crm.calendar-day/${teachers.documentId}`);
  const label = page.locator('input[name="label"]');
  await waitShown(page, label, 'calendar-edit', suite.app.log);
  const form = (await page.locator('main').textContent()) ?? '';
  for (const text of ['類型', '說明', '開診時間', '關診時間']) expect(form).toContain(text);
  await expect(label.inputValue()).resolves.toBe('教師節（孔子誕辰紀念日）');
  await label.fill('教師節（診所休診）');
  const saving = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes(teachers.documentId), { timeout: 30_000 });
  await page.getByRole('button', { name: /^(Save|儲存|保存)$/ }).click();
  expect((await saving).status()).toBe(200);
  const saved = await adminApi(page, `/content-manager/collection-types/plugin::clinic-crm.calendar-day/${teachers.documentId}`);
  expect(saved.data.label).toBe('教師節（診所休診）');
  await screenshot(page, 'clinic-calendar-edit');
  expect(errors).toEqual([]);

  const desk = (await newPage('zh-TW')).page;
  await adminLogin(desk, suite.app.url, FRONT_DESK);
  await desk.goto(`${suite.app.url}/admin/content-manager/collection-types/plugin::clinic-crm.calendar-day/${teachers.documentId}`);
  const readOnly = desk.locator('input[name="label"]');
  await waitShown(desk, readOnly, 'calendar-read-only', suite.app.log);
  expect(await readOnly.isDisabled()).toBe(true);
});
