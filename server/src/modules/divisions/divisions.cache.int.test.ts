import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_CIPHER } from '../../../test/database.ts';
import type { Database } from '../../db/database.ts';
import { seedDemo } from '../../demo/seed.ts';
import { ChangeFeed } from '../../platform/change-feed.ts';
import { ReadCache } from '../../platform/read-cache.ts';
import { SYSTEM_CALLER, SYSTEM_SCOPE } from '../../platform/scope.ts';
import { DivisionService } from './divisions.service.ts';

// Reads are cached per process; every write must clear this process's cache at once and, on
// PostgreSQL, every other process's through LISTEN/NOTIFY.
describe('division read cache', () => {
  let database: Database;
  const feeds: ChangeFeed[] = [];

  const serviceWithCache = async () => {
    const changes = new ChangeFeed(database);
    await changes.start();
    feeds.push(changes);
    return new DivisionService(database.db, { cache: new ReadCache(100), changes });
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemo(database.db, { cipher: TEST_CIPHER });
  });
  afterAll(async () => {
    for (const f of feeds) await f.stop();
    await database.close();
  });

  it('serves a repeated read from the cache and a read after a write fresh', async () => {
    const service = await serviceWithCache();
    const first = await service.detail(SYSTEM_SCOPE, '220106001001');
    expect(await service.detail(SYSTEM_SCOPE, '220106001001')).toBe(first);
    await service.update(SYSTEM_CALLER, '220106001001', { version: first.version, population: 777 });
    expect((await service.detail(SYSTEM_SCOPE, '220106001001')).population).toBe(777);
    const page = await service.children(SYSTEM_SCOPE, '220106001', { limit: 5 });
    expect(page.items[0]!.population).toBe(777);
  });

  it('does not keep a failed read', async () => {
    const service = await serviceWithCache();
    await expect(service.detail(SYSTEM_SCOPE, '220106001099')).rejects.toThrow();
    await service.create(SYSTEM_CALLER, { code: '220106001099', name: '新社区' });
    expect((await service.detail(SYSTEM_SCOPE, '220106001099')).name).toBe('新社区');
  });

  it.runIf(process.env.DATABASE_URL)('clears another process’s cache through NOTIFY', async () => {
    const writer = await serviceWithCache();
    const reader = await serviceWithCache();
    const before = await reader.detail(SYSTEM_SCOPE, '220106001002');
    await writer.update(SYSTEM_CALLER, '220106001002', { version: before.version, name: '改名社区' });
    await expect
      .poll(async () => (await reader.detail(SYSTEM_SCOPE, '220106001002')).name, { timeout: 5000 })
      .toBe('改名社区');
  });
});
