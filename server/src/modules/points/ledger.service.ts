import { randomUUID } from 'node:crypto';
import {
  DEFAULT_POINTS_PER_HOUR,
  formatPoints,
  type PointsAccountKind,
  type TransferKind,
} from '@linli/common';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import type { Actor } from '../../platform/audit.ts';
import { AppError, isUniqueViolation } from '../../platform/errors.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** One leg of a transfer: hundredths of a point into (positive) or out of (negative) an account. */
export interface PostingLeg {
  accountId: string;
  amount: number;
}

export interface TransferInput {
  /** The caller's request key: the same key again returns the first transfer and posts nothing. */
  idempotencyKey: string;
  kind: TransferKind;
  legs: PostingLeg[];
  memo?: string | null;
  referenceType?: string | null;
  referenceId?: string | null;
}

export interface TransferResult {
  id: string;
  idempotencyKey: string;
  kind: TransferKind;
  at: Date;
  /** False when the key had been used before and nothing was posted this time. */
  created: boolean;
  legs: PostingLeg[];
}

export interface AccountSpec {
  kind: PointsAccountKind;
  ownerId: string | null;
  name: string;
  divisionCode: string;
}

export type LedgerProblem =
  | { kind: 'balance'; accountId: string; accountName: string; cached: number; posted: number }
  | { kind: 'negative'; accountId: string; accountName: string; posted: number }
  | { kind: 'unbalanced'; transferId: string; sum: number; postings: number };

export interface LedgerReport {
  accounts: number;
  transfers: number;
  postings: number;
  problems: LedgerProblem[];
}

/** The district's "hours issuance" source: points for service hours are created here (it runs negative). */
export function issuanceAccountId(districtCode: string): string {
  return `issuance:${districtCode}`;
}

/** The district's award pool: awards post from it and it must be funded first. */
export function awardPoolAccountId(districtCode: string): string {
  return `award-pool:${districtCode}`;
}

/**
 * The points ledger (issue #6 item 3): double entry, append-only, idempotent, never below zero.
 * Every write goes through `transfer`, which locks the accounts it touches (in id order, so two
 * transfers never deadlock), checks the idempotency key only after holding the locks (a
 * concurrent retry of the same key waits and then finds the first transfer), refuses a balance
 * below zero, and writes the transfer, its postings and the cached balances together.
 */
export class PointsLedger {
  constructor(private readonly db: Kysely<DB>) {}

