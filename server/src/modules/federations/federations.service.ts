import { randomUUID } from 'node:crypto';
import { beijingToday } from '@linli/common';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { appendAudit } from '../../platform/audit.ts';
import { AppError, isUniqueViolation, type LocalizedText } from '../../platform/errors.ts';
import type { PageOf } from '../../platform/http-schemas.ts';
import { type Caller, can } from '../../platform/scope.ts';
import * as repo from './federations.repository.ts';
import type {
  AddMemberInput,
  CreateFederationInput,
  EndMembershipInput,
  FederationAbilities,
  FederationDetail,
  FederationFilters,
  FederationKind,
  FederationMember,
  FederationMoveIn,
  FederationSummary,
  ListInput,
  MemberRole,
  MoveInInput,
  MoveInListInput,
  UpdateFederationInput,
} from './federations.schemas.ts';

export interface FederationWorkbookData {
  federations: FederationSummary[];
  members: Array<FederationMember & { federationName: string }>;
  moveIns: FederationMoveIn[];
}

const dateProblem = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, 'en-US': en });

/**
 * Federations of same-kind organizations within a street (issue #4 item 5, R2.3): their members
 * over time and the organizations from outside the district that moved in (入驻) through them. A
 * move-in also marks the organization `from_outside` in the registry, audited, in one transaction.
 */
export class FederationService {
  constructor(
    private readonly db: Kysely<DB>,
    /** Today's Beijing date; tests inject a fixed day. */
    private readonly today: () => string = () => beijingToday(),
  ) {}

