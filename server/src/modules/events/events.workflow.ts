import {
  EVENT_ACTION_NAMES,
  EVENT_STATE_NAMES,
  type EventState,
  type EventWorkflowAction,
  OPEN_EVENT_STATES,
  type Role,
} from '@linli/common';
import { sql } from 'kysely';
import type { Caller } from '../../platform/scope.ts';
import {
  defineWorkflow,
  type GuardRefusal,
  type TransitionRule,
  type WorkflowDefinition,
  type WorkflowRow,
} from '../../platform/workflow.ts';
import { contactIsCaller, eventsVisibleTo } from './events.repository.ts';

export const EVENT_WORKFLOW = 'grid.event';

export interface EventWorkflowRow extends WorkflowRow {
  source: string;
  reporterId: string | null;
  /** The caller is the resident named as the event's contact. */
  contactIsCaller: boolean;
  leadDepartment: string | null;
  /** The departments currently on the event (lead and assisting). */
  departments: string[];
  reopened: number;
  pendingExtension: boolean;
}

const ACCEPTORS: Role[] = ['community_worker', 'station_staff'];
const SUPERIORS: Role[] = ['street_staff', 'district_admin'];
const DEPARTMENT: Role[] = ['department_staff'];
const VERIFIERS: Role[] = ['grid_member', 'grid_leader'];
const RATERS: Role[] = ['resident', 'community_worker', 'station_staff'];

const refuse = (reason: string, reasonParams?: Record<string, unknown>): GuardRefusal => ({
  reason,
  ...(reasonParams ? { reasonParams } : {}),
});

/** Only the lead department's staff handle, return or ask for more time (主办单位负责). */
function leadOnly(row: EventWorkflowRow, caller: Caller): GuardRefusal | null {
  return row.leadDepartment !== null && (caller.departments ?? []).includes(row.leadDepartment)
    ? null
    : refuse('event.leadDepartmentOnly', { department: row.leadDepartment ?? '' });
}

/**
 * The reporting resident rates, or the resident a grid member reported for (named as contact by
 * phone); for an event phoned in at a community the community staff record the caller's rating.
 */
function raterOnly(row: EventWorkflowRow, caller: Caller): GuardRefusal | null {
  if (row.source === 'phone' && caller.roles.some((r) => ACCEPTORS.includes(r))) return null;
  if (caller.roles.includes('resident') && (row.reporterId === caller.actor.id || row.contactIsCaller))
    return null;
  return refuse('event.reporterOnly');
}

/** A self-transition in each of `states`: it keeps the state and records the step in the history. */
function stay(
  action: EventWorkflowAction,
  states: readonly EventState[],
  roles: readonly Role[],
  extra: Partial<TransitionRule<EventState, EventWorkflowAction, EventWorkflowRow>> = {},
): TransitionRule<EventState, EventWorkflowAction, EventWorkflowRow>[] {
  return states.map((state) => ({ action, from: [state], to: state, roles, ...extra }));
}

/**
 * The closed loop of a grid event (GB/T 30428 case flow): 上报 → 立案 (or 不予立案, or 合并 into
 * an earlier report) → 派遣 to a lead department with assisting ones → 处置 (or 退单 back to the
 * street) → 核查 by the grid member: passed → 结案, failed → back to the department → 评价 by the
 * reporter, where the first "not satisfied" reopens it for re-handling. Urging, supervising,
 * extension requests and notes keep the state and are recorded as steps.
 */
