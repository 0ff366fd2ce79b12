import { randomUUID } from 'node:crypto';
import { HONOUR_TITLE_SUBJECTS, type HonourSubject, type HonourTitle } from '@linli/common';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { appendAudit } from '../../platform/audit.ts';
import { AppError, isUniqueViolation } from '../../platform/errors.ts';
import type { PageOf } from '../../platform/http-schemas.ts';
import { type Caller, escapeLike, inScope } from '../../platform/scope.ts';
import { isResidentOnly, teamsVisibleTo, volunteersVisibleTo } from './volunteers.repository.ts';
import type { CreateHonourInput, Honour, HonourFilters } from './volunteers.schemas.ts';

export const HONOUR_EXPORT_LIMIT = 20_000;

/**
 * Honours (表彰奖励, which 《志愿服务条例》 asks organizations to record): the district, a street or
 * a community gives a volunteer or a team a title for a year with a reason. Staff see the honours of
 * subjects in their scope; a resident sees their own.
 */
export class HonourService {
  constructor(private readonly db: Kysely<DB>) {}

  #visible(caller: Caller) {
    const q = this.db.selectFrom('volunteerHonour as h');
    if (isResidentOnly(caller))
      return q.where('h.volunteerId', 'in', (eb) =>
        eb.selectFrom('volunteer').select('id').where('accountId', '=', caller.actor.id),
      );
    return q.where((eb) => inScope(eb, 'h.division_code', caller.scope));
  }

  #filtered(caller: Caller, filters: HonourFilters) {
    let q = this.#visible(caller);
    if (filters.volunteerId) q = q.where('h.volunteerId', '=', filters.volunteerId);
    if (filters.teamId) q = q.where('h.teamId', '=', filters.teamId);
    if (filters.subjectKind) q = q.where('h.subjectKind', '=', filters.subjectKind);
    if (filters.title) q = q.where('h.title', '=', filters.title);
    if (filters.year) q = q.where('h.year', '=', filters.year);
    if (filters.divisionCode) q = q.where('h.divisionCode', 'like', `${escapeLike(filters.divisionCode)}%`);
    return q;
  }

  async list(caller: Caller, filters: HonourFilters): Promise<PageOf<Honour>> {
    const limit = filters.limit ?? 20;
    const offset = filters.offset ?? 0;
    const total = await this.#filtered(caller, filters)
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    return { items: await this.#rows(caller, filters, limit, offset), total: Number(total.n), limit, offset };
  }

  exportRows(caller: Caller, filters: HonourFilters): Promise<Honour[]> {
    return this.#rows(caller, filters, HONOUR_EXPORT_LIMIT, 0);
  }

  async #rows(caller: Caller, filters: HonourFilters, limit: number, offset: number, id?: string) {
    let q = this.#filtered(caller, filters);
    if (id) q = q.where('h.id', '=', id);
    const rows = await q
      .leftJoin('volunteer as v', 'v.id', 'h.volunteerId')
      .leftJoin('volunteerTeam as t', 't.id', 'h.teamId')
      .innerJoin('division as d', 'd.code', 'h.divisionCode')
      .leftJoin('division as g', 'g.code', 'h.awardedByDivision')
      .select([
        'h.id',
        'h.subjectKind',
        'h.volunteerId',
        'h.teamId',
        sql<string>`coalesce(v.name, t.name)`.as('subjectName'),
        'h.title',
        'h.year',
        'h.reason',
        'h.divisionCode',
        'd.name as divisionName',
        'h.awardedByDivision',
        sql<string>`coalesce(g.name, h.awarded_by_division)`.as('awardedByDivisionName'),
        'h.awardedByName',
        'h.awardedAt',
      ])
      .orderBy('h.year', 'desc')
      .orderBy('h.awardedAt', 'desc')
      .orderBy('h.id')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map((r) => ({
      ...r,
      subjectKind: r.subjectKind as HonourSubject,
      title: r.title as HonourTitle,
      awardedAt: r.awardedAt.toISOString(),
    }));
  }

  /** Gives an honour to a volunteer or team in the caller's scope (others: 404). */
  async create(caller: Caller, input: CreateHonourInput): Promise<Honour> {
    if (!HONOUR_TITLE_SUBJECTS[input.title].includes(input.subjectKind))
      throw new AppError('honour.invalidSubject');
    const subject =
      input.subjectKind === 'volunteer'
        ? await volunteersVisibleTo(this.db, caller)
            .select(['v.id', 'v.divisionCode'])
            .where('v.id', '=', input.subjectId)
            .executeTakeFirst()
        : await teamsVisibleTo(this.db, caller)
            .select(['t.id', 't.divisionCode'])
            .where('t.id', '=', input.subjectId)
            .executeTakeFirst();
    if (!subject)
      throw new AppError(input.subjectKind === 'volunteer' ? 'volunteer.notFound' : 'volunteer.teamNotFound');
    // The level that gives it: the caller's own scope (the district for a district-wide account).
    const awardedBy =
      caller.scope.kind === 'all'
        ? subject.divisionCode.slice(0, 6)
        : (caller.scope.prefixes.find((p) => subject.divisionCode.startsWith(p)) ?? subject.divisionCode);
    const id = randomUUID();
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('volunteerHonour')
          .values({
            id,
            subjectKind: input.subjectKind,
            volunteerId: input.subjectKind === 'volunteer' ? subject.id : null,
            teamId: input.subjectKind === 'team' ? subject.id : null,
            title: input.title,
            year: input.year,
            reason: input.reason.trim(),
            divisionCode: subject.divisionCode,
            awardedByDivision: awardedBy,
            awardedBy: caller.actor.id,
            awardedByName: caller.actor.name,
          })
          .execute();
        await appendAudit(trx, caller.actor, {
          action: 'volunteer.honour.create',
          entityType: input.subjectKind === 'volunteer' ? 'volunteer' : 'volunteer_team',
          entityId: subject.id,
          divisionCode: subject.divisionCode,
          after: { honourId: id, title: input.title, year: input.year, reason: input.reason.trim() },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('honour.duplicate', { year: input.year });
      throw error;
    }
    const [honour] = await this.#rows(caller, {}, 1, 0, id);
    return honour!;
  }
}
