import { expect, type Locator, test } from '@playwright/test';
import { signInAs } from '../../fixtures/auth.ts';
import { expectNoSeriousA11yViolations } from '../../fixtures/axe.ts';

/** A tree node by its name (its title also shows the level, e.g. “正阳街道 街道”). */
const treeNode = (tree: Locator, name: string) =>
  tree.locator('.ant-tree-title').filter({ hasText: new RegExp(`^${name}\\s`) });

test.describe('division browser', () => {
  test.beforeEach(async ({ page }) => signInAs(page));

  test('shows 绿园区 with the report figures, counted from the records', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/divisions/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('绿园区');
    await expect(page.getByTestId('division-detail')).toContainText('220106000000');
    await expect(page.getByTestId('count-town')).toHaveAttribute('data-count', '3');
    await expect(page.getByTestId('count-street')).toHaveAttribute('data-count', '7');
    await expect(page.getByTestId('count-community')).toHaveAttribute('data-count', '58');
    await expect(page.getByTestId('count-grid')).toHaveAttribute('data-count', '312');
    await expect(page.getByTestId('count-grid')).toContainText('312');
    await expectNoSeriousA11yViolations(page);
  });

  test('browses the tree to a community, opens its grid map and exports Excel', async ({ page }) => {
    await page.goto('/divisions');
    const tree = page.getByTestId('division-tree');
    await treeNode(tree, '正阳街道').click();
    await expect(page).toHaveURL(/\/divisions\/220106001$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('正阳街道');
    await page.getByTestId('children-table').locator('tr[data-row-key="220106001001"]').click();
    await expect(page).toHaveURL(/\/divisions\/220106001001$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('爱民社区');
    await expect(page.getByTestId('boundary-generated')).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    const download = page.waitForEvent('download');
    await page.getByTestId('btn-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^区划-爱民社区-\d{8}\.xlsx$/);

    await page.getByTestId('btn-grid-map').click();
    await expect(page).toHaveURL(/\/divisions\/220106001001\/map$/);
    const chart = page.getByTestId('grid-map-chart');
    await expect(chart.locator('canvas')).toBeVisible();
    await expect(page.getByTestId('map-generated')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test('expands the tree down to grids', async ({ page }) => {
    await page.goto('/divisions');
    const tree = page.getByTestId('division-tree');
    await tree
      .locator('.ant-tree-treenode')
      .filter({ has: page.locator('.ant-tree-title', { hasText: /^同心街道\s/ }) })
      .locator('.ant-tree-switcher')
      .click();
    await expect(treeNode(tree, '上海城社区')).toBeVisible();
    await treeNode(tree, '上海城社区').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('上海城社区');
    await expect(page.getByTestId('children-table')).toContainText('上海城社区第1网格');
  });

  test('finds a community by a two-character search', async ({ page }) => {
    await page.goto('/divisions');
    await page.getByTestId('division-search').locator('input').fill('爱民');
    const option = page.locator('.ant-select-item-option').filter({ hasText: '爱民社区' }).first();
    await option.click();
    await expect(page).toHaveURL(/\/divisions\/220106001001$/);
  });

  test('switches to English and back', async ({ page }) => {
    await page.goto('/divisions');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await page.getByTestId('lang-switch').getByText('English').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByTestId('division-counts')).toContainText(/grid/i);
    await expectNoSeriousA11yViolations(page);
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.getByTestId('lang-switch').getByText('中文').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByTestId('division-counts')).toContainText('网格');
  });

  test('shows a not-found page for an unknown address', async ({ page }) => {
    await page.goto('/no-such-page');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('页面不存在');
  });
});

test.describe('on a phone @phone', () => {
  test.beforeEach(async ({ page }) => signInAs(page));

  test('the district page and a grid map fit a 390-pixel screen', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/divisions/220106003001');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('景阳社区');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.goto('/divisions/220106003001/map');
    await expect(page.getByTestId('grid-map-chart').locator('canvas')).toBeVisible();
  });
});
