import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from '../../fixtures/axe.ts';

/** The demo resident 孙大爷's mobile number (server/src/demo/accounts.ts). */
const RESIDENT_PHONE = '13900000001';

/** The newest code the console SMS provider wrote to the run's outbox for `phone` since `since`. */
function codeInOutbox(phone: string, since: number): string | null {
  let lines: string[];
  try {
    lines = readFileSync(path.join(process.env.E2E_DATA_DIR ?? '', 'sms-outbox.jsonl'), 'utf8')
      .trim()
      .split('\n');
  } catch {
    return null;
  }
  const messages = lines
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { phone: string; text: string; at: string })
    .filter((m) => m.phone === phone && Date.parse(m.at) >= since - 1000);
  const last = messages.at(-1);
  return last ? (/(\d{6})/.exec(last.text)?.[1] ?? null) : null;
}

/**
 * Clicks 获取验证码 and returns the code sent. One number may receive a code once a minute and the
 * desktop and phone cases share the demo resident, so a 429 is met as a user would: the button
 * counts down the seconds the server named, then is clicked again.
 */
async function requestCode(page: Page): Promise<string> {
  const since = Date.now();
  await page.getByTestId('sms-send').click();
  const sent = page.getByTestId('sms-sent');
  const problem = page.getByTestId('login-error');
  await expect(sent.or(problem)).toBeVisible();
  if (await problem.isVisible()) {
    await expect(problem).toContainText(/验证码发送过于频繁，请 \d+ 秒后再试/);
    await expect(page.getByTestId('sms-send')).toContainText(/\d+ 秒后重新获取/);
    await expect(page.getByTestId('sms-send')).toBeEnabled({ timeout: 70_000 });
    return requestCode(page);
  }
  await expect(sent).toContainText('验证码已发送至 139****0001');
  await expect(page.getByTestId('sms-send')).toBeDisabled();
  let code: string | null = null;
  await expect.poll(() => (code = codeInOutbox(RESIDENT_PHONE, since))).not.toBeNull();
  return code as unknown as string;
}

async function openPhoneTab(page: Page): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-tab-phone').click();
  await expect(page).toHaveURL(/method=phone/);
  await expect(page.getByTestId('login-phone')).toBeVisible();
}

test.describe('phone sign-in', () => {
  test('a resident signs in with the SMS code; a bad number and a wrong code are refused in Chinese', async ({
    page,
  }) => {
    await openPhoneTab(page);
    await expect(page.getByText('演示环境：验证码显示在服务器控制台')).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.getByTestId('login-phone').fill('12345');
    await page.getByTestId('sms-send').click();
    await expect(page.getByText('请输入正确的 11 位手机号码')).toBeVisible();

    await page.getByTestId('login-phone').fill(`${RESIDENT_PHONE.slice(0, 3)} ${RESIDENT_PHONE.slice(3)}`);
    const code = await requestCode(page);
    const wrong = `${(Number(code[0]) + 1) % 10}${code.slice(1)}`;
    await page.getByTestId('sms-code').fill(wrong);
    await page.getByTestId('sms-login-submit').click();
    await expect(page.getByTestId('login-error')).toHaveText('短信验证码不正确或已过期，请重新获取');

    await page.getByTestId('sms-code').fill(code);
    await page.getByTestId('sms-login-submit').click();
    await expect(page).not.toHaveURL(/\/login/);
    await page.getByTestId('user-menu').click();
    await expect(page.getByTestId('user-menu-profile')).toContainText('居民 孙大爷');
  });

  test('the residents tab works at phone width @phone', async ({ page }) => {
    await openPhoneTab(page);
    await expectNoSeriousA11yViolations(page);
    const width = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(width).toBeLessThanOrEqual(0);
    await page.getByTestId('login-phone').fill(RESIDENT_PHONE);
    const code = await requestCode(page);
    await page.getByTestId('sms-code').fill(code);
    await page.getByTestId('sms-login-submit').click();
    await expect(page).not.toHaveURL(/\/login/);
    await expect(page.getByTestId('user-menu')).toBeVisible();
  });
});
