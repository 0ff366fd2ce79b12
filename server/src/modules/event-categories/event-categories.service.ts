import {
  EVENT_STEPS,
  eventCategoryParent,
  type StepTimeLimits,
  TIME_LIMIT_MAX,
  type TimeLimitUnit,
} from '@linli/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { appendAudit, changedFields } from '../../platform/audit.ts';
import { AppError, isUniqueViolation } from '../../platform/errors.ts';
import type { Caller } from '../../platform/scope.ts';
import * as repo from './event-categories.repository.ts';
import type {
  CreateCategoryInput,
  EventCategory,
  EventClass,
  UpdateCategoryInput,
} from './event-categories.schemas.ts';

type LimitColumns = {
  [K in
    | `${(typeof EVENT_STEPS)[number]}Limit`
    | `${(typeof EVENT_STEPS)[number]}Unit`]: K extends `${string}Limit` ? number | null : string | null;
};

function limitsOf(row: repo.CategoryRow): StepTimeLimits | null {
  if (row.acceptLimit === null) return null;
  const get = (step: (typeof EVENT_STEPS)[number]) => ({
    amount: row[`${step}Limit`]!,
    unit: row[`${step}Unit`] as TimeLimitUnit,
  });
  return { accept: get('accept'), dispatch: get('dispatch'), handle: get('handle'), verify: get('verify') };
}

function limitColumns(limits: StepTimeLimits | null): LimitColumns {
  const out = {} as Record<string, number | string | null>;
  for (const step of EVENT_STEPS) {
    out[`${step}Limit`] = limits?.[step].amount ?? null;
    out[`${step}Unit`] = limits?.[step].unit ?? null;
  }
  return out as LimitColumns;
}

function toCategory(row: repo.CategoryRow): EventCategory {
  return {
    code: row.code,
    parentCode: row.parentCode,
    name: row.name,
    nameEn: row.nameEn,
    description: row.description,
    department: row.department,
    limits: limitsOf(row),
    sortOrder: row.sortOrder,
    active: row.active,
    version: row.version,
  };
}

function trimmedOrNull(value: string | null | undefined): string | null {
  return value === null || value === undefined || value.trim() === '' ? null : value.trim();
}

/** A limit longer than the unit allows is a typo (480 days instead of 480 minutes), not a policy. */
function checkLimits(limits: StepTimeLimits): void {
  for (const step of EVENT_STEPS) {
    const { amount, unit } = limits[step];
    if (amount > TIME_LIMIT_MAX[unit])
      throw new AppError('validation.failed', { detail: `limits.${step}.amount ≤ ${TIME_LIMIT_MAX[unit]}` });
  }
}

/**
 * The event-category tree (issue #5 item 2): classes (大类) and subclasses (小类) with the
 * department responsible and per-step time limits. One tree for the district; only the district
 * admin changes it, each change audited and guarded by the row's version.
 */
export class EventCategoryService {
  constructor(private readonly db: Kysely<DB>) {}

  async tree(includeInactive: boolean): Promise<EventClass[]> {
    const rows = await repo.listCategories(this.db, includeInactive);
    const classes = rows.filter((r) => r.parentCode === null);
    return classes.map((c) => ({
      ...toCategory(c),
      children: rows.filter((r) => r.parentCode === c.code).map(toCategory),
    }));
  }

  /** One category (active or not) — for the event workflow to read a subclass's department and limits. */
  async find(code: string): Promise<EventCategory | undefined> {
    const row = await repo.findCategory(this.db, code);
    return row ? toCategory(row) : undefined;
  }

  async create(caller: Caller, input: CreateCategoryInput): Promise<EventCategory> {
    const parentCode = eventCategoryParent(input.code);
    const department = trimmedOrNull(input.department);
    const limits = input.limits ?? null;
    if (parentCode === null && (department !== null || limits !== null))
      throw new AppError('eventCategory.classFieldsNotAllowed');
    if (parentCode !== null && (department === null || limits === null))
      throw new AppError('eventCategory.leafFieldsRequired');
    if (limits) checkLimits(limits);
    const values = {
      code: input.code,
      parentCode,
      name: input.name.trim(),
      nameEn: input.nameEn.trim(),
      description: trimmedOrNull(input.description),
      department,
      ...limitColumns(limits),
      sortOrder: input.sortOrder ?? 100,
    };
    try {
      await this.db.transaction().execute(async (trx) => {
        if (await repo.findCategory(trx, input.code))
          throw new AppError('eventCategory.exists', { code: input.code });
        if (parentCode !== null && !(await repo.findCategory(trx, parentCode)))
          throw new AppError('eventCategory.parentNotFound', { parentCode });
        await repo.insertCategory(trx, values);
        await appendAudit(trx, caller.actor, {
          action: 'eventCategory.create',
          entityType: 'event_category',
          entityId: input.code,
          after: { ...values, limits },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('eventCategory.exists', { code: input.code });
      throw error;
    }
    return toCategory((await repo.findCategory(this.db, input.code))!);
  }

  async update(caller: Caller, code: string, input: UpdateCategoryInput): Promise<EventCategory> {
    await this.db.transaction().execute(async (trx) => {
      const row = await repo.findCategory(trx, code);
      if (!row) throw new AppError('eventCategory.notFound', { code });
      if (row.version !== input.version) throw new AppError('conflict.version', { id: code });
      const isClass = row.parentCode === null;
      const department = input.department === undefined ? undefined : trimmedOrNull(input.department);
      if (
        isClass &&
        ((department !== undefined && department !== null) ||
          (input.limits !== undefined && input.limits !== null))
      )
        throw new AppError('eventCategory.classFieldsNotAllowed');
      if (!isClass && (department === null || input.limits === null))
        throw new AppError('eventCategory.leafFieldsRequired');
      if (input.limits) checkLimits(input.limits);
      const values = {
        name: input.name?.trim(),
        nameEn: input.nameEn?.trim(),
        description: input.description === undefined ? undefined : trimmedOrNull(input.description),
        department: isClass ? undefined : department,
        ...(input.limits ? limitColumns(input.limits) : {}),
        sortOrder: input.sortOrder,
        active: input.active,
      };
      if (!(await repo.updateCategory(trx, code, input.version, values)))
        throw new AppError('conflict.version', { id: code });
      const switchedOff = isClass && input.active === false ? await repo.deactivateChildren(trx, code) : [];
      const { name, nameEn, description, sortOrder, active } = values;
      const audited = { name, nameEn, description, department: values.department, sortOrder, active };
      const changes = changedFields(
        { ...row, limits: limitsOf(row) },
        { ...audited, limits: input.limits ?? undefined },
      );
      await appendAudit(trx, caller.actor, {
        action: 'eventCategory.update',
        entityType: 'event_category',
        entityId: code,
        before: changes?.before ?? null,
        after: {
          ...(changes?.after ?? {}),
          ...(switchedOff.length > 0 ? { subclassesSwitchedOff: switchedOff } : {}),
        },
      });
    });
    return toCategory((await repo.findCategory(this.db, code))!);
  }
}
