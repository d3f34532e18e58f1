/**
 * A complaint handed from department to department in the admin panel, each person signed in as
 * themselves (demo staff, Traditional Chinese): front desk → nurse (accepts, writes a note) →
 * doctor (accepts) → management; the dashboard shows where it sits and its step timer.
 * Screenshots: test-results/screenshots/complaint-handoff-*.
 */
import type { Page } from 'playwright-core';
import { adminApi, adminLogin, appAndBrowser, openPage, screenshot, waitShown } from '../helpers/browser';

jest.setTimeout(300_000);

const suite = appAndBrowser();
const newPage = () => openPage(suite.browser, { locale: 'zh-TW', timezoneId: 'Asia/Taipei' });

/** Picks an option of a Strapi design-system select by the select's label and the option's text. */
const choose = async (page: Page, label: string | RegExp, option: string) => {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
};

/** POST to the admin API as the signed-in user (to take the complaint the scenario starts from). */
const adminPost = (page: Page, path: string, body: unknown) =>
  page.evaluate(
    async ([p, b]) => {
      const raw = localStorage.getItem('jwtToken');
      const token = raw ? JSON.parse(raw) : document.cookie.match(/jwtToken=([^;]+)/)?.[1];
      const res = await fetch(p as string, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(b) });
      return res.json();
    },
    [path, body] as const
  );

const openComplaint = async (page: Page, documentId: string, reference: string) => {
  await page.goto(`${suite.app.url}/admin/plugins/clinic-crm/complaints/${documentId}`);
  await waitShown(page, page.getByRole('heading', { name: new RegExp(reference) }), reference, suite.app.log);
  await page.getByTestId('handoffs').waitFor({ timeout: 30_000 });
};

const handOff = async (page: Page, department: string, reason: string, person?: string) => {
  await page.getByRole('button', { name: '轉交', exact: true }).click();
  await page.getByTestId('handoff-form').waitFor();
  await choose(page, /^轉交部門/, department);
  if (person) await choose(page, /^指定人員/, person);
  await page.getByLabel(/^轉交原因/).fill(reason);
  await page.getByRole('button', { name: '確認轉交' }).click();
};

const signIn = async (email: string) => {
  const { page, errors } = await newPage();
  await adminLogin(page, suite.app.url, email);
  return { page, errors };
};

it('front desk → nurse → doctor → management, each accepting as themselves; the dashboard shows where it sits and for how long', async () => {
  // front desk takes a billing complaint (routed to the front desk) and hands it to the nurse
  const desk = await signIn('frontdesk.lin@clinic.local');
  const taken = await adminPost(desk.page, '/clinic-crm/desk/complaints', {
    contactName: '周小姐',
    contactPhone: '0912-345-678',
    channel: 'walk_in',
    category: 'price_billing',
    description: '做完雷射後兩頰泛紅三天，想知道是否正常，也對加收的麻醉費有疑問。',
  });
  const { documentId, referenceNumber: ref } = taken.data;
  expect(taken.data.department).toBe('front_desk');
  await openComplaint(desk.page, documentId, ref);
  await expect(desk.page.getByTestId('handoff-current').textContent()).resolves.toContain('櫃檯');
  await handOff(desk.page, '護理師', '客戶兩頰泛紅，請護理師先了解狀況並拍照');
  await desk.page.getByTestId('handoff-step-1').filter({ hasText: '櫃檯 → 護理師 · 李淑芬' }).waitFor({ timeout: 30_000 });
  await expect(desk.page.getByTestId('handoff-timer-1').textContent()).resolves.toMatch(/^等候接手 \d+ 分$/);
  await desk.page.getByText('協調紀錄', { exact: true }).waitFor();
  await screenshot(desk.page, 'complaint-handoff-1-front-desk');

  // the nurse accepts, writes a note and hands it to a named doctor
  const nurse = await signIn('nurse.lee@clinic.local');
  await openComplaint(nurse.page, documentId, ref);
  await nurse.page.getByRole('button', { name: '接手', exact: true }).click();
  await nurse.page.getByTestId('handoff-timer-1').filter({ hasText: /^已接手（等候 \d+ 分）$/ }).waitFor({ timeout: 30_000 });
  await nurse.page.getByLabel('新增協調紀錄').fill('兩頰輕微泛紅，無水泡；已拍照存檔，建議醫師評估。');
  await nurse.page.getByRole('button', { name: '送出紀錄' }).click();
  await nurse.page.getByTestId('handoff-notes').getByText('兩頰輕微泛紅，無水泡；已拍照存檔，建議醫師評估。').waitFor({ timeout: 30_000 });
  await handOff(nurse.page, '醫師', '請醫師評估泛紅是否需要用藥', '黃志明');
  await nurse.page.getByTestId('handoff-step-2').filter({ hasText: '護理師 → 醫師 · 黃志明' }).waitFor({ timeout: 30_000 });
  await screenshot(nurse.page, 'complaint-handoff-2-nurse');

  // the doctor accepts (and reads the nurse's note) and hands it to management
  const doctor = await signIn('doctor.huang@clinic.local');
  await openComplaint(doctor.page, documentId, ref);
  await doctor.page.getByTestId('handoff-notes').getByText('兩頰輕微泛紅，無水泡；已拍照存檔，建議醫師評估。').waitFor({ timeout: 30_000 });
  await doctor.page.getByRole('button', { name: '接手', exact: true }).click();
  await doctor.page.getByTestId('handoff-timer-2').filter({ hasText: /^已接手/ }).waitFor({ timeout: 30_000 });
  await handOff(doctor.page, '管理部', '屬術後正常反應；麻醉費爭議請主管決定是否減免');
  await doctor.page.getByTestId('handoff-step-3').filter({ hasText: '醫師 → 管理部 · 吳俊賢' }).waitFor({ timeout: 30_000 });
  await doctor.page.getByTestId('complaint-timeline').getByText(/^轉交 — doctor → management/).waitFor();
  await screenshot(doctor.page, 'complaint-handoff-3-doctor');

  // the dashboard: with management, handed on by the doctor, waiting for acceptance
  const view = await adminApi(doctor.page, `/clinic-crm/complaints/${documentId}/handoffs`);
  expect(view.data.steps.map((s: any) => `${s.fromDepartment}→${s.toDepartment}:${s.accepted}`)).toEqual(['front_desk→nurse:true', 'nurse→doctor:true', 'doctor→management:false']);
  const manager = await signIn('manager.wu@clinic.local');
  await manager.page.goto(`${suite.app.url}/admin/plugins/clinic-crm`);
  await waitShown(manager.page, manager.page.getByRole('heading', { name: '未結案客訴目前在哪裡、停留多久' }), 'dashboard', suite.app.log);
  const row = manager.page.getByTestId(`sits-${ref}`);
  await row.waitFor({ timeout: 30_000 });
  await expect(row.textContent()).resolves.toContain('管理部 · 吳俊賢');
  await expect(row.getByTestId('sits-step').textContent()).resolves.toBe('醫師 → 管理部');
  await expect(row.getByTestId('sits-timer').textContent()).resolves.toMatch(/^等候接手 \d+ 分$/);
  await row.scrollIntoViewIfNeeded();
  await screenshot(manager.page, 'complaint-handoff-4-dashboard');
  expect([...desk.errors, ...nurse.errors, ...doctor.errors, ...manager.errors]).toEqual([]);
});
