import { randomUUID } from 'node:crypto';
import {
  beijingToday,
  DEFAULT_TRANCHES,
  FOCUS_AREAS,
  fairMatchScore,
  PERMISSIONS,
  splitTranches,
} from '@linli/common';
import { type Insertable, type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.gen.ts';
import { fairService } from '../modules/fair/fair.routes.ts';
import { type Caller, SYSTEM_SCOPE } from '../platform/scope.ts';
import { createRandom } from './random.ts';

const BATCH = 400;
const ACTOR = { id: 'demo-district', name: '区民政局（演示数据）' };
/** Past editions and their signings: by the end of 2017 the report counts 1,120+ projects signed. */
const PAST_SIGNINGS: Record<number, number> = { 2015: 300, 2016: 380, 2017: 445 };
const LATER_SIGNINGS = 20;
/** The report's count of organizations connected (of the 287 in the registry). */
const CONNECTED = 286;

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const at = (day: string, hour = 10) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);

async function insertAll<T extends keyof DB & string>(db: Kysely<DB>, table: T, rows: Insertable<DB[T]>[]) {
  for (let i = 0; i < rows.length; i += BATCH) {
    // biome-ignore lint/suspicious/noExplicitAny: one bulk helper for several tables
    const batch = rows.slice(i, i + BATCH) as any;
    await db.insertInto(table).values(batch).execute();
  }
}

/**
 * The matchmaking fair (issue #7 item 7, R5.4): an edition every year since 2015. Past editions are
 * written in bulk as they ended — offers, exhibits, matches signed or declined, each signing's
 * contract closed and paid in its three tranches against a fund of that year (channel 项目购买)
 * whose ledger holds the commitment and payment postings — so that, counted from these records,
 * 286 organizations were connected, 50+ categories covered and 1,120+ projects signed by 2017.
 * This year's edition is open and written through the service: offers, exhibits and matches in
 * every state, a few signed within what this year's purchase fund has left.
 */
