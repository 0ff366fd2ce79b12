import {
  type IncubationNeed,
  type IncubationServiceType,
  type IncubationState,
  incubationClassOf,
} from '@linli/common';
import type { Insertable, Kysely } from 'kysely';
import type {
  DB,
  Incubation,
  IncubationMentor,
  IncubationMilestone,
  IncubationService,
  WorkflowHistory,
} from '../db/schema.gen.ts';
import { DEMO_ACCOUNTS } from './accounts.ts';
import { createRandom, type Random } from './random.ts';

/**
 * The incubation base's demo (R2.2): records in every stage across the district's organizations,
 * intake at the base and at street branches, and plans with mentors, milestones and services.
 * Same seed, same base.
 */
export const DEMO_INCUBATION_STAGES: Record<IncubationState, number> = {
  applied: 8,
  admitted: 4,
  rejected: 3,
  incubating: 12,
  graduated: 6,
  exited: 3,
};

const OPERATOR = DEMO_ACCOUNTS.find((a) => a.role === 'incubator_operator')!;
/** The social-organization account's own organization stays free to apply in the demo. */
const DEMO_ORG_ID = DEMO_ACCOUNTS.find((a) => a.role === 'social_org')?.organizationId ?? 'demo-org';
/** The demo's "today": stage dates count back from it, so the demo is the same whenever it is loaded. */
const ANCHOR = Date.UTC(2026, 10, 20);
const DAY = 86_400_000;

const MENTORS: ReadonlyArray<readonly [string, string]> = [
  ['王立新', '社会工作督导'],
  ['刘海燕', '项目设计与评估'],
  ['陈志强', '财务管理与税务'],
  ['赵雅琴', '志愿者管理'],
  ['孙国华', '养老服务标准化'],
  ['周丽', '儿童社会工作'],
  ['吴建军', '社会组织登记与章程'],
  ['郑晓梅', '公益传播'],
  ['高明', '资源链接与筹款'],
];

const MILESTONES = [
  '制定组织章程和内部管理制度',
  '完成负责人及骨干能力培训',
  '设计并试运行一个社区服务项目',
  '建立财务台账和项目档案',
  '组建稳定的志愿者队伍',
  '申报一个公益创投或政府购买项目',
  '完成登记或备案材料准备',
];

const SERVICE_NOTES: Record<IncubationServiceType, readonly string[]> = {
  training: ['项目设计培训', '财务管理培训', '志愿者管理培训', '政策解读培训'],
  venue: ['孵化基地共享办公工位', '活动室使用', '会议室使用'],
  funding: ['对接公益创投项目', '对接爱心企业捐赠', '对接街道购买服务'],
  mentoring: ['导师一对一督导', '项目实施现场督导'],
  other: ['协助办理银行开户', '宣传推介'],
};

const PURPOSES: Record<string, readonly string[]> = {
  service: ['为辖区老人、儿童和困难群体提供日常照料、陪伴和专业服务', '开展助老助残、儿童托管等社区服务'],
  public_welfare: ['组织居民开展公益互助和困难帮扶', '开展环境保护、志愿服务等社区公益活动'],
  activity: ['组织居民开展文体活动，丰富社区文化生活', '开展科普、书画、健身等兴趣活动'],
};

const REJECT_REASONS = [
  '成员不足 3 人，暂无固定负责人，建议先在社区备案后再申请',
  '服务内容与孵化方向不符，建议转介文体协会',
];
const EXIT_REASONS = ['负责人变动，组织暂停活动，本组织申请退出', '连续 3 个月未参加孵化活动，经评估退出'];

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** A stage change during the working day, Beijing time. */
const at = (day: string, rnd: Random) =>
  new Date(
    `${day}T${String(rnd.int(9, 16)).padStart(2, '0')}:${String(rnd.int(0, 59)).padStart(2, '0')}:00+08:00`,
  );

interface Candidate {
  id: string;
  kind: string;
  state: string;
  category: string;
  fields: string[];
  divisionCode: string;
}

