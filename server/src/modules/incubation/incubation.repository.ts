import { DIVISION_SCOPED_ROLES, OPEN_INCUBATION_STATES } from '@linli/common';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { type Caller, escapeLike, inScope } from '../../platform/scope.ts';

export type Db = Kysely<DB> | Transaction<DB>;

export const INCUBATION_SORTS = ['priority', 'appliedOn', 'updatedAt'] as const;
export type IncubationSort = (typeof INCUBATION_SORTS)[number];

export interface ListFilter {
  q?: string | undefined;
  state?: string | undefined;
  branch?: string | undefined;
  priorityClass?: string | undefined;
  organizationId?: string | undefined;
}

/** An organization's own account: it sees and applies for its own organization only. */
function organizationOnly(caller: Caller): boolean {
  return (
    caller.roles.includes('social_org') &&
    !caller.roles.includes('incubator_operator') &&
    !caller.roles.some((r) => DIVISION_SCOPED_ROLES.includes(r))
  );
}

/**
 * The one visibility rule of the module: the incubated organization's division is in the caller's
 * scope (the district and the district-wide operator see every record, a street its street's
 * organizations), and an organization account sees its own organization's records only.
 */
export function visibleTo(db: Db, caller: Caller) {
  let q = db
    .selectFrom('incubation as i')
    .innerJoin('organization as o', 'o.id', 'i.organizationId')
    .where((eb) => inScope(eb, 'o.division_code', caller.scope));
  if (organizationOnly(caller)) {
    const ids = caller.organizationIds ?? [];
    q = ids.length === 0 ? q.where(sql<boolean>`false`) : q.where('i.organizationId', 'in', ids);
  }
  return q;
}

function rows(db: Db, caller: Caller) {
  return visibleTo(db, caller)
    .innerJoin('division as d', 'd.code', 'o.divisionCode')
    .leftJoin('division as b', 'b.code', 'i.branchCode')
    .select([
      'i.id',
      'i.organizationId',
      'o.name as organizationName',
      'o.kind as organizationKind',
      'o.state as organizationState',
      'o.category as organizationCategory',
      'o.divisionCode',
      'd.name as divisionName',
      'i.branchCode',
      'b.name as branchName',
      'i.state',
      'i.priorityClass',
      'i.applicantName',
      'i.purpose',
      'i.needs',
      'i.needsNote',
      sql<string>`i.applied_on::text`.as('appliedOn'),
      sql<string | null>`i.admitted_on::text`.as('admittedOn'),
      sql<string | null>`i.started_on::text`.as('startedOn'),
      sql<string | null>`i.ended_on::text`.as('endedOn'),
      'i.version',
      'i.createdAt',
      'i.updatedAt',
      // The base's one applicant queue, whoever looks at it: class first, then application date.
      sql<number | null>`case when i.state = 'applied' then (
        select count(*)::int + 1 from incubation j
        where j.state = 'applied'
          and (j.priority_rank, j.applied_on, j.id) < (i.priority_rank, i.applied_on, i.id)
      ) end`.as('queuePosition'),
      sql<number>`(select count(*)::int from incubation_milestone m where m.incubation_id = i.id)`.as(
        'milestonesTotal',
      ),
      sql<number>`(select count(*)::int from incubation_milestone m
        where m.incubation_id = i.id and m.done_on is not null)`.as('milestonesDone'),
    ]);
}

export type IncubationRow = Awaited<ReturnType<ReturnType<typeof rows>['executeTakeFirstOrThrow']>>;

function filtered(db: Db, caller: Caller, f: ListFilter) {
  let q = rows(db, caller);
  if (f.state) q = q.where('i.state', '=', f.state);
  if (f.priorityClass) q = q.where('i.priorityClass', '=', f.priorityClass);
  if (f.organizationId) q = q.where('i.organizationId', '=', f.organizationId);
  if (f.branch === 'base') q = q.where('i.branchCode', 'is', null);
  else if (f.branch) q = q.where('i.branchCode', '=', f.branch);
  if (f.q) q = q.where('o.name', 'like', `%${escapeLike(f.q)}%`);
  return q;
}

