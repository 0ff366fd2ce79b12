import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/database.ts';
import type { Database } from './database.ts';

// The scenario from DESIGN "Pitfalls": concurrent read-modify-write transactions with a rollback
// among them. On PGlite the driver's lock serializes them; on PostgreSQL `for update` does.
describe(`database engine (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let database: Database;

  beforeAll(async () => {
    database = await createTestDatabase();
    await sql`create table counter (id int primary key, value int not null)`.execute(database.db);
    await sql`insert into counter values (1, 0)`.execute(database.db);
  });
  afterAll(() => database.close());

  const value = async () => {
    const { rows } = await sql<{ value: number }>`select value from counter where id = 1`.execute(
      database.db,
    );
    return rows[0]!.value;
  };

  it('keeps concurrent read-modify-write transactions apart, and a rollback undoes only its own work', async () => {
    const increment = (fail: boolean) =>
      database.db.transaction().execute(async (trx) => {
        const { rows } = await sql<{
          value: number;
        }>`select value from counter where id = 1 for update`.execute(trx);
        // Yield so that, without isolation, another transaction's statements would run here.
        await new Promise((resolve) => setTimeout(resolve, 20));
        await sql`update counter set value = ${rows[0]!.value + 1} where id = 1`.execute(trx);
        if (fail) throw new Error('rolled back on purpose');
      });
    const results = await Promise.allSettled([
      increment(false),
      increment(true),
      increment(false),
      increment(false),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(await value()).toBe(3);
  });

  it('runs statements outside a transaction while none is open, and after one fails', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await sql`update counter set value = 100 where id = 1`.execute(trx);
        await sql`select no_such_column from counter`.execute(trx);
      }),
    ).rejects.toThrow();
    expect(await value()).toBe(3);
  });

  it('reports affected rows for updates and deletes', async () => {
    const updated = await database.db
      .updateTable('division')
      .set({ name: 'x' })
      .where('code', '=', '999999')
      .executeTakeFirst();
    expect(Number(updated.numUpdatedRows)).toBe(0);
  });
});
