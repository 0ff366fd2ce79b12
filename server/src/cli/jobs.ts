import { buildJobs } from '../jobs.ts';
import { withDatabase } from './context.ts';

const time = (d: Date | null) =>
  d ? d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—';

/** `linli jobs`: each recurring job with its last and next run. */
export async function runJobsList(): Promise<void> {
  await withDatabase(async (_db, database, config) => {
    const jobs = await buildJobs(config, database);
    for (const s of await jobs.status()) {
      console.log(
        [
          `${s.name}  每 every ${s.intervalSeconds} s`,
          `  上次 last: ${time(s.lastStartedAt)} → ${time(s.lastFinishedAt)}  共 runs ${s.runs}`,
          `  结果 result: ${s.lastError ? `失败 failed: ${s.lastError}` : JSON.stringify(s.lastResult)}`,
          `  下次 next: ${time(s.nextRunAt)}`,
        ].join('\n'),
      );
    }
  });
}

/** `linli jobs run NAME`: runs one job now (e.g. retention before a backup). */
export async function runJobNow(name: string): Promise<void> {
  await withDatabase(async (_db, database, config) => {
    const jobs = await buildJobs(config, database);
    const status = await jobs.runNow(name);
    if (status.lastError) {
      console.error(`任务失败 job failed: ${status.lastError}`);
      process.exitCode = 1;
      return;
    }
    console.log(`已完成 done: ${name} ${JSON.stringify(status.lastResult)}`);
  });
}
