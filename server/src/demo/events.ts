import { randomUUID } from 'node:crypto';
import {
  EVENT_STATE_STEP,
  type EventRating,
  type EventState,
  type EventStep,
  type StepTimeLimits,
  type TimeLimit,
} from '@linli/common';
import type { Insertable, Kysely, RawBuilder } from 'kysely';
import type { DB, GridEvent, GridEventDepartment, WorkflowHistory } from '../db/schema.gen.ts';
import { EVENT_WORKFLOW } from '../modules/events/events.workflow.ts';
import { searchVector } from '../platform/search-text.ts';
import { beijingDate } from '../platform/working-days.ts';
import { createRandom, type Random } from './random.ts';

/** About this many events over the last year: enough for every list, map and statistic to mean something. */
const EVENTS = 3000;
const BATCH = 200;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** What residents and grid members write, per subclass; `{p}` is a place in the grid's community. */
const DESCRIPTIONS: Record<string, readonly string[]> = {
  '道路破损/坑洼': [
    '{p}路面出现坑洼，直径约半米，雨后积水，行人和电动车经过容易摔倒',
    '{p}人行道地砖松动翘起多块，老人推车经过很不方便',
    '{p}沥青路面开裂下沉，车辆经过颠簸严重',
  ],
  占道经营: ['{p}早市摊贩占用机动车道经营，早高峰造成拥堵', '{p}水果摊长期占用人行道，行人只能绕行机动车道'],
  违章搭建: ['{p}一楼住户在公共绿地上私自搭建彩钢房', '{p}顶楼住户在楼顶加盖板房，邻居担心安全'],
  暴露垃圾: ['{p}垃圾桶满溢两天无人清运，异味很大', '{p}装修垃圾堆放在楼道口，影响通行'],
  路灯损坏: ['{p}路灯连续多晚不亮，晚上出行很黑', '{p}路灯杆倾斜，灯罩脱落，存在坠落危险'],
  '井盖缺失/破损': ['{p}雨水井盖缺失，只用树枝挡着，非常危险', '{p}井盖破裂下陷，车辆经过发出很大响声'],
  治安隐患: ['{p}单元门禁损坏多日，陌生人随意进出', '{p}夜间有人聚集饮酒吵闹，居民担心安全'],
  群租房隐患: [
    '{p}一套住房被隔成多间出租，住了十几个人，进出人员复杂',
    '{p}地下室被改成群租房，通风和消防条件差',
  ],
  流浪乞讨人员: [
    '{p}有一位老人在此露宿多日，天气转冷，需要救助',
    '{p}一名流浪人员在公交站附近乞讨，精神状态不好',
  ],
  邻里纠纷: ['{p}楼上住户空调外机滴水，与楼下邻居多次争吵', '{p}两户邻居因楼道堆物发生争执，需要调解'],
  物业纠纷: ['{p}居民反映物业收费不公示，与物业公司协商无果', '{p}电梯长期故障物业不维修，业主拒交物业费'],
  劳资纠纷: ['{p}小区外墙保温施工队工人反映被拖欠工资三个月', '{p}附近饭店员工反映离职后工资未结清'],
  家庭纠纷: ['{p}一户家庭因赡养老人问题多次争吵，老人向网格员求助', '{p}夫妻矛盾激化，邻居担心发生意外'],
  噪音扰民: ['{p}楼下商铺夜间装修施工到十一点，噪音很大', '{p}广场舞音响音量过大，影响周边住户休息'],
  供暖不热: ['{p}多户居民反映室温不足十六度，暖气不热', '{p}单元供暖管道漏水，暖气时冷时热'],
  '停水/供水问题': ['{p}整栋楼突然停水，未见停水通知', '{p}自来水发黄有异味，居民不敢饮用'],
  困难群众救助: [
    '{p}一位独居老人生活困难，子女不在身边，需要帮扶',
    '{p}一户家庭主要劳动力患病住院，生活陷入困难',
  ],
  养老服务需求: [
    '{p}八十多岁独居老人行动不便，希望有人上门助餐',
    '{p}失能老人家属咨询居家养老服务和护理补贴',
  ],
  消防通道堵塞: ['{p}消防通道被私家车长期占用，消防车无法通行', '{p}楼道内堆放大量纸箱杂物，堵塞安全出口'],
  燃气安全隐患: ['{p}楼道内闻到明显燃气味，居民担心泄漏', '{p}餐馆液化气罐露天存放，靠近居民楼'],
  电动车违规充电: ['{p}居民从窗户拉线给电动车充电，存在火灾隐患', '{p}电动车停放在楼道内充电，堵塞通道'],
  危房隐患: ['{p}老旧楼房外墙出现裂缝，墙皮脱落', '{p}阳台底板开裂露出钢筋，下方是人行通道'],
};
const GENERIC = ['{p}发现问题，居民反映强烈，请尽快处理'];
const PLACES = [
  '{c}{n}号楼东侧',
  '{c}{n}号楼单元门前',
  '{c}东门',
  '{c}南门外',
  '{c}中心广场',
  '{c}{n}号楼后身',
  '{c}菜市场旁',
];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '孙', '马', '朱', '胡', '郭'];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
];
const RESULTS = [
  '已到现场处置完毕，恢复正常',
  '已安排人员处理，现场已整改',
  '已约谈责任人，问题已解决',
  '已协调相关单位处理完成',
];

