import { randomUUID } from 'node:crypto';
import {
  FOCUS_AREAS,
  type FocusArea,
  FUND_CHANNELS,
  type FundChannel,
  formatYuan,
  type PostingKind,
} from '@linli/common';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { appendAudit } from '../../platform/audit.ts';
import { AppError, isUniqueViolation } from '../../platform/errors.ts';
import type { PageOf } from '../../platform/http-schemas.ts';
import type { Caller } from '../../platform/scope.ts';
import { type Db, fundsVisibleTo } from './funding.repository.ts';
import type {
  AdjustFundInput,
  CreateFundInput,
  Fund,
  FundFilters,
  FundPosting,
  FundSummary,
  UpdateFundInput,
} from './funding.schemas.ts';

/** One ledger entry another step posts (an award's commitment, a tranche's payment …). */
export interface PostingInput {
  fundId: string;
  kind: PostingKind;
  /** Positive fen; an adjustment may be negative. */
  amountFen: number;
  focusArea?: string | null;
  referenceType?: string | null;
  referenceId?: string | null;
  reason?: string | null;
}

const FUND_COLUMNS = [
  'f.id',
  'f.year',
  'f.channel',
  'f.name',
  'f.focusAreas',
  'f.budgetFen',
  'f.committedFen',
  'f.paidFen',
  'f.divisionCode',
  'f.note',
  'f.version',
  'f.updatedAt',
] as const;

type FundRow = {
  id: string;
  year: number;
  channel: string;
  name: string;
  focusAreas: string[];
  budgetFen: number;
  committedFen: number;
  paidFen: number;
  divisionCode: string;
  note: string | null;
  version: number;
  updatedAt: Date;
};

export const FUND_EXPORT_LIMIT = 5_000;

function fundOf(r: FundRow): Fund {
  const budgetFen = Number(r.budgetFen);
  const committedFen = Number(r.committedFen);
  return {
    id: r.id,
    year: r.year,
    channel: r.channel as FundChannel,
    name: r.name,
    focusAreas: r.focusAreas as FocusArea[],
    budgetFen,
    committedFen,
    paidFen: Number(r.paidFen),
    remainingFen: budgetFen - committedFen,
    note: r.note,
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
  };
}

/**
 * Funds and their ledger (issue #7 item 1). Every change of what is committed or paid is a
 * posting made under a row lock on the fund (`select … for update`), so two commitments arriving
 * together are decided one after the other: the second sees the first and is refused when the
 * rest does not cover it. Other steps (awards, contracts, payments) post through `post`.
 */
export class FundService {
  constructor(private readonly db: Kysely<DB>) {}

