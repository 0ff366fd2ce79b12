import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/database.ts';
import type { Database } from '../db/database.ts';
import { type Actor, appendAudit, verifyAuditChain } from './audit.ts';
import { JobScheduler } from './jobs.ts';
import { RETENTION_JOB, retentionJob, runRetention } from './retention.ts';

const clerk: Actor = { id: 'u1', name: '王伟', role: 'community_worker' };

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('job scheduler', () => {
  it('runs a job only when due, and in one process when two tick at once', async () => {
    const runs: string[] = [];
    const job = (who: string) => ({
      name: 'count',
      intervalSeconds: 3600,
      run: async () => {
        runs.push(who);
        await new Promise((r) => setTimeout(r, 50));
        return { who };
      },
    });
    const a = new JobScheduler(database.db);
    const b = new JobScheduler(database.db);
    await a.register(job('a'));
    await b.register(job('b'));
    expect(await a.runDue()).toEqual([]);
    await database.db
      .updateTable('jobSchedule')
      .set({ nextRunAt: sql<Date>`now() - interval '1 second'` })
      .execute();
    const [ranA, ranB] = await Promise.all([a.runDue(), b.runDue()]);
    expect(ranA.length + ranB.length).toBe(1);
    expect(runs).toHaveLength(1);
    const [status] = await a.status();
    expect(status).toMatchObject({ name: 'count', runs: 1, lastError: null, lastResult: { who: runs[0] } });
    expect(status!.nextRunAt.getTime()).toBeGreaterThan(Date.now() + 3500_000);
    expect(await a.runDue()).toEqual([]);
  });

  it('keeps a failing job on the schedule with its error', async () => {
    const errors: string[] = [];
    const s = new JobScheduler(database.db, { onError: (name) => errors.push(name) });
    await s.register({
      name: 'broken',
      intervalSeconds: 60,
      run: async () => {
        throw new Error('磁盘已满');
      },
    });
    const status = await s.runNow('broken');
    expect(status).toMatchObject({ lastError: '磁盘已满', runs: 1 });
    expect(errors).toEqual(['broken']);
  });
});

describe('retention', () => {
  it('refuses to keep logs for fewer than 180 days', () => {
    expect(() => retentionJob(database.db, { retentionDays: 30, archiveDir: '/tmp' })).toThrow(/180/);
  });

  it('archives old audit entries with their hashes and ended sessions to files, then removes them', async () => {
    await database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 3; i++) {
        await appendAudit(trx, clerk, { action: 'auth.login', entityType: 'account', entityId: `a${i}` });
      }
    });
    await database.db
      .insertInto('account')
      .values({ id: 'acc1', username: 'old.user', displayName: '老用户', divisionCode: '220106' })
      .execute();
    await database.db
      .insertInto('session')
      .values({
        tokenHash: 'f'.repeat(64),
        accountId: 'acc1',
        stage: 'active',
        csrfToken: 'secret-csrf',
        expiresAt: new Date(Date.now() + 3_600_000),
      })
      .execute();
    const archiveDir = mkdtempSync(path.join(os.tmpdir(), 'linli-archive-'));
    const nothing = await runRetention(database.db, { retentionDays: 180, archiveDir });
    expect(nothing).toMatchObject({ auditArchived: 0, sessionsArchived: 0, files: [] });

    // Half a year and more later, everything above is past retention.
    const later = new Date(Date.now() + 200 * 86_400_000);
    const result = await runRetention(database.db, { retentionDays: 180, archiveDir, now: later });
    expect(result.auditArchived).toBe(3);
    expect(result.sessionsArchived).toBe(1);
    expect(readdirSync(archiveDir).sort()).toEqual(result.files.map((f) => path.basename(f)).sort());
    const auditFile = result.files.find((f) => path.basename(f).startsWith('audit-'))!;
    const lines = readFileSync(auditFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.entityId)).toEqual(['a0', 'a1', 'a2']);
    expect(lines[0].hash).toMatch(/^[0-9a-f]{64}$/);
    const sessionsFile = result.files.find((f) => path.basename(f).startsWith('sessions-'))!;
    const session = readFileSync(sessionsFile, 'utf8');
    expect(session).not.toContain('secret-csrf');
    expect(session).not.toContain('f'.repeat(64));
    expect(await database.db.selectFrom('auditLog').select('seq').execute()).toEqual([]);
    expect(await database.db.selectFrom('session').select('tokenHash').execute()).toEqual([]);
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it('is registered as a daily job', () => {
    const job = retentionJob(database.db, { retentionDays: 365, archiveDir: '/tmp' });
    expect(job).toMatchObject({ name: RETENTION_JOB, intervalSeconds: 86_400 });
  });
});
