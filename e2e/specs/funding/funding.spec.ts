import { expect, type Locator, type Page, test } from '@playwright/test';
import { signInAs } from '../../fixtures/auth.ts';
import { expectNoSeriousA11yViolations } from '../../fixtures/axe.ts';

/** Picks options of an Ant Design select found by its form label (the dropdown is in a portal). */
async function choose(page: Page, scope: Locator, label: string, options: string[]) {
  const input = scope.getByLabel(label, { exact: true });
  // A `has` locator is matched inside the outer one, so it must not start from the scope again.
  const box = scope.locator('.ant-select').filter({ has: page.getByLabel(label, { exact: true }) });
  for (const option of options) {
    const item = page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true });
    // A click during the dropdown's opening animation can be lost: retry until the select shows it.
    await expect(async () => {
      if (!(await item.isVisible())) await input.click();
      await item.click({ timeout: 5_000 });
      await expect(box).toContainText(option, { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
  }
  // A single select closes by itself; only a still-open (multiple) one gets Escape, which would
  // otherwise reach the dialog and close the form.
  const open = page.locator('.ant-select-dropdown:visible');
  await expect(open)
    .toHaveCount(0, { timeout: 1_500 })
    .catch(() => page.keyboard.press('Escape'));
  await expect(open).toHaveCount(0);
}

test.describe('funds, calls and applications', () => {
  test('the district creates a fund and a call, org.demo applies, the call closes for review', async ({
    page,
  }) => {
    test.slow();
    const stamp = Date.now() % 1_000_000;
    const fundName = `端到端测试创投资金${stamp}`;
    const callTitle = `端到端测试征集${stamp}`;
    const project = `端到端测试助老项目${stamp}`;

    // The district creates a fund of 100,000 yuan.
    await signInAs(page, 'admin');
    await page.goto('/funds');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('资金');
    await expect(page.getByTestId('fund-summary')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByTestId('btn-fund-create').click();
    const fundForm = page.getByTestId('fund-form');
    await choose(page, fundForm, '资金渠道', ['公益创投']);
    await fundForm.getByLabel('资金名称').fill(fundName);
    await choose(page, fundForm, '领域', ['养老助残']);
    await fundForm.getByLabel('预算（元）').fill('100000');
    await page.getByTestId('btn-fund-save').click();
    const fundRow = page.getByTestId('fund-table').locator('tr', { hasText: fundName });
    await expect(fundRow).toContainText('¥100,000.00');

    // … and a call on it, then publishes the call.
    await page.goto('/calls');
    await page.getByTestId('btn-call-create').click();
    const callForm = page.getByTestId('call-form');
    await callForm.getByLabel('项目征集').fill(callTitle);
    await choose(page, callForm, '资金', [`${fundName}（公益创投，可用余额 ¥100,000.00）`]);
    await callForm.getByLabel('预算上限（元）').fill('50000');
    await choose(page, callForm, '领域', ['养老助残']);
    await page.getByTestId('btn-call-save').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(callTitle);
    await page.getByTestId('btn-call-open').click();
    await expect(page.getByTestId('call-state')).toHaveText('征集中');
    const callUrl = page.url();

    // The demo organization applies with two budget lines and submits.
    await signInAs(page, 'org.demo');
    await page.goto(callUrl);
    await page.getByTestId('btn-apply').click();
    const form = page.getByTestId('application-form');
    await form.getByLabel('项目名称').fill(project);
    await form.getByLabel('实施方案').fill('每周两次上门探访高龄独居老人，建立健康档案');
    await form.getByLabel('预期成效').fill('服务 60 名高龄独居老人');
    await form.getByLabel('支出项目 1').fill('人员劳务');
    await form.getByLabel('金额（元） 1').fill('20000');
    await form.getByRole('button', { name: '添加一行' }).click();
    await form.getByLabel('支出项目 2').fill('活动物资');
    await form.getByLabel('金额（元） 2').fill('10000');
    await expect(page.getByTestId('application-total')).toContainText('30,000.00');
    await page.getByTestId('btn-application-save').click();
    const table = page.getByTestId('application-table');
    await expect(table.locator('tr', { hasText: project })).toContainText('草稿');

    // It attaches its plan to the draft (the type is told from the bytes), then submits.
    await table.getByRole('button', { name: project }).click();
    const draft = page.getByTestId('application-drawer');
    const chooser = page.waitForEvent('filechooser');
    await draft.getByTestId('btn-application-attachment-upload').click();
    await (await chooser).setFiles({
      name: '实施方案.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'),
    });
    await expect(draft.getByTestId('application-attachment-table')).toContainText('实施方案.pdf');
    await expectNoSeriousA11yViolations(page);
    await draft.getByRole('button', { name: '提交申报' }).click();
    await expect(draft).toContainText('已提交');
    await expect(draft.getByTestId('btn-application-attachment-upload')).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(table.locator('tr', { hasText: project })).toContainText('已提交');

    // The district closes the call; awards wait for the pre-assessment and its public notice
    // (review.spec.ts awards from a notice that has run).
    await signInAs(page, 'admin');
    await page.goto(callUrl);
    await page.getByTestId('btn-call-close').click();
    await expect(page.getByTestId('call-state')).toHaveText('已截止');
    await expect(page.getByTestId('review-panel')).toBeVisible();
    await page.getByTestId('application-table').getByRole('button', { name: project }).click();
    const drawer = page.getByTestId('application-drawer');
    await expect(drawer).toContainText('已提交');
    await expect(drawer.getByTestId('application-attachment-table')).toContainText('实施方案.pdf');
    await expect(drawer.getByTestId('btn-award')).toHaveCount(0);
  });

  test('a community records a need; the list works on a phone @phone', async ({ page }) => {
    const title = `楼道扶手加装${Date.now() % 100000}`;
    await signInAs(page, 'community.aimin');
    await page.goto('/needs');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('需求清单');
    await page.getByTestId('btn-need-create').click();
    const form = page.getByTestId('need-form');
    await form.getByLabel('需求', { exact: true }).fill(title);
    await choose(page, form, '领域', ['养老助残']);
    await form.getByLabel('估算金额（元）').fill('8000');
    await page.getByTestId('btn-need-save').click();
    await expect(page.getByTestId('need-table').locator('tr', { hasText: title })).toContainText('¥8,000.00');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await expectNoSeriousA11yViolations(page);
  });
});
