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
  /** Listed (and not excluded) on the call's published public notice (公示). */
  onNotice: boolean;
  noticeEndsAt: Date | string | null;
  /** Objections to the call's notice that the district has not answered. */
  pendingObjections: number;
}

/**
 * SQL columns of an application row (alias `a`) that the award guard reads: whether it is on the
 * call's public notice, when the notice ends, and how many of the notice's objections are open.
 */
export const noticeColumns = () =>
  [
    sql<boolean>`exists (select 1 from funding_notice_item ni where ni.application_id = a.id and not ni.excluded)`.as(
      'onNotice',
    ),
    sql<Date | null>`(select n.ends_at from funding_notice n where n.call_id = a.call_id)`.as('noticeEndsAt'),
    sql<number>`(select count(*) from funding_objection o join funding_notice n on n.id = o.notice_id where n.call_id = a.call_id and o.state = 'pending')::int`.as(
      'pendingObjections',
    ),
  ] as const;

/** YYYY-MM-DD HH:mm in Beijing time, for messages. */
export function beijingMinute(at: Date | string): string {
  return new Date(new Date(at).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * The award waits for the pre-assessment (issue #7 item 3): the application is on the published
 * notice, the notice period is over and every objection has been answered.
 */
export function awardRefusal(row: ApplicationWorkflowRow, now = new Date()): GuardRefusal | null {
  if (row.callState !== 'closed') return { reason: 'funding.callStillOpen' };
  if (!row.onNotice || row.noticeEndsAt === null) return { reason: 'funding.notOnNotice' };
  if (new Date(row.noticeEndsAt).getTime() > now.getTime())
    return { reason: 'funding.noticeRunning', reasonParams: { endsAt: beijingMinute(row.noticeEndsAt) } };
  if (Number(row.pendingObjections) > 0)
    return { reason: 'funding.objectionsPending', reasonParams: { count: Number(row.pendingObjections) } };
  return null;
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
 * closed and its public notice is over (the award commits money on the fund in the same transaction).
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
      guard: (row) => awardRefusal(row),
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
        ...noticeColumns(),
      ])
      .where('a.id', '=', id)
      .modifyEnd(sql`for update of a`)
      .executeTakeFirst(),
});