  /** The account for this owner, created on first use. */
  async ensureAccount(db: Db, spec: AccountSpec & { id?: string }): Promise<string> {
    const existing = await db
      .selectFrom('pointsAccount')
      .select('id')
      .where('kind', '=', spec.kind)
      .where((eb) => (spec.ownerId === null ? eb('ownerId', 'is', null) : eb('ownerId', '=', spec.ownerId)))
      .executeTakeFirst();
    if (existing) return existing.id;
    const id = spec.id ?? randomUUID();
    await db
      .insertInto('pointsAccount')
      .values({
        id,
        kind: spec.kind,
        ownerId: spec.ownerId,
        name: spec.name,
        divisionCode: spec.divisionCode,
        allowNegative: spec.kind === 'issuance',
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    return id;
  }

  /** The district's issuance source and award pool, created on first use. */
  async ensureDistrictAccounts(db: Db, districtCode: string): Promise<{ issuance: string; pool: string }> {
    const issuance = await this.ensureAccount(db, {
      id: issuanceAccountId(districtCode),
      kind: 'issuance',
      ownerId: districtCode,
      name: '服务时长积分发行',
      divisionCode: districtCode,
    });
    const pool = await this.ensureAccount(db, {
      id: awardPoolAccountId(districtCode),
      kind: 'award_pool',
      ownerId: districtCode,
      name: '区级奖励积分池',
      divisionCode: districtCode,
    });
    return { issuance, pool };
  }

  /** Posts a transfer in its own transaction, or in the caller's (hours confirmation posts with its record). */
  async transfer(input: TransferInput, actor: Actor, trx?: Transaction<DB>): Promise<TransferResult> {
    if (trx) return this.#transfer(trx, input, actor);
    return this.db.transaction().execute((t) => this.#transfer(t, input, actor));
  }

  async #transfer(trx: Transaction<DB>, input: TransferInput, actor: Actor): Promise<TransferResult> {
    const legs = mergeLegs(input.legs);
    const sum = legs.reduce((s, l) => s + l.amount, 0);
    if (legs.length < 2 || sum !== 0 || legs.some((l) => !Number.isSafeInteger(l.amount)))
      throw new Error(
        `a transfer needs two or more integer legs summing to zero (got ${JSON.stringify(legs)})`,
      );
    const ids = legs.map((l) => l.accountId).sort();
    const accounts = await trx
      .selectFrom('pointsAccount')
      .select(['id', 'name', 'balance', 'allowNegative'])
      .where('id', 'in', ids)
      .orderBy('id')
      .forUpdate()
      .execute();
    if (accounts.length !== ids.length) throw new AppError('points.accountNotFound');

    const previous = await trx
      .selectFrom('pointsTransfer')
      .selectAll()
      .where('idempotencyKey', '=', input.idempotencyKey)
      .executeTakeFirst();
    if (previous) {
      const postings = await trx
        .selectFrom('pointsPosting')
        .select(['accountId', 'amount'])
        .where('transferId', '=', previous.id)
        .execute();
      const same =
        previous.kind === input.kind &&
        sameLegs(
          postings.map((p) => ({ accountId: p.accountId, amount: Number(p.amount) })),
          legs,
        );
      if (!same) throw new AppError('points.idempotencyConflict');
      return {
        id: previous.id,
        idempotencyKey: previous.idempotencyKey,
        kind: previous.kind as TransferKind,
        at: previous.at,
        created: false,
        legs,
      };
    }

    for (const leg of legs) {
      const account = accounts.find((a) => a.id === leg.accountId)!;
      const balance = Number(account.balance);
      if (!account.allowNegative && balance + leg.amount < 0)
        throw new AppError('points.insufficient', {
          accountName: account.name,
          balance: formatPoints(balance),
          requested: formatPoints(-leg.amount),
        });
    }
    const id = randomUUID();
    const at = new Date();
    try {
      await trx
        .insertInto('pointsTransfer')
        .values({
          id,
          idempotencyKey: input.idempotencyKey,
          kind: input.kind,
          memo: input.memo ?? null,
          referenceType: input.referenceType ?? null,
          referenceId: input.referenceId ?? null,
          actorId: actor.id,
          actorName: actor.name,
          at,
        })
        .execute();
    } catch (error) {
      // The same key used at the same moment for other accounts (whose locks did not serialize them).
      if (isUniqueViolation(error)) throw new AppError('points.idempotencyConflict');
      throw error;
    }
    await trx
      .insertInto('pointsPosting')
      .values(legs.map((l) => ({ transferId: id, accountId: l.accountId, amount: l.amount, at })))
      .execute();
    for (const leg of legs)
      await trx
        .updateTable('pointsAccount')
        .set({ balance: sql`balance + ${leg.amount}` })
        .where('id', '=', leg.accountId)
        .execute();
    return { id, idempotencyKey: input.idempotencyKey, kind: input.kind, at, created: true, legs };
  }

  /** Points per hour (hundredths) for a program and category: the most specific rule, else 1 point per hour. */
  async rateFor(db: Db, programId: string | null, category: string): Promise<number> {
    const rule = await db
      .selectFrom('pointsRule')
      .select('pointsPerHour')
      .where((eb) =>
        eb.and([
          eb.or([eb('programId', 'is', null), ...(programId ? [eb('programId', '=', programId)] : [])]),
          eb.or([eb('category', 'is', null), eb('category', '=', category)]),
        ]),
      )
      .orderBy(sql`(program_id is not null)`, 'desc')
      .orderBy(sql`(category is not null)`, 'desc')
      .limit(1)
      .executeTakeFirst();
    return rule?.pointsPerHour ?? DEFAULT_POINTS_PER_HOUR;
  }

  /**
   * Checks the whole ledger: every account's cached balance equals the sum of its postings, no
   * account that may not run negative has a negative sum, every transfer has two or more postings
   * summing to zero. Three grouped scans, no row-by-row work.
   */
  async verify(): Promise<LedgerReport> {
    const accounts = await this.db
      .selectFrom('pointsAccount as a')
      .leftJoin(
        (eb) =>
          eb
            .selectFrom('pointsPosting')
            .select(['accountId', sql<string>`sum(amount)`.as('posted')])
            .groupBy('accountId')
            .as('p'),
        (join) => join.onRef('p.accountId', '=', 'a.id'),
      )
      .select([
        'a.id',
        'a.name',
        'a.balance',
        'a.allowNegative',
        sql<string>`coalesce(p.posted, 0)`.as('posted'),
      ])
      .execute();
    const problems: LedgerProblem[] = [];
    for (const a of accounts) {
      const posted = Number(a.posted);
      const cached = Number(a.balance);
      if (posted !== cached)
        problems.push({ kind: 'balance', accountId: a.id, accountName: a.name, cached, posted });
      if (!a.allowNegative && posted < 0)
        problems.push({ kind: 'negative', accountId: a.id, accountName: a.name, posted });
    }
    const unbalanced = await this.db
      .selectFrom('pointsTransfer as t')
      .leftJoin('pointsPosting as p', 'p.transferId', 't.id')
      .select([
        't.id',
        sql<string>`coalesce(sum(p.amount), 0)`.as('sum'),
        sql<number>`count(p.id)::int`.as('n'),
      ])
      .groupBy('t.id')
      .having((eb) => eb.or([sql<boolean>`coalesce(sum(p.amount), 0) <> 0`, eb(sql`count(p.id)`, '<', 2)]))
      .execute();
    for (const t of unbalanced)
      problems.push({ kind: 'unbalanced', transferId: t.id, sum: Number(t.sum), postings: Number(t.n) });
    const counts = await this.db
      .selectNoFrom([
        sql<number>`(select count(*)::int from points_transfer)`.as('transfers'),
        sql<number>`(select count(*)::int from points_posting)`.as('postings'),
      ])
      .executeTakeFirstOrThrow();
    return {
      accounts: accounts.length,
      transfers: Number(counts.transfers),
      postings: Number(counts.postings),
      problems,
    };
  }
}

/** Legs with the same account merged (a transfer lists each account once). */
function mergeLegs(legs: PostingLeg[]): PostingLeg[] {
  const byAccount = new Map<string, number>();
  for (const l of legs) byAccount.set(l.accountId, (byAccount.get(l.accountId) ?? 0) + l.amount);
  return [...byAccount]
    .filter(([, amount]) => amount !== 0)
    .map(([accountId, amount]) => ({ accountId, amount }))
    .sort((a, b) => a.accountId.localeCompare(b.accountId));
}

function sameLegs(a: PostingLeg[], b: PostingLeg[]): boolean {
  const ma = mergeLegs(a);
  const mb = mergeLegs(b);
  return (
    ma.length === mb.length &&
    ma.every((l, i) => l.accountId === mb[i]!.accountId && l.amount === mb[i]!.amount)
  );
}
