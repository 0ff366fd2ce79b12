import type { Locale } from '@linli/common';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';

/** Where an entry of an organization's timeline comes from (item 7 of issue #4; later modules add theirs). */
export const TIMELINE_KINDS = [
  'lifecycle',
  'record',
  'filing',
  'inspection',
  'incubation',
  'federation',
  'project',
  'evaluation',
  'activity',
  'grading',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** One thing that happened to an organization, already worded for the reader's locale. */
export interface TimelineEntry {
  /** `Date#toISOString()` (UTC, so entries sort as text); a day-precise record at 00:00 Beijing time. */
  at: string;
  kind: TimelineKind;
  title: string;
  detail: string | null;
  actorName: string | null;
}

/**
 * A module's contribution to the timeline: every entry it holds for one organization. The caller's
 * right to see the organization is checked before any source runs, so a source reads by id only.
 */
export type TimelineSource = (
  db: Kysely<DB>,
  organizationId: string,
  locale: Locale,
) => Promise<TimelineEntry[]>;

/** All sources' entries for one organization, newest first; equal times keep the sources' order. */
export async function collectTimeline(
  db: Kysely<DB>,
  sources: readonly TimelineSource[],
  organizationId: string,
  locale: Locale,
): Promise<TimelineEntry[]> {
  const lists = await Promise.all(sources.map((source) => source(db, organizationId, locale)));
  return lists.flat().sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/** Beijing midnight of a calendar date, as the timeline's UTC text. */
export function beijingDayStart(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString();
}

const FIELD_NAMES: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    name: '名称',
    uscc: '统一社会信用代码',
    registrationAuthority: '登记管理机关',
    registeredOn: '登记日期',
    filedOn: '备案日期',
    legalRepName: '法定代表人/负责人',
    contactPhone: '联系电话',
    address: '地址',
    divisionCode: '所属区划',
    fields: '服务领域',
    category: '类别',
    serviceArea: '服务范围',
    staffCount: '专职人员数',
    volunteerCount: '志愿者数',
    venue: '场地',
    grade: '评估等级',
    tags: '标签',
    fromOutside: '域外',
    description: '简介',
  },
  'en-US': {
    name: 'name',
    uscc: 'credit code',
    registrationAuthority: 'registration authority',
    registeredOn: 'registration date',
    filedOn: 'filing date',
    legalRepName: 'legal representative',
    contactPhone: 'contact phone',
    address: 'address',
    divisionCode: 'division',
    fields: 'fields',
    category: 'category',
    serviceArea: 'service area',
    staffCount: 'staff',
    volunteerCount: 'volunteers',
    venue: 'venue',
    grade: 'grade',
    tags: 'tags',
    fromOutside: 'from outside the district',
    description: 'description',
  },
};

type RecordTextKey =
  | 'organization.create'
  | 'organization.update'
  | 'organization.verifyUscc'
  | 'registered'
  | 'filed'
  | 'changed'
  | 'separator';

const RECORD_TEXT: Record<Locale, Record<RecordTextKey, string>> = {
  'zh-CN': {
    'organization.create': '录入名录',
    'organization.update': '修改信息',
    'organization.verifyUscc': '人工核验统一社会信用代码',
    registered: '登记成立',
    filed: '备案',
    changed: '修改了：',
    separator: '、',
  },
  'en-US': {
    'organization.create': 'Entered in the registry',
    'organization.update': 'Details changed',
    'organization.verifyUscc': 'Credit code verified by hand',
    registered: 'Registered',
    filed: 'Filed',
    changed: 'Changed: ',
    separator: ', ',
  },
};

/**
 * The registry's own part of the timeline: lifecycle transitions (workflow history), record changes
 * (the audit log, while it is kept — see the retention job), and the registration or filing date of
 * records that came in already registered (imported or demo data carry the date, not a transition).
 */
export function registryTimeline(lifecycle: string, actionName: (action: string, locale: Locale) => string) {
  return async (db: Kysely<DB>, organizationId: string, locale: Locale): Promise<TimelineEntry[]> => {
    const text = RECORD_TEXT[locale];
    const [history, audit, row] = await Promise.all([
      db
        .selectFrom('workflowHistory')
        .select(['action', 'comment', 'actorName', 'onBehalfName', 'at'])
        .where('workflow', '=', lifecycle)
        .where('entityId', '=', organizationId)
        .execute(),
      db
        .selectFrom('auditLog')
        .select(['action', 'after', 'actorName', 'onBehalfName', 'at'])
        .where('entityType', '=', 'organization')
        .where('entityId', '=', organizationId)
        .where('action', 'in', ['organization.create', 'organization.update', 'organization.verifyUscc'])
        .where('success', '=', true)
        .execute(),
      db
        .selectFrom('organization')
        .select([
          sql<string | null>`registered_on::text`.as('registeredOn'),
          sql<string | null>`filed_on::text`.as('filedOn'),
        ])
        .where('id', '=', organizationId)
        .executeTakeFirst(),
    ]);
    const by = (actor: string | null, onBehalf: string | null) =>
      actor && onBehalf ? `${actor}（代 ${onBehalf}）` : actor;
    const entries: TimelineEntry[] = history.map((h) => ({
      at: h.at.toISOString(),
      kind: 'lifecycle',
      title: actionName(h.action, locale),
      detail: h.comment,
      actorName: by(h.actorName, h.onBehalfName),
    }));
    for (const a of audit) {
      const changed =
        a.action === 'organization.update' && a.after && typeof a.after === 'object'
          ? Object.keys(a.after).map((key) => FIELD_NAMES[locale][key] ?? key)
          : [];
      entries.push({
        at: a.at.toISOString(),
        kind: 'record',
        title: text[a.action as RecordTextKey] ?? a.action,
        detail: changed.length ? `${text.changed}${changed.join(text.separator)}` : null,
        actorName: by(a.actorName, a.onBehalfName),
      });
    }
    const granted = new Set(history.map((h) => h.action));
    if (row?.registeredOn && !granted.has('register'))
      entries.push({
        at: beijingDayStart(row.registeredOn),
        kind: 'lifecycle',
        title: text.registered,
        detail: null,
        actorName: null,
      });
    if (row?.filedOn && !granted.has('approveFiling'))
      entries.push({
        at: beijingDayStart(row.filedOn),
        kind: 'lifecycle',
        title: text.filed,
        detail: null,
        actorName: null,
      });
    return entries;
  };
}
