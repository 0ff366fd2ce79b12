import os from 'node:os';
import { beijingToday, type ContractState, PERMISSIONS } from '@linli/common';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.gen.ts';
import { contractServices } from '../modules/funding/contracts.routes.ts';
import type { EvaluationInput } from '../modules/funding/contracts.schemas.ts';
import { FileStore } from '../platform/files.ts';
import { type Caller, SYSTEM_SCOPE } from '../platform/scope.ts';

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * The phases in the order they are given out, so that with fewer awarded projects than phases the
 * demo still shows a closed project, one under way, one suspended, one to sign and one terminated
 * (a project under way reaches final review by the organization's own request).
 */
const PHASES: ContractState[] = [
  'closed',
  'in_progress',
  'suspended',
  'draft',
  'terminated',
  'final_review',
  'signed',
];

/**
 * Contracts of the demo's awarded projects, one per phase as far as the awards go: closed after a
 * failed and a passed final evaluation, in progress after its mid-term, suspended after a failed
 * mid-term, waiting for final acceptance, still to be signed, signed, terminated. Written through
 * the services, so the fund ledger, the history and the timeline are what the app itself writes.
 */
export async function seedDemoContracts(db: Kysely<DB>): Promise<number> {
  const today = beijingToday();
  const evaluatorAccount = await db
    .selectFrom('account')
    .select(['id', 'displayName'])
    .where('username', '=', 'evaluator.demo')
    .executeTakeFirst();
  if (!evaluatorAccount) return 0;
  const district: Caller = {
    scope: SYSTEM_SCOPE,
    permissions: PERMISSIONS,
    roles: ['district_admin'],
    actor: { id: 'demo-district', name: '区民政局（演示数据）', role: 'district_admin' },
  };
  const evaluator: Caller = {
    scope: SYSTEM_SCOPE,
    permissions: ['contract:read', 'evaluation:write'],
    roles: ['evaluator'],
    actor: { id: evaluatorAccount.id, name: evaluatorAccount.displayName, role: 'evaluator' },
  };
  // The demo's evaluations carry no photos: the store below is never written to.
  const { contracts, evaluations } = contractServices(db, new FileStore(os.tmpdir(), 0));
  const awarded = await db
    .selectFrom('fundingApplication as a')
    .leftJoin('contract as k', 'k.applicationId', 'a.id')
    .select(['a.id'])
    .where('a.state', '=', 'awarded')
    .where('k.id', 'is', null)
    .orderBy('a.awardedAt')
    .orderBy('a.id')
    .execute();

  const sheet = (kind: 'mid' | 'final', pass: boolean, version: number): EvaluationInput => ({
    version,
    kind,
    indicators: [
      { name: '服务完成度', maxScore: 40, score: pass ? 36 : 20 },
      { name: '服务质量与专业性', maxScore: 30, score: pass ? 26 : 18 },
      { name: '资金使用规范', maxScore: 20, score: pass ? 18 : 12 },
      { name: '档案管理', maxScore: 10, score: pass ? 9 : 5 },
    ],
    visitedOn: today,
    visitPlace: '项目服务点（社区党群服务中心）',
    visitNotes: '查阅服务台账、签到表和活动影像资料，随机入户回访服务对象。',
    sampleAsked: 40,
    sampleSatisfied: pass ? 37 : 24,
    findings: pass
      ? '项目按计划推进，服务记录完整，居民评价较好。'
      : '服务频次未达合同约定，部分台账缺失，满意度偏低。',
    result: pass ? 'pass' : 'fail',
    ...(pass
      ? {}
      : { rectifications: [{ item: '补齐服务台账并按约定频次开展探访', dueOn: addDays(today, 20) }] }),
  });

  let count = 0;
  for (const [i, a] of awarded.entries()) {
    const phase = PHASES[i % PHASES.length]!;
    let c = await contracts.create(district, {
      applicationId: a.id,
      startsOn: addDays(today, -110),
      endsOn: addDays(today, 140),
      deliverables: '建立服务对象档案；按月开展上门服务与集体活动；提交中期和结项报告。',
      milestones: [
        { name: '服务对象建档', dueOn: addDays(today, -80) },
        { name: '中期报告', dueOn: addDays(today, -10) },
        { name: '结项报告', dueOn: addDays(today, 130) },
      ],
      evaluatorAccountId: evaluatorAccount.id,
    });
    count += 1;
    if (phase === 'draft') continue;
    c = await contracts.transition(district, c.id, { action: 'sign', version: c.version });
    if (phase === 'signed') continue;
    c = await contracts.progress(district, c.id, { action: 'start', version: c.version });
    if (phase === 'terminated') {
      c = await evaluations.submit(evaluator, c.id, sheet('mid', false, c.version));
      await contracts.transition(district, c.id, {
        action: 'terminate',
        version: c.version,
        comment: '整改期满仍未达到合同约定，经研究终止合同',
      });
      continue;
    }
    if (phase === 'suspended') {
      await evaluations.submit(evaluator, c.id, sheet('mid', false, c.version));
      continue;
    }
    c = await evaluations.submit(evaluator, c.id, sheet('mid', true, c.version));
    if (phase === 'in_progress') continue;
    c = await contracts.progress(district, c.id, { action: 'request_final', version: c.version });
    if (phase === 'final_review') continue;
    c = await evaluations.submit(evaluator, c.id, sheet('final', false, c.version));
    c = await evaluations.reportRectification(district, c.id, c.rectifications[0]!.id, {
      version: c.version,
      report: '已补齐台账，补充开展探访 12 次，社区已确认。',
    });
    await evaluations.submit(evaluator, c.id, sheet('final', true, c.version));
  }
  return count;
}
