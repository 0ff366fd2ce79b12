import { readFile, writeFile } from 'node:fs/promises';
import { errorMessage, pickLocale } from '@linli/common';
import { exportDivisions, readWorkbook } from '../modules/divisions/divisions.excel.ts';
import { DivisionService } from '../modules/divisions/divisions.service.ts';
import { AppError } from '../platform/errors.ts';
import { SYSTEM_CALLER, SYSTEM_SCOPE } from '../platform/scope.ts';
import { withDatabase } from './context.ts';
import { progressBar } from './progress.ts';

/** The command line acts as the system, named by the operating-system user that ran it. */
const CLI_CALLER = {
  ...SYSTEM_CALLER,
  actor: { ...SYSTEM_CALLER.actor, name: `cli:${process.env.USER ?? 'unknown'}` },
};

const locale = pickLocale(process.env.LANG?.startsWith('en') ? 'en' : 'zh-CN');

export async function runExport(
  file: string,
  options: { root?: string; boundaries: boolean },
): Promise<void> {
  await withDatabase(async (db) => {
    const { buffer } = await exportDivisions(new DivisionService(db), SYSTEM_SCOPE, {
      root: options.root,
      boundaries: options.boundaries,
    });
    await writeFile(file, buffer);
    console.log(`已导出 exported: ${file}`);
  });
}

export async function runImport(file: string, options: { dryRun: boolean }): Promise<void> {
  const buffer = await readFile(file);
  await withDatabase(async (db) => {
    const bar = progressBar('导入 importing');
    try {
      const rows = await readWorkbook(buffer);
      const result = await new DivisionService(db).importRows(CLI_CALLER, rows, {
        dryRun: options.dryRun,
        locale,
        onProgress: (done, total) => bar.update(done, total),
      });
      bar.done();
      const verb = result.dryRun ? '校验通过（未写入）validated, nothing written' : '已导入 imported';
      console.log(
        `${verb}: 共 ${result.total} 行 rows, 新建 created ${result.created}, 更新 updated ${result.updated}, 未变 unchanged ${result.unchanged}`,
      );
    } catch (err) {
      bar.done();
      if (!(err instanceof AppError)) throw err;
      console.error(errorMessage(locale, err.code, err.params));
      for (const e of err.errors ?? [])
        console.error(`  第 ${e.row} 行 row ${e.row} · ${e.field}: ${e.message}`);
      process.exitCode = 1;
    }
  });
}
