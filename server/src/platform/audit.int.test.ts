import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_CIPHER } from '../../test/database.ts';
import type { Database } from '../db/database.ts';
import { seedDemo } from '../demo/seed.ts';
import { DivisionService } from '../modules/divisions/divisions.service.ts';
import { type Actor, appendAudit, archiveAudit, canonicalJson, verifyAuditChain } from './audit.ts';
import { SYSTEM_CALLER } from './scope.ts';

const clerk: Actor = { id: 'u1', name: '王伟', role: 'community_worker', ip: '10.0.0.8', userAgent: 'test' };

describe('audit log', () => {
  let database: Database;
  let divisions: DivisionService;

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemo(database.db, { cipher: TEST_CIPHER });
    divisions = new DivisionService(database.db);
  });
  afterAll(() => database.close());

  it('records each division write with who, what, and only the changed fields', async () => {
    const before = await divisions.detail(SYSTEM_CALLER.scope, '220106001001');
    await divisions.update({ ...SYSTEM_CALLER, actor: clerk }, '220106001001', {
      version: before.version,
      population: 12000,
      name: before.name,
    });
    const entry = await database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'division.update')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      actorId: 'u1',
      actorName: '王伟',
      actorRole: 'community_worker',
      entityType: 'division',
      entityId: '220106001001',
      divisionCode: '220106001001',
      ip: '10.0.0.8',
      success: true,
    });
    expect(entry.before).toEqual({ population: before.population });
    expect(entry.after).toEqual({ population: 12000 });
  });

  it('keeps one unbroken chain under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        database.db
          .transaction()
          .execute((trx) =>
            appendAudit(trx, clerk, { action: 'test.concurrent', entityType: 'test', entityId: String(i) }),
          ),
      ),
    );
    const result = await verifyAuditChain(database.db);
    expect(result).toMatchObject({ ok: true });
  });

  it('refuses updates and deletes of entries', async () => {
    await expect(
      sql`update audit_log set actor_name = 'x' where seq = 1`.execute(database.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where seq = 1`.execute(database.db)).rejects.toThrow(
      /append-only/,
    );
  });

  it('names the first entry edited directly in the database', async () => {
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(database.db);
    await sql`update audit_log set after = '{"population": 1}' where seq = 2`.execute(database.db);
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(database.db);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, brokenSeq: 2, reason: 'hash' });
  });

  it('archives entries past retention to a file with their hashes, and the rest still verifies', async () => {
    const fresh = await createTestDatabase();
    try {
      const svc = new DivisionService(fresh.db);
      await seedDemo(fresh.db, { cipher: TEST_CIPHER });
      // The demo writes some records through services, with their audit entries.
      const { n: seeded } = await fresh.db
        .selectFrom('auditLog')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const old = Number(seeded) + 2;
      for (const code of ['220106001001', '220106001002', '220106001003']) {
        const d = await svc.detail(SYSTEM_CALLER.scope, code);
        await svc.update({ ...SYSTEM_CALLER, actor: clerk }, code, { version: d.version, population: 1 });
      }
      await sql`alter table audit_log disable trigger audit_log_append_only`.execute(fresh.db);
      await sql`update audit_log set at = now() - interval '400 days' where seq <= ${old}`.execute(fresh.db);
      await sql`alter table audit_log enable trigger audit_log_append_only`.execute(fresh.db);
      // Backdating breaks those entries' hashes; once archived, the chain from the next entry on
      // verifies against the recorded hash of the last archived one.
      const lines: string[] = [];
      await expect(
        archiveAudit(fresh.db, { before: new Date(Date.now() - 10 * 86_400_000), write: async () => {} }),
      ).rejects.toThrow(/180 days/);
      const result = await archiveAudit(fresh.db, {
        before: new Date(Date.now() - 200 * 86_400_000),
        write: async (l) => {
          lines.push(...l);
        },
      });
      expect(result).toEqual({ archived: old, throughSeq: old });
      expect(lines.map((l) => JSON.parse(l).seq)).toEqual(Array.from({ length: old }, (_, i) => i + 1));
      expect(JSON.parse(lines.at(-1)!).hash).toMatch(/^[0-9a-f]{64}$/);
      expect(await verifyAuditChain(fresh.db)).toEqual({ ok: true, entries: 1, lastSeq: old + 1 });
      expect(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe('{"a":[{"c":2,"d":1}],"b":1}');
    } finally {
      await fresh.close();
    }
  });
});
