import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { authenticator } from 'otplib';
import { createTestAccount, unusedTotp } from '../../fixtures/auth.ts';
import { expectNoSeriousA11yViolations } from '../../fixtures/axe.ts';

test.describe('binding an authenticator at sign-in', () => {
  test('a new district admin binds an authenticator, keeps the recovery codes, sets a password and returns to the page asked for', async ({
    page,
  }) => {
    const account = await createTestAccount({ role: 'district_admin', creator: 'admin' });
    await page.goto('/divisions/220106001');
    await expect(page).toHaveURL(/\/login\?next=/);
    await page.getByTestId('login-username').fill(account.username);
    await page.getByTestId('login-password').fill(account.password);
    await page.getByTestId('login-submit').click();

    await expect(page.getByRole('heading', { name: '绑定身份验证器' })).toBeVisible();
    await expect(page.getByText('区级管理员账号必须开启两步验证')).toBeVisible();
    await expect(page.locator('[data-testid="totp-qr"] canvas')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);

    // A code from long ago is refused, and the step stays open.
    await page.getByTestId('totp-enrol-code').fill(authenticator.clone({ epoch: 0 }).generate(secret));
    await page.getByTestId('totp-enrol-submit').click();
    await expect(page.getByText('动态验证码不正确或已过期')).toBeVisible();

    await page.getByTestId('totp-enrol-code').fill(await unusedTotp(account.username, secret));
    await page.getByTestId('totp-enrol-submit').click();
    const codes = page.getByTestId('recovery-code');
    await expect(codes).toHaveCount(10);
    const first = ((await codes.first().textContent()) ?? '').trim();
    const download = page.waitForEvent('download');
    await page.getByTestId('recovery-codes-download').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`linli-recovery-codes-${account.username}.txt`);
    expect(readFileSync(await file.path(), 'utf8')).toContain(first);
    await page.getByTestId('recovery-codes-done').click();

    // An account an admin created must then replace its initial password (step one's is remembered).
    await expect(page.getByRole('heading', { name: '设置新密码' })).toBeVisible();
    await expect(page.getByTestId('current-password')).toHaveCount(0);
    await page.getByTestId('new-password').fill('short');
    await page.getByTestId('password-submit').click();
    await expect(page.locator('.ant-form-item-explain-error:not(.ant-form-show-help-item-leave)')).toHaveText(
      ['密码至少 8 位', '请再次输入新密码'],
    );
    await page.getByTestId('new-password').fill('Lvyuan#Admin2026');
    await page.getByTestId('new-password-confirm').fill('Lvyuan#Admin2026');
    await page.getByTestId('password-submit').click();
    await expect(page).toHaveURL(/\/divisions\/220106001$/);

    // The second factor is now required: the profile offers no way to turn it off.
    await page.goto('/profile');
    await expect(page.getByTestId('totp-status')).toHaveText('已绑定');
    await expect(page.getByTestId('totp-required')).toBeVisible();
    await expect(page.getByTestId('totp-disable')).toHaveCount(0);
  });
});
