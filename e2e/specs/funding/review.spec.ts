import { expect, test } from '@playwright/test';
import { signInAs } from '../../fixtures/auth.ts';
import { expectNoSeriousA11yViolations } from '../../fixtures/axe.ts';

// The demo's children's call waits for evaluator.demo's last sheet; the spring call's notice has
// run and one listed application waits for its award; the reward call's notice is running.
test.describe
  .serial('pre-assessment (事前论证)', () => {
    test('the evaluator declares no conflict and scores its sheet', async ({ page }) => {
      await signInAs(page, 'evaluator.demo');
      await page.goto('/my-reviews');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('我的评审');
      const waiting = page.getByTestId('my-reviews').locator('tr', { hasText: '待声明回避' }).first();
      await waiting.getByRole('link').click();
      await expect(page.getByTestId('coi-card')).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      await page.getByTestId('btn-declare-none').click();
      const sheet = page.getByTestId('score-sheet');
      await sheet.getByLabel('需求契合度 得分').fill('20');
      await sheet.getByLabel('项目设计 得分').fill('28.5');
      await sheet.getByLabel('组织能力 得分').fill('16');
      await sheet.getByLabel('预算合理性 得分').fill('17');
      await expect(sheet).toContainText('合计 81.5 / 100 分');
      await page.getByTestId('btn-submit-sheet').click();
      await page.locator('.ant-modal-confirm').getByRole('button', { name: '提交评分表' }).click();
      await expect(page.getByTestId('review-state')).toHaveText('已提交');
      await expect(sheet.getByLabel('项目设计 得分')).toBeDisabled();
    });

    test('the district publishes the ranking as a notice and awards from a notice that has run', async ({
      page,
    }) => {
      // Two calls, a notice and an award: on a loaded two-core machine this takes more than two minutes.
      test.slow();
      await signInAs(page, 'admin');
      await page.goto('/calls');
      await page.getByRole('button', { name: /儿童关爱服务项目（第一批）/ }).click();
      const panel = page.getByTestId('review-panel');
      await expect(panel).toBeVisible();
      const rows = panel.getByTestId('ranking-table').locator('tbody tr.ant-table-row');
      await expect(rows).toHaveCount(4);
      for (const row of await rows.all()) await row.getByRole('checkbox').check();
      await page.getByTestId('btn-publish-notice').click();
      await page.getByTestId('btn-publish-confirm').click();
      await panel.getByTestId('link-notice').click();
      await expect(page.getByRole('heading', { level: 1 })).toContainText('拟立项项目公示');
      await expect(page.getByTestId('notice-entries').locator('tbody tr.ant-table-row')).toHaveCount(4);
      await expectNoSeriousA11yViolations(page);

      // The spring call's notice has ended with its objections answered: its last listed project is awarded.
      await page.goto('/calls');
      await page.getByRole('button', { name: /养老助残服务项目购买（第一批）/ }).click();
      // Two submitted applications were seeded at the same instant: only the one on the notice can be awarded.
      const submitted = page.getByTestId('application-table').locator('tr', { hasText: '已提交' });
      const drawer = page.getByTestId('application-drawer');
      await expect(submitted.first()).toBeVisible();
      let listed = false;
      for (const row of await submitted.all()) {
        await row.getByRole('button').first().click();
        await expect(drawer.getByTestId('review-result')).toContainText('评审得分');
        if ((await drawer.getByTestId('btn-award').count()) > 0) {
          listed = true;
          break;
        }
        await page.keyboard.press('Escape');
        await expect(drawer).toBeHidden();
      }
      expect(listed).toBe(true);
      await drawer.getByTestId('btn-award').click();
      await page.getByTestId('btn-award-confirm').click();
      await expect(drawer).toContainText('已立项');
    });

    test('a resident objects to a project on the running notice @phone', async ({ page }) => {
      await signInAs(page, 'resident.demo');
      await page.goto('/notices');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('公示');
      await page.getByRole('link', { name: /以奖代补/ }).click();
      await page
        .getByRole('button', { name: /^提出异议：/ })
        .first()
        .click();
      const reason = `服务记录与宣传不一致，请核实 ${Date.now() % 100000}`;
      await page.getByLabel('异议内容').fill(reason);
      await page.getByTestId('btn-object-confirm').click();
      await expect(page.getByTestId('objections')).toContainText(reason);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(1);
      await expectNoSeriousA11yViolations(page);
    });
  });
