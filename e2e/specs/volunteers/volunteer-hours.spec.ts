import { type Browser, expect, type Page, test } from '@playwright/test';
import { createTestAccount, csrfTokenOf, signInAs } from '../../fixtures/auth.ts';
import { expectNoSeriousA11yViolations } from '../../fixtures/axe.ts';
import { residentId } from '../../fixtures/resident-id.ts';

/** A desk-sized signed-in page of its own for the organizer. */
async function deskPage(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  await signInAs(page, username);
  return page;
}

test.describe('volunteers: true hours, points that appear', () => {
  test('a resident registers, signs up, checks in and out on a phone; the organizer confirms 2.5 h; its certificate checks out; the 2.5 points buy soap at the counter once @phone', async ({
    page,
    browser,
  }) => {
    // Two browsers, a registration and four round trips between them: under half a minute alone,
    // longer on two cores beside another long test.
    test.setTimeout(180_000);
    // The community publishes an activity that is under way now (so check-in is open).
    const organizer = await deskPage(browser, 'community.aimin');
    const title = `楼道清理 ${Date.now()}`;
    const created = await organizer.request.post('/api/v1/volunteer-activities', {
      headers: { 'x-csrf-token': await csrfTokenOf(organizer) },
      data: {
        title,
        category: 'environment',
        publisherKind: 'community',
        divisionCode: '220106001001',
        address: '爱民社区 3 栋',
        startsAt: new Date(Date.now() - 10 * 60_000).toISOString(),
        endsAt: new Date(Date.now() + 3 * 3_600_000).toISOString(),
        slots: 5,
      },
    });
    expect(created.status()).toBe(201);

    // A resident of its own (so a retry or a second run registers afresh) registers on the phone.
    const resident = await createTestAccount({ role: 'resident', activate: true });
    await signInAs(page, resident.username, resident.password);
    await page.goto('/volunteer');
    // The first visit loads the page's chunk: give a busy machine time.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('志愿服务', { timeout: 60_000 });
    await page.getByLabel('姓名').fill('孙大爷');
    const phone = `139${String(Date.now()).slice(-8)}`;
    await page.getByLabel('手机号码').fill(phone);
    // An ID number of its own (one volunteer per ID number): a birth day from the clock, a random order code.
    const born = new Date(Date.UTC(1950, 0, 1) + (Math.floor(Date.now() / 1000) % 20_000) * 86_400_000);
    const id = residentId(born.toISOString().slice(0, 10).replaceAll('-', ''));
    await page.getByLabel('公民身份号码').fill(id.wrongCheck);
    await page.getByRole('button', { name: /^注\s?册$/ }).click();
    await expect(page.getByText(/公民身份号码有误/).first()).toBeVisible();
    await page.getByLabel('公民身份号码').fill(id.valid);
    await page.getByRole('button', { name: /^注\s?册$/ }).click();
    await expect(page.getByText('累计时长')).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // Finds the activity near them and signs up, then checks in and out with the organizer's code.
    const card = page.getByTestId('activity-card').filter({ hasText: title });
    await card.getByRole('button', { name: /^报\s?名$/ }).click();
    await expect(card.getByText('已报名')).toBeVisible();

    await organizer.goto('/volunteers');
    await organizer.getByRole('button', { name: `名单 ${title}` }).click();
    const code = (await organizer.getByTestId('check-in-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^\d{6}$/);

    await card.getByLabel('签到码').fill(code);
    await card.getByRole('button', { name: /^签\s?到$/ }).click();
    await expect(card.getByText(/已签到/)).toBeVisible();
    await card.getByLabel('签到码').fill(code);
    await card.getByRole('button', { name: /^签\s?退$/ }).click();
    await expect(card.getByText(/已签退/)).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);

    // The organizer confirms 2.5 hours (150 minutes) on the roster.
    await organizer.reload();
    await organizer.getByRole('button', { name: `名单 ${title}` }).click();
    const drawer = organizer.locator('.ant-drawer');
    await drawer.getByLabel(/时长（分钟） 孙大爷/).fill('150');
    await drawer.getByRole('button', { name: '确认时长' }).click();
    await expect(drawer.getByText('2.5 h · 2.5')).toBeVisible();

    // The points appear on the resident's phone.
    await page.reload();
    await page.getByRole('tab', { name: '我的积分' }).click();
    await expect(page.getByTestId('points-balance')).toContainText('2.5');
    await expect(page.getByText('服务时长积分').first()).toBeVisible();

    // The hours certificate: the PDF downloads, its number checks out on the public page.
    await page.getByRole('tab', { name: '我的时长' }).click();
    const pdf = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载时长证明（PDF）' }).click();
    expect((await pdf).suggestedFilename()).toMatch(/^志愿服务证明-.+\.pdf$/);
    const issued = page.getByTestId('certificate-code');
    await expect(issued).toContainText(/证明编号 [0-9A-Z]{4}(-[0-9A-Z]{4}){3}/);
    const number = (await issued.textContent())?.match(/[0-9A-Z]{4}(-[0-9A-Z]{4}){3}/)?.[0] ?? '';
    await expectNoSeriousA11yViolations(page);
    await issued.getByRole('link', { name: '打开证明查验页' }).click();
    await expect(page.getByText('证明真实有效')).toBeVisible();
    await expect(page.getByText(/孙\*\*/)).toContainText('2.5');
    // Anyone, signed in or not; one character changed is refused.
    const stranger = await browser.newPage({ baseURL: test.info().project.use.baseURL });
    const forged = `${number.slice(0, -1)}${number.endsWith('A') ? 'B' : 'A'}`;
    await stranger.goto(`/verify/certificate?code=${forged}`);
    await expect(stranger.getByText(/^查无此证明/)).toBeVisible();
    await stranger.goto(`/verify/certificate?code=${number}`);
    await expect(stranger.getByText('证明真实有效')).toBeVisible();
    await stranger.close();

    // The community's love supermarket stocks one bar of soap at 2 points (so this walk owns the item).
    const counter = await deskPage(browser, 'market.aimin');
    const csrf = { 'x-csrf-token': await csrfTokenOf(counter) };
    const { items: markets } = (await (await counter.request.get('/api/v1/markets')).json()) as {
      items: Array<{ id: string }>;
    };
    const soap = `香皂 ${Date.now()}`;
    const item = await counter.request.post(`/api/v1/markets/${markets[0]!.id}/items`, {
      headers: csrf,
      data: { kind: 'goods', name: soap, unit: '块', pricePoints: 200 },
    });
    expect(item.status()).toBe(201);
    const stocked = await counter.request.post(`/api/v1/market-items/${(await item.json()).id}/stock`, {
      headers: csrf,
      data: { kind: 'adjustment', quantity: 1, reason: '入库一块' },
    });
    expect(stocked.status()).toBe(200);

    // The resident redeems it at the counter: stock and balance change once.
    await counter.goto('/market-desk');
    await counter.getByLabel('手机号码').fill(phone);
    await counter.getByRole('button', { name: /^查\s?找$/ }).click();
    await expect(counter.getByTestId('customer-balance')).toContainText('2.5');
    const row = counter.getByRole('row').filter({ hasText: soap });
    await expect(row.getByRole('cell').nth(2)).toHaveText('1');
    await counter.getByLabel(`数量 ${soap}`).fill('1');
    await counter.getByRole('button', { name: /^兑\s?换$/ }).click();
    await expect(counter.getByTestId('redeemed')).toContainText('扣除 2 积分');
    await expect(counter.getByTestId('redeemed')).toContainText('余额 0.5 积分');
    await expect(row.getByRole('cell').nth(2)).toHaveText('0');
    await page.goto('/volunteer');
    await page.getByRole('tab', { name: '我的积分' }).click();
    await expect(page.getByTestId('points-balance')).toContainText('0.5');
  });
});

test.describe('volunteers: the street desk and the public check', () => {
  test('the street sees statistics by month and exports them; teams and ranking are listed', async ({
    page,
  }) => {
    await signInAs(page, 'street.zhengyang');
    await page.goto('/volunteers');
    await page.getByRole('tab', { name: '统计' }).click();
    await expect(page.getByText(/志愿者 \d+ 人，服务队 \d+ 支/)).toBeVisible();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 Excel' }).click();
    expect((await download).suggestedFilename()).toMatch(/^志愿服务统计-\d{8}\.xlsx$/);
    await page.getByRole('tab', { name: '服务队' }).click();
    await expect(page.getByText(/共 \d+ 支服务队/)).toBeVisible();
    await page.getByRole('tab', { name: '排行榜' }).click();
    await expect(page.getByRole('tabpanel').locator('.ant-table-row').first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test('anyone can check a certificate number without signing in; a made-up one is refused', async ({
    page,
  }) => {
    await page.goto('/verify/certificate?code=ABCD-EFGH-JKMN-PQRS');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('志愿服务证明查验');
    await expect(page.getByText('查无此证明')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });
});
