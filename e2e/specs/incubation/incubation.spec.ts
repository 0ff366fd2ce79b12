import { expect, test } from '@playwright/test';
import { chooseOption } from '../../fixtures/antd.ts';
import { signInAs } from '../../fixtures/auth.ts';
import { expectNoSeriousA11yViolations } from '../../fixtures/axe.ts';

test.describe('incubation base', () => {
  test('the operator takes an organization in, plans its incubation and graduates it', async ({ page }) => {
    test.slow();
    await signInAs(page, 'incubator.dezhong');
    await page.goto('/incubation');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('孵化基地');
    const table = page.getByTestId('incubation-table');
    await expect(table.locator('tr[data-row-key]').first()).toBeVisible();
    await expect(page.getByTestId('incubation-stage-incubating')).not.toContainText('—');
    await expectNoSeriousA11yViolations(page);

    // Intake: the first organization that may apply, at the district base.
    await page.getByTestId('btn-incubation-apply').click();
    const dialog = page.getByRole('dialog', { name: '新建入孵申请' });
    const select = dialog.getByTestId('incubation-apply-organization');
    await select.click();
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
    await expect(option).toBeVisible();
    const chosen = (await option.textContent())!.split('（')[0]!;
    await chooseOption(page, select, chosen);
    await dialog.getByLabel('申请人').fill('张秀兰');
    await dialog.getByLabel('组织做什么、服务谁').fill('为社区独居老人提供上门探访和助餐服务');
    await dialog.getByLabel('场地').check();
    await page.getByTestId('btn-incubation-apply-submit').click();

    const drawer = page.getByTestId('incubation-drawer');
    await expect(drawer).toContainText(chosen);
    await expect(drawer.getByTestId('incubation-state')).toHaveText('待审核');

    await drawer.getByTestId('btn-incubation-admit').click();
    await page.getByTestId('btn-incubation-confirm').click();
    await expect(drawer.getByTestId('incubation-state')).toHaveText('已准予入孵');
    await drawer.getByTestId('btn-incubation-start').click();
    await page.getByTestId('btn-incubation-confirm').click();
    await expect(drawer.getByTestId('incubation-state')).toHaveText('孵化中');

    // The plan: a milestone, done; a service received.
    await drawer.getByTestId('incubation-milestones-add').click();
    await page.getByTestId('incubation-milestone-title').fill('制定组织章程和内部管理制度');
    await page.getByTestId('btn-incubation-item-save').click();
    const milestones = drawer.getByTestId('incubation-milestones');
    await expect(milestones).toContainText('制定组织章程和内部管理制度');
    // Graduation waits for the plan to be done.
    await expect(drawer.getByTestId('btn-incubation-graduate')).toHaveCount(0);
    await milestones.getByTestId('btn-incubation-milestone-done').click();
    await expect(milestones).toContainText('已于');
    await expect(milestones.getByTestId('btn-incubation-milestone-done')).toHaveCount(0);

    await drawer.getByTestId('incubation-services-add').click();
    await page.getByTestId('incubation-service-hours').fill('2.5');
    await page.getByTestId('btn-incubation-item-save').click();
    await expect(drawer.getByTestId('incubation-services')).toContainText('2.5 小时');
    await expectNoSeriousA11yViolations(page);

    await drawer.getByTestId('btn-incubation-graduate').click();
    await page.getByTestId('btn-incubation-confirm').click();
    await expect(drawer.getByTestId('incubation-state')).toHaveText('已出壳');
    await expect(drawer.getByTestId('incubation-history')).toContainText('出壳毕业');
    await expect(drawer.getByTestId('incubation-history')).toContainText('准予入孵');
  });

  test('works on a phone @phone', async ({ page }) => {
    await signInAs(page, 'incubator.dezhong');
    await page.goto('/incubation');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('孵化基地');
    await expect(page.getByTestId('incubation-table').locator('tr[data-row-key]').first()).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await expectNoSeriousA11yViolations(page);
  });
});
