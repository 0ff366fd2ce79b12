import { expect, type Page, test } from '@playwright/test';
import { chooseOption } from '../../fixtures/antd.ts';
import { signInAs } from '../../fixtures/auth.ts';
import { expectNoSeriousA11yViolations } from '../../fixtures/axe.ts';

const year = Number(new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' }).slice(0, 4));

/** Switches the page to another demo account (the previous session's cookies are dropped). */
async function as(page: Page, username: string) {
  await page.context().clearCookies();
  await signInAs(page, username);
}

/** Types a date into an Ant Design date picker and closes its panel. */
async function pickDate(page: Page, testId: string, date: string) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

test.describe('grade evaluation (等级评估)', () => {
  test('district creates a round, the organization applies and self-assesses, the evaluator scores, the district reviews and publishes', async ({
    page,
  }) => {
    test.slow();
    // A batch number of its own, so a retry in the same data folder creates a new round.
    const batch = 50 + Math.floor(Math.random() * 49);
    await as(page, 'admin');
    await page.goto('/grading');
    // The first page of a run loads its lazy chunks while the server is still warming up.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('社会组织等级评估', { timeout: 60_000 });
    await page.getByTestId('btn-new-round').click();
    await page.getByTestId('round-batch').fill(String(batch));
    const title = `${year} 年度浏览器测试评估（第${batch}批）`;
    await page.getByTestId('round-title').fill(title);
    await pickDate(page, 'round-opens', `${year}-01-01`);
    await pickDate(page, 'round-closes', `${year}-12-31`);
    // The bands are configuration: the district raises 5A to 920.
    await page.getByTestId('band-5A').fill('920');
    await page.getByTestId('btn-create-round').click();
    await expect(page).toHaveURL(/\/grading\/rounds\/[0-9a-f-]+$/, { timeout: 60_000 });
    const roundUrl = page.url();
    const roundId = roundUrl.split('/').pop()!;
    await expect(page.getByText('5A ≥ 920')).toBeVisible();
    await page.getByTestId('btn-round-open').click();
    await expect(page.getByText('接受申报')).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // The organization applies and fills in its self-assessment.
    await as(page, 'org.grading');
    await page.goto('/grading');
    await page.getByTestId(`btn-apply-${roundId}`).click();
    await expect(page).toHaveURL(/\/grading\/evaluations\//, { timeout: 60_000 });
    const evaluationUrl = page.url();
    const sheet = page.getByTestId('self-sheet');
    const fields = sheet.locator('input');
    const count = await fields.count();
    for (let i = 0; i < count; i++) await fields.nth(i).fill('20');
    await page.getByTestId('btn-save-self').click();
    await expect(page.getByTestId('evaluation-result')).toContainText(String(20 * count));
    await page.getByTestId('btn-evaluation-submit').click();
    await expect(page.getByTestId('evaluation-state')).toHaveText('待资格审核');
    await expectNoSeriousA11yViolations(page);

    // The district admits it and assigns the demo evaluator.
    await as(page, 'admin');
    await page.goto(evaluationUrl);
    await page.getByTestId('btn-evaluation-accept').click();
    await expect(page.getByTestId('evaluation-state')).toHaveText('评估中');
    await chooseOption(page, 'evaluator-select', '第三方评估机构（演示）');
    await page.keyboard.press('Escape');
    await page.getByTestId('btn-assign').click();
    await expect(page.getByText('未提交')).toBeVisible();

    // The evaluator sees it among its sheets and scores every indicator in full.
    await as(page, 'evaluator.demo');
    await page.goto('/grading/my-sheets');
    const organization = (await page.request
      .get(evaluationUrl.replace(/.*\/grading\/evaluations\//, '/api/v1/grade-evaluations/'))
      .then((r) => r.json())) as {
      organizationName: string;
    };
    await page
      .getByRole('button', { name: `${organization.organizationName} ${title}`, exact: true })
      .click();
    const panel = page.locator('.ant-collapse-item-active');
    const inputs = panel.getByTestId('grade-sheet').locator('input');
    const n = await inputs.count();
    // Typing more than an indicator's maximum settles on the maximum.
    for (let i = 0; i < n; i++) {
      await inputs.nth(i).fill('1000');
      await inputs.nth(i).blur();
    }
    await expect(panel.getByTestId('grade-sheet-total')).toContainText('1000');
    await panel.getByTestId('btn-sheet-submit').click();
    await expect(panel.getByTestId('btn-sheet-submit')).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);

    // The committee reviews; the round closes applications and publishes the notice.
    await as(page, 'admin');
    await page.goto(evaluationUrl);
    await page.getByTestId('btn-evaluation-review').click();
    await page.getByTestId('btn-evaluation-confirm-step').click();
    await expect(page.getByTestId('evaluation-state')).toHaveText('委员会已审核');
    await expect(page.getByTestId('evaluation-result')).toContainText('5A');
    await page.goto(roundUrl);
    await page.getByTestId('btn-round-startScoring').click();
    await page.getByTestId('btn-round-publishNotice').click();
    await expect(page.getByTestId('round-evaluations')).toContainText('公示中');
    await page.getByTestId('link-round-notice').click();
    await expect(page.getByTestId('grade-notice')).toContainText(organization.organizationName);
    await expectNoSeriousA11yViolations(page);
  });

  test('after the notice the district confirms a grade and the organization’s record shows it', async ({
    page,
  }) => {
    test.slow();
    await as(page, 'admin');
    const res = await page.request.get(
      `/api/v1/grade-evaluations?roundId=grade-round-${year}-1&state=notice&limit=20`,
    );
    const items = (
      (await res.json()) as {
        items: Array<{ id: string; organizationId: string; proposedGrade: string | null }>;
      }
    ).items;
    const target = items.find((e) => e.proposedGrade !== null);
    expect(target).toBeDefined();
    const grade = target!.proposedGrade!;
    await page.goto(`/grading/evaluations/${target!.id}`);
    await page.getByTestId('btn-evaluation-confirm').click();
    await expect(page.getByTestId('evaluation-state')).toHaveText('已确认等级');
    await expect(page.getByTestId('result-grade')).toContainText(grade);
    await page.goto(`/organizations/${target!.organizationId}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText(grade, { exact: true }).first()).toBeVisible();
  });
});
