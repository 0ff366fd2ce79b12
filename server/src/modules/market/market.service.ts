import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  beijingToday,
  CUSTOMER_CODE_MINUTES,
  type DonorKind,
  type MarketItemKind,
  maskPhone,
  normalizeMobile,
  RESERVATION_DAYS,
  type RedemptionAction,
  type RedemptionChannel,
  type RedemptionState,
  type StockMovementKind,
} from '@linli/common';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { appendAudit } from '../../platform/audit.ts';
import { type DataCipher, sm3Hex } from '../../platform/crypto.ts';
import { AppError, isUniqueViolation } from '../../platform/errors.ts';
import type { PageOf } from '../../platform/http-schemas.ts';
import { type Caller, can, codeInScope, inScope, SYSTEM_CALLER } from '../../platform/scope.ts';
import { availableActions, recordCreation, transition } from '../../platform/workflow.ts';
import type { PointsLedger } from '../points/ledger.service.ts';
import { isResidentOnly } from '../volunteers/volunteers.repository.ts';
import { type Db, marketsVisibleTo, redemptionsVisibleTo } from './market.repository.ts';
import type {
  AdjustStockInput,
  CounterRedemptionInput,
  CreateItemInput,
  CreateMarketInput,
  Customer,
  Donation,
  DonationInput,
  Market,
  MarketItem,
  MarketReport,
  Movement,
  MyMarket,
  Redemption,
  ReservationInput,
  Rollup,
  RollupRowType,
  UpdateItemInput,
  UpdateMarketInput,
} from './market.schemas.ts';
import { type RedemptionRow, type RedemptionWorkflow, redemptionWorkflow } from './market.workflow.ts';

type Line = { itemId: string; quantity: number };

/** The Beijing month [from, to) of `YYYY-MM`. */
export function monthRange(month: string): { from: Date; to: Date } {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new AppError('market.invalidMonth');
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: new Date(`${month}-01T00:00:00+08:00`), to: new Date(`${next}-01T00:00:00+08:00`) };
}

/** 张三丰 → 张**（the counter shows the name the resident confirms, not more） */
function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? name : chars[0] + '*'.repeat(chars.length - 1);
}

/**
 * Love supermarkets (issue #6 item 4): supermarkets per community, their catalogue and stock
 * (append-only movements whose sum is the stock column), donations with their source, and
 * redemptions. A redemption is one transaction: it locks the item rows in id order, checks stock,
 * posts the ledger transfer volunteer → supermarket with the redemption's idempotency key (the
 * ledger refuses a balance below zero) and writes the redemption, its lines and movements. The same
 * key again returns the first redemption and posts nothing.
 */
