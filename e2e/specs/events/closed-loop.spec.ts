import { type Browser, expect, type Page, test } from '@playwright/test';
import { signInAs } from '../../fixtures/auth.ts';
import { expectNoSeriousA11yViolations } from '../../fixtures/axe.ts';

/** resident.demo's mobile number (the demo's resident account). */
const DEMO_RESIDENT_PHONE = '13900000001';

/** A 1×1 PNG: the server sniffs and compresses whatever the camera gives; the test needs only a real image. */
const PHOTO = {
  name: 'photo.png',
  mimeType: 'image/png',
  buffer: Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
};
const PHONE = { width: 375, height: 740 };
const DESK = { width: 1280, height: 800 };

/** A signed-in page of its own (own cookies) for one demo account, at a phone's or a desk's width. */
async function pageOf(browser: Browser, username: string, viewport = PHONE): Promise<Page> {
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    viewport,
    isMobile: viewport === PHONE,
    hasTouch: viewport === PHONE,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  await signInAs(page, username);
  return page;
}

async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
}

/** Opens the event, takes `action` from its buttons, fills the modal with `fill` and submits it. */
async function act(
  page: Page,
  path: string | null,
  action: string,
  fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>,
) {
  if (path) await page.goto(path);
  await page.getByTestId(`btn-event-${action}`).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('event-action-form')).toBeVisible();
  if (fill) await fill(dialog);
  await dialog.getByTestId('btn-action-submit').click();
  await expect(dialog).toHaveCount(0);
}

