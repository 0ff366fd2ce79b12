import { randomUUID } from 'node:crypto';
import {
  beijingToday,
  GRID_LEADER_DUTY,
  type GridDutyOrigin,
  maskPhone,
  normalizeMobile,
} from '@linli/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { appendAudit, changedFields } from '../../platform/audit.ts';
import type { DataCipher } from '../../platform/crypto.ts';
import { AppError, isUniqueViolation } from '../../platform/errors.ts';
import type { PageOf } from '../../platform/http-schemas.ts';
import { type Caller, can } from '../../platform/scope.ts';
import type { DivisionService } from '../divisions/divisions.service.ts';
import type { ResidentService } from '../residents/residents.service.ts';
import * as repo from './grids.repository.ts';
import type {
  AssignmentFilters,
  CreateAssignmentInput,
  CreateDutyInput,
  EndAssignmentInput,
  GridAssignment,
  GridDuty,
  GridOverview,
  RosterSummary,
  UpdateDutyInput,
} from './grids.schemas.ts';

/** Rows in one spreadsheet export; the district's whole roster (312 grids) fits many times over. */
export const EXPORT_LIMIT = 20_000;

function trimmedOrNull(value: string | null | undefined): string | null {
  return value === null || value === undefined || value.trim() === '' ? null : value.trim();
}

function toDuty(row: repo.DutyRow): GridDuty {
  return {
    code: row.code,
    name: row.name,
    nameEn: row.nameEn,
    origin: row.origin as GridDutyOrigin,
    leader: row.code === GRID_LEADER_DUTY,
    sortOrder: row.sortOrder,
    active: row.active,
    version: row.version,
  };
}

/**
 * Grid rosters ("一长九员", R1.4): who serves each grid, in which duty, from when to when. Every
 * read and write goes through the roster's one visibility rule (the grid within the caller's
 * scope): a community sees its grids, a street its street, a grid leader its own grid. Phones are
 * sealed like residents' phones and masked in every response and export.
 */
