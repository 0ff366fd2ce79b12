import { expect, test } from '@playwright/test';
import { signInAs } from '../../fixtures/auth.ts';
import { expectNoSeriousA11yViolations } from '../../fixtures/axe.ts';

interface Indicators {
  totals: { organizations: number; communityOrgs: number };
  streets: Array<{ code: string; name: string }>;
  communities: Array<{ code: string }>;
  belowTarget: Array<{ code: string; name: string; gap: number; streetCode: string }>;
}

test.describe('organization indicators', () => {
  test('a street opens the indicators from the menu, sees its figures and exports the communities below target', async ({
    page,
  }) => {
    await signInAs(page, 'street.zhengyang');
    await page.goto('/');
    await page.getByRole('navigation').getByRole('link', { name: '社会组织指标' }).click();
    await expect(page).toHaveURL(/\/organizations\/indicators$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('社会组织指标');

    const api = (await (await page.request.get('/api/v1/organizations/indicators')).json()) as Indicators;
    const cards = page.getByTestId('indicators-cards');
    await expect(cards).toContainText('在册社会组织');
    await expect(cards).toContainText(String(api.totals.organizations));
    await expect(cards).toContainText(`/ ${api.communities.length}`);
    await expect(page.getByTestId('chart-per10k')).toBeVisible();
    await expect(page.getByTestId('chart-fields')).toBeVisible();

    const table = page.getByTestId('indicators-below-table');
    if (api.belowTarget.length > 0) {
      const first = api.belowTarget[0]!;
      await expect(table.locator(`tr[data-row-key="${first.code}"]`)).toContainText(first.name);
      await expect(table.locator(`tr[data-row-key="${first.code}"]`)).toContainText(String(first.gap));
    } else {
      await expect(table).toContainText('所有社区均已达到培育目标');
    }
    await expectNoSeriousA11yViolations(page);

    const download = page.waitForEvent('download');
    await page.getByTestId('btn-indicators-export').click();
    expect((await download).suggestedFilename()).toMatch(/^社会组织指标-\d{8}\.xlsx$/);
  });

  test('the district narrows every figure to one street', async ({ page }) => {
    await signInAs(page, 'admin');
    await page.goto('/organizations/indicators');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('社会组织指标');
    const street = (await (
      await page.request.get('/api/v1/organizations/indicators?divisionCode=220106001')
    ).json()) as Indicators;
    await page.getByTestId('indicators-street').click();
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: street.streets[0]!.name })
      .first()
      .click();
    const cards = page.getByTestId('indicators-cards');
    await expect(cards).toContainText(`/ ${street.communities.length}`);
    await expect(cards).toContainText(String(street.totals.organizations));
    const rows = page.getByTestId('indicators-below-table').locator('tr[data-row-key]');
    await expect(rows.first()).toBeVisible();
    for (const key of await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-key'))))
      expect(key).toMatch(/^220106001/);
  });

  test('an organization’s own account has no indicators', async ({ page }) => {
    await signInAs(page, 'org.demo');
    await page.goto('/');
    await expect(page.getByRole('navigation').getByRole('link', { name: '社会组织指标' })).toHaveCount(0);
    expect((await page.request.get('/api/v1/organizations/indicators')).status()).toBe(403);
  });

  test('works on a phone @phone', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 812 });
    await signInAs(page, 'street.zhengyang');
    await page.goto('/organizations/indicators');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('社会组织指标');
    await expect(page.getByTestId('indicators-cards')).toBeVisible();
    await expect(page.getByTestId('chart-per10k')).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await expectNoSeriousA11yViolations(page);
  });
});
