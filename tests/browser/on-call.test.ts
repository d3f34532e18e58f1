/**
 * The on-call roster and the acknowledgement link in the admin panel, in Traditional Chinese: a
 * nurse opens 值班表 (this week of the demo roster, today highlighted); an urgent page's link opened
 * while signed out asks to sign in first and then answers on the acknowledgement page (here a link
 * that is not valid: the server's refusal, in the user's language). Screenshots: test-results/screenshots.
 */
import { adminLogin, appAndBrowser, DEMO_PASSWORD, openPage, screenshot, waitShown } from '../helpers/browser';

jest.setTimeout(240_000);

const suite = appAndBrowser();
const newPage = () => openPage(suite.browser, { locale: 'zh-TW', timezoneId: 'Asia/Taipei' });

it('a nurse reads this week’s on-call roster: doctors primary and backup, management, today highlighted', async () => {
  const { page, errors } = await newPage();
  await adminLogin(page, suite.app.url, 'nurse.lee@clinic.local');
  await page.goto(`${suite.app.url}/admin/plugins/clinic-crm/on-call`);
  await waitShown(page, page.getByRole('heading', { name: '值班表', exact: true }), '值班表', suite.app.log);
  const today = page.locator('tr[aria-current="date"]');
  await waitShown(page, today, 'today row', suite.app.log);
  const text = (await today.textContent()) ?? '';
  expect(text).toContain('今天');
  expect(text).toContain('主值班');
  expect(text).toContain('備援');
  expect(text).toMatch(/黃志明|Dr\. Emily Carter/);
  expect(text).toContain('吳俊賢');
  await screenshot(page, 'on-call-roster');
  // she reads the roster; adding a shift is the managers' (no button for her)
  expect(await page.getByRole('link', { name: '新增班次' }).count()).toBe(0);
  expect(errors).toEqual([]);
});

it('a manager adds a shift from the roster page', async () => {
  const { page, errors } = await newPage();
  await adminLogin(page, suite.app.url, 'manager.wu@clinic.local');
  await page.goto(`${suite.app.url}/admin/plugins/clinic-crm/on-call`);
  await waitShown(page, page.getByRole('heading', { name: '值班表', exact: true }), '值班表', suite.app.log);
  const add = page.getByRole('link', { name: '新增班次' });
  await waitShown(page, add, 'add a shift', suite.app.log);
  await add.click();
  await page.waitForURL(/on-call-shift\/create/, { timeout: 30_000 });
  expect(errors).toEqual([]);
});

it('an acknowledgement link opened signed out asks to sign in, then answers on the acknowledgement page', async () => {
  const { page, errors } = await newPage();
  await page.goto(`${suite.app.url}/admin/plugins/clinic-crm/acknowledge/${'A'.repeat(43)}`);
  await page.waitForURL(/\/auth\/login/, { timeout: 30_000 });
  await page.fill('input[name="email"]', 'doctor.huang@clinic.local');
  await page.fill('input[name="password"]', DEMO_PASSWORD);
  await page.click('button[type="submit"]');
  await page.waitForURL(/\/plugins\/clinic-crm\/acknowledge\//, { timeout: 30_000 });
  await waitShown(page, page.getByText('此確認連結無效。'), 'refusal', suite.app.log);
  await screenshot(page, 'on-call-acknowledge-refused');
  expect(errors).toEqual([]);
});