test.describe('grid events: the closed loop', () => {
  test('a pothole reported on a phone goes from report to rating; the history shows all eight steps @phone', async ({
    browser,
  }) => {
    // Eight steps by five people on their own devices: a long flow on a machine that runs others too.
    test.setTimeout(240_000);
    // The grid member on patrol reports it for the resident who pointed it out (their phone as the
    // contact, so the resident follows and rates it).
    const member = await pageOf(browser, 'gridmember.220106001001001');
    await member.goto('/m/report');
    await expect(member.getByRole('heading', { level: 1 })).toHaveText('上报事件');
    await member.getByTestId('report-category').click();
    await member.locator('.ant-cascader-menu-item', { hasText: '城市管理' }).click();
    await member.locator('.ant-cascader-menu-item', { hasText: '道路破损/坑洼' }).click();
    await member
      .getByTestId('report-description')
      .fill('人民大街 88 号门前路面有一个半米宽的坑，下雨积水，行人容易绊倒');
    await member.getByTestId('report-address').fill('人民大街 88 号门前');
    await member.getByTestId('report-contact-phone').fill(DEMO_RESIDENT_PHONE);
    await member.getByTestId('report-photo-input').setInputFiles(PHOTO);
    await expect(member.getByTestId('report-photo-input-list').locator('img')).toHaveCount(1);
    await expectNoHorizontalScroll(member);
    await expectNoSeriousA11yViolations(member);
    await member.getByTestId('btn-report-submit').click();
    await expect(member).toHaveURL(/\/m\/events\/[^/]+$/);
    const id = member.url().split('/').pop() ?? '';
    const heading = member.getByRole('heading', { level: 1 });
    await expect(heading).toHaveText(/^事件 SJ\d+$/);
    const no = ((await heading.textContent()) ?? '').replace('事件 ', '');
    await expect(member.getByTestId('event-facts')).toContainText('已上报');
    await expect(member.getByTestId('photos-report').locator('img')).toHaveCount(1);
    await expectNoHorizontalScroll(member);

    // The community files it and the street dispatches it to 城管 (lead department from the category).
    const community = await pageOf(browser, 'community.aimin', DESK);
    await act(community, `/events/${id}`, 'file');
    await expect(community.getByTestId('event-facts')).toContainText('已立案');
    const street = await pageOf(browser, 'street.zhengyang', DESK);
    await act(street, `/events/${id}`, 'dispatch', async (dialog) => {
      await expect(dialog.getByTestId('dispatch-lead')).toContainText('城管');
    });
    await expect(street.getByTestId('event-departments')).toContainText('城管');

    // The department finds it among its tasks on a phone and handles it with an after-photo.
    const department = await pageOf(browser, 'dept.chengguan');
    const handle = async (result: string) => {
      await act(department, `/m/events/${id}`, 'handle', async (dialog) => {
        await dialog.getByTestId('handle-result').fill(result);
        await dialog.getByTestId('action-photo-input').setInputFiles(PHOTO);
        await expect(dialog.getByTestId('action-photo-input-list').locator('img')).toHaveCount(1);
      });
      await expect(department.getByTestId('event-facts')).toContainText('待核查');
    };
    // Its tasks list on a phone (demo events too, soonest deadline first).
    await department.goto('/m/tasks');
    await expect(department.getByTestId('task-list').getByRole('button').first()).toBeVisible();
    await expectNoHorizontalScroll(department);
    await handle('已用沥青填补坑洼');

    // The grid member verifies on site: it fails once (back to the department), then passes.
    // On a phone the member starts on the tasks page.
    await member.goto('/');
    await expect(member).toHaveURL(/\/m\/tasks$/);
    await expect(member.getByTestId('task-list').getByRole('button').first()).toBeVisible();
    await expectNoSeriousA11yViolations(member);
    await act(member, `/m/events/${id}`, 'verifyFail', async (dialog) => {
      await dialog.getByTestId('action-comment').fill('填补处仍有凹陷，积水未消除');
    });
    await expect(member.getByTestId('event-facts')).toContainText('处置中');
    await handle('重新铣刨并摊铺，已压实找平');
    await act(member, `/m/events/${id}`, 'verifyPass', async (dialog) => {
      await dialog.getByTestId('action-photo-input').setInputFiles(PHOTO);
      await expect(dialog.getByTestId('action-photo-input-list').locator('img')).toHaveCount(1);
    });
    await expect(member.getByTestId('event-facts')).toContainText('已结案');
    await expect(member.getByTestId('photos-verify').locator('img')).toHaveCount(1);

    // The resident sees the progress among their reports and rates it.
    const resident = await pageOf(browser, 'resident.demo');
    await resident.goto('/m/mine');
    await expect(resident.getByTestId(`event-card-${no}`)).toContainText('已结案');
    await resident.getByTestId(`event-card-${no}`).getByRole('button').click();
    await act(resident, null, 'rate', async (dialog) => {
      await dialog.getByTestId('rate-rating').getByText('满意', { exact: true }).click();
    });
    await expect(resident.getByTestId('event-facts')).toContainText('已评价');
    const history = resident.getByTestId('event-history');
    for (const step of ['上报', '立案', '派遣', '处置', '核查不通过', '核查通过', '评价'])
      await expect(history).toContainText(step);
    await expect(history.locator('.ant-timeline-item')).toHaveCount(8);
    await expectNoHorizontalScroll(resident);
    await expectNoSeriousA11yViolations(resident);

    for (const p of [resident, community, street, department, member]) await p.context().close();
  });

  test('the street finds an event on the desk list by full-text search, and opens statistics and per-grid counts', async ({
    page,
    browser,
  }) => {
    // The longest walk of the suite (list, search, export, conflict, statistics, map, four axe checks).
    test.slow();
    // A report of the resident's, with a word no demo event uses, for the search to find.
    const resident = await pageOf(browser, 'resident.demo');
    const csrf = ((await (await resident.request.get('/api/v1/auth/me')).json()) as { csrfToken: string })
      .csrfToken;
    const created = await resident.request.post('/api/v1/events', {
      headers: { 'x-csrf-token': csrf },
      data: {
        categoryCode: '0105',
        divisionCode: '220106001001001',
        description: '小区东门外路灯不亮，晚上回家的老人看不清台阶',
        address: '爱民小区东门',
      },
    });
    expect(created.status()).toBe(201);
    const { id, no } = (await created.json()) as { id: string; no: string };
    await resident.context().close();

    await signInAs(page, 'street.zhengyang');
    await page.goto('/events');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('事件办理');
    const rows = page.getByTestId('events-table').locator('tr[data-row-key]');
    await expect(rows.first()).toBeVisible();
    await page.getByTestId('events-search').locator('input').fill('路灯');
    await page.getByTestId('events-search').locator('input').press('Enter');
    await expect(rows.filter({ hasText: no })).toHaveCount(1);
    await expectNoSeriousA11yViolations(page);
    // The demo has events past their step's deadline: 只看逾期 lists them, each marked in words.
    await page.getByTestId('events-search').locator('input').clear();
    await page.getByTestId('events-search').locator('input').press('Enter');
    await page.getByTestId('events-overdue-only').click();
    await expect(rows.first().getByTestId('overdue-mark')).toBeVisible();
    await page.getByTestId('events-overdue-only').click();
    await page.getByTestId('events-search').locator('input').fill('路灯');
    await page.getByTestId('events-search').locator('input').press('Enter');
    await expect(rows.filter({ hasText: no })).toHaveCount(1);
    const download = page.waitForEvent('download');
    await page.getByTestId('btn-events-export').click();
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);

    await rows.filter({ hasText: no }).getByRole('link', { name: no }).click();
    await expect(page.getByTestId('event-facts')).toContainText('路灯损坏');
    await expect(page.getByTestId('event-history')).toContainText('上报');
    await expectNoSeriousA11yViolations(page);

    // Someone else acts while the urge form is open: 已被他人修改, and what was typed stays for a retry.
    await page.getByTestId('btn-event-urge').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('action-comment').fill('请尽快安排维修');
    const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string };
    const seen = (await (await page.request.get(`/api/v1/events/${id}`)).json()) as { version: number };
    const other = await page.request.post(`/api/v1/events/${id}/transitions`, {
      headers: { 'x-csrf-token': me.csrfToken },
      data: { action: 'supervise', version: seen.version, comment: '列入督办' },
    });
    expect(other.ok()).toBe(true);
    await dialog.getByTestId('btn-action-submit').click();
    await expect(dialog.getByTestId('event-conflict')).toContainText('已被他人修改');
    await expect(dialog.getByTestId('action-comment')).toHaveValue('请尽快安排维修');
    await dialog.getByTestId('btn-action-submit').click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('event-history')).toContainText('催办');

    await page.goto('/events/stats');
    await expect(page.getByTestId('stats-category').locator('tr[data-row-key]').first()).toBeVisible();
    await page.getByRole('tab', { name: '部门排名' }).click();
    await expect(page.getByTestId('stats-ranking')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    const statsDownload = page.waitForEvent('download');
    await page.getByTestId('btn-stats-export').click();
    expect((await statsDownload).suggestedFilename()).toMatch(/^事件统计-\d{8}\.xlsx$/);

    await page.goto('/events/map');
    await expect(page.getByTestId('event-map-table').locator('tr[data-row-key]').first()).toBeVisible();
    await expect(page.getByTestId('event-map-chart')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });
});
