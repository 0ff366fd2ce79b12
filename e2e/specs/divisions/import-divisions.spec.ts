import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { signInAs } from '../../fixtures/auth.ts';
import { expectNoSeriousA11yViolations } from '../../fixtures/axe.ts';

async function workbook(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('区划');
  ws.addRow(['区划代码', '名称', '层级']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

test.describe('Excel import', () => {
  test.beforeEach(async ({ page }) => signInAs(page));

  test('refuses a file with a bad code in row 7, naming row 7, and imports nothing', async ({ page }) => {
    await page.goto('/divisions/220106005001');
    await page.getByTestId('btn-import').click();
    const rows = [1, 2, 3, 4, 5].map((n) => [`22010600500120${n}`, `导入网格${n}`, '网格']);
    rows.push(['22010600500X206', '坏代码', '网格']);
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'bad.xlsx', mimeType: XLSX, buffer: await workbook(rows) });
    const errors = page.getByTestId('import-errors');
    await expect(errors).toBeVisible();
    await expect(errors).toContainText('7');
    await expect(page.getByRole('dialog')).toContainText('第 7 行');
    await expectNoSeriousA11yViolations(page);
    const res = await page.request.get('/api/v1/divisions/220106005001201');
    expect(res.status()).toBe(404);
  });

  test('previews a good file, then imports it on confirmation', async ({ page }) => {
    await page.goto('/divisions/220106005002');
    await page.getByTestId('btn-import').click();
    const rows = [
      ['220106005002301', '新增网格甲', '网格'],
      ['220106005002302', '新增网格乙', '网格'],
    ];
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'good.xlsx', mimeType: XLSX, buffer: await workbook(rows) });
    await expect(page.getByTestId('import-summary')).toBeVisible();
    expect((await page.request.get('/api/v1/divisions/220106005002301')).status()).toBe(404);
    await page.getByTestId('import-confirm').click();
    await expect
      .poll(async () => (await page.request.get('/api/v1/divisions/220106005002301')).status())
      .toBe(200);
    await expect(page.getByTestId('children-table')).toContainText('新增网格甲');
  });
});
