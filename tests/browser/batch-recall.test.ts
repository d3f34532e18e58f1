/**
 * Product-batch recall in the admin panel, in Traditional Chinese, as a doctor: a product-reaction
 * complaint names a batch (demo data CMP-DEMO-004, BTX-2026-0815); its page links to 批號召回 with the
 * batch filled in; the page lists every client treated with it (typed three ways in the records); the
 * doctor writes the reason and runs the recall; the check-up tasks are shown, and the recall is in
 * the past recalls. A nurse has no such tab. Screenshots: test-results/screenshots.
 */
import { adminApi, adminLogin, appAndBrowser, openPage, screenshot, waitShown } from '../helpers/browser';

jest.setTimeout(240_000);

const suite = appAndBrowser();
const newPage = () => openPage(suite.browser, { locale: 'zh-TW', timezoneId: 'Asia/Taipei' });

it('a doctor follows a complaint’s batch to 批號召回, sees the clients treated with it, runs the recall and sees the tasks', async () => {
  const { page, errors } = await newPage();
  await adminLogin(page, suite.app.url, 'doctor.huang@clinic.local');
  const desk = await adminApi(page, '/clinic-crm/desk/complaints');
  const complaint = (desk.data?.results ?? desk.data ?? []).find((c: any) => c.referenceNumber === 'CMP-DEMO-004');
  expect(complaint).toBeTruthy();

  await page.goto(`${suite.app.url}/admin/plugins/clinic-crm/complaints/${complaint.documentId}`);
  const link = page.getByTestId('complaint-find-batch');
  await waitShown(page, link, 'complaint batch link', suite.app.log);
  await expect(link.textContent()).resolves.toBe('查詢使用此批號的其他客戶');
  await link.click();
  await page.waitForURL(/\/plugins\/clinic-crm\/recalls\?batch=BTX-2026-0815/);
  await waitShown(page, page.getByRole('heading', { name: '批號召回', exact: true }), '批號召回', suite.app.log);

  // the three clients, whichever way the batch was typed on their records
  const matches = page.getByTestId('recall-matches');
  await matches.waitFor({ timeout: 30_000 });
  await expect(matches.getAttribute('data-count')).resolves.toBe('3');
  const text = (await matches.textContent()) ?? '';
  for (const name of ['鄭女士', '許先生', 'Sarah Thompson']) expect(text).toContain(name);
  expect(text).toContain('3 筆療程紀錄 · 3 位客戶');
  expect(text).toContain('肉毒桿菌素');
  await screenshot(page, 'batch-recall-matches');

  // the reason is required: the server's message is shown next to the field
  const run = page.getByRole('button', { name: /確認召回/ });
  const refused = page.waitForResponse((r) => r.url().endsWith('/clinic-crm/recalls') && r.request().method() === 'POST');
  await run.click();
  expect((await refused).status()).toBe(400);
  await page.getByText('請寫下召回原因').waitFor({ timeout: 30_000 });

  await page.getByLabel(/^召回原因/).fill('廠商通知 BTX-2026-0815 批號有過敏反應案例，請致電確認客戶狀況。');
  const opening = page.waitForResponse((r) => r.url().endsWith('/clinic-crm/recalls') && r.request().method() === 'POST');
  await run.click();
  const opened = await opening;
  expect(opened.status()).toBe(201);
  const recall = (await opened.json()).data;
  expect(recall).toMatchObject({ clientsMatched: 3, tasksOpened: 3, openedBy: { fullName: '黃志明' }, complaint: { referenceNumber: 'CMP-DEMO-004' } });
  const done = page.getByTestId('recall-done');
  await done.waitFor({ timeout: 30_000 });
  await expect(done.textContent()).resolves.toContain(`${recall.referenceNumber}：已開立 3 個回訪任務`);
  await expect(page.getByTestId('recall-task').count()).resolves.toBe(3);
  await expect(done.textContent()).resolves.toContain('本次開立');
  await page.getByTestId('recall-past').getByTestId(`recall-${recall.referenceNumber}`).waitFor({ timeout: 30_000 });
  await screenshot(page, 'batch-recall-done');

  // the tasks exist, with the reason, assigned (the doctor who treated two of them calls them)
  const tasks = await adminApi(page, `/content-manager/collection-types/plugin::clinic-crm.follow-up-task?page=1&pageSize=20&filters[idempotencyKey][$startsWith]=recall:BTX-2026-0815:&populate[assignee][fields][0]=fullName`);
  expect(tasks.results).toHaveLength(3);
  expect(tasks.results.every((t: any) => t.purpose.includes('廠商通知'))).toBe(true);
  expect(tasks.results.map((t: any) => t.assignee?.fullName).sort()).toEqual(['Dr. Emily Carter', '黃志明', '黃志明'].sort());
  expect(errors).toEqual([]);

  // a nurse has no recall tab, and the page refuses her
  const { page: nurse } = await newPage();
  await adminLogin(nurse, suite.app.url, 'nurse.lee@clinic.local');
  await nurse.goto(`${suite.app.url}/admin/plugins/clinic-crm/my-tasks`);
  await waitShown(nurse, nurse.getByRole('navigation', { name: 'Clinic CRM' }), 'nurse tabs', suite.app.log);
  await expect(nurse.getByRole('navigation', { name: 'Clinic CRM' }).getByText('批號召回').count()).resolves.toBe(0);
  const refusedApi = await adminApi(nurse, '/clinic-crm/recalls/search?batch=BTX-2026-0815');
  expect(refusedApi.error?.status).toBe(403);
});
