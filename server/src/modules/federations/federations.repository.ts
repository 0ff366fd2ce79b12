import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { type Caller, escapeLike, inScope } from '../../platform/scope.ts';

export type Db = Kysely<DB> | Transaction<DB>;

export interface FederationRow {
  id: string;
  name: string;
  divisionCode: string;
  divisionName: string;
  kind: string;
  leadOrganizationId: string | null;
  leadOrganizationName: string | null;
  foundedOn: string;
  description: string | null;
  memberCount: number;
  moveInCount: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface ListFilter {
  q?: string | undefined;
  kind?: string | undefined;
  divisionCode?: string | undefined;
}

/** The one visibility rule of the module: a federation belongs to a street; scope is a prefix of it. */
export function visibleTo(db: Db, caller: Caller) {
  return db.selectFrom('federation as f').where((eb) => inScope(eb, 'f.division_code', caller.scope));
}

function rows(db: Db, caller: Caller) {
  return visibleTo(db, caller)
    .innerJoin('division as d', 'd.code', 'f.divisionCode')
    .leftJoin('organization as lead', 'lead.id', 'f.leadOrganizationId')
    .select([
      'f.id',
      'f.name',
      'f.divisionCode',
      'd.name as divisionName',
      'f.kind',
      'f.leadOrganizationId',
      'lead.name as leadOrganizationName',
      sql<string>`f.founded_on::text`.as('foundedOn'),
      'f.description',
      sql<number>`(select count(*)::int from federation_member m where m.federation_id = f.id and m.left_on is null)`.as(
        'memberCount',
      ),
      sql<number>`(select count(*)::int from federation_move_in mi where mi.federation_id = f.id)`.as(
        'moveInCount',
      ),
      'f.version',
      'f.createdAt',
      'f.updatedAt',
    ]);
}

function filtered(db: Db, caller: Caller, f: ListFilter) {
  let q = rows(db, caller);
  if (f.kind) q = q.where('f.kind', '=', f.kind);
  if (f.divisionCode) q = q.where('f.divisionCode', 'like', `${escapeLike(f.divisionCode)}%`);
  if (f.q) q = q.where('f.name', 'like', `%${escapeLike(f.q)}%`);
  return q;
}

const normalize = (r: FederationRow): FederationRow => ({
  ...r,
  memberCount: Number(r.memberCount),
  moveInCount: Number(r.moveInCount),
});

export async function listRows(
  db: Db,
  caller: Caller,
  f: ListFilter & { limit: number; offset: number },
): Promise<{ items: FederationRow[]; total: number }> {
  const [items, total] = await Promise.all([
    filtered(db, caller, f)
      .orderBy('f.divisionCode')
      .orderBy('f.name')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    filtered(db, caller, f)
      .clearSelect()
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: items.map(normalize), total: Number(total.n) };
}

export async function exportRows(db: Db, caller: Caller, f: ListFilter): Promise<FederationRow[]> {
  const items = await filtered(db, caller, f).orderBy('f.divisionCode').orderBy('f.name').execute();
  return items.map(normalize);
}

export async function findRow(db: Db, caller: Caller, id: string): Promise<FederationRow | undefined> {
  const row = await rows(db, caller).where('f.id', '=', id).executeTakeFirst();
  return row && normalize(row);
}

/** The federation for a write, locked until the transaction ends. */
export async function lockRow(
  db: Db,
  caller: Caller,
  id: string,
): Promise<{ id: string; name: string; divisionCode: string; version: number } | undefined> {
  return visibleTo(db, caller)
    .select(['f.id', 'f.name', 'f.divisionCode', 'f.version'])
    .where('f.id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export interface MemberRow {
  id: string;
  federationId: string;
  organizationId: string;
  organizationName: string;
  divisionName: string;
  role: string;
  joinedOn: string;
  leftOn: string | null;
}

function memberRows(db: Db) {
  return db
    .selectFrom('federationMember as m')
    .innerJoin('organization as o', 'o.id', 'm.organizationId')
    .innerJoin('division as d', 'd.code', 'o.divisionCode')
    .select([
      'm.id',
      'm.federationId',
      'm.organizationId',
      'o.name as organizationName',
      'd.name as divisionName',
      'm.role',
      sql<string>`m.joined_on::text`.as('joinedOn'),
      sql<string | null>`m.left_on::text`.as('leftOn'),
    ]);
}

/** Members of the given federations (already checked visible): current first, by role and date. */
export async function membersOf(db: Db, federationIds: readonly string[]): Promise<MemberRow[]> {
  if (federationIds.length === 0) return [];
  return memberRows(db)
    .where('m.federationId', 'in', federationIds)
    .orderBy(sql`m.left_on is not null`)
    .orderBy(sql`case m.role when 'president' then 0 when 'vice_president' then 1 else 2 end`)
    .orderBy('m.joinedOn')
    .orderBy('o.name')
    .execute();
}

export async function findMember(
  db: Db,
  federationId: string,
  memberId: string,
): Promise<MemberRow | undefined> {
  return memberRows(db)
    .where('m.federationId', '=', federationId)
    .where('m.id', '=', memberId)
    .executeTakeFirst();
}

export async function currentMembership(
  db: Db,
  federationId: string,
  organizationId: string,
): Promise<{ id: string } | undefined> {
  return db
    .selectFrom('federationMember')
    .select('id')
    .where('federationId', '=', federationId)
    .where('organizationId', '=', organizationId)
    .where('leftOn', 'is', null)
    .executeTakeFirst();
}

export interface MoveInRow {
  id: string;
  federationId: string;
  federationName: string;
  organizationId: string;
  organizationName: string;
  divisionName: string;
  movedInOn: string;
  origin: string;
  note: string | null;
}

/** Move-ins through federations the caller sees (their visibility is the federation's). */
function moveInRows(db: Db, caller: Caller) {
  return visibleTo(db, caller)
    .innerJoin('federationMoveIn as mi', 'mi.federationId', 'f.id')
    .innerJoin('organization as o', 'o.id', 'mi.organizationId')
    .innerJoin('division as d', 'd.code', 'o.divisionCode')
    .select([
      'mi.id',
      'mi.federationId',
      'f.name as federationName',
      'mi.organizationId',
      'o.name as organizationName',
      'd.name as divisionName',
      sql<string>`mi.moved_in_on::text`.as('movedInOn'),
      'mi.origin',
      'mi.note',
    ]);
}

export interface MoveInFilter {
  federationIds?: readonly string[] | undefined;
  divisionCode?: string | undefined;
  year?: number | undefined;
}

function moveInFiltered(db: Db, caller: Caller, f: MoveInFilter) {
  let q = moveInRows(db, caller);
  if (f.federationIds) q = q.where('mi.federationId', 'in', f.federationIds.length ? f.federationIds : ['']);
  if (f.divisionCode) q = q.where('f.divisionCode', 'like', `${escapeLike(f.divisionCode)}%`);
  if (f.year !== undefined)
    q = q.where('mi.movedInOn', '>=', `${f.year}-01-01`).where('mi.movedInOn', '<=', `${f.year}-12-31`);
  return q;
}

export async function listMoveIns(
  db: Db,
  caller: Caller,
  f: MoveInFilter & { limit?: number; offset?: number },
): Promise<{ items: MoveInRow[]; total: number }> {
  let q = moveInFiltered(db, caller, f).orderBy('mi.movedInOn', 'desc').orderBy('o.name');
  if (f.limit !== undefined) q = q.limit(f.limit).offset(f.offset ?? 0);
  const [items, total] = await Promise.all([
    q.execute(),
    moveInFiltered(db, caller, f)
      .clearSelect()
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function moveInOf(db: Db, organizationId: string): Promise<{ movedInOn: string } | undefined> {
  return db
    .selectFrom('federationMoveIn')
    .select(sql<string>`moved_in_on::text`.as('movedInOn'))
    .where('organizationId', '=', organizationId)
    .executeTakeFirst();
}

export interface OrganizationRef {
  id: string;
  name: string;
  divisionCode: string;
  fromOutside: boolean;
  version: number;
}

/**
 * An organization the caller may name in a federation: within the caller's scope (the registry's
 * prefix rule). Locked when a move-in is about to change its record.
 */
export async function organizationInScope(
  db: Db,
  caller: Caller,
  id: string,
  lock = false,
): Promise<OrganizationRef | undefined> {
  let q = db
    .selectFrom('organization as o')
    .select(['o.id', 'o.name', 'o.divisionCode', 'o.fromOutside', 'o.version'])
    .where((eb) => inScope(eb, 'o.division_code', caller.scope))
    .where('o.id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** A street (9 digits) within the caller's scope. */
export async function findStreet(
  db: Db,
  caller: Caller,
  code: string,
): Promise<{ code: string } | undefined> {
  return db
    .selectFrom('division')
    .select('code')
    .where('code', '=', code)
    .where((eb) => inScope(eb, 'code', caller.scope))
    .where(sql<boolean>`length(code) = 9`)
    .executeTakeFirst();
}
