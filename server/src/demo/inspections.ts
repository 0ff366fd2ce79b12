import { beijingToday, type OrganizationGrade, REGISTERED_KINDS } from '@linli/common';
import { type Insertable, type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.gen.ts';
import type { InspectionResult } from '../modules/inspections/inspections.schemas.ts';
import { simplifiedFor } from '../modules/inspections/inspections.service.ts';
import { REVIEW } from '../modules/inspections/inspections.workflow.ts';
import { createRandom, type Random } from './random.ts';

/** Lüyuan's threshold (R4.4); the server's is configuration, the demo records use the local rule. */
const DEMO_SIMPLIFIED_GRADE: OrganizationGrade = '3A';
const YEARS = 5;
const INSPECTORS = [
  '区民政局社会组织管理科 张伟',
  '区民政局社会组织管理科 刘丽',
  '区民政局社会组织管理科 孙明',
];

const FINDINGS: Record<InspectionResult, readonly string[]> = {
  qualified: [
    '年度工作报告、财务会计报告齐全，按章程开展业务活动',
    '内部治理规范，按期召开理事会，财务收支合规',
    '年检材料齐全，活动开展正常，未发现违规情况',
    '按时报送年检材料，党建工作和业务活动开展良好',
  ],
  basically_qualified: [
    '财务会计报告未经审计，限期补充审计报告',
    '理事会未按章程规定按期换届，责令限期整改',
    '年度业务活动较少，建议加强公益服务项目',
    '部分票据不规范，限期规范财务管理',
  ],
  unqualified: [
    '未按规定报送财务审计报告，年度内未开展业务活动',
    '擅自变更住所未办理变更登记，责令限期整改',
    '财务管理混乱，存在未入账收支，移交执法检查',
  ],
};

const RETURN_REASONS = ['财务会计报告缺少审计意见页，请补充后重新报送', '年度工作报告未加盖公章，请补正'];

function dayIn(rnd: Random, from: string, days: number): string {
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + rnd.int(0, days));
  return d.toISOString().slice(0, 10);
}

/**
 * Five years of annual inspections (the last five complete years before the current Beijing
 * year) for the registered organizations: mostly 合格, some 基本合格 and 不合格 with findings; in
 * the last year a few still awaiting review, two returned for correction and some not submitted at
 * all — overdue once the deadline has passed.
 */
export async function seedDemoInspections(
  db: Kysely<DB>,
  seed: number,
  today = beijingToday(),
): Promise<{ inspections: number; missingLastYear: number }> {
  const rnd = createRandom(seed ^ 0x1a5);
  const lastYear = Number(today.slice(0, 4)) - 1;
  const orgs = await db
    .selectFrom('organization')
    .select(['id', 'grade', 'divisionCode', sql<string | null>`registered_on::text`.as('registeredOn')])
    .where('kind', 'in', REGISTERED_KINDS)
    .where('state', 'in', ['active', 'suspended'])
    .orderBy('id')
    .execute();
  const inspections: Insertable<DB['inspection']>[] = [];
  const history: Insertable<DB['workflowHistory']>[] = [];
  let missingLastYear = 0;
  let returned = 0;
  for (const org of orgs) {
    for (let year = lastYear - YEARS + 1; year <= lastYear; year++) {
      // Registered in the last six months of a year: that year is skipped (民政部令第27号).
      if (org.registeredOn && org.registeredOn > `${year}-06-30`) continue;
      const last = year === lastYear;
      if (last && rnd.next() < 0.07) {
        missingLastYear++;
        continue;
      }
      const id = `insp-${org.id}-${year}`;
      const submittedOn = dayIn(rnd, `${year + 1}-03-01`, 88);
      const pending = last && rnd.next() < 0.1;
      const isReturned = pending && returned < RETURN_REASONS.length;
      if (isReturned) returned++;
      const result: InspectionResult = rnd.weighted([
        ['qualified', 80],
        ['basically_qualified', 14],
        ['unqualified', 6],
      ] as const);
      const inspector = rnd.pick(INSPECTORS);
      const reviewedOn = dayIn(rnd, submittedOn, 40);
      inspections.push({
        id,
        organizationId: org.id,
        year,
        state: pending ? (isReturned ? 'returned' : 'submitted') : 'reviewed',
        submittedOn,
        reportSummary: `${year} 年度工作报告、财务会计报告及登记证书副本`,
        simplified: simplifiedFor(org.grade, DEMO_SIMPLIFIED_GRADE),
        gradeAtSubmission: org.grade,
        result: pending ? null : result,
        findings: pending ? null : rnd.pick(FINDINGS[result]),
        inspectorId: pending ? null : 'demo-admin',
        inspectorName: pending ? null : inspector,
        reviewedOn: pending ? null : reviewedOn,
        version: pending && !isReturned ? 1 : 2,
      });
      if (pending && !isReturned) continue;
      history.push({
        workflow: REVIEW,
        entityId: id,
        action: isReturned ? 'return' : 'review',
        fromState: 'submitted',
        toState: isReturned ? 'returned' : 'reviewed',
        comment: isReturned ? RETURN_REASONS[returned - 1] : null,
        data: isReturned ? null : JSON.stringify({ result }),
        actorId: 'demo-admin',
        actorName: inspector,
        actorRole: 'district_admin',
        divisionCode: org.divisionCode,
        at: new Date(`${reviewedOn}T10:00:00+08:00`),
      });
    }
  }
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < inspections.length; i += 200)
      await trx
        .insertInto('inspection')
        .values(inspections.slice(i, i + 200))
        .execute();
    for (let i = 0; i < history.length; i += 200)
      await trx
        .insertInto('workflowHistory')
        .values(history.slice(i, i + 200))
        .execute();
  });
  return { inspections: inspections.length, missingLastYear };
}
