import { expect, test } from '@playwright/test';
import { signInAs } from '../../fixtures/auth.ts';
import { expectNoSeriousA11yViolations } from '../../fixtures/axe.ts';

test.describe('contracts and evaluations', () => {
  test('the district signs the demo’s draft contract, the evaluator passes the mid-term, tranche 2 is paid', async ({
    page,
  }) => {
    test.slow();
    // The district finds the contract still to be signed and signs it: the signing tranche is paid.
    await signInAs(page, 'admin');
    await page.goto('/contracts');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('合同与评价');
    const table = page.getByTestId('contract-table');
    const draftRow = table.locator('tr', { hasText: '待签约' }).first();
    await expect(draftRow).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await draftRow.getByRole('button').first().click();
    await expect(page.getByTestId('contract-state')).toHaveText('待签约');
    const contractUrl = page.url();
    await page.getByTestId('btn-contract-sign').click();
    await expect(page.getByTestId('contract-state')).toHaveText('已签约');
    const tranches = page.getByTestId('contract-tranches');
    await expect(tranches.getByText('已拨付', { exact: true })).toHaveCount(1);
    await page.getByTestId('btn-contract-start').click();
    await expect(page.getByTestId('contract-state')).toHaveText('实施中');
    await expectNoSeriousA11yViolations(page);

    // The assigned evaluator fills in the mid-term evaluation and passes it.
    await signInAs(page, 'evaluator.demo');
    await page.goto(contractUrl);
    await page.getByTestId('btn-contract-evaluate').click();
    const form = page.getByTestId('evaluation-form');
    await expect(form).toBeVisible();
    await form.getByLabel('得分 1').fill('36');
    await form.getByLabel('得分 2').fill('26');
    await form.getByLabel('得分 3').fill('18');
    await form.getByLabel('得分 4').fill('9');
    await expect(page.getByText('合计 89 / 100 分')).toBeVisible();
    await form.getByLabel('查看地点').fill('爱民社区党群服务中心');
    await form.getByLabel('查看记录').fill('查阅服务台账和签到表，入户回访 5 户');
    await form.getByLabel('调查人数').fill('30');
    await form.getByLabel('满意人数').fill('28');
    await expect(page.getByText('满意率 93.3%')).toBeVisible();
    await form.getByLabel('评价结论与发现').fill('项目按计划推进，服务记录完整');
    await form.getByLabel('合格', { exact: true }).check();
    await expectNoSeriousA11yViolations(page);
    await page.getByTestId('btn-evaluation-submit').click();

    await expect(page).toHaveURL(contractUrl);
    await expect(page.getByTestId('contract-state')).toHaveText('实施中');
    await expect(page.getByTestId('contract-tranches').getByText('已拨付', { exact: true })).toHaveCount(2);
    await expect(page.getByTestId('contract-evaluations')).toContainText('事中评价 · 第 1 次 · 合格');
    await expect(page.getByTestId('contract-history')).toContainText('事中评价合格');
  });
});
