import type { Locale } from './locale.ts';

/**
 * Grid rosters ("一长九员", REQUIREMENTS R1.4): per grid one leader (网格长) and members by duty.
 * Duties are data the district configures; these are the ones every installation starts with.
 * `report` duties are named by the district's report, `extra` ones are the usual additions a
 * district may rename or switch off. The leader duty is fixed: one open leader assignment per grid.
 */
export const GRID_LEADER_DUTY = 'leader';
export const GRID_MEMBER_DUTY = 'member';

export const GRID_DUTY_ORIGINS = ['report', 'extra', 'district'] as const;
export type GridDutyOrigin = (typeof GRID_DUTY_ORIGINS)[number];

export interface GridDutySeed {
  code: string;
  name: string;
  nameEn: string;
  origin: GridDutyOrigin;
}

export const GRID_DUTY_SEEDS: readonly GridDutySeed[] = [
  { code: GRID_LEADER_DUTY, name: '网格长', nameEn: 'Grid leader', origin: 'report' },
  { code: GRID_MEMBER_DUTY, name: '网格员', nameEn: 'Grid member', origin: 'report' },
  {
    code: 'security_coordinator',
    name: '综治协管员',
    nameEn: 'Public-security coordinator',
    origin: 'report',
  },
  {
    code: 'enforcement_coordinator',
    name: '综合执法协管员',
    nameEn: 'Law-enforcement coordinator',
    origin: 'report',
  },
  { code: 'police', name: '网格民警', nameEn: 'Community police officer', origin: 'extra' },
  { code: 'building_head', name: '楼栋长', nameEn: 'Building head', origin: 'extra' },
  { code: 'property_manager', name: '物业管理员', nameEn: 'Property manager', origin: 'extra' },
];

/** Duty codes are stable keys (exports, imports, reports); names are what people read. */
export const GRID_DUTY_CODE_PATTERN = '^[a-z][a-z0-9_]{1,39}$';

export const GRID_ASSIGNMENT_STATUSES = ['current', 'ended', 'all'] as const;
export type GridAssignmentStatus = (typeof GRID_ASSIGNMENT_STATUSES)[number];

export const GRID_DUTY_ORIGIN_NAMES: Record<Locale, Record<GridDutyOrigin, string>> = {
  'zh-CN': { report: '区级文件规定', extra: '常用岗位（可调整）', district: '区里新增' },
  'en-US': {
    report: 'Named by the district',
    extra: 'Common duty (configurable)',
    district: 'Added by the district',
  },
};
