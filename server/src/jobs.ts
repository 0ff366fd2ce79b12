import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { eventOverdueJob } from './modules/events/events.overdue.ts';
import { marketExpiryJob } from './modules/market/market.jobs.ts';
import { JobScheduler } from './platform/jobs.ts';
import { retentionJob } from './platform/retention.ts';

/** Every recurring job of the installation, registered on the shared schedule table. */
export async function buildJobs(
  config: Config,
  database: Database,
  onError?: (job: string, error: unknown) => void,
): Promise<JobScheduler> {
  const jobs = new JobScheduler(database.db, onError ? { onError } : {});
  await jobs.register(
    retentionJob(database.db, { retentionDays: config.auditRetentionDays, archiveDir: config.archiveDir }),
  );
  await jobs.register(eventOverdueJob(database.db));
  await jobs.register(marketExpiryJob(database.db));
  return jobs;
}
