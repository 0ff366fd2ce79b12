import { randomUUID } from 'node:crypto';
import {
  checkUscc,
  compactCode,
  FUNDING_SOURCES,
  isRegisteredKind,
  type Locale,
  maskPhone,
  normalizeMobile,
  ORGANIZATION_ACTION_NAMES,
  ORGANIZATION_KIND_NAMES,
  type OrganizationAction,
  type OrganizationGrade,
  type OrganizationKind,
  type OrganizationState,
  type OrganizationVenue,
} from '@linli/common';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { appendAudit, canonicalJson } from '../../platform/audit.ts';
import type { DataCipher } from '../../platform/crypto.ts';
import { AppError, fieldError, isUniqueViolation } from '../../platform/errors.ts';
import type { PageOf } from '../../platform/http-schemas.ts';
import { type Caller, can } from '../../platform/scope.ts';
import { transition, workflowHistory } from '../../platform/workflow.ts';
import { type CatalogNames, catalogNames, checkCatalogValues } from './organizations.catalog.ts';
import { importRegistry, registryImportTemplate } from './organizations.import.ts';
import { canEdit, canEditFunding, organizationAbilities } from './organizations.policy.ts';
import * as repo from './organizations.repository.ts';
import type {
  CreateOrganizationInput,
  FundingInput,
  HistoryItem,
  ListInput,
  OrganizationDetail,
  OrganizationFilters,
  OrganizationImportResult,
  OrganizationSummary,
  RegistrySummary,
  TransitionInputBody,
  UpdateOrganizationInput,
  UsccVerificationInput,
} from './organizations.schemas.ts';
import {
  collectTimeline,
  registryTimeline,
  type TimelineEntry,
  type TimelineSource,
} from './organizations.timeline.ts';
import { LIFECYCLE, organizationLifecycle, usccAcceptable } from './organizations.workflow.ts';

/** Rows in one spreadsheet export; a filter narrows larger registries. */
export const EXPORT_LIMIT = 20_000;

interface ManualCheck {
  by: string;
  byName: string;
  at: string;
  note: string;
}

function blank(value: string | null | undefined): boolean {
  return value === null || value === undefined || value.trim() === '';
}

function trimmedOrNull(value: string | null | undefined): string | null {
  return blank(value) ? null : value!.trim();
}

/** A mobile number, or a landline with its area code (0431-8xxxxxxx), as digits. */
function normalizeContactPhone(input: string): string | null {
  const mobile = normalizeMobile(input);
  if (mobile) return mobile;
  const digits = input.replace(/[\s-]/g, '');
  return /^0\d{9,11}$/.test(digits) ? digits : null;
}

/**
 * The social-organizations registry (issue #4 items 1, 2, 8). The lifecycle state changes only
 * through the workflow; contact phones are sealed and masked; every query is scoped to the caller,
 * and an organization account sees only its own record.
 */
export class OrganizationService {
  readonly #timelineSources: readonly TimelineSource[];

  /** `timelineSources`: other modules' parts of an organization's timeline (the registry's own comes first). */
  constructor(
    private readonly db: Kysely<DB>,
    private readonly cipher: DataCipher,
    timelineSources: readonly TimelineSource[] = [],
  ) {
    const actionName = (action: string, locale: Locale) =>
      ORGANIZATION_ACTION_NAMES[locale][action as OrganizationAction] ?? action;
    this.#timelineSources = [registryTimeline(LIFECYCLE, actionName), ...timelineSources];
  }

