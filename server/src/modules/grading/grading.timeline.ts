import { GRADE_EVALUATION_ACTION_NAMES, type GradeEvaluationAction, type Locale } from '@linli/common';
import type { TimelineEntry, TimelineSource } from '../organizations/organizations.timeline.ts';
import { EVALUATION_WORKFLOW } from './grading.workflow.ts';

const TEXT: Record<Locale, { step: (round: string, action: string) => string; apply: string }> = {
  'zh-CN': { step: (round, action) => `等级评估（${round}）：${action}`, apply: '申报' },
  'en-US': { step: (round, action) => `Grade evaluation (${round}): ${action}`, apply: 'Applied' },
};

/** Every step of the organization's grade evaluations: application, checks, notice, 复核, confirmed grade. */
export const gradingTimeline: TimelineSource = async (db, organizationId, locale) => {
  const rows = await db
    .selectFrom('workflowHistory as h')
    .innerJoin('gradeEvaluation as e', 'e.id', 'h.entityId')
    .innerJoin('gradeRound as r', 'r.id', 'e.roundId')
    .select(['h.action', 'h.comment', 'h.actorName', 'h.at', 'r.title', 'e.proposedGrade', 'e.resultGrade'])
    .where('h.workflow', '=', EVALUATION_WORKFLOW)
    .where('e.organizationId', '=', organizationId)
    .execute();
  const text = TEXT[locale];
  return rows.map(
    (h): TimelineEntry => ({
      at: h.at.toISOString(),
      kind: 'grading',
      title: text.step(
        h.title,
        h.action === 'apply'
          ? text.apply
          : `${GRADE_EVALUATION_ACTION_NAMES[locale][h.action as GradeEvaluationAction] ?? h.action}${
              h.action === 'confirm' && h.resultGrade ? ` ${h.resultGrade}` : ''
            }`,
      ),
      detail: h.comment,
      actorName: h.actorName,
    }),
  );
};
