import { beijingToday } from '@linli/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, apiCalls, buildTestApp, signIn, type TestApp } from '../../../test/app.ts';

let t: TestApp;
let admin: AuthHeaders;
let street: AuthHeaders;
let community: AuthHeaders;
let org: AuthHeaders;
let resident: AuthHeaders;
let evaluatorId: string;
let orgId: string;

// The district admin signs in once for the whole file (each admin sign-in needs a fresh TOTP step).
beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin');
  street = await signIn(t.app, 'street.zhengyang');
  community = await signIn(t.app, 'community.aimin');
  org = await signIn(t.app, 'org.demo');
  resident = await signIn(t.app, 'resident.demo');
  const account = await t.database.db
    .selectFrom('account')
    .select('id')
    .where('username', '=', 'evaluator.demo')
    .executeTakeFirstOrThrow();
  evaluatorId = account.id;
  const grant = await t.database.db
    .selectFrom('roleGrant as g')
    .innerJoin('account as a', 'a.id', 'g.accountId')
    .select('g.organizationId')
    .where('a.username', '=', 'org.demo')
    .executeTakeFirstOrThrow();
  orgId = grant.organizationId!;
}, 180_000);
afterAll(() => t.close());

const { call, ok } = apiCalls(() => t.app);
const today = beijingToday();
const year = Number(today.slice(0, 4));
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

let seq = 0;
async function openFair() {
  seq += 1;
  const fair = await ok(admin, 'POST', '/fairs', {
    name: `测试社洽会 ${seq}`,
    heldOn: today,
    venue: '区社会组织孵化基地',
  });
  return ok(admin, 'POST', `/fairs/${fair.id}/transitions`, { action: 'open', version: fair.version });
}

async function fund(budgetFen: number) {
  return ok(admin, 'POST', '/funds', {
    year,
    channel: 'purchase',
    name: `社洽会测试资金 ${seq}-${budgetFen}`,
    focusAreas: ['elderly_disabled'],
    budgetFen,
  });
}

/** An open fair with an offer in 爱民社区 (正阳街道) and the demo organization's exhibit serving it. */
async function negotiating(opts: { budgetFen?: number; fundId?: string | null } = {}) {
  const fair = await openFair();
  const offer = await ok(community, 'POST', `/fairs/${fair.id}/offers`, {
    title: '爱民社区老年助餐服务',
    categoryCode: 'meal_aid',
    divisionCode: '220106001001',
    publisher: '爱民社区居委会',
    budgetFen: opts.budgetFen ?? 2_000_000,
    fundId: opts.fundId ?? null,
    description: '为辖区 80 岁以上独居老人提供午餐配送',
  });
  const exhibit = await ok(org, 'POST', `/fairs/${fair.id}/exhibits`, {
    title: `邻里食堂助餐项目 ${seq}`,
    categoryCode: 'meal_aid',
    areas: ['220106001'],
    description: '中央厨房配餐、志愿者送餐上门',
  });
  const match = await ok(org, 'POST', '/fair-matches', { offerId: offer.id, exhibitId: exhibit.id });
  expect(match.origin).toBe('exhibit');
  const accepted = await ok(community, 'POST', `/fair-matches/${match.id}/transitions`, {
    action: 'accept',
    version: match.version,
  });
  expect(accepted.state).toBe('negotiating');
  return { fair, offer, exhibit, match: accepted };
}

const signBody = (version: number, amountFen: number, fundId?: string) => ({
  version,
  amountFen,
  ...(fundId ? { fundId } : {}),
  startsOn: today,
  endsOn: addDays(today, 180),
  deliverables: '每周五天午餐配送，服务 60 名老人',
  evaluatorAccountId: evaluatorId,
});

describe('service categories', () => {
  it('has 50+ categories, each in one of the four classes, and the district can add and deactivate one', async () => {
    const all = await ok<Array<{ code: string; orgClass: string }>>(resident, 'GET', '/fair-categories');
    expect(all.length).toBeGreaterThanOrEqual(50);
    expect(new Set(all.map((c) => c.orgClass))).toEqual(
      new Set(['charity', 'public_welfare', 'livelihood', 'economic']),
    );
    for (const code of ['elderly_care', 'psychological', 'disability_aid', 'orphan_aid', 'teaching_aid'])
      expect(all.some((c) => c.code === code)).toBe(true);
    await ok(admin, 'POST', '/fair-categories', {
      code: 'test_kind',
      name: '测试门类',
      nameEn: 'Test kind',
      orgClass: 'livelihood',
    });
    const dup = await call(admin, 'POST', '/fair-categories', {
      code: 'test_kind2',
      name: '测试门类',
      nameEn: 'Test',
      orgClass: 'livelihood',
    });
    expect(dup.json().code).toBe('fair.categoryExists');
    await ok(admin, 'PATCH', '/fair-categories/test_kind', { active: false });
    const active = await ok<Array<{ code: string }>>(admin, 'GET', '/fair-categories');
    expect(active.some((c) => c.code === 'test_kind')).toBe(false);
    const street403 = await call(street, 'POST', '/fair-categories', {
      code: 'x_kind',
      name: '街道门类',
      nameEn: 'x',
      orgClass: 'economic',
    });
    expect(street403.statusCode).toBe(403);
  });
});

