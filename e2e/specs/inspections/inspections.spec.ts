import { expect, test } from '@playwright/test';
import { signInAs } from '../../fixtures/auth.ts';
import { expectNoSeriousA11yViolations } from '../../fixtures/axe.ts';

interface Inspection {
  id: string;
  organizationName: string;
  year: number;
}

test.describe('annual inspection (R2.5)', () => {
  test('the district reviews a submitted report with a result', async ({ page }) => {
    test.slow();
    await signInAs(page, 'admin');
    const res = await page.request.get('/api/v1/inspections?state=submitted&limit=1');
    const [target] = ((await res.json()) as { items: Inspection[] }).items;
    expect(target).toBeDefined();

    await page.goto('/inspections');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('年检');
    const table = page.getByTestId('inspection-table');
    await expect(table.locator('tr[data-row-key]').first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    const search = page.getByRole('searchbox', { name: '搜索组织名称' });
    await search.fill(target!.organizationName);
    await search.press('Enter');
    const row = table.locator(`tr[data-row-key="${target!.id}"]`);
    await row.getByRole('button', { name: target!.organizationName }).click();
    const drawer = page.getByTestId('inspection-drawer');
    await expect(drawer.getByTestId('inspection-state')).toHaveText('已报送');
    await drawer.getByTestId('btn-inspection-review').click();
    await page.getByRole('radio', { name: '基本合格' }).check();
    await page.getByTestId('inspection-findings').fill('财务会计报告未经审计，限期补充审计报告');
    await page.getByTestId('btn-inspection-confirm').click();
    await expect(drawer.getByTestId('inspection-state')).toHaveText('已审核');
    await expect(drawer.getByTestId('inspection-result')).toHaveText('基本合格');
    await expect(drawer).toContainText('财务会计报告未经审计');
    await expect(drawer.getByTestId('btn-inspection-review')).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
  });

  test('the overdue tab lists organizations that have not reported after the deadline', async ({ page }) => {
    await signInAs(page, 'admin');
    const res = await page.request.get('/api/v1/inspections/overdue?limit=1');
    const overdue = (await res.json()) as { due: boolean; total: number; deadline: string };
    await page.goto('/inspections');
    await page.getByRole('tab', { name: '逾期未年检' }).click();
    await expect(page.getByRole('alert')).toContainText(overdue.deadline);
    if (overdue.due)
      await expect(page.getByTestId('overdue-table').locator('tr[data-row-key]').first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test('works on a phone @phone', async ({ page }) => {
    await signInAs(page, 'street.zhengyang');
    await page.goto('/inspections');
    await expect(page.getByTestId('inspection-table').locator('tr[data-row-key]').first()).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await expectNoSeriousA11yViolations(page);
  });
});
