import { expect, test } from '@playwright/test';
import { confirmPopconfirm } from '../../fixtures/antd.ts';
import { signInAs } from '../../fixtures/auth.ts';
import { expectNoSeriousA11yViolations } from '../../fixtures/axe.ts';

test.describe('Open311 API keys', () => {
  test('the district admin issues a key shown once, a client uses it, and a revoked key stops working', async ({
    page,
  }) => {
    await signInAs(page, 'admin');
    await page.goto('/open311-clients');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Open311 接口');
    await expect(page.getByRole('row').filter({ hasText: '12345 政务服务便民热线（演示）' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    const name = `e2e 便民 App ${Date.now() % 100000}`;
    await page.getByTestId('open311-issue').click();
    await page.getByLabel('客户端名称').fill(name);
    await page.getByTestId('open311-issue-submit').click();
    const key = (await page.getByTestId('open311-key').textContent())?.trim() ?? '';
    expect(key).toMatch(/^l311_/);
    await page.getByRole('button', { name: '我已保存' }).click();
    const row = page.getByRole('row').filter({ hasText: name });
    await expect(row).toContainText('有效');
    await expect(row).not.toContainText(key);

    // A third-party client with the key: services are open, requests need the key.
    const services = await page.request.get('/open311/v2/services.json');
    expect(services.ok()).toBe(true);
    expect((await page.request.get(`/open311/v2/requests.json?api_key=${key}`)).status()).toBe(200);

    await row.getByRole('button', { name: /吊\s*销/ }).click();
    await confirmPopconfirm(page, /吊\s*销/);
    await expect(row).toContainText('已于');
    expect((await page.request.get(`/open311/v2/requests.json?api_key=${key}`)).status()).toBe(403);
  });
});
