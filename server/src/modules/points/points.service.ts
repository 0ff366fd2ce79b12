import { randomUUID } from 'node:crypto';
import type { ActivityCategory, PointsAccountKind, TransferKind } from '@linli/common';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { appendAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { PageOf } from '../../platform/http-schemas.ts';
import { type Caller, codeInScope, inScope } from '../../platform/scope.ts';
import {
  pointsAccountsVisibleTo,
  teamsVisibleTo,
  volunteersVisibleTo,
} from '../volunteers/volunteers.repository.ts';
import { awardPoolAccountId, type PointsLedger, type TransferResult } from './ledger.service.ts';
import type {
  Award,
  AwardFilters,
  AwardInput,
  FundPoolInput,
  PointsAccount,
  Posting,
  Rule,
  SaveRuleInput,
  Statement,
  TeamAwardInput,
} from './points.schemas.ts';

export const AWARD_EXPORT_LIMIT = 20_000;

/** Points accounts, statements, district awards and the earning rules (issue #6 item 3). */
export class PointsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly ledger: PointsLedger,
  ) {}

  async mine(caller: Caller): Promise<PointsAccount> {
    const row = await this.db
      .selectFrom('pointsAccount as pa')
      .innerJoin('volunteer as v', 'v.id', 'pa.ownerId')
      .select('pa.id')
      .where('pa.kind', '=', 'volunteer')
      .where('v.accountId', '=', caller.actor.id)
      .executeTakeFirst();
    if (!row) throw new AppError('volunteer.notRegistered');
    return this.account(caller, row.id);
  }

  async account(caller: Caller, id: string): Promise<PointsAccount> {
    const row = await pointsAccountsVisibleTo(this.db, caller)
      .select(['pa.id', 'pa.kind', 'pa.ownerId', 'pa.name', 'pa.divisionCode', 'pa.balance'])
      .where('pa.id', '=', id)
      .executeTakeFirst();
    if (!row) throw new AppError('points.accountNotFound');
    return { ...row, kind: row.kind as PointsAccountKind, balance: Number(row.balance) };
  }

  async postings(
    caller: Caller,
    id: string,
    page: { limit?: number; offset?: number },
  ): Promise<PageOf<Posting>> {
    await this.account(caller, id);
    const limit = page.limit ?? 20;
    const offset = page.offset ?? 0;
    const total = await this.db
      .selectFrom('pointsPosting')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('accountId', '=', id)
      .executeTakeFirstOrThrow();
    const rows = await this.#postingRows(id).orderBy('p.id', 'desc').limit(limit).offset(offset).execute();
    return { items: rows.map(postingOf), total: Number(total.n), limit, offset };
  }

  #postingRows(accountId: string) {
    return this.db
      .selectFrom('pointsPosting as p')
      .innerJoin('pointsTransfer as t', 't.id', 'p.transferId')
      .select(['p.id', 'p.transferId', 't.kind', 'p.amount', 't.memo', 'p.at'])
      .where('p.accountId', '=', accountId);
  }

  /** The month-end statement: opening balance, the month's postings, earned, spent, closing (Beijing months). */
  async statement(caller: Caller, id: string, month: string): Promise<Statement> {
    const account = await this.account(caller, id);
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new AppError('points.invalidMonth');
    const [y, m] = month.split('-').map(Number) as [number, number];
    const from = new Date(`${month}-01T00:00:00+08:00`);
    const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    const to = new Date(`${next}-01T00:00:00+08:00`);
    const opening = await this.db
      .selectFrom('pointsPosting')
      .select(sql<number>`coalesce(sum(amount), 0)::bigint`.as('n'))
      .where('accountId', '=', id)
      .where('at', '<', from)
      .executeTakeFirstOrThrow();
    const rows = await this.#postingRows(id)
      .where('p.at', '>=', from)
      .where('p.at', '<', to)
      .orderBy('p.id')
      .execute();
    const postings = rows.map(postingOf);
    const earned = postings.filter((p) => p.amount > 0).reduce((s, p) => s + p.amount, 0);
    const spent = -postings.filter((p) => p.amount < 0).reduce((s, p) => s + p.amount, 0);
    const start = Number(opening.n);
    return { account, month, opening: start, earned, spent, closing: start + earned - spent, postings };
  }

  /** A district award to a volunteer, paid from the district's award pool. */
  async award(caller: Caller, input: AwardInput): Promise<TransferResult> {
    const volunteer = await volunteersVisibleTo(this.db, caller)
      .select(['v.id', 'v.name', 'v.divisionCode'])
      .where('v.id', '=', input.volunteerId)
      .executeTakeFirst();
    if (!volunteer) throw new AppError('volunteer.notFound');
    const district = volunteer.divisionCode.slice(0, 6);
    return this.db.transaction().execute(async (trx) => {
      await this.ledger.ensureDistrictAccounts(trx, district);
      const account = await trx
        .selectFrom('pointsAccount')
        .select('id')
        .where('kind', '=', 'volunteer')
        .where('ownerId', '=', volunteer.id)
        .executeTakeFirstOrThrow();
      const result = await this.ledger.transfer(
        {
          idempotencyKey: input.idempotencyKey,
          kind: 'award',
          legs: [
            { accountId: account.id, amount: input.points },
            { accountId: awardPoolAccountId(district), amount: -input.points },
          ],
          memo: input.reason.trim(),
          referenceType: 'volunteer',
          referenceId: volunteer.id,
        },
        caller.actor,
        trx,
      );
      if (result.created)
        await appendAudit(trx, caller.actor, {
          action: 'points.award',
          entityType: 'volunteer',
          entityId: volunteer.id,
          divisionCode: volunteer.divisionCode,
          after: { points: input.points, reason: input.reason, transferId: result.id },
        });
      return result;
    });
  }

  /**
   * The same points to every member of a team, in one transfer from the award pool (all or none:
   * the pool must cover the whole team). Members outside the caller's scope are not paid.
   */
  async awardTeam(caller: Caller, input: TeamAwardInput): Promise<TransferResult> {
    const team = await teamsVisibleTo(this.db, caller)
      .select(['t.id', 't.name', 't.divisionCode'])
      .where('t.id', '=', input.teamId)
      .executeTakeFirst();
    if (!team) throw new AppError('volunteer.teamNotFound');
    const district = team.divisionCode.slice(0, 6);
    return this.db.transaction().execute(async (trx) => {
      await this.ledger.ensureDistrictAccounts(trx, district);
      const members = await volunteersVisibleTo(trx, caller)
        .innerJoin('volunteerTeamMember as m', 'm.volunteerId', 'v.id')
        .innerJoin('pointsAccount as pa', (j) =>
          j.onRef('pa.ownerId', '=', 'v.id').on('pa.kind', '=', 'volunteer'),
        )
        .select(['v.id', 'pa.id as accountId'])
        .where('m.teamId', '=', team.id)
        .where('v.state', '=', 'active')
        .execute();
      if (members.length === 0) throw new AppError('points.noMembers');
      const result = await this.ledger.transfer(
        {
          idempotencyKey: input.idempotencyKey,
          kind: 'award',
          legs: [
            ...members.map((m) => ({ accountId: m.accountId, amount: input.points })),
            { accountId: awardPoolAccountId(district), amount: -input.points * members.length },
          ],
          memo: input.reason.trim(),
          referenceType: 'volunteer_team',
          referenceId: team.id,
        },
        caller.actor,
        trx,
      );
      if (result.created)
        await appendAudit(trx, caller.actor, {
          action: 'points.award.team',
          entityType: 'volunteer_team',
          entityId: team.id,
          divisionCode: team.divisionCode,
          after: {
            pointsEach: input.points,
            members: members.length,
            reason: input.reason,
            transferId: result.id,
          },
        });
      return result;
    });
  }

  /** Awards as each volunteer received them (a team award is one row per member), newest first. */
  async awards(caller: Caller, filters: AwardFilters): Promise<PageOf<Award>> {
    const limit = filters.limit ?? 20;
    const offset = filters.offset ?? 0;
    const total = await this.#awards(caller, filters)
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    return {
      items: await this.#awardRows(caller, filters, limit, offset),
      total: Number(total.n),
      limit,
      offset,
    };
  }

  exportAwards(caller: Caller, filters: AwardFilters): Promise<Award[]> {
    return this.#awardRows(caller, filters, AWARD_EXPORT_LIMIT, 0);
  }

  #awards(caller: Caller, filters: AwardFilters) {
    let q = this.db
      .selectFrom('pointsPosting as p')
      .innerJoin('pointsTransfer as t', 't.id', 'p.transferId')
      .innerJoin('pointsAccount as pa', 'pa.id', 'p.accountId')
      .innerJoin('volunteer as v', 'v.id', 'pa.ownerId')
      .where('t.kind', '=', 'award')
      .where('pa.kind', '=', 'volunteer')
      .where((eb) => inScope(eb, 'v.division_code', caller.scope));
    if (filters.volunteerId) q = q.where('v.id', '=', filters.volunteerId);
    if (filters.from) q = q.where('p.at', '>=', new Date(`${filters.from}T00:00:00+08:00`));
    if (filters.to)
      q = q.where('p.at', '<', sql<Date>`${`${filters.to}T00:00:00+08:00`}::timestamptz + interval '1 day'`);
    return q;
  }

  async #awardRows(caller: Caller, filters: AwardFilters, limit: number, offset: number): Promise<Award[]> {
    const rows = await this.#awards(caller, filters)
      .innerJoin('division as d', 'd.code', 'v.divisionCode')
      .leftJoin('volunteerTeam as team', (j) =>
        j.onRef('team.id', '=', 't.referenceId').on('t.referenceType', '=', 'volunteer_team'),
      )
      .select([
        'p.id',
        'p.transferId',
        'v.id as volunteerId',
        'v.name as volunteerName',
        'v.volunteerNo',
        'd.name as divisionName',
        'p.amount',
        't.memo',
        'team.name as teamName',
        't.actorName',
        'p.at',
      ])
      .orderBy('p.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map((r) => ({
      postingId: Number(r.id),
      transferId: r.transferId,
      volunteerId: r.volunteerId,
      volunteerName: r.volunteerName,
      volunteerNo: r.volunteerNo,
      divisionName: r.divisionName,
      points: Number(r.amount),
      reason: r.memo,
      teamName: r.teamName,
      actorName: r.actorName,
      at: r.at.toISOString(),
    }));
  }

  /** Puts points into the district's award pool (from its issuance source). */
  async fundPool(caller: Caller, input: FundPoolInput): Promise<TransferResult> {
    if (!codeInScope(input.districtCode, caller.scope)) throw new AppError('points.accountNotFound');
    return this.db.transaction().execute(async (trx) => {
      const { issuance, pool } = await this.ledger.ensureDistrictAccounts(trx, input.districtCode);
      const result = await this.ledger.transfer(
        {
          idempotencyKey: input.idempotencyKey,
          kind: 'pool_funding' as TransferKind,
          legs: [
            { accountId: pool, amount: input.points },
            { accountId: issuance, amount: -input.points },
          ],
          memo: input.memo.trim(),
        },
        caller.actor,
        trx,
      );
      if (result.created)
        await appendAudit(trx, caller.actor, {
          action: 'points.fundPool',
          entityType: 'points_account',
          entityId: pool,
          divisionCode: input.districtCode,
          after: { points: input.points, memo: input.memo, transferId: result.id },
        });
      return result;
    });
  }

  async rules(): Promise<Rule[]> {
    const rows = await this.db
      .selectFrom('pointsRule as r')
      .leftJoin('volunteerProgram as p', 'p.id', 'r.programId')
      .select([
        'r.id',
        'r.programId',
        'p.name as programName',
        'r.category',
        'r.pointsPerHour',
        'r.updatedAt',
      ])
      .orderBy('r.programId')
      .orderBy('r.category')
      .execute();
    return rows.map((r) => ({
      ...r,
      category: r.category as ActivityCategory | null,
      updatedAt: r.updatedAt.toISOString(),
    }));
  }

  /** Sets the points per hour for a program and/or category (both null: the default rule). */
  async saveRule(caller: Caller, input: SaveRuleInput): Promise<Rule[]> {
    await this.db.transaction().execute(async (trx) => {
      if (input.programId) {
        const p = await trx
          .selectFrom('volunteerProgram')
          .select('id')
          .where('id', '=', input.programId)
          .executeTakeFirst();
        if (!p) throw new AppError('volunteer.programNotFound');
      }
      await trx
        .deleteFrom('pointsRule')
        .where(sql<boolean>`coalesce(program_id, '') = ${input.programId ?? ''}`)
        .where(sql<boolean>`coalesce(category, '') = ${input.category ?? ''}`)
        .execute();
      await trx
        .insertInto('pointsRule')
        .values({
          id: randomUUID(),
          programId: input.programId,
          category: input.category,
          pointsPerHour: input.pointsPerHour,
          updatedBy: caller.actor.id,
        })
        .execute();
      await appendAudit(trx, caller.actor, {
        action: 'points.rule.save',
        entityType: 'points_rule',
        after: { ...input },
      });
    });
    return this.rules();
  }
}

function postingOf(r: {
  id: number;
  transferId: string;
  kind: string;
  amount: number;
  memo: string | null;
  at: Date;
}): Posting {
  return {
    id: Number(r.id),
    transferId: r.transferId,
    kind: r.kind as TransferKind,
    amount: Number(r.amount),
    memo: r.memo,
    at: r.at.toISOString(),
  };
}
