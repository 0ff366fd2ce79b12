import { ROLE_PERMISSIONS } from '@linli/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_CIPHER } from '../../../test/database.ts';
import type { Database } from '../../db/database.ts';
import { seedDemo } from '../../demo/seed.ts';
import { AppError } from '../../platform/errors.ts';
import { type Caller, scopeOf } from '../../platform/scope.ts';
import { ResidentService } from './residents.service.ts';

// Acting for a resident (代办, issue #3 item 8) at the service level: the session's acting mode is
// the lead's; here the Caller carries it as a session would, so the rule and the records are tested.
describe('consents recorded while acting for a resident', () => {
  let database: Database;
  let service: ResidentService;
  let resident: { id: string; name: string; divisionCode: string };
  let neighbour: { id: string };

  const stationStaff = (actingFor: Caller['actingFor'] = null): Caller => ({
    scope: scopeOf(['220106001001']),
    permissions: ROLE_PERMISSIONS.station_staff,
    roles: ['station_staff'],
    actingFor,
    actor: {
      id: 'acct-station',
      name: '爱民社区服务站 张敏',
      role: 'station_staff',
      onBehalfOf: actingFor?.residentId ?? null,
      onBehalfOfName: actingFor?.residentName ?? null,
      onBehalfReason: actingFor?.reason ?? null,
    },
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemo(database.db, { cipher: TEST_CIPHER });
    service = new ResidentService(database.db, TEST_CIPHER);
    const rows = await database.db
      .selectFrom('resident')
      .select(['id', 'name', 'divisionCode'])
      .where('divisionCode', 'like', '220106001001003%')
      .where('accountId', 'is', null)
      .orderBy('id')
      .limit(2)
      .execute();
    resident = rows[0]!;
    neighbour = rows[1]!;
  });
  afterAll(() => database.close());

  const acting = () =>
    stationStaff({ residentId: resident.id, residentName: resident.name, reason: '老人行动不便，上门代办' });

  it('finds the resident to act for in scope, and nothing outside it', async () => {
    expect(await service.findForActing(stationStaff(), resident.id)).toEqual(resident);
    const other = await database.db
      .selectFrom('resident')
      .select('id')
      .where('divisionCode', 'like', '220106003%')
      .executeTakeFirstOrThrow();
    expect(await service.findForActing(stationStaff(), other.id)).toBeNull();
    expect(await service.findForActing(stationStaff(), 'no-such-resident')).toBeNull();
  });

  it('refuses a consent when not acting, or acting for someone else', async () => {
    for (const caller of [
      stationStaff(),
      stationStaff({ residentId: neighbour.id, residentName: '邻居', reason: '代办' }),
    ]) {
      const err = await service
        .recordConsent(caller, resident.id, { purpose: 'registry', given: true })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('resident.consentNeedsActing');
    }
  });

  it('records "staff X for resident Y" on the row and keeps both in the audit log', async () => {
    const consent = await service.recordConsent(acting(), resident.id, {
      purpose: 'notification',
      given: true,
      note: '本人口头同意接收短信通知',
    });
    expect(consent).toMatchObject({
      residentId: resident.id,
      purpose: 'notification',
      given: true,
      recordedByName: '爱民社区服务站 张敏',
      onBehalfOf: resident.id,
      onBehalfOfName: resident.name,
    });
    const withdrawn = await service.recordConsent(acting(), resident.id, {
      purpose: 'notification',
      given: false,
    });
    const list = await service.consents(stationStaff(), resident.id, {});
    expect(list.items.map((c) => [c.id, c.given])).toEqual([
      [withdrawn.id, false],
      [consent.id, true],
    ]);
    const entries = await database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'resident.consent')
      .where('entityId', '=', resident.id)
      .orderBy('seq')
      .execute();
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      actorName: '爱民社区服务站 张敏',
      onBehalfOf: resident.id,
      onBehalfName: resident.name,
      onBehalfReason: '老人行动不便，上门代办',
      after: { purpose: 'notification', given: true },
    });
  });

  it('shows the consent ability only while acting for that resident', async () => {
    expect((await service.detail(stationStaff(), resident.id)).abilities).toMatchObject({
      recordConsent: false,
      act: true,
    });
    expect((await service.detail(acting(), resident.id)).abilities).toMatchObject({
      recordConsent: true,
      act: false,
    });
  });

  it('notes on a resident registered while acting whom the staff acted for', async () => {
    const created = await service.create(acting(), {
      name: '代办登记',
      idNumber: '11010519491231002X',
      divisionCode: '220106001001003',
    });
    expect(created.onBehalfOf).toBe(resident.id);
    const [entry] = await database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'resident.create')
      .where('entityId', '=', created.id)
      .execute();
    expect(entry).toMatchObject({ onBehalfOf: resident.id });
  });
});
