import {
  COMMUNITY_TYPE_NAMES,
  COMMUNITY_TYPES,
  canStandUnder,
  codeProblemToField,
  type DivisionLevel,
  type FieldProblemCode,
  LEVEL_NAMES,
  type Locale,
  levelsForCode,
  normalizeDivisionCode,
  parentCodeOf,
} from '@linli/common';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { appendAuditBatch, changedFields } from '../../platform/audit.ts';
import { AppError, fieldError, type ProblemFieldError } from '../../platform/errors.ts';
import { type Caller, codeInScope } from '../../platform/scope.ts';
import { auditTarget } from './divisions.audit.ts';
import { COLUMNS, type ColumnKey, parseCommunityType, parseLevel, type SheetRow } from './divisions.excel.ts';
import { existingCodes } from './divisions.repository.ts';
import type { ImportResult } from './divisions.schemas.ts';

export interface ImportedDivision {
  code: string;
  name: string;
  level: DivisionLevel;
  parentCode: string | null;
  population: number | null;
  households: number | null;
  communityType: string | null;
  urbanRuralCode: string | null;
  boundary: unknown | undefined;
}

const BATCH = 500;
/** 城乡分类代码 of the NBS statistical codes (reference/standards.md §3). */
const URBAN_RURAL_CODES = ['111', '112', '121', '122', '123', '210', '220'];

/**
 * Checks every row before writing any: a file with one bad row is refused whole, and the answer
 * lists every bad row by its Excel row number. Valid files are written in one transaction.
 */
