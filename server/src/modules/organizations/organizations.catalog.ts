import { CATALOG_LISTS, type CatalogList, type Locale } from '@linli/common';
import { type Static, Type } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { appendAudit } from '../../platform/audit.ts';
import { AppError, fieldError, isUniqueViolation, type LocalizedText } from '../../platform/errors.ts';
import { literalUnion, ref } from '../../platform/http-schemas.ts';
import type { Caller } from '../../platform/scope.ts';
import type { Db } from './organizations.repository.ts';

/**
 * The district's lists of fields (领域) and categories (类别) of organizations (issue #4 item 1):
 * seeded by the migration, extended, renamed and deactivated by the district admin. A record's
 * fields and category must be active entries when they are written; names of inactive entries
 * still show on older records.
 */

export const CatalogListSchema = literalUnion(CATALOG_LISTS, { $id: 'OrganizationCatalogList' });
const ListInput = literalUnion(CATALOG_LISTS);

export const CatalogEntrySchema = Type.Object(
  {
    list: ref(CatalogListSchema),
    code: Type.String(),
    nameZh: Type.String(),
    nameEn: Type.String(),
    sort: Type.Integer(),
    active: Type.Boolean(),
    version: Type.Integer(),
  },
  { $id: 'OrganizationCatalogEntry' },
);

export const CatalogQuery = Type.Object({ list: Type.Optional(ListInput) });
export const CatalogParams = Type.Object({
  list: ListInput,
  code: Type.String({ minLength: 1, maxLength: 40 }),
});

const NameZh = Type.String({ minLength: 1, maxLength: 30, description: '中文名称' });
const NameEn = Type.String({ minLength: 1, maxLength: 60, description: 'English name' });
const Sort = Type.Integer({ minimum: 0, maximum: 100000, description: '排序，小的在前' });

export const CreateCatalogBody = Type.Object(
  {
    list: ListInput,
    code: Type.String({
      pattern: '^[a-z][a-z0-9_]{1,39}$',
      description: '代码：小写字母开头，字母、数字、下划线，2–40 位；建立后不可修改',
    }),
    nameZh: NameZh,
    nameEn: NameEn,
    sort: Type.Optional(Sort),
  },
  { additionalProperties: false },
);

export const UpdateCatalogBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    nameZh: Type.Optional(NameZh),
    nameEn: Type.Optional(NameEn),
    sort: Type.Optional(Sort),
    active: Type.Optional(Type.Boolean({ description: 'false 停用：不再可选，已有记录仍显示其名称' })),
  },
  { additionalProperties: false },
);

export const CatalogEntries = Type.Array(ref(CatalogEntrySchema));

export type CatalogEntry = Static<typeof CatalogEntrySchema>;
export type CreateCatalogInput = Static<typeof CreateCatalogBody>;
export type UpdateCatalogInput = Static<typeof UpdateCatalogBody>;

const LIST_NAMES: Record<CatalogList, LocalizedText> = {
  field: { 'zh-CN': '服务领域', 'en-US': 'Field' },
  category: { 'zh-CN': '类别', 'en-US': 'Category' },
};

function entries(db: Db) {
  return db
    .selectFrom('organizationCatalog')
    .select(['list', 'code', 'nameZh', 'nameEn', 'sort', 'active', 'version'])
    .orderBy('list')
    .orderBy('sort')
    .orderBy('code');
}

const asEntry = (r: {
  list: string;
  code: string;
  nameZh: string;
  nameEn: string;
  sort: number;
  active: boolean;
  version: number;
}): CatalogEntry => ({ ...r, list: r.list as CatalogList });

/**
 * Checks a record's fields and category against the active entries; a problem is reported on the
 * field itself (`body.fields`, `body.category`) with the values that may be chosen.
 */
export async function checkCatalogValues(
  db: Db,
  locale: Locale,
  input: { fields?: readonly string[] | undefined; category?: string | undefined },
): Promise<void> {
  if (input.fields === undefined && input.category === undefined) return;
  const active = await entries(db).where('active', '=', true).execute();
  const check = (list: CatalogList, field: string, values: readonly string[]) => {
    const allowed = active.filter((e) => e.list === list);
    const unknown = values.find((v) => !allowed.some((e) => e.code === v));
    if (unknown === undefined) return;
    const names = allowed.map((e) => (locale === 'zh-CN' ? e.nameZh : e.nameEn)).join('、');
    throw new AppError('organization.unknownCatalogValue', { listName: LIST_NAMES[list], value: unknown }, [
      fieldError(locale, field, 'field.unknownValue', { value: unknown, allowed: names }),
    ]);
  };
  if (input.fields) check('field', 'body.fields', input.fields);
  if (input.category !== undefined) check('category', 'body.category', [input.category]);
}

