import { formatPoints } from '@linli/common';
import { PointsLedger } from '../modules/points/ledger.service.ts';
import { withDatabase } from './context.ts';

/** `linli ledger verify`: every balance equals its postings, every transfer sums to zero, none below zero. */
export async function runLedgerVerify(): Promise<void> {
  await withDatabase(async (db) => {
    const started = Date.now();
    const report = await new PointsLedger(db).verify();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (report.problems.length === 0) {
      console.log(
        `积分台账无误 points ledger verified: ${report.accounts} 个账户 accounts, ${report.transfers} 笔转账 transfers, ${report.postings} 条分录 postings (${seconds} s)`,
      );
      return;
    }
    for (const p of report.problems) {
      if (p.kind === 'balance')
        console.error(
          `账户余额与分录不符 balance mismatch: ${p.accountName} [${p.accountId}] 余额 cached ${formatPoints(p.cached)}，分录合计 postings ${formatPoints(p.posted)}`,
        );
      else if (p.kind === 'negative')
        console.error(
          `账户余额为负 negative balance: ${p.accountName} [${p.accountId}] ${formatPoints(p.posted)}`,
        );
      else
        console.error(
          `转账不平 unbalanced transfer: [${p.transferId}] 合计 sum ${formatPoints(p.sum)}，${p.postings} 条分录 postings`,
        );
    }
    console.error(
      `积分台账有 ${report.problems.length} 处问题 ledger has ${report.problems.length} problem(s)`,
    );
    process.exitCode = 1;
  });
}
