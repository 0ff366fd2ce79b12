import { randomUUID } from 'node:crypto';
import {
  FAIR_MATCH_ACTION_NAMES,
  FAIR_ORG_CLASSES,
  FAIR_STATE_NAMES,
  type FairMatchAction,
  type FairMatchOrigin,
  type FairMatchState,
  type FairOrgClass,
  type FairState,
  type FocusArea,
  fairMatchScore,
  formatYuan,
  type Locale,
} from '@linli/common';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { appendAudit } from '../../platform/audit.ts';
import { AppError, isUniqueViolation, type LocalizedText } from '../../platform/errors.ts';
import type { PageOf } from '../../platform/http-schemas.ts';
import { notify } from '../../platform/notifications.ts';
import { type Caller, can, codeInScope, inScope } from '../../platform/scope.ts';
import { availableActions, transition } from '../../platform/workflow.ts';
import { type ContractService, organizationAccounts } from '../funding/contracts.service.ts';
import type {
  CreateExhibitInput,
  CreateFairInput,
  CreateOfferInput,
  Fair,
  FairCategory,
  FairExhibit,
  FairMatch,
  FairOffer,
  Figures,
  MatchFilters,
  SignMatchInput,
  Suggestion,
} from './fair.schemas.ts';
import {
  type Db,
  fairLifecycle,
  fairMatchLifecycle,
  isOrganizationOnly,
  matchesVisibleTo,
} from './fair.workflow.ts';

const both = (pick: (locale: Locale) => string): LocalizedText => ({
  'zh-CN': pick('zh-CN'),
  'en-US': pick('en-US'),
});
const SUGGESTION_LIMIT = 50;
const DISTRICT = '220106';

function matchRows(db: Db, caller: Caller) {
  return matchesVisibleTo(db, caller)
    .innerJoin('fair as f', 'f.id', 'm.fairId')
    .innerJoin('fairOffer as o', 'o.id', 'm.offerId')
    .innerJoin('fairExhibit as e', 'e.id', 'm.exhibitId')
    .innerJoin('organization as g', 'g.id', 'm.organizationId')
    .innerJoin('fairCategory as c', 'c.code', 'o.categoryCode')
    .leftJoin('division as d', 'd.code', 'o.divisionCode')
    .select([
      'm.id',
      'm.fairId',
      'f.name as fairName',
      'f.state as fairState',
      'm.offerId',
      'o.title as offerTitle',
      'o.budgetFen as offerBudgetFen',
      'o.fundId as offerFundId',
      'o.publisher',
      'o.divisionCode as offerDivisionCode',
      'd.name as divisionName',
      'm.exhibitId',
      'e.title as exhibitTitle',
      'm.organizationId',
      'g.name as organizationName',
      'c.name as categoryName',
      'c.focusArea',
      'm.origin',
      'm.score',
      'm.state',
      'm.amountFen',
      'm.contractId',
      'm.signedAt',
      'm.divisionCode',
      'm.version',
      'm.createdAt',
    ]);
}
type MatchRow = Awaited<ReturnType<ReturnType<typeof matchRows>['executeTakeFirstOrThrow']>>;

function fairRows(db: Db) {
  return db
    .selectFrom('fair as f')
    .select([
      'f.id',
      'f.name',
      sql<string>`f.held_on::text`.as('heldOn'),
      'f.venue',
      'f.description',
      'f.state',
      'f.divisionCode',
      'f.version',
      sql<number>`(select count(*)::int from fair_offer o where o.fair_id = f.id)`.as('offers'),
      sql<number>`(select count(*)::int from fair_exhibit e where e.fair_id = f.id)`.as('exhibits'),
      sql<number>`(select count(*)::int from fair_match m where m.fair_id = f.id and m.state = 'signed')`.as(
        'signed',
      ),
    ]);
}

type FairRow = Awaited<ReturnType<ReturnType<typeof fairRows>['executeTakeFirstOrThrow']>>;

function offerRows(db: Db) {
  return db
    .selectFrom('fairOffer as o')
    .innerJoin('fairCategory as c', 'c.code', 'o.categoryCode')
    .leftJoin('division as d', 'd.code', 'o.divisionCode')
    .leftJoin('fund as u', 'u.id', 'o.fundId')
    .select([
      'o.id',
      'o.fairId',
      'o.title',
      'o.categoryCode',
      'c.name as categoryName',
      'o.divisionCode',
      'd.name as divisionName',
      'o.publisher',
      'o.budgetFen',
      'o.fundId',
      'u.name as fundName',
      'o.description',
      'o.createdAt',
    ]);
}

type OfferRow = Awaited<ReturnType<ReturnType<typeof offerRows>['executeTakeFirstOrThrow']>>;

