import { expect, test } from '@playwright/test';
import { signInAs } from '../../fixtures/auth.ts';
import { expectNoSeriousA11yViolations } from '../../fixtures/axe.ts';

/** 周阿姨 (resident.zhou), the demo volunteer with points, by her mobile number. */
const ZHOU_PHONE = '13900000002';

const pointsIn = async (text: Promise<string | null>) =>
  Number((await text)?.replace(/[^\d.]/g, '') ?? Number.NaN);

test.describe('love supermarket: the counter', () => {
  test('the operator finds the resident by phone, redeems a towel, and sees stock and balance change once', async ({
    page,
  }) => {
    await signInAs(page, 'market.aimin');
    await page.goto('/market-desk');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('爱心超市');
    await expect(page.getByText('先扫描居民码或输入手机号查找居民')).toBeVisible();

    await page.getByLabel('手机号码').fill(ZHOU_PHONE);
    await page.getByRole('button', { name: /^查\s?找$/ }).click();
    await expect(page.getByText('周秀兰（139****0002）')).toBeVisible();
    const before = await pointsIn(page.getByTestId('customer-balance').textContent());
    expect(before).toBeGreaterThan(5);
    const towel = page.getByRole('row').filter({ hasText: '毛巾' });
    const stockBefore = Number(await towel.getByRole('cell').nth(2).textContent());
    expect(stockBefore).toBeGreaterThan(0);

    await page.getByLabel('数量 毛巾').fill('1');
    await expect(page.getByText('合计 5 积分')).toBeVisible();
    await page.getByRole('button', { name: /^兑\s?换$/ }).click();
    await expect(page.getByTestId('redeemed')).toContainText('扣除 5 积分');
    const after = await pointsIn(page.getByTestId('customer-balance').textContent());
    // Her phone page may spend points at the same moment (another test); this redemption took exactly 5.
    expect(after).toBeLessThanOrEqual(before - 5);
    await expect(page.getByTestId('redeemed')).toContainText(`余额 ${after} 积分`);
    await expect(towel.getByRole('cell').nth(2)).toHaveText(String(stockBefore - 1));
    await expectNoSeriousA11yViolations(page);

    // The catalogue shows the same stock, and the movement that explains it.
    await page.getByRole('tab', { name: '商品与库存' }).click();
    const row = page.getByRole('tabpanel').getByRole('row').filter({ hasText: '毛巾' }).first();
    await expect(row.getByTestId('item-stock')).toHaveText(String(stockBefore - 1));
    await expect(page.getByRole('row').filter({ hasText: '兑换出库' }).first()).toBeVisible();

    // The month's report shows the stock check.
    await page.getByRole('tab', { name: '月报' }).click();
    await expect(page.getByText('账物相符：每件物品的库存流水之和等于库存数。')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });
});

test.describe('love supermarket: the resident on a phone', () => {
  test('the resident reserves noodles online and sees the pickup code @phone', async ({ page }) => {
    await signInAs(page, 'resident.zhou');
    await page.goto('/market');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('爱心超市');
    await expect(page.getByText('爱民社区爱心超市')).toBeVisible();
    const before = await pointsIn(page.getByTestId('market-balance').textContent());

    const noodles = page.getByTestId('market-item').filter({ hasText: '挂面' });
    await noodles.getByRole('button', { name: /^预\s?约$/ }).click();
    await expect(page.getByText(/预约成功，取货码 \d{6}/)).toBeVisible();
    await expect(page.getByRole('tab', { name: '我的预约', selected: true })).toBeVisible();
    const reservation = page.getByTestId('my-redemption').filter({ hasText: '待领取' }).first();
    await expect(reservation.getByTestId('pickup-code')).toHaveText(/^\d{6}$/);
    await expect(reservation).toContainText('挂面 × 1');
    await expect(page.getByTestId('market-balance')).not.toHaveText(String(before));
    expect(await pointsIn(page.getByTestId('market-balance').textContent())).toBeLessThanOrEqual(before - 3);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('tab', { name: '我的居民码' }).click();
    await expect(page.getByText('到柜台时出示此码')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });
});
