import { expect, type Page, test } from '@playwright/test';
import { confirmPopconfirm } from '../../fixtures/antd.ts';
import { chooseFromUserMenu, createTestAccount, signInAs, unusedTotp } from '../../fixtures/auth.ts';
import { expectNoSeriousA11yViolations } from '../../fixtures/axe.ts';

/** Field messages on screen (not the ones fading out after a fix). */
const fieldError = (page: Page) =>
  page.locator('.ant-form-item-explain-error:not(.ant-form-show-help-item-leave)');

async function openProfileFromMenu(page: Page): Promise<void> {
  await chooseFromUserMenu(page, 'btn-profile');
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('个人中心');
}

async function signInThroughForm(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

// Each case works on an account of its own, made for it: other specs sign in with the demo
// accounts and their password `Demo#2026`, which must stay as it is.
test.describe('profile', () => {
  test('shows the account and changes the password, with the policy and a wrong current password refused', async ({
    page,
  }) => {
    const account = await createTestAccount({ role: 'station_staff', activate: true });
    await signInAs(page, account.username, account.password);
    await page.goto('/');
    await openProfileFromMenu(page);
    const info = page.getByTestId('profile-account');
    await expect(info).toContainText(account.displayName);
    await expect(info).toContainText(account.username);
    await expect(page.getByTestId('profile-roles')).toHaveText('社区协同治理服务站 · 爱民社区');
    await expectNoSeriousA11yViolations(page);

    const card = page.getByTestId('profile-password');
    await card.getByTestId('current-password').fill('Wrong#Pass2026');
    await card.getByTestId('new-password').fill('short');
    await card.getByTestId('password-submit').click();
    await expect(fieldError(page)).toHaveText(['密码至少 8 位', '请再次输入新密码']);

    await card.getByTestId('new-password').fill(`Ab#1${account.username}`);
    await expect(fieldError(page).first()).toHaveText('密码不能包含用户名');

    await card.getByTestId('new-password').fill('Better#2026x');
    await card.getByTestId('new-password-confirm').fill('Better#2026y');
    await expect(fieldError(page)).toHaveText('两次输入的密码不一致');

    await card.getByTestId('new-password-confirm').fill('Better#2026x');
    await card.getByTestId('password-submit').click();
    await expect(fieldError(page)).toHaveText('当前密码不正确');

    await card.getByTestId('current-password').fill(account.password);
    await card.getByTestId('password-submit').click();
    await expect(page.getByText('密码已修改；其他设备上的登录已全部退出')).toBeVisible();
    await expect(card.getByTestId('current-password')).toHaveValue('');

    await chooseFromUserMenu(page, 'btn-logout');
    await expect(page).toHaveURL(/\/login$/);
    await signInThroughForm(page, account.username, account.password);
    await expect(page.getByTestId('login-error')).toHaveText('用户名或密码不正确');
    await signInThroughForm(page, account.username, 'Better#2026x');
    await expect(page).not.toHaveURL(/\/login/);
  });

  test('binds an authenticator, renews the recovery codes, then asks for a code at sign-in; it can be turned off', async ({
    page,
  }) => {
    const account = await createTestAccount({
      role: 'grid_member',
      scopeCode: '220106001001001',
      activate: true,
    });
    await signInAs(page, account.username, account.password);
    await page.goto('/profile');
    const card = page.getByTestId('profile-totp');
    await expect(card.getByTestId('totp-status')).toHaveText('未绑定');

    await card.getByTestId('totp-enable').click();
    const dialog = page.getByRole('dialog', { name: '绑定身份验证器' });
    await expect(dialog.locator('[data-testid="totp-qr"] canvas')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    const secret = ((await dialog.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
    await dialog.getByTestId('totp-enrol-code').fill(await unusedTotp(account.username, secret));
    await dialog.getByTestId('totp-enrol-submit').click();
    await expect(dialog.getByTestId('recovery-code')).toHaveCount(10);
    const firstSet = await dialog.getByTestId('recovery-code').allInnerTexts();
    await dialog.getByTestId('recovery-codes-done').click();
    await expect(dialog).toBeHidden();
    await expect(card.getByTestId('totp-status')).toHaveText('已绑定');

    await card.getByTestId('totp-renew').click();
    const renew = page.getByRole('dialog', { name: '重新生成恢复码' });
    await renew.getByTestId('totp-renew-code').fill(await unusedTotp(account.username, secret));
    await renew.getByTestId('totp-renew-submit').click();
    await expect(renew.getByTestId('recovery-code')).toHaveCount(10);
    const secondSet = await renew.getByTestId('recovery-code').allInnerTexts();
    expect(secondSet.filter((code) => firstSet.includes(code))).toEqual([]);
    await renew.getByTestId('recovery-codes-done').click();

    await chooseFromUserMenu(page, 'btn-logout');
    await signInThroughForm(page, account.username, account.password);
    await expect(page.getByTestId('totp-code')).toBeVisible();
    await page.getByTestId('totp-code').fill(await unusedTotp(account.username, secret));
    await page.getByTestId('totp-submit').click();
    await expect(page).not.toHaveURL(/\/login/);

    await page.goto('/profile');
    await card.getByTestId('totp-disable').click();
    const off = page.getByRole('dialog', { name: '解除动态验证码' });
    await off.getByTestId('totp-disable-password').fill('Wrong#Pass2026');
    await off.getByTestId('totp-disable-submit').click();
    await expect(fieldError(page)).toHaveText('当前密码不正确');
    await off.getByTestId('totp-disable-password').fill(account.password);
    await off.getByTestId('totp-disable-submit').click();
    await expect(card.getByTestId('totp-status')).toHaveText('未绑定');
  });

  test('lists the devices signed in; 下线 ends the other one, 在所有设备上退出 ends all', async ({
    page,
    browser,
  }) => {
    const account = await createTestAccount({
      role: 'grid_leader',
      scopeCode: '220106001001001',
      activate: true,
    });
    const other = await browser.newContext();
    try {
      const otherPage = await other.newPage();
      await signInAs(otherPage, account.username, account.password);
      await otherPage.goto('/');
      await expect(otherPage.getByTestId('user-menu')).toBeVisible();

      await signInAs(page, account.username, account.password);
      await page.goto('/profile');
      const sessions = page.getByTestId('profile-sessions');
      await expect(sessions.getByTestId('session-row-current')).toHaveCount(1);
      await expect(sessions.getByTestId('session-row')).toHaveCount(1);
      await expect(sessions.getByTestId('session-row-current')).toContainText('当前设备');
      await expect(sessions.getByTestId('session-row-current')).toContainText(/Chrome · (Windows|Linux)/);
      await expect(sessions.getByTestId('session-row-current')).toContainText('127.0.0.1');

      await sessions.getByTestId('session-revoke').click();
      await confirmPopconfirm(page, /^下\s?线$/);
      await expect(page.getByText('该设备已下线')).toBeVisible();
      await expect(sessions.getByTestId('session-row')).toHaveCount(0);

      // The other browser learns of it with its next request, and is asked to sign in again.
      await chooseFromUserMenu(otherPage, 'btn-profile');
      await expect(otherPage).toHaveURL(/\/login\?next=%2Fprofile$/);
      await expect(otherPage.getByTestId('login-username')).toBeVisible();
    } finally {
      await other.close();
    }

    await page.getByTestId('sessions-logout-all').click();
    await confirmPopconfirm(page, /在所有设备上退出/);
    await expect(page).toHaveURL(/\/login$/);
    expect((await page.request.get('/api/v1/auth/me')).status()).toBe(401);
  });

  test('works at phone width @phone', async ({ page }) => {
    await signInAs(page, 'community.aimin');
    await page.goto('/');
    await openProfileFromMenu(page);
    await expect(page.getByTestId('profile-sessions').getByTestId('session-row-current')).toBeVisible();
    const logoutAll = page.getByTestId('sessions-logout-all');
    await logoutAll.scrollIntoViewIfNeeded();
    await expect(logoutAll).toBeInViewport({ ratio: 1 });
    await expectNoSeriousA11yViolations(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
