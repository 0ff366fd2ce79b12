import {
  CONTRACT_ACTION_NAMES,
  CONTRACT_STATE_NAMES,
  type ContractAction,
  type ContractState,
} from '@linli/common';
import { sql } from 'kysely';
import { defineWorkflow, type GuardRefusal, type WorkflowRow } from '../../platform/workflow.ts';
import { contractsVisibleTo } from './contracts.repository.ts';

export const CONTRACT_LIFECYCLE = 'funding.contract';

export interface ContractWorkflowRow extends WorkflowRow {
  /** A passed mid-term evaluation exists (its tranche is due). */
  midPassed: boolean;
  /** Rectification requests the organization has not reported done. */
  openRectifications: number;
}

const rectified = (row: ContractWorkflowRow): GuardRefusal | null =>
  row.openRectifications > 0
    ? { reason: 'contract.rectificationsOpen', reasonParams: { count: row.openRectifications } }
    : null;
const midDue = (row: ContractWorkflowRow): GuardRefusal | null =>
  row.midPassed ? { reason: 'contract.midAlreadyPassed' } : rectified(row);

/**
 * A contract (签约落位): the district signs it (the signing tranche is paid), the organization
 * starts the project; the assigned evaluator's mid-term evaluation passes (the mid tranche is paid)
 * or fails (payments suspended until a passing re-evaluation after rectification); the
 * organization asks for final acceptance, the final evaluation passes (last tranche paid, closed)
 * or fails (rectify, evaluate again). The district may terminate it before it is closed (what is
 * not paid goes back to the fund). Every evaluation outcome is a step here, so the history shows it.
 */
export const contractLifecycle = defineWorkflow<ContractState, ContractAction, ContractWorkflowRow>({
  name: CONTRACT_LIFECYCLE,
  entityType: 'contract',
  table: 'contract',
  states: ['draft', 'signed', 'in_progress', 'suspended', 'final_review', 'closed', 'terminated'],
  transitions: [
    { action: 'sign', from: ['draft'], to: 'signed', roles: ['district_admin'], comment: 'optional' },
    {
      action: 'start',
      from: ['signed'],
      to: 'in_progress',
      roles: ['social_org', 'district_admin'],
      comment: 'optional',
    },
    {
      action: 'request_final',
      from: ['in_progress'],
      to: 'final_review',
      roles: ['social_org', 'district_admin'],
      guard: (row) => (row.midPassed ? null : { reason: 'contract.midNotPassed' }),
      comment: 'optional',
    },
    {
      action: 'terminate',
      from: ['signed', 'in_progress', 'suspended', 'final_review'],
      to: 'terminated',
      roles: ['district_admin'],
      comment: 'required',
    },
    {
      action: 'pass_mid',
      from: ['in_progress', 'suspended'],
      to: 'in_progress',
      roles: ['evaluator'],
      guard: midDue,
    },
    {
      action: 'fail_mid',
      from: ['in_progress', 'suspended'],
      to: 'suspended',
      roles: ['evaluator'],
      guard: midDue,
    },
    { action: 'pass_final', from: ['final_review'], to: 'closed', roles: ['evaluator'], guard: rectified },
    {
      action: 'fail_final',
      from: ['final_review'],
      to: 'final_review',
      roles: ['evaluator'],
      guard: rectified,
    },
  ],
  names: {
    'zh-CN': { states: CONTRACT_STATE_NAMES['zh-CN'], actions: CONTRACT_ACTION_NAMES['zh-CN'] },
    'en-US': { states: CONTRACT_STATE_NAMES['en-US'], actions: CONTRACT_ACTION_NAMES['en-US'] },
  },
  load: async (trx, caller, id) => {
    const row = await contractsVisibleTo(trx, caller)
      .select([
        'k.id',
        'k.state',
        'k.version',
        'k.divisionCode',
        sql<boolean>`exists (select 1 from contract_evaluation e where e.contract_id = k.id and e.kind = 'mid' and e.result = 'pass')`.as(
          'midPassed',
        ),
        sql<number>`(select count(*)::int from contract_rectification r where r.contract_id = k.id and r.reported_at is null)`.as(
          'openRectifications',
        ),
      ])
      .where('k.id', '=', id)
      .modifyEnd(sql`for update of k`)
      .executeTakeFirst();
    return (
      row && { ...row, midPassed: Boolean(row.midPassed), openRectifications: Number(row.openRectifications) }
    );
  },
});