  /** Everything that happened to one organization, newest first (issue #4 item 7). */
  async timeline(caller: Caller, id: string, locale: Locale): Promise<TimelineEntry[]> {
    await this.#visible(this.db, caller, id);
    return collectTimeline(this.db, this.#timelineSources, id, locale);
  }

  /**
   * Fills the search vectors still missing (after the search migration, or rows written without
   * one), a batch per transaction; run at start-up. Returns how many were filled.
   */
  async backfillSearchVectors(signal?: AbortSignal, batch = 200): Promise<number> {
    let done = 0;
    while (!signal?.aborted) {
      const ids = await repo.idsWithoutSearchVector(this.db, batch);
      if (ids.length === 0) return done;
      await this.db.transaction().execute((trx) => repo.refreshSearchVectors(trx, ids));
      done += ids.length;
    }
    return done;
  }

  /** Creates and updates records from a registry spreadsheet (organizations.import.ts). */
  importSheet(
    caller: Caller,
    buffer: Buffer,
    options: { dryRun: boolean; locale: Locale },
  ): Promise<OrganizationImportResult> {
    return importRegistry({ db: this.db, cipher: this.cipher }, caller, buffer, options);
  }

  importTemplate(caller: Caller): Promise<Buffer> {
    return registryImportTemplate({ db: this.db, cipher: this.cipher }, caller);
  }

  phoneIndex(normalized: string): string {
    return this.cipher.piiIndex('phone', normalized);
  }

  #phone(input: string | null | undefined, locale: Locale): string | null {
    if (blank(input)) return null;
    const phone = normalizeContactPhone(input!);
    if (!phone)
      throw new AppError('organization.invalidPhone', {}, [
        fieldError(locale, 'body.contactPhone', 'phone.format'),
      ]);
    return phone;
  }

