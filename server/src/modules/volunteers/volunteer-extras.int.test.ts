import { randomUUID } from 'node:crypto';
import { residentIdCheckChar } from '@linli/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, buildTestApp, signIn, type TestApp } from '../../../test/app.ts';
import { TEST_CIPHER } from '../../../test/cipher.ts';
import { DEMO_PASSWORD } from '../../demo/accounts.ts';
import { AuthService } from '../accounts/auth.service.ts';
import { checkInCodeAt, checkInStep } from './volunteers.service.ts';

let t: TestApp;
let passwordHash: string | undefined;
let community: AuthHeaders;
let street: AuthHeaders;
// Signed in once: each sign-in of the admin needs a fresh TOTP step.
let admin: AuthHeaders;
const residents: AuthHeaders[] = [];
let serial = 500;

function idNumber(): string {
  serial += 1;
  const first17 = `2201061985020${(serial % 9) + 1}${String(serial).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

async function residentAccount(username: string, scope = '220106001001001'): Promise<AuthHeaders> {
  const id = randomUUID();
  passwordHash ??= await AuthService.hashPassword(DEMO_PASSWORD);
  await t.database.db
    .insertInto('account')
    .values({
      id,
      username,
      displayName: `居民 ${username}`,
      // One hash for every test account: argon2 is slow on purpose, and a busy machine feels it.
      passwordHash,
      divisionCode: scope,
    })
    .execute();
  await t.database.db
    .insertInto('roleGrant')
    .values({ accountId: id, role: 'resident', scopeCode: scope })
    .execute();
  return signIn(t.app, username);
}

const api = (
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  headers: AuthHeaders | undefined,
  payload?: object,
) => t.app.inject({ method, url: `/api/v1${url}`, headers, payload });

async function register(headers: AuthHeaders, divisionCode = '220106001001', name = '周志愿') {
  const res = await api('POST', '/volunteers/register', headers, {
    name,
    idNumber: idNumber(),
    phone: `138${String(20_000_000 + serial).slice(-8)}`,
    skills: [],
    availability: ['weekend'],
    divisionCode,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; pointsAccountId: string };
}

type ActivityJson = {
  id: string;
  version: number;
  checkInCode: string | null;
  slots: number;
  signedUp: number;
};

async function publish(headers: AuthHeaders, overrides: Record<string, unknown> = {}): Promise<ActivityJson> {
  const now = Date.now();
  const res = await api('POST', '/volunteer-activities', headers, {
    title: '爱民社区环境整治',
    category: 'environment',
    publisherKind: 'community',
    divisionCode: '220106001001',
    address: '爱民社区 5 栋',
    startsAt: new Date(now - 10 * 60_000).toISOString(),
    endsAt: new Date(now + 3 * 3_600_000).toISOString(),
    slots: 5,
    cancelBeforeMinutes: 0,
    ...overrides,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const tomorrow = (hours: number) => new Date(Date.now() + (24 + hours) * 3_600_000).toISOString();

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  community = await signIn(t.app, 'community.aimin');
  street = await signIn(t.app, 'street.zhengyang');
  admin = await signIn(t.app, 'admin');
  for (let i = 1; i <= 4; i++) residents.push(await residentAccount(`volx.test${i}`));
  for (const r of residents) await register(r);
}, 180_000);
afterAll(() => t.close());

describe('rotating check-in code', () => {
  it('shows organizers the current code and when it changes; a volunteer checks in with it', async () => {
    const activity = await publish(community);
    const step = checkInStep(new Date());
    expect([
      checkInCodeAt(TEST_CIPHER, activity.id, step),
      checkInCodeAt(TEST_CIPHER, activity.id, step + 1),
    ]).toContain(activity.checkInCode);
    const seen = (await api('GET', `/volunteer-activities/${activity.id}`, community)).json();
    expect(Date.parse(seen.checkInCodeChangesAt)).toBeGreaterThan(Date.now());
    expect(
      (await api('GET', `/volunteer-activities/${activity.id}`, residents[0])).json().checkInCode,
    ).toBeNull();
    await api('POST', `/volunteer-activities/${activity.id}/signup`, residents[0]);
    // The previous step's code is still accepted (read just before the change).
    const previous = checkInCodeAt(TEST_CIPHER, activity.id, checkInStep(new Date()) - 1);
    const res = await api('POST', `/volunteer-activities/${activity.id}/check-in`, residents[0], {
      code: previous,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().mySignup.checkedInAt).not.toBeNull();
  });

  it('refuses a code two steps old as expired, with a clear Chinese message, and a made-up one as wrong', async () => {
    const activity = await publish(community);
    await api('POST', `/volunteer-activities/${activity.id}/signup`, residents[1]);
    const old = checkInCodeAt(TEST_CIPHER, activity.id, checkInStep(new Date()) - 3);
    const res = await api('POST', `/volunteer-activities/${activity.id}/check-in`, residents[1], {
      code: old,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('activity.codeExpired');
    expect(res.json().detail ?? res.json().title).toMatch(/签到码已过期/);
    const current = checkInCodeAt(TEST_CIPHER, activity.id, checkInStep(new Date()));
    const wrong = String((Number(current) + 500_000) % 1_000_000).padStart(6, '0');
    const refused = await api('POST', `/volunteer-activities/${activity.id}/check-in`, residents[1], {
      code: wrong,
    });
    expect(refused.json().code).toMatch(/^activity\.(wrongCode|codeExpired)$/);
    // Another activity's code does not open this one.
    const other = await publish(community);
    const foreign = checkInCodeAt(TEST_CIPHER, other.id, checkInStep(new Date()));
    if (foreign !== current)
      expect(
        (await api('POST', `/volunteer-activities/${activity.id}/check-in`, residents[1], { code: foreign }))
          .statusCode,
      ).toBe(400);
  });

  it('lets the organizer check in and out a volunteer without a phone', async () => {
    const activity = await publish(community);
    await api('POST', `/volunteer-activities/${activity.id}/signup`, residents[2]);
    const roster = (await api('GET', `/volunteer-activities/${activity.id}/roster`, community)).json();
    const entry = roster.entries[0];
    const inRes = await api(
      'POST',
      `/volunteer-activities/${activity.id}/roster/${entry.id}/attendance`,
      community,
      { action: 'check_in' },
    );
    expect(inRes.statusCode, inRes.body).toBe(200);
    const outRes = await api(
      'POST',
      `/volunteer-activities/${activity.id}/roster/${entry.id}/attendance`,
      community,
      { action: 'check_out' },
    );
    expect(outRes.json().entries[0].checkedOutAt).not.toBeNull();
  });
});

describe('activity editing', () => {
  it('edits before the start at the current version; a stale version gets 409; volunteers are told', async () => {
    const activity = await publish(community, { startsAt: tomorrow(0), endsAt: tomorrow(2) });
    await api('POST', `/volunteer-activities/${activity.id}/signup`, residents[0]);
    const [a, b] = await Promise.all([
      api('PATCH', `/volunteer-activities/${activity.id}`, community, {
        version: activity.version,
        address: '爱民社区党群服务中心二楼',
      }),
      api('PATCH', `/volunteer-activities/${activity.id}`, community, {
        version: activity.version,
        title: '爱民社区环境整治（改期）',
      }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().code).toBe('conflict.version');
    const notes = await t.database.db
      .selectFrom('notification as n')
      .innerJoin('volunteer as v', 'v.accountId', 'n.accountId')
      .select(['n.titleZh', 'n.bodyZh', 'n.link'])
      .where('n.entityId', '=', activity.id)
      .where('n.kind', '=', 'volunteer.activity.changed')
      .execute();
    expect(notes).toHaveLength(1);
    expect(notes[0]!.titleZh).toMatch(/有变更/);
    expect(notes[0]!.link).toBe('/volunteer');
  });

  it('refuses fewer places than sign-ups, and more places promote the waiting list', async () => {
    const activity = await publish(community, { startsAt: tomorrow(3), endsAt: tomorrow(5), slots: 1 });
    await api('POST', `/volunteer-activities/${activity.id}/signup`, residents[0]);
    const waiting = (await api('POST', `/volunteer-activities/${activity.id}/signup`, residents[1])).json();
    expect(waiting.mySignup.state).toBe('waiting');
    const more = await api('PATCH', `/volunteer-activities/${activity.id}`, community, {
      version: activity.version,
      slots: 2,
    });
    expect(more.statusCode, more.body).toBe(200);
    expect(more.json()).toMatchObject({ signedUp: 2, waiting: 0 });
    const fewer = await api('PATCH', `/volunteer-activities/${activity.id}`, community, {
      version: more.json().version,
      slots: 1,
    });
    expect(fewer.statusCode).toBe(409);
    expect(fewer.json().code).toBe('activity.slotsBelowSignups');
  });

  it('refuses edits once the activity has started, and bad times', async () => {
    const started = await publish(community);
    const res = await api('PATCH', `/volunteer-activities/${started.id}`, community, {
      version: started.version,
      slots: 9,
    });
    expect(res.json().code).toBe('activity.started');
    const later = await publish(community, { startsAt: tomorrow(6), endsAt: tomorrow(8) });
    const bad = await api('PATCH', `/volunteer-activities/${later.id}`, community, {
      version: later.version,
      endsAt: tomorrow(5),
    });
    expect(bad.json().code).toBe('activity.invalidTimes');
  });

  it('gives another community 404 on an edit; a resident cannot edit', async () => {
    const elsewhere = await publish(admin, {
      divisionCode: '220106003001',
      address: '景阳社区',
      startsAt: tomorrow(1),
      endsAt: tomorrow(2),
    });
    const res = await api('PATCH', `/volunteer-activities/${elsewhere.id}`, community, {
      version: elsewhere.version,
      title: '改别人的活动',
    });
    expect(res.statusCode).toBe(404);
    expect(
      (
        await api('PATCH', `/volunteer-activities/${elsewhere.id}`, residents[0], {
          version: elsewhere.version,
          title: '改别人的活动',
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('honours', () => {
  it('gives a volunteer and a team honours; duplicates and wrong subjects are refused; the volunteer sees theirs', async () => {
    const me = (await api('GET', '/volunteers/me', residents[3])).json();
    const res = await api('POST', '/volunteer-honours', community, {
      subjectKind: 'volunteer',
      subjectId: me.id,
      title: 'outstanding_volunteer',
      year: 2026,
      reason: '全年坚持助老送餐',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ subjectName: '周志愿', awardedByDivision: '220106001001' });
    const again = await api('POST', '/volunteer-honours', community, {
      subjectKind: 'volunteer',
      subjectId: me.id,
      title: 'outstanding_volunteer',
      year: 2026,
      reason: '重复',
    });
    expect(again.json().code).toBe('honour.duplicate');
    const wrong = await api('POST', '/volunteer-honours', community, {
      subjectKind: 'volunteer',
      subjectId: me.id,
      title: 'outstanding_team',
      year: 2026,
      reason: '不对',
    });
    expect(wrong.json().code).toBe('honour.invalidSubject');
    const team = (await api('GET', '/volunteer-teams?divisionCode=220106001001&limit=1', community)).json()
      .items[0];
    const teamHonour = await api('POST', '/volunteer-honours', admin, {
      subjectKind: 'team',
      subjectId: team.id,
      title: 'outstanding_team',
      year: 2026,
      reason: '服务时长全区前列',
    });
    expect(teamHonour.json().awardedByDivision).toBe('220106');
    const mine = (await api('GET', '/volunteer-honours', residents[3])).json();
    expect(mine.items.map((h: { title: string }) => h.title)).toEqual(['outstanding_volunteer']);
    const xlsx = await api('GET', '/volunteer-honours/export?year=2026', community);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
  });

  it('keeps honours inside the scope: another street neither sees nor gives them', async () => {
    const outsider = await register(
      await residentAccount('volx.far', '220106003001001'),
      '220106003001',
      '吴远',
    );
    const given = await api('POST', '/volunteer-honours', street, {
      subjectKind: 'volunteer',
      subjectId: outsider.id,
      title: 'star_of_year',
      year: 2026,
      reason: '不在本街道',
    });
    expect(given.statusCode).toBe(404);
    const byAdmin = await api('POST', '/volunteer-honours', admin, {
      subjectKind: 'volunteer',
      subjectId: outsider.id,
      title: 'star_of_year',
      year: 2026,
      reason: '区级年度之星',
    });
    expect(byAdmin.statusCode).toBe(201);
    const list = (await api('GET', '/volunteer-honours?limit=100', street)).json();
    expect(list.items.every((h: { divisionCode: string }) => h.divisionCode.startsWith('220106001'))).toBe(
      true,
    );
    expect(list.items.some((h: { id: string }) => h.id === byAdmin.json().id)).toBe(false);
    // The demo's district honours are there too.
    const all = (await api('GET', '/volunteer-honours?year=2025&limit=100', admin)).json();
    expect(all.total).toBe(16);
  });

  it('publishes the star thresholds in use', async () => {
    const levels = (await api('GET', '/volunteer-star-levels', residents[0])).json();
    expect(levels.hours).toEqual([100, 300, 600, 1000, 1500]);
  });
});

describe('awards', () => {
  it('awards a team: every active member gets the points in one transfer from the pool; listed and exported', async () => {
    const team = (await api('GET', '/volunteer-teams?divisionCode=220106001001&limit=1', community)).json()
      .items[0];
    const before = (await api('GET', '/points/accounts/award-pool:220106', admin)).json().balance;
    const res = await api('POST', '/points/awards/team', admin, {
      teamId: team.id,
      points: 200,
      reason: '社区环境整治突击队',
      idempotencyKey: `team-award-${team.id}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const members = res.json().legs.length - 1;
    expect(members).toBeGreaterThan(0);
    const after = (await api('GET', '/points/accounts/award-pool:220106', admin)).json().balance;
    expect(before - after).toBe(200 * members);
    const list = (await api('GET', '/points/awards?limit=100', admin)).json();
    const rows = list.items.filter((a: { transferId: string }) => a.transferId === res.json().id);
    expect(rows).toHaveLength(members);
    // The community sees only its own members' shares (the team's volunteers live all over the district).
    const mine = (await api('GET', '/points/awards?limit=100', community)).json();
    expect(mine.items.every((a: { divisionName: string }) => a.divisionName === '爱民社区')).toBe(true);
    expect(rows[0]).toMatchObject({ points: 200, teamName: team.name, reason: '社区环境整治突击队' });
    const xlsx = await api('GET', '/points/awards/export', community);
    expect(xlsx.statusCode).toBe(200);
  });

  it('refuses a team award the pool cannot cover, and hides awards outside the scope', async () => {
    const team = (await api('GET', '/volunteer-teams?divisionCode=220106001001&limit=1', community)).json()
      .items[0];
    const res = await api('POST', '/points/awards/team', admin, {
      teamId: team.id,
      points: 1_000_000,
      reason: '超出奖励池',
      idempotencyKey: `team-award-too-much-${team.id}`,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('points.insufficient');
    const far = (await api('GET', '/volunteers?divisionCode=220106003&limit=1', admin)).json().items[0];
    await api('POST', '/points/awards', admin, {
      volunteerId: far.id,
      points: 100,
      reason: '景阳社区',
      idempotencyKey: `award-far-${far.id}`,
    });
    const list = (await api('GET', `/points/awards?volunteerId=${far.id}`, street)).json();
    expect(list.total).toBe(0);
    expect((await api('GET', `/points/awards?volunteerId=${far.id}`, admin)).json().total).toBe(1);
    expect((await api('GET', '/points/awards', residents[0])).statusCode).toBe(403);
  });
});
