import type { Locale } from '@linli/common';
import { sql } from 'kysely';
import type { TimelineEntry, TimelineSource } from '../organizations/organizations.timeline.ts';
import { INSPECTION_RESULT_NAMES, type InspectionResult } from './inspections.schemas.ts';
import { REVIEW } from './inspections.workflow.ts';

/** A calendar day as the instant it began in Beijing. */
const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`).toISOString();

const TEXT: Record<
  Locale,
  {
    submitted: (year: number, simplified: boolean) => string;
    reviewed: (year: number, result: string) => string;
    returned: (year: number) => string;
  }
> = {
  'zh-CN': {
    submitted: (year, simplified) => `报送 ${year} 年度年检报告${simplified ? '（简化年检）' : ''}`,
    reviewed: (year, result) => `${year} 年度年检结论：${result}`,
    returned: (year) => `${year} 年度年检退回补正`,
  },
  'en-US': {
    submitted: (year, simplified) =>
      `Submitted the ${year} annual inspection report${simplified ? ' (simplified)' : ''}`,
    reviewed: (year, result) => `${year} annual inspection: ${result}`,
    returned: (year) => `${year} annual inspection returned for correction`,
  },
};

/** An organization's annual inspections: each report, each return for correction, each result. */
export const inspectionTimeline: TimelineSource = async (db, organizationId, locale) => {
  const text = TEXT[locale];
  const [records, returns] = await Promise.all([
    db
      .selectFrom('inspection')
      .select([
        'year',
        'simplified',
        'result',
        'findings',
        'inspectorName',
        sql<string>`submitted_on::text`.as('submittedOn'),
        sql<string | null>`reviewed_on::text`.as('reviewedOn'),
      ])
      .where('organizationId', '=', organizationId)
      .execute(),
    db
      .selectFrom('workflowHistory as h')
      .innerJoin('inspection as i', 'i.id', 'h.entityId')
      .select(['i.year', 'h.comment', 'h.actorName', 'h.at'])
      .where('h.workflow', '=', REVIEW)
      .where('h.action', '=', 'return')
      .where('i.organizationId', '=', organizationId)
      .execute(),
  ]);
  const entries: TimelineEntry[] = [];
  for (const r of records) {
    entries.push({
      at: dayStart(r.submittedOn),
      kind: 'inspection',
      title: text.submitted(r.year, r.simplified),
      detail: null,
      actorName: null,
    });
    if (r.result && r.reviewedOn)
      entries.push({
        at: dayStart(r.reviewedOn),
        kind: 'inspection',
        title: text.reviewed(
          r.year,
          INSPECTION_RESULT_NAMES[locale][r.result as InspectionResult] ?? r.result,
        ),
        detail: r.findings,
        actorName: r.inspectorName,
      });
  }
  for (const h of returns)
    entries.push({
      at: h.at.toISOString(),
      kind: 'inspection',
      title: text.returned(h.year),
      detail: h.comment,
      actorName: h.actorName,
    });
  return entries;
};
