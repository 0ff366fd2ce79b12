import type { Locale, Role } from '@linli/common';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.gen.ts';
import { appendAudit } from './audit.ts';
import { AppError, type LocalizedText } from './errors.ts';
import type { Caller } from './scope.ts';

/**
 * The one workflow mechanism (DESIGN §4). A module declares its state machine as a table of
 * transitions (from states, action, next state, which roles, guard); `transition()` checks role,
 * scope, guard and the row's version, writes the new state, appends the history and the audit
 * entry, and runs the module's effects (notifications) — all in the caller's transaction.
 *
 * The row lives in the module's own table, which has `id`, `division_code`, a state column
 * (default `state`), `version` and `updated_at`.
 */

/** The columns the mechanism reads from a row; the module's `load` returns at least these. */
export interface WorkflowRow {
  id: string;
  state: string;
  version: number;
  divisionCode: string | null;
}

export interface TransitionInput {
  id: string;
  action: string;
  /** The version the user saw; a stale one is 409 `conflict.version`. */
  version: number;
  comment?: string | null | undefined;
  /** Action-specific data kept in the history (e.g. the department an event is dispatched to). */
  data?: Record<string, unknown> | undefined;
}

/** Why a guard refuses: a field-problem code from common's validation messages, with its params. */
export interface GuardRefusal {
  reason: string;
  reasonParams?: Record<string, unknown>;
}

export interface TransitionRule<S extends string, A extends string, R extends WorkflowRow> {
  action: A;
  from: readonly S[];
  to: S;
  /** Who may take it; the caller needs one of these roles. */
  roles: readonly Role[];
  /** Business rule beyond role and state; null lets it pass. */
  guard?: (row: R, caller: Caller, input: TransitionInput) => GuardRefusal | null;
  comment?: 'required' | 'optional';
}

export interface TransitionEvent<S extends string, A extends string, R extends WorkflowRow> {
  row: R;
  rule: TransitionRule<S, A, R>;
  from: S;
  to: S;
  caller: Caller;
  input: TransitionInput;
  version: number;
}

export interface WorkflowDefinition<S extends string, A extends string, R extends WorkflowRow> {
  /** `organization.lifecycle`, `grid.event` … — names the history rows. */
  name: string;
  /** The audit log's entity type. */
  entityType: string;
  /** The module's table (snake_case SQL name). */
  table: string;
  stateColumn?: string;
  states: readonly S[];
  transitions: readonly TransitionRule<S, A, R>[];
  names: Record<Locale, { states: Record<S, string>; actions: Record<A, string> }>;
  /**
   * The row if the caller may see it, locked for update (`select … for update`) — the module's own
   * scope rules (division prefix, department, organization). Undefined is a 404.
   */
  load: (trx: Transaction<DB>, caller: Caller, id: string) => Promise<R | undefined>;
  /** More writes in the same transaction after the state changed: notifications, counters, timers. */
  effects?: (trx: Transaction<DB>, event: TransitionEvent<S, A, R>) => Promise<void>;
}

export function defineWorkflow<S extends string, A extends string, R extends WorkflowRow>(
  definition: WorkflowDefinition<S, A, R>,
): WorkflowDefinition<S, A, R> {
  for (const rule of definition.transitions) {
    for (const state of [...rule.from, rule.to]) {
      if (!definition.states.includes(state)) {
        throw new Error(`${definition.name}: transition ${rule.action} names unknown state ${state}`);
      }
    }
  }
  return definition;
}

function text<S extends string, A extends string, R extends WorkflowRow>(
  wf: WorkflowDefinition<S, A, R>,
  kind: 'states' | 'actions',
  key: string,
): LocalizedText {
  const pick = (locale: Locale) => (wf.names[locale][kind] as Record<string, string>)[key] ?? key;
  return { 'zh-CN': pick('zh-CN'), 'en-US': pick('en-US') };
}

function ruleFor<S extends string, A extends string, R extends WorkflowRow>(
  wf: WorkflowDefinition<S, A, R>,
  state: string,
  action: string,
): TransitionRule<S, A, R> | undefined {
  return wf.transitions.find((t) => t.action === action && (t.from as readonly string[]).includes(state));
}

/**
 * Takes one transition inside `trx`: 404 when the caller may not see the row, 409 when the version
 * is stale or the action is not possible from its state, 403 when the caller's roles may not,
 * 409 with the guard's reason when a business rule refuses.
 */