describe('a match signed at the fair', () => {
  it('suggests exhibits for an offer and offers for an exhibit by category and area', async () => {
    const { offer, exhibit } = await negotiating();
    const forOffer = await ok<Array<{ exhibitId: string; score: number; matchId: string | null }>>(
      community,
      'GET',
      `/fair-offers/${offer.id}/suggestions`,
    );
    const hit = forOffer.find((s) => s.exhibitId === exhibit.id)!;
    expect(hit.score).toBe(90);
    expect(hit.matchId).not.toBeNull();
    const forExhibit = await ok<Array<{ offerId: string }>>(
      org,
      'GET',
      `/fair-exhibits/${exhibit.id}/suggestions`,
    );
    expect(forExhibit.map((s) => s.offerId)).toContain(offer.id);
    // Another street's offer of the same category is not suggested for an exhibit serving 正阳街道.
    const elsewhere = await ok(admin, 'POST', `/fairs/${offer.fairId}/offers`, {
      title: '其他街道助餐服务',
      categoryCode: 'meal_aid',
      divisionCode: '220106003',
      publisher: '其他街道',
      budgetFen: 1_000_000,
      description: '助餐',
    });
    const again = await ok<Array<{ offerId: string }>>(
      org,
      'GET',
      `/fair-exhibits/${exhibit.id}/suggestions`,
    );
    expect(again.map((s) => s.offerId)).not.toContain(elsewhere.id);
  });

  it('signing drafts exactly one contract, linked both ways, that follows the normal path', async () => {
    const f = await fund(5_000_000);
    const { match } = await negotiating({ fundId: f.id });
    const signed = await ok(
      admin,
      'POST',
      `/fair-matches/${match.id}/sign`,
      signBody(match.version, 1_500_000),
    );
    expect(signed.state).toBe('signed');
    expect(signed.amountFen).toBe(1_500_000);
    const contract = await ok(admin, 'GET', `/contracts/${signed.contractId}`);
    expect(contract.fairMatchId).toBe(match.id);
    expect(contract.applicationId).toBeNull();
    expect(contract.state).toBe('draft');
    expect(contract.amountFen).toBe(1_500_000);
    expect(contract.organizationId).toBe(orgId);
    expect((await ok(admin, 'GET', `/funds/${f.id}`)).committedFen).toBe(1_500_000);
    // The normal path: the district signs the contract and the signing tranche (40 %) is paid.
    const active = await ok(admin, 'POST', `/contracts/${contract.id}/transitions`, {
      action: 'sign',
      version: contract.version,
    });
    expect(active.paidFen).toBe(600_000);
    const count = await t.database.db
      .selectFrom('contract')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('fairMatchId', '=', match.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
    // The organization sees its contract.
    await ok(org, 'GET', `/contracts/${contract.id}`);
  });

  it('two signings of one match at once: exactly one wins, one contract', async () => {
    const f = await fund(5_000_000);
    const { match } = await negotiating({ fundId: f.id });
    const results = await Promise.all([
      call(admin, 'POST', `/fair-matches/${match.id}/sign`, signBody(match.version, 1_000_000)),
      call(admin, 'POST', `/fair-matches/${match.id}/sign`, signBody(match.version, 1_000_000)),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const contracts = await t.database.db
      .selectFrom('contract')
      .select('id')
      .where('fairMatchId', '=', match.id)
      .execute();
    expect(contracts).toHaveLength(1);
    expect((await ok(admin, 'GET', `/funds/${f.id}`)).committedFen).toBe(1_000_000);
  });

  it('a signing the fund cannot cover is refused (409) and leaves the match unsigned', async () => {
    const f = await fund(500_000);
    const { match } = await negotiating({ fundId: f.id });
    const res = await call(admin, 'POST', `/fair-matches/${match.id}/sign`, signBody(match.version, 800_000));
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('fund.insufficient');
    const after = await ok(admin, 'GET', `/fair-matches/${match.id}`);
    expect(after.state).toBe('negotiating');
    expect(after.contractId).toBeNull();
    expect(after.version).toBe(match.version);
    expect((await ok(admin, 'GET', `/funds/${f.id}`)).committedFen).toBe(0);
    // Over the offer's budget, and without a fund, are refused too.
    const over = await call(
      admin,
      'POST',
      `/fair-matches/${match.id}/sign`,
      signBody(match.version, 3_000_000),
    );
    expect(over.json().code).toBe('fair.overBudget');
    const { match: noFund } = await negotiating();
    const missing = await call(
      admin,
      'POST',
      `/fair-matches/${noFund.id}/sign`,
      signBody(noFund.version, 100_000),
    );
    expect(missing.json().code).toBe('fair.fundRequired');
  });
});

describe('illegal steps', () => {
  it('refuses steps the state or the side does not allow', async () => {
    const fair = await openFair();
    const offer = await ok(street, 'POST', `/fairs/${fair.id}/offers`, {
      title: '正阳街道心理疏导服务',
      categoryCode: 'psychological',
      divisionCode: '220106001',
      publisher: '正阳街道办事处',
      budgetFen: 1_000_000,
      description: '为困难群众提供心理疏导',
    });
    const exhibit = await ok(org, 'POST', `/fairs/${fair.id}/exhibits`, {
      title: '阳光心理服务项目',
      categoryCode: 'psychological',
      areas: ['220106001001'],
      description: '专业社工一对一心理疏导',
    });
    const match = await ok(street, 'POST', '/fair-matches', { offerId: offer.id, exhibitId: exhibit.id });
    expect(match.origin).toBe('offer');
    expect(match.abilities.accept).toBe(false);
    // The side that asked cannot accept its own request; a proposed match cannot be signed.
    expect(
      (
        await call(street, 'POST', `/fair-matches/${match.id}/transitions`, { action: 'accept', version: 1 })
      ).json().code,
    ).toBe('fair.ownRequest');
    const early = await call(
      admin,
      'POST',
      `/fair-matches/${match.id}/sign`,
      signBody(match.version, 100_000),
    );
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('workflow.illegalTransition');
    // The organization may not sign (the district signs).
    expect((await call(org, 'POST', `/fair-matches/${match.id}/sign`, signBody(1, 100_000))).statusCode).toBe(
      403,
    );
    const dup = await call(org, 'POST', '/fair-matches', { offerId: offer.id, exhibitId: exhibit.id });
    expect(dup.json().code).toBe('fair.matchExists');
    const declined = await ok(org, 'POST', `/fair-matches/${match.id}/transitions`, {
      action: 'decline',
      version: match.version,
      comment: '本期服务名额已满',
    });
    expect(declined.state).toBe('declined');
    const stale = await call(org, 'POST', `/fair-matches/${match.id}/transitions`, {
      action: 'accept',
      version: match.version,
    });
    expect(stale.json().code).toBe('conflict.version');
    const again = await call(org, 'POST', `/fair-matches/${match.id}/transitions`, {
      action: 'accept',
      version: declined.version,
    });
    expect(again.json().code).toBe('workflow.illegalTransition');
    // A closed fair takes no more offers; a planned fair no matches.
    const closed = await ok(admin, 'POST', `/fairs/${fair.id}/transitions`, { action: 'close', version: 2 });
    expect(closed.state).toBe('closed');
    const late = await call(street, 'POST', `/fairs/${fair.id}/offers`, {
      title: '迟到的需求',
      categoryCode: 'psychological',
      divisionCode: '220106001',
      publisher: '正阳街道办事处',
      budgetFen: 100,
      description: '迟到',
    });
    expect(late.json().code).toBe('fair.closed');
    expect(
      (await call(admin, 'POST', `/fairs/${fair.id}/transitions`, { action: 'open', version: 3 })).json()
        .code,
    ).toBe('workflow.illegalTransition');
  });
});

describe('scope', () => {
  it('an organization sees only its own exhibits’ matches; another street gets 404 on read and write', async () => {
    const fair = await openFair();
    // An offer in 正阳街道 and one in another street, both matched with another organization's exhibit.
    const other = await t.database.db
      .selectFrom('organization')
      .select('id')
      .where('id', '<>', orgId)
      .where('state', '=', 'active')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const exhibit = await ok(admin, 'POST', `/fairs/${fair.id}/exhibits`, {
      organizationId: other.id,
      title: '另一家组织的助老项目',
      categoryCode: 'elderly_care',
      areas: ['220106'],
      description: '全区上门助老服务',
    });
    const there = await ok(admin, 'POST', `/fairs/${fair.id}/offers`, {
      title: '另一街道养老服务',
      categoryCode: 'elderly_care',
      divisionCode: '220106003',
      publisher: '另一街道',
      budgetFen: 1_000_000,
      description: '养老',
    });
    const match = await ok(admin, 'POST', '/fair-matches', { offerId: there.id, exhibitId: exhibit.id });
    expect(match.origin).toBe('suggested');
    expect(match.score).toBe(80);
    // The demo organization does not see another organization's match, even by id.
    expect((await call(org, 'GET', `/fair-matches/${match.id}`)).statusCode).toBe(404);
    const orgList = await ok<{ items: Array<{ organizationId: string }> }>(
      org,
      'GET',
      '/fair-matches?limit=100',
    );
    expect(orgList.items.every((m) => m.organizationId === orgId)).toBe(true);
    // 正阳街道 does not see another street's match: 404 on read and on every write.
    expect((await call(street, 'GET', `/fair-matches/${match.id}`)).statusCode).toBe(404);
    const streetList = await ok<{ items: Array<{ id: string }> }>(
      street,
      'GET',
      `/fair-matches?fairId=${fair.id}`,
    );
    expect(streetList.items.map((m) => m.id)).not.toContain(match.id);
    for (const action of ['accept', 'decline'])
      expect(
        (await call(street, 'POST', `/fair-matches/${match.id}/transitions`, { action, version: 1 }))
          .statusCode,
      ).toBe(404);
    expect((await call(street, 'GET', `/fair-offers/${there.id}/suggestions`)).statusCode).toBe(404);
    expect((await call(org, 'GET', `/fair-exhibits/${exhibit.id}/suggestions`)).statusCode).toBe(404);
    // It may not publish for another street's area, nor match from another street's offer.
    const outside = await call(street, 'POST', `/fairs/${fair.id}/offers`, {
      title: '越界需求',
      categoryCode: 'elderly_care',
      divisionCode: '220106003',
      publisher: '正阳街道办事处',
      budgetFen: 100,
      description: '越界',
    });
    expect(outside.json().code).toBe('fair.invalidArea');
    const notMine = await call(street, 'POST', '/fair-matches', {
      offerId: there.id,
      exhibitId: (
        await ok(org, 'POST', `/fairs/${fair.id}/exhibits`, {
          title: '本组织养老项目',
          categoryCode: 'elderly_care',
          areas: ['220106003'],
          description: '养老',
        })
      ).id,
    });
    expect(notMine.json().code).toBe('fair.notYourSide');
    // An organization cannot exhibit for another organization.
    const forOther = await call(org, 'POST', `/fairs/${fair.id}/exhibits`, {
      organizationId: other.id,
      title: '冒名项目',
      categoryCode: 'elderly_care',
      areas: ['220106'],
      description: '冒名',
    });
    expect(forOther.statusCode).toBe(404);
    // Everyone signed in browses the fair's offers and exhibits; a resident sees no matches.
    expect((await ok(resident, 'GET', `/fairs/${fair.id}/offers`)).total).toBe(1);
    expect((await ok(resident, 'GET', `/fairs/${fair.id}/exhibits`)).total).toBe(2);
    expect((await call(resident, 'GET', '/fair-matches')).statusCode).toBe(403);
  });
});

describe('figures', () => {
  it('are counted from the records: a signing adds one project (and the demo reaches the report)', async () => {
    const before = await ok(admin, 'GET', '/fair-figures');
    expect(before.total.organizations).toBeGreaterThanOrEqual(286);
    expect(before.total.categories).toBeGreaterThanOrEqual(50);
    expect(before.total.projects).toBeGreaterThanOrEqual(1120);
    const f = await fund(5_000_000);
    const { match, fair } = await negotiating({ fundId: f.id });
    await ok(admin, 'POST', `/fair-matches/${match.id}/sign`, signBody(match.version, 1_000_000));
    const after = await ok(admin, 'GET', '/fair-figures');
    expect(after.total.projects).toBe(before.total.projects + 1);
    expect(after.total.signedFen).toBe(before.total.signedFen + 1_000_000);
    const edition = after.byEdition.find((e: { fairId: string }) => e.fairId === fair.id);
    expect(edition.projects).toBe(1);
    const livelihood = (x: typeof before) =>
      x.byClass.find((c: { orgClass: string }) => c.orgClass === 'livelihood').projects;
    expect(livelihood(after)).toBe(livelihood(before) + 1);
    const last = after.byEdition.at(-1);
    expect(last.cumulativeProjects).toBe(after.total.projects);
    const xlsx = await call(admin, 'GET', '/fair-figures/export');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });
});