export class MarketService {
  readonly workflow: RedemptionWorkflow;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly cipher: DataCipher,
    private readonly ledger: PointsLedger,
  ) {
    this.workflow = redemptionWorkflow(ledger);
  }

  // ------------------------------------------------------------ supermarkets

  #marketRows(db: Db, caller: Caller) {
    return marketsVisibleTo(db, caller)
      .innerJoin('division as d', 'd.code', 'm.divisionCode')
      .innerJoin('pointsAccount as pa', 'pa.id', 'm.pointsAccountId')
      .select((eb) => [
        'm.id',
        'm.divisionCode',
        'd.name as divisionName',
        'm.name',
        'm.address',
        'm.openingHours',
        'm.pointsAccountId',
        'pa.balance as pointsTaken',
        'm.version',
        eb
          .selectFrom('marketItem')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('marketId', '=', 'm.id')
          .where('active', '=', true)
          .as('items'),
        eb
          .selectFrom('marketRedemption')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('marketId', '=', 'm.id')
          .where('state', '=', 'reserved')
          .as('reservations'),
      ]);
  }

  #marketOf(caller: Caller, r: Record<string, unknown>): Market {
    return {
      id: r.id as string,
      divisionCode: r.divisionCode as string,
      divisionName: r.divisionName as string,
      name: r.name as string,
      address: r.address as string,
      openingHours: r.openingHours as string,
      pointsAccountId: r.pointsAccountId as string,
      pointsTaken: Number(r.pointsTaken),
      items: Number(r.items ?? 0),
      reservations: Number(r.reservations ?? 0),
      version: Number(r.version),
      abilities: { manage: can(caller, 'market:manage'), operate: can(caller, 'market:operate') },
    };
  }

  async list(
    caller: Caller,
    query: { divisionCode?: string; limit?: number; offset?: number },
  ): Promise<PageOf<Market>> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    let q = marketsVisibleTo(this.db, caller);
    if (query.divisionCode) q = q.where('m.divisionCode', 'like', `${query.divisionCode}%`);
    const total = await q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    let rows = this.#marketRows(this.db, caller);
    if (query.divisionCode) rows = rows.where('m.divisionCode', 'like', `${query.divisionCode}%`);
    const items = await rows.orderBy('m.divisionCode').limit(limit).offset(offset).execute();
    return { items: items.map((r) => this.#marketOf(caller, r)), total: Number(total.n), limit, offset };
  }

  async get(caller: Caller, id: string, db: Db = this.db): Promise<Market> {
    const row = await this.#marketRows(db, caller).where('m.id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('market.notFound');
    return this.#marketOf(caller, row);
  }

  async create(caller: Caller, input: CreateMarketInput): Promise<Market> {
    if (!codeInScope(input.divisionCode, caller.scope)) throw new AppError('market.notCommunity');
    const division = await this.db
      .selectFrom('division')
      .select(['code', 'level'])
      .where('code', '=', input.divisionCode)
      .executeTakeFirst();
    if (!division || !['community', 'village'].includes(division.level))
      throw new AppError('market.notCommunity');
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      const exists = await trx
        .selectFrom('market')
        .select('id')
        .where('divisionCode', '=', input.divisionCode)
        .executeTakeFirst();
      if (exists) throw new AppError('market.alreadyExists');
      const accountId = await this.ledger.ensureAccount(trx, {
        kind: 'supermarket',
        ownerId: id,
        name: input.name.trim(),
        divisionCode: input.divisionCode,
      });
      try {
        await trx
          .insertInto('market')
          .values({
            id,
            divisionCode: input.divisionCode,
            name: input.name.trim(),
            address: input.address.trim(),
            openingHours: input.openingHours.trim(),
            pointsAccountId: accountId,
          })
          .execute();
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError('market.alreadyExists');
        throw error;
      }
      await appendAudit(trx, caller.actor, {
        action: 'market.create',
        entityType: 'market',
        entityId: id,
        divisionCode: input.divisionCode,
        after: { ...input },
      });
    });
    return this.get(caller, id);
  }

  async update(caller: Caller, id: string, input: UpdateMarketInput): Promise<Market> {
    await this.db.transaction().execute(async (trx) => {
      const before = await marketsVisibleTo(trx, caller)
        .select(['m.id', 'm.name', 'm.address', 'm.openingHours', 'm.divisionCode', 'm.version'])
        .where('m.id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw new AppError('market.notFound');
      if (before.version !== input.version) throw new AppError('conflict.version', { id });
      const after = {
        name: input.name.trim(),
        address: input.address.trim(),
        openingHours: input.openingHours.trim(),
      };
      await trx
        .updateTable('market')
        .set({ ...after, version: sql<number>`version + 1`, updatedAt: sql<Date>`now()` })
        .where('id', '=', id)
        .execute();
      await appendAudit(trx, caller.actor, {
        action: 'market.update',
        entityType: 'market',
        entityId: id,
        divisionCode: before.divisionCode,
        before: { name: before.name, address: before.address, openingHours: before.openingHours },
        after,
      });
    });
    return this.get(caller, id);
  }

  /** The supermarket row when the caller may see it (operators: their own), else 404. */
  async #market(db: Db, caller: Caller, id: string) {
    const row = await marketsVisibleTo(db, caller)
      .select(['m.id', 'm.name', 'm.divisionCode', 'm.pointsAccountId'])
      .where('m.id', '=', id)
      .executeTakeFirst();
    if (!row) throw new AppError('market.notFound');
    return row;
  }

  // ------------------------------------------------------------ catalogue and stock

  async items(caller: Caller, marketId: string, activeOnly = false): Promise<MarketItem[]> {
    await this.#market(this.db, caller, marketId);
    return this.#items(this.db, marketId, activeOnly);
  }

  async #items(db: Db, marketId: string, activeOnly: boolean): Promise<MarketItem[]> {
    let q = db.selectFrom('marketItem').selectAll().where('marketId', '=', marketId);
    if (activeOnly) q = q.where('active', '=', true);
    const rows = await q.orderBy('kind').orderBy('pricePoints').orderBy('name').execute();
    return rows.map(itemOf);
  }

  async createItem(caller: Caller, marketId: string, input: CreateItemInput): Promise<MarketItem> {
    const market = await this.#market(this.db, caller, marketId);
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      try {
        await trx
          .insertInto('marketItem')
          .values({
            id,
            marketId,
            divisionCode: market.divisionCode,
            kind: input.kind,
            name: input.name.trim(),
            unit: input.unit.trim(),
            description: input.description?.trim() || null,
            pricePoints: input.pricePoints,
            stock: input.kind === 'goods' ? 0 : null,
          })
          .execute();
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError('market.itemNameTaken', { name: input.name.trim() });
        throw error;
      }
      await appendAudit(trx, caller.actor, {
        action: 'market.item.create',
        entityType: 'market_item',
        entityId: id,
        divisionCode: market.divisionCode,
        after: { ...input },
      });
    });
    return this.#item(this.db, caller, id);
  }

  async #item(
    db: Db,
    caller: Caller,
    id: string,
    lock = false,
  ): Promise<MarketItem & { divisionCode: string }> {
    let q = db
      .selectFrom('marketItem as i')
      .innerJoin('market as m', 'm.id', 'i.marketId')
      .selectAll('i')
      .where('i.id', '=', id)
      .where((eb) => inScope(eb, 'm.division_code', caller.scope));
    if (lock) q = q.forUpdate();
    const row = await q.executeTakeFirst();
    if (!row) throw new AppError('market.itemNotFound');
    return { ...itemOf(row), divisionCode: row.divisionCode };
  }

  async updateItem(caller: Caller, id: string, input: UpdateItemInput): Promise<MarketItem> {
    await this.db.transaction().execute(async (trx) => {
      const before = await this.#item(trx, caller, id, true);
      if (before.version !== input.version) throw new AppError('conflict.version', { id });
      const after = {
        name: input.name.trim(),
        unit: input.unit.trim(),
        description: input.description?.trim() || null,
        pricePoints: input.pricePoints,
        active: input.active,
      };
      try {
        await trx
          .updateTable('marketItem')
          .set({ ...after, version: sql<number>`version + 1`, updatedAt: sql<Date>`now()` })
          .where('id', '=', id)
          .execute();
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError('market.itemNameTaken', { name: after.name });
        throw error;
      }
      await appendAudit(trx, caller.actor, {
        action: 'market.item.update',
        entityType: 'market_item',
        entityId: id,
        divisionCode: before.divisionCode,
        before: {
          name: before.name,
          unit: before.unit,
          description: before.description,
          pricePoints: before.pricePoints,
          active: before.active,
        },
        after,
      });
    });
    return this.#item(this.db, caller, id);
  }

  /** A stock adjustment (±, with a reason) or a stocktake (the counted quantity; the difference is posted). */
  async adjustStock(caller: Caller, id: string, input: AdjustStockInput): Promise<MarketItem> {
    const reason = input.reason.trim();
    if (!reason) throw new AppError('market.reasonRequired');
    await this.db.transaction().execute(async (trx) => {
      const item = await this.#item(trx, caller, id, true);
      if (item.stock === null) throw new AppError('market.serviceHasNoStock');
      const change = input.kind === 'stocktake' ? input.quantity - item.stock : input.quantity;
      if (input.kind === 'adjustment' && change === 0) throw new AppError('market.reasonRequired');
      if (item.stock + change < 0)
        throw new AppError('market.stockBelowZero', { name: item.name, stock: item.stock });
      await this.#move(trx, caller, {
        marketId: item.marketId,
        itemId: id,
        divisionCode: item.divisionCode,
        kind: input.kind,
        quantity: change,
        reason,
      });
      await appendAudit(trx, caller.actor, {
        action: `market.stock.${input.kind}`,
        entityType: 'market_item',
        entityId: id,
        divisionCode: item.divisionCode,
        before: { stock: item.stock },
        after: { stock: item.stock + change, reason },
      });
    });
    return this.#item(this.db, caller, id);
  }

  /** Changes an item's stock and appends the movement that explains it (the item row is locked). */
  async #move(
    trx: Transaction<DB>,
    caller: Caller,
    m: {
      marketId: string;
      itemId: string;
      divisionCode: string;
      kind: StockMovementKind;
      quantity: number;
      reason?: string | null;
      donationId?: string | null;
      redemptionId?: string | null;
    },
  ): Promise<void> {
    const item = await trx
      .updateTable('marketItem')
      .set({ stock: sql<number>`stock + ${m.quantity}`, updatedAt: sql<Date>`now()` })
      .where('id', '=', m.itemId)
      .returning('stock')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('marketStockMovement')
      .values({
        marketId: m.marketId,
        itemId: m.itemId,
        divisionCode: m.divisionCode,
        kind: m.kind,
        quantity: m.quantity,
        stockAfter: Number(item.stock),
        reason: m.reason ?? null,
        donationId: m.donationId ?? null,
        redemptionId: m.redemptionId ?? null,
        actorId: caller.actor.id,
        actorName: caller.actor.name,
      })
      .execute();
  }

  async movements(
    caller: Caller,
    marketId: string,
    query: { itemId?: string; limit?: number; offset?: number },
  ): Promise<PageOf<Movement>> {
    await this.#market(this.db, caller, marketId);
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    let q = this.db
      .selectFrom('marketStockMovement as s')
      .innerJoin('marketItem as i', 'i.id', 's.itemId')
      .where('s.marketId', '=', marketId);
    if (query.itemId) q = q.where('s.itemId', '=', query.itemId);
    const total = await q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const rows = await q
      .select([
        's.id',
        's.itemId',
        'i.name as itemName',
        's.kind',
        's.quantity',
        's.stockAfter',
        's.reason',
        's.donationId',
        's.redemptionId',
        's.actorName',
        's.at',
      ])
      .orderBy('s.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    return {
      items: rows.map((r) => ({
        ...r,
        id: Number(r.id),
        kind: r.kind as StockMovementKind,
        at: r.at.toISOString(),
      })),
      total: Number(total.n),
      limit,
      offset,
    };
  }

  // ------------------------------------------------------------ donations

  async recordDonation(caller: Caller, marketId: string, input: DonationInput): Promise<Donation> {
    const market = await this.#market(this.db, caller, marketId);
    const lines = checkLines(input.lines);
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      const items = await this.#lockItems(trx, marketId, lines);
      if (items.some((i) => i.kind !== 'goods')) throw new AppError('market.serviceHasNoStock');
      try {
        await trx
          .insertInto('marketDonation')
          .values({
            id,
            marketId,
            divisionCode: market.divisionCode,
            donorName: input.donorName.trim(),
            donorKind: input.donorKind,
            donatedOn: input.donatedOn,
            receiptNo: input.receiptNo.trim(),
            note: input.note?.trim() || null,
            actorId: caller.actor.id,
            actorName: caller.actor.name,
          })
          .execute();
      } catch (error) {
        if (isUniqueViolation(error))
          throw new AppError('validation.failed', { field: 'receiptNo', value: input.receiptNo });
        throw error;
      }
      for (const line of lines)
        await this.#move(trx, caller, {
          marketId,
          itemId: line.itemId,
          divisionCode: market.divisionCode,
          kind: 'donation',
          quantity: line.quantity,
          reason: `${input.donorName.trim()} 捐赠（${input.receiptNo.trim()}）`,
          donationId: id,
        });
      await appendAudit(trx, caller.actor, {
        action: 'market.donation',
        entityType: 'market_donation',
        entityId: id,
        divisionCode: market.divisionCode,
        after: { ...input },
      });
    });
    const page = await this.#donations(this.db, marketId, { ids: [id], limit: 1, offset: 0 });
    return page.items[0]!;
  }

  async donations(
    caller: Caller,
    marketId: string,
    query: { limit?: number; offset?: number },
  ): Promise<PageOf<Donation>> {
    await this.#market(this.db, caller, marketId);
    return this.#donations(this.db, marketId, { limit: query.limit ?? 20, offset: query.offset ?? 0 });
  }

  async #donations(
    db: Db,
    marketId: string,
    query: { ids?: string[]; limit: number; offset: number },
  ): Promise<PageOf<Donation>> {
    let q = db.selectFrom('marketDonation').where('marketId', '=', marketId);
    if (query.ids) q = q.where('id', 'in', query.ids);
    const total = await q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const rows = await q
      .selectAll()
      .orderBy('donatedOn', 'desc')
      .orderBy('createdAt', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute();
    const lines = rows.length
      ? await db
          .selectFrom('marketStockMovement as s')
          .innerJoin('marketItem as i', 'i.id', 's.itemId')
          .select(['s.donationId', 's.itemId', 'i.name as itemName', 's.quantity'])
          .where(
            's.donationId',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('s.id')
          .execute()
      : [];
    return {
      items: rows.map((r) => ({
        id: r.id,
        donorName: r.donorName,
        donorKind: r.donorKind as DonorKind,
        donatedOn: String(r.donatedOn).slice(0, 10),
        receiptNo: r.receiptNo,
        note: r.note,
        lines: lines
          .filter((l) => l.donationId === r.id)
          .map((l) => ({ itemId: l.itemId, itemName: l.itemName, quantity: l.quantity })),
        actorName: r.actorName,
        createdAt: r.createdAt.toISOString(),
      })),
      total: Number(total.n),
      limit: query.limit,
      offset: query.offset,
    };
  }

  /** The supermarket's items of these lines, locked in id order (two counters never deadlock). */
  async #lockItems(trx: Transaction<DB>, marketId: string, lines: Line[]) {
    const ids = lines.map((l) => l.itemId).sort();
    const items = await trx
      .selectFrom('marketItem')
      .select(['id', 'name', 'kind', 'stock', 'pricePoints', 'active', 'divisionCode'])
      .where('id', 'in', ids)
      .where('marketId', '=', marketId)
      .orderBy('id')
      .forUpdate()
      .execute();
    if (items.length !== ids.length) throw new AppError('market.itemNotFound');
    return items;
  }

  // ------------------------------------------------------------ the resident at the counter

  /** A short-lived code naming a volunteer, signed with the installation's key (shown as QR). */
  customerToken(volunteerId: string, now = Date.now()): { token: string; expiresAt: Date } {
    const expires = Math.floor(now / 1000) + CUSTOMER_CODE_MINUTES * 60;
    const body = `${volunteerId}.${expires.toString(36)}`;
    return { token: `LM1.${body}.${this.#mac(body)}`, expiresAt: new Date(expires * 1000) };
  }

  #mac(body: string): string {
    return this.cipher.blindIndex(`market-customer:${body}`).slice(0, 32);
  }

  /** The volunteer a token names when its signature holds; `checkExpiry` false for replaying a used key. */
  #readToken(token: string, checkExpiry: boolean): string {
    const parts = token.trim().split('.');
    if (parts.length !== 4 || parts[0] !== 'LM1') throw new AppError('market.invalidCode');
    const [, volunteerId, expires, mac] = parts as [string, string, string, string];
    const expected = Buffer.from(this.#mac(`${volunteerId}.${expires}`));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new AppError('market.invalidCode');
    if (checkExpiry && Number.parseInt(expires, 36) * 1000 < Date.now())
      throw new AppError('market.invalidCode');
    return volunteerId;
  }

  /** The counter finds the resident by the code they show or by phone (exact, blind index): name, masked phone, balance. */
  async identify(
    caller: Caller,
    marketId: string,
    input: { phone?: string; code?: string },
  ): Promise<Customer> {
    const market = await this.#market(this.db, caller, marketId);
    let volunteerId: string;
    if (input.code) volunteerId = this.#readToken(input.code, true);
    else {
      const phone = normalizeMobile(input.phone ?? '');
      if (!phone) throw new AppError('volunteer.invalidPhone');
      const found = await this.db
        .selectFrom('volunteer')
        .select('id')
        .where('phoneIndex', '=', this.cipher.piiIndex('phone', phone))
        .where('divisionCode', 'like', `${market.divisionCode.slice(0, 6)}%`)
        .where('state', '=', 'active')
        .orderBy('registeredAt')
        .executeTakeFirst();
      if (!found) throw new AppError('market.customerNotFound');
      volunteerId = found.id;
    }
    const customer = await this.#customer(this.db, volunteerId);
    if (!customer) throw new AppError('market.customerNotFound');
    await appendAuditNow(this.db, caller, {
      action: 'market.customer.identify',
      entityType: 'volunteer',
      entityId: volunteerId,
      divisionCode: market.divisionCode,
      after: { by: input.code ? 'code' : 'phone' },
    });
    const { token, expiresAt } = this.customerToken(volunteerId);
    return {
      token,
      expiresAt: expiresAt.toISOString(),
      volunteerId,
      name: customer.name,
      phone: maskPhone(this.cipher.decrypt(customer.phoneSealed)),
      balance: Number(customer.balance),
    };
  }

  async #customer(db: Db, volunteerId: string) {
    return db
      .selectFrom('volunteer as v')
      .innerJoin('pointsAccount as pa', (j) =>
        j.onRef('pa.ownerId', '=', 'v.id').on('pa.kind', '=', 'volunteer'),
      )
      .select(['v.id', 'v.name', 'v.phoneSealed', 'v.state', 'pa.id as accountId', 'pa.balance'])
      .where('v.id', '=', volunteerId)
      .executeTakeFirst();
  }

  /** A redemption at the counter, for the resident the operator identified (their token). */
  async redeemAtCounter(
    caller: Caller,
    marketId: string,
    input: CounterRedemptionInput,
  ): Promise<Redemption> {
    const market = await this.#market(this.db, caller, marketId);
    const volunteerId = this.#readToken(input.customerToken, false);
    return this.#redeem(caller, {
      market,
      volunteerId,
      channel: 'counter',
      lines: input.lines,
      idempotencyKey: input.idempotencyKey,
      token: input.customerToken,
    });
  }

  /** A resident reserves online: points taken now, stock held, picked up by code within RESERVATION_DAYS. */
  async reserve(caller: Caller, input: ReservationInput): Promise<Redemption> {
    const volunteer = await this.#ownVolunteer(caller);
    const market = await this.db
      .selectFrom('market')
      .select(['id', 'name', 'divisionCode', 'pointsAccountId'])
      .where('id', '=', input.marketId)
      .where('divisionCode', 'like', `${volunteer.divisionCode.slice(0, 6)}%`)
      .executeTakeFirst();
    if (!market) throw new AppError('market.notFound');
    return this.#redeem(caller, {
      market,
      volunteerId: volunteer.id,
      channel: 'online',
      lines: input.lines,
      idempotencyKey: input.idempotencyKey,
      token: null,
    });
  }

  async #redeem(
    caller: Caller,
    args: {
      market: { id: string; name: string; divisionCode: string; pointsAccountId: string };
      volunteerId: string;
      channel: RedemptionChannel;
      lines: Line[];
      idempotencyKey: string;
      token: string | null;
    },
  ): Promise<Redemption> {
    const { market, volunteerId, channel } = args;
    const lines = checkLines(args.lines);
    const hash = sm3Hex(
      JSON.stringify([market.id, volunteerId, channel, lines.map((l) => [l.itemId, l.quantity])]),
    );
    const replay = async (db: Db) => {
      const first = await db
        .selectFrom('marketRedemption')
        .select(['id', 'requestHash'])
        .where('idempotencyKey', '=', args.idempotencyKey)
        .executeTakeFirst();
      if (!first) return null;
      if (first.requestHash !== hash) throw new AppError('market.idempotencyConflict');
      return first.id;
    };
    const earlier = await replay(this.db);
    if (earlier) return this.redemption(caller, earlier);
    // Only a new redemption needs a live code; a retry of a used key may come after it expired.
    if (args.token) this.#readToken(args.token, true);

    const id = await this.db.transaction().execute(async (trx) => {
      const items = await this.#lockItems(trx, market.id, lines);
      // A concurrent retry of this key waited on the locks above and now finds the first redemption.
      const again = await replay(trx);
      if (again) return again;
      const customer = await this.#customer(trx, volunteerId);
      if (!customer) throw new AppError('market.customerNotFound');
      if (customer.state !== 'active') throw new AppError('volunteer.inactive');
      let total = 0;
      for (const line of lines) {
        const item = items.find((i) => i.id === line.itemId)!;
        if (!item.active) throw new AppError('market.itemInactive', { name: item.name });
        if (item.stock !== null && item.stock < line.quantity)
          throw new AppError('market.outOfStock', {
            name: item.name,
            stock: item.stock,
            requested: line.quantity,
          });
        total += item.pricePoints * line.quantity;
      }
      const id = randomUUID();
      const names = lines.map((l) => `${items.find((i) => i.id === l.itemId)!.name}×${l.quantity}`);
      const transfer = await this.ledger.transfer(
        {
          idempotencyKey: args.idempotencyKey,
          kind: 'redemption',
          legs: [
            { accountId: customer.accountId, amount: -total },
            { accountId: market.pointsAccountId, amount: total },
          ],
          memo: `${market.name}：${names.join('、')}`.slice(0, 500),
          referenceType: 'market_redemption',
          referenceId: id,
        },
        caller.actor,
        trx,
      );
      // The key already posted some other transfer: not this redemption's retry.
      if (!transfer.created) throw new AppError('market.idempotencyConflict');
      const balance = await trx
        .selectFrom('pointsAccount')
        .select('balance')
        .where('id', '=', customer.accountId)
        .executeTakeFirstOrThrow();
      const online = channel === 'online';
      try {
        await trx
          .insertInto('marketRedemption')
          .values({
            id,
            marketId: market.id,
            divisionCode: market.divisionCode,
            volunteerId,
            volunteerName: customer.name,
            channel,
            state: online ? 'reserved' : 'picked_up',
            totalPoints: total,
            balanceAfter: Number(balance.balance),
            pickupCode: online ? await this.#pickupCode(trx, market.id) : null,
            expiresAt: online ? new Date(Date.now() + RESERVATION_DAYS * 86_400_000) : null,
            idempotencyKey: args.idempotencyKey,
            requestHash: hash,
            transferId: transfer.id,
            operatorId: caller.actor.id,
            operatorName: caller.actor.name,
            pickedUpAt: online ? null : sql<Date>`now()`,
          })
          .execute();
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError('market.idempotencyConflict');
        throw error;
      }
      await trx
        .insertInto('marketRedemptionLine')
        .values(
          lines.map((l) => {
            const item = items.find((i) => i.id === l.itemId)!;
            return {
              redemptionId: id,
              itemId: l.itemId,
              itemName: item.name,
              quantity: l.quantity,
              pricePoints: item.pricePoints,
            };
          }),
        )
        .execute();
      for (const line of lines) {
        const item = items.find((i) => i.id === line.itemId)!;
        if (item.kind !== 'goods') continue;
        await this.#move(trx, caller, {
          marketId: market.id,
          itemId: item.id,
          divisionCode: market.divisionCode,
          kind: online ? 'hold' : 'redemption',
          quantity: -line.quantity,
          redemptionId: id,
        });
      }
      const detail = { channel, volunteerId, totalPoints: total, lines, transferId: transfer.id };
      if (online)
        await recordCreation(trx, this.workflow, caller, {
          id,
          action: 'reserve',
          state: 'reserved',
          divisionCode: market.divisionCode,
          data: detail,
        });
      else
        await appendAudit(trx, caller.actor, {
          action: 'market.redeem',
          entityType: 'market_redemption',
          entityId: id,
          divisionCode: market.divisionCode,
          after: detail,
        });
      return id;
    });
    return this.redemption(caller, id);
  }

  /** Six digits, unique among the supermarket's waiting reservations. */
  async #pickupCode(trx: Transaction<DB>, marketId: string): Promise<string> {
    for (;;) {
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const taken = await trx
        .selectFrom('marketRedemption')
        .select('id')
        .where('marketId', '=', marketId)
        .where('state', '=', 'reserved')
        .where('pickupCode', '=', code)
        .executeTakeFirst();
      if (!taken) return code;
    }
  }

  // ------------------------------------------------------------ redemptions

  #redemptionRows(db: Db, caller: Caller) {
    return redemptionsVisibleTo(db, caller)
      .innerJoin('market as m', 'm.id', 'r.marketId')
      .select([
        'r.id',
        'r.marketId',
        'm.name as marketName',
        'r.volunteerId',
        'r.volunteerName',
        'r.channel',
        'r.state',
        'r.totalPoints',
        'r.balanceAfter',
        'r.pickupCode',
        'r.expiresAt',
        'r.operatorName',
        'r.createdAt',
        'r.pickedUpAt',
        'r.version',
        'r.divisionCode',
        'r.transferId',
      ]);
  }

  async redemption(caller: Caller, id: string): Promise<Redemption> {
    const row = await this.#redemptionRows(this.db, caller).where('r.id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('market.redemptionNotFound');
    return (await this.#toViews(caller, [row]))[0]!;
  }

  async #toViews(
    caller: Caller,
    rows: Array<{
      id: string;
      marketId: string;
      marketName: string;
      volunteerId: string;
      volunteerName: string;
      channel: string;
      state: string;
      totalPoints: number;
      balanceAfter: number | string;
      pickupCode: string | null;
      expiresAt: Date | null;
      operatorName: string;
      createdAt: Date;
      pickedUpAt: Date | null;
      version: number;
      divisionCode: string;
      transferId: string;
    }>,
  ): Promise<Redemption[]> {
    const lines = rows.length
      ? await this.db
          .selectFrom('marketRedemptionLine')
          .selectAll()
          .where(
            'redemptionId',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('itemName')
          .execute()
      : [];
    const staffView = !isResidentOnly(caller);
    return rows.map((r) => {
      const wfRow: RedemptionRow = {
        id: r.id,
        state: r.state,
        version: r.version,
        divisionCode: r.divisionCode,
        marketId: r.marketId,
        channel: r.channel,
        volunteerId: r.volunteerId,
        totalPoints: Number(r.totalPoints),
        transferId: r.transferId,
        expiresAt: r.expiresAt,
      };
      const actions = availableActions(this.workflow, wfRow, caller).filter(
        (a): a is RedemptionAction => a !== 'expire' && (a !== 'pick_up' || staffView),
      );
      return {
        id: r.id,
        marketId: r.marketId,
        marketName: r.marketName,
        volunteerId: r.volunteerId,
        // The counter sees whom it served; the name is masked in lists of other people's redemptions.
        volunteerName: staffView ? maskName(r.volunteerName) : r.volunteerName,
        channel: r.channel as RedemptionChannel,
        state: r.state as RedemptionState,
        totalPoints: Number(r.totalPoints),
        balanceAfter: Number(r.balanceAfter),
        // Only the resident holds the pickup code; the counter must be shown it.
        pickupCode: staffView ? null : r.pickupCode,
        expiresAt: r.expiresAt?.toISOString() ?? null,
        lines: lines
          .filter((l) => l.redemptionId === r.id)
          .map((l) => ({
            itemId: l.itemId,
            itemName: l.itemName,
            quantity: l.quantity,
            pricePoints: l.pricePoints,
          })),
        operatorName: r.operatorName,
        createdAt: r.createdAt.toISOString(),
        pickedUpAt: r.pickedUpAt?.toISOString() ?? null,
        version: r.version,
        abilities: { actions },
      };
    });
  }

  async redemptions(
    caller: Caller,
    marketId: string | null,
    query: { state?: RedemptionState; channel?: RedemptionChannel; limit?: number; offset?: number },
  ): Promise<PageOf<Redemption>> {
    if (marketId) await this.#market(this.db, caller, marketId);
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    let q = this.#redemptionRows(this.db, caller);
    // Without a supermarket: the caller's own redemptions, whatever else their roles may see.
    if (marketId) q = q.where('r.marketId', '=', marketId);
    else
      q = q.where('r.volunteerId', 'in', (eb) =>
        eb.selectFrom('volunteer').select('id').where('accountId', '=', caller.actor.id),
      );
    if (query.state) q = q.where('r.state', '=', query.state);
    if (query.channel) q = q.where('r.channel', '=', query.channel);
    const total = await q.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const rows = await q.orderBy('r.createdAt', 'desc').orderBy('r.id').limit(limit).offset(offset).execute();
    return { items: await this.#toViews(caller, rows), total: Number(total.n), limit, offset };
  }

  /** The counter hands over an online reservation shown by its pickup code. */
  async pickUp(caller: Caller, marketId: string, code: string): Promise<Redemption> {
    await this.#market(this.db, caller, marketId);
    const id = await this.db.transaction().execute(async (trx) => {
      const row = await redemptionsVisibleTo(trx, caller)
        .select(['r.id', 'r.version'])
        .where('r.marketId', '=', marketId)
        .where('r.state', '=', 'reserved')
        .where('r.pickupCode', '=', code)
        .forUpdate()
        .executeTakeFirst();
      if (!row) throw new AppError('market.pickupCodeNotFound');
      await transition(trx, this.workflow, caller, { id: row.id, action: 'pick_up', version: row.version });
      return row.id;
    });
    return this.redemption(caller, id);
  }

  /** Cancels a waiting reservation (the resident their own, the counter any of its supermarket): refund and release. */
  async cancel(
    caller: Caller,
    id: string,
    input: { version: number; comment?: string },
  ): Promise<Redemption> {
    await this.db.transaction().execute((trx) =>
      transition(trx, this.workflow, caller, {
        id,
        action: 'cancel',
        version: input.version,
        comment: input.comment ?? null,
      }),
    );
    return this.redemption(caller, id);
  }

  // ------------------------------------------------------------ the resident's own pages

  async #ownVolunteer(caller: Caller) {
    const v = await this.db
      .selectFrom('volunteer')
      .select(['id', 'name', 'divisionCode', 'state'])
      .where('accountId', '=', caller.actor.id)
      .executeTakeFirst();
    if (!v) throw new AppError('market.notVolunteer');
    return v;
  }

  /** My community's supermarket and its catalogue, and my balance (null volunteer: not registered yet). */
  async mine(caller: Caller): Promise<MyMarket> {
    const v = await this.db
      .selectFrom('volunteer')
      .select(['id', 'name', 'divisionCode'])
      .where('accountId', '=', caller.actor.id)
      .executeTakeFirst();
    const customer = v ? await this.#customer(this.db, v.id) : undefined;
    const scope = caller.scope.kind === 'prefixes' ? (caller.scope.prefixes[0] ?? '') : '';
    const community = (v?.divisionCode ?? scope).slice(0, 12);
    const row =
      community.length === 12
        ? await this.#marketRows(this.db, SYSTEM_CALLER)
            .where('m.divisionCode', '=', community)
            .executeTakeFirst()
        : undefined;
    const market = row
      ? { ...this.#marketOf(caller, row), abilities: { manage: false, operate: false } }
      : null;
    return {
      volunteer: v && customer ? { id: v.id, name: v.name, balance: Number(customer.balance) } : null,
      market,
      items: market ? await this.#items(this.db, market.id, true) : [],
    };
  }

  async myCode(caller: Caller): Promise<{ token: string; expiresAt: string }> {
    const v = await this.#ownVolunteer(caller);
    const { token, expiresAt } = this.customerToken(v.id);
    return { token, expiresAt: expiresAt.toISOString() };
  }

  // ------------------------------------------------------------ reports

  /** The month of one supermarket: redemptions, points, donations, stock at month end, and 账物相符 per item. */
  async report(caller: Caller, marketId: string, month: string): Promise<MarketReport> {
    const { from, to } = monthRange(month);
    const market = await this.get(caller, marketId);
    const items = await this.db
      .selectFrom('marketItem')
      .selectAll()
      .where('marketId', '=', marketId)
      .execute();
    const redeemed = await this.db
      .selectFrom('marketRedemptionLine as l')
      .innerJoin('marketRedemption as r', 'r.id', 'l.redemptionId')
      .select([
        'l.itemId',
        sql<number>`sum(l.quantity)::int`.as('quantity'),
        sql<string>`sum(l.quantity * l.price_points)`.as('points'),
      ])
      .where('r.marketId', '=', marketId)
      .where('r.state', 'in', ['reserved', 'picked_up'])
      .where('r.createdAt', '>=', from)
      .where('r.createdAt', '<', to)
      .groupBy('l.itemId')
      .execute();
    const totals = await this.db
      .selectFrom('marketRedemption')
      .select([
        sql<number>`count(*)::int`.as('n'),
        sql<number>`count(distinct volunteer_id)::int`.as('people'),
        sql<string>`coalesce(sum(total_points), 0)`.as('points'),
      ])
      .where('marketId', '=', marketId)
      .where('state', 'in', ['reserved', 'picked_up'])
      .where('createdAt', '>=', from)
      .where('createdAt', '<', to)
      .executeTakeFirstOrThrow();
    const donated = await this.db
      .selectFrom('marketStockMovement as s')
      .innerJoin('marketDonation as d', 'd.id', 's.donationId')
      .select(['s.itemId', sql<number>`sum(s.quantity)::int`.as('quantity')])
      .where('s.marketId', '=', marketId)
      .where('d.donatedOn', '>=', beijingToday(from))
      .where('d.donatedOn', '<', beijingToday(to))
      .groupBy('s.itemId')
      .execute();
    const donations = await this.db
      .selectFrom('marketDonation')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('marketId', '=', marketId)
      .where('donatedOn', '>=', beijingToday(from))
      .where('donatedOn', '<', beijingToday(to))
      .executeTakeFirstOrThrow();
    const sums = await this.db
      .selectFrom('marketStockMovement')
      .select([
        'itemId',
        sql<number>`coalesce(sum(quantity) filter (where at < ${to}), 0)::int`.as('atMonthEnd'),
        sql<number>`sum(quantity)::int`.as('all'),
      ])
      .where('marketId', '=', marketId)
      .groupBy('itemId')
      .execute();
    const reportItems = items
      .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name, 'zh-CN'))
      .map((i) => {
        const r = redeemed.find((x) => x.itemId === i.id);
        const s = sums.find((x) => x.itemId === i.id);
        const goods = i.kind === 'goods';
        const movementSum = goods ? Number(s?.all ?? 0) : null;
        return {
          itemId: i.id,
          name: i.name,
          kind: i.kind as MarketItemKind,
          unit: i.unit,
          redeemed: Number(r?.quantity ?? 0),
          pointsTaken: Number(r?.points ?? 0),
          donated: Number(donated.find((x) => x.itemId === i.id)?.quantity ?? 0),
          stockAtMonthEnd: goods ? Number(s?.atMonthEnd ?? 0) : null,
          stock: i.stock,
          movementSum,
          balanced: !goods || movementSum === i.stock,
        };
      });
    return {
      market,
      month,
      redemptions: Number(totals.n),
      residents: Number(totals.people),
      pointsTaken: Number(totals.points),
      donations: Number(donations.n),
      donated: reportItems.reduce((s, i) => s + i.donated, 0),
      items: reportItems,
      balanced: reportItems.every((i) => i.balanced),
    };
  }

  /** Every supermarket in the caller's area for a month, by community and rolled up by street. */
  async rollup(caller: Caller, month: string, divisionCode?: string): Promise<Rollup> {
    const { from, to } = monthRange(month);
    let markets = marketsVisibleTo(this.db, caller)
      .innerJoin('division as c', 'c.code', 'm.divisionCode')
      .innerJoin('division as s', (j) => j.on(sql<boolean>`s.code = substr(m.division_code, 1, 9)`))
      .select((eb) => [
        'm.id',
        'm.divisionCode',
        'c.name as communityName',
        's.code as streetCode',
        's.name as streetName',
        eb
          .selectFrom('marketRedemption as r')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('r.marketId', '=', 'm.id')
          .where('r.state', 'in', ['reserved', 'picked_up'])
          .where('r.createdAt', '>=', from)
          .where('r.createdAt', '<', to)
          .as('redemptions'),
        eb
          .selectFrom('marketRedemption as r')
          .select(sql<string>`coalesce(sum(total_points), 0)`.as('n'))
          .whereRef('r.marketId', '=', 'm.id')
          .where('r.state', 'in', ['reserved', 'picked_up'])
          .where('r.createdAt', '>=', from)
          .where('r.createdAt', '<', to)
          .as('points'),
        eb
          .selectFrom('marketStockMovement as sm')
          .innerJoin('marketDonation as d', 'd.id', 'sm.donationId')
          .select(sql<number>`coalesce(sum(sm.quantity), 0)::int`.as('n'))
          .whereRef('sm.marketId', '=', 'm.id')
          .where('d.donatedOn', '>=', beijingToday(from))
          .where('d.donatedOn', '<', beijingToday(to))
          .as('donated'),
        eb
          .selectFrom('marketStockMovement as sm')
          .select(sql<number>`coalesce(sum(sm.quantity), 0)::int`.as('n'))
          .whereRef('sm.marketId', '=', 'm.id')
          .where('sm.at', '<', to)
          .as('stock'),
        // 账物相符: no goods item whose movements do not add up to its stock column.
        sql<boolean>`not exists (
          select 1 from market_item i
          where i.market_id = m.id and i.kind = 'goods'
            and i.stock <> coalesce((select sum(quantity) from market_stock_movement x where x.item_id = i.id), 0))`.as(
          'balanced',
        ),
      ]);
    if (divisionCode) markets = markets.where('m.divisionCode', 'like', `${divisionCode}%`);
    const rows = await markets.orderBy('m.divisionCode').execute();
    const communities: RollupRowType[] = rows.map((r) => ({
      code: r.divisionCode,
      name: r.communityName,
      markets: 1,
      redemptions: Number(r.redemptions ?? 0),
      pointsTaken: Number(r.points ?? 0),
      donated: Number(r.donated ?? 0),
      stockAtMonthEnd: Number(r.stock ?? 0),
      balanced: Boolean(r.balanced),
    }));
    const streets = new Map<string, RollupRowType>();
    rows.forEach((r, i) => {
      const c = communities[i]!;
      const s = streets.get(r.streetCode) ?? {
        code: r.streetCode,
        name: r.streetName,
        markets: 0,
        redemptions: 0,
        pointsTaken: 0,
        donated: 0,
        stockAtMonthEnd: 0,
        balanced: true,
      };
      s.markets += 1;
      s.redemptions += c.redemptions;
      s.pointsTaken += c.pointsTaken;
      s.donated += c.donated;
      s.stockAtMonthEnd += c.stockAtMonthEnd;
      s.balanced &&= c.balanced;
      streets.set(r.streetCode, s);
    });
    return { month, communities, streets: [...streets.values()] };
  }
}

