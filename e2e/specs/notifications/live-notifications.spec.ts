import { expect, test } from '@playwright/test';
import { csrfTokenOf, signInAs } from '../../fixtures/auth.ts';
import { expectNoSeriousA11yViolations } from '../../fixtures/axe.ts';

test.describe('notification centre', () => {
  test('a community worker is told live, without reloading, when a grid member reports an event', async ({
    page,
    browser,
  }) => {
    await signInAs(page, 'community.aimin');
    await page.goto('/');
    const bell = page.getByTestId('btn-notifications');
    await expect(bell).toBeVisible();
    const unread = async () => Number((await bell.getAttribute('aria-label'))?.match(/\d+/)?.[0] ?? 0);
    const unreadBefore = await unread();

    // Another person, in another browser, reports through the API.
    const other = await browser.newContext();
    const member = await other.newPage();
    await signInAs(member, 'gridmember.220106001001001');
    const reported = await member.request.post('/api/v1/events', {
      headers: { 'x-csrf-token': await csrfTokenOf(member) },
      data: {
        categoryCode: '0101',
        divisionCode: '220106001001001',
        description: '爱民社区 5 栋门前井盖缺失，夜间有人踩空的危险',
        source: 'patrol',
      },
    });
    expect(reported.status()).toBe(201);
    const { no } = (await reported.json()) as { no: string };
    await other.close();

    // The toast and the count arrive over the live stream.
    await expect(page.locator('.ant-notification-notice').filter({ hasText: no })).toBeVisible({
      timeout: 20_000,
    });
    // Other specs running alongside may tell the same community of their events too.
    await expect.poll(unread).toBeGreaterThan(unreadBefore);
    await bell.click();
    const list = page.getByTestId('notification-list');
    await expect(list).toContainText(`新上报事件 ${no} 待立案`);
    await expectNoSeriousA11yViolations(page);
    await list.getByText(`新上报事件 ${no} 待立案`).click();
    await expect(page).toHaveURL(/\/events\/[0-9a-f-]{36}$/);
  });
});
