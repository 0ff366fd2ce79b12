import { expect, test } from '@playwright/test';
import { signInAs } from '../../fixtures/auth.ts';
import { expectNoSeriousA11yViolations } from '../../fixtures/axe.ts';

test.describe('audit log page', () => {
  test('the district admin sees sign-ins and failed sign-ins, and exports them', async ({ page }) => {
    await page.request.post('/api/v1/auth/login', {
      data: { username: 'org.demo', password: 'Wrong#pass1' },
    });
    await signInAs(page, 'admin');
    await page.goto('/audit');
    const table = page.getByTestId('audit-table');
    await expect(table).toBeVisible();
    await expect(table.locator('tr[data-row-key]').first()).toBeVisible();
    await expect(table).toContainText('失败');
    await expect(table).toContainText('区民政局管理员');
    await expectNoSeriousA11yViolations(page);
    const download = page.waitForEvent('download');
    await page.getByTestId('btn-audit-export').click();
    expect((await download).suggestedFilename()).toMatch(/^审计日志-\d{8}\.xlsx$/);
  });

  test('a street user has no audit menu and is refused the page', async ({ page }) => {
    await signInAs(page, 'street.zhengyang');
    await page.goto('/divisions');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('正阳街道');
    await expect(page.getByRole('navigation').getByText('审计日志')).toHaveCount(0);
    await page.goto('/audit');
    await expect(page.getByTestId('forbidden-page')).toBeVisible();
  });
});