  #filtered(db: Db, caller: Caller, f: FundFilters) {
    let q = fundsVisibleTo(db, caller).select(FUND_COLUMNS);
    if (f.year) q = q.where('f.year', '=', f.year);
    if (f.channel) q = q.where('f.channel', '=', f.channel);
    if (f.focusArea) q = q.where(sql<boolean>`f.focus_areas @> array[${f.focusArea}]::text[]`);
    return q;
  }

  async list(
    caller: Caller,
    query: FundFilters & { limit?: number; offset?: number },
  ): Promise<PageOf<Fund>> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const [items, total] = await Promise.all([
      this.#filtered(this.db, caller, query)
        .orderBy('f.year', 'desc')
        .orderBy('f.channel')
        .orderBy('f.name')
        .limit(limit)
        .offset(offset)
        .execute(),
      this.#filtered(this.db, caller, query)
        .clearSelect()
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { items: items.map(fundOf), total: Number(total.n), limit, offset };
  }

  async exportRows(caller: Caller, query: FundFilters): Promise<Fund[]> {
    const rows = await this.#filtered(this.db, caller, query)
      .orderBy('f.year', 'desc')
      .orderBy('f.channel')
      .orderBy('f.name')
      .limit(FUND_EXPORT_LIMIT)
      .execute();
    await this.db.transaction().execute((trx) =>
      appendAudit(trx, caller.actor, {
        action: 'fund.export',
        entityType: 'fund',
        divisionCode: caller.scope.kind === 'prefixes' ? (caller.scope.prefixes[0] ?? null) : null,
        after: { count: rows.length, filters: query },
      }),
    );
    return rows.map(fundOf);
  }

  /** Totals of the funds the caller sees, by channel and by focus area (committed and paid from the ledger). */
  async summary(caller: Caller, year?: number): Promise<FundSummary> {
    const funds = (await this.#filtered(this.db, caller, year ? { year } : {}).execute()).map(fundOf);
    const zero = () => ({ funds: 0, budgetFen: 0, committedFen: 0, paidFen: 0, remainingFen: 0 });
    const total = zero();
    const byChannel = new Map(FUND_CHANNELS.map((c) => [c, zero()]));
    for (const f of funds) {
      for (const bucket of [total, byChannel.get(f.channel)!]) {
        bucket.funds += 1;
        bucket.budgetFen += f.budgetFen;
        bucket.committedFen += f.committedFen;
        bucket.paidFen += f.paidFen;
        bucket.remainingFen += f.remainingFen;
      }
    }
    const ids = funds.map((f) => f.id);
    const byArea =
      ids.length === 0
        ? []
        : await this.db
            .selectFrom('fundPosting')
            .select([
              'focusArea',
              sql<number>`coalesce(sum(case when kind = 'payment' then 0 when kind = 'release' then -amount_fen else amount_fen end), 0)::bigint`.as(
                'committed',
              ),
              sql<number>`coalesce(sum(case when kind = 'payment' then amount_fen else 0 end), 0)::bigint`.as(
                'paid',
              ),
              // An award posts exactly one commitment: counting them needs no distinct, whose sort
              // spilled to disk over 100,000 postings in the bench (a hash aggregate does not).
              sql<number>`(count(*) filter (where kind = 'commitment'))::int`.as('awarded'),
            ])
            .where('fundId', 'in', ids)
            .where('focusArea', 'is not', null)
            .groupBy('focusArea')
            .execute();
    const areaRow = new Map(byArea.map((r) => [r.focusArea, r]));
    return {
      year: year ?? null,
      ...total,
      byChannel: FUND_CHANNELS.filter((c) => byChannel.get(c)!.funds > 0).map((channel) => ({
        channel,
        ...byChannel.get(channel)!,
      })),
      byFocusArea: FOCUS_AREAS.map((focusArea) => {
        const r = areaRow.get(focusArea);
        // A fund kept for several areas counts for each of them: its budget and what is left of it
        // can go to any, so these two columns overlap across areas and do not add up to the total.
        const covering = funds.filter((f) => f.focusAreas.includes(focusArea));
        return {
          focusArea,
          funds: covering.length,
          budgetFen: covering.reduce((sum, f) => sum + f.budgetFen, 0),
          remainingFen: covering.reduce((sum, f) => sum + f.remainingFen, 0),
          committedFen: Number(r?.committed ?? 0),
          paidFen: Number(r?.paid ?? 0),
          awarded: Number(r?.awarded ?? 0),
        };
      }).filter((a) => a.funds > 0 || a.committedFen !== 0),
    };
  }

  async #visible(db: Db, caller: Caller, id: string): Promise<FundRow> {
    const row = await fundsVisibleTo(db, caller)
      .select(FUND_COLUMNS)
      .where('f.id', '=', id)
      .executeTakeFirst();
    if (!row) throw new AppError('fund.notFound', { id });
    return row;
  }

  async #locked(trx: Transaction<DB>, caller: Caller, id: string): Promise<FundRow> {
    const row = await fundsVisibleTo(trx, caller)
      .select(FUND_COLUMNS)
      .where('f.id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new AppError('fund.notFound', { id });
    return row;
  }

  async detail(caller: Caller, id: string): Promise<Fund> {
    return fundOf(await this.#visible(this.db, caller, id));
  }

  /** A fund the caller sees, for other steps (a call names its fund). */
  async find(db: Db, caller: Caller, id: string): Promise<Fund | undefined> {
    const row = await fundsVisibleTo(db, caller)
      .select(FUND_COLUMNS)
      .where('f.id', '=', id)
      .executeTakeFirst();
    return row && fundOf(row);
  }

  async postings(
    caller: Caller,
    id: string,
    page: { limit?: number; offset?: number },
  ): Promise<PageOf<FundPosting>> {
    await this.#visible(this.db, caller, id);
    const limit = page.limit ?? 20;
    const offset = page.offset ?? 0;
    const [rows, total] = await Promise.all([
      this.db
        .selectFrom('fundPosting as p')
        .leftJoin('fundingApplication as a', (join) =>
          join.onRef('a.id', '=', 'p.referenceId').on('p.referenceType', '=', 'application'),
        )
        .leftJoin('contractTranche as t', (join) =>
          join.onRef('t.id', '=', 'p.referenceId').on('p.referenceType', '=', 'contract_tranche'),
        )
        // The project a posting belongs to: a tranche's or a release's contract, or the awarded
        // application's contract once it is signed (two joins, each on an index, rather than one OR).
        .leftJoin('contract as k', (join) =>
          join.on(
            'k.id',
            '=',
            sql<string>`coalesce(t.contract_id, case when p.reference_type = 'contract' then p.reference_id end)`,
          ),
        )
        .leftJoin('contract as ka', 'ka.applicationId', 'a.id')
        .select([
          'p.id',
          'p.kind',
          'p.amountFen',
          'p.focusArea',
          'p.referenceType',
          'p.referenceId',
          sql<string | null>`coalesce(k.title, ka.title, a.title)`.as('referenceTitle'),
          sql<string | null>`coalesce(k.id, ka.id)`.as('contractId'),
          'a.id as applicationId',
          't.seq as trancheSeq',
          'p.reason',
          'p.actorName',
          'p.at',
        ])
        .where('p.fundId', '=', id)
        .orderBy('p.id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute(),
      this.db
        .selectFrom('fundPosting')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('fundId', '=', id)
        .executeTakeFirstOrThrow(),
    ]);
    return {
      items: rows.map((r) => ({
        id: Number(r.id),
        kind: r.kind as PostingKind,
        amountFen: Number(r.amountFen),
        focusArea: r.focusArea as FocusArea | null,
        referenceType: r.referenceType,
        referenceId: r.referenceId,
        referenceTitle: r.referenceTitle ?? null,
        contractId: r.contractId ?? null,
        applicationId: r.applicationId ?? null,
        trancheSeq: r.trancheSeq ?? null,
        reason: r.reason,
        actorName: r.actorName,
        at: r.at.toISOString(),
      })),
      total: Number(total.n),
      limit,
      offset,
    };
  }

  /** The district a new fund belongs to: the caller's own (district) scope. */
  #homeDivision(caller: Caller): string {
    if (caller.scope.kind === 'all') return '220106';
    return caller.scope.prefixes[0]!.slice(0, 6);
  }

  async create(caller: Caller, input: CreateFundInput): Promise<Fund> {
    const id = randomUUID();
    const values = {
      id,
      year: input.year,
      channel: input.channel,
      name: input.name.trim(),
      focusAreas: [...new Set(input.focusAreas)],
      budgetFen: input.budgetFen,
      divisionCode: this.#homeDivision(caller),
      note: input.note?.trim() || null,
    };
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx.insertInto('fund').values(values).execute();
        await appendAudit(trx, caller.actor, {
          action: 'fund.create',
          entityType: 'fund',
          entityId: id,
          divisionCode: values.divisionCode,
          after: values,
        });
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError('fund.exists', { name: values.name, year: input.year });
      throw error;
    }
    return this.detail(caller, id);
  }

  async update(caller: Caller, id: string, input: UpdateFundInput): Promise<Fund> {
    let year = 0;
    try {
      await this.db.transaction().execute(async (trx) => {
        const row = await this.#locked(trx, caller, id);
        year = row.year;
        if (row.version !== input.version) throw new AppError('conflict.version', { id });
        const changes: Record<string, unknown> = {};
        if (input.name !== undefined && input.name.trim() !== row.name) changes.name = input.name.trim();
        if (input.focusAreas !== undefined) changes.focusAreas = [...new Set(input.focusAreas)];
        if (input.note !== undefined) changes.note = input.note?.trim() || null;
        if (input.budgetFen !== undefined && input.budgetFen !== Number(row.budgetFen)) {
          // The row is locked: no commitment can slip in between this check and the write.
          if (input.budgetFen < Number(row.committedFen))
            throw new AppError('fund.budgetBelowCommitted', {
              committed: formatYuan(Number(row.committedFen)),
            });
          changes.budgetFen = input.budgetFen;
        }
        if (Object.keys(changes).length === 0) return;
        await trx
          .updateTable('fund')
          .set({ ...changes, version: row.version + 1, updatedAt: new Date() })
          .where('id', '=', id)
          .execute();
        await appendAudit(trx, caller.actor, {
          action: 'fund.update',
          entityType: 'fund',
          entityId: id,
          divisionCode: row.divisionCode,
          before: Object.fromEntries(
            Object.keys(changes).map((k) => [k, (row as Record<string, unknown>)[k]]),
          ),
          after: changes,
        });
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError('fund.exists', { name: input.name?.trim() ?? '', year });
      throw error;
    }
    return this.detail(caller, id);
  }

  /** The district's correction of what is committed, with its reason (the only free-form posting). */
  async adjust(caller: Caller, id: string, input: AdjustFundInput): Promise<Fund> {
    await this.db.transaction().execute((trx) =>
      this.post(trx, caller, {
        fundId: id,
        kind: 'adjustment',
        amountFen: input.amountFen,
        reason: input.reason.trim(),
      }),
    );
    return this.detail(caller, id);
  }

  /**
   * Posts one ledger entry inside the caller's transaction, holding the fund's row lock until it
   * ends: a commitment (or a positive adjustment) beyond what is left is 409 `fund.insufficient`
   * with the remaining amount; a release, payment or negative adjustment cannot take committed
   * below paid or paid above committed.
   */
  async post(trx: Transaction<DB>, caller: Caller, p: PostingInput): Promise<Fund> {
    const row = await this.#locked(trx, caller, p.fundId);
    const budget = Number(row.budgetFen);
    let committed = Number(row.committedFen);
    let paid = Number(row.paidFen);
    const delta = p.kind === 'release' ? -p.amountFen : p.kind === 'payment' ? 0 : p.amountFen;
    if (p.kind === 'payment') paid += p.amountFen;
    if (delta > 0 && committed + delta > budget)
      throw new AppError('fund.insufficient', {
        fundName: row.name,
        remaining: formatYuan(budget - committed),
        remainingFen: budget - committed,
        requested: formatYuan(delta),
        requestedFen: delta,
      });
    committed += delta;
    if (committed < 0 || paid > committed)
      throw new AppError(p.kind === 'payment' ? 'fund.insufficient' : 'fund.belowPaid', {
        fundName: row.name,
        paid: formatYuan(Number(row.paidFen)),
        remaining: formatYuan(Number(row.committedFen) - Number(row.paidFen)),
        remainingFen: Number(row.committedFen) - Number(row.paidFen),
        requested: formatYuan(p.amountFen),
        requestedFen: p.amountFen,
      });
    await trx
      .updateTable('fund')
      .set({ committedFen: committed, paidFen: paid, updatedAt: new Date() })
      .where('id', '=', row.id)
      .execute();
    await trx
      .insertInto('fundPosting')
      .values({
        fundId: row.id,
        kind: p.kind,
        amountFen: p.amountFen,
        focusArea: p.focusArea ?? null,
        referenceType: p.referenceType ?? null,
        referenceId: p.referenceId ?? null,
        reason: p.reason ?? null,
        actorId: caller.actor.id,
        actorName: caller.actor.name,
        divisionCode: row.divisionCode,
      })
      .execute();
    await appendAudit(trx, caller.actor, {
      action: `fund.${p.kind}`,
      entityType: 'fund',
      entityId: row.id,
      divisionCode: row.divisionCode,
      before: { committedFen: Number(row.committedFen), paidFen: Number(row.paidFen) },
      after: {
        committedFen: committed,
        paidFen: paid,
        amountFen: p.amountFen,
        reference: p.referenceId ? `${p.referenceType}:${p.referenceId}` : null,
        ...(p.reason ? { reason: p.reason } : {}),
      },
    });
    return fundOf({ ...row, committedFen: committed, paidFen: paid });
  }
}