export async function transition<S extends string, A extends string, R extends WorkflowRow>(
  trx: Transaction<DB>,
  wf: WorkflowDefinition<S, A, R>,
  caller: Caller,
  input: TransitionInput,
): Promise<TransitionEvent<S, A, R>> {
  const row = await wf.load(trx, caller, input.id);
  if (!row) throw new AppError('resource.notFound');
  // A user who acted on an old view is told to refresh first, whatever the state is now.
  if (row.version !== input.version) throw new AppError('conflict.version', { id: input.id });
  const actionName = text(wf, 'actions', input.action);
  const rule = ruleFor(wf, row.state, input.action);
  if (!rule) {
    throw new AppError('workflow.illegalTransition', {
      from: row.state,
      action: input.action,
      fromName: text(wf, 'states', row.state),
      actionName,
    });
  }
  if (!rule.roles.some((r) => caller.roles.includes(r))) {
    throw new AppError('workflow.notAllowed', { action: input.action, actionName });
  }
  const comment = input.comment?.trim() || null;
  if (rule.comment === 'required' && !comment) {
    throw new AppError('workflow.commentRequired', { action: input.action, actionName });
  }
  const refusal = rule.guard?.(row, caller, input);
  if (refusal) throw new AppError('workflow.guardFailed', { action: input.action, actionName, ...refusal });

  const stateColumn = wf.stateColumn ?? 'state';
  const updated = await sql<{ version: number }>`
    update ${sql.table(wf.table)}
    set ${sql.ref(stateColumn)} = ${rule.to}, version = version + 1, updated_at = now()
    where id = ${row.id} and version = ${input.version}
    returning version`.execute(trx);
  if (updated.rows.length === 0) throw new AppError('conflict.version', { id: input.id });
  const version = Number(updated.rows[0]!.version);

  const { actor } = caller;
  await trx
    .insertInto('workflowHistory')
    .values({
      workflow: wf.name,
      entityId: row.id,
      action: rule.action,
      fromState: row.state,
      toState: rule.to,
      comment,
      data: input.data ? JSON.stringify(input.data) : null,
      actorId: actor.id,
      actorName: actor.name,
      actorRole: actor.role,
      onBehalfOf: actor.onBehalfOf ?? null,
      onBehalfName: actor.onBehalfOfName ?? null,
      divisionCode: row.divisionCode,
    })
    .execute();
  await appendAudit(trx, actor, {
    action: `${wf.name}.${rule.action}`,
    entityType: wf.entityType,
    entityId: row.id,
    divisionCode: row.divisionCode,
    before: { [stateColumn]: row.state },
    after: { [stateColumn]: rule.to, ...(comment ? { comment } : {}) },
  });
  const event: TransitionEvent<S, A, R> = {
    row,
    rule,
    from: row.state as S,
    to: rule.to,
    caller,
    input,
    version,
  };
  await wf.effects?.(trx, event);
  return event;
}

/**
 * Records the step that created a row (a report, an application drafted) as the first history entry,
 * from no state to the row's initial state, with the same actor and audit trail as a transition.
 * The caller has inserted the row in `trx` already.
 */
export async function recordCreation<S extends string, A extends string, R extends WorkflowRow>(
  trx: Transaction<DB>,
  wf: WorkflowDefinition<S, A, R>,
  caller: Caller,
  entry: {
    id: string;
    action: string;
    state: S;
    divisionCode: string | null;
    comment?: string | null;
    data?: Record<string, unknown>;
  },
): Promise<void> {
  const { actor } = caller;
  await trx
    .insertInto('workflowHistory')
    .values({
      workflow: wf.name,
      entityId: entry.id,
      action: entry.action,
      fromState: '',
      toState: entry.state,
      comment: entry.comment ?? null,
      data: entry.data ? JSON.stringify(entry.data) : null,
      actorId: actor.id,
      actorName: actor.name,
      actorRole: actor.role,
      onBehalfOf: actor.onBehalfOf ?? null,
      onBehalfName: actor.onBehalfOfName ?? null,
      divisionCode: entry.divisionCode,
    })
    .execute();
  await appendAudit(trx, actor, {
    action: `${wf.name}.${entry.action}`,
    entityType: wf.entityType,
    entityId: entry.id,
    divisionCode: entry.divisionCode,
    after: { [wf.stateColumn ?? 'state']: entry.state, ...(entry.data ?? {}) },
  });
}

/** The actions this caller could take on this row now: the web's buttons (a row's `abilities`). */
export function availableActions<S extends string, A extends string, R extends WorkflowRow>(
  wf: WorkflowDefinition<S, A, R>,
  row: R,
  caller: Caller,
): A[] {
  return wf.transitions
    .filter(
      (t) =>
        (t.from as readonly string[]).includes(row.state) &&
        t.roles.some((r) => caller.roles.includes(r)) &&
        !t.guard?.(row, caller, { id: row.id, action: t.action, version: row.version }),
    )
    .map((t) => t.action);
}

export interface HistoryEntry {
  id: number;
  action: string;
  fromState: string;
  toState: string;
  comment: string | null;
  data: unknown;
  actorName: string;
  actorRole: string | null;
  onBehalfName: string | null;
  at: Date;
}

/** A row's history, newest first (the module has already checked the caller may see the row). */
export async function workflowHistory(
  db: Kysely<DB> | Transaction<DB>,
  workflow: string,
  entityId: string,
): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom('workflowHistory')
    .select([
      'id',
      'action',
      'fromState',
      'toState',
      'comment',
      'data',
      'actorName',
      'actorRole',
      'onBehalfName',
      'at',
    ])
    .where('workflow', '=', workflow)
    .where('entityId', '=', entityId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}
