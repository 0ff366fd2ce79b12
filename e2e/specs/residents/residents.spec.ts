import { expect, type Page, test } from '@playwright/test';
import { signInAs } from '../../fixtures/auth.ts';
import { expectNoSeriousA11yViolations } from '../../fixtures/axe.ts';
import { residentId } from '../../fixtures/resident-id.ts';

/** A man born on 1951-06-18 (odd order code), the order code varying per run. */
const idNumber = () => residentId('19510618', String(((Date.now() % 450) + 25) * 2 + 1).padStart(3, '0'));

/** Picks a division in the tree select by typing part of its name. */
async function pickDivision(page: Page, testId: string, name: string) {
  const picker = page.getByTestId(testId);
  await picker.click();
  await page.keyboard.type(name);
  await page.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: name }).first().click();
}

test.describe('residents registry', () => {
  test('a community worker registers a resident, sees masked numbers, reveals them with a reason; the admin sees the reveal', async ({
    page,
  }) => {
    // Two sign-ins, a form, a reveal and three accessibility scans: more than the default time on a busy machine.
    test.slow();
    const id = idNumber();
    const reason = `核对高龄津贴身份信息 ${Date.now()}`;
    await signInAs(page, 'community.aimin');
    await page.goto('/residents');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('居民信息');
    const table = page.getByTestId('resident-table');
    await expect(table.locator('tr[data-row-key]').first()).toBeVisible();
    await expect(table).toContainText(/\d{4}\*{10}[\dX]{4}/);
    await expectNoSeriousA11yViolations(page);

    await page.getByTestId('btn-resident-create').click();
    const form = page.getByTestId('resident-form');
    await form.getByTestId('resident-name').fill('王秀英');
    await form.getByTestId('resident-id-number').fill(id.wrongCheck);
    await expect(form).toContainText('公民身份号码校验位不正确，请核对是否抄错');
    await form.getByTestId('resident-id-number').fill(id.valid);
    await expect(form.getByTestId('resident-derived')).toContainText('性别：男');
    await expect(form.getByTestId('resident-derived')).toContainText('1951-06-18');
    await form.getByTestId('resident-phone').fill('139 0431 7788');
    await pickDivision(page, 'resident-division', '爱民社区第2网格');
    await form.getByTestId('resident-address').fill('爱民社区 12 栋 3 单元 402');
    await expectNoSeriousA11yViolations(page);
    await form.getByTestId('btn-resident-save').click();

    const detail = page.getByTestId('resident-detail');
    await expect(detail).toBeVisible();
    const idValue = detail.getByTestId('resident-id-number-value');
    await expect(idValue).toHaveText(`2201**********${id.valid.slice(-4)}`);
    await expect(detail.getByTestId('resident-phone-value')).toHaveText('139****7788');
    await expect(detail).not.toContainText(id.valid);
    const residentId = new URL(page.url()).searchParams.get('open') ?? '';
    expect(residentId).not.toBe('');

    await detail.getByTestId('btn-reveal').click();
    await page.getByTestId('reveal-reason').fill(reason);
    await page.getByTestId('btn-reveal-submit').click();
    await expect(idValue).toHaveText(id.valid);
    await expect(detail.getByTestId('resident-phone-value')).toHaveText('13904317788');
    // Scan once the dialog has faded out: half-transparent text fails the contrast rule.
    await expect(page.getByTestId('reveal-reason')).toBeHidden();
    await expectNoSeriousA11yViolations(page);

    // Without acting mode, recording a consent explains what to do instead.
    await detail.getByTestId('btn-record-consent').click();
    await expect(detail.getByTestId('consent-needs-acting')).toContainText('代办');

    await signInAs(page, 'admin');
    await page.goto('/audit?actor=李静');
    const audit = page.getByTestId('audit-table');
    // Newest first: the resident's latest entry is the reveal (other sessions of 李静 may sign in meanwhile).
    const revealRow = audit.locator('tr[data-row-key]').filter({ hasText: residentId }).first();
    await expect(revealRow).toBeVisible();
    await revealRow.locator('.ant-table-row-expand-icon').click();
    await expect(audit).toContainText(reason);
    await expect(audit).not.toContainText(id.valid);
  });

  test('staff record a consent only while acting for the resident, and the record says for whom', async ({
    page,
  }) => {
    await signInAs(page, 'station.aimin');
    await page.goto('/residents?tag=alone');
    const table = page.getByTestId('resident-table');
    const row = table.locator('tr[data-row-key]').first();
    const name = ((await row.getByRole('button').first().textContent()) ?? '').trim();
    await row.getByRole('button').first().click();
    const detail = page.getByTestId('resident-detail');
    await detail.getByTestId('btn-record-consent').click();
    await expect(detail.getByTestId('consent-needs-acting')).toContainText('请先进入代办模式');

    await detail.getByTestId('act-for-resident').click();
    await page.getByTestId('acting-reason').fill('老人不会使用手机，到服务站当面办理');
    await page.getByTestId('acting-confirm').click();
    await expect(detail.getByTestId('act-for-resident')).toHaveCount(0);
    await detail.getByTestId('btn-record-consent').click();
    const dialog = page.getByRole('dialog', { name: new RegExp(name) });
    await dialog.getByRole('combobox').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '短信通知' }).click();
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect(detail.getByTestId('resident-consents')).toContainText(
      `爱民社区服务站 张敏 代 ${name} 记录`,
    );
    await expectNoSeriousA11yViolations(page);
  });

  test('a grid leader sees masked numbers of its own grid and no reveal button', async ({ page }) => {
    await signInAs(page, 'grid.220106001001001');
    await page.goto('/residents');
    const table = page.getByTestId('resident-table');
    const first = table.locator('tr[data-row-key]').first();
    await expect(first).toBeVisible();
    await expect(table).not.toContainText('爱民社区第2网格');
    await first.getByRole('button').first().click();
    const detail = page.getByTestId('resident-detail');
    await expect(detail.getByTestId('resident-id-number-value')).toHaveText(/^\d{4}\*{10}[\dX]{4}$/);
    await expect(detail.getByTestId('btn-reveal')).toHaveCount(0);
  });

  test('works on a phone @phone', async ({ page }) => {
    await signInAs(page, 'community.aimin');
    await page.goto('/residents');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('居民信息');
    const table = page.getByTestId('resident-table');
    await expect(table.locator('tr[data-row-key]').first()).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await expectNoSeriousA11yViolations(page);
    await table.locator('tr[data-row-key]').first().getByRole('button').first().click();
    const detail = page.getByTestId('resident-detail');
    await expect(detail.getByTestId('resident-id-number-value')).toBeVisible();
    const box = await detail.boundingBox();
    expect(box?.width ?? 0).toBeLessThanOrEqual(page.viewportSize()!.width + 1);
    await expectNoSeriousA11yViolations(page);
  });
});
