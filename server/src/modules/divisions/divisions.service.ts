import {
  ancestorCodesOf,
  type CommunityType,
  canStandUnder,
  codeProblemToField,
  type DivisionLevel,
  type Locale,
  levelsForCode,
  normalizeDivisionCode,
  parentCodeOf,
  toNbsCode,
} from '@linli/common';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { appendAudit, changedFields } from '../../platform/audit.ts';
import type { ChangeFeed } from '../../platform/change-feed.ts';
import { AppError } from '../../platform/errors.ts';
import type { PageOf } from '../../platform/http-schemas.ts';
import { ReadCache } from '../../platform/read-cache.ts';
import { type Caller, codeInScope, escapeLike, type Scope } from '../../platform/scope.ts';
import { auditTarget } from './divisions.audit.ts';
import type { SheetRow } from './divisions.excel.ts';
import { importDivisionRows } from './divisions.import.ts';
import * as repo from './divisions.repository.ts';
import type {
  CreateDivisionInput,
  DivisionDetailData,
  DivisionMap,
  DivisionSummaryData,
  GeoFeature,
  ImportResult,
  MoveDivisionInput,
  SearchHit,
  TreeNode,
  UpdateDivisionInput,
} from './divisions.schemas.ts';

type ChildrenFilter = {
  level?: string | undefined;
  q?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
};
type SearchFilter = {
  q: string;
  level?: string | undefined;
  within?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
};

export function toSummary(row: repo.SummaryRow): DivisionSummaryData {
  return {
    code: row.code,
    nbsCode: toNbsCode(row.code),
    name: row.name,
    level: row.level as DivisionLevel,
    parentCode: row.parentCode,
    population: row.population,
    households: row.households,
    communityType: row.communityType as CommunityType | null,
    childCount: Number(row.childCount),
    hasBoundary: row.hasBoundary,
  };
}

/** Stored code for a user-entered one, or a 400 naming what is wrong with it. */
export function requireCode(input: string): string {
  const result = normalizeDivisionCode(input);
  if ('problem' in result) {
    const { code: reason, params: reasonParams } = codeProblemToField(result.problem);
    throw new AppError('division.invalidCode', { code: input, reason, reasonParams });
  }
  return result.code;
}

export const DIVISIONS_TOPIC = 'divisions';

export interface DivisionServiceOptions {
  /** Reads are served from here and cleared on every change (default: no caching). */
  cache?: ReadCache;
  /** Announces changes to other processes; without one, only this process's cache is cleared. */
  changes?: ChangeFeed;
}

export class DivisionService {
  readonly #cache: ReadCache;
  readonly #changes: ChangeFeed | undefined;

  constructor(
    private readonly db: Kysely<DB>,
    options: DivisionServiceOptions = {},
  ) {
    this.#cache = options.cache ?? new ReadCache(0);
    this.#changes = options.changes;
    this.#changes?.subscribe(DIVISIONS_TOPIC, () => this.#cache.clear());
  }

