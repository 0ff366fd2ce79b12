import { expect, type Page, test } from '@playwright/test';
import { chooseOption } from '../../fixtures/antd.ts';
import { signInAs } from '../../fixtures/auth.ts';
import { expectNoSeriousA11yViolations } from '../../fixtures/axe.ts';
import { PDF_BYTES } from '../../fixtures/filing.ts';

async function uploadAs(page: Page, purpose: string, name: string, buffer: Buffer = PDF_BYTES) {
  const drawer = page.getByTestId('organization-drawer');
  await chooseOption(page, drawer.getByTestId('attachment-purpose'), purpose);
  const chooser = page.waitForEvent('filechooser');
  await drawer.getByTestId('btn-attachment-upload').click();
  await (await chooser).setFiles({ name, mimeType: 'application/pdf', buffer });
}

test('a community organization files online with its three materials and the street approves it', async ({
  page,
}) => {
  test.slow();
  const name = `绿园区爱民社区备案测试${Date.now() % 100000}互助队`;
  await signInAs(page, 'community.aimin');
  await page.goto('/organizations');
  await page.getByTestId('btn-organization-create').click();
  const form = page.getByTestId('organization-form');
  await form.getByTestId('organization-name').fill(name);
  const picker = page.getByTestId('organization-division');
  await picker.click();
  await picker.locator('input').fill('爱民');
  await page
    .locator('.ant-select-dropdown:visible .ant-select-tree-title', { hasText: '爱民社区' })
    .first()
    .click();
  await chooseOption(page, 'organization-fields', '公益');
  await page.keyboard.press('Escape');
  await chooseOption(page, 'organization-category', '志愿服务');
  await page.getByTestId('btn-organization-save').click();

  const drawer = page.getByTestId('organization-drawer');
  await expect(drawer.getByTestId('organization-state')).toHaveText('待审核');
  await drawer.getByRole('tab', { name: '备案材料' }).click();
  const materials = drawer.getByTestId('filing-materials');
  await expect(materials).toContainText('缺章程');

  // A file that only pretends to be a PDF is refused with the reason.
  await uploadAs(page, '章程', '章程.pdf', Buffer.from('这不是 PDF 文件'));
  await expect(page.locator('.ant-message')).toContainText('格式不受支持');

  await uploadAs(page, '章程', '章程.pdf');
  await expect(drawer.getByTestId('attachment-table')).toContainText('章程.pdf');
  await uploadAs(page, '成员名单', '成员名单.pdf');
  await expect(drawer.getByTestId('attachment-table')).toContainText('成员名单.pdf');
  await uploadAs(page, '负责人信息', '负责人信息.pdf');
  await expect(materials).toContainText('材料齐全');
  await expectNoSeriousA11yViolations(page);

  await signInAs(page, 'street.zhengyang');
  await page.goto('/organizations');
  await page.getByTestId('organization-search').locator('input').fill(name);
  await page.getByTestId('organization-search').locator('input').press('Enter');
  await page.getByTestId('organization-table').getByRole('button', { name }).click();
  await drawer.getByRole('tab', { name: '备案材料' }).click();
  const table = drawer.getByTestId('attachment-table');
  await expect(table.locator('tr[data-row-key]')).toHaveCount(3);
  const link = table.getByRole('link', { name: '成员名单.pdf' });
  const href = await link.getAttribute('href');
  const file = await page.request.get(href ?? '');
  expect(file.status()).toBe(200);
  expect(file.headers()['content-type']).toBe('application/pdf');
  expect(file.headers()['x-content-type-options']).toBe('nosniff');
  expect(Buffer.from(await file.body()).equals(PDF_BYTES)).toBe(true);

  await drawer.getByTestId('btn-organization-approveFiling').click();
  await page.getByTestId('btn-organization-confirm').click();
  await drawer.getByRole('tab', { name: '基本信息' }).click();
  await expect(drawer.getByTestId('organization-state')).toHaveText('正常');
});
