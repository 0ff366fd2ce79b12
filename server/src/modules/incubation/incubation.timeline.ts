import {
  INCUBATION_ACTION_NAMES,
  INCUBATION_BASE_NAMES,
  INCUBATION_SERVICE_TYPE_NAMES,
  type IncubationAction,
  type IncubationServiceType,
  interpolate,
  type Locale,
} from '@linli/common';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import type { TimelineEntry, TimelineSource } from '../organizations/organizations.timeline.ts';
import { STAGES } from './incubation.workflow.ts';

/** A day-precise record at 00:00 Beijing time, as the timeline's UTC text. */
const dayAt = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();

const TEXT: Record<
  Locale,
  { applied: string; milestone: string; service: string; hours: string; amount: string }
> = {
  'zh-CN': {
    applied: '向{branch}提交入孵申请',
    milestone: '完成孵化里程碑：{title}',
    service: '孵化基地服务：{type}',
    hours: '{hours} 小时',
    amount: '{yuan} 元',
  },
  'en-US': {
    applied: 'Applied for incubation at {branch}',
    milestone: 'Incubation milestone done: {title}',
    service: 'Incubation service: {type}',
    hours: '{hours} h',
    amount: '¥{yuan}',
  },
};

/**
 * The incubation base's entries on an organization's timeline: each application, each stage change,
 * each milestone done and each service received (issue #4 items 4 and 7).
 */
export const incubationTimeline: TimelineSource = async (db: Kysely<DB>, organizationId, locale) => {
  const text = TEXT[locale];
  const [applications, stages, milestones, services] = await Promise.all([
    db
      .selectFrom('incubation as i')
      .leftJoin('division as b', 'b.code', 'i.branchCode')
      .select([
        'i.applicantName',
        'i.purpose',
        'b.name as branchName',
        sql<string>`i.applied_on::text`.as('appliedOn'),
      ])
      .where('i.organizationId', '=', organizationId)
      .execute(),
    db
      .selectFrom('workflowHistory as h')
      .innerJoin('incubation as i', 'i.id', 'h.entityId')
      .select(['h.action', 'h.comment', 'h.actorName', 'h.at'])
      .where('h.workflow', '=', STAGES)
      .where('i.organizationId', '=', organizationId)
      .execute(),
    db
      .selectFrom('incubationMilestone as m')
      .innerJoin('incubation as i', 'i.id', 'm.incubationId')
      .select(['m.title', sql<string>`m.done_on::text`.as('doneOn')])
      .where('i.organizationId', '=', organizationId)
      .where('m.doneOn', 'is not', null)
      .execute(),
    db
      .selectFrom('incubationService as s')
      .innerJoin('incubation as i', 'i.id', 's.incubationId')
      .select([
        's.type',
        sql<string>`s.served_on::text`.as('servedOn'),
        sql<number | null>`s.hours::float8`.as('hours'),
        's.amountFen',
        's.note',
      ])
      .where('i.organizationId', '=', organizationId)
      .execute(),
  ]);
  const entries: TimelineEntry[] = [
    ...applications.map((a) => ({
      at: dayAt(a.appliedOn),
      kind: 'incubation' as const,
      title: interpolate(text.applied, { branch: a.branchName ?? INCUBATION_BASE_NAMES[locale] }),
      detail: a.purpose,
      actorName: a.applicantName,
    })),
    ...stages.map((h) => ({
      at: h.at.toISOString(),
      kind: 'incubation' as const,
      title: INCUBATION_ACTION_NAMES[locale][h.action as IncubationAction] ?? h.action,
      detail: h.comment,
      actorName: h.actorName,
    })),
    ...milestones.map((m) => ({
      at: dayAt(m.doneOn),
      kind: 'incubation' as const,
      title: interpolate(text.milestone, { title: m.title }),
      detail: null,
      actorName: null,
    })),
    ...services.map((s) => {
      const measure = [
        s.hours === null ? null : interpolate(text.hours, { hours: Number(s.hours) }),
        s.amountFen === null
          ? null
          : interpolate(text.amount, { yuan: (Number(s.amountFen) / 100).toFixed(2) }),
        s.note,
      ].filter((x) => x);
      return {
        at: dayAt(s.servedOn),
        kind: 'incubation' as const,
        title: interpolate(text.service, {
          type: INCUBATION_SERVICE_TYPE_NAMES[locale][s.type as IncubationServiceType] ?? s.type,
        }),
        detail: measure.length > 0 ? measure.join('；') : null,
        actorName: null,
      };
    }),
  ];
  return entries;
};