export async function seedDemoFair(db: Kysely<DB>, seed: number): Promise<{ fairs: number; signed: number }> {
  const rnd = createRandom(seed + 77);
  const today = beijingToday();
  const year = Number(today.slice(0, 4));
  const evaluator = await db
    .selectFrom('account')
    .select(['id', 'displayName'])
    .where('username', '=', 'evaluator.demo')
    .executeTakeFirst();
  const organizations = await db
    .selectFrom('organization')
    .select(['id', 'name', 'divisionCode'])
    .orderBy(sql`registered_on asc nulls last`)
    .orderBy('id')
    .limit(CONNECTED)
    .execute();
  if (!evaluator || organizations.length === 0) return { fairs: 0, signed: 0 };
  const categories = await db
    .selectFrom('fairCategory')
    .select(['code', 'name', 'focusArea'])
    .where('active', '=', true)
    .orderBy('sort')
    .execute();
  const streets = await db
    .selectFrom('division')
    .select(['code', 'name'])
    .where('level', 'in', ['street', 'town'])
    .where('code', 'like', '220106%')
    .orderBy('code')
    .execute();

  const fairs: Insertable<DB['fair']>[] = [];
  const funds: Insertable<DB['fund']>[] = [];
  const offers: Insertable<DB['fairOffer']>[] = [];
  const exhibits: Insertable<DB['fairExhibit']>[] = [];
  const matches: Insertable<DB['fairMatch']>[] = [];
  const contracts: Insertable<DB['contract']>[] = [];
  const tranches: Insertable<DB['contractTranche']>[] = [];
  const postings: Insertable<DB['fundPosting']>[] = [];
  let n = 0;
  const years = Object.keys(PAST_SIGNINGS).map(Number);
  for (let y = 2018; y < year; y++) years.push(y);
  for (const y of years) {
    const fairId = randomUUID();
    const heldOn = `${y}-09-${String(rnd.int(10, 28)).padStart(2, '0')}`;
    const edition = y - 2014;
    fairs.push({
      id: fairId,
      name: `绿园区第${edition}届社会组织成果展示暨社洽会`,
      heldOn,
      venue: '绿园区社会组织孵化基地',
      description: '发布政府购买服务需求，洽谈对接服务项目，展现公益服务项目',
      divisionCode: '220106',
      state: 'closed',
      createdBy: ACTOR.id,
      createdAt: at(addDays(heldOn, -60)),
      updatedAt: at(addDays(heldOn, 1)),
    });
    const fundId = randomUUID();
    let fundTotal = 0;
    const signings = PAST_SIGNINGS[y] ?? LATER_SIGNINGS;
    for (let k = 0; k < signings; k++, n++) {
      const org = organizations[n % organizations.length]!;
      const category = categories[n % categories.length]!;
      const street = streets[rnd.int(0, streets.length - 1)]!;
      const amountFen = rnd.int(4, 30) * 1_000_000;
      fundTotal += amountFen;
      const offerId = randomUUID();
      const exhibitId = randomUUID();
      const matchId = randomUUID();
      const contractId = randomUUID();
      const title = `${street.name}${category.name}服务项目`;
      offers.push({
        id: offerId,
        fairId,
        title: `${street.name}${category.name}服务购买`,
        categoryCode: category.code,
        divisionCode: street.code,
        publisher: `${street.name}办事处`,
        budgetFen: amountFen + rnd.int(0, 5) * 500_000,
        fundId,
        description: `${street.name}面向辖区居民购买${category.name}服务`,
        createdBy: ACTOR.id,
        createdAt: at(addDays(heldOn, -30)),
      });
      const exhibit = { categoryCode: category.code, areas: [street.code] };
      exhibits.push({
        id: exhibitId,
        fairId,
        organizationId: org.id,
        divisionCode: org.divisionCode,
        title,
        ...exhibit,
        description: `${org.name}在${street.name}开展的${category.name}公益服务`,
        createdBy: ACTOR.id,
        createdAt: at(addDays(heldOn, -20)),
      });
      const signedAt = at(heldOn, 15);
      matches.push({
        id: matchId,
        fairId,
        offerId,
        exhibitId,
        organizationId: org.id,
        divisionCode: street.code,
        origin: (['suggested', 'offer', 'exhibit'] as const)[n % 3]!,
        score: fairMatchScore({ categoryCode: category.code, divisionCode: street.code }, exhibit),
        state: 'signed',
        amountFen,
        contractId,
        signedAt,
        createdBy: ACTOR.id,
        version: 3,
        createdAt: at(heldOn, 9),
        updatedAt: signedAt,
      });
      const startsOn = addDays(heldOn, 30);
      const endsOn = addDays(startsOn, 330);
      contracts.push({
        id: contractId,
        fairMatchId: matchId,
        fundId,
        organizationId: org.id,
        divisionCode: org.divisionCode,
        title,
        focusArea: category.focusArea,
        awardedFen: amountFen,
        amountFen,
        startsOn,
        endsOn,
        deliverables: `按合同在${street.name}提供${category.name}服务并通过事中、事后评估`,
        milestones: JSON.stringify([]),
        evaluatorAccountId: evaluator.id,
        evaluatorName: evaluator.displayName,
        state: 'closed',
        signedAt,
        closedAt: at(endsOn, 16),
        createdBy: ACTOR.id,
        version: 6,
        createdAt: signedAt,
        updatedAt: at(endsOn, 16),
      });
      const posting = {
        fundId,
        focusArea: category.focusArea,
        actorId: ACTOR.id,
        actorName: ACTOR.name,
        divisionCode: '220106',
      };
      postings.push({
        ...posting,
        kind: 'commitment',
        amountFen,
        referenceType: 'fair_match',
        referenceId: matchId,
        at: signedAt,
      });
      const amounts = splitTranches(amountFen, DEFAULT_TRANCHES);
      const paidOn = [startsOn, addDays(startsOn, 180), endsOn];
      DEFAULT_TRANCHES.forEach((t, i) => {
        const trancheId = randomUUID();
        const paidAt = at(paidOn[i]!, 16);
        tranches.push({
          id: trancheId,
          contractId,
          seq: i + 1,
          gate: t.gate,
          percent: t.percent,
          amountFen: amounts[i]!,
          paidAt,
        });
        postings.push({
          ...posting,
          kind: 'payment',
          amountFen: amounts[i]!,
          referenceType: 'contract_tranche',
          referenceId: trancheId,
          at: paidAt,
        });
      });
      // Some offers also drew a second organization whose talks did not succeed.
      if (k % 10 === 9) {
        const other = organizations[(n + 7) % organizations.length]!;
        const declinedExhibit = randomUUID();
        exhibits.push({
          id: declinedExhibit,
          fairId,
          organizationId: other.id,
          divisionCode: other.divisionCode,
          title: `${street.name}${category.name}服务（洽谈）`,
          ...exhibit,
          description: `${other.name}的${category.name}服务方案`,
          createdBy: ACTOR.id,
          createdAt: at(addDays(heldOn, -20)),
        });
        matches.push({
          id: randomUUID(),
          fairId,
          offerId,
          exhibitId: declinedExhibit,
          organizationId: other.id,
          divisionCode: street.code,
          origin: 'suggested',
          score: 90,
          state: 'declined',
          createdBy: ACTOR.id,
          version: 3,
          createdAt: at(heldOn, 9),
          updatedAt: at(heldOn, 16),
        });
      }
    }
    funds.push({
      id: fundId,
      year: y,
      channel: 'purchase',
      name: `${y}年社洽会政府购买服务资金`,
      focusAreas: [...FOCUS_AREAS],
      budgetFen: fundTotal,
      committedFen: fundTotal,
      paidFen: fundTotal,
      divisionCode: '220106',
      note: '社会组织成果展示暨社洽会签约项目的购买服务资金',
      createdAt: at(`${y}-01-15`),
      updatedAt: at(`${y}-12-31`),
    });
  }
  await insertAll(db, 'fair', fairs);
  await insertAll(db, 'fund', funds);
  await insertAll(db, 'fairOffer', offers);
  await insertAll(db, 'fairExhibit', exhibits);
  // The match and its contract point at each other: matches first without the link, then the contracts.
  await insertAll(
    db,
    'fairMatch',
    matches.map((m) => ({ ...m, contractId: null })),
  );
  await insertAll(db, 'contract', contracts);
  await insertAll(db, 'contractTranche', tranches);
  await insertAll(db, 'fundPosting', postings);
  await db
    .updateTable('fairMatch as m')
    .from('contract as k')
    .set((eb) => ({ contractId: eb.ref('k.id') }))
    .whereRef('k.fairMatchId', '=', 'm.id')
    .execute();

  const signedNow = await seedThisYear(db, year, today, evaluator.id, organizations, streets);
  return { fairs: fairs.length + 1, signed: contracts.length + signedNow };
}