export async function seedDemoIncubations(db: Kysely<DB>, seed: number): Promise<number> {
  const rnd = createRandom(seed ^ 0x1ac0);
  const operator = await db
    .selectFrom('account')
    .select(['id', 'displayName'])
    .where('username', '=', OPERATOR.username)
    .executeTakeFirst();
  const actor = {
    actorId: operator?.id ?? 'system',
    actorName: operator?.displayName ?? OPERATOR.displayName,
    actorRole: 'incubator_operator',
  };
  const orgs: Candidate[] = await db
    .selectFrom('organization')
    .select(['id', 'kind', 'state', 'category', 'fields', 'divisionCode'])
    .where('id', '!=', DEMO_ORG_ID)
    .orderBy('id')
    .execute();
  // Pre-registration groups awaiting review apply too; otherwise community organizations mostly,
  // and a few young registered service agencies.
  const pending = orgs.filter((o) => o.state === 'applied');
  const community = orgs.filter((o) => o.state === 'active' && o.kind === 'community_org');
  const agencies = orgs.filter((o) => o.state === 'active' && o.kind === 'private_non_enterprise');
  const take = (pool: Candidate[]) => pool.splice(rnd.int(0, pool.length - 1), 1)[0]!;

  const incubations: Insertable<Incubation>[] = [];
  const history: Insertable<WorkflowHistory>[] = [];
  const mentors: Insertable<IncubationMentor>[] = [];
  const milestones: Insertable<IncubationMilestone>[] = [];
  const services: Insertable<IncubationService>[] = [];
  let n = 0;
  for (const [state, count] of Object.entries(DEMO_INCUBATION_STAGES) as Array<[IncubationState, number]>) {
    for (let k = 0; k < count; k++) {
      const org =
        state === 'applied' && pending.length > 0
          ? take(pending)
          : rnd.next() < 0.2 && agencies.length > 0
            ? take(agencies)
            : take(community);
      n++;
      const id = `demo-incubation-${String(n).padStart(3, '0')}`;
      const priorityClass = incubationClassOf(org.category, org.fields);
      // How long ago it applied: open applications recently, finished ones a year or more back.
      const ago =
        state === 'applied'
          ? rnd.int(3, 60)
          : state === 'admitted' || state === 'rejected'
            ? rnd.int(30, 90)
            : state === 'incubating'
              ? rnd.int(120, 330)
              : rnd.int(400, 700);
      const appliedMs = ANCHOR - ago * DAY;
      const admittedMs = appliedMs + rnd.int(7, 21) * DAY;
      const startedMs = admittedMs + rnd.int(5, 14) * DAY;
      const endedMs =
        state === 'rejected'
          ? admittedMs
          : state === 'exited'
            ? startedMs + rnd.int(60, 150) * DAY
            : startedMs + rnd.int(240, 330) * DAY;
      const reached = {
        admitted: ['admitted', 'incubating', 'graduated', 'exited'].includes(state),
        started: ['incubating', 'graduated', 'exited'].includes(state),
        ended: ['rejected', 'graduated', 'exited'].includes(state),
      };
      const needs = (
        ['venue', 'training', 'funding', 'mentoring', 'registration'] as IncubationNeed[]
      ).filter((need) => (need === 'registration' ? org.state === 'applied' : rnd.next() < 0.5));
      let steps = 0;
      const step = (action: string, from: string, to: string, ms: number, comment: string | null = null) => {
        steps++;
        history.push({
          workflow: 'incubation.stage',
          entityId: id,
          action,
          fromState: from,
          toState: to,
          comment,
          ...actor,
          divisionCode: org.divisionCode,
          at: at(iso(ms), rnd),
        });
      };
      if (state === 'rejected') step('reject', 'applied', 'rejected', endedMs, rnd.pick(REJECT_REASONS));
      if (reached.admitted) step('admit', 'applied', 'admitted', admittedMs);
      if (reached.started) step('start', 'admitted', 'incubating', startedMs);
      if (state === 'graduated') step('graduate', 'incubating', 'graduated', endedMs);
      if (state === 'exited') step('exit', 'incubating', 'exited', endedMs, rnd.pick(EXIT_REASONS));

      incubations.push({
        id,
        organizationId: org.id,
        branchCode: rnd.next() < 0.7 ? org.divisionCode.slice(0, 9) : null,
        state,
        priorityClass,
        applicantName: `${rnd.pick(['张', '王', '李', '刘', '陈', '杨', '赵', '黄'])}${rnd.pick(['秀兰', '建国', '桂英', '志刚', '丽华', '国强', '淑珍', '海涛'])}`,
        purpose: rnd.pick(PURPOSES[priorityClass]!),
        needs: needs.length > 0 ? needs : ['training'],
        needsNote: null,
        appliedOn: iso(appliedMs),
        admittedOn: reached.admitted ? iso(admittedMs) : null,
        startedOn: reached.started ? iso(startedMs) : null,
        endedOn: reached.ended ? iso(endedMs) : null,
        version: 1 + steps,
        createdAt: new Date(appliedMs),
        updatedAt: new Date(
          reached.ended ? endedMs : reached.started ? startedMs : reached.admitted ? admittedMs : appliedMs,
        ),
      });
      if (!reached.started) continue;
      const until = state === 'incubating' ? ANCHOR : endedMs;
      const mentorCount = rnd.int(1, 2);
      const firstMentor = rnd.int(0, MENTORS.length - 1);
      for (let m = 0; m < mentorCount; m++) {
        const [name, expertise] = MENTORS[(firstMentor + m) % MENTORS.length]!;
        mentors.push({ incubationId: id, position: m, name, expertise });
      }
      const milestoneCount = rnd.int(3, 4);
      const firstMilestone = rnd.int(0, MILESTONES.length - 1);
      for (let m = 0; m < milestoneCount; m++) {
        const dueMs = startedMs + (m + 1) * rnd.int(45, 75) * DAY;
        // A graduate has done everything; the others what fell due before today (or before leaving).
        const done = state === 'graduated' || (dueMs < until && rnd.next() < 0.8);
        const doneMs = Math.min(dueMs - rnd.int(0, 20) * DAY, until);
        milestones.push({
          incubationId: id,
          position: m,
          title: MILESTONES[(firstMilestone + m) % MILESTONES.length]!,
          dueOn: iso(dueMs),
          doneOn: done ? iso(Math.max(doneMs, startedMs)) : null,
        });
      }
      const serviceCount = rnd.int(2, 5);
      for (let s = 0; s < serviceCount; s++) {
        const type = rnd.weighted<IncubationServiceType>([
          ['training', 4],
          ['mentoring', 3],
          ['venue', 2],
          ['funding', 2],
          ['other', 1],
        ]);
        const servedMs = startedMs + Math.floor(((until - startedMs) * (s + 0.5)) / serviceCount);
        services.push({
          incubationId: id,
          position: s,
          type,
          servedOn: iso(servedMs),
          hours: type === 'funding' ? null : rnd.int(1, 8),
          amountFen: type === 'funding' ? rnd.int(5, 50) * 100_000 : null,
          note: rnd.pick(SERVICE_NOTES[type]),
        });
      }
    }
  }
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('incubation').values(incubations).execute();
    await trx.insertInto('workflowHistory').values(history).execute();
    await trx.insertInto('incubationMentor').values(mentors).execute();
    await trx.insertInto('incubationMilestone').values(milestones).execute();
    await trx.insertInto('incubationService').values(services).execute();
  });
  return incubations.length;
}
