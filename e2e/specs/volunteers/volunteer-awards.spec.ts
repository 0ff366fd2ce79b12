import { expect, test } from '@playwright/test';
import { chooseOption } from '../../fixtures/antd.ts';
import { createTestAccount, csrfTokenOf, signInAs } from '../../fixtures/auth.ts';
import { expectNoSeriousA11yViolations } from '../../fixtures/axe.ts';
import { residentId } from '../../fixtures/resident-id.ts';

test.describe('volunteers: the district desk', () => {
  test('sets a points rule, awards a volunteer from the pool, gives an honour, and exports both lists', async ({
    page,
  }) => {
    // Three tabs, two dialogs and two downloads in one walk.
    test.setTimeout(240_000);
    await signInAs(page, 'admin');
    const { items } = (await (await page.request.get('/api/v1/volunteers?limit=1')).json()) as {
      items: Array<{ name: string; volunteerNo: string }>;
    };
    const volunteer = items[0]!;
    const stamp = Date.now();
    await page.goto('/volunteers');

    // Points rules: the star thresholds in use, and 2 points per hour for civic practice.
    await page.getByRole('tab', { name: '积分规则' }).click();
    await expect(page.getByTestId('star-levels')).toContainText('100 / 300 / 600 / 1000 / 1500');
    const ruleForm = page.locator('form').filter({ hasText: '每小时积分' });
    await chooseOption(page, ruleForm.locator('.ant-select').nth(1), '文明实践');
    await ruleForm.getByLabel('每小时积分').fill('2');
    await ruleForm.getByRole('button', { name: '保存规则' }).click();
    await expect(page.getByRole('row').filter({ hasText: '文明实践' })).toContainText('2');
    await expectNoSeriousA11yViolations(page);

    // Awards: a volunteer gets 3 points from the district's pool; the list shows it; Excel export.
    await page.getByRole('tab', { name: '奖励积分' }).click();
    await expect(page.getByTestId('award-pool')).not.toContainText('—');
    await page.getByRole('tabpanel').getByRole('button', { name: '奖励积分', exact: true }).click();
    const awardModal = page.getByRole('dialog');
    await chooseOption(page, awardModal.locator('.ant-select'), volunteer.volunteerNo, volunteer.name);
    await awardModal.getByLabel('积分').fill('3');
    await awardModal.getByLabel('事由').fill(`垃圾分类宣传表现突出 ${stamp}`);
    await awardModal.getByRole('button', { name: /确\s*定/ }).click();
    await expect(page.getByRole('row').filter({ hasText: `垃圾分类宣传表现突出 ${stamp}` })).toContainText(
      '3',
    );
    const awardsFile = page.waitForEvent('download');
    await page.getByRole('tabpanel').getByRole('button', { name: '导出 Excel' }).click();
    expect((await awardsFile).suggestedFilename()).toMatch(/^奖励积分-\d{8}\.xlsx$/);

    // Honours: last year's district honours are listed; a new one is given with year and reason.
    await page.getByRole('tab', { name: '荣誉表彰' }).click();
    await expect(
      page.getByRole('tabpanel').getByRole('row').filter({ hasText: '优秀志愿者' }).first(),
    ).toBeVisible();
    await page.getByRole('button', { name: '授予荣誉' }).click();
    const honourModal = page.getByRole('dialog');
    await chooseOption(
      page,
      honourModal.locator('.ant-select').first(),
      volunteer.volunteerNo,
      volunteer.name,
    );
    await chooseOption(page, honourModal.locator('.ant-select').nth(1), '年度之星');
    // A year of its own, so a rerun on the same database does not meet its own honour.
    await honourModal.getByLabel('年度').fill(String(2000 + (stamp % 90)));
    await honourModal.getByLabel('事由').fill(`常年坚持助老服务 ${stamp}`);
    await honourModal.getByRole('button', { name: /确\s*定/ }).click();
    await expect(page.getByRole('row').filter({ hasText: `常年坚持助老服务 ${stamp}` })).toContainText(
      '年度之星',
    );
    const honoursFile = page.waitForEvent('download');
    await page.getByRole('tabpanel').getByRole('button', { name: '导出 Excel' }).click();
    expect((await honoursFile).suggestedFilename()).toMatch(/^志愿服务荣誉-\d{8}\.xlsx$/);
    await expectNoSeriousA11yViolations(page);
  });
});

test.describe('volunteers: the rotating code on a 375 px phone', () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test('scanning the organizer’s QR code opens the activity with the code filled in; an old code is refused @phone', async ({
    page,
  }) => {
    // Two signed-in browsers and a new account: more than the default on a busy machine.
    test.setTimeout(240_000);
    const organizer = await page.context().browser()!.newContext({
      baseURL: test.info().project.use.baseURL,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const desk = await organizer.newPage();
    await signInAs(desk, 'community.aimin');
    const title = `扫码签到 ${Date.now()}`;
    const created = await desk.request.post('/api/v1/volunteer-activities', {
      headers: { 'x-csrf-token': await csrfTokenOf(desk) },
      data: {
        title,
        category: 'safety',
        publisherKind: 'community',
        divisionCode: '220106001001',
        address: '爱民社区北门',
        startsAt: new Date(Date.now() - 5 * 60_000).toISOString(),
        endsAt: new Date(Date.now() + 2 * 3_600_000).toISOString(),
        slots: 5,
      },
    });
    expect(created.status()).toBe(201);
    const activity = (await created.json()) as { id: string };

    // A new resident registers and signs up through the API; the page is what is tested here.
    const account = await createTestAccount({
      role: 'resident',
      scopeCode: '220106001001001',
      activate: true,
    });
    await signInAs(page, account.username, account.password);
    const csrf = await csrfTokenOf(page);
    const registered = await page.request.post('/api/v1/volunteers/register', {
      headers: { 'x-csrf-token': csrf },
      data: {
        name: '钱扫码',
        idNumber: residentId('19880115', String(Date.now()).slice(-3)).valid,
        phone: `137${String(Date.now()).slice(-8)}`,
        skills: [],
        availability: ['weekend'],
        divisionCode: '220106001001',
      },
    });
    expect(registered.status(), await registered.text()).toBe(201);
    await page.request.post(`/api/v1/volunteer-activities/${activity.id}/signup`, {
      headers: { 'x-csrf-token': csrf },
    });

    // A code from long ago (typed from an old screenshot) is refused with a clear message.
    await page.goto(`/volunteer?activity=${activity.id}&code=000000`);
    const card = page.getByTestId('activity-card').filter({ hasText: title }).first();
    // The page loads its lazy chunk and three queries first: slow on a busy machine.
    await card.getByRole('button', { name: /^签\s?到$/ }).click({ timeout: 60_000 });
    await expect(page.getByText(/签到码(已过期|不正确)/)).toBeVisible();

    // The organizer's QR code carries the current code; opening it fills the code in.
    await desk.goto('/volunteers');
    await desk.getByRole('button', { name: `名单 ${title}` }).click();
    const code = (await desk.getByTestId('check-in-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^\d{6}$/);
    await page.goto(`/volunteer?activity=${activity.id}&code=${code}`);
    await expect(card.getByLabel('签到码')).toHaveValue(code, { timeout: 60_000 });
    await card.getByRole('button', { name: /^签\s?到$/ }).click();
    await expect(card.getByText(/已签到/)).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);

    // My points: balance and the month statement fit the narrow screen too.
    await page.getByRole('tab', { name: '我的积分' }).click();
    await expect(page.getByTestId('points-statement')).toContainText('期初');
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(1);
    await expectNoSeriousA11yViolations(page);
    await organizer.close();
  });
});
