import { sql } from 'kysely';
import { defineWorkflow, type WorkflowRow } from '../../platform/workflow.ts';
import { visibleTo } from './inspections.repository.ts';
import {
  INSPECTION_ACTION_NAMES,
  INSPECTION_STATE_NAMES,
  type InspectionAction,
  type InspectionState,
} from './inspections.schemas.ts';

export const REVIEW = 'inspection.review';

/**
 * 报送 → 审核 (with a result), or 退回补正 with a reason and 重新报送. The district's civil-affairs
 * bureau is the registration authority and reviews; the organization resubmits its own report.
 */
export const inspectionReview = defineWorkflow<InspectionState, InspectionAction, WorkflowRow>({
  name: REVIEW,
  entityType: 'inspection',
  table: 'inspection',
  states: ['submitted', 'returned', 'reviewed'],
  transitions: [
    { action: 'review', from: ['submitted'], to: 'reviewed', roles: ['district_admin'] },
    { action: 'return', from: ['submitted'], to: 'returned', roles: ['district_admin'], comment: 'required' },
    { action: 'resubmit', from: ['returned'], to: 'submitted', roles: ['social_org', 'district_admin'] },
  ],
  names: {
    'zh-CN': { states: INSPECTION_STATE_NAMES['zh-CN'], actions: INSPECTION_ACTION_NAMES['zh-CN'] },
    'en-US': { states: INSPECTION_STATE_NAMES['en-US'], actions: INSPECTION_ACTION_NAMES['en-US'] },
  },
  // The result of a review, or the corrected report of a resubmission, lands with the state change.
  effects: async (trx, { rule, row, input, caller }) => {
    const data = (input.data ?? {}) as {
      result?: string;
      findings?: string | null;
      on?: string;
      reportSummary?: string | null;
    };
    if (rule.action === 'review')
      await trx
        .updateTable('inspection')
        .set({
          result: data.result ?? null,
          findings: data.findings ?? null,
          inspectorId: caller.actor.id,
          inspectorName: caller.actor.name,
          reviewedOn: data.on ?? null,
        })
        .where('id', '=', row.id)
        .execute();
    if (rule.action === 'resubmit')
      await trx
        .updateTable('inspection')
        .set({
          ...(data.on ? { submittedOn: data.on } : {}),
          ...(data.reportSummary === undefined ? {} : { reportSummary: data.reportSummary }),
        })
        .where('id', '=', row.id)
        .execute();
  },
  load: async (trx, caller, id) =>
    visibleTo(trx, caller)
      .select(['i.id', 'i.state', 'i.version', 'o.divisionCode'])
      .where('i.id', '=', id)
      // Lock the inspection only: the organization's record stays free for its own edits.
      .modifyEnd(sql`for update of i`)
      .executeTakeFirst(),
});
