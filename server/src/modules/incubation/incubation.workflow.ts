import {
  beijingToday,
  INCUBATION_ACTION_NAMES,
  INCUBATION_STATE_NAMES,
  type IncubationAction,
  type IncubationState,
} from '@linli/common';
import { sql } from 'kysely';
import { defineWorkflow, type WorkflowRow } from '../../platform/workflow.ts';
import { openMilestones, visibleTo } from './incubation.repository.ts';

/** What the stage guards look at. */
export interface IncubationWorkflowRow extends WorkflowRow {
  openMilestones: number;
}

export const STAGES = 'incubation.stage';

/** The base's operator runs the stages; the district civil-affairs bureau may act too (R2.2). */
const RUNNERS = ['incubator_operator', 'district_admin'] as const;

export const incubationStages = defineWorkflow<IncubationState, IncubationAction, IncubationWorkflowRow>({
  name: STAGES,
  entityType: 'incubation',
  table: 'incubation',
  states: ['applied', 'admitted', 'rejected', 'incubating', 'graduated', 'exited'],
  transitions: [
    { action: 'admit', from: ['applied'], to: 'admitted', roles: RUNNERS },
    { action: 'reject', from: ['applied'], to: 'rejected', roles: RUNNERS, comment: 'required' },
    { action: 'start', from: ['admitted'], to: 'incubating', roles: RUNNERS },
    {
      action: 'graduate',
      from: ['incubating'],
      to: 'graduated',
      roles: RUNNERS,
      // An organization leaves the shell (出壳) when its plan is done.
      guard: (row) =>
        row.openMilestones === 0
          ? null
          : { reason: 'incubation.milestonesOpen', reasonParams: { count: row.openMilestones } },
    },
    { action: 'exit', from: ['admitted', 'incubating'], to: 'exited', roles: RUNNERS, comment: 'required' },
  ],
  names: {
    'zh-CN': { states: INCUBATION_STATE_NAMES['zh-CN'], actions: INCUBATION_ACTION_NAMES['zh-CN'] },
    'en-US': { states: INCUBATION_STATE_NAMES['en-US'], actions: INCUBATION_ACTION_NAMES['en-US'] },
  },
  // Each stage's date is the day it was taken.
  effects: async (trx, { rule, row }) => {
    const column = rule.action === 'admit' ? 'admittedOn' : rule.action === 'start' ? 'startedOn' : 'endedOn';
    await trx
      .updateTable('incubation')
      .set({ [column]: beijingToday() })
      .where('id', '=', row.id)
      .execute();
  },
  load: async (trx, caller, id) => {
    const row = await visibleTo(trx, caller)
      .select(['i.id', 'i.state', 'i.version', 'o.divisionCode'])
      .where('i.id', '=', id)
      .modifyEnd(sql`for update of i`)
      .executeTakeFirst();
    if (!row) return undefined;
    return { ...row, openMilestones: await openMilestones(trx, id) };
  },
});
