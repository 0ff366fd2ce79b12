import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.gen.ts';
import { archiveAudit, canonicalJson, MIN_RETENTION_DAYS } from './audit.ts';
import type { RecurringJob } from './jobs.ts';

export const RETENTION_JOB = 'retention';

/**
 * The retention job (网络安全法 Art. 21(3), issue #3 §9): audit entries (sign-ins included) and
 * ended sessions older than `retentionDays` (never fewer than 180) move to JSON-lines files in
 * `archiveDir` — audit entries with their chain hashes, so the archive stays verifiable — and only
 * then leave the database. One-time SMS codes (hashes, no personal data) are dropped after a day.
 */
export function retentionJob(
  db: Kysely<DB>,
  options: { retentionDays: number; archiveDir: string; intervalSeconds?: number },
): RecurringJob {
  if (options.retentionDays < MIN_RETENTION_DAYS) {
    throw new Error(`retention must be at least ${MIN_RETENTION_DAYS} days`);
  }
  return {
    name: RETENTION_JOB,
    intervalSeconds: options.intervalSeconds ?? 86_400,
    run: () => runRetention(db, options),
  };
}

export async function runRetention(
  db: Kysely<DB>,
  options: { retentionDays: number; archiveDir: string; now?: Date },
): Promise<{ auditArchived: number; sessionsArchived: number; files: string[] }> {
  const now = options.now ?? new Date();
  const before = new Date(now.getTime() - options.retentionDays * 86_400_000);
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  const files: string[] = [];
  const writer = (name: string) => async (lines: string[]) => {
    const file = path.join(options.archiveDir, name);
    await mkdir(options.archiveDir, { recursive: true });
    await appendFile(file, `${lines.join('\n')}\n`, { mode: 0o600 });
    if (!files.includes(file)) files.push(file);
  };

  const audit = await archiveAudit(db, { before, write: writer(`audit-${stamp}.jsonl`), now });

  const sessionsArchived = await db.transaction().execute(async (trx) => {
    const ended = await trx
      .selectFrom('session')
      .selectAll()
      .where((eb) => eb.or([eb('revokedAt', '<', before), eb('expiresAt', '<', before)]))
      .orderBy('createdAt')
      .forUpdate()
      .execute();
    if (ended.length === 0) return 0;
    // The token's hash is a credential of sorts: the archive keeps a prefix that still identifies it.
    await writer(`sessions-${stamp}.jsonl`)(
      ended.map((s) => canonicalJson({ ...s, tokenHash: s.tokenHash.slice(0, 24), csrfToken: undefined })),
    );
    const hashes = ended.map((s) => s.tokenHash);
    for (let i = 0; i < hashes.length; i += 500) {
      await trx
        .deleteFrom('session')
        .where('tokenHash', 'in', hashes.slice(i, i + 500))
        .execute();
    }
    return ended.length;
  });

  await db.deleteFrom('smsCode').where('createdAt', '<', sql<Date>`now() - interval '1 day'`).execute();
  return { auditArchived: audit.archived, sessionsArchived, files };
}
