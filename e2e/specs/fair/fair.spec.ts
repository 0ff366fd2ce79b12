import { expect, type Page, test } from '@playwright/test';
import { chooseOption } from '../../fixtures/antd.ts';
import { signInAs } from '../../fixtures/auth.ts';
import { expectNoSeriousA11yViolations } from '../../fixtures/axe.ts';

const dateOf = (offsetDays: number) =>
  new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

async function pickDate(page: Page, label: string, day: string) {
  const input = page.getByLabel(label);
  await input.click();
  await input.fill(day);
  await input.press('Enter');
}

test.describe('the matchmaking fair', () => {
  test('the district publishes an offer, an organization exhibits and asks to match, the district signs and the contract opens', async ({
    page,
  }) => {
    test.slow();
    const stamp = Date.now().toString(36);
    const offerTitle = `助餐服务需求 ${stamp}`;
    const exhibitTitle = `邻里助餐项目 ${stamp}`;

    // The district opens this year's edition (open, newest first) and publishes an offer paid from this year's fund.
    await signInAs(page, 'admin');
    await page.goto('/fairs');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('社洽会', { timeout: 60_000 });
    await page.locator('tr', { hasText: '进行中' }).first().getByRole('button').first().click();
    await expect(page).toHaveURL(/\/fairs\/[0-9a-f-]+$/);
    const fairUrl = page.url();
    await page.getByRole('button', { name: /发布需求/ }).click();
    const offerForm = page.getByRole('dialog');
    await offerForm.getByLabel('需求名称').fill(offerTitle);
    await chooseOption(page, offerForm.locator('.ant-select').nth(0), '助餐', '助餐');
    await offerForm.getByLabel('区域代码（区、街道或社区）').fill('220106001');
    await offerForm.getByLabel('发布单位').fill('正阳街道办事处');
    await offerForm.getByLabel('预算（元）').fill('20000');
    await chooseOption(page, offerForm.locator('.ant-select').nth(1), '养老助残服务项目购买资金');
    await offerForm.getByLabel('说明').fill('为高龄独居老人配送午餐');
    await offerForm.getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect(page.getByTestId('fair-offers')).toContainText(offerTitle);
    await expectNoSeriousA11yViolations(page);

    // The organization registers its exhibit and asks to match with the suggested offer.
    await signInAs(page, 'org.demo');
    await page.goto(fairUrl);
    await page.getByRole('tab', { name: /展示项目/ }).click();
    await page.getByRole('button', { name: /登记展示项目/ }).click();
    const exhibitForm = page.getByRole('dialog');
    await exhibitForm.getByLabel('项目名称').fill(exhibitTitle);
    await chooseOption(page, exhibitForm.locator('.ant-select').nth(0), '助餐', '助餐');
    await exhibitForm.getByLabel('服务区域代码（可多个）').fill('220106001');
    await exhibitForm.getByLabel('说明').fill('中央厨房配餐、志愿者送餐上门');
    await exhibitForm.getByRole('button', { name: /确\s*定|OK/ }).click();
    const exhibits = page.getByTestId('fair-exhibits');
    await page.getByLabel('只看本组织').check();
    const row = exhibits.locator('tr', { hasText: exhibitTitle });
    await row.getByRole('button', { name: /推荐对接/ }).click();
    const suggestion = page
      .getByTestId('fair-suggestions')
      .locator('.ant-list-item', { hasText: offerTitle });
    await suggestion.getByRole('button', { name: /发起对接/ }).click();
    await expect(suggestion).toContainText('已有对接');
    await expectNoSeriousA11yViolations(page);

    // The district accepts the request, signs it, and the drafted contract opens.
    await signInAs(page, 'admin');
    await page.goto(fairUrl);
    await page.getByRole('tab', { name: /对接洽谈/ }).click();
    const match = page.getByTestId('fair-matches').locator('tr', { hasText: offerTitle });
    await expect(match).toContainText('待回应');
    await match.getByRole('button', { name: /接受洽谈/ }).click();
    await expect(match).toContainText('洽谈中');
    await match.getByRole('button', { name: /^签\s*约$/ }).click();
    const sign = page.getByRole('dialog');
    await pickDate(page, '开始日期', dateOf(1));
    await pickDate(page, '结束日期', dateOf(180));
    await sign.getByLabel('服务内容与成果').fill('每周五天午餐配送，服务 40 名老人');
    await chooseOption(page, sign.locator('.ant-select').last(), '评估');
    await sign.getByRole('button', { name: /^签\s*约$/ }).click();
    // Signing writes the match, the contract, its tranches and the fund posting in one transaction.
    await expect(page).toHaveURL(/\/contracts\/[0-9a-f-]+$/, { timeout: 60_000 });
    await expect(page.getByTestId('contract-state')).toHaveText('待签约');
    await expect(page.getByRole('heading', { level: 1 })).toContainText(exhibitTitle);
  });

  test('the figures page shows the report’s counts computed from the records', async ({ page }) => {
    await signInAs(page, 'admin');
    await page.goto('/fair-figures');
    // The figures are computed from every signed match on each request.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('社洽会成果统计', { timeout: 60_000 });
    await expect(page.getByText('对接社会组织（家）').first()).toBeVisible();
    await expect(page.getByTestId('fair-figures-editions')).toContainText(
      '绿园区第1届社会组织成果展示暨社洽会',
    );
    await expectNoSeriousA11yViolations(page);
  });
});
