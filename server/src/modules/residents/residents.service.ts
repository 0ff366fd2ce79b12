import { randomUUID } from 'node:crypto';
import {
  ageOn,
  beijingToday,
  type ConsentPurpose,
  checkResidentId,
  compactCode,
  type Gender,
  maskPhone,
  maskResidentId,
  normalizeMobile,
  type ResidentIdInfo,
  type ResidentTag,
} from '@linli/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { type AuditEntry, appendAudit, canonicalJson } from '../../platform/audit.ts';
import type { DataCipher } from '../../platform/crypto.ts';
import { AppError, isUniqueViolation } from '../../platform/errors.ts';
import type { PageOf } from '../../platform/http-schemas.ts';
import { type Caller, can } from '../../platform/scope.ts';
import { isActingFor, residentAbilities } from './residents.policy.ts';
import * as repo from './residents.repository.ts';
import type {
  CreateResidentInput,
  RecordConsentInput,
  ResidentConsent,
  ResidentDetail,
  ResidentFilters,
  ResidentSummary,
  RevealInput,
  RevealResult,
  UpdateResidentInput,
} from './residents.schemas.ts';

/** What the audit log shows for a changed address, ID number or phone whose mask did not change. */
export const CHANGED_MARK = '已修改';
/** Rows in one spreadsheet export; a filter narrows larger registries. */
export const EXPORT_LIMIT = 20_000;

/** The fields of a resident as staff enter them, in clear (only ever held in memory). */
interface Plain {
  name: string;
  idNumber: string;
  phone: string | null;
  address: string | null;
  divisionCode: string;
  householdNo: string | null;
  tags: string[];
}

/** Addresses go to the audit log only as their first characters (the estate), never the flat. */
export function maskAddress(address: string): string {
  const chars = [...address];
  const kept = Math.min(4, Math.floor(chars.length / 2));
  return `${chars.slice(0, kept).join('')}${'*'.repeat(Math.min(chars.length - kept, 8))}`;
}

/** A resident as the audit log may show it: ID number and phone masked, the address cut short. */
function auditView(p: Partial<Plain>): Record<string, unknown> {
  return {
    name: p.name,
    idNumber: p.idNumber === undefined ? undefined : maskResidentId(p.idNumber),
    phone: p.phone === undefined ? undefined : p.phone && maskPhone(p.phone),
    address: p.address === undefined ? undefined : p.address && maskAddress(p.address),
    divisionCode: p.divisionCode,
    householdNo: p.householdNo,
    tags: p.tags,
  };
}

/**
 * Before/after of the fields that changed, compared in clear but written masked. When a mask
 * hides the change (same first and last digits), the after value says so instead.
 */
function auditChanges(before: Plain, after: Partial<Plain>): Pick<AuditEntry, 'before' | 'after'> {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  const maskedBefore = auditView(before);
  const maskedAfter = auditView(after);
  for (const key of Object.keys(after) as (keyof Plain)[]) {
    if (after[key] === undefined || canonicalJson(before[key]) === canonicalJson(after[key])) continue;
    b[key] = maskedBefore[key] ?? null;
    a[key] = maskedAfter[key] === maskedBefore[key] ? CHANGED_MARK : (maskedAfter[key] ?? null);
  }
  return Object.keys(a).length === 0 ? {} : { before: b, after: a };
}

function blank(value: string | null | undefined): boolean {
  return value === null || value === undefined || value.trim() === '';
}

function trimmedOrNull(value: string | null | undefined): string | null {
  return blank(value) ? null : value!.trim();
}

/**
 * The residents registry (issue #3 items 6 and 8). ID numbers and phones are sealed with SM4 and
 * found by a keyed blind index; every response masks them, and only `pii:reveal` holders see them
 * in full, each time with a reason that goes to the audit log. Every query is scoped to the caller.
 */
