import { ROLE_PERMISSIONS } from '@linli/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_CIPHER } from '../../../test/database.ts';
import type { Database } from '../../db/database.ts';
import { seedDemo } from '../../demo/seed.ts';
import { AppError } from '../../platform/errors.ts';
import { scopeOf } from '../../platform/scope.ts';
import { DivisionService } from './divisions.service.ts';

// A street's staff (scope 220106001 正阳街道) must neither read nor change another street's rows,
// and must not learn whether they exist: the answer is the same 404 as for a missing code.
describe('division data scope', () => {
  let database: Database;
  let service: DivisionService;
  const zhengyang = scopeOf(['220106001']);
  const asZhengyang = {
    scope: zhengyang,
    actor: { id: 'street.zhengyang', name: '正阳街道', role: 'street_staff' },
    permissions: ROLE_PERMISSIONS.street_staff,
    roles: ['street_staff'] as const,
  };
  const chuncheng = '220106003001';

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemo(database.db, { cipher: TEST_CIPHER });
    service = new DivisionService(database.db);
  });
  afterAll(() => database.close());

  const notFound = async (work: Promise<unknown>) => {
    const err = await work.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('division.notFound');
  };

  it('reads its own street and what lies below', async () => {
    expect((await service.detail(zhengyang, '220106001')).name).toBe('正阳街道');
    expect((await service.children(zhengyang, '220106001', {})).total).toBe(8);
    expect((await service.tree(zhengyang, undefined, 1))[0]!.code).toBe('220106001');
  });

  it('gets 404 for another street, its communities, children and map', async () => {
    await notFound(service.detail(zhengyang, chuncheng));
    await notFound(service.detail(zhengyang, '220106'));
    await notFound(service.children(zhengyang, '220106003', {}));
    await notFound(service.map(zhengyang, chuncheng));
    await notFound(service.tree(zhengyang, '220106003', 1));
  });

  it('finds only its own rows by name', async () => {
    const hits = await service.search(zhengyang, { q: '社区', level: 'community' });
    expect(hits.total).toBe(8);
    expect(hits.items.every((h) => h.code.startsWith('220106001'))).toBe(true);
  });

  it('cannot change, move into, or delete another street’s rows', async () => {
    const other = await service.detail({ kind: 'all' }, chuncheng);
    await notFound(service.update(asZhengyang, chuncheng, { version: other.version, name: '越权' }));
    await notFound(service.remove(asZhengyang, `${chuncheng}001`, 1));
    const own = await service.detail(zhengyang, '220106001001');
    const moveOut = await service
      .move(asZhengyang, '220106001001', { version: own.version, newParentCode: '220106003' })
      .catch((e: AppError) => e);
    expect((moveOut as AppError).code).toBe('division.parentNotFound');
    const create = await service
      .create(asZhengyang, { code: '220106003099', name: '越权社区' })
      .catch((e: AppError) => e);
    expect((create as AppError).code).toBe('division.parentNotFound');
    expect((await service.detail({ kind: 'all' }, chuncheng)).name).toBe(other.name);
  });

  it('exports only its own subtree and cannot import into another street', async () => {
    const { rows } = await service.subtree(zhengyang, undefined);
    expect(rows.every((r) => r.code.startsWith('220106001'))).toBe(true);
    const refused = await service
      .importRows(asZhengyang, [{ row: 2, cells: { code: '220106003001099', name: '越权网格' } }], {
        dryRun: false,
        locale: 'zh-CN',
      })
      .catch((e: AppError) => e);
    expect((refused as AppError).code).toBe('import.rowsInvalid');
  });
});
