import { randomUUID } from 'node:crypto';
import {
  type CatalogList,
  checkUscc,
  codeProblemToField,
  compactCode,
  type FieldProblemCode,
  isRegisteredKind,
  type Locale,
  maskPhone,
  normalizeDivisionCode,
  normalizeMobile,
  ORGANIZATION_KIND_NAMES,
  ORGANIZATION_KINDS,
  ORGANIZATION_STATE_NAMES,
  ORGANIZATION_STATES,
  ORGANIZATION_VENUE_NAMES,
  ORGANIZATION_VENUES,
  type OrganizationKind,
} from '@linli/common';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { appendAudit, canonicalJson } from '../../platform/audit.ts';
import type { DataCipher } from '../../platform/crypto.ts';
import { AppError, fieldError, type ProblemFieldError } from '../../platform/errors.ts';
import { type Caller, can, inScope } from '../../platform/scope.ts';
import { type CatalogEntry, catalogNames, OrganizationCatalogService } from './organizations.catalog.ts';
import {
  headerOf,
  LIST_SEPARATOR,
  type RegistryColumnKey,
  readRegistrySheet,
  registryTemplate,
} from './organizations.excel.ts';
import { canEdit } from './organizations.policy.ts';
import * as repo from './organizations.repository.ts';
import type { OrganizationImportResult } from './organizations.schemas.ts';

/**
 * Spreadsheet import of the registry (issue #4 item 8), the counterpart of the export: the same
 * columns (organizations.excel.ts), all or nothing, every problem named by row, column and reason.
 *
 * - A row with a system id updates that record (it must be in the caller's scope); a row without
 *   one creates a record, which starts "awaiting review" like one entered by hand. Only the
 *   columns the sheet has are compared, and only differing values are written, so importing an
 *   export unchanged changes nothing and leaves no audit entry.
 * - A credit code already in the registry under another record, or twice in the file, is an
 *   error (the "duplicates by credit code reported"); the same code on the row of its own
 *   record is no duplicate — that is what makes export → import a no-op round trip.
 * - The masked phones of the export never overwrite the stored numbers: a masked value equal to
 *   the stored one's mask is "unchanged"; a full number replaces it.
 * - State and grade are read-only here (they change through the workflow and evaluations); the
 *   kind of a record cannot change either.
 * - Field and category names are read through the district's catalog (organization_catalog).
 * - Rows are checked against the records as they are inside the write transaction (locked), so
 *   what the dry run reports is what the import does, unless someone edits in between.
 */

export interface ImportDeps {
  db: Kysely<DB>;
  cipher: DataCipher;
}

const NAME_MIN = 2;
const NAME_MAX = 100;
const TEXT_MAX: Partial<Record<RegistryColumnKey, number>> = {
  registrationAuthority: 100,
  legalRepName: 50,
  address: 200,
  serviceArea: 200,
};
const COUNT_MAX = { staffCount: 100_000, volunteerCount: 1_000_000 } as const;
const TAGS_MAX = 20;
const TAG_MAX = 20;

/** Names match with or without a parenthetical note (民办非企业单位（社会服务机构） = 民办非企业单位), in any case. */
function nameKey(text: string): string {
  return text
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/\s+/g, '')
    .toLowerCase();
}

/** Chinese and English names and the code itself, all mapping to the code. */
function lookup<C extends string>(
  codes: readonly C[],
  names: Record<Locale, Record<C, string>>,
): Map<string, C> {
  const map = new Map<string, C>();
  for (const code of codes) {
    map.set(nameKey(code), code);
    map.set(nameKey(names['en-US'][code]), code);
    map.set(nameKey(names['zh-CN'][code]), code);
  }
  return map;
}

const KINDS = lookup(ORGANIZATION_KINDS, ORGANIZATION_KIND_NAMES);
const STATES = lookup(ORGANIZATION_STATES, ORGANIZATION_STATE_NAMES);
const VENUES = lookup(ORGANIZATION_VENUES, ORGANIZATION_VENUE_NAMES);
const YES = new Set(['是', 'y', 'yes', 'true', '1']);
const NO = new Set(['否', 'n', 'no', 'false', '0']);

/** The district's catalog by name: every entry (records may keep inactive ones), and the active names to offer. */
interface CatalogLookup {
  byName: Map<string, CatalogEntry>;
  activeNames: string;
}