/** Names of every entry (inactive ones too: older records still carry them), by list and code. */
export type CatalogNames = Record<CatalogList, Record<string, string>>;

export async function catalogNames(db: Db, locale: Locale): Promise<CatalogNames> {
  const names: CatalogNames = { field: {}, category: {} };
  for (const e of await entries(db).execute())
    names[e.list as CatalogList][e.code] = locale === 'zh-CN' ? e.nameZh : e.nameEn;
  return names;
}

export class OrganizationCatalogService {
  constructor(private readonly db: Kysely<DB>) {}

  async list(list?: CatalogList): Promise<CatalogEntry[]> {
    let q = entries(this.db);
    if (list) q = q.where('list', '=', list);
    return (await q.execute()).map(asEntry);
  }

  async #one(db: Db, list: CatalogList, code: string): Promise<CatalogEntry> {
    const row = await entries(db).where('list', '=', list).where('code', '=', code).executeTakeFirst();
    if (!row) throw new AppError('organization.catalogNotFound', { listName: LIST_NAMES[list], code });
    return asEntry(row);
  }

  async create(caller: Caller, input: CreateCatalogInput): Promise<CatalogEntry> {
    const values = {
      list: input.list,
      code: input.code,
      nameZh: input.nameZh.trim(),
      nameEn: input.nameEn.trim(),
      sort: input.sort ?? (await this.#nextSort(input.list)),
    };
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx.insertInto('organizationCatalog').values(values).execute();
        await appendAudit(trx, caller.actor, {
          action: 'organization.catalog.create',
          entityType: 'organization_catalog',
          entityId: `${input.list}:${input.code}`,
          after: values,
        });
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError('organization.catalogExists', {
          listName: LIST_NAMES[input.list],
          code: input.code,
        });
      throw error;
    }
    return this.#one(this.db, input.list, input.code);
  }

  async #nextSort(list: CatalogList): Promise<number> {
    const row = await this.db
      .selectFrom('organizationCatalog')
      .select((eb) => eb.fn.max('sort').as('max'))
      .where('list', '=', list)
      .executeTakeFirst();
    return Number(row?.max ?? 0) + 10;
  }

  /** Renames, re-sorts, deactivates or reactivates an entry; its code never changes. */
  async update(
    caller: Caller,
    list: CatalogList,
    code: string,
    input: UpdateCatalogInput,
  ): Promise<CatalogEntry> {
    await this.db.transaction().execute(async (trx) => {
      const row = await this.#one(trx, list, code);
      if (row.version !== input.version) throw new AppError('conflict.version', { id: code });
      const changes: { nameZh?: string; nameEn?: string; sort?: number; active?: boolean } = {};
      if (input.nameZh !== undefined && input.nameZh.trim() !== row.nameZh)
        changes.nameZh = input.nameZh.trim();
      if (input.nameEn !== undefined && input.nameEn.trim() !== row.nameEn)
        changes.nameEn = input.nameEn.trim();
      if (input.sort !== undefined && input.sort !== row.sort) changes.sort = input.sort;
      if (input.active !== undefined && input.active !== row.active) changes.active = input.active;
      if (Object.keys(changes).length === 0) return;
      const updated = await trx
        .updateTable('organizationCatalog')
        .set({ ...changes, version: row.version + 1, updatedAt: new Date() })
        .where('list', '=', list)
        .where('code', '=', code)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) throw new AppError('conflict.version', { id: code });
      const before = Object.fromEntries(Object.keys(changes).map((k) => [k, row[k as keyof CatalogEntry]]));
      await appendAudit(trx, caller.actor, {
        action: 'organization.catalog.update',
        entityType: 'organization_catalog',
        entityId: `${list}:${code}`,
        before,
        after: changes,
      });
    });
    return this.#one(this.db, list, code);
  }
}
