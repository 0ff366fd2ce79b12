import { expect, test } from '@playwright/test';
import { signInAs } from '../../fixtures/auth.ts';
import { expectNoSeriousA11yViolations } from '../../fixtures/axe.ts';

const GRID = '220106001001001';

test.describe('grids at work: rosters and event categories', () => {
  test('a community worker opens a grid, sees its roster and adds a grid member', async ({ page }) => {
    await signInAs(page, 'community.aimin');
    await page.goto(`/grids/${GRID}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('网格');
    await expect(page.getByTestId('grid-stats')).toContainText('刘强');
    const roster = page.getByTestId('roster-table');
    await expect(roster.locator('tr[data-row-key]', { hasText: '网格长' })).toContainText('刘强');
    await expect(roster.locator('tr[data-row-key]', { hasText: '赵磊' })).toContainText(
      'gridmember.220106001001001',
    );
    await expect(page.getByTestId('grid-map-chart')).toBeVisible();
    // The grid's open events (the demo's year of events) link to the event list filtered to the grid.
    await expect(page.getByTestId('grid-open-events')).toHaveText(/^\d/);
    await expectNoSeriousA11yViolations(page);

    await page.getByTestId('btn-assignment-add').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('安排网格人员');
    await dialog.getByTestId('assignment-name').fill('钱晓东');
    await dialog.getByTestId('assignment-phone').fill('13912345678');
    await dialog.getByTestId('btn-assignment-save').click();
    await expect(page.getByText('已安排 钱晓东（网格员）')).toBeVisible();
    const added = roster.locator('tr[data-row-key]', { hasText: '钱晓东' }).first();
    await expect(added).toContainText('139****5678');
    await expect(added).toContainText('在任');

    // The district roster finds the new member and exports what it shows.
    await page.goto('/grids');
    await page.getByTestId('roster-search').locator('input').fill('钱晓东');
    await page.getByTestId('roster-search').locator('input').press('Enter');
    await expect(page.getByTestId('roster-table').locator('tr[data-row-key]').first()).toContainText(
      '爱民社区',
    );
    const download = page.waitForEvent('download');
    await page.getByTestId('btn-roster-export').click();
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
  });

  test('the district admin edits a category’s time limits and sees the work calendar', async ({ page }) => {
    await signInAs(page, 'admin');
    await page.goto('/event-categories');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('事件类别与工作日历');
    await page.getByTestId('category-tree').getByText('占道经营').click();
    const form = page.getByTestId('category-form');
    const handle = form.getByLabel('处置时限', { exact: true });
    await expect(handle).toHaveValue('120');
    await handle.fill('90');
    await page.getByTestId('btn-category-save').click();
    await expect(page.getByText('已保存“占道经营”')).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.reload();
    await page.getByTestId('category-tree').getByText('占道经营').click();
    await expect(page.getByTestId('category-form').getByLabel('处置时限', { exact: true })).toHaveValue('90');

    await page.getByRole('tab', { name: '工作日历' }).click();
    const year = page.getByTestId('calendar-year');
    await year.fill('2026');
    await year.press('Enter');
    await expect(page.getByText('2026 年：放假 33 天，调休上班 6 天')).toBeVisible();
    await year.fill('2027');
    await year.press('Enter');
    await expect(page.getByTestId('calendar-missing')).toContainText('2027 年的节假日安排尚未录入');
  });

  test('a grid page works on a phone @phone', async ({ page }) => {
    await signInAs(page, 'grid.220106001001001');
    await page.goto(`/grids/${GRID}`);
    await expect(page.getByTestId('grid-stats')).toContainText('刘强');
    await expect(page.getByTestId('roster-table').locator('tr[data-row-key]').first()).toBeVisible();
    await expect(page.getByTestId('btn-assignment-add')).toHaveCount(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await expectNoSeriousA11yViolations(page);
  });
});
