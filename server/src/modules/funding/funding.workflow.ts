import {
  APPLICATION_ACTION_NAMES,
  APPLICATION_STATE_NAMES,
  type ApplicationAction,
  type ApplicationState,
  beijingToday,
  CALL_ACTION_NAMES,
  CALL_STATE_NAMES,
  type CallAction,
  type CallState,
} from '@linli/common';
import { sql } from 'kysely';
import { defineWorkflow, type GuardRefusal, type WorkflowRow } from '../../platform/workflow.ts';
import { applicationsVisibleTo, callsVisibleTo } from './funding.repository.ts';

export const CALL_LIFECYCLE = 'funding.call';
export const APPLICATION_LIFECYCLE = 'funding.application';

export interface CallWorkflowRow extends WorkflowRow {
  closesOn: string;
}

/** A call is published (征集中) and closed (截止) by the district; it cannot open already past its closing day. */
export const callLifecycle = defineWorkflow<CallState, CallAction, CallWorkflowRow>({
  name: CALL_LIFECYCLE,
  entityType: 'funding_call',
  table: 'funding_call',
  states: ['draft', 'open', 'closed'],
  transitions: [
    {
      action: 'open',
      from: ['draft'],
      to: 'open',
      roles: ['district_admin'],
      guard: (row) =>
        row.closesOn < beijingToday()
          ? { reason: 'funding.callHasNoDeadline', reasonParams: { closesOn: row.closesOn } }
          : null,
    },
    { action: 'close', from: ['open'], to: 'closed', roles: ['district_admin'], comment: 'optional' },
  ],
  names: {
    'zh-CN': { states: CALL_STATE_NAMES['zh-CN'], actions: CALL_ACTION_NAMES['zh-CN'] },
    'en-US': { states: CALL_STATE_NAMES['en-US'], actions: CALL_ACTION_NAMES['en-US'] },
  },
  load: async (trx, caller, id) => {
    const row = await callsVisibleTo(trx, caller)
      .select([
        'c.id',
        'c.state',
        'c.version',
        'c.divisionCode',
        sql<string>`c.closes_on::text`.as('closesOn'),
      ])
      .where('c.id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    return row;
  },
});

export interface ApplicationWorkflowRow extends WorkflowRow {
  callState: string;
  opensOn: string;
  closesOn: string;
}

/** Whether the call takes submissions today (Beijing time): open, started, not past its closing day. */
export function submissionRefusal(
  call: { callState: string; opensOn: string; closesOn: string },
  today = beijingToday(),
): GuardRefusal | null {
  if (call.callState !== 'open') return { reason: 'funding.callNotOpen' };
  if (today < call.opensOn)
    return { reason: 'funding.callNotYetOpen', reasonParams: { opensOn: call.opensOn } };
  if (today > call.closesOn)
    return { reason: 'funding.deadlinePassed', reasonParams: { closesOn: call.closesOn } };
  return null;
}

/**
 * An application: drafted and submitted by its organization (or the district for it) while the
 * call takes submissions, withdrawn until it is awarded, awarded by the district once the call is
 * closed (the award commits money on the fund in the same transaction).
 */
export const applicationLifecycle = defineWorkflow<
  ApplicationState,
  ApplicationAction,
  ApplicationWorkflowRow
>({
  name: APPLICATION_LIFECYCLE,
  entityType: 'funding_application',
  table: 'funding_application',
  states: ['draft', 'submitted', 'withdrawn', 'awarded'],
  transitions: [
    {
      action: 'submit',
      from: ['draft'],
      to: 'submitted',
      roles: ['social_org', 'district_admin'],
      guard: (row) => submissionRefusal(row),
    },
    {
      action: 'withdraw',
      from: ['draft', 'submitted'],
      to: 'withdrawn',
      roles: ['social_org', 'district_admin'],
      comment: 'optional',
    },
    {
      action: 'award',
      from: ['submitted'],
      to: 'awarded',
      roles: ['district_admin'],
      guard: (row) => (row.callState === 'closed' ? null : { reason: 'funding.callStillOpen' }),
      comment: 'optional',
    },
  ],
  names: {
    'zh-CN': { states: APPLICATION_STATE_NAMES['zh-CN'], actions: APPLICATION_ACTION_NAMES['zh-CN'] },
    'en-US': { states: APPLICATION_STATE_NAMES['en-US'], actions: APPLICATION_ACTION_NAMES['en-US'] },
  },
  effects: async (trx, { rule, row }) => {
    if (rule.action === 'submit')
      await trx
        .updateTable('fundingApplication')
        .set({ submittedAt: new Date() })
        .where('id', '=', row.id)
        .execute();
  },
  load: async (trx, caller, id) =>
    applicationsVisibleTo(trx, caller)
      .innerJoin('fundingCall as c', 'c.id', 'a.callId')
      .select([
        'a.id',
        'a.state',
        'a.version',
        'a.divisionCode',
        'c.state as callState',
        sql<string>`c.opens_on::text`.as('opensOn'),
        sql<string>`c.closes_on::text`.as('closesOn'),
      ])
      .where('a.id', '=', id)
      .modifyEnd(sql`for update of a`)
      .executeTakeFirst(),
});