export class GridService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly cipher: DataCipher,
    private readonly divisions: DivisionService,
    private readonly residents: ResidentService,
  ) {}

  #phone(input: string | null | undefined): string | null {
    const value = trimmedOrNull(input);
    if (value === null) return null;
    const phone = normalizeMobile(value);
    if (!phone) throw new AppError('grid.invalidPhone');
    return phone;
  }

  #view(caller: Caller, row: repo.AssignmentRow, today: string): GridAssignment {
    const current = row.fromDate <= today && (row.toDate === null || row.toDate >= today);
    return {
      id: row.id,
      gridCode: row.divisionCode,
      gridName: row.gridName,
      communityName: row.communityName,
      dutyCode: row.dutyCode,
      dutyName: row.dutyName,
      leader: row.dutyCode === GRID_LEADER_DUTY,
      personName: row.personName,
      phone: row.phoneSealed === null ? null : maskPhone(this.cipher.decrypt(row.phoneSealed)),
      accountUsername: row.accountUsername,
      fromDate: row.fromDate,
      toDate: row.toDate,
      current,
      endReason: row.endReason,
      note: row.note,
      version: row.version,
      abilities: { end: can(caller, 'grid:write') && (row.toDate === null || row.toDate >= today) },
    };
  }

  async #visible(db: repo.Db, caller: Caller, id: string): Promise<repo.AssignmentRow> {
    const row = await repo.findRow(db, caller, id);
    if (!row) throw new AppError('grid.assignmentNotFound', { id });
    return row;
  }

  async list(
    caller: Caller,
    query: AssignmentFilters & { limit?: number | undefined; offset?: number | undefined },
  ): Promise<PageOf<GridAssignment>> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const today = beijingToday();
    const { items, total } = await repo.listRows(
      this.db,
      caller,
      { ...query, q: query.q?.trim() || undefined, limit, offset },
      today,
    );
    return { items: items.map((r) => this.#view(caller, r, today)), total, limit, offset };
  }

  /** The filtered roster for a spreadsheet (phones masked); the export itself is audited. */
  async exportRows(caller: Caller, query: AssignmentFilters): Promise<GridAssignment[]> {
    const today = beijingToday();
    const rows = await repo.exportRows(
      this.db,
      caller,
      { ...query, q: query.q?.trim() || undefined },
      today,
      EXPORT_LIMIT,
    );
    await this.db.transaction().execute((trx) =>
      appendAudit(trx, caller.actor, {
        action: 'grid.export',
        entityType: 'grid_assignment',
        divisionCode:
          query.gridCode ??
          query.divisionCode ??
          (caller.scope.kind === 'prefixes' ? caller.scope.prefixes[0] : null),
        after: { count: rows.length, filters: query },
      }),
    );
    return rows.map((r) => this.#view(caller, r, today));
  }

  async summary(caller: Caller, divisionCode: string | undefined): Promise<RosterSummary> {
    const today = beijingToday();
    const [grids, byDuty] = await Promise.all([
      repo.gridCounts(this.db, caller.scope, divisionCode, GRID_LEADER_DUTY, today),
      repo.dutyCounts(this.db, caller.scope, divisionCode, today),
    ]);
    return {
      grids: grids.grids,
      gridsWithLeader: grids.withLeader,
      people: byDuty.reduce((s, d) => s + d.count, 0),
      byDuty,
    };
  }

  /** A grid's page: where it is, its people (division record and residents registry) and roster counts. */
  async overview(caller: Caller, code: string): Promise<GridOverview> {
    if (!(await repo.findGrid(this.db, caller.scope, code))) throw new AppError('grid.notFound', { code });
    const today = beijingToday();
    const [division, residents, byDuty, leader] = await Promise.all([
      this.divisions.detail(caller.scope, code),
      this.residents.list(caller, { divisionCode: code, limit: 1 }),
      repo.dutyCounts(this.db, caller.scope, code, today),
      repo.leaderOf(this.db, code, GRID_LEADER_DUTY, today),
    ]);
    const community = division.ancestors.find((a) => a.code.length === 12);
    const street = division.ancestors.find((a) => a.code.length === 9);
    return {
      code,
      name: division.name,
      communityCode: community?.code ?? code.slice(0, 12),
      communityName: community?.name ?? '',
      streetCode: street?.code ?? code.slice(0, 9),
      streetName: street?.name ?? '',
      population: division.population,
      households: division.households,
      registeredResidents: residents.total,
      leaderName: leader?.personName ?? null,
      byDuty,
      canAssign: can(caller, 'grid:write'),
    };
  }

  async create(caller: Caller, input: CreateAssignmentInput): Promise<GridAssignment> {
    const today = beijingToday();
    const fromDate = input.fromDate ?? today;
    const toDate = input.toDate ?? null;
    if (toDate !== null && toDate < fromDate) throw new AppError('grid.invalidDates');
    const phone = this.#phone(input.phone);
    const personName = input.personName.trim();
    if (!personName) throw new AppError('validation.failed', { detail: 'personName' });
    const id = randomUUID();
    try {
      await this.db.transaction().execute(async (trx) => {
        if (!(await repo.findGrid(trx, caller.scope, input.gridCode)))
          throw new AppError('grid.notFound', { code: input.gridCode });
        const duty = await repo.findDuty(trx, input.dutyCode);
        if (!duty?.active) throw new AppError('grid.invalidDuty', { duty: input.dutyCode });
        if (duty.code === GRID_LEADER_DUTY) {
          const other = await repo.overlappingLeader(trx, input.gridCode, duty.code, fromDate, toDate);
          if (other)
            throw new AppError('grid.leaderExists', { code: input.gridCode, name: other.personName });
        }
        let accountId: string | null = null;
        const username = trimmedOrNull(input.accountUsername);
        if (username !== null) {
          const account = await repo.accountByUsername(trx, username);
          // The account must work in this grid's community: its grid staff or the community's own.
          const community = input.gridCode.slice(0, 12);
          if (!account?.scopes.some((s) => s.startsWith(community)))
            throw new AppError('grid.invalidAccount');
          accountId = account.id;
        }
        await repo.insertAssignment(trx, {
          id,
          divisionCode: input.gridCode,
          dutyCode: duty.code,
          personName,
          phoneSealed: phone === null ? null : this.cipher.encrypt(phone),
          phoneIndex: phone === null ? null : this.cipher.piiIndex('phone', phone),
          accountId,
          fromDate,
          toDate,
          note: trimmedOrNull(input.note),
          createdBy: caller.actor.id,
          createdByName: caller.actor.name,
        });
        await appendAudit(trx, caller.actor, {
          action: 'grid.assign',
          entityType: 'grid_assignment',
          entityId: id,
          divisionCode: input.gridCode,
          after: {
            duty: duty.code,
            personName,
            phone: phone === null ? null : maskPhone(phone),
            account: username,
            fromDate,
            toDate,
          },
        });
      });
    } catch (error) {
      // Two desks appointing a leader at once: the one-open-leader index decides.
      if (isUniqueViolation(error))
        throw new AppError('grid.leaderExists', { code: input.gridCode, name: '' });
      throw error;
    }
    return this.#view(caller, await this.#visible(this.db, caller, id), today);
  }

  /** Ends a term on its last day (today unless given); the grid's next leader may start that day. */
  async end(caller: Caller, id: string, input: EndAssignmentInput): Promise<GridAssignment> {
    const today = beijingToday();
    await this.db.transaction().execute(async (trx) => {
      const row = await this.#visible(trx, caller, id);
      if (row.version !== input.version) throw new AppError('conflict.version', { id });
      if (row.toDate !== null && row.toDate < today)
        throw new AppError('grid.alreadyEnded', { toDate: row.toDate });
      const toDate = input.toDate ?? today;
      if (toDate < row.fromDate) throw new AppError('grid.invalidDates');
      const endReason = trimmedOrNull(input.reason);
      if (!(await repo.endAssignment(trx, id, input.version, { toDate, endReason })))
        throw new AppError('conflict.version', { id });
      await appendAudit(trx, caller.actor, {
        action: 'grid.endAssignment',
        entityType: 'grid_assignment',
        entityId: id,
        divisionCode: row.divisionCode,
        before: { toDate: row.toDate },
        after: { toDate, endReason },
      });
    });
    return this.#view(caller, await this.#visible(this.db, caller, id), today);
  }

  async duties(): Promise<GridDuty[]> {
    return (await repo.listDuties(this.db)).map(toDuty);
  }

  async createDuty(caller: Caller, input: CreateDutyInput): Promise<GridDuty> {
    try {
      await this.db.transaction().execute(async (trx) => {
        if (await repo.findDuty(trx, input.code)) throw new AppError('grid.dutyExists', { code: input.code });
        const values = {
          code: input.code,
          name: input.name.trim(),
          nameEn: input.nameEn.trim(),
          origin: 'district',
          sortOrder: input.sortOrder ?? 100,
        };
        await repo.insertDuty(trx, values);
        await appendAudit(trx, caller.actor, {
          action: 'grid.dutyCreate',
          entityType: 'grid_duty',
          entityId: input.code,
          after: values,
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('grid.dutyExists', { code: input.code });
      throw error;
    }
    return toDuty((await repo.findDuty(this.db, input.code))!);
  }

  async updateDuty(caller: Caller, code: string, input: UpdateDutyInput): Promise<GridDuty> {
    try {
      await this.db.transaction().execute(async (trx) => {
        const row = await repo.findDuty(trx, code);
        if (!row) throw new AppError('grid.dutyNotFound', { code });
        if (row.version !== input.version) throw new AppError('conflict.version', { id: code });
        if (input.active === false && code === GRID_LEADER_DUTY) throw new AppError('grid.dutyFixed');
        const after = {
          name: input.name?.trim(),
          nameEn: input.nameEn?.trim(),
          sortOrder: input.sortOrder,
          active: input.active,
        };
        if (!(await repo.updateDuty(trx, code, input.version, after)))
          throw new AppError('conflict.version', { id: code });
        const changes = changedFields(row, after);
        await appendAudit(trx, caller.actor, {
          action: 'grid.dutyUpdate',
          entityType: 'grid_duty',
          entityId: code,
          ...(changes ?? {}),
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('grid.dutyExists', { code: input.name ?? code });
      throw error;
    }
    return toDuty((await repo.findDuty(this.db, code))!);
  }
}
