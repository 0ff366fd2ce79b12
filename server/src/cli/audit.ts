import { appendFile } from 'node:fs/promises';
import { archiveAudit, MIN_RETENTION_DAYS, verifyAuditChain } from '../platform/audit.ts';
import { withDatabase } from './context.ts';

export async function runAuditVerify(): Promise<void> {
  await withDatabase(async (db) => {
    const result = await verifyAuditChain(db);
    if (result.ok) {
      console.log(
        `审计链完整 audit chain intact: ${result.entries} 条 entries, 末条 last seq ${result.lastSeq}`,
      );
      return;
    }
    const why = {
      hash: '内容被改动 its content was altered',
      link: '与上一条的链接断开 its link to the previous entry is broken',
      missing: '该条缺失 the entry is missing',
      head: '链尾记录不符，末尾条目可能被删除 the chain head does not match; entries at the end may have been removed',
    }[result.reason];
    console.error(
      `审计链在第 ${result.brokenSeq} 条断开 audit chain broken at entry ${result.brokenSeq}: ${why}`,
    );
    process.exitCode = 1;
  });
}

export async function runAuditArchive(options: { olderThanDays: string; out: string }): Promise<void> {
  const days = Number(options.olderThanDays);
  if (!Number.isInteger(days) || days < MIN_RETENTION_DAYS) {
    console.error(`保留期不得少于 ${MIN_RETENTION_DAYS} 天 / keep at least ${MIN_RETENTION_DAYS} days`);
    process.exitCode = 2;
    return;
  }
  await withDatabase(async (db) => {
    const before = new Date(Date.now() - days * 86_400_000);
    const result = await archiveAudit(db, {
      before,
      write: (lines) => appendFile(options.out, `${lines.join('\n')}\n`),
    });
    console.log(
      result.archived === 0
        ? '没有需要归档的审计记录 nothing to archive'
        : `已归档 archived ${result.archived} 条 entries (to seq ${result.throughSeq}) → ${options.out}`,
    );
  });
}
