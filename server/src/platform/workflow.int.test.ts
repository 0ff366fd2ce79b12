import { ROLE_PERMISSIONS, type Role } from '@linli/common';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/database.ts';
import type { Database } from '../db/database.ts';
import { AppError } from './errors.ts';
import { type Caller, codeInScope, scopeOf } from './scope.ts';
import {
  availableActions,
  defineWorkflow,
  transition,
  type WorkflowRow,
  workflowHistory,
} from './workflow.ts';

/** A small filing workflow on a table of its own, the way a module uses the mechanism. */
type State = 'draft' | 'submitted' | 'approved' | 'rejected';
type Action = 'submit' | 'approve' | 'reject' | 'reopen';
interface Filing extends WorkflowRow {
  members: number;
}

const filing = defineWorkflow<State, Action, Filing>({
  name: 'test.filing',
  entityType: 'filing',
  table: 'wf_filing',
  states: ['draft', 'submitted', 'approved', 'rejected'],
  transitions: [
    { action: 'submit', from: ['draft', 'rejected'], to: 'submitted', roles: ['community_worker'] },
    {
      action: 'approve',
      from: ['submitted'],
      to: 'approved',
      roles: ['street_staff'],
      guard: (row) => (row.members < 10 ? { reason: 'schema.minimum', reasonParams: { limit: 10 } } : null),
    },
    { action: 'reject', from: ['submitted'], to: 'rejected', roles: ['street_staff'], comment: 'required' },
  ],
  names: {
    'zh-CN': {
      states: { draft: '草稿', submitted: '已提交', approved: '已备案', rejected: '已退回' },
      actions: { submit: '提交', approve: '同意备案', reject: '退回', reopen: '重新打开' },
    },
    'en-US': {
      states: { draft: 'Draft', submitted: 'Submitted', approved: 'Filed', rejected: 'Returned' },
      actions: { submit: 'Submit', approve: 'Approve', reject: 'Return', reopen: 'Reopen' },
    },
  },
  load: async (trx, caller, id) => {
    const result = await sql<Filing>`
      select id, state, version, division_code as "divisionCode", members
      from wf_filing where id = ${id} for update`.execute(trx);
    const row = result.rows[0];
    return row?.divisionCode && codeInScope(row.divisionCode, caller.scope) ? row : undefined;
  },
});

const callerOf = (role: Role, scope: string): Caller => ({
  scope: scopeOf([scope]),
  permissions: ROLE_PERMISSIONS[role],
  roles: [role],
  actor: { id: `${role}-1`, name: `${role} 张三`, role },
});
const worker = callerOf('community_worker', '220106001001');
const street = callerOf('street_staff', '220106001');
const otherStreet = callerOf('street_staff', '220106002');

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  await sql`
    create table wf_filing (
      id text primary key, division_code text, state text not null, members int not null,
      version int not null default 1, updated_at timestamptz not null default now()
    )`.execute(database.db);
});
afterAll(() => database.close());

let n = 0;
async function newFiling(members = 12): Promise<string> {
  const id = `f${++n}`;
  await sql`insert into wf_filing (id, division_code, state, members) values (${id}, '220106001001', 'draft', ${members})`.execute(
    database.db,
  );
  return id;
}
const take = (caller: Caller, id: string, action: string, version: number, comment?: string) =>
  database.db
    .transaction()
    .execute((trx) => transition(trx, filing, caller, { id, action, version, comment }));
const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
};

describe('workflow mechanism', () => {
  it('moves through declared transitions, with history and audit in the same transaction', async () => {
    const id = await newFiling();
    expect((await take(worker, id, 'submit', 1)).to).toBe('submitted');
    expect((await take(street, id, 'approve', 2)).version).toBe(3);
    const history = await workflowHistory(database.db, 'test.filing', id);
    expect(history.map((h) => `${h.fromState}>${h.action}>${h.toState}`)).toEqual([
      'submitted>approve>approved',
      'draft>submit>submitted',
    ]);
    expect(history[0]).toMatchObject({ actorName: 'street_staff 张三' });
    const audit = await database.db
      .selectFrom('auditLog')
      .select(['action', 'before', 'after'])
      .where('entityId', '=', id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['test.filing.submit', 'test.filing.approve']);
    expect(audit[1]).toMatchObject({ before: { state: 'submitted' }, after: { state: 'approved' } });
  });

  it('refuses illegal transitions, wrong roles, missing comments and guards — and writes nothing', async () => {
    const id = await newFiling(3);
    expect(await codeOf(take(street, id, 'approve', 1))).toBe('workflow.illegalTransition');
    expect(await codeOf(take(worker, id, 'reopen', 1))).toBe('workflow.illegalTransition');
    expect(await codeOf(take(street, id, 'submit', 1))).toBe('workflow.notAllowed');
    await take(worker, id, 'submit', 1);
    expect(await codeOf(take(street, id, 'reject', 2))).toBe('workflow.commentRequired');
    expect(await codeOf(take(street, id, 'approve', 2))).toBe('workflow.guardFailed');
    const row = await sql<{
      state: string;
      version: number;
    }>`select state, version from wf_filing where id = ${id}`.execute(database.db);
    expect(row.rows[0]).toEqual({ state: 'submitted', version: 2 });
    expect(await workflowHistory(database.db, 'test.filing', id)).toHaveLength(1);
  });

  it('hides rows outside the caller scope (404) and refuses a stale version (409)', async () => {
    const id = await newFiling();
    expect(await codeOf(take(otherStreet, id, 'submit', 1))).toBe('resource.notFound');
    await take(worker, id, 'submit', 1);
    expect(await codeOf(take(street, id, 'reject', 1, '材料不全'))).toBe('conflict.version');
  });

  it('lets exactly one of two concurrent transitions on the same version through', async () => {
    const id = await newFiling();
    await take(worker, id, 'submit', 1);
    const results = await Promise.all([
      codeOf(take(street, id, 'approve', 2)),
      codeOf(take(street, id, 'reject', 2, '材料不全')),
    ]);
    expect(results.sort()).toEqual(['conflict.version', 'ok']);
    expect(await workflowHistory(database.db, 'test.filing', id)).toHaveLength(2);
  });

  it('lists the actions a caller could take now, guard included', async () => {
    const id = await newFiling(5);
    const load = () => database.db.transaction().execute((trx) => filing.load(trx, street, id));
    expect(availableActions(filing, (await load())!, worker)).toEqual(['submit']);
    await take(worker, id, 'submit', 1);
    expect(availableActions(filing, (await load())!, street)).toEqual(['reject']);
    expect(availableActions(filing, (await load())!, worker)).toEqual([]);
  });

  it('rejects a definition that names a state it does not have', () => {
    expect(() =>
      defineWorkflow({
        ...filing,
        transitions: [{ action: 'reopen', from: ['draft'], to: 'gone' as State, roles: [] }],
      }),
    ).toThrow(/unknown state gone/);
  });
});
