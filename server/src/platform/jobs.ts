import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.gen.ts';

export interface RecurringJob {
  name: string;
  intervalSeconds: number;
  /** Returns a small summary kept as the job's last result (shown by `linli jobs`). */
  run: () => Promise<Record<string, unknown>>;
}

export interface JobStatus {
  name: string;
  intervalSeconds: number;
  nextRunAt: Date;
  lastStartedAt: Date | null;
  lastFinishedAt: Date | null;
  lastResult: unknown;
  lastError: string | null;
  runs: number;
}

/**
 * Recurring jobs kept in the database (`job_schedule`), so any number of app processes can tick:
 * a due job runs in the one process whose update claims its lease first. No Redis, the same on
 * PGlite and PostgreSQL. A crashed run's lease expires and the job runs again at the next tick.
 */
export class JobScheduler {
  readonly #jobs = new Map<string, RecurringJob>();
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly options: { leaseSeconds?: number; onError?: (job: string, error: unknown) => void } = {},
  ) {}

  async register(job: RecurringJob): Promise<void> {
    this.#jobs.set(job.name, job);
    await this.db
      .insertInto('jobSchedule')
      .values({
        name: job.name,
        intervalSeconds: job.intervalSeconds,
        nextRunAt: sql<Date>`now() + ${`${job.intervalSeconds} seconds`}::interval`,
      })
      .onConflict((oc) => oc.column('name').doUpdateSet({ intervalSeconds: job.intervalSeconds }))
      .execute();
  }

  /** Checks for due jobs every `tickSeconds` (0: never; tests call `runDue` themselves). */
  start(tickSeconds: number): void {
    if (tickSeconds <= 0 || this.#timer) return;
    this.#timer = setInterval(() => {
      this.#running = this.runDue().catch((error) => this.options.onError?.('tick', error));
    }, tickSeconds * 1000);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  /** Runs every registered job that is due and not leased by another process; returns their names. */
  async runDue(): Promise<string[]> {
    const ran: string[] = [];
    for (const job of this.#jobs.values()) {
      if (await this.#claim(job.name, false)) {
        await this.#execute(job);
        ran.push(job.name);
      }
    }
    return ran;
  }

  /** Runs one job now, whether due or not (the CLI's `linli jobs run`), unless another process holds it. */
  async runNow(name: string): Promise<JobStatus> {
    const job = this.#jobs.get(name);
    if (!job) throw new Error(`no job named ${name}`);
    if (!(await this.#claim(name, true))) throw new Error(`job ${name} is running in another process`);
    await this.#execute(job);
    return (await this.status()).find((s) => s.name === name)!;
  }

  async status(): Promise<JobStatus[]> {
    const rows = await this.db.selectFrom('jobSchedule').selectAll().orderBy('name').execute();
    return rows.map((r) => ({
      name: r.name,
      intervalSeconds: r.intervalSeconds,
      nextRunAt: r.nextRunAt,
      lastStartedAt: r.lastStartedAt,
      lastFinishedAt: r.lastFinishedAt,
      lastResult: r.lastResult,
      lastError: r.lastError,
      runs: r.runs,
    }));
  }

  async #claim(name: string, evenIfNotDue: boolean): Promise<boolean> {
    const lease = this.options.leaseSeconds ?? 600;
    let claim = this.db
      .updateTable('jobSchedule')
      .set({
        lockedUntil: sql<Date>`now() + ${`${lease} seconds`}::interval`,
        lastStartedAt: sql<Date>`now()`,
      })
      .where('name', '=', name)
      .where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<', sql<Date>`now()`)]));
    if (!evenIfNotDue) claim = claim.where('nextRunAt', '<=', sql<Date>`now()`);
    const result = await claim.executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async #execute(job: RecurringJob): Promise<void> {
    const next = sql<Date>`now() + ${`${job.intervalSeconds} seconds`}::interval`;
    try {
      const result = await job.run();
      await this.db
        .updateTable('jobSchedule')
        .set({
          lockedUntil: null,
          lastFinishedAt: sql<Date>`now()`,
          lastResult: JSON.stringify(result),
          lastError: null,
          nextRunAt: next,
          runs: sql<number>`runs + 1`,
        })
        .where('name', '=', job.name)
        .execute();
    } catch (error) {
      this.options.onError?.(job.name, error);
      await this.db
        .updateTable('jobSchedule')
        .set({
          lockedUntil: null,
          lastFinishedAt: sql<Date>`now()`,
          lastError: error instanceof Error ? error.message : String(error),
          nextRunAt: next,
          runs: sql<number>`runs + 1`,
        })
        .where('name', '=', job.name)
        .execute();
    }
  }
}
