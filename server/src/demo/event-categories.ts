import type { StepTimeLimits, TimeLimit } from '@linli/common';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.gen.ts';

/**
 * The demo's event-category tree (issue #5 item 2): the classes a district's grid events fall into,
 * each subclass with the department that must act (the text code of department grants, as the demo
 * account 区城管局 carries '城管') and step limits in the style of the urban-management standards —
 * 受理 and 派遣 in working minutes, 处置 by the nature of the job (a stall in the road within hours,
 * an illegal building within 15 working days), 核查 by the grid member within a working day.
 */
const min = (amount: number): TimeLimit => ({ amount, unit: 'work_minutes' });
const days = (amount: number): TimeLimit => ({ amount, unit: 'work_days' });
const limits = (handle: TimeLimit, verify: TimeLimit = days(1)): StepTimeLimits => ({
  accept: min(30),
  dispatch: min(60),
  handle,
  verify,
});

interface DemoClass {
  code: string;
  name: string;
  nameEn: string;
  children: Array<{ name: string; nameEn: string; department: string; limits: StepTimeLimits }>;
}

export const DEMO_EVENT_CATEGORIES: readonly DemoClass[] = [
  {
    code: '01',
    name: '城市管理',
    nameEn: 'City management',
    children: [
      {
        name: '道路破损/坑洼',
        nameEn: 'Damaged road / pothole',
        department: '城管',
        limits: limits(days(5)),
      },
      {
        name: '占道经营',
        nameEn: 'Street stall blocking the road',
        department: '城管',
        limits: limits(min(120), min(120)),
      },
      {
        name: '违章搭建',
        nameEn: 'Illegal construction',
        department: '城管',
        limits: limits(days(15), days(2)),
      },
      { name: '暴露垃圾', nameEn: 'Exposed rubbish', department: '城管', limits: limits(days(1), min(240)) },
      { name: '路灯损坏', nameEn: 'Broken street light', department: '城管', limits: limits(days(3)) },
      {
        name: '井盖缺失/破损',
        nameEn: 'Missing or broken manhole cover',
        department: '住建',
        limits: limits(min(240), min(120)),
      },
    ],
  },
  {
    code: '02',
    name: '社会治安',
    nameEn: 'Public security',
    children: [
      { name: '治安隐患', nameEn: 'Public-order hazard', department: '公安', limits: limits(days(1)) },
      { name: '群租房隐患', nameEn: 'Overcrowded rental flat', department: '公安', limits: limits(days(5)) },
      {
        name: '流浪乞讨人员',
        nameEn: 'Homeless person in need',
        department: '民政',
        limits: limits(min(240), min(240)),
      },
    ],
  },
  {
    code: '03',
    name: '矛盾纠纷',
    nameEn: 'Disputes',
    children: [
      { name: '邻里纠纷', nameEn: 'Neighbour dispute', department: '司法', limits: limits(days(5), days(2)) },
      {
        name: '物业纠纷',
        nameEn: 'Property-management dispute',
        department: '住建',
        limits: limits(days(10), days(2)),
      },
      { name: '劳资纠纷', nameEn: 'Unpaid wages', department: '人社', limits: limits(days(10), days(2)) },
      { name: '家庭纠纷', nameEn: 'Family dispute', department: '司法', limits: limits(days(5), days(2)) },
    ],
  },
  {
    code: '04',
    name: '民生服务',
    nameEn: 'Public services',
    children: [
      {
        name: '噪音扰民',
        nameEn: 'Noise nuisance',
        department: '生态环境',
        limits: limits(min(240), min(240)),
      },
      { name: '供暖不热', nameEn: 'Insufficient heating', department: '住建', limits: limits(days(1)) },
      { name: '停水/供水问题', nameEn: 'Water supply problem', department: '水务', limits: limits(days(1)) },
      {
        name: '困难群众救助',
        nameEn: 'Assistance for people in hardship',
        department: '民政',
        limits: limits(days(10), days(3)),
      },
      {
        name: '养老服务需求',
        nameEn: 'Elderly-care request',
        department: '民政',
        limits: limits(days(5), days(2)),
      },
    ],
  },
  {
    code: '05',
    name: '安全隐患',
    nameEn: 'Safety hazards',
    children: [
      {
        name: '消防通道堵塞',
        nameEn: 'Blocked fire lane',
        department: '消防',
        limits: limits(min(240), min(120)),
      },
      { name: '燃气安全隐患', nameEn: 'Gas hazard', department: '住建', limits: limits(min(120), min(120)) },
      {
        name: '电动车违规充电',
        nameEn: 'E-bike charged indoors',
        department: '消防',
        limits: limits(days(1)),
      },
      {
        name: '危房隐患',
        nameEn: 'Dangerous building',
        department: '住建',
        limits: limits(days(3), days(1)),
      },
    ],
  },
];

export async function seedDemoEventCategories(db: Kysely<DB>): Promise<number> {
  const rows = DEMO_EVENT_CATEGORIES.flatMap((c, ci) => [
    {
      code: c.code,
      parentCode: null,
      name: c.name,
      nameEn: c.nameEn,
      department: null,
      sortOrder: (ci + 1) * 10,
    },
    ...c.children.map((s, si) => ({
      code: `${c.code}${String(si + 1).padStart(2, '0')}`,
      parentCode: c.code,
      name: s.name,
      nameEn: s.nameEn,
      department: s.department,
      sortOrder: (si + 1) * 10,
      acceptLimit: s.limits.accept.amount,
      acceptUnit: s.limits.accept.unit,
      dispatchLimit: s.limits.dispatch.amount,
      dispatchUnit: s.limits.dispatch.unit,
      handleLimit: s.limits.handle.amount,
      handleUnit: s.limits.handle.unit,
      verifyLimit: s.limits.verify.amount,
      verifyUnit: s.limits.verify.unit,
    })),
  ]);
  await db.insertInto('eventCategory').values(rows).execute();
  return rows.length;
}