  #abilities(caller: Caller): FederationAbilities {
    const write = can(caller, 'federation:write');
    return { update: write, manageMembers: write, recordMoveIn: write };
  }

  #summary(caller: Caller, row: repo.FederationRow): FederationSummary {
    return {
      id: row.id,
      name: row.name,
      divisionCode: row.divisionCode,
      divisionName: row.divisionName,
      kind: row.kind as FederationKind,
      leadOrganizationId: row.leadOrganizationId,
      leadOrganizationName: row.leadOrganizationName,
      foundedOn: row.foundedOn,
      description: row.description,
      memberCount: row.memberCount,
      moveInCount: row.moveInCount,
      version: row.version,
      abilities: this.#abilities(caller),
    };
  }

  #member(row: repo.MemberRow): FederationMember {
    return {
      id: row.id,
      organizationId: row.organizationId,
      organizationName: row.organizationName,
      divisionName: row.divisionName,
      role: row.role as MemberRole,
      joinedOn: row.joinedOn,
      leftOn: row.leftOn,
    };
  }

  /** A date that must not lie in the future. */
  #notFuture(date: string, what: LocalizedText): void {
    if (date > this.today())
      throw new AppError('federation.invalidDates', {
        detail: dateProblem(`${what['zh-CN']}不能晚于今天`, `${what['en-US']} cannot be after today`),
      });
  }

  async list(caller: Caller, query: ListInput): Promise<PageOf<FederationSummary>> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const { items, total } = await repo.listRows(this.db, caller, {
      ...query,
      q: query.q?.trim() || undefined,
      limit,
      offset,
    });
    return { items: items.map((r) => this.#summary(caller, r)), total, limit, offset };
  }

  async moveIns(caller: Caller, query: MoveInListInput): Promise<PageOf<FederationMoveIn>> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const { items, total } = await repo.listMoveIns(this.db, caller, {
      federationIds: query.federationId ? [query.federationId] : undefined,
      divisionCode: query.divisionCode,
      year: query.year,
      limit,
      offset,
    });
    return { items, total, limit, offset };
  }

  async detail(caller: Caller, id: string): Promise<FederationDetail> {
    const row = await repo.findRow(this.db, caller, id);
    if (!row) throw new AppError('federation.notFound', { id });
    const [members, moveIns] = await Promise.all([
      repo.membersOf(this.db, [id]),
      repo.listMoveIns(this.db, caller, { federationIds: [id] }),
    ]);
    return {
      ...this.#summary(caller, row),
      members: members.map((m) => this.#member(m)),
      moveIns: moveIns.items,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  /** Everything the export shows, in the caller's scope; the export itself is audited. */
  async exportData(caller: Caller, query: FederationFilters): Promise<FederationWorkbookData> {
    const rows = await repo.exportRows(this.db, caller, { ...query, q: query.q?.trim() || undefined });
    const ids = rows.map((r) => r.id);
    const names = new Map(rows.map((r) => [r.id, r.name]));
    const [members, moveIns] = await Promise.all([
      repo.membersOf(this.db, ids),
      repo.listMoveIns(this.db, caller, { federationIds: ids }),
    ]);
    await this.db.transaction().execute((trx) =>
      appendAudit(trx, caller.actor, {
        action: 'federation.export',
        entityType: 'federation',
        divisionCode:
          query.divisionCode ?? (caller.scope.kind === 'prefixes' ? caller.scope.prefixes[0] : null),
        after: { count: rows.length, filters: query },
      }),
    );
    return {
      federations: rows.map((r) => this.#summary(caller, r)),
      members: members.map((m) => ({ ...this.#member(m), federationName: names.get(m.federationId) ?? '' })),
      moveIns: moveIns.items,
    };
  }

  /** An organization of the federation's street, visible to the caller. */
  async #streetOrganization(
    trx: Transaction<DB>,
    caller: Caller,
    street: string,
    organizationId: string,
    lock = false,
  ): Promise<repo.OrganizationRef> {
    const org = await repo.organizationInScope(trx, caller, organizationId, lock);
    if (!org) throw new AppError('federation.organizationNotFound', { id: organizationId });
    if (!org.divisionCode.startsWith(street))
      throw new AppError('federation.organizationOutsideStreet', { name: org.name });
    return org;
  }

  async #locked(trx: Transaction<DB>, caller: Caller, id: string) {
    const row = await repo.lockRow(trx, caller, id);
    if (!row) throw new AppError('federation.notFound', { id });
    return row;
  }

  async create(caller: Caller, input: CreateFederationInput): Promise<FederationDetail> {
    const id = randomUUID();
    const name = input.name.trim();
    this.#notFuture(input.foundedOn, dateProblem('成立日期', 'The founding date'));
    try {
      await this.db.transaction().execute(async (trx) => {
        if (!(await repo.findStreet(trx, caller, input.divisionCode)))
          throw new AppError('federation.invalidDivision', { code: input.divisionCode });
        const lead = input.leadOrganizationId
          ? await this.#streetOrganization(trx, caller, input.divisionCode, input.leadOrganizationId)
          : null;
        const values = {
          id,
          name,
          divisionCode: input.divisionCode,
          kind: input.kind,
          leadOrganizationId: lead?.id ?? null,
          foundedOn: input.foundedOn,
          description: input.description?.trim() || null,
        };
        await trx.insertInto('federation').values(values).execute();
        // The lead organization is the president's seat from the founding day.
        if (lead)
          await trx
            .insertInto('federationMember')
            .values({
              id: randomUUID(),
              federationId: id,
              organizationId: lead.id,
              role: 'president',
              joinedOn: input.foundedOn,
            })
            .execute();
        await appendAudit(trx, caller.actor, {
          action: 'federation.create',
          entityType: 'federation',
          entityId: id,
          divisionCode: input.divisionCode,
          after: values,
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('federation.duplicateName', { name });
      throw error;
    }
    return this.detail(caller, id);
  }

  async update(caller: Caller, id: string, input: UpdateFederationInput): Promise<FederationDetail> {
    if (input.foundedOn) this.#notFuture(input.foundedOn, dateProblem('成立日期', 'The founding date'));
    try {
      await this.db.transaction().execute(async (trx) => {
        const row = await this.#locked(trx, caller, id);
        if (row.version !== input.version) throw new AppError('conflict.version', { id });
        const current = await trx
          .selectFrom('federation')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        const changes: Record<string, unknown> = {};
        if (input.name !== undefined) changes.name = input.name.trim();
        if (input.kind !== undefined) changes.kind = input.kind;
        if (input.foundedOn !== undefined) changes.foundedOn = input.foundedOn;
        if (input.description !== undefined) changes.description = input.description?.trim() || null;
        if (input.leadOrganizationId !== undefined) {
          changes.leadOrganizationId = input.leadOrganizationId
            ? (await this.#streetOrganization(trx, caller, row.divisionCode, input.leadOrganizationId)).id
            : null;
        }
        const before: Record<string, unknown> = {};
        for (const key of Object.keys(changes)) {
          const old = (current as unknown as Record<string, unknown>)[key];
          const oldText = old instanceof Date ? old.toISOString().slice(0, 10) : old;
          if (oldText === changes[key]) delete changes[key];
          else before[key] = oldText ?? null;
        }
        if (Object.keys(changes).length === 0) return;
        await trx
          .updateTable('federation')
          .set({ ...changes, version: row.version + 1, updatedAt: new Date() })
          .where('id', '=', id)
          .execute();
        await appendAudit(trx, caller.actor, {
          action: 'federation.update',
          entityType: 'federation',
          entityId: id,
          divisionCode: row.divisionCode,
          before,
          after: changes,
        });
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError('federation.duplicateName', { name: input.name ?? '' });
      throw error;
    }
    return this.detail(caller, id);
  }

  async addMember(caller: Caller, id: string, input: AddMemberInput): Promise<FederationDetail> {
    this.#notFuture(input.joinedOn, dateProblem('加入日期', 'The joining date'));
    try {
      await this.db.transaction().execute(async (trx) => {
        const fed = await this.#locked(trx, caller, id);
        const org = await this.#streetOrganization(trx, caller, fed.divisionCode, input.organizationId);
        if (await repo.currentMembership(trx, id, org.id))
          throw new AppError('federation.alreadyMember', { name: org.name });
        const memberId = randomUUID();
        await trx
          .insertInto('federationMember')
          .values({
            id: memberId,
            federationId: id,
            organizationId: org.id,
            role: input.role,
            joinedOn: input.joinedOn,
          })
          .execute();
        await appendAudit(trx, caller.actor, {
          action: 'federation.addMember',
          entityType: 'federation',
          entityId: id,
          divisionCode: fed.divisionCode,
          after: { memberId, organizationId: org.id, role: input.role, joinedOn: input.joinedOn },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError('federation.alreadyMember', { name: input.organizationId });
      throw error;
    }
    return this.detail(caller, id);
  }

  /** Removes a member by recording the day it left; the membership stays in the record and the timeline. */
  async endMembership(
    caller: Caller,
    id: string,
    memberId: string,
    input: EndMembershipInput,
  ): Promise<FederationDetail> {
    this.#notFuture(input.leftOn, dateProblem('退出日期', 'The leaving date'));
    await this.db.transaction().execute(async (trx) => {
      const fed = await this.#locked(trx, caller, id);
      const member = await repo.findMember(trx, id, memberId);
      if (!member) throw new AppError('federation.memberNotFound', { id: memberId });
      if (member.leftOn) throw new AppError('federation.memberLeft', { leftOn: member.leftOn });
      if (input.leftOn < member.joinedOn)
        throw new AppError('federation.invalidDates', {
          detail: dateProblem(
            `退出日期不能早于加入日期 ${member.joinedOn}`,
            `the leaving date cannot be before the joining date ${member.joinedOn}`,
          ),
        });
      await trx
        .updateTable('federationMember')
        .set({ leftOn: input.leftOn })
        .where('id', '=', memberId)
        .execute();
      await appendAudit(trx, caller.actor, {
        action: 'federation.endMembership',
        entityType: 'federation',
        entityId: id,
        divisionCode: fed.divisionCode,
        before: { memberId, organizationId: member.organizationId, leftOn: null },
        after: { memberId, organizationId: member.organizationId, leftOn: input.leftOn },
      });
    });
    return this.detail(caller, id);
  }

  /**
   * Records that an organization from outside the district moved in (入驻) through this federation:
   * the move-in row, the registry's `from_outside` flag (a versioned, audited change of the
   * organization) and, unless declined, its membership — one transaction.
   */
  async recordMoveIn(caller: Caller, id: string, input: MoveInInput): Promise<FederationDetail> {
    this.#notFuture(input.movedInOn, dateProblem('入驻日期', 'The move-in date'));
    try {
      await this.db.transaction().execute(async (trx) => {
        const fed = await this.#locked(trx, caller, id);
        const org = await this.#streetOrganization(trx, caller, fed.divisionCode, input.organizationId, true);
        const earlier = await repo.moveInOf(trx, org.id);
        if (earlier)
          throw new AppError('federation.alreadyMovedIn', { name: org.name, movedInOn: earlier.movedInOn });
        const moveInId = randomUUID();
        const values = {
          id: moveInId,
          federationId: id,
          organizationId: org.id,
          movedInOn: input.movedInOn,
          origin: input.origin.trim(),
          note: input.note?.trim() || null,
        };
        await trx.insertInto('federationMoveIn').values(values).execute();
        await appendAudit(trx, caller.actor, {
          action: 'federation.moveIn',
          entityType: 'federation',
          entityId: id,
          divisionCode: fed.divisionCode,
          after: values,
        });
        if (!org.fromOutside) {
          await trx
            .updateTable('organization')
            .set({ fromOutside: true, version: org.version + 1, updatedAt: new Date() })
            .where('id', '=', org.id)
            .execute();
          await appendAudit(trx, caller.actor, {
            action: 'organization.update',
            entityType: 'organization',
            entityId: org.id,
            divisionCode: org.divisionCode,
            before: { fromOutside: false },
            after: { fromOutside: true, moveInId },
          });
        }
        if ((input.joinAsMember ?? true) && !(await repo.currentMembership(trx, id, org.id))) {
          const memberId = randomUUID();
          await trx
            .insertInto('federationMember')
            .values({
              id: memberId,
              federationId: id,
              organizationId: org.id,
              role: 'member',
              joinedOn: input.movedInOn,
            })
            .execute();
          await appendAudit(trx, caller.actor, {
            action: 'federation.addMember',
            entityType: 'federation',
            entityId: id,
            divisionCode: fed.divisionCode,
            after: { memberId, organizationId: org.id, role: 'member', joinedOn: input.movedInOn },
          });
        }
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError('federation.alreadyMovedIn', {
          name: input.organizationId,
          movedInOn: input.movedInOn,
        });
      throw error;
    }
    return this.detail(caller, id);
  }
}