  #cached<T>(scope: Scope, parts: unknown[], load: () => Promise<T>): Promise<T> {
    const scopeKey = scope.kind === 'all' ? '*' : scope.prefixes.join(',');
    return this.#cache.get(JSON.stringify([scopeKey, ...parts]), load);
  }

  /** After a write has committed: drop cached reads here and in every other process. */
  async #changed(): Promise<void> {
    this.#cache.clear();
    await this.#changes?.publish(DIVISIONS_TOPIC);
  }

  tree(scope: Scope, rootInput: string | undefined, depth: number): Promise<TreeNode[]> {
    return this.#cached(scope, ['tree', rootInput, depth], () => this.#tree(scope, rootInput, depth));
  }

  async #tree(scope: Scope, rootInput: string | undefined, depth: number): Promise<TreeNode[]> {
    const root = rootInput ? requireCode(rootInput) : await this.rootCode(scope);
    if (!root) return [];
    await this.requireVisible(scope, root);
    const rows = await repo.treeRows(this.db, scope, root, depth);
    return rows.map((r) => ({
      code: r.code,
      name: r.name,
      level: r.level as DivisionLevel,
      parentCode: r.parentCode,
      childCount: Number(r.childCount),
    }));
  }

  /** The top division a scope sees: the district for `all`, else the caller's first prefix. */
  async rootCode(scope: Scope): Promise<string | null> {
    if (scope.kind === 'prefixes') return scope.prefixes[0] ?? null;
    const row = await this.db
      .selectFrom('division')
      .select('code')
      .where('parentCode', 'is', null)
      .orderBy('code')
      .executeTakeFirst();
    return row?.code ?? null;
  }

  detail(scope: Scope, codeInput: string): Promise<DivisionDetailData> {
    return this.#cached(scope, ['detail', codeInput], () => this.#detail(scope, codeInput));
  }

  async #detail(scope: Scope, codeInput: string): Promise<DivisionDetailData> {
    const code = requireCode(codeInput);
    const row = await this.requireVisible(scope, code);
    const [counts, ancestors, specialAreas, population, withBoundary] = await Promise.all([
      repo.descendantStats(this.db, code),
      repo.ancestorsOf(this.db, code),
      repo.specialAreasUnder(this.db, code),
      this.descendantPopulation(code, row.level as DivisionLevel),
      repo.childrenWithBoundary(this.db, code),
    ]);
    return {
      ...toSummary(row),
      urbanRuralCode: row.urbanRuralCode,
      source: row.source,
      boundaryGenerated: row.boundaryGenerated,
      childrenWithBoundary: withBoundary,
      descendantCounts: counts,
      descendantPopulation: population,
      ancestors: ancestors.map((a) => ({ ...a, level: a.level as DivisionLevel })),
      specialAreas: specialAreas.map((s) => ({
        ...s,
        id: Number(s.id),
        kind: s.kind as 'provincial_development_zone' | 'municipal_development_zone',
      })),
      version: row.version,
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  /** Population counted where it is recorded: communities and villages (their grids split the same people). */
  private async descendantPopulation(code: string, level: DivisionLevel): Promise<number> {
    if (level === 'grid') return 0;
    const finest = level === 'community' || level === 'village' ? ['grid'] : ['community', 'village'];
    const row = await this.db
      .selectFrom('division')
      .select(sql<number>`coalesce(sum(population), 0)::int`.as('n'))
      .where('divisionCode', 'like', `${escapeLike(code)}%`)
      .where('level', 'in', finest)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  children(scope: Scope, codeInput: string, filter: ChildrenFilter): Promise<PageOf<DivisionSummaryData>> {
    const { level, q, limit, offset } = filter;
    return this.#cached(scope, ['children', codeInput, level, q, limit, offset], () =>
      this.#children(scope, codeInput, filter),
    );
  }

  async #children(
    scope: Scope,
    codeInput: string,
    filter: ChildrenFilter,
  ): Promise<PageOf<DivisionSummaryData>> {
    const code = requireCode(codeInput);
    await this.requireVisible(scope, code);
    const limit = filter.limit ?? 20;
    const offset = filter.offset ?? 0;
    const { items, total } = await repo.listChildren(this.db, scope, code, {
      level: filter.level,
      q: filter.q?.trim() || undefined,
      limit,
      offset,
    });
    return { items: items.map(toSummary), total, limit, offset };
  }

  search(scope: Scope, filter: SearchFilter): Promise<PageOf<SearchHit>> {
    const { q, level, within, limit, offset } = filter;
    return this.#cached(scope, ['search', q, level, within, limit, offset], () =>
      this.#search(scope, filter),
    );
  }

  async #search(scope: Scope, filter: SearchFilter): Promise<PageOf<SearchHit>> {
    const limit = filter.limit ?? 20;
    const offset = filter.offset ?? 0;
    const within = filter.within ? requireCode(filter.within) : undefined;
    const { items, total } = await repo.searchByName(this.db, scope, {
      q: filter.q.trim(),
      level: filter.level,
      within,
      limit,
      offset,
    });
    const ancestorCodes = [...new Set(items.flatMap((i) => ancestorCodesOf(i.code)))];
    const names = await repo.namesOf(this.db, ancestorCodes);
    return {
      items: items.map((i) => ({
        ...toSummary(i),
        path: ancestorCodesOf(i.code)
          .map((c) => names.get(c)?.name ?? c)
          .join(' / '),
      })),
      total,
      limit,
      offset,
    };
  }

  map(scope: Scope, codeInput: string): Promise<DivisionMap> {
    return this.#cached(scope, ['map', codeInput], () => this.#map(scope, codeInput));
  }

  async #map(scope: Scope, codeInput: string): Promise<DivisionMap> {
    const code = requireCode(codeInput);
    await this.requireVisible(scope, code);
    const row = (await repo.findRow(this.db, scope, code))!;
    const children = await repo.childFeatures(this.db, scope, code);
    const feature = (r: {
      code: string;
      name: string;
      level: string;
      population: number | null;
      households: number | null;
      boundary: unknown;
    }): GeoFeature => ({
      type: 'Feature',
      properties: {
        code: r.code,
        name: r.name,
        level: r.level as DivisionLevel,
        population: r.population,
        households: r.households,
      },
      geometry: r.boundary as Record<string, unknown>,
    });
    const withBoundary = children.filter((c) => c.boundary);
    return {
      code: row.code,
      name: row.name,
      level: row.level as DivisionLevel,
      generated: row.boundaryGenerated || withBoundary.some((c) => c.boundaryGenerated),
      outline: row.boundary ? feature(row) : null,
      features: withBoundary.map(feature),
      missing: children
        .filter((c) => !c.boundary)
        .map((c) => ({ code: c.code, name: c.name, level: c.level as DivisionLevel })),
    };
  }

  async create(caller: Caller, input: CreateDivisionInput): Promise<DivisionDetailData> {
    const { scope, actor } = caller;
    const code = requireCode(input.code);
    const level = levelsForCode(code)[0]!;
    const parentCode = parentCodeOf(code);
    await this.db.transaction().execute(async (trx) => {
      if (await repo.findRow(trx, { kind: 'all' }, code)) throw new AppError('division.exists', { code });
      if (parentCode === null) {
        if (scope.kind !== 'all') throw new AppError('auth.forbidden');
      } else {
        const parent = await repo.findRow(trx, scope, parentCode);
        if (!parent) throw new AppError('division.parentNotFound', { parentCode });
        if (!canStandUnder(level, parent.level as DivisionLevel)) {
          throw new AppError('division.invalidLevelUnderParent', { level, parentLevel: parent.level });
        }
      }
      const values = {
        code,
        name: input.name.trim(),
        level,
        parentCode,
        population: input.population ?? null,
        households: input.households ?? null,
        communityType: communityTypeFor(level, input.communityType ?? null),
        urbanRuralCode: input.urbanRuralCode ?? null,
      };
      await trx.insertInto('division').values(values).execute();
      await appendAudit(trx, actor, { ...auditTarget('division.create', code), after: values });
    });
    await this.#changed();
    return this.detail(scope, code);
  }

  async update(caller: Caller, codeInput: string, input: UpdateDivisionInput): Promise<DivisionDetailData> {
    const { scope, actor } = caller;
    const code = requireCode(codeInput);
    await this.db.transaction().execute(async (trx) => {
      const row = await repo.findRow(trx, scope, code);
      if (!row) throw new AppError('division.notFound', { code });
      const level = row.level as DivisionLevel;
      const fields = {
        name: input.name?.trim(),
        population: input.population,
        households: input.households,
        communityType:
          input.communityType === undefined ? undefined : communityTypeFor(level, input.communityType),
        urbanRuralCode: input.urbanRuralCode,
      };
      const result = await trx
        .updateTable('division')
        .set({
          ...definedOnly(fields),
          ...(input.boundary !== undefined
            ? {
                boundary: input.boundary === null ? null : JSON.stringify(input.boundary),
                boundaryGenerated: false,
              }
            : {}),
          version: sql<number>`version + 1`,
          updatedAt: sql<Date>`now()`,
        })
        .where('code', '=', code)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw new AppError('conflict.version', { code });
      // Boundaries are large: the log records that one changed, not the coordinates.
      const boundary =
        input.boundary === undefined ? {} : { boundary: input.boundary === null ? 'removed' : 'replaced' };
      const diff = changedFields(row, { ...fields, ...boundary });
      await appendAudit(trx, actor, { ...auditTarget('division.update', code), ...diff });
    });
    await this.#changed();
    return this.detail(scope, code);
  }

  /**
   * Moves a division and its whole subtree under another parent. The code changes with the
   * parent (code = parent code + serial), as the NBS codes do when a community changes street;
   * every old code is kept in division_code_change.
   */
  async move(caller: Caller, codeInput: string, input: MoveDivisionInput): Promise<DivisionDetailData> {
    const { scope, actor } = caller;
    const code = requireCode(codeInput);
    const newParentCode = requireCode(input.newParentCode);
    const newCode = newParentCode + (input.newSerial ?? code.slice(-3));
    await this.db.transaction().execute(async (trx) => {
      const row = await repo.findRow(trx, scope, code);
      if (!row) throw new AppError('division.notFound', { code });
      if (row.parentCode === null) throw new AppError('division.rootImmutable');
      if (row.version !== input.version) throw new AppError('conflict.version', { code });
      if (newParentCode.startsWith(code)) throw new AppError('division.moveIntoSelf');
      const parent = await repo.findRow(trx, scope, newParentCode);
      if (!parent) throw new AppError('division.parentNotFound', { parentCode: newParentCode });
      const level = row.level as DivisionLevel;
      if (!canStandUnder(level, parent.level as DivisionLevel) || !levelsForCode(newCode).includes(level)) {
        throw new AppError('division.invalidLevelUnderParent', { level, parentLevel: parent.level });
      }
      if (newCode === code) return;
      if (await repo.findRow(trx, { kind: 'all' }, newCode))
        throw new AppError('division.exists', { code: newCode });
      const oldPrefixLength = code.length;
      await trx
        .insertInto('divisionCodeChange')
        .columns(['oldCode', 'newCode'])
        .expression((eb) =>
          eb
            .selectFrom('division')
            .select(['code', sql<string>`${newCode} || substr(code, ${oldPrefixLength + 1})`.as('newCode')])
            .where('divisionCode', 'like', `${escapeLike(code)}%`),
        )
        .execute();
      await trx
        .updateTable('division')
        .set({
          code: sql<string>`${newCode} || substr(code, ${oldPrefixLength + 1})`,
          parentCode: sql<string>`case when code = ${code} then ${newParentCode}::text else ${newCode} || substr(parent_code, ${oldPrefixLength + 1}) end`,
          version: sql<number>`version + 1`,
          updatedAt: sql<Date>`now()`,
        })
        .where('divisionCode', 'like', `${escapeLike(code)}%`)
        .execute();
      await appendAudit(trx, actor, {
        ...auditTarget('division.move', newCode),
        before: { code, parentCode: row.parentCode },
        after: { code: newCode, parentCode: newParentCode },
      });
    });
    await this.#changed();
    return this.detail(scope, newCode);
  }

  async remove(caller: Caller, codeInput: string, version: number): Promise<void> {
    const { scope, actor } = caller;
    const code = requireCode(codeInput);
    await this.db.transaction().execute(async (trx) => {
      const row = await repo.findSummary(trx, scope, code);
      if (!row) throw new AppError('division.notFound', { code });
      if (row.parentCode === null) throw new AppError('division.rootImmutable');
      if (Number(row.childCount) > 0)
        throw new AppError('division.hasChildren', { code, count: row.childCount });
      const result = await trx
        .deleteFrom('division')
        .where('code', '=', code)
        .where('version', '=', version)
        .executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) throw new AppError('conflict.version', { code });
      const { name, level, parentCode, population, households, communityType, urbanRuralCode } = row;
      await appendAudit(trx, actor, {
        ...auditTarget('division.delete', code),
        before: { name, level, parentCode, population, households, communityType, urbanRuralCode },
      });
    });
    await this.#changed();
  }

  /** Every division from `root` (default: the caller's top) down, parents before children. */
  async subtree(
    scope: Scope,
    rootInput: string | undefined,
  ): Promise<{ root: string; rows: repo.DivisionRow[] }> {
    const root = rootInput ? requireCode(rootInput) : await this.rootCode(scope);
    if (!root) return { root: '', rows: [] };
    await this.requireVisible(scope, root);
    return { root, rows: await repo.subtreeRows(this.db, scope, root) };
  }

  async importRows(
    caller: Caller,
    rows: SheetRow[],
    options: {
      dryRun: boolean;
      locale: Locale;
      onProgress?: ((done: number, total: number) => void) | undefined;
    },
  ): Promise<ImportResult> {
    const result = await importDivisionRows(this.db, caller, rows, options);
    if (!result.dryRun && result.created + result.updated > 0) await this.#changed();
    return result;
  }

  /** 404 for a code that does not exist and for one outside the caller's scope alike: no existence leak. */
  async requireVisible(scope: Scope, code: string): Promise<repo.SummaryRow> {
    const row = codeInScope(code, scope) ? await repo.findSummary(this.db, scope, code) : undefined;
    if (!row) throw new AppError('division.notFound', { code });
    return row;
  }
}

function definedOnly<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Only communities carry a community type (R1.3). */
function communityTypeFor(level: DivisionLevel, value: string | null): string | null {
  return level === 'community' ? value : null;
}