export async function importDivisionRows(
  db: Kysely<DB>,
  caller: Caller,
  rows: SheetRow[],
  options: {
    dryRun: boolean;
    locale: Locale;
    onProgress?: ((done: number, total: number) => void) | undefined;
  },
): Promise<ImportResult> {
  const { scope, actor } = caller;
  if (rows.length === 0) throw new AppError('import.empty');
  const errors: ProblemFieldError[] = [];
  const fail = (
    row: number,
    field: ColumnKey,
    code: FieldProblemCode,
    params: Record<string, unknown> = {},
  ) => {
    const header = COLUMNS.find((c) => c.key === field)?.header ?? field;
    errors.push(fieldError(options.locale, header, code, params, row));
  };

  const parsed: Array<ImportedDivision & { row: number }> = [];
  const rowOfCode = new Map<string, number>();
  for (const { row, cells } of rows) {
    const rawCode = cells.code ?? cells.nbsCode;
    if (!rawCode) {
      fail(row, 'code', 'field.required');
      continue;
    }
    const normalized = normalizeDivisionCode(rawCode);
    if ('problem' in normalized) {
      const p = codeProblemToField(normalized.problem);
      fail(row, 'code', p.code, { ...p.params, value: rawCode });
      continue;
    }
    const code = normalized.code;
    if (!codeInScope(code, scope)) {
      fail(row, 'code', 'division.parentMissing', { parentCode: parentCodeOf(code) ?? code });
      continue;
    }
    const other = rowOfCode.get(code);
    if (other !== undefined) {
      fail(row, 'code', 'division.duplicateInFile', { otherRow: other });
      continue;
    }
    rowOfCode.set(code, row);
    const level = levelsForCode(code)[0]!;
    const before = errors.length;
    if (cells.level) {
      const named = parseLevel(cells.level);
      if (named !== level) {
        fail(row, 'level', 'division.levelMismatch', {
          level: cells.level,
          expected: LEVEL_NAMES[options.locale][level],
        });
      }
    }
    const parentCode = parentCodeOf(code);
    if (cells.parentCode) {
      const p = normalizeDivisionCode(cells.parentCode);
      if ('problem' in p || p.code !== parentCode)
        fail(row, 'parentCode', 'division.parentMismatch', { expected: parentCode ?? '' });
    }
    const name = cells.name?.trim() ?? '';
    if (!name) fail(row, 'name', 'field.required');
    else if (name.length > 100) fail(row, 'name', 'field.tooLong', { max: 100 });
    const population = wholeNumber(cells.population, () => fail(row, 'population', 'field.notInteger'));
    const households = wholeNumber(cells.households, () => fail(row, 'households', 'field.notInteger'));
    let communityType: string | null = null;
    if (cells.communityType) {
      const t = parseCommunityType(cells.communityType);
      if (!t) {
        fail(row, 'communityType', 'field.unknownValue', {
          value: cells.communityType,
          allowed: COMMUNITY_TYPES.map((c) => COMMUNITY_TYPE_NAMES[options.locale][c]).join(' / '),
        });
      } else if (level === 'community') communityType = t;
    }
    const urbanRuralCode = cells.urbanRuralCode ?? null;
    if (urbanRuralCode && !URBAN_RURAL_CODES.includes(urbanRuralCode)) {
      fail(row, 'urbanRuralCode', 'field.unknownValue', {
        value: urbanRuralCode,
        allowed: URBAN_RURAL_CODES.join(' / '),
      });
    }
    let boundary: unknown;
    if (cells.boundary) {
      boundary = parseGeometry(cells.boundary);
      if (boundary === undefined) fail(row, 'boundary', 'field.invalidJson');
    }
    if (errors.length === before) {
      parsed.push({
        row,
        code,
        name,
        level,
        parentCode,
        population,
        households,
        communityType,
        urbanRuralCode,
        boundary,
      });
    }
  }

  const existing = await existingCodes(db, [
    ...new Set(parsed.flatMap((p) => (p.parentCode ? [p.code, p.parentCode] : [p.code]))),
  ]);
  for (const p of parsed) {
    if (!p.parentCode) continue;
    const parentLevel =
      (existing.get(p.parentCode)?.level as DivisionLevel | undefined) ??
      parsed.find((q) => q.code === p.parentCode)?.level;
    if (!parentLevel) {
      fail(p.row, 'code', 'division.parentMissing', { parentCode: p.parentCode });
    } else if (!canStandUnder(p.level, parentLevel)) {
      fail(p.row, 'code', 'division.levelUnderParent', {
        level: LEVEL_NAMES[options.locale][p.level],
        parentLevel: LEVEL_NAMES[options.locale][parentLevel],
      });
    }
    if (!existing.has(p.code) && !codeInScope(p.parentCode, scope)) {
      fail(p.row, 'code', 'division.parentMissing', { parentCode: p.parentCode });
    }
  }

  if (errors.length > 0) {
    errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    const badRows = new Set(errors.map((e) => e.row)).size;
    throw new AppError('import.rowsInvalid', { count: badRows, firstRow: errors[0]?.row }, errors);
  }

  const toCreate = parsed.filter((p) => !existing.has(p.code)).sort((a, b) => a.code.length - b.code.length);
  const toUpdate = parsed.filter((p) => {
    const e = existing.get(p.code);
    return e && changed(e, p);
  });
  const result: ImportResult = {
    dryRun: options.dryRun,
    total: parsed.length,
    created: toCreate.length,
    updated: toUpdate.length,
    unchanged: parsed.length - toCreate.length - toUpdate.length,
  };
  if (options.dryRun) return result;

  const work = toCreate.length + toUpdate.length;
  let done = 0;
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < toCreate.length; i += BATCH) {
      const batch = toCreate.slice(i, i + BATCH);
      await trx
        .insertInto('division')
        .values(
          batch.map((p) => ({
            code: p.code,
            name: p.name,
            level: p.level,
            parentCode: p.parentCode,
            population: p.population,
            households: p.households,
            communityType: p.communityType,
            urbanRuralCode: p.urbanRuralCode,
            boundary: p.boundary === undefined ? null : JSON.stringify(p.boundary),
            source: 'import',
          })),
        )
        .execute();
      done += batch.length;
      options.onProgress?.(done, work);
    }
    for (const p of toUpdate) {
      await trx
        .updateTable('division')
        .set({
          name: p.name,
          population: p.population,
          households: p.households,
          communityType: p.communityType,
          urbanRuralCode: p.urbanRuralCode,
          ...(p.boundary !== undefined
            ? { boundary: JSON.stringify(p.boundary), boundaryGenerated: false }
            : {}),
          version: sql<number>`version + 1`,
          updatedAt: sql<Date>`now()`,
        })
        .where('code', '=', p.code)
        .execute();
      done += 1;
      if (done % 100 === 0 || done === work) options.onProgress?.(done, work);
    }
    const fieldsOf = (p: ImportedDivision) => ({
      name: p.name,
      population: p.population,
      households: p.households,
      communityType: p.communityType,
      urbanRuralCode: p.urbanRuralCode,
      ...(p.boundary === undefined ? {} : { boundary: 'replaced' }),
    });
    await appendAuditBatch(trx, actor, [
      ...toCreate.map((p) => ({ ...auditTarget('division.import.create', p.code), after: fieldsOf(p) })),
      ...toUpdate.map((p) => ({
        ...auditTarget('division.import.update', p.code),
        ...changedFields(existing.get(p.code)!, fieldsOf(p)),
      })),
    ]);
  });
  return result;
}

function wholeNumber(text: string | undefined, onBad: () => void): number | null {
  if (text === undefined || text === '') return null;
  const n = Number(text.replaceAll(',', ''));
  if (!Number.isInteger(n) || n < 0 || n > 2_000_000_000) {
    onBad();
    return null;
  }
  return n;
}

function parseGeometry(text: string): unknown {
  try {
    const g = JSON.parse(text) as { type?: unknown; coordinates?: unknown };
    if ((g.type === 'Polygon' || g.type === 'MultiPolygon') && Array.isArray(g.coordinates)) return g;
  } catch {
    // falls through to "invalid"
  }
  return undefined;
}

function changed(
  e: {
    name: string;
    population: number | null;
    households: number | null;
    communityType: string | null;
    urbanRuralCode: string | null;
  },
  p: ImportedDivision,
): boolean {
  return (
    e.name !== p.name ||
    e.population !== p.population ||
    e.households !== p.households ||
    e.communityType !== p.communityType ||
    e.urbanRuralCode !== p.urbanRuralCode ||
    p.boundary !== undefined
  );
}