/** Lines with distinct items and sane quantities, in item-id order. */
function checkLines(lines: Line[]): Line[] {
  const ids = new Set(lines.map((l) => l.itemId));
  if (
    lines.length === 0 ||
    ids.size !== lines.length ||
    lines.some((l) => !Number.isInteger(l.quantity) || l.quantity < 1 || l.quantity > 99)
  )
    throw new AppError('market.invalidLines');
  return [...lines].sort((a, b) => a.itemId.localeCompare(b.itemId));
}

function itemOf(r: {
  id: string;
  marketId: string;
  kind: string;
  name: string;
  unit: string;
  description: string | null;
  pricePoints: number;
  stock: number | null;
  active: boolean;
  version: number;
}): MarketItem {
  return {
    id: r.id,
    marketId: r.marketId,
    kind: r.kind as MarketItemKind,
    name: r.name,
    unit: r.unit,
    description: r.description,
    pricePoints: Number(r.pricePoints),
    stock: r.stock === null ? null : Number(r.stock),
    active: r.active,
    version: r.version,
  };
}

/** An audit entry in a transaction of its own (the identify step reveals who the resident is). */
async function appendAuditNow(db: Kysely<DB>, caller: Caller, entry: Parameters<typeof appendAudit>[2]) {
  await db.transaction().execute((trx) => appendAudit(trx, caller.actor, entry));
}