function exhibitRows(db: Db) {
  return db
    .selectFrom('fairExhibit as e')
    .innerJoin('fairCategory as c', 'c.code', 'e.categoryCode')
    .innerJoin('organization as g', 'g.id', 'e.organizationId')
    .select([
      'e.id',
      'e.fairId',
      'e.organizationId',
      'g.name as organizationName',
      'g.fromOutside',
      'e.title',
      'e.categoryCode',
      'c.name as categoryName',
      'e.areas',
      'e.description',
      'e.createdAt',
    ]);
}

type ExhibitRow = Awaited<ReturnType<ReturnType<typeof exhibitRows>['executeTakeFirstOrThrow']>>;

/**
 * The matchmaking fair (社会组织成果展示暨社洽会, issue #7 item 7, R5.4). A fair's offers and
 * exhibits are a public catalogue for everyone signed in; offers are written within the caller's
 * area, exhibits by the organization itself (or the district for it). Matches are scoped: an
 * organization sees its own exhibits' matches, staff those of offers in their area. A signed match
 * drafts its contract through the contracts service in the same transaction, committing the
 * amount on the fund exactly as an award does.
 */
export class FairService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly contracts: ContractService,
  ) {}

  // ── categories ─────────────────────────────────────────────────────────────

  async categories(all = false): Promise<FairCategory[]> {
    let q = this.db
      .selectFrom('fairCategory')
      .select(['code', 'name', 'nameEn', 'orgClass', 'focusArea', 'active'])
      .orderBy('sort')
      .orderBy('code');
    if (!all) q = q.where('active', '=', true);
    return (await q.execute()).map((c) => ({
      ...c,
      orgClass: c.orgClass as FairOrgClass,
      focusArea: c.focusArea as FocusArea | null,
    }));
  }

  async createCategory(
    caller: Caller,
    input: {
      code: string;
      name: string;
      nameEn: string;
      orgClass: FairOrgClass;
      focusArea?: FocusArea | null;
    },
  ): Promise<FairCategory> {
    const values = {
      code: input.code,
      name: input.name.trim(),
      nameEn: input.nameEn.trim(),
      orgClass: input.orgClass,
      focusArea: input.focusArea ?? null,
    };
    try {
      await this.db.transaction().execute(async (trx) => {
        const last = await trx
          .selectFrom('fairCategory')
          .select(sql<number>`coalesce(max(sort), 0)::int`.as('sort'))
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('fairCategory')
          .values({ ...values, sort: Number(last.sort) + 10 })
          .execute();
        await appendAudit(trx, caller.actor, {
          action: 'fair_category.create',
          entityType: 'fair_category',
          entityId: input.code,
          after: values,
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('fair.categoryExists', { name: values.name });
      throw error;
    }
    return { ...values, active: true };
  }

  async updateCategory(
    caller: Caller,
    code: string,
    input: { name?: string; nameEn?: string; active?: boolean },
  ): Promise<FairCategory> {
    const changes: Record<string, unknown> = {};
    if (input.name !== undefined) changes.name = input.name.trim();
    if (input.nameEn !== undefined) changes.nameEn = input.nameEn.trim();
    if (input.active !== undefined) changes.active = input.active;
    try {
      await this.db.transaction().execute(async (trx) => {
        const before = await trx
          .selectFrom('fairCategory')
          .selectAll()
          .where('code', '=', code)
          .forUpdate()
          .executeTakeFirst();
        if (!before) throw new AppError('fair.categoryNotFound', { code });
        if (Object.keys(changes).length === 0) return;
        await trx.updateTable('fairCategory').set(changes).where('code', '=', code).execute();
        await appendAudit(trx, caller.actor, {
          action: 'fair_category.update',
          entityType: 'fair_category',
          entityId: code,
          before: Object.fromEntries(
            Object.keys(changes).map((k) => [k, (before as Record<string, unknown>)[k]]),
          ),
          after: changes,
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('fair.categoryExists', { name: input.name ?? '' });
      throw error;
    }
    const found = (await this.categories(true)).find((c) => c.code === code);
    if (!found) throw new AppError('fair.categoryNotFound', { code });
    return found;
  }

  async #activeCategory(db: Db, code: string) {
    const row = await db
      .selectFrom('fairCategory')
      .select(['code', 'focusArea'])
      .where('code', '=', code)
      .where('active', '=', true)
      .executeTakeFirst();
    if (!row) throw new AppError('fair.categoryNotFound', { code });
    return row;
  }

  // ── editions ───────────────────────────────────────────────────────────────

  #fairOf(caller: Caller, r: FairRow): Fair {
    const state = r.state as FairState;
    const manage = can(caller, 'fair:manage') && codeInScope(r.divisionCode, caller.scope);
    return {
      id: r.id,
      name: r.name,
      heldOn: r.heldOn,
      venue: r.venue,
      description: r.description,
      state,
      offers: Number(r.offers),
      exhibits: Number(r.exhibits),
      signed: Number(r.signed),
      version: r.version,
      abilities: {
        open: manage && state === 'planned',
        close: manage && state === 'open',
        offer: can(caller, 'fair:offer') && !isOrganizationOnly(caller) && state !== 'closed',
        exhibit: can(caller, 'fair:exhibit') && state !== 'closed',
      },
    };
  }

  async listFairs(
    caller: Caller,
    query: { state?: FairState; limit?: number; offset?: number },
  ): Promise<PageOf<Fair>> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    let q = fairRows(this.db);
    if (query.state) q = q.where('f.state', '=', query.state);
    const [items, total] = await Promise.all([
      q.orderBy('f.heldOn', 'desc').orderBy('f.id').limit(limit).offset(offset).execute(),
      q.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: items.map((r) => this.#fairOf(caller, r)), total: Number(total.n), limit, offset };
  }

  async fair(caller: Caller, id: string): Promise<Fair> {
    const row = await fairRows(this.db).where('f.id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('fair.notFound', { id });
    return this.#fairOf(caller, row);
  }

  async createFair(caller: Caller, input: CreateFairInput): Promise<Fair> {
    const id = randomUUID();
    const values = {
      id,
      name: input.name.trim(),
      heldOn: input.heldOn,
      venue: input.venue.trim(),
      description: input.description?.trim() || null,
      divisionCode: caller.scope.kind === 'all' ? DISTRICT : caller.scope.prefixes[0]!.slice(0, 6),
      state: 'planned',
      createdBy: caller.actor.id,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('fair').values(values).execute();
      await appendAudit(trx, caller.actor, {
        action: 'fair.create',
        entityType: 'fair',
        entityId: id,
        divisionCode: values.divisionCode,
        after: values,
      });
    });
    return this.fair(caller, id);
  }

  async transitionFair(
    caller: Caller,
    id: string,
    input: { action: 'open' | 'close'; version: number; comment?: string | null },
  ): Promise<Fair> {
    await this.db.transaction().execute((trx) => transition(trx, fairLifecycle, caller, { id, ...input }));
    return this.fair(caller, id);
  }

  async #fairState(db: Db, id: string, lock = false): Promise<FairState> {
    let q = db.selectFrom('fair').select('state').where('id', '=', id);
    if (lock) q = q.forShare();
    const row = await q.executeTakeFirst();
    if (!row) throw new AppError('fair.notFound', { id });
    return row.state as FairState;
  }

  #requireOpen(state: FairState, what: LocalizedText) {
    if (state !== 'open')
      throw new AppError('fair.notOpen', { stateName: both((l) => FAIR_STATE_NAMES[l][state]), what });
  }

  // ── offers ─────────────────────────────────────────────────────────────────

  #offerOf(caller: Caller, r: OfferRow): FairOffer {
    return {
      ...r,
      divisionName: r.divisionName ?? r.divisionCode,
      budgetFen: Number(r.budgetFen),
      createdAt: r.createdAt.toISOString(),
      mine: this.#offerSide(caller, r.divisionCode),
    };
  }

  /** The caller speaks for an offer of this area (staff whose scope holds it). */
  #offerSide(caller: Caller, divisionCode: string): boolean {
    return (
      can(caller, 'fair:offer') && !isOrganizationOnly(caller) && codeInScope(divisionCode, caller.scope)
    );
  }

  async listOffers(
    caller: Caller,
    fairId: string,
    query: { categoryCode?: string; divisionCode?: string; limit?: number; offset?: number },
  ): Promise<PageOf<FairOffer>> {
    await this.#fairState(this.db, fairId);
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    let q = offerRows(this.db).where('o.fairId', '=', fairId);
    if (query.categoryCode) q = q.where('o.categoryCode', '=', query.categoryCode);
    if (query.divisionCode) q = q.where('o.divisionCode', 'like', `${query.divisionCode}%`);
    const [items, total] = await Promise.all([
      q.orderBy('o.createdAt', 'desc').orderBy('o.id').limit(limit).offset(offset).execute(),
      q.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: items.map((r) => this.#offerOf(caller, r)), total: Number(total.n), limit, offset };
  }

  async #divisionInDistrict(db: Db, code: string): Promise<boolean> {
    if (!code.startsWith(DISTRICT)) return false;
    if (code === DISTRICT) return true;
    return Boolean(
      await db.selectFrom('division').select('code').where('code', '=', code).executeTakeFirst(),
    );
  }

  async createOffer(caller: Caller, fairId: string, input: CreateOfferInput): Promise<FairOffer> {
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      if ((await this.#fairState(trx, fairId, true)) === 'closed') throw new AppError('fair.closed');
      await this.#activeCategory(trx, input.categoryCode);
      // A street or community publishes for its own area only; outside it the area does not exist for it.
      if (
        !codeInScope(input.divisionCode, caller.scope) ||
        !(await this.#divisionInDistrict(trx, input.divisionCode))
      )
        throw new AppError('fair.invalidArea', { code: input.divisionCode });
      if (input.fundId) {
        const fund = await trx
          .selectFrom('fund')
          .select('id')
          .where('id', '=', input.fundId)
          .executeTakeFirst();
        if (!fund) throw new AppError('fund.notFound', { id: input.fundId });
      }
      const values = {
        id,
        fairId,
        title: input.title.trim(),
        categoryCode: input.categoryCode,
        divisionCode: input.divisionCode,
        publisher: input.publisher.trim(),
        budgetFen: input.budgetFen,
        fundId: input.fundId ?? null,
        description: input.description.trim(),
        createdBy: caller.actor.id,
      };
      await trx.insertInto('fairOffer').values(values).execute();
      await appendAudit(trx, caller.actor, {
        action: 'fair_offer.create',
        entityType: 'fair_offer',
        entityId: id,
        divisionCode: input.divisionCode,
        after: values,
      });
    });
    return this.#offerOf(caller, await offerRows(this.db).where('o.id', '=', id).executeTakeFirstOrThrow());
  }

  // ── exhibits ───────────────────────────────────────────────────────────────

  async #areaNames(codes: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(codes)];
    if (unique.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('division')
      .select(['code', 'name'])
      .where('code', 'in', unique)
      .execute();
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  async #exhibitsOf(caller: Caller, rows: ExhibitRow[]): Promise<FairExhibit[]> {
    const names = await this.#areaNames(rows.flatMap((r) => r.areas));
    return rows.map((r) => ({
      ...r,
      areaNames: r.areas.map((a) => names.get(a) ?? a),
      createdAt: r.createdAt.toISOString(),
      mine: (caller.organizationIds ?? []).includes(r.organizationId),
    }));
  }

  async listExhibits(
    caller: Caller,
    fairId: string,
    query: { categoryCode?: string; mine?: boolean; limit?: number; offset?: number },
  ): Promise<PageOf<FairExhibit>> {
    await this.#fairState(this.db, fairId);
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    let q = exhibitRows(this.db).where('e.fairId', '=', fairId);
    if (query.categoryCode) q = q.where('e.categoryCode', '=', query.categoryCode);
    if (query.mine) {
      const ids = caller.organizationIds ?? [];
      q = ids.length === 0 ? q.where(sql<boolean>`false`) : q.where('e.organizationId', 'in', ids);
    }
    const [items, total] = await Promise.all([
      q.orderBy('e.createdAt', 'desc').orderBy('e.id').limit(limit).offset(offset).execute(),
      q.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: await this.#exhibitsOf(caller, items), total: Number(total.n), limit, offset };
  }

  async createExhibit(caller: Caller, fairId: string, input: CreateExhibitInput): Promise<FairExhibit> {
    const id = randomUUID();
    const title = input.title.trim();
    try {
      await this.db.transaction().execute(async (trx) => {
        if ((await this.#fairState(trx, fairId, true)) === 'closed') throw new AppError('fair.closed');
        await this.#activeCategory(trx, input.categoryCode);
        // An organization exhibits for itself; the district may register one for any organization.
        const own = caller.organizationIds ?? [];
        const organizationId = input.organizationId ?? (own.length === 1 ? own[0] : undefined);
        const mayAct =
          organizationId !== undefined && (own.includes(organizationId) || can(caller, 'fair:manage'));
        const org = mayAct
          ? await trx
              .selectFrom('organization')
              .select(['id', 'divisionCode'])
              .where('id', '=', organizationId)
              .where('state', '=', 'active')
              .executeTakeFirst()
          : undefined;
        if (!org) throw new AppError('organization.notFound', { id: organizationId ?? '' });
        for (const code of input.areas)
          if (!(await this.#divisionInDistrict(trx, code))) throw new AppError('fair.invalidArea', { code });
        const values = {
          id,
          fairId,
          organizationId: org.id,
          divisionCode: org.divisionCode,
          title,
          categoryCode: input.categoryCode,
          areas: [...new Set(input.areas)],
          description: input.description.trim(),
          createdBy: caller.actor.id,
        };
        await trx.insertInto('fairExhibit').values(values).execute();
        await appendAudit(trx, caller.actor, {
          action: 'fair_exhibit.create',
          entityType: 'fair_exhibit',
          entityId: id,
          divisionCode: org.divisionCode,
          after: values,
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('fair.exhibitExists', { title });
      throw error;
    }
    const [exhibit] = await this.#exhibitsOf(
      caller,
      await exhibitRows(this.db).where('e.id', '=', id).execute(),
    );
    return exhibit!;
  }

  // ── suggestions ────────────────────────────────────────────────────────────

  /** Offers the caller speaks for: in its area (404 otherwise). */
  async #ownOffer(db: Db, caller: Caller, id: string) {
    const row = await db
      .selectFrom('fairOffer')
      .select(['id', 'fairId', 'categoryCode', 'divisionCode', 'title'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row || !(can(caller, 'fair:manage') || this.#offerSide(caller, row.divisionCode)))
      throw new AppError('fair.offerNotFound', { id });
    return row;
  }

  /** Exhibits the caller speaks for: its organization's (the district any) — 404 otherwise. */
  async #ownExhibit(db: Db, caller: Caller, id: string) {
    const row = await db
      .selectFrom('fairExhibit')
      .select(['id', 'fairId', 'categoryCode', 'areas', 'organizationId', 'divisionCode', 'title'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row || !(can(caller, 'fair:manage') || (caller.organizationIds ?? []).includes(row.organizationId)))
      throw new AppError('fair.exhibitNotFound', { id });
    return row;
  }

  /**
   * Exhibits of the offer's fair in the same category whose areas overlap the offer's area by
   * division-code prefix (one contains the other), best score first.
   */
  async suggestForOffer(caller: Caller, offerId: string): Promise<Suggestion[]> {
    const offer = await this.#ownOffer(this.db, caller, offerId);
    const rows = await this.db
      .selectFrom('fairExhibit as e')
      .innerJoin('organization as g', 'g.id', 'e.organizationId')
      .innerJoin('fairCategory as c', 'c.code', 'e.categoryCode')
      .leftJoin('fairMatch as m', (j) => j.onRef('m.exhibitId', '=', 'e.id').on('m.offerId', '=', offerId))
      .select([
        'e.id',
        'e.title',
        'e.categoryCode',
        'e.areas',
        'g.name as organizationName',
        'c.name as categoryName',
        'm.id as matchId',
      ])
      .where('e.fairId', '=', offer.fairId)
      .where('e.categoryCode', '=', offer.categoryCode)
      .where(
        sql<boolean>`exists (select 1 from unnest(e.areas) a where a like ${`${offer.divisionCode}%`} or ${offer.divisionCode} like a || '%')`,
      )
      .limit(500)
      .execute();
    const names = await this.#areaNames([offer.divisionCode]);
    return rows
      .map((e) => ({
        offerId: offer.id,
        offerTitle: offer.title,
        exhibitId: e.id,
        exhibitTitle: e.title,
        organizationName: e.organizationName,
        categoryName: e.categoryName,
        divisionName: names.get(offer.divisionCode) ?? offer.divisionCode,
        score: fairMatchScore(offer, e),
        matchId: e.matchId,
      }))
      .sort((a, b) => b.score - a.score || a.exhibitTitle.localeCompare(b.exhibitTitle, 'zh-CN'))
      .slice(0, SUGGESTION_LIMIT);
  }

  /** Offers of the exhibit's fair in the same category whose area overlaps one of the exhibit's areas. */
  async suggestForExhibit(caller: Caller, exhibitId: string): Promise<Suggestion[]> {
    const exhibit = await this.#ownExhibit(this.db, caller, exhibitId);
    const [org, category] = await Promise.all([
      this.db
        .selectFrom('organization')
        .select('name')
        .where('id', '=', exhibit.organizationId)
        .executeTakeFirstOrThrow(),
      this.db
        .selectFrom('fairCategory')
        .select('name')
        .where('code', '=', exhibit.categoryCode)
        .executeTakeFirstOrThrow(),
    ]);
    const rows = await this.db
      .selectFrom('fairOffer as o')
      .leftJoin('division as d', 'd.code', 'o.divisionCode')
      .leftJoin('fairMatch as m', (j) => j.onRef('m.offerId', '=', 'o.id').on('m.exhibitId', '=', exhibitId))
      .select([
        'o.id',
        'o.title',
        'o.categoryCode',
        'o.divisionCode',
        'd.name as divisionName',
        'm.id as matchId',
      ])
      .where('o.fairId', '=', exhibit.fairId)
      .where('o.categoryCode', '=', exhibit.categoryCode)
      .where((eb) =>
        eb.or(
          exhibit.areas.map(
            (a) => sql<boolean>`(o.division_code like ${`${a}%`} or ${a} like o.division_code || '%')`,
          ),
        ),
      )
      .limit(500)
      .execute();
    return rows
      .map((o) => ({
        offerId: o.id,
        offerTitle: o.title,
        exhibitId: exhibit.id,
        exhibitTitle: exhibit.title,
        organizationName: org.name,
        categoryName: category.name,
        divisionName: o.divisionName ?? o.divisionCode,
        score: fairMatchScore(o, exhibit),
        matchId: o.matchId,
      }))
      .sort((a, b) => b.score - a.score || a.offerTitle.localeCompare(b.offerTitle, 'zh-CN'))
      .slice(0, SUGGESTION_LIMIT);
  }

  // ── matches ────────────────────────────────────────────────────────────────

  #matchOf(caller: Caller, r: MatchRow): FairMatch {
    const state = r.state as FairMatchState;
    const origin = r.origin as FairMatchOrigin;
    const actions = new Set(availableActions(fairMatchLifecycle, r, caller));
    const open = r.fairState === 'open';
    return {
      id: r.id,
      fairId: r.fairId,
      fairName: r.fairName,
      offerId: r.offerId,
      offerTitle: r.offerTitle,
      offerBudgetFen: Number(r.offerBudgetFen),
      offerFundId: r.offerFundId,
      publisher: r.publisher,
      divisionName: r.divisionName ?? r.offerDivisionCode,
      exhibitId: r.exhibitId,
      exhibitTitle: r.exhibitTitle,
      organizationId: r.organizationId,
      organizationName: r.organizationName,
      categoryName: r.categoryName,
      origin,
      score: r.score,
      state,
      amountFen: r.amountFen === null ? null : Number(r.amountFen),
      contractId: r.contractId,
      signedAt: r.signedAt?.toISOString() ?? null,
      version: r.version,
      createdAt: r.createdAt.toISOString(),
      abilities: {
        accept: open && actions.has('accept') && !this.#ownRequest(caller, origin),
        decline: open && actions.has('decline'),
        sign: open && actions.has('sign') && can(caller, 'fair:manage'),
      },
    };
  }

  /** The caller's side asked for the match: the other side accepts it (the district may for either). */
  #ownRequest(caller: Caller, origin: FairMatchOrigin): boolean {
    if (caller.roles.includes('district_admin')) return false;
    return isOrganizationOnly(caller) ? origin === 'exhibit' : origin === 'offer';
  }

  #filteredMatches(caller: Caller, f: MatchFilters) {
    let q = matchRows(this.db, caller);
    if (f.fairId) q = q.where('m.fairId', '=', f.fairId);
    if (f.offerId) q = q.where('m.offerId', '=', f.offerId);
    if (f.exhibitId) q = q.where('m.exhibitId', '=', f.exhibitId);
    if (f.state) q = q.where('m.state', '=', f.state);
    return q;
  }

  async listMatches(caller: Caller, query: MatchFilters): Promise<PageOf<FairMatch>> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const [items, total] = await Promise.all([
      this.#filteredMatches(caller, query)
        .orderBy('m.updatedAt', 'desc')
        .orderBy('m.id')
        .limit(limit)
        .offset(offset)
        .execute(),
      this.#filteredMatches(caller, query)
        .clearSelect()
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { items: items.map((r) => this.#matchOf(caller, r)), total: Number(total.n), limit, offset };
  }

  async match(caller: Caller, id: string): Promise<FairMatch> {
    const row = await matchRows(this.db, caller).where('m.id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('fair.matchNotFound', { id });
    return this.#matchOf(caller, row);
  }

  /**
   * One side asks for a match (the district as matchmaker for both): an offer in the caller's area,
   * or an exhibit of the caller's organization. The other side is told and accepts or declines.
   */
  async requestMatch(caller: Caller, input: { offerId: string; exhibitId: string }): Promise<FairMatch> {
    const id = randomUUID();
    try {
      await this.db.transaction().execute(async (trx) => {
        const district = can(caller, 'fair:manage');
        const offer = await trx
          .selectFrom('fairOffer')
          .select(['id', 'fairId', 'categoryCode', 'divisionCode', 'title'])
          .where('id', '=', input.offerId)
          .executeTakeFirst();
        const exhibit = await trx
          .selectFrom('fairExhibit')
          .select(['id', 'fairId', 'categoryCode', 'areas', 'organizationId', 'title'])
          .where('id', '=', input.exhibitId)
          .executeTakeFirst();
        if (!offer) throw new AppError('fair.offerNotFound', { id: input.offerId });
        if (!exhibit) throw new AppError('fair.exhibitNotFound', { id: input.exhibitId });
        let origin: FairMatchOrigin;
        if (district) origin = 'suggested';
        else if (
          isOrganizationOnly(caller) &&
          (caller.organizationIds ?? []).includes(exhibit.organizationId)
        )
          origin = 'exhibit';
        else if (this.#offerSide(caller, offer.divisionCode)) origin = 'offer';
        else throw new AppError('fair.notYourSide');
        if (offer.fairId !== exhibit.fairId) throw new AppError('fair.differentFairs');
        this.#requireOpen(
          await this.#fairState(trx, offer.fairId, true),
          both((l) => (l === 'zh-CN' ? '发起对接' : 'request a match')),
        );
        const values = {
          id,
          fairId: offer.fairId,
          offerId: offer.id,
          exhibitId: exhibit.id,
          organizationId: exhibit.organizationId,
          divisionCode: offer.divisionCode,
          origin,
          score: fairMatchScore(offer, exhibit),
          state: 'proposed',
          createdBy: caller.actor.id,
        };
        await trx.insertInto('fairMatch').values(values).execute();
        await appendAudit(trx, caller.actor, {
          action: 'fair_match.create',
          entityType: 'fair_match',
          entityId: id,
          divisionCode: offer.divisionCode,
          after: values,
        });
        if (origin !== 'exhibit')
          await notify(
            trx,
            { accountIds: await organizationAccounts(trx, exhibit.organizationId) },
            {
              kind: 'fair.match',
              title: both((l) =>
                l === 'zh-CN' ? `社洽会对接邀请：${offer.title}` : `Fair match proposed: ${offer.title}`,
              ),
              body: both((l) =>
                l === 'zh-CN'
                  ? `您的展示项目“${exhibit.title}”收到购买服务需求的对接邀请，请回应`
                  : `Your exhibit “${exhibit.title}” was proposed for a government offer; please answer`,
              ),
              link: '/fair/matches',
              entityType: 'fair_match',
              entityId: id,
              divisionCode: offer.divisionCode,
            },
          );
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('fair.matchExists');
      throw error;
    }
    return this.match(caller, id);
  }

  async #fairOfMatch(trx: Transaction<DB>, caller: Caller, id: string) {
    const row = await matchesVisibleTo(trx, caller)
      .select(['m.fairId', 'm.origin'])
      .where('m.id', '=', id)
      .executeTakeFirst();
    if (!row) throw new AppError('fair.matchNotFound', { id });
    return { state: await this.#fairState(trx, row.fairId, true), origin: row.origin as FairMatchOrigin };
  }

  /** The other side accepts to negotiate, or either side declines. */
  async transitionMatch(
    caller: Caller,
    id: string,
    input: { action: 'accept' | 'decline'; version: number; comment?: string | null },
  ): Promise<FairMatch> {
    await this.db.transaction().execute(async (trx) => {
      const { state, origin } = await this.#fairOfMatch(trx, caller, id);
      this.#requireOpen(
        state,
        both((l) => FAIR_MATCH_ACTION_NAMES[l][input.action as FairMatchAction]),
      );
      if (input.action === 'accept' && this.#ownRequest(caller, origin))
        throw new AppError('fair.ownRequest');
      await transition(trx, fairMatchLifecycle, caller, { id, ...input });
    });
    return this.match(caller, id);
  }

  /**
   * The district signs a negotiated match: in one transaction the match becomes signed, its
   * contract is drafted through the contracts service (which commits the amount on the fund —
   * refused with 409 `fund.insufficient` when the fund has less left, and then nothing changes),
   * and the match and the contract point at each other. Two signings of one version: the row
   * lock and the version check let exactly one through.
   */
  async signMatch(caller: Caller, id: string, input: SignMatchInput): Promise<FairMatch> {
    await this.db.transaction().execute(async (trx) => {
      const { state } = await this.#fairOfMatch(trx, caller, id);
      this.#requireOpen(
        state,
        both((l) => FAIR_MATCH_ACTION_NAMES[l].sign),
      );
      await transition(trx, fairMatchLifecycle, caller, {
        id,
        action: 'sign',
        version: input.version,
        comment: input.comment,
        data: { amountFen: input.amountFen },
      });
      const m = await matchRows(trx, caller).where('m.id', '=', id).executeTakeFirstOrThrow();
      const fundId = input.fundId ?? m.offerFundId;
      if (!fundId) throw new AppError('fair.fundRequired');
      if (input.amountFen > Number(m.offerBudgetFen))
        throw new AppError('fair.overBudget', { budget: formatYuan(Number(m.offerBudgetFen)) });
      const exhibitDivision = await trx
        .selectFrom('organization')
        .select('divisionCode')
        .where('id', '=', m.organizationId)
        .executeTakeFirstOrThrow();
      const contractId = await this.contracts.createFromFairMatch(trx, caller, {
        fairMatchId: id,
        fundId,
        organizationId: m.organizationId,
        divisionCode: exhibitDivision.divisionCode,
        title: m.exhibitTitle,
        focusArea: m.focusArea,
        amountFen: input.amountFen,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        deliverables: input.deliverables,
        evaluatorAccountId: input.evaluatorAccountId,
      });
      await trx
        .updateTable('fairMatch')
        .set({ contractId, amountFen: input.amountFen, signedAt: new Date() })
        .where('id', '=', id)
        .execute();
      await notify(
        trx,
        { accountIds: await organizationAccounts(trx, m.organizationId) },
        {
          kind: 'fair.signed',
          title: both((l) =>
            l === 'zh-CN' ? `社洽会签约：${m.exhibitTitle}` : `Signed at the fair: ${m.exhibitTitle}`,
          ),
          body: both((l) =>
            l === 'zh-CN'
              ? `签约金额 ${formatYuan(input.amountFen)} 元，合同已拟定，请查看`
              : `Signed for ${formatYuan(input.amountFen)} yuan; the contract is drafted`,
          ),
          link: `/contracts/${contractId}`,
          entityType: 'contract',
          entityId: contractId,
          divisionCode: exhibitDivision.divisionCode,
        },
      );
    });
    return this.match(caller, id);
  }

  // ── figures ────────────────────────────────────────────────────────────────

  /**
   * The report's figures (R5.4), counted from the records in the caller's scope: an organization
   * is connected (已对接) when at least one of its exhibits was signed with an offer; a category is
   * covered when a signed offer is of it; a project is a signed match. By edition, cumulative up to
   * each edition (in date order), by class and by category. Never stored: computed each time.
   */
  async figures(caller: Caller): Promise<Figures> {
    const [fairs, signed, offers, exhibits, categories] = await Promise.all([
      this.db
        .selectFrom('fair')
        .select(['id', 'name', sql<string>`held_on::text`.as('heldOn'), 'state'])
        .orderBy('heldOn')
        .orderBy('id')
        .execute(),
      matchesVisibleTo(this.db, caller)
        .innerJoin('fairOffer as o', 'o.id', 'm.offerId')
        .select(['m.fairId', 'm.organizationId', 'o.categoryCode', 'm.amountFen'])
        .where('m.state', '=', 'signed')
        .execute(),
      this.db
        .selectFrom('fairOffer as o')
        .select(sql<number>`count(*)::int`.as('n'))
        .where((eb) => inScope(eb, 'o.division_code', caller.scope))
        .executeTakeFirstOrThrow(),
      this.db.selectFrom('fairExhibit').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
      this.categories(true),
    ]);
    const classOf = new Map(categories.map((c) => [c.code, c.orgClass]));
    const tally = () => ({ orgs: new Set<string>(), cats: new Set<string>(), projects: 0, fen: 0 });
    type Tally = ReturnType<typeof tally>;
    const add = (t: Tally, s: (typeof signed)[number]) => {
      t.orgs.add(s.organizationId);
      t.cats.add(s.categoryCode);
      t.projects += 1;
      t.fen += Number(s.amountFen ?? 0);
    };
    const counts = (t: Tally) => ({
      organizations: t.orgs.size,
      categories: t.cats.size,
      projects: t.projects,
      signedFen: t.fen,
    });
    const total = tally();
    const byFair = new Map(fairs.map((f) => [f.id, tally()]));
    const byClass = new Map(FAIR_ORG_CLASSES.map((c) => [c, tally()]));
    const byCategory = new Map(categories.map((c) => [c.code, tally()]));
    for (const s of signed) {
      add(total, s);
      add(byFair.get(s.fairId)!, s);
      add(byClass.get(classOf.get(s.categoryCode)!)!, s);
      add(byCategory.get(s.categoryCode)!, s);
    }
    const running = tally();
    return {
      total: {
        ...counts(total),
        fairs: fairs.length,
        offers: Number(offers.n),
        exhibits: Number(exhibits.n),
      },
      byEdition: fairs.map((f) => {
        const t = byFair.get(f.id)!;
        for (const o of t.orgs) running.orgs.add(o);
        for (const c of t.cats) running.cats.add(c);
        running.projects += t.projects;
        return {
          fairId: f.id,
          name: f.name,
          heldOn: f.heldOn,
          state: f.state as FairState,
          ...counts(t),
          cumulativeOrganizations: running.orgs.size,
          cumulativeCategories: running.cats.size,
          cumulativeProjects: running.projects,
        };
      }),
      byClass: FAIR_ORG_CLASSES.map((orgClass) => ({ orgClass, ...counts(byClass.get(orgClass)!) })),
      byCategory: categories
        .map((c) => ({
          code: c.code,
          name: c.name,
          orgClass: c.orgClass,
          ...counts(byCategory.get(c.code)!),
        }))
        .filter((c) => c.projects > 0)
        .sort((a, b) => b.projects - a.projects || a.code.localeCompare(b.code)),
    };
  }
}
