import { type Browser, expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { chooseOption, confirmPopconfirm } from '../../fixtures/antd.ts';
import { signInAs } from '../../fixtures/auth.ts';
import { expectNoSeriousA11yViolations } from '../../fixtures/axe.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function workbook(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('账号');
  ws.addRow(['用户名', '姓名', '角色', '数据范围', '部门', '组织', '手机号']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Signs in through the sign-in page in a fresh browser context, as the user would. */
async function signInFresh(browser: Browser, username: string, password: string) {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  return { context, page };
}

test.describe('account administration', () => {
  test('the district admin creates an account; its user changes the temporary password; disabled, it is refused', async ({
    page,
    browser,
  }) => {
    await signInAs(page, 'admin');
    await page.goto('/accounts');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('账号管理');
    await expect(page.getByTestId('accounts-table')).toContainText('community.aimin');
    await expectNoSeriousA11yViolations(page);

    // A name and a mobile number of its own, so a retry creates the account afresh.
    const username = `e2e.worker${Date.now().toString(36)}`;
    const last4 = String(Date.now()).slice(-4);
    await page.getByTestId('btn-account-create').click();
    await page.getByTestId('account-username').fill(username);
    await page.getByTestId('account-display-name').fill('互助社区 端到端');
    await page.getByTestId('account-phone').fill(`139 1111 ${last4}`);
    await chooseOption(page, 'grant-role-0', '社区工作者');
    await chooseOption(page, 'grant-scope-0', '互助社区', '互助');
    await expectNoSeriousA11yViolations(page);
    await page.getByTestId('account-form-submit').click();

    const shown = page.getByTestId('temporary-password');
    await expect(shown).toBeVisible();
    const password = ((await shown.textContent()) ?? '').trim();
    expect(password).toHaveLength(12);
    await expect(page.getByRole('dialog', { name: '账号已创建' })).toContainText('只显示这一次');
    await page.getByTestId('temporary-password-done').click();
    const row = page.getByTestId('accounts-table').locator('tr', { hasText: username });
    await expect(row).toContainText(`139****${last4}`);
    await expect(row).toContainText('待改密');

    const user = await signInFresh(browser, username, password);
    await expect(user.page.getByTestId('new-password')).toBeVisible();
    // The sign-in page may already hold the password just typed and not ask for it again.
    const current = user.page.getByTestId('current-password');
    if (await current.isVisible()) await current.fill(password);
    await user.page.getByTestId('new-password').fill('Huzhu#2026new');
    await user.page.getByTestId('new-password-confirm').fill('Huzhu#2026new');
    await user.page.getByTestId('password-submit').click();
    await expect(user.page.getByRole('navigation').getByText('账号管理')).toBeVisible();
    await user.context.close();

    await page.getByTestId('account-filter-q').locator('input').fill(username);
    await page.getByTestId('account-filter-q').locator('input').press('Enter');
    await expect(page.getByTestId('accounts-table').locator('tbody tr.ant-table-row')).toHaveCount(1);
    await page.getByTestId(`account-disable-${username}`).click();
    await confirmPopconfirm(page);
    await expect(row).toContainText('已停用');

    const refused = await signInFresh(browser, username, 'Huzhu#2026new');
    await expect(refused.page.getByTestId('login-error')).toContainText('该账号已停用，请联系管理员');
    await refused.context.close();
  });

  test('a street user sees only its street and imports accounts after a dry run', async ({ page }) => {
    await signInAs(page, 'street.zhengyang');
    await page.goto('/accounts?size=100');
    const table = page.getByTestId('accounts-table');
    await expect(table).toContainText('community.aimin');
    await expect(table).not.toContainText('区民政局管理员');
    const api = await page.request.get('/api/v1/accounts?limit=100');
    const codes = ((await api.json()).items as Array<{ divisionCode: string }>).map((a) => a.divisionCode);
    expect(codes.every((c) => c.startsWith('220106001'))).toBe(true);

    await page.getByTestId('btn-account-import').click();
    const download = page.waitForEvent('download');
    await page.getByTestId('import-template').click();
    expect((await download).suggestedFilename()).toBe('账号导入模板.xlsx');

    // Names and a mobile number of their own, so a retry imports afresh.
    const stamp = Date.now().toString(36);
    const [a, b] = [`e2e.grid.a${stamp}`, `e2e.grid.b${stamp}`];
    const file = await workbook([
      [a, '网格员 甲', '网格员', '220106001002001', '', '', ''],
      [b, '网格员 乙', '网格员', '220106001002002', '', '', `139${String(Date.now()).slice(-8)}`],
    ]);
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'accounts.xlsx', mimeType: XLSX, buffer: file });
    await expect(page.getByTestId('import-summary')).toContainText(a);
    const before = await page.request.get(`/api/v1/accounts?q=${stamp}`);
    expect((await before.json()).total).toBe(0);
    await page.getByTestId('import-confirm').click();
    const result = page.getByTestId('import-result');
    await expect(result).toContainText(b);
    await expect(result).toContainText('只显示这一次');
    await expectNoSeriousA11yViolations(page);
    await page.getByTestId('import-close').click();
    await expect(table).toContainText(a);
  });

  test('a community worker edits a grid member’s grant and resets its password', async ({ page }) => {
    await signInAs(page, 'community.aimin');
    // Its own account (a new one on a retry), so the demo accounts other specs sign in with keep their passwords.
    const username = `e2e.gridmember${Date.now().toString(36)}`;
    const me = await (await page.request.get('/api/v1/auth/me')).json();
    const created = await page.request.post('/api/v1/accounts', {
      headers: { 'x-csrf-token': me.csrfToken },
      data: {
        username,
        displayName: '网格员 钱七',
        grants: [{ role: 'grid_member', scopeCode: '220106001001001' }],
      },
    });
    expect(created.status()).toBe(201);
    await page.goto(`/accounts?q=${username}`);
    await page.getByTestId(`account-edit-${username}`).click();
    await expect(page.getByTestId('account-display-name')).toHaveValue('网格员 钱七');
    await chooseOption(page, 'grant-scope-0', '220106001001002', '220106001001002');
    await page.getByTestId('account-form-submit').click();
    const row = page.getByTestId('accounts-table').locator('tr', { hasText: username });
    await expect(row).toContainText('第2网格');
    await page.getByTestId(`account-resetPassword-${username}`).click();
    await confirmPopconfirm(page);
    await expect(page.getByRole('dialog', { name: '密码已重置' })).toBeVisible();
    await expect(page.getByTestId('temporary-password')).toHaveText(/^.{12}$/);
  });

  test('refuses an import with a bad row and names it', async ({ page }) => {
    await signInAs(page, 'street.zhengyang');
    await page.goto('/accounts');
    await page.getByTestId('btn-account-import').click();
    const file = await workbook([
      ['e2e.ok', '好的一行', '网格员', '220106001003001', '', '', ''],
      ['e2e.other', '别的街道', '社区工作者', '220106003001', '', '', ''],
    ]);
    await page.locator('input[type=file]').setInputFiles({ name: 'bad.xlsx', mimeType: XLSX, buffer: file });
    const errors = page.getByTestId('import-errors');
    await expect(errors).toContainText('第 3 行');
    await expect(errors).toContainText('不在您的管辖范围内');
    await expect(page.getByTestId('import-confirm')).toBeDisabled();
  });

  test('@phone the account list is usable at phone width', async ({ page }) => {
    await signInAs(page, 'street.zhengyang');
    await page.goto('/accounts');
    const table = page.getByTestId('accounts-table');
    await expect(table).toContainText('community.aimin');
    await expect(page.getByTestId('btn-account-create')).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByTestId('btn-account-create').click();
    await expect(page.getByTestId('account-username')).toBeVisible();
    const box = await page.getByTestId('account-form').boundingBox();
    expect(box!.width).toBeLessThanOrEqual(page.viewportSize()!.width);
    await expectNoSeriousA11yViolations(page);
  });
});