function sorted<T extends ReturnType<typeof filtered>>(q: T, sort: IncubationSort): T {
  if (sort === 'appliedOn') return q.orderBy('i.appliedOn', 'desc').orderBy('i.id') as T;
  if (sort === 'updatedAt') return q.orderBy('i.updatedAt', 'desc').orderBy('i.id') as T;
  return q.orderBy('i.priorityRank').orderBy('i.appliedOn').orderBy('i.id') as T;
}

export async function listRows(
  db: Db,
  caller: Caller,
  f: ListFilter & { sort: IncubationSort; limit: number; offset: number },
): Promise<{ items: IncubationRow[]; total: number }> {
  const [items, total] = await Promise.all([
    sorted(filtered(db, caller, f), f.sort)
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    filtered(db, caller, f)
      .clearSelect()
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function exportRows(
  db: Db,
  caller: Caller,
  f: ListFilter,
  limit: number,
): Promise<IncubationRow[]> {
  return sorted(filtered(db, caller, f), 'priority')
    .limit(limit)
    .execute();
}

export async function findRow(db: Db, caller: Caller, id: string): Promise<IncubationRow | undefined> {
  return rows(db, caller).where('i.id', '=', id).executeTakeFirst();
}

/** The row for a write, locked (only the incubation row) until the transaction ends. */
export async function lockRow(db: Db, caller: Caller, id: string): Promise<IncubationRow | undefined> {
  return rows(db, caller).where('i.id', '=', id).modifyEnd(sql`for update of i`).executeTakeFirst();
}

/** Counts by branch, stage and class of the records the caller sees. */
export async function countBy(
  db: Db,
  caller: Caller,
): Promise<Array<{ branchCode: string | null; state: string; priorityClass: string; n: number }>> {
  const result = await visibleTo(db, caller)
    .select(['i.branchCode', 'i.state', 'i.priorityClass', sql<number>`count(*)::int`.as('n')])
    .groupBy(['i.branchCode', 'i.state', 'i.priorityClass'])
    .execute();
  return result.map((r) => ({ ...r, n: Number(r.n) }));
}

/** The towns and streets whose service centers are the base's branches, within the caller's district. */
export async function branches(db: Db, caller: Caller): Promise<Array<{ code: string; name: string }>> {
  const districts =
    caller.scope.kind === 'all' ? null : [...new Set(caller.scope.prefixes.map((p) => p.slice(0, 6)))];
  let q = db.selectFrom('division').select(['code', 'name']).where(sql<boolean>`length(code) = 9`);
  if (districts) q = q.where((eb) => eb.or(districts.map((d) => eb('code', 'like', `${escapeLike(d)}%`))));
  return q.orderBy('code').execute();
}

export async function isBranch(db: Db, caller: Caller, code: string): Promise<boolean> {
  return (await branches(db, caller)).some((b) => b.code === code);
}

/**
 * An organization that may apply, as the registry holds it: in the caller's scope (an organization
 * account: its own). The registry module owns the table; this reads the few columns intake needs.
 */
export async function findOrganization(db: Db, caller: Caller, id: string) {
  let q = db
    .selectFrom('organization as o')
    .innerJoin('division as d', 'd.code', 'o.divisionCode')
    .select([
      'o.id',
      'o.name',
      'o.kind',
      'o.state',
      'o.category',
      'o.fields',
      'o.divisionCode',
      'd.name as divisionName',
    ])
    .where('o.id', '=', id)
    .where((eb) => inScope(eb, 'o.division_code', caller.scope));
  if (organizationOnly(caller))
    q = q.where('o.id', 'in', caller.organizationIds?.length ? caller.organizationIds : ['']);
  return q.executeTakeFirst();
}

/** Organizations that may apply now: active or awaiting review, with no application under way. */
export async function candidates(db: Db, caller: Caller, q: string | undefined, limit: number) {
  let query = db
    .selectFrom('organization as o')
    .innerJoin('division as d', 'd.code', 'o.divisionCode')
    .select(['o.id', 'o.name', 'o.kind', 'o.state', 'o.category', 'o.fields', 'd.name as divisionName'])
    .where((eb) => inScope(eb, 'o.division_code', caller.scope))
    .where('o.state', 'in', ['active', 'applied'])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('incubation as i')
            .select(sql`1`.as('one'))
            .whereRef('i.organizationId', '=', 'o.id')
            .where('i.state', 'in', OPEN_INCUBATION_STATES),
        ),
      ),
    );
  if (organizationOnly(caller))
    query = query.where('o.id', 'in', caller.organizationIds?.length ? caller.organizationIds : ['']);
  if (q) query = query.where('o.name', 'like', `%${escapeLike(q)}%`);
  return query.orderBy('o.name').orderBy('o.id').limit(limit).execute();
}

