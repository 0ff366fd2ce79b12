import { readFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { chooseOption } from '../../fixtures/antd.ts';
import { signInAs } from '../../fixtures/auth.ts';
import { expectNoSeriousA11yViolations } from '../../fixtures/axe.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Exports the registry from the page's button and answers the downloaded file's bytes. */
async function exportFromPage(page: Page): Promise<Buffer> {
  const download = page.waitForEvent('download');
  await page.getByTestId('btn-organization-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^社会组织名录-\d{8}\.xlsx$/);
  return readFile((await file.path())!);
}

/** The same workbook with one cell of one row changed. */
async function withCell(file: Buffer, row: number, header: string, value: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  ws.getRow(1).eachCell((cell, col) => {
    if (String(cell.value) === header) ws.getRow(row).getCell(col).value = value;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test.describe('registry Excel export and import', () => {
  test('the exported file imports back with 0 changes, and a bad row is named by its number', async ({
    page,
  }) => {
    test.slow();
    await signInAs(page, 'street.zhengyang');
    await page.goto('/organizations');
    await expect(page.getByTestId('organization-table').locator('tr[data-row-key]').first()).toBeVisible();
    // Registered agencies only: other specs file and approve community organizations meanwhile, and
    // a state changed between export and import is (rightly) refused.
    const kind = page.locator('.ant-select').filter({ has: page.getByRole('combobox', { name: '类型' }) });
    await chooseOption(page, kind, '民办非企业单位');
    await expect(page.getByTestId('organization-table').locator('tr[data-row-key]').nth(1)).toBeVisible();
    const exported = await exportFromPage(page);
    expect(exported.length).toBeGreaterThan(1000);

    await page.getByTestId('btn-organization-import').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('从 Excel 导入社会组织名录');
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'registry.xlsx', mimeType: XLSX, buffer: exported });
    const summary = page.getByTestId('import-summary');
    await expect(summary).toContainText('0 处变更');
    await expect(page.getByTestId('import-updated')).toContainText('0');
    // Nothing to write: the confirm button stays off.
    await expect(page.getByTestId('import-confirm')).toBeDisabled();
    await expectNoSeriousA11yViolations(page);

    // Row 3 moved to a community that does not exist: the whole file is refused, row 3 named.
    await dialog.getByRole('button', { name: '重新选择文件' }).click();
    const bad = await withCell(exported, 3, '区划代码', '220106001098');
    await page.locator('input[type=file]').setInputFiles({ name: 'bad.xlsx', mimeType: XLSX, buffer: bad });
    const errors = page.getByTestId('import-errors');
    await expect(errors).toBeVisible();
    await expect(errors).toContainText('第 3 行');
    await expect(errors).toContainText('区划代码');
    await expect(errors).toContainText('220106001098');
    await expect(page.getByTestId('import-confirm')).toBeDisabled();
    await expectNoSeriousA11yViolations(page);
  });

  test('the import dialog works on a phone @phone', async ({ page }) => {
    await signInAs(page, 'street.zhengyang');
    await page.goto('/organizations');
    await page.getByTestId('btn-organization-import').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('import-template')).toBeVisible();
    const width = await dialog.evaluate((el) => el.getBoundingClientRect().width);
    expect(width).toBeLessThanOrEqual(page.viewportSize()!.width);
  });
});
