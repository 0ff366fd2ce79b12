import { expect, test } from '@playwright/test';
import { csrfTokenOf, signInAs } from '../../fixtures/auth.ts';
import { expectNoSeriousA11yViolations } from '../../fixtures/axe.ts';
import { uploadFilingMaterials } from '../../fixtures/filing.ts';

test.describe('social organizations registry', () => {
  test('a community worker files, the street approves it from the registry page', async ({ page }) => {
    test.slow();
    const name = `绿园区爱民社区测试${Date.now() % 100000}互助服务队`;
    await signInAs(page, 'community.aimin');
    const created = await page.request.post('/api/v1/organizations', {
      headers: { 'x-csrf-token': await csrfTokenOf(page) },
      data: {
        kind: 'community_org',
        name,
        divisionCode: '220106001001',
        fields: ['public_welfare'],
        category: 'volunteering',
      },
    });
    expect(created.status()).toBe(201);
    await uploadFilingMaterials(page, (await created.json()).id);

    await signInAs(page, 'street.zhengyang');
    await page.goto('/organizations');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('社会组织');
    const table = page.getByTestId('organization-table');
    await expect(table.locator('tr[data-row-key]').first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.getByTestId('organization-search').locator('input').fill(name);
    await page.getByTestId('organization-search').locator('input').press('Enter');
    await expect(table.locator('tr[data-row-key]')).toHaveCount(1);
    await table.getByRole('button', { name }).click();
    const drawer = page.getByTestId('organization-drawer');
    await expect(drawer.getByTestId('organization-state')).toHaveText('待审核');
    await drawer.getByTestId('btn-organization-approveFiling').click();
    await page.getByTestId('btn-organization-confirm').click();
    await expect(drawer.getByTestId('organization-state')).toHaveText('正常');
    await expect(drawer.getByTestId('organization-history')).toContainText('同意备案');
    await expect(drawer.getByTestId('btn-organization-approveFiling')).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
  });

  test('the district sees the report’s figures and finds elderly care by 养老', async ({ page }) => {
    await signInAs(page, 'admin');
    await page.goto('/organizations');
    const summary = page.getByTestId('organization-summary');
    await expect(summary).toContainText('118');
    await expect(summary).toContainText('39');
    await page.getByTestId('organization-search').locator('input').fill('养老');
    await page.getByTestId('organization-search').locator('input').press('Enter');
    const table = page.getByTestId('organization-table');
    await expect(table.locator('tr[data-row-key]').first()).toContainText('养老');
    await expect(table).not.toContainText('秧歌队');
  });

  test('works on a phone @phone', async ({ page }) => {
    await signInAs(page, 'street.zhengyang');
    await page.goto('/organizations');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('社会组织');
    await expect(page.getByTestId('organization-table').locator('tr[data-row-key]').first()).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await expectNoSeriousA11yViolations(page);
  });
});
