import { randomUUID } from 'node:crypto';
import type { FocusArea, NeedSource, Role } from '@linli/common';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { appendAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { PageOf } from '../../platform/http-schemas.ts';
import { type Caller, can, escapeLike, inScope } from '../../platform/scope.ts';
import { type Db, needsVisibleTo } from './funding.repository.ts';
import type { CreateNeedInput, Need, NeedFilters, UpdateNeedInput } from './funding.schemas.ts';

export const NEED_EXPORT_LIMIT = 20_000;

/** Which kind of recorder a caller is, by its most local role. */
const SOURCE_BY_ROLE: ReadonlyArray<readonly [Role, NeedSource]> = [
  ['station_staff', 'station'],
  ['community_worker', 'community'],
  ['department_staff', 'department'],
  ['street_staff', 'street'],
  ['district_admin', 'district'],
];

function sourceOf(caller: Caller): NeedSource {
  return SOURCE_BY_ROLE.find(([role]) => caller.roles.includes(role))?.[1] ?? 'district';
}

function rows(db: Db, caller: Caller) {
  return needsVisibleTo(db, caller)
    .innerJoin('division as d', 'd.code', 'n.divisionCode')
    .leftJoin('fundingCall as c', 'c.id', 'n.callId')
    .select([
      'n.id',
      'n.title',
      'n.description',
      'n.focusArea',
      'n.divisionCode',
      'd.name as divisionName',
      'n.source',
      'n.department',
      'n.estimatedFen',
      'n.callId',
      'c.title as callTitle',
      'n.createdByName',
      'n.createdAt',
      'n.version',
    ]);
}
type NeedRow = Awaited<ReturnType<ReturnType<typeof rows>['executeTakeFirstOrThrow']>>;

/** Needs (需求清单, issue #7 item 2) recorded by communities, service stations, streets and departments. */
export class NeedService {
  constructor(private readonly db: Kysely<DB>) {}

  #need(caller: Caller, r: NeedRow): Need {
    return {
      id: r.id,
      title: r.title,
      description: r.description,
      focusArea: r.focusArea as FocusArea,
      divisionCode: r.divisionCode,
      divisionName: r.divisionName,
      source: r.source as NeedSource,
      department: r.department,
      estimatedFen: r.estimatedFen === null ? null : Number(r.estimatedFen),
      callId: r.callId,
      callTitle: r.callTitle ?? null,
      createdByName: r.createdByName,
      createdAt: r.createdAt.toISOString(),
      version: r.version,
      // A need bundled into a call is part of what the call announced.
      abilities: { update: can(caller, 'need:write') && r.callId === null },
    };
  }

  #filtered(db: Db, caller: Caller, f: NeedFilters) {
    let q = rows(db, caller);
    if (f.focusArea) q = q.where('n.focusArea', '=', f.focusArea);
    if (f.source) q = q.where('n.source', '=', f.source);
    if (f.divisionCode) q = q.where('n.divisionCode', 'like', `${escapeLike(f.divisionCode)}%`);
    if (f.unassigned) q = q.where('n.callId', 'is', null);
    if (f.callId) q = q.where('n.callId', '=', f.callId);
    if (f.q?.trim()) q = q.where('n.title', 'like', `%${escapeLike(f.q.trim())}%`);
    return q;
  }

  async list(
    caller: Caller,
    query: NeedFilters & { limit?: number; offset?: number },
  ): Promise<PageOf<Need>> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const [items, total] = await Promise.all([
      this.#filtered(this.db, caller, query)
        .orderBy('n.createdAt', 'desc')
        .orderBy('n.id')
        .limit(limit)
        .offset(offset)
        .execute(),
      this.#filtered(this.db, caller, query)
        .clearSelect()
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { items: items.map((r) => this.#need(caller, r)), total: Number(total.n), limit, offset };
  }

  async exportRows(caller: Caller, query: NeedFilters): Promise<Need[]> {
    const result = await this.#filtered(this.db, caller, query)
      .orderBy('n.divisionCode')
      .orderBy('n.createdAt')
      .limit(NEED_EXPORT_LIMIT)
      .execute();
    await this.db.transaction().execute((trx) =>
      appendAudit(trx, caller.actor, {
        action: 'need.export',
        entityType: 'need',
        divisionCode: caller.scope.kind === 'prefixes' ? (caller.scope.prefixes[0] ?? null) : null,
        after: { count: result.length, filters: query },
      }),
    );
    return result.map((r) => this.#need(caller, r));
  }

  async detail(caller: Caller, id: string): Promise<Need> {
    const row = await rows(this.db, caller).where('n.id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('need.notFound', { id });
    return this.#need(caller, row);
  }

  /** Needs the caller sees, by id (a call bundles them); missing ones are left out. */
  async visibleIds(
    db: Db,
    caller: Caller,
    ids: readonly string[],
  ): Promise<Array<{ id: string; callId: string | null }>> {
    if (ids.length === 0) return [];
    return needsVisibleTo(db, caller).select(['n.id', 'n.callId']).where('n.id', 'in', ids).execute();
  }

  async #checkDivision(db: Db, caller: Caller, code: string): Promise<void> {
    const found = await db
      .selectFrom('division')
      .select('code')
      .where('code', '=', code)
      .where((eb) => inScope(eb, 'code', caller.scope))
      .executeTakeFirst();
    if (!found) throw new AppError('need.invalidDivision', { code });
  }

  async create(caller: Caller, input: CreateNeedInput): Promise<Need> {
    const id = randomUUID();
    const source = sourceOf(caller);
    const values = {
      id,
      title: input.title.trim(),
      description: input.description?.trim() || null,
      focusArea: input.focusArea,
      divisionCode: input.divisionCode,
      source,
      department: source === 'department' ? (caller.departments?.[0] ?? null) : null,
      estimatedFen: input.estimatedFen ?? null,
      createdBy: caller.actor.id,
      createdByName: caller.actor.name,
    };
    await this.db.transaction().execute(async (trx) => {
      await this.#checkDivision(trx, caller, input.divisionCode);
      await trx.insertInto('need').values(values).execute();
      await appendAudit(trx, caller.actor, {
        action: 'need.create',
        entityType: 'need',
        entityId: id,
        divisionCode: input.divisionCode,
        after: values,
      });
    });
    return this.detail(caller, id);
  }

  async update(caller: Caller, id: string, input: UpdateNeedInput): Promise<Need> {
    await this.db.transaction().execute(async (trx) => {
      const row = await needsVisibleTo(trx, caller)
        .selectAll('n')
        .where('n.id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!row) throw new AppError('need.notFound', { id });
      if (row.version !== input.version) throw new AppError('conflict.version', { id });
      if (row.callId !== null) throw new AppError('auth.forbidden');
      const changes: Record<string, unknown> = {};
      if (input.title !== undefined) changes.title = input.title.trim();
      if (input.description !== undefined) changes.description = input.description?.trim() || null;
      if (input.focusArea !== undefined) changes.focusArea = input.focusArea;
      if (input.estimatedFen !== undefined) changes.estimatedFen = input.estimatedFen;
      if (input.divisionCode !== undefined && input.divisionCode !== row.divisionCode) {
        await this.#checkDivision(trx, caller, input.divisionCode);
        changes.divisionCode = input.divisionCode;
      }
      if (Object.keys(changes).length === 0) return;
      await trx
        .updateTable('need')
        .set({ ...changes, version: row.version + 1, updatedAt: new Date() })
        .where('id', '=', id)
        .execute();
      await appendAudit(trx, caller.actor, {
        action: 'need.update',
        entityType: 'need',
        entityId: id,
        divisionCode: (changes.divisionCode as string | undefined) ?? row.divisionCode,
        before: Object.fromEntries(Object.keys(changes).map((k) => [k, (row as Record<string, unknown>)[k]])),
        after: changes,
      });
    });
    return this.detail(caller, id);
  }
}
