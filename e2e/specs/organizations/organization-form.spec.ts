import { expect, type Page, test } from '@playwright/test';
import { chooseOption } from '../../fixtures/antd.ts';
import { csrfTokenOf, signInAs } from '../../fixtures/auth.ts';
import { expectNoSeriousA11yViolations } from '../../fixtures/axe.ts';

/** Picks a street or community in the division tree by typing part of its name. */
async function chooseDivision(page: Page, search: string, name: string) {
  const picker = page.getByTestId('organization-division');
  await picker.click();
  await picker.locator('input').fill(search);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-tree-title', { hasText: name })
    .first()
    .click();
}

test.describe('organization form', () => {
  test('a registered organization with a mistyped credit code is refused, naming the field', async ({
    page,
  }) => {
    test.slow();
    await signInAs(page, 'admin');
    const existing = await page.request.get('/api/v1/organizations?kind=private_non_enterprise&limit=1');
    const taken = (await existing.json()).items[0].uscc as string;
    const mistyped = taken.slice(0, 17) + (taken[17] === '0' ? '1' : '0');

    await page.goto('/organizations');
    await page.getByTestId('btn-organization-create').click();
    const form = page.getByTestId('organization-form');
    await chooseOption(page, 'organization-kind', '民办非企业单位');
    await form
      .getByTestId('organization-name')
      .fill(`长春市绿园区表单测试${Date.now() % 100000}社工服务中心`);
    await form.getByTestId('organization-uscc').fill(mistyped);
    await chooseDivision(page, '正阳', '正阳街道');
    await chooseOption(page, 'organization-fields', '慈善');
    await page.keyboard.press('Escape');
    await chooseOption(page, 'organization-category', '社会救助');
    await page.getByTestId('btn-organization-save').click();
    const usccError = form.locator('.ant-form-item-explain-error', { hasText: '统一社会信用代码' });
    await expect(usccError).toContainText('校验位不正确');
    await expectNoSeriousA11yViolations(page);

    // A well-formed code that another organization holds: the server's answer lands on the field.
    await form.getByTestId('organization-uscc').fill(taken);
    await page.getByTestId('btn-organization-save').click();
    await expect(form.locator('.ant-form-item-explain-error', { hasText: '统一社会信用代码' })).toContainText(
      '已被其他社会组织使用',
    );
    await expect(form).toBeVisible();
  });

  test('a community worker files through the form, edits it, and keeps the input on a conflict', async ({
    page,
  }) => {
    test.slow();
    const name = `绿园区爱民社区表单测试${Date.now() % 100000}志愿队`;
    await signInAs(page, 'community.aimin');
    await page.goto('/organizations');
    await page.getByTestId('btn-organization-create').click();
    const form = page.getByTestId('organization-form');
    await expect(form.getByTestId('organization-kind')).toContainText('社区社会组织');
    await form.getByTestId('organization-name').fill(name);
    await chooseDivision(page, '爱民', '爱民社区');
    await chooseOption(page, 'organization-fields', '养老');
    await page.keyboard.press('Escape');
    await chooseOption(page, 'organization-category', '养老服务');
    await form.getByTestId('organization-phone').fill('138 1234 5678');
    await page.getByTestId('btn-organization-save').click();

    const drawer = page.getByTestId('organization-drawer');
    await expect(drawer.getByTestId('organization-state')).toHaveText('待审核');
    await expect(drawer).toContainText('138****5678');

    await drawer.getByTestId('btn-organization-edit').click();
    await expect(form.getByTestId('organization-name')).toHaveValue(name);
    await form.getByLabel('志愿者人数').fill('25');
    await page.getByTestId('btn-organization-save').click();
    await expect(form).toBeHidden();
    await expect(drawer).toContainText('志愿者 25 人');
    await expect(drawer).toContainText('138****5678');

    // Someone else saves while the form is open: saving is refused, what was typed stays.
    await drawer.getByTestId('btn-organization-edit').click();
    const found = await page.request.get(`/api/v1/organizations?q=${encodeURIComponent(name)}&limit=1`);
    const current = (await found.json()).items[0];
    const other = await page.request.patch(`/api/v1/organizations/${current.id}`, {
      headers: { 'x-csrf-token': await csrfTokenOf(page) },
      data: { version: current.version, staffCount: 4 },
    });
    expect(other.status()).toBe(200);
    await form.getByLabel('志愿者人数').fill('40');
    await page.getByTestId('btn-organization-save').click();
    await expect(page.getByTestId('organization-conflict')).toContainText('已被他人修改，请刷新后重试');
    await expect(form.getByLabel('志愿者人数')).toHaveValue('40');
  });

  test('funding by year shows the self-funding share', async ({ page }) => {
    test.slow();
    const name = `绿园区爱民社区经费测试${Date.now() % 100000}服务队`;
    await signInAs(page, 'community.aimin');
    const created = await page.request.post('/api/v1/organizations', {
      headers: { 'x-csrf-token': await csrfTokenOf(page) },
      data: {
        kind: 'community_org',
        name,
        divisionCode: '220106001001',
        fields: ['elderly'],
        category: 'elderly_care',
      },
    });
    expect(created.status()).toBe(201);
    await page.goto('/organizations');
    await page.getByTestId('organization-search').locator('input').fill(name);
    await page.getByTestId('organization-search').locator('input').press('Enter');
    await page.getByTestId('organization-table').getByRole('button', { name }).click();
    const drawer = page.getByTestId('organization-drawer');
    await drawer.getByRole('tab', { name: '经费来源' }).click();
    await drawer.getByTestId('btn-funding-add').click();
    await page.getByTestId('funding-government_purchase').fill('6000');
    await page.getByTestId('funding-fees').fill('3000');
    await page.getByTestId('funding-donations').fill('1000.50');
    await page.getByTestId('btn-funding-save').click();
    const table = drawer.getByTestId('organization-funding');
    await expect(table).toContainText('10,000.50');
    await expect(table).toContainText('40.0%');
    await expectNoSeriousA11yViolations(page);
  });

  test('the district adds a category, which the form then offers, and deactivates it', async ({ page }) => {
    test.slow();
    const code = `cat_${Date.now() % 1000000}`;
    const nameZh = `测试类别${Date.now() % 10000}`;
    await signInAs(page, 'admin');
    await page.goto('/organizations');
    await page.getByTestId('btn-organization-catalog').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('服务领域与类别');
    await page.getByRole('tab', { name: '类别' }).click();
    await page.getByTestId('btn-catalog-add').click();
    await page.getByTestId('catalog-code').fill(code);
    await page.getByTestId('catalog-name-zh').fill(nameZh);
    await page.getByTestId('catalog-name-en').fill('Test category');
    await page.getByTestId('btn-catalog-save').click();
    const table = page.getByTestId('catalog-table');
    await expect(table).toContainText(nameZh);
    await expectNoSeriousA11yViolations(page);

    await page.goto('/organizations');
    await page.getByTestId('btn-organization-create').click();
    await page.getByTestId('organization-category').click();
    await page.getByTestId('organization-category').locator('input').fill(nameZh);
    await expect(
      page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: nameZh }),
    ).toBeVisible();
    await page.keyboard.press('Escape');

    await page.goto('/organizations/catalog');
    await page.getByRole('tab', { name: '类别' }).click();
    await page.getByTestId(`btn-catalog-toggle-${code}`).click();
    await expect(table.locator(`tr[data-row-key="${code}"]`)).toContainText('已停用');
  });

  test('the form works on a phone @phone', async ({ page }) => {
    await signInAs(page, 'community.aimin');
    await page.goto('/organizations');
    await page.getByTestId('btn-organization-create').click();
    await expect(page.getByTestId('organization-form').getByTestId('organization-name')).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await expectNoSeriousA11yViolations(page);
  });
});