export class ResidentService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly cipher: DataCipher,
  ) {}

  idNumberIndex(normalized: string): string {
    return this.cipher.piiIndex('residentId', normalized);
  }

  /** The same index as an account's phone, so a resident and their account can be matched. */
  phoneIndex(normalized: string): string {
    return this.cipher.piiIndex('phone', normalized);
  }

  /** The normalized ID number with what it says (birth date, sex), or a 400 naming the problem. */
  #identity(input: string): { value: string; info: ResidentIdInfo } {
    const check = checkResidentId(input);
    if (!check.ok) throw new AppError('resident.invalidIdNumber', { reason: check.problem });
    return { value: check.value, info: check.info };
  }

  #phone(input: string | null | undefined): string | null {
    if (blank(input)) return null;
    const phone = normalizeMobile(input!);
    if (!phone) throw new AppError('resident.invalidPhone');
    return phone;
  }

  #plain(row: repo.ResidentRow): Plain {
    return {
      name: row.name,
      idNumber: this.cipher.decrypt(row.idNumberSealed),
      phone: row.phoneSealed === null ? null : this.cipher.decrypt(row.phoneSealed),
      address: row.address,
      divisionCode: row.divisionCode,
      householdNo: row.householdNo,
      tags: row.tags,
    };
  }

  #summary(caller: Caller, row: repo.ResidentRow, today: string): ResidentSummary {
    const plain = this.#plain(row);
    return {
      id: row.id,
      name: row.name,
      gender: row.gender as Gender,
      age: ageOn(row.birthDate, today),
      idNumber: maskResidentId(plain.idNumber),
      phone: plain.phone === null ? null : maskPhone(plain.phone),
      address: row.address,
      divisionCode: row.divisionCode,
      divisionName: row.divisionName,
      tags: row.tags as ResidentTag[],
      hasAccount: row.accountId !== null,
      version: row.version,
      abilities: residentAbilities(caller, row),
    };
  }

  async #visible(db: repo.Db, caller: Caller, id: string): Promise<repo.ResidentRow> {
    const row = await repo.findRow(db, caller.scope, id);
    if (!row) throw new AppError('resident.notFound', { id });
    return row;
  }

  async #homeDivision(db: repo.Db, caller: Caller, code: string): Promise<void> {
    if (!(await repo.findHomeDivision(db, caller.scope, code)))
      throw new AppError('resident.invalidDivision', { code });
  }

  /** Filters with the typed-in ID number and phone turned into their blind indexes; null matches nothing. */
  #filter(f: ResidentFilters): repo.ListFilter | null {
    const out: repo.ListFilter = {
      q: f.q?.trim() || undefined,
      divisionCode: f.divisionCode,
      tag: f.tag,
    };
    if (!blank(f.idNumber)) out.idNumberIndex = this.idNumberIndex(compactCode(f.idNumber!));
    if (!blank(f.phone)) {
      const phone = normalizeMobile(f.phone!);
      if (!phone) return null;
      out.phoneIndex = this.phoneIndex(phone);
    }
    return out;
  }

  async list(
    caller: Caller,
    query: ResidentFilters & { limit?: number | undefined; offset?: number | undefined },
  ): Promise<PageOf<ResidentSummary>> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const filter = this.#filter(query);
    if (!filter) return { items: [], total: 0, limit, offset };
    const { items, total } = await repo.listRows(this.db, caller.scope, { ...filter, limit, offset });
    const today = beijingToday();
    return { items: items.map((r) => this.#summary(caller, r, today)), total, limit, offset };
  }

  /** The filtered list for a spreadsheet (masked like every response); the export itself is audited. */
  async exportRows(caller: Caller, query: ResidentFilters): Promise<ResidentSummary[]> {
    const filter = this.#filter(query);
    const rows = filter ? await repo.exportRows(this.db, caller.scope, filter, EXPORT_LIMIT) : [];
    await this.db.transaction().execute((trx) =>
      appendAudit(trx, caller.actor, {
        action: 'resident.export',
        entityType: 'resident',
        divisionCode:
          query.divisionCode ?? (caller.scope.kind === 'prefixes' ? caller.scope.prefixes[0] : null),
        after: {
          count: rows.length,
          filters: {
            ...query,
            idNumber: blank(query.idNumber) ? undefined : maskResidentId(compactCode(query.idNumber!)),
            phone: blank(query.phone) ? undefined : maskPhone(query.phone!),
          },
        },
      }),
    );
    const today = beijingToday();
    return rows.map((r) => this.#summary(caller, r, today));
  }

  async detail(caller: Caller, id: string): Promise<ResidentDetail> {
    const row = await this.#visible(this.db, caller, id);
    return {
      ...this.#summary(caller, row, beijingToday()),
      householdNo: row.householdNo,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      createdByName: row.createdByName,
      onBehalfOf: row.onBehalfOf,
    };
  }

  async create(caller: Caller, input: CreateResidentInput): Promise<ResidentDetail> {
    const identity = this.#identity(input.idNumber);
    const plain: Plain = {
      name: input.name.trim(),
      idNumber: identity.value,
      phone: this.#phone(input.phone),
      address: trimmedOrNull(input.address),
      divisionCode: input.divisionCode,
      householdNo: trimmedOrNull(input.householdNo),
      tags: [...new Set(input.tags ?? [])],
    };
    const id = randomUUID();
    const index = this.idNumberIndex(plain.idNumber);
    try {
      await this.db.transaction().execute(async (trx) => {
        await this.#homeDivision(trx, caller, plain.divisionCode);
        if (await repo.idNumberHolder(trx, index)) throw new AppError('resident.duplicateIdNumber');
        await repo.insertResident(trx, {
          id,
          name: plain.name,
          gender: identity.info.sex,
          birthDate: identity.info.birthDate,
          idNumberSealed: this.cipher.encrypt(plain.idNumber),
          idNumberIndex: index,
          phoneSealed: plain.phone === null ? null : this.cipher.encrypt(plain.phone),
          phoneIndex: plain.phone === null ? null : this.phoneIndex(plain.phone),
          address: plain.address,
          divisionCode: plain.divisionCode,
          householdNo: plain.householdNo,
          tags: plain.tags,
          createdBy: caller.actor.id,
          createdByName: caller.actor.name,
          onBehalfOf: caller.actingFor?.residentId ?? null,
        });
        await appendAudit(trx, caller.actor, {
          action: 'resident.create',
          entityType: 'resident',
          entityId: id,
          divisionCode: plain.divisionCode,
          after: auditView(plain),
        });
      });
    } catch (error) {
      // Two desks registering the same person at once: the unique index decides.
      if (isUniqueViolation(error)) throw new AppError('resident.duplicateIdNumber');
      throw error;
    }
    return this.detail(caller, id);
  }

  async update(caller: Caller, id: string, input: UpdateResidentInput): Promise<ResidentDetail> {
    const identity = input.idNumber === undefined ? undefined : this.#identity(input.idNumber);
    const phone = input.phone === undefined ? undefined : this.#phone(input.phone);
    try {
      await this.db.transaction().execute(async (trx) => {
        const row = await this.#visible(trx, caller, id);
        if (row.version !== input.version) throw new AppError('conflict.version', { id });
        const before = this.#plain(row);
        const after: Partial<Plain> = {
          name: input.name?.trim(),
          idNumber: identity?.value,
          phone,
          address: input.address === undefined ? undefined : trimmedOrNull(input.address),
          divisionCode: input.divisionCode,
          householdNo: input.householdNo === undefined ? undefined : trimmedOrNull(input.householdNo),
          tags: input.tags === undefined ? undefined : [...new Set(input.tags)],
        };
        if (after.divisionCode !== undefined && after.divisionCode !== row.divisionCode)
          await this.#homeDivision(trx, caller, after.divisionCode);
        const values: Parameters<typeof repo.updateResident>[3] = {
          name: after.name,
          address: after.address,
          divisionCode: after.divisionCode,
          householdNo: after.householdNo,
          tags: after.tags,
        };
        if (identity && identity.value !== before.idNumber) {
          const index = this.idNumberIndex(identity.value);
          const holder = await repo.idNumberHolder(trx, index);
          if (holder && holder !== id) throw new AppError('resident.duplicateIdNumber');
          Object.assign(values, {
            idNumberSealed: this.cipher.encrypt(identity.value),
            idNumberIndex: index,
            gender: identity.info.sex,
            birthDate: identity.info.birthDate,
          });
        }
        if (phone !== undefined && phone !== before.phone) {
          Object.assign(values, {
            phoneSealed: phone === null ? null : this.cipher.encrypt(phone),
            phoneIndex: phone === null ? null : this.phoneIndex(phone),
          });
        }
        if (!(await repo.updateResident(trx, id, input.version, values)))
          throw new AppError('conflict.version', { id });
        if (after.divisionCode !== undefined && after.divisionCode !== row.divisionCode)
          await repo.moveConsents(trx, id, after.divisionCode);
        await appendAudit(trx, caller.actor, {
          action: 'resident.update',
          entityType: 'resident',
          entityId: id,
          divisionCode: after.divisionCode ?? row.divisionCode,
          ...auditChanges(before, after),
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('resident.duplicateIdNumber');
      throw error;
    }
    return this.detail(caller, id);
  }

  async remove(caller: Caller, id: string, version: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await this.#visible(trx, caller, id);
      if (row.accountId !== null) throw new AppError('resident.hasAccount');
      if (!(await repo.deleteResident(trx, id, version))) throw new AppError('conflict.version', { id });
      await appendAudit(trx, caller.actor, {
        action: 'resident.delete',
        entityType: 'resident',
        entityId: id,
        divisionCode: row.divisionCode,
        before: auditView(this.#plain(row)),
      });
    });
  }

  /**
   * The full ID number and/or phone, for a caller holding `pii:reveal`. The reveal, with its
   * reason and the fields shown (never the values), is in the audit log before the values leave.
   */
  async reveal(caller: Caller, id: string, input: RevealInput): Promise<RevealResult> {
    if (!can(caller, 'pii:reveal')) throw new AppError('auth.forbidden');
    return this.db.transaction().execute(async (trx) => {
      const row = await this.#visible(trx, caller, id);
      const plain = this.#plain(row);
      const fields = [...new Set(input.fields)];
      await appendAudit(trx, caller.actor, {
        action: 'resident.reveal',
        entityType: 'resident',
        entityId: id,
        divisionCode: row.divisionCode,
        after: { fields, reason: input.reason.trim() },
      });
      return {
        id,
        ...(fields.includes('idNumber') ? { idNumber: plain.idNumber } : {}),
        ...(fields.includes('phone') ? { phone: plain.phone } : {}),
      };
    });
  }

  /**
   * For the session's acting mode (代办): the resident a staff member is about to act for, or null
   * when there is none such in the caller's scope.
   */
  async findForActing(
    caller: Caller,
    residentId: string,
  ): Promise<{ id: string; name: string; divisionCode: string } | null> {
    const row = await repo.findRow(this.db, caller.scope, residentId);
    return row ? { id: row.id, name: row.name, divisionCode: row.divisionCode } : null;
  }

  async consents(
    caller: Caller,
    id: string,
    page: { limit?: number | undefined; offset?: number | undefined },
  ): Promise<PageOf<ResidentConsent>> {
    await this.#visible(this.db, caller, id);
    const limit = page.limit ?? 20;
    const offset = page.offset ?? 0;
    const { items, total } = await repo.listConsents(this.db, id, { limit, offset });
    return { items: items.map(toConsent), total, limit, offset };
  }

  /** Records a consent the resident gives or withdraws, said to staff acting for them (staff X for resident Y). */
  async recordConsent(caller: Caller, id: string, input: RecordConsentInput): Promise<ResidentConsent> {
    return this.db.transaction().execute(async (trx) => {
      const row = await this.#visible(trx, caller, id);
      if (!isActingFor(caller, id) || !caller.actingFor) throw new AppError('resident.consentNeedsActing');
      const note = trimmedOrNull(input.note);
      const consent = await repo.insertConsent(trx, {
        residentId: id,
        divisionCode: row.divisionCode,
        purpose: input.purpose,
        given: input.given,
        note,
        recordedBy: caller.actor.id,
        recordedByName: caller.actor.name,
        onBehalfOf: caller.actingFor.residentId,
        onBehalfOfName: caller.actingFor.residentName,
      });
      await appendAudit(trx, caller.actor, {
        action: 'resident.consent',
        entityType: 'resident',
        entityId: id,
        divisionCode: row.divisionCode,
        after: { consentId: Number(consent.id), purpose: input.purpose, given: input.given, note },
      });
      return toConsent(consent);
    });
  }
}

function toConsent(row: repo.ConsentRow): ResidentConsent {
  return {
    id: Number(row.id),
    residentId: row.residentId,
    purpose: row.purpose as ConsentPurpose,
    given: row.given,
    note: row.note,
    recordedAt: row.recordedAt.toISOString(),
    recordedByName: row.recordedByName,
    onBehalfOf: row.onBehalfOf,
    onBehalfOfName: row.onBehalfOfName,
  };
}
