import { expect, test } from '@playwright/test';
import { chooseFromUserMenu, DEMO_PASSWORD, signInAs, unusedTotp } from '../../fixtures/auth.ts';
import { expectNoSeriousA11yViolations } from '../../fixtures/axe.ts';

test.describe('sign-in', () => {
  test('the district admin signs in with password and TOTP and returns to the page asked for', async ({
    page,
  }) => {
    await page.goto('/divisions/220106001');
    await expect(page).toHaveURL(/\/login\?next=/);
    await expectNoSeriousA11yViolations(page);
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('totp-code').fill(await unusedTotp());
    await page.getByTestId('totp-submit').click();
    await expect(page).toHaveURL(/\/divisions\/220106001$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('正阳街道');
    await chooseFromUserMenu(page, 'btn-logout');
    await expect(page).toHaveURL(/\/login/);
  });

  test('five wrong passwords lock the account; the right one is then refused with the retry time', async ({
    page,
  }) => {
    await page.goto('/login');
    for (let i = 0; i < 5; i++) {
      await page.getByTestId('login-username').fill('expert.05');
      await page.getByTestId('login-password').fill(`Wrong#${i}pass`);
      await page.getByTestId('login-submit').click();
      await expect(page.getByTestId('login-error')).toBeVisible();
    }
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('login-error')).toContainText(/账号已锁定，请于 \d\d:\d\d 后再试/);
  });

  test('a street user sees only its street; a resident gets the forbidden page', async ({ page }) => {
    await signInAs(page, 'street.zhengyang');
    await page.goto('/divisions');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('正阳街道');
    await page.goto('/divisions/220106003001');
    await expect(page.getByText('找不到该区划')).toBeVisible();
    await page.context().clearCookies();
    await signInAs(page, 'resident.demo');
    await page.goto('/divisions');
    await expect(page.getByTestId('forbidden-page')).toBeVisible();
  });

  test('an idle session returns to sign-in and then to the page it left', async ({ page }) => {
    await signInAs(page, 'community.aimin');
    await page.goto('/divisions');
    await page.evaluate(() => localStorage.setItem('linli.idleTimeoutSeconds', '3'));
    await page.goto('/divisions/220106001001');
    await expect(page).toHaveURL(/reason=idle/, { timeout: 20_000 });
    await expect(page.getByTestId('login-idle-notice')).toBeVisible();
    await page.evaluate(() => localStorage.removeItem('linli.idleTimeoutSeconds'));
    await page.getByTestId('login-username').fill('community.aimin');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await expect(page).toHaveURL(/\/divisions\/220106001001$/);
  });
});
