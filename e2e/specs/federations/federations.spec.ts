import { expect, test } from '@playwright/test';
import { signInAs } from '../../fixtures/auth.ts';
import { expectNoSeriousA11yViolations } from '../../fixtures/axe.ts';

test.describe('federations (R2.3)', () => {
  // The move-in test changes the counts the first test reads: one after the other.
  test.describe.configure({ mode: 'serial' });

  test('the district sees the federations, their members and the organizations that moved in', async ({
    page,
  }) => {
    await signInAs(page, 'admin');
    const moveIns = await page.request.get('/api/v1/federations/move-ins?limit=1');
    const { total } = (await moveIns.json()) as { total: number };
    expect(total).toBeGreaterThanOrEqual(30);

    await page.goto('/federations');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('联合会');
    await expect(page.getByTestId('federation-summary')).toContainText(String(total));
    const table = page.getByTestId('federation-table');
    await expect(table.locator('tr[data-row-key]')).toHaveCount(3);
    await expect(table).toContainText('同心街道物业企业联合会');
    await expect(table).toContainText('普阳街道创客联合会');
    await expect(table).toContainText('林园街道猪八戒网基地');
    await expectNoSeriousA11yViolations(page);

    await table.getByRole('button', { name: '同心街道物业企业联合会' }).click();
    const drawer = page.getByTestId('federation-drawer');
    const members = drawer.getByTestId('federation-members');
    await expect(members).toContainText('会长');
    await expect(members).toContainText('副会长');
    await expect(drawer.getByTestId('federation-move-ins').locator('tr[data-row-key]').first()).toBeVisible();
    await expect(drawer.getByTestId('federation-move-ins')).toContainText(/\d{4}-\d{2}-\d{2}/);
    await expectNoSeriousA11yViolations(page);
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();

    await page.getByRole('tab', { name: '入驻组织' }).click();
    const list = page.getByTestId('move-in-table');
    await expect(list.locator('tr[data-row-key]')).toHaveCount(20);
    await expect(page.getByText(`共 ${total} 个`)).toBeVisible();
  });

  test('a move-in is recorded through the page and marks the registry', async ({ page }) => {
    test.slow();
    await signInAs(page, 'admin');
    const res = await page.request.get(
      '/api/v1/organizations?divisionCode=220106011&fromOutside=false&state=active&limit=100',
    );
    const candidates = ((await res.json()) as { items: Array<{ id: string; name: string }> }).items;
    const detail = (await (await page.request.get('/api/v1/federations/fed-tongxin-property')).json()) as {
      members: Array<{ organizationId: string }>;
    };
    const target = candidates.find((o) => !detail.members.some((m) => m.organizationId === o.id))!;
    expect(target).toBeDefined();

    await page.goto('/federations');
    await page
      .getByTestId('federation-table')
      .getByRole('button', { name: '同心街道物业企业联合会' })
      .click();
    const drawer = page.getByTestId('federation-drawer');
    await drawer.getByTestId('btn-move-in').click();
    const picker = page.getByTestId('move-in-form-organization');
    await picker.click();
    await picker.locator('input').fill(target.name.slice(-8));
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: target.name })
      .first()
      .click();
    await page.getByTestId('move-in-form-origin').fill('吉林市船营区');
    await expectNoSeriousA11yViolations(page);
    await page.getByTestId('btn-move-in-submit').click();
    await expect(drawer.getByTestId('federation-move-ins')).toContainText(target.name);
    const after = (await (await page.request.get('/api/v1/federations/fed-tongxin-property')).json()) as {
      members: Array<{ organizationId: string; leftOn: string | null }>;
    };
    expect(after.members.some((m) => m.organizationId === target.id && m.leftOn === null)).toBe(true);
    const org = (await (await page.request.get(`/api/v1/organizations/${target.id}`)).json()) as {
      fromOutside: boolean;
    };
    expect(org.fromOutside).toBe(true);
  });

  test('works on a phone @phone', async ({ page }) => {
    await signInAs(page, 'admin');
    await page.goto('/federations');
    await expect(page.getByTestId('federation-table').locator('tr[data-row-key]').first()).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await expectNoSeriousA11yViolations(page);
  });
});