export async function hasOpenApplication(db: Db, organizationId: string): Promise<boolean> {
  const row = await db
    .selectFrom('incubation')
    .select('id')
    .where('organizationId', '=', organizationId)
    .where('state', 'in', OPEN_INCUBATION_STATES)
    .executeTakeFirst();
  return !!row;
}

export interface PlanRows {
  mentors: Array<{ name: string; expertise: string }>;
  milestones: Array<{ title: string; dueOn: string; doneOn: string | null }>;
  services: Array<{
    type: string;
    servedOn: string;
    hours: number | null;
    amountFen: number | null;
    note: string | null;
  }>;
}

export async function planOf(db: Db, id: string): Promise<PlanRows> {
  const [mentors, milestones, services] = await Promise.all([
    db
      .selectFrom('incubationMentor')
      .select(['name', 'expertise'])
      .where('incubationId', '=', id)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('incubationMilestone')
      .select([
        'title',
        sql<string>`due_on::text`.as('dueOn'),
        sql<string | null>`done_on::text`.as('doneOn'),
      ])
      .where('incubationId', '=', id)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('incubationService')
      .select([
        'type',
        sql<string>`served_on::text`.as('servedOn'),
        sql<number | null>`hours::float8`.as('hours'),
        'amountFen',
        'note',
      ])
      .where('incubationId', '=', id)
      .orderBy('position')
      .execute(),
  ]);
  return {
    mentors,
    milestones,
    services: services.map((s) => ({ ...s, amountFen: s.amountFen === null ? null : Number(s.amountFen) })),
  };
}

/** Replaces the plan's items (the caller holds the record's row lock). */
export async function replacePlan(trx: Transaction<DB>, id: string, plan: PlanRows): Promise<void> {
  await trx.deleteFrom('incubationMentor').where('incubationId', '=', id).execute();
  await trx.deleteFrom('incubationMilestone').where('incubationId', '=', id).execute();
  await trx.deleteFrom('incubationService').where('incubationId', '=', id).execute();
  if (plan.mentors.length > 0)
    await trx
      .insertInto('incubationMentor')
      .values(plan.mentors.map((m, position) => ({ incubationId: id, position, ...m })))
      .execute();
  if (plan.milestones.length > 0)
    await trx
      .insertInto('incubationMilestone')
      .values(plan.milestones.map((m, position) => ({ incubationId: id, position, ...m })))
      .execute();
  if (plan.services.length > 0)
    await trx
      .insertInto('incubationService')
      .values(plan.services.map((s, position) => ({ incubationId: id, position, ...s })))
      .execute();
}

/** Open milestones of a record: a record graduates only when its plan is done. */
export async function openMilestones(db: Db, id: string): Promise<number> {
  const row = await db
    .selectFrom('incubationMilestone')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('incubationId', '=', id)
    .where('doneOn', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