/** A limit as an approximate span: demo history reaches back before the holiday calendar's first year. */
function approxSpan(limit: TimeLimit): number {
  return limit.unit === 'work_days' ? limit.amount * 1.4 * DAY : (limit.amount / 480) * 1.4 * DAY + 2 * HOUR;
}

interface Leaf {
  code: string;
  name: string;
  department: string;
  limits: StepTimeLimits;
}
interface Grid {
  code: string;
  name: string;
  communityName: string;
  box: [number, number, number, number] | null;
}

function person(random: Random): string {
  return random.pick(SURNAMES) + random.pick(GIVEN) + (random.next() < 0.5 ? random.pick(GIVEN) : '');
}

function boxOf(boundary: unknown): Grid['box'] {
  const ring = (boundary as { coordinates?: number[][][] } | null)?.coordinates?.[0];
  if (!ring?.length) return null;
  const xs = ring.map((p) => p[0]!);
  const ys = ring.map((p) => p[1]!);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** The state an event of this age has reached, as a district's mix of recent and settled cases. */
function finalState(random: Random, ageDays: number): EventState {
  if (ageDays > 20)
    return random.weighted<EventState>([
      ['rated', 55],
      ['closed', 25],
      ['not_filed', 6],
      ['merged', 4],
      ['dispatched', 0.7],
    ]);
  if (ageDays > 3)
    return random.weighted<EventState>([
      ['rated', 30],
      ['closed', 30],
      ['handled', 6],
      ['dispatched', 20],
      ['filed', 1],
      ['reported', 1],
      ['not_filed', 6],
      ['merged', 4],
    ]);
  // Acceptance and dispatch take hours: only the last few hours' reports still wait for them.
  if (ageDays > 0.05)
    return random.weighted<EventState>([
      ['dispatched', 50],
      ['handled', 20],
      ['closed', 22],
      ['filed', 2],
      ['reported', 1],
      ['not_filed', 5],
    ]);
  return random.weighted<EventState>([
    ['reported', 50],
    ['filed', 50],
  ]);
}

/**
 * A year of grid events for the demo (issue #5 item 9): every category and state, realistic Chinese
 * descriptions, returns, extensions, failed verifications, reopenings, overdue steps and ratings,
 * each with its full workflow history. The demo accounts have their own: the demo resident's
 * reports (one closed, waiting for a rating), the demo grid member's patrol reports, 城管's cases.
 */
export async function seedDemoEvents(db: Kysely<DB>, seed: number, now = new Date()): Promise<number> {
  const random = createRandom(seed + 5);
  const categories = await db
    .selectFrom('eventCategory')
    .selectAll()
    .where('parentCode', 'is not', null)
    .where('active', '=', true)
    .orderBy('code')
    .execute();
  const leaves: Leaf[] = categories.map((c) => ({
    code: c.code,
    name: c.name,
    department: c.department!,
    limits: {
      accept: { amount: c.acceptLimit!, unit: c.acceptUnit as TimeLimit['unit'] },
      dispatch: { amount: c.dispatchLimit!, unit: c.dispatchUnit as TimeLimit['unit'] },
      handle: { amount: c.handleLimit!, unit: c.handleUnit as TimeLimit['unit'] },
      verify: { amount: c.verifyLimit!, unit: c.verifyUnit as TimeLimit['unit'] },
    },
  }));
  const departments = [...new Set(leaves.map((l) => l.department))];
  const gridRows = await db
    .selectFrom('division as g')
    .innerJoin('division as c', 'c.code', 'g.parentCode')
    .select(['g.code', 'g.name', 'g.boundary', 'c.name as communityName'])
    .where('g.level', '=', 'grid')
    .orderBy('g.code')
    .execute();
  if (leaves.length === 0 || gridRows.length === 0) return 0;
  const grids: Grid[] = gridRows.map((g) => ({
    code: g.code,
    name: g.name,
    communityName: g.communityName,
    box: boxOf(g.boundary),
  }));
  const accounts = await db
    .selectFrom('account')
    .select(['id', 'username', 'displayName'])
    .where('username', 'in', ['resident.demo', 'gridmember.220106001001001'])
    .execute();
  const demoResident = accounts.find((a) => a.username === 'resident.demo');
  const demoMember = accounts.find((a) => a.username === 'gridmember.220106001001001');
  const demoGrid = grids.find((g) => g.code === '220106001001001') ?? grids[0]!;

  const events: Insertable<GridEvent>[] = [];
  const vectors: RawBuilder<string>[] = [];
  const departmentRows: Insertable<GridEventDepartment>[] = [];
  const history: Insertable<WorkflowHistory>[] = [];
  const extensions: Insertable<DB['gridEventExtension']>[] = [];

  const plan = Array.from({ length: EVENTS }, (_, i) => {
    // The demo accounts' own cases are recent, in their grid, with the states their pages show.
    const own = i < 12;
    const ageDays = own ? 1 + i * 2.5 : 365 * random.next() ** 1.6;
    return { own, at: new Date(now.getTime() - ageDays * DAY - random.int(0, 600) * 60_000), ageDays };
  }).sort((a, b) => a.at.getTime() - b.at.getTime());
  const perDay = new Map<string, number>();
  const ownStates: EventState[] = ['closed', 'handled', 'dispatched', 'rated', 'filed', 'reported'];
  let ownIndex = 0;

  for (const p of plan) {
    const leaf = p.own ? leaves[0]! : random.pick(leaves);
    const grid = p.own ? demoGrid : random.pick(grids);
    const day = beijingDate(p.at).replaceAll('-', '');
    const serial = (perDay.get(day) ?? 0) + 1;
    perDay.set(day, serial);
    const no = `SJ${day}${String(serial).padStart(5, '0')}`;
    const id = randomUUID();
    const target = p.own ? ownStates[ownIndex++ % ownStates.length]! : finalState(random, p.ageDays);
    const byResident = p.own ? ownIndex % 2 === 1 : random.next() < 0.35;
    const source = byResident ? 'resident' : random.next() < 0.15 ? 'phone' : 'patrol';
    const reporterId = p.own ? ((byResident ? demoResident?.id : demoMember?.id) ?? null) : null;
    const reporterName = p.own
      ? ((byResident ? demoResident?.displayName : demoMember?.displayName) ?? person(random))
      : source === 'phone'
        ? `${grid.communityName}工作人员`
        : person(random);
    const place = random
      .pick(PLACES)
      .replace('{c}', grid.communityName)
      .replace('{n}', String(random.int(1, 24)));
    const description = random.pick(DESCRIPTIONS[leaf.name] ?? GENERIC).replace('{p}', place);
    const point =
      grid.box && random.next() < 0.85
        ? {
            longitude: Number((grid.box[0] + (grid.box[2] - grid.box[0]) * random.next()).toFixed(6)),
            latitude: Number((grid.box[1] + (grid.box[3] - grid.box[1]) * random.next()).toFixed(6)),
          }
        : { longitude: null, latitude: null };

    let t = p.at;
    let state: EventState = 'reported';
    let stepStart = t;
    let everOverdue = false;
    let overdueCount = 0;
    let steps = 0;
    const row: Insertable<GridEvent> = {
      id,
      no,
      divisionCode: grid.code,
      categoryCode: leaf.code,
      description,
      address: place,
      ...point,
      source,
      reporterId,
      reporterName,
      state,
      step: 'accept',
      stepStartedAt: t,
      reportedAt: t,
      createdAt: t,
    };
    const community = grid.code === demoGrid.code ? '爱民社区 李静' : `${grid.communityName}工作人员`;
    const streetName = '街道工作人员';
    const deptActor = (d: string) => `${d}部门工作人员`;
    const step = (
      action: string,
      to: EventState,
      actor: string,
      role: string,
      extra: { comment?: string; data?: unknown } = {},
    ) => {
      history.push({
        workflow: EVENT_WORKFLOW,
        entityId: id,
        action,
        fromState: action === 'report' ? '' : state,
        toState: to,
        comment: extra.comment ?? null,
        data: extra.data === undefined ? null : JSON.stringify(extra.data),
        actorId: 'demo',
        actorName: actor,
        actorRole: role,
        divisionCode: grid.code,
        at: t,
      });
      steps += 1;
      if (to !== state) stepStart = t;
      state = to;
    };
    /** Advances the clock by a step's duration; false when that moment is still to come. */
    const advance = (span: number, limit: TimeLimit | null) => {
      const next = new Date(t.getTime() + span);
      if (next.getTime() >= now.getTime()) return false;
      if (limit && span > approxSpan(limit)) {
        everOverdue = true;
        overdueCount += 1;
      }
      t = next;
      return true;
    };
    step('report', 'reported', reporterName, source === 'resident' ? 'resident' : 'grid_member', {
      data: { no, source, categoryCode: leaf.code },
    });

    const reach = (goal: EventState): boolean => goal === state;
    // Plays the case forward until it reaches its target state or the present.
    const play = (): void => {
      if (reach(target) || !advance(random.int(10, 150) * 60_000, leaf.limits.accept)) return;
      if (target === 'not_filed') {
        step('reject', 'not_filed', community, 'community_worker', {
          comment: '经核实不属于受理范围，已向居民解释',
        });
        return;
      }
      if (target === 'merged') {
        step('merge', 'merged', community, 'community_worker', { comment: '与此前上报的同一问题合并办理' });
        return;
      }
      step('file', 'filed', community, 'community_worker');
      row.filedAt = t;
      if (reach(target) || !advance(random.int(20, 200) * 60_000, leaf.limits.dispatch)) return;
      if (random.next() < 0.05) {
        const wrong = random.pick(departments.filter((d) => d !== leaf.department));
        step('dispatch', 'dispatched', streetName, 'street_staff', { data: { lead: wrong } });
        departmentRows.push({ eventId: id, department: wrong, role: 'lead', assignedAt: t });
        if (!advance(random.int(2, 30) * HOUR, null)) return;
        const reason = `该事项属于${leaf.department}部门职责`;
        step('return', 'filed', deptActor(wrong), 'department_staff', { comment: reason });
        Object.assign(departmentRows.at(-1)!, { releasedAt: t, returned: true, returnReason: reason });
        row.returnedCount = 1;
        if (!advance(random.int(20, 120) * 60_000, null)) return;
      }
      const assist =
        random.next() < 0.1 ? random.pick(departments.filter((d) => d !== leaf.department)) : null;
      step('dispatch', 'dispatched', streetName, 'street_staff', {
        data: { lead: leaf.department, ...(assist ? { assists: [assist] } : {}) },
      });
      row.dispatchedAt = t;
      row.leadDepartment = leaf.department;
      departmentRows.push({ eventId: id, department: leaf.department, role: 'lead', assignedAt: t });
      if (assist) departmentRows.push({ eventId: id, department: assist, role: 'assist', assignedAt: t });
      if (reach(target)) {
        if (random.next() < 0.08 && advance(random.int(1, 20) * HOUR, null)) {
          step('requestExtension', 'dispatched', deptActor(leaf.department), 'department_staff', {
            comment: '需协调产权单位，申请延期',
            data: { days: 3 },
          });
          extensions.push({
            id: randomUUID(),
            eventId: id,
            department: leaf.department,
            days: 3,
            reason: '需协调产权单位，申请延期',
            requestedBy: 'demo',
            requestedByName: deptActor(leaf.department),
            requestedAt: t,
          });
        }
        return;
      }
      const handle = () => {
        const limit = leaf.limits.handle;
        const ok = advance(
          approxSpan(limit) * (random.next() < 0.15 ? 1.2 + random.next() : 0.1 + 0.7 * random.next()),
          limit,
        );
        if (!ok) return false;
        const result = random.pick(RESULTS);
        step('handle', 'handled', deptActor(leaf.department), 'department_staff', { data: { result } });
        row.handledAt = t;
        row.handleResult = result;
        return true;
      };
      if (!handle()) return;
      if (reach(target)) return;
      if (random.next() < 0.08) {
        if (!advance(random.int(1, 20) * HOUR, leaf.limits.verify)) return;
        step('verifyFail', 'dispatched', `${grid.name}网格员`, 'grid_member', {
          comment: '现场复核问题仍未解决',
        });
        if (!handle()) return;
      }
      if (!advance(random.int(1, 20) * HOUR, leaf.limits.verify)) return;
      step('verifyPass', 'closed', `${grid.name}网格员`, 'grid_member');
      row.closedAt = t;
      if (reach(target) || !advance(random.int(6, 72) * HOUR, null)) return;
      let rating = random.weighted<EventRating>([
        ['satisfied', 72],
        ['basic', 18],
        ['unsatisfied', 10],
      ]);
      if (rating === 'unsatisfied') {
        step('reopen', 'dispatched', reporterName, 'resident', {
          comment: '问题没有彻底解决',
          data: { rating },
        });
        row.reopened = 1;
        if (!handle()) return;
        if (!advance(random.int(1, 20) * HOUR, leaf.limits.verify)) return;
        step('verifyPass', 'closed', `${grid.name}网格员`, 'grid_member');
        row.closedAt = t;
        if (!advance(random.int(6, 72) * HOUR, null)) return;
        rating = random.weighted<EventRating>([
          ['satisfied', 50],
          ['basic', 35],
          ['unsatisfied', 15],
        ]);
      }
      step('rate', 'rated', reporterName, 'resident', { data: { rating } });
      row.rating = rating;
      row.ratedAt = t;
    };
    play();

    // The running step's deadline, from when it started; one already past is flagged overdue.
    const current: EventStep | undefined = EVENT_STATE_STEP[state];
    row.state = state;
    row.step = current ?? null;
    row.stepStartedAt = current ? stepStart : null;
    row.dueAt = current ? new Date(stepStart.getTime() + approxSpan(leaf.limits[current])) : null;
    row.overdue = current ? row.dueAt!.getTime() < now.getTime() : false;
    if (row.overdue) {
      everOverdue = true;
      overdueCount += 1;
    }
    row.everOverdue = everOverdue;
    row.overdueCount = overdueCount;
    row.version = steps;
    row.updatedAt = t;
    events.push(row);
    vectors.push(searchVector(description, place, no, leaf.name));
  }

  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < events.length; i += BATCH)
      await trx
        .insertInto('gridEvent')
        .values(events.slice(i, i + BATCH).map((e, k) => ({ ...e, searchVector: vectors[i + k]! })))
        .execute();
    for (let i = 0; i < departmentRows.length; i += BATCH * 2)
      await trx
        .insertInto('gridEventDepartment')
        .values(departmentRows.slice(i, i + BATCH * 2))
        .execute();
    if (extensions.length > 0) await trx.insertInto('gridEventExtension').values(extensions).execute();
    for (let i = 0; i < history.length; i += BATCH * 2)
      await trx
        .insertInto('workflowHistory')
        .values(history.slice(i, i + BATCH * 2))
        .execute();
    // New reports continue each day's numbering after the demo's.
    await trx
      .insertInto('gridEventCounter')
      .values([...perDay].map(([day, last]) => ({ day, last })))
      .execute();
  });
  return events.length;
}