function catalogLookup(entries: CatalogEntry[], list: CatalogList, locale: Locale): CatalogLookup {
  const own = entries.filter((e) => e.list === list);
  const byName = new Map<string, CatalogEntry>();
  for (const e of own) for (const n of [e.code, e.nameEn, e.nameZh]) byName.set(nameKey(n), e);
  const activeNames = own
    .filter((e) => e.active)
    .map((e) => (locale === 'zh-CN' ? e.nameZh : e.nameEn))
    .join('、');
  return { byName, activeNames };
}

/** 2024-03-15, 2024/3/15, 2024.3.15, 2024年3月15日, 20240315, an Excel date or day number → ISO date. */
export function parseSheetDate(text: string): string | null {
  let y: number;
  let m: number;
  let d: number;
  const parts =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (parts) {
    [y, m, d] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  } else if (/^\d{5}$/.test(text)) {
    // Excel's day number (days since 1899-12-30), when a date column was formatted as a number.
    const date = new Date(Date.UTC(1899, 11, 30) + Number(text) * 86_400_000);
    [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  } else if (/GMT|\dT\d/.test(text) && !Number.isNaN(Date.parse(text))) {
    // A cell Excel turned into a date: exceljs keeps it as midnight UTC of that day.
    const date = new Date(text);
    [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  } else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  if (y < 1949 || y > 2100) return null;
  return date.toISOString().slice(0, 10);
}

/** A mobile number, or a landline with its area code (0431-8xxxxxxx), as digits. */
function normalizeContactPhone(input: string): string | null {
  const mobile = normalizeMobile(input);
  if (mobile) return mobile;
  const digits = input.replace(/[\s-]/g, '');
  return /^0\d{9,11}$/.test(digits) ? digits : null;
}

/** The values a row gives, as the record stores them; only the sheet's columns are set. */
interface RowValues {
  name?: string;
  kind?: OrganizationKind;
  state?: string;
  uscc?: string | null;
  registrationAuthority?: string | null;
  registeredOn?: string | null;
  filedOn?: string | null;
  legalRepName?: string | null;
  /** A full number to store (null clears it); absent when the sheet has none or keeps the stored one. */
  contactPhone?: string | null;
  address?: string | null;
  divisionCode?: string;
  fields?: string[];
  category?: string;
  serviceArea?: string | null;
  staffCount?: number;
  volunteerCount?: number;
  venue?: string;
  grade?: string | null;
  fromOutside?: boolean;
  tags?: string[];
}

interface ParsedRow {
  row: number;
  existing: repo.OrganizationRow | undefined;
  values: RowValues;
}

/** Record columns a row may change, compared as sets where order carries no meaning. */
const UPDATABLE = [
  'name',
  'uscc',
  'registrationAuthority',
  'registeredOn',
  'filedOn',
  'legalRepName',
  'address',
  'divisionCode',
  'fields',
  'category',
  'serviceArea',
  'staffCount',
  'volunteerCount',
  'venue',
  'fromOutside',
  'tags',
] as const satisfies readonly (keyof RowValues & RegistryColumnKey)[];
const SET_VALUED = new Set<string>(['fields', 'tags']);

function same(key: string, a: unknown, b: unknown): boolean {
  if (SET_VALUED.has(key) && Array.isArray(a) && Array.isArray(b))
    return canonicalJson([...a].sort()) === canonicalJson([...b].sort());
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}

export async function importRegistry(
  deps: ImportDeps,
  caller: Caller,
  buffer: Buffer,
  options: { dryRun: boolean; locale: Locale },
): Promise<OrganizationImportResult> {
  const { locale, dryRun } = options;
  const { rows, columns } = await readRegistrySheet(buffer);
  const catalog = await new OrganizationCatalogService(deps.db).list();
  const fieldNames = catalogLookup(catalog, 'field', locale);
  const categoryNames = catalogLookup(catalog, 'category', locale);
  const allowedKinds: OrganizationKind[] = can(caller, 'organization:register')
    ? [...ORGANIZATION_KINDS]
    : ['community_org'];
  const allowedKindNames = allowedKinds.map((k) => ORGANIZATION_KIND_NAMES[locale][k]).join('、');

  return deps.db.transaction().execute(async (trx) => {
    const errors: ProblemFieldError[] = [];
    const fail = (
      row: number,
      column: RegistryColumnKey,
      code: FieldProblemCode,
      params: Record<string, unknown> = {},
    ) => {
      errors.push(fieldError(locale, headerOf(column), code, params, row));
    };

    // The records the rows name, locked when the import writes, so nobody changes them in between.
    const ids = [...new Set(rows.map((r) => r.cells.id).filter((id): id is string => !!id))];
    const existing = new Map((await repo.findRows(trx, caller, ids, !dryRun)).map((r) => [r.id, r] as const));

    const parsed: ParsedRow[] = [];
    const idRows = new Map<string, number>();
    for (const { row, cells } of rows) {
      const values: RowValues = {};
      let record: repo.OrganizationRow | undefined;
      if (cells.id) {
        record = existing.get(cells.id);
        const other = idRows.get(cells.id);
        if (other !== undefined) fail(row, 'id', 'organization.idInFile', { otherRow: other });
        else idRows.set(cells.id, row);
        if (!record) {
          fail(row, 'id', 'organization.idUnknown', { id: cells.id });
          continue;
        }
      }
      const has = (key: RegistryColumnKey) => columns.has(key);
      const text = (key: RegistryColumnKey) => cells[key]?.trim() ?? '';

      const name = text('name');
      if (!name) fail(row, 'name', 'field.required');
      else if ([...name].length < NAME_MIN) fail(row, 'name', 'field.tooShort', { min: NAME_MIN });
      else if ([...name].length > NAME_MAX) fail(row, 'name', 'field.tooLong', { max: NAME_MAX });
      else values.name = name;

      const kindText = text('kind');
      const kind = kindText ? KINDS.get(nameKey(kindText)) : undefined;
      if (!kindText) fail(row, 'kind', 'field.required');
      else if (!kind) fail(row, 'kind', 'field.unknownValue', { value: kindText, allowed: allowedKindNames });
      else if (record && record.kind !== kind)
        fail(row, 'kind', 'organization.importKindChange', {
          current: ORGANIZATION_KIND_NAMES[locale][record.kind as OrganizationKind],
        });
      else if (!record && !allowedKinds.includes(kind))
        fail(row, 'kind', 'organization.importKind', {
          kindName: ORGANIZATION_KIND_NAMES[locale][kind],
          allowed: allowedKindNames,
        });
      else values.kind = kind;
      const effectiveKind = record?.kind ?? kind;

      if (has('state') && text('state')) {
        const state = STATES.get(nameKey(text('state')));
        const current = record?.state ?? 'applied';
        if (!state)
          fail(row, 'state', 'field.unknownValue', {
            value: text('state'),
            allowed: Object.values(ORGANIZATION_STATE_NAMES[locale]).join('、'),
          });
        else if (state !== current)
          fail(
            row,
            'state',
            record ? 'organization.importState' : 'organization.importNewState',
            record
              ? {
                  current:
                    ORGANIZATION_STATE_NAMES[locale][
                      record.state as keyof (typeof ORGANIZATION_STATE_NAMES)['zh-CN']
                    ],
                }
              : {},
          );
      }

      if (has('uscc') || !record) {
        const raw = text('uscc');
        if (!raw) {
          // A legacy record without a code keeps its gap; a new registered one must bring a code.
          if (effectiveKind && isRegisteredKind(effectiveKind) && !(record && record.uscc === null))
            fail(row, 'uscc', 'field.required');
          else values.uscc = null;
        } else if (record && compactCode(raw) === record.uscc) {
          // Unchanged, including a legacy code the district verified by hand.
          values.uscc = record.uscc;
        } else {
          const checked = checkUscc(raw);
          if (!checked.ok) fail(row, 'uscc', checked.problem as FieldProblemCode);
          else values.uscc = checked.value;
        }
      }

      for (const key of ['registrationAuthority', 'legalRepName', 'address', 'serviceArea'] as const) {
        if (!has(key) && record) continue;
        const value = text(key);
        const max = TEXT_MAX[key]!;
        if ([...value].length > max) fail(row, key, 'field.tooLong', { max });
        else values[key] = value || null;
      }

      for (const key of ['registeredOn', 'filedOn'] as const) {
        if (!has(key) && record) continue;
        const value = text(key);
        if (!value) values[key] = null;
        else {
          const date = parseSheetDate(value);
          if (!date) fail(row, key, 'field.date');
          else values[key] = date;
        }
      }

      if (has('contactPhone')) {
        const value = text('contactPhone');
        const stored = record?.contactPhoneSealed ? deps.cipher.decrypt(record.contactPhoneSealed) : null;
        if (!value) values.contactPhone = null;
        else if (value.includes('*')) {
          // The export's masked number: kept as stored when it is the stored number's mask.
          if (!(stored && maskPhone(stored) === value))
            fail(row, 'contactPhone', 'organization.importMaskedPhone');
        } else {
          const phone = normalizeContactPhone(value);
          if (!phone) fail(row, 'contactPhone', 'organization.phoneFormat');
          else values.contactPhone = phone;
        }
        if (values.contactPhone !== undefined && values.contactPhone === stored) delete values.contactPhone;
      }

      const codeText = text('divisionCode');
      if (!codeText) fail(row, 'divisionCode', 'field.required');
      else {
        const normalized = normalizeDivisionCode(codeText);
        if ('problem' in normalized) {
          const { code, params } = codeProblemToField(normalized.problem);
          fail(row, 'divisionCode', code, params);
        } else values.divisionCode = normalized.code;
      }

      const fieldsText = text('fields');
      if (!fieldsText) fail(row, 'fields', 'field.required');
      else {
        const codes: string[] = [];
        for (const part of fieldsText
          .split(LIST_SEPARATOR)
          .map((p) => p.trim())
          .filter(Boolean)) {
          const entry = fieldNames.byName.get(nameKey(part));
          if (!entry || (!entry.active && !record?.fields.includes(entry.code)))
            fail(row, 'fields', 'field.unknownValue', { value: part, allowed: fieldNames.activeNames });
          else if (!codes.includes(entry.code)) codes.push(entry.code);
        }
        if (codes.length > 0) values.fields = codes;
      }

      const categoryText = text('category');
      if (!categoryText) fail(row, 'category', 'field.required');
      else {
        const entry = categoryNames.byName.get(nameKey(categoryText));
        if (!entry || (!entry.active && record?.category !== entry.code))
          fail(row, 'category', 'field.unknownValue', {
            value: categoryText,
            allowed: categoryNames.activeNames,
          });
        else values.category = entry.code;
      }

      for (const key of ['staffCount', 'volunteerCount'] as const) {
        if (!has(key) && record) continue;
        const value = text(key);
        if (!value) values[key] = 0;
        else if (!/^\d+$/.test(value)) fail(row, key, 'field.notInteger');
        else if (Number(value) > COUNT_MAX[key]) fail(row, key, 'field.tooLarge', { max: COUNT_MAX[key] });
        else values[key] = Number(value);
      }

      if (has('venue') || !record) {
        const value = text('venue');
        const venue = value ? VENUES.get(nameKey(value)) : 'none';
        if (!venue)
          fail(row, 'venue', 'field.unknownValue', {
            value,
            allowed: Object.values(ORGANIZATION_VENUE_NAMES[locale]).join('、'),
          });
        else values.venue = venue;
      }

      if (has('grade')) {
        const value = text('grade').toUpperCase() || null;
        const current = record?.grade ?? null;
        if (value !== current)
          fail(row, 'grade', 'organization.importGrade', {
            current: current ?? (locale === 'zh-CN' ? '无' : 'none'),
          });
      }

      if (has('fromOutside') || !record) {
        const value = text('fromOutside').toLowerCase();
        if (!value || NO.has(value)) values.fromOutside = false;
        else if (YES.has(value)) values.fromOutside = true;
        else fail(row, 'fromOutside', 'field.yesNo');
      }

      if (has('tags') || !record) {
        const tags = [
          ...new Set(
            text('tags')
              .split(LIST_SEPARATOR)
              .map((t) => t.trim())
              .filter(Boolean),
          ),
        ];
        const long = tags.find((t) => [...t].length > TAG_MAX);
        if (long) fail(row, 'tags', 'field.tooLong', { max: TAG_MAX });
        else if (tags.length > TAGS_MAX) fail(row, 'tags', 'field.tooMany', { max: TAGS_MAX });
        else values.tags = tags;
      }

      parsed.push({ row, existing: record, values });
    }

    // Divisions: a street or community within the caller's scope.
    const homes = await repo.homeDivisions(trx, caller, [
      ...new Set(parsed.map((p) => p.values.divisionCode).filter((c): c is string => !!c)),
    ]);
    for (const p of parsed) {
      const code = p.values.divisionCode;
      if (code && code !== p.existing?.divisionCode && !homes.has(code))
        fail(p.row, 'divisionCode', 'organization.importDivision', { code });
    }

    // Credit codes: once in the file, and held by no other record of the registry.
    const usccRows = new Map<string, number>();
    for (const p of parsed) {
      const uscc = p.values.uscc;
      if (!uscc) continue;
      const other = usccRows.get(uscc);
      if (other !== undefined) fail(p.row, 'uscc', 'organization.usccInFile', { otherRow: other });
      else usccRows.set(uscc, p.row);
    }
    const holders = await repo.usccHolders(trx, [...usccRows.keys()]);
    const visibleHolders = new Set(
      (
        await repo.findRows(
          trx,
          caller,
          holders.map((h) => h.id),
          false,
        )
      ).map((r) => r.id),
    );
    for (const h of holders) {
      const p = parsed.find((x) => x.values.uscc === h.uscc && x.row === usccRows.get(h.uscc));
      if (!p || p.existing?.id === h.id) continue;
      if (visibleHolders.has(h.id)) fail(p.row, 'uscc', 'organization.usccTaken', { name: h.name });
      else fail(p.row, 'uscc', 'organization.usccTakenOutside');
    }

    // What each row changes; a change to a record the caller may not edit is refused.
    const plans = parsed.map((p) => ({ ...p, changed: changedColumns(p) }));
    for (const p of plans) {
      if (p.existing && p.changed.length > 0 && !canEdit(caller, p.existing))
        fail(p.row, 'id', 'organization.importNotEditable');
    }

    if (errors.length > 0) {
      errors.sort((x, y) => (x.row ?? 0) - (y.row ?? 0));
      const badRows = new Set(errors.map((e) => e.row)).size;
      throw new AppError('import.rowsInvalid', { count: badRows, firstRow: errors[0]?.row }, errors);
    }

    const creates = plans.filter((p) => !p.existing);
    const updates = plans.filter((p) => p.existing && p.changed.length > 0);
    const newIds = new Map(creates.map((p) => [p, dryRun ? null : randomUUID()] as const));
    const result: OrganizationImportResult = {
      dryRun,
      rows: rows.length,
      created: creates.length,
      updated: updates.length,
      unchanged: plans.length - creates.length - updates.length,
      changes: [...creates, ...updates]
        .sort((a, b) => a.row - b.row)
        .map((p) => ({
          row: p.row,
          id: p.existing?.id ?? newIds.get(p) ?? null,
          name: p.values.name ?? p.existing!.name,
          action: p.existing ? ('update' as const) : ('create' as const),
          columns: p.existing ? p.changed.map(headerOf) : [],
        })),
    };
    if (dryRun || (creates.length === 0 && updates.length === 0)) return result;

    for (const p of creates) await insertRecord(trx, deps, caller, newIds.get(p)!, p.values);
    for (const p of updates) await updateRecord(trx, deps, caller, p.existing!, p.values, p.changed);
    await repo.refreshSearchVectors(trx, [
      ...newIds.values(),
      ...updates.map((p) => p.existing!.id),
    ] as string[]);
    await appendAudit(trx, caller.actor, {
      action: 'organization.import',
      entityType: 'organization',
      divisionCode: caller.scope.kind === 'prefixes' ? (caller.scope.prefixes[0] ?? null) : null,
      after: { rows: rows.length, created: creates.length, updated: updates.length },
    });
    return result;
  });
}

/** The sheet columns whose value differs from the stored record (all of them for a new record). */
function changedColumns(p: ParsedRow): RegistryColumnKey[] {
  if (!p.existing) return [];
  const record = p.existing as unknown as Record<string, unknown>;
  const changed: RegistryColumnKey[] = UPDATABLE.filter(
    (key) => p.values[key] !== undefined && !same(key, record[key], p.values[key]),
  );
  if (p.values.contactPhone !== undefined) changed.push('contactPhone');
  return changed;
}

/** The record as the audit log may show it: the phone masked, no sealed bytes. */
function auditValues(values: RowValues): Record<string, unknown> {
  const { contactPhone, ...rest } = values;
  return {
    ...rest,
    ...(contactPhone === undefined ? {} : { contactPhone: contactPhone && maskPhone(contactPhone) }),
  };
}

async function insertRecord(
  trx: Transaction<DB>,
  deps: ImportDeps,
  caller: Caller,
  id: string,
  v: RowValues,
): Promise<void> {
  const phone = v.contactPhone ?? null;
  await trx
    .insertInto('organization')
    .values({
      id,
      name: v.name!,
      kind: v.kind!,
      state: 'applied',
      uscc: v.uscc ?? null,
      registrationAuthority: v.registrationAuthority ?? null,
      registeredOn: v.registeredOn ?? null,
      filedOn: v.filedOn ?? null,
      legalRepName: v.legalRepName ?? null,
      contactPhoneSealed: phone === null ? null : deps.cipher.encrypt(phone),
      contactPhoneIndex: phone === null ? null : deps.cipher.piiIndex('phone', phone),
      address: v.address ?? null,
      divisionCode: v.divisionCode!,
      fields: v.fields!,
      category: v.category!,
      serviceArea: v.serviceArea ?? null,
      staffCount: v.staffCount ?? 0,
      volunteerCount: v.volunteerCount ?? 0,
      venue: v.venue ?? 'none',
      tags: v.tags ?? [],
      fromOutside: v.fromOutside ?? false,
    })
    .execute();
  await appendAudit(trx, caller.actor, {
    action: 'organization.create',
    entityType: 'organization',
    entityId: id,
    divisionCode: v.divisionCode!,
    after: { ...auditValues(v), state: 'applied', source: 'import' },
  });
}

async function updateRecord(
  trx: Transaction<DB>,
  deps: ImportDeps,
  caller: Caller,
  record: repo.OrganizationRow,
  v: RowValues,
  changed: RegistryColumnKey[],
): Promise<void> {
  const set: Record<string, unknown> = {};
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const stored = record as unknown as Record<string, unknown>;
  for (const key of changed) {
    if (key === 'contactPhone') {
      const phone = v.contactPhone ?? null;
      const old = record.contactPhoneSealed ? deps.cipher.decrypt(record.contactPhoneSealed) : null;
      set.contactPhoneSealed = phone === null ? null : deps.cipher.encrypt(phone);
      set.contactPhoneIndex = phone === null ? null : deps.cipher.piiIndex('phone', phone);
      before.contactPhone = old && maskPhone(old);
      after.contactPhone = phone && maskPhone(phone);
      continue;
    }
    set[key] = v[key as keyof RowValues];
    before[key] = stored[key] ?? null;
    after[key] = set[key] ?? null;
    // A new credit code is checked afresh; a hand verification belonged to the old one.
    if (key === 'uscc') set.usccManualCheck = null;
  }
  await trx
    .updateTable('organization')
    .set({ ...set, version: record.version + 1, updatedAt: new Date() })
    .where('id', '=', record.id)
    .execute();
  await appendAudit(trx, caller.actor, {
    action: 'organization.update',
    entityType: 'organization',
    entityId: record.id,
    divisionCode: (set.divisionCode as string | undefined) ?? record.divisionCode,
    before,
    after: { ...after, source: 'import' },
  });
}

/** The template for this caller: its kinds, the district's lists, an example division in its scope. */
export async function registryImportTemplate(deps: ImportDeps, caller: Caller): Promise<Buffer> {
  const example = await deps.db
    .selectFrom('division')
    .select(['code', 'name'])
    .where((eb) => inScope(eb, 'code', caller.scope))
    .where(sql<boolean>`length(code) = 12`)
    .orderBy('code')
    .limit(1)
    .executeTakeFirst();
  const kinds: OrganizationKind[] = can(caller, 'organization:register')
    ? [...ORGANIZATION_KINDS]
    : ['community_org'];
  return registryTemplate(
    example && { divisionCode: example.code, divisionName: example.name },
    await catalogNames(deps.db, 'zh-CN'),
    kinds,
  );
}
