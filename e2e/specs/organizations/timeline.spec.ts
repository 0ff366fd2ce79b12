import { expect, test } from '@playwright/test';
import { csrfTokenOf, signInAs } from '../../fixtures/auth.ts';
import { expectNoSeriousA11yViolations } from '../../fixtures/axe.ts';
import { uploadFilingMaterials } from '../../fixtures/filing.ts';

test('an organization’s page shows its timeline, newest first, filterable by source', async ({ page }) => {
  const name = `爱民社区大事记测试${Date.now() % 100000}合唱团`;
  await signInAs(page, 'community.aimin');
  const created = await page.request.post('/api/v1/organizations', {
    headers: { 'x-csrf-token': await csrfTokenOf(page) },
    data: {
      kind: 'community_org',
      name,
      divisionCode: '220106001001',
      fields: ['culture_sports'],
      category: 'culture_sports',
    },
  });
  expect(created.status()).toBe(201);
  const { id, version } = await created.json();
  await uploadFilingMaterials(page, id);

  await signInAs(page, 'street.zhengyang');
  const approved = await page.request.post(`/api/v1/organizations/${id}/transitions`, {
    headers: { 'x-csrf-token': await csrfTokenOf(page) },
    data: { action: 'approveFiling', version },
  });
  expect(approved.status()).toBe(200);

  await page.goto('/organizations');
  await page.getByTestId('organization-search').locator('input').fill(name);
  await page.getByTestId('organization-search').locator('input').press('Enter');
  const table = page.getByTestId('organization-table');
  await expect(table.locator('tr[data-row-key]')).toHaveCount(1);
  await table.getByRole('button', { name }).click();
  await page.getByTestId('organization-drawer').getByTestId('organization-page-link').click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  const entries = page.getByTestId('organization-timeline').locator('.ant-timeline-item');
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toContainText('同意备案');
  await expect(entries.nth(1)).toContainText('录入名录');
  await expectNoSeriousA11yViolations(page);

  await page.getByRole('checkbox', { name: '状态变更' }).uncheck();
  await expect(entries).toHaveCount(1);
  await expect(entries.nth(0)).toContainText('录入名录');
});