export const eventWorkflow: WorkflowDefinition<EventState, EventWorkflowAction, EventWorkflowRow> =
  defineWorkflow<EventState, EventWorkflowAction, EventWorkflowRow>({
    name: EVENT_WORKFLOW,
    entityType: 'grid_event',
    table: 'grid_event',
    states: ['reported', 'filed', 'not_filed', 'merged', 'dispatched', 'handled', 'closed', 'rated'],
    transitions: [
      { action: 'file', from: ['reported'], to: 'filed', roles: ACCEPTORS, comment: 'optional' },
      { action: 'reject', from: ['reported'], to: 'not_filed', roles: ACCEPTORS, comment: 'required' },
      { action: 'merge', from: ['reported'], to: 'merged', roles: ACCEPTORS, comment: 'optional' },
      { action: 'dispatch', from: ['filed'], to: 'dispatched', roles: SUPERIORS, comment: 'optional' },
      {
        action: 'handle',
        from: ['dispatched'],
        to: 'handled',
        roles: DEPARTMENT,
        guard: leadOnly,
        comment: 'optional',
      },
      {
        action: 'return',
        from: ['dispatched'],
        to: 'filed',
        roles: DEPARTMENT,
        guard: leadOnly,
        comment: 'required',
      },
      { action: 'verifyPass', from: ['handled'], to: 'closed', roles: VERIFIERS, comment: 'optional' },
      { action: 'verifyFail', from: ['handled'], to: 'dispatched', roles: VERIFIERS, comment: 'required' },
      {
        action: 'rate',
        from: ['closed'],
        to: 'rated',
        roles: RATERS,
        comment: 'optional',
        // The first "not satisfied" is the `reopen` action; only a second one ends as rated.
        guard: (row, caller, input) =>
          raterOnly(row, caller) ??
          (input.data?.rating === 'unsatisfied' && row.reopened === 0 ? refuse('event.reopenFirst') : null),
      },
      {
        action: 'reopen',
        from: ['closed'],
        to: 'dispatched',
        roles: RATERS,
        comment: 'optional',
        guard: (row, caller) =>
          raterOnly(row, caller) ?? (row.reopened > 0 ? refuse('event.alreadyReopened') : null),
      },
      ...stay('urge', OPEN_EVENT_STATES, SUPERIORS, { comment: 'optional' }),
      ...stay('supervise', OPEN_EVENT_STATES, SUPERIORS, { comment: 'optional' }),
      ...stay('requestExtension', ['dispatched'], DEPARTMENT, {
        comment: 'required',
        guard: (row, caller) =>
          leadOnly(row, caller) ?? (row.pendingExtension ? refuse('event.extensionPending') : null),
      }),
      ...stay('grantExtension', ['dispatched'], SUPERIORS, {
        comment: 'optional',
        guard: (row) => (row.pendingExtension ? null : refuse('event.noExtensionPending')),
      }),
      ...stay('refuseExtension', ['dispatched'], SUPERIORS, {
        comment: 'required',
        guard: (row) => (row.pendingExtension ? null : refuse('event.noExtensionPending')),
      }),
      // Assisting departments report what they did on the event; the lead department too.
      ...stay('note', ['dispatched', 'handled'], DEPARTMENT, {
        comment: 'required',
        guard: (row, caller) =>
          row.departments.some((d) => (caller.departments ?? []).includes(d))
            ? null
            : refuse('event.departmentOnly'),
      }),
    ],
    names: {
      'zh-CN': { states: EVENT_STATE_NAMES['zh-CN'], actions: EVENT_ACTION_NAMES['zh-CN'] },
      'en-US': { states: EVENT_STATE_NAMES['en-US'], actions: EVENT_ACTION_NAMES['en-US'] },
    },
    load: async (trx, caller, id) => {
      const row = await eventsVisibleTo(trx, caller)
        .select([
          'e.id',
          'e.state',
          'e.version',
          'e.divisionCode',
          'e.source',
          'e.reporterId',
          'e.leadDepartment',
          'e.reopened',
          contactIsCaller(caller).as('contactIsCaller'),
        ])
        .where('e.id', '=', id)
        .modifyEnd(sql`for update of e`)
        .executeTakeFirst();
      if (!row) return undefined;
      const departments = await trx
        .selectFrom('gridEventDepartment')
        .select('department')
        .where('eventId', '=', id)
        .where('releasedAt', 'is', null)
        .execute();
      const pending = await trx
        .selectFrom('gridEventExtension')
        .select('id')
        .where('eventId', '=', id)
        .where('state', '=', 'pending')
        .executeTakeFirst();
      return {
        ...row,
        departments: departments.map((d) => d.department),
        pendingExtension: pending !== undefined,
      };
    },
  });
