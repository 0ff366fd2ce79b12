import { expect, test } from '@playwright/test';
import { chooseFromUserMenu, signInAs } from '../../fixtures/auth.ts';
import { expectNoSeriousA11yViolations } from '../../fixtures/axe.ts';

test.describe('acting for a resident', () => {
  test('a community worker starts acting from the resident, sees the banner on every page, and ends it', async ({
    page,
  }) => {
    await signInAs(page, 'community.aimin');
    await page.goto('/residents');
    const row = page.getByTestId('resident-table').locator('tr[data-row-key]').first();
    const name = ((await row.getByRole('button').first().textContent()) ?? '').trim();
    await row.getByRole('button').first().click();
    await page.getByTestId('resident-detail').getByTestId('act-for-resident').click();

    const dialog = page.getByRole('dialog', { name: `为居民 ${name} 代办` });
    await expect(dialog).toContainText(`您的每项操作都记录为“爱民社区 李静 代 ${name}”`);
    await dialog.getByTestId('acting-confirm').click();
    // Field messages on screen (not the ones fading out after a fix).
    const fieldError = dialog.locator('.ant-form-item-explain-error:not(.ant-form-show-help-item-leave)');
    await expect(fieldError).toHaveText('请填写代办原因');
    await dialog.getByTestId('acting-reason').fill('老');
    await expect(fieldError).toHaveText('代办原因为 2–200 个字');
    await expectNoSeriousA11yViolations(page);
    await dialog.getByTestId('acting-reason').fill('老人不会使用手机');
    await dialog.getByTestId('acting-confirm').click();
    await expect(dialog).toBeHidden();
    const drawer = page.getByRole('dialog', { name });
    await drawer.locator('.ant-drawer-close').click();
    await expect(drawer).toBeHidden();

    const banner = page.getByTestId('acting-banner');
    await expect(banner).toContainText(
      `正在为居民 ${name} 代办（原因：老人不会使用手机）— 您的操作将记录为“爱民社区 李静 代 ${name}”`,
    );
    await chooseFromUserMenu(page, 'btn-profile');
    await expect(banner).toBeVisible();
    await expect(page.getByTestId('session-row-current').getByTestId('session-acting-tag')).toHaveText(
      `代办中：${name}`,
    );
    await expectNoSeriousA11yViolations(page);

    await page.getByTestId('acting-stop').click();
    await expect(banner).toHaveCount(0);
    await expect(page.getByText('已结束代办')).toBeVisible();
    await expect(page.getByTestId('session-acting-tag')).toHaveCount(0);
    const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { actingFor: unknown };
    expect(me.actingFor).toBeNull();
  });

  test('the banner fits a phone screen @phone', async ({ page }) => {
    await signInAs(page, 'grid.220106001001001');
    await page.goto('/residents');
    const row = page.getByTestId('resident-table').locator('tr[data-row-key]').first();
    const name = ((await row.getByRole('button').first().textContent()) ?? '').trim();
    await row.getByRole('button').first().click();
    await page.getByTestId('resident-detail').getByTestId('act-for-resident').click();
    await page.getByTestId('acting-reason').fill('老人行动不便，网格员上门代办');
    await page.getByTestId('acting-confirm').click();
    const drawer = page.getByRole('dialog', { name });
    await drawer.locator('.ant-drawer-close').click();
    await expect(drawer).toBeHidden();
    const banner = page.getByTestId('acting-banner');
    await expect(banner).toBeVisible();
    await expect(page.getByTestId('acting-stop')).toBeInViewport();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByTestId('acting-stop').click();
    await expect(banner).toHaveCount(0);
  });
});