/** This year's open edition through the service, so history, audit and ledger are the app's own. */
async function seedThisYear(
  db: Kysely<DB>,
  year: number,
  today: string,
  evaluatorId: string,
  organizations: ReadonlyArray<{ id: string; divisionCode: string }>,
  streets: ReadonlyArray<{ code: string; name: string }>,
): Promise<number> {
  const district: Caller = {
    scope: SYSTEM_SCOPE,
    permissions: PERMISSIONS,
    roles: ['district_admin'],
    actor: { ...ACTOR, role: 'district_admin' },
  };
  const service = fairService(db);
  const fund = await db
    .selectFrom('fund')
    .select(['id', 'budgetFen', 'committedFen'])
    .where('year', '=', year)
    .where('channel', '=', 'purchase')
    .orderBy('name')
    .executeTakeFirst();
  const created = await service.createFair(district, {
    name: `绿园区第${year - 2014}届社会组织成果展示暨社洽会`,
    heldOn: today,
    venue: '绿园区社会组织孵化基地',
    description: '发布政府购买服务需求，洽谈对接服务项目，展现公益服务项目',
  });
  const fair = await service.transitionFair(district, created.id, {
    action: 'open',
    version: created.version,
  });
  const plan: Array<[string, string]> = [
    ['elderly_care', '居家养老上门服务'],
    ['meal_aid', '老年助餐配送'],
    ['disability_aid', '残疾人康复陪护'],
    ['home_care', '失能老人居家照护'],
    ['psychological', '困难群众心理疏导'],
    ['orphan_aid', '孤儿成长陪伴'],
    ['teaching_aid', '课后四点半课堂'],
    ['medical_aid', '慢病老人健康管理'],
    ['stability', '矛盾纠纷排查化解'],
    ['housekeeping', '家政技能进社区'],
    ['mediation', '楼院议事调解'],
    ['reading', '社区儿童阅读推广'],
  ];
  const matchIds: string[] = [];
  for (const [i, [code, title]] of plan.entries()) {
    const street = streets[i % streets.length]!;
    const offer = await service.createOffer(district, fair.id, {
      title: `${street.name}${title}`,
      categoryCode: code,
      divisionCode: street.code,
      publisher: `${street.name}办事处`,
      budgetFen: (5 + i) * 1_000_000,
      fundId: fund?.id ?? null,
      description: `${street.name}面向辖区居民购买${title}服务`,
    });
    const org = organizations[(i * 23) % organizations.length]!;
    const exhibit = await service.createExhibit(district, fair.id, {
      organizationId: org.id,
      title: `${title}项目`,
      categoryCode: code,
      areas: [street.code],
      description: `${title}：专业社工与志愿者结合，按月服务`,
    });
    const match = await service.requestMatch(district, { offerId: offer.id, exhibitId: exhibit.id });
    matchIds.push(match.id);
  }
  // States: 0–2 stay proposed, 3–5 negotiating, 6–7 declined, 8–11 signed while the fund has money.
  let signed = 0;
  let remaining = fund ? Number(fund.budgetFen) - Number(fund.committedFen) : 0;
  for (const [i, id] of matchIds.entries()) {
    if (i < 3) continue;
    let m = await service.transitionMatch(district, id, { action: 'accept', version: 1 });
    if (i === 6 || i === 7) {
      await service.transitionMatch(district, id, {
        action: 'decline',
        version: m.version,
        comment: '服务方案与需求不符',
      });
      continue;
    }
    const amountFen = 5_000_000;
    if (i < 8 || !fund || remaining < amountFen) continue;
    m = await service.signMatch(district, id, {
      version: m.version,
      amountFen,
      startsOn: today,
      endsOn: `${year}-12-31` > today ? `${year}-12-31` : today,
      deliverables: '按月提供服务，建立服务台账，接受第三方评估',
      evaluatorAccountId: evaluatorId,
    });
    remaining -= amountFen;
    signed += 1;
  }
  return signed;
}