  /**
   * The credit code to store: required for registered kinds and check-character verified. A legacy
   * code failing only the check character passes with a district admin's manual-verification note.
   */
  #uscc(
    caller: Caller,
    kind: string,
    input: string | null | undefined,
    locale: Locale,
    manualNote?: string,
  ): { uscc: string | null; manualCheck: ManualCheck | null } {
    if (blank(input)) {
      if (isRegisteredKind(kind))
        throw new AppError('organization.usccRequired', {}, [
          fieldError(locale, 'body.uscc', 'field.required'),
        ]);
      return { uscc: null, manualCheck: null };
    }
    const checked = checkUscc(input!);
    if (checked.ok) return { uscc: checked.value, manualCheck: null };
    const manual = manualNote?.trim();
    if (checked.problem === 'uscc.checksum' && manual && can(caller, 'organization:register')) {
      return { uscc: compactCode(input!), manualCheck: this.#manualCheck(caller, manual) };
    }
    throw new AppError('organization.invalidUscc', { reason: checked.problem, field: 'uscc' }, [
      fieldError(locale, 'body.uscc', checked.problem),
    ]);
  }

  #manualCheck(caller: Caller, note: string): ManualCheck {
    return { by: caller.actor.id, byName: caller.actor.name, at: new Date().toISOString(), note };
  }

  #workflowRow(row: repo.OrganizationRow) {
    return {
      id: row.id,
      state: row.state,
      version: row.version,
      divisionCode: row.divisionCode,
      kind: row.kind,
      usccOk: usccAcceptable(row.uscc, row.usccManualCheck),
      materials: row.materials,
    };
  }

  #summary(caller: Caller, row: repo.OrganizationRow): OrganizationSummary {
    return {
      id: row.id,
      name: row.name,
      kind: row.kind as OrganizationKind,
      state: row.state as OrganizationState,
      uscc: row.uscc,
      usccManualCheck: (row.usccManualCheck as ManualCheck | null) ?? null,
      registeredOn: row.registeredOn,
      filedOn: row.filedOn,
      divisionCode: row.divisionCode,
      divisionName: row.divisionName,
      fields: row.fields,
      category: row.category,
      venue: row.venue as OrganizationVenue,
      grade: row.grade as OrganizationGrade | null,
      fromOutside: row.fromOutside,
      staffCount: row.staffCount,
      volunteerCount: row.volunteerCount,
      version: row.version,
      abilities: organizationAbilities(caller, this.#workflowRow(row)),
    };
  }

  #maskedPhone(row: repo.OrganizationRow): string | null {
    return row.contactPhoneSealed === null ? null : maskPhone(this.cipher.decrypt(row.contactPhoneSealed));
  }

  async #visible(db: repo.Db, caller: Caller, id: string): Promise<repo.OrganizationRow> {
    const row = await repo.findRow(db, caller, id);
    if (!row) throw new AppError('organization.notFound', { id });
    return row;
  }

  async #homeDivision(db: repo.Db, caller: Caller, code: string): Promise<void> {
    if (!(await repo.findHomeDivision(db, caller, code)))
      throw new AppError('organization.invalidDivision', { code });
  }

  #filter(f: OrganizationFilters): repo.ListFilter {
    return { ...f, q: f.q?.trim() || undefined };
  }

  async list(caller: Caller, query: ListInput): Promise<PageOf<OrganizationSummary>> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const { items, total } = await repo.listRows(this.db, caller, {
      ...this.#filter(query),
      sort: query.sort ?? (query.q?.trim() ? 'relevance' : 'createdAt'),
      order: query.order ?? (query.sort === 'name' || query.sort === 'divisionCode' ? 'asc' : 'desc'),
      limit,
      offset,
    });
    return { items: items.map((r) => this.#summary(caller, r)), total, limit, offset };
  }

  async summary(caller: Caller): Promise<RegistrySummary> {
    const counts = await repo.countBy(this.db, caller);
    const byKind: Record<string, number> = {};
    const byState: Record<string, number> = {};
    let total = 0;
    let registered = 0;
    for (const c of counts) {
      byKind[c.kind] = (byKind[c.kind] ?? 0) + c.n;
      byState[c.state] = (byState[c.state] ?? 0) + c.n;
      total += c.n;
      if (isRegisteredKind(c.kind)) registered += c.n;
    }
    return { total, registered, filed: total - registered, byKind, byState };
  }

  /** The filtered list for a spreadsheet (masked like every response); the export itself is audited. */
  async exportRows(caller: Caller, query: OrganizationFilters): Promise<OrganizationDetail[]> {
    const rows = await repo.exportRows(this.db, caller, this.#filter(query), EXPORT_LIMIT);
    await this.db.transaction().execute((trx) =>
      appendAudit(trx, caller.actor, {
        action: 'organization.export',
        entityType: 'organization',
        divisionCode:
          query.divisionCode ?? (caller.scope.kind === 'prefixes' ? caller.scope.prefixes[0] : null),
        after: { count: rows.length, filters: query },
      }),
    );
    return rows.map((r) => this.#detailOf(caller, r, []));
  }

  #detailOf(
    caller: Caller,
    row: repo.OrganizationRow,
    funding: OrganizationDetail['funding'],
  ): OrganizationDetail {
    return {
      ...this.#summary(caller, row),
      registrationAuthority: row.registrationAuthority,
      legalRepName: row.legalRepName,
      contactPhone: this.#maskedPhone(row),
      address: row.address,
      serviceArea: row.serviceArea,
      tags: row.tags,
      description: row.description,
      funding,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  /** The district's field and category names, for exports. */
  catalogNames(locale: Locale): Promise<CatalogNames> {
    return catalogNames(this.db, locale);
  }

  async detail(caller: Caller, id: string): Promise<OrganizationDetail> {
    const row = await this.#visible(this.db, caller, id);
    const funding = await repo.fundingOf(this.db, id);
    return this.#detailOf(caller, row, funding as OrganizationDetail['funding']);
  }

  async create(caller: Caller, input: CreateOrganizationInput, locale: Locale): Promise<OrganizationDetail> {
    const registered = isRegisteredKind(input.kind);
    // Registered kinds are entered by the district; community organizations file with their street.
    if (registered && !can(caller, 'organization:register'))
      throw new AppError('organization.kindNotAllowed', {
        kind: input.kind,
        kindName: {
          'zh-CN': ORGANIZATION_KIND_NAMES['zh-CN'][input.kind],
          'en-US': ORGANIZATION_KIND_NAMES['en-US'][input.kind],
        },
      });
    const organizationAccount = caller.roles.includes('social_org') && !can(caller, 'organization:register');
    const ownId = caller.organizationIds?.[0];
    if (organizationAccount && !ownId)
      throw new AppError('organization.kindNotAllowed', {
        kind: input.kind,
        kindName: {
          'zh-CN': ORGANIZATION_KIND_NAMES['zh-CN'][input.kind],
          'en-US': ORGANIZATION_KIND_NAMES['en-US'][input.kind],
        },
      });
    // An organization account files for itself: its record takes the organization id of its grant.
    const id = organizationAccount ? ownId! : randomUUID();
    const { uscc, manualCheck } = this.#uscc(caller, input.kind, input.uscc, locale, input.usccManualNote);
    const phone = this.#phone(input.contactPhone, locale);
    const values = {
      id,
      name: input.name.trim(),
      kind: input.kind,
      state: 'applied',
      uscc,
      usccManualCheck: manualCheck ? JSON.stringify(manualCheck) : null,
      registrationAuthority: trimmedOrNull(input.registrationAuthority),
      registeredOn: input.registeredOn ?? null,
      filedOn: input.filedOn ?? null,
      legalRepName: trimmedOrNull(input.legalRepName),
      contactPhoneSealed: phone === null ? null : this.cipher.encrypt(phone),
      contactPhoneIndex: phone === null ? null : this.phoneIndex(phone),
      address: trimmedOrNull(input.address),
      divisionCode: input.divisionCode,
      fields: [...new Set(input.fields)],
      category: input.category,
      serviceArea: trimmedOrNull(input.serviceArea),
      staffCount: input.staffCount ?? 0,
      volunteerCount: input.volunteerCount ?? 0,
      venue: input.venue ?? 'none',
      tags: [...new Set(input.tags ?? [])],
      fromOutside: input.fromOutside ?? false,
      description: trimmedOrNull(input.description),
    };
    try {
      await this.db.transaction().execute(async (trx) => {
        await this.#homeDivision(trx, caller, input.divisionCode);
        await checkCatalogValues(trx, locale, { fields: values.fields, category: values.category });
        if (await repo.idExists(trx, id)) throw new AppError('organization.exists', { id });
        if (uscc && (await repo.usccHolder(trx, uscc)))
          throw new AppError('organization.duplicateUscc', { uscc });
        await trx.insertInto('organization').values(values).execute();
        await repo.refreshSearchVectors(trx, [id]);
        await appendAudit(trx, caller.actor, {
          action: 'organization.create',
          entityType: 'organization',
          entityId: id,
          divisionCode: input.divisionCode,
          after: this.#auditView({ ...values, contactPhone: phone }),
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        if (uscc) throw new AppError('organization.duplicateUscc', { uscc });
        throw new AppError('organization.exists', { id });
      }
      throw error;
    }
    return this.detail(caller, id);
  }

  /** The record as the audit log may show it: the contact phone masked, no sealed bytes. */
  #auditView(v: Record<string, unknown>): Record<string, unknown> {
    const { contactPhoneSealed: _s, contactPhoneIndex: _i, contactPhone, usccManualCheck: _m, ...rest } = v;
    return {
      ...rest,
      ...(contactPhone === undefined
        ? {}
        : { contactPhone: contactPhone === null ? null : maskPhone(String(contactPhone)) }),
    };
  }

  async update(
    caller: Caller,
    id: string,
    input: UpdateOrganizationInput,
    locale: Locale,
  ): Promise<OrganizationDetail> {
    try {
      await this.db.transaction().execute(async (trx) => {
        const row = await this.#locked(trx, caller, id);
        if (row.version !== input.version) throw new AppError('conflict.version', { id });
        if (!canEdit(caller, row)) throw new AppError('auth.forbidden');
        await checkCatalogValues(trx, locale, {
          // Codes the record already has stay acceptable after their entry is deactivated.
          fields: input.fields?.filter((f) => !row.fields.includes(f)),
          category: input.category === row.category ? undefined : input.category,
        });
        const changes: Record<string, unknown> = {};
        const set = (key: string, value: unknown) => {
          if (value !== undefined) changes[key] = value;
        };
        set('name', input.name?.trim());
        if (input.uscc !== undefined) {
          const { uscc } = this.#uscc(caller, row.kind, input.uscc, locale);
          if (uscc !== row.uscc) {
            if (uscc && (await repo.usccHolder(trx, uscc)))
              throw new AppError('organization.duplicateUscc', { uscc });
            changes.uscc = uscc;
            changes.usccManualCheck = null;
          }
        }
        set(
          'registrationAuthority',
          input.registrationAuthority === undefined ? undefined : trimmedOrNull(input.registrationAuthority),
        );
        set('registeredOn', input.registeredOn);
        set('filedOn', input.filedOn);
        set('legalRepName', input.legalRepName === undefined ? undefined : trimmedOrNull(input.legalRepName));
        set('address', input.address === undefined ? undefined : trimmedOrNull(input.address));
        if (input.divisionCode !== undefined && input.divisionCode !== row.divisionCode) {
          await this.#homeDivision(trx, caller, input.divisionCode);
          changes.divisionCode = input.divisionCode;
        }
        set('fields', input.fields && [...new Set(input.fields)]);
        set('category', input.category);
        set('serviceArea', input.serviceArea === undefined ? undefined : trimmedOrNull(input.serviceArea));
        set('staffCount', input.staffCount);
        set('volunteerCount', input.volunteerCount);
        set('venue', input.venue);
        set('tags', input.tags && [...new Set(input.tags)]);
        set('fromOutside', input.fromOutside);
        set('description', input.description === undefined ? undefined : trimmedOrNull(input.description));
        const before: Record<string, unknown> = {};
        const after: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(changes)) {
          const old = (row as unknown as Record<string, unknown>)[key];
          if (canonicalJson(old ?? null) === canonicalJson(value ?? null)) {
            delete changes[key];
            continue;
          }
          if (key === 'usccManualCheck') continue;
          before[key] = old ?? null;
          after[key] = value ?? null;
        }
        if (input.contactPhone !== undefined) {
          const phone = this.#phone(input.contactPhone, locale);
          const oldPhone =
            row.contactPhoneSealed === null ? null : this.cipher.decrypt(row.contactPhoneSealed);
          if (phone !== oldPhone) {
            changes.contactPhoneSealed = phone === null ? null : this.cipher.encrypt(phone);
            changes.contactPhoneIndex = phone === null ? null : this.phoneIndex(phone);
            before.contactPhone = oldPhone && maskPhone(oldPhone);
            after.contactPhone = phone && maskPhone(phone);
          }
        }
        if (Object.keys(changes).length === 0) return;
        await trx
          .updateTable('organization')
          .set({ ...changes, version: row.version + 1, updatedAt: new Date() })
          .where('id', '=', id)
          .execute();
        await repo.refreshSearchVectors(trx, [id]);
        await appendAudit(trx, caller.actor, {
          action: 'organization.update',
          entityType: 'organization',
          entityId: id,
          divisionCode: (changes.divisionCode as string | undefined) ?? row.divisionCode,
          before,
          after,
        });
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError('organization.duplicateUscc', { uscc: input.uscc ?? '' });
      throw error;
    }
    return this.detail(caller, id);
  }

  async #locked(trx: Transaction<DB>, caller: Caller, id: string): Promise<repo.OrganizationRow> {
    const row = await repo.lockRow(trx, caller, id);
    if (!row) throw new AppError('organization.notFound', { id });
    return row;
  }

  async transition(caller: Caller, id: string, input: TransitionInputBody): Promise<OrganizationDetail> {
    await this.db.transaction().execute((trx) =>
      transition(trx, organizationLifecycle, caller, {
        id,
        action: input.action,
        version: input.version,
        comment: input.comment,
      }),
    );
    return this.detail(caller, id);
  }

  async history(caller: Caller, id: string, locale: Locale): Promise<HistoryItem[]> {
    await this.#visible(this.db, caller, id);
    const entries = await workflowHistory(this.db, LIFECYCLE, id);
    return entries.map((h) => ({
      id: h.id,
      action: h.action,
      actionName: ORGANIZATION_ACTION_NAMES[locale][h.action as OrganizationAction] ?? h.action,
      fromState: h.fromState,
      toState: h.toState,
      comment: h.comment,
      actorName: h.actorName,
      actorRole: h.actorRole,
      onBehalfName: h.onBehalfName,
      at: h.at.toISOString(),
    }));
  }

  /**
   * One year's income by source (R6.2), all five sources at once, in fen. The year's figures are
   * part of the record, so the record's version guards them; all zeros clears the year.
   */
  async saveFunding(
    caller: Caller,
    id: string,
    year: number,
    input: FundingInput,
  ): Promise<OrganizationDetail> {
    await this.db.transaction().execute(async (trx) => {
      const row = await this.#locked(trx, caller, id);
      if (row.version !== input.version) throw new AppError('conflict.version', { id });
      if (!canEditFunding(caller, row)) throw new AppError('auth.forbidden');
      const before = await trx
        .selectFrom('organizationFunding')
        .select(['source', 'amountFen'])
        .where('organizationId', '=', id)
        .where('year', '=', year)
        .execute();
      const old = Object.fromEntries(before.map((r) => [r.source, Number(r.amountFen)]));
      const amounts = FUNDING_SOURCES.map((source) => ({ source, amountFen: input.amountsFen[source] }));
      if (amounts.every((a) => (old[a.source] ?? 0) === a.amountFen)) return;
      await trx
        .deleteFrom('organizationFunding')
        .where('organizationId', '=', id)
        .where('year', '=', year)
        .execute();
      const kept = amounts.some((a) => a.amountFen > 0) ? amounts : [];
      if (kept.length > 0)
        await trx
          .insertInto('organizationFunding')
          .values(kept.map((a) => ({ organizationId: id, year, ...a })))
          .execute();
      await trx
        .updateTable('organization')
        .set({ version: row.version + 1, updatedAt: new Date() })
        .where('id', '=', id)
        .execute();
      await appendAudit(trx, caller.actor, {
        action: 'organization.funding',
        entityType: 'organization',
        entityId: id,
        divisionCode: row.divisionCode,
        before: { year, amountsFen: old },
        after: { year, amountsFen: Object.fromEntries(kept.map((a) => [a.source, a.amountFen])) },
      });
    });
    return this.detail(caller, id);
  }

  /**
   * The district's manual verification (人工核验) of a legacy credit code that fails the check
   * character: the code is kept with who verified it, when and on what evidence.
   */
  async verifyUscc(
    caller: Caller,
    id: string,
    input: UsccVerificationInput,
    locale: Locale,
  ): Promise<OrganizationDetail> {
    const checked = checkUscc(input.uscc);
    if (checked.ok) throw new AppError('organization.usccValid', { uscc: checked.value });
    if (checked.problem !== 'uscc.checksum')
      throw new AppError('organization.invalidUscc', { reason: checked.problem, field: 'uscc' }, [
        fieldError(locale, 'body.uscc', checked.problem),
      ]);
    const uscc = compactCode(input.uscc);
    const manualCheck = this.#manualCheck(caller, input.note.trim());
    try {
      await this.db.transaction().execute(async (trx) => {
        const row = await this.#locked(trx, caller, id);
        if (row.version !== input.version) throw new AppError('conflict.version', { id });
        if (!isRegisteredKind(row.kind) || row.state === 'deregistered') throw new AppError('auth.forbidden');
        const holder = await repo.usccHolder(trx, uscc);
        if (holder && holder !== id) throw new AppError('organization.duplicateUscc', { uscc });
        await trx
          .updateTable('organization')
          .set({
            uscc,
            usccManualCheck: JSON.stringify(manualCheck),
            version: row.version + 1,
            updatedAt: new Date(),
          })
          .where('id', '=', id)
          .execute();
        await appendAudit(trx, caller.actor, {
          action: 'organization.verifyUscc',
          entityType: 'organization',
          entityId: id,
          divisionCode: row.divisionCode,
          before: { uscc: row.uscc },
          after: { uscc, manualCheck: { note: manualCheck.note } },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('organization.duplicateUscc', { uscc });
      throw error;
    }
    return this.detail(caller, id);
  }
}
