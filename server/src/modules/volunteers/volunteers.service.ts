import { createHmac, randomBytes, randomInt, randomUUID } from 'node:crypto';
import {
  type ActivityCategory,
  type Availability,
  beijingToday,
  CHECK_IN_CODE_STEP_SECONDS,
  checkResidentId,
  maskPhone,
  maskResidentId,
  normalizeMobile,
  type PublisherKind,
  pointsForMinutes,
  type SignupState,
  type Skill,
  STAR_THRESHOLD_HOURS,
  starLevel,
} from '@linli/common';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { DataCipher } from '../../platform/crypto.ts';
import { AppError, isUniqueViolation } from '../../platform/errors.ts';
import type { PageOf } from '../../platform/http-schemas.ts';
import { notify } from '../../platform/notifications.ts';
import { type Caller, codeInScope, escapeLike } from '../../platform/scope.ts';
import type { PointsLedger } from '../points/ledger.service.ts';
import {
  activitiesManagedBy,
  activitiesReadableBy,
  type Db,
  isOrganizationOnly,
  servicesVisibleTo,
  teamsVisibleTo,
  volunteersVisibleTo,
} from './volunteers.repository.ts';
import type {
  Activity,
  ActivityFilters,
  CertificateVerification,
  Correction,
  CreateActivityInput,
  CreateTeamInput,
  Leaderboard,
  Program,
  RegisterVolunteerInput,
  Roster,
  RosterEntry,
  ServiceRecord,
  StatRow,
  Stats,
  StatsFilters,
  Team,
  TeamFilters,
  UpdateActivityInput,
  Volunteer,
  VolunteerFilters,
} from './volunteers.schemas.ts';

/** Check-in opens this long before the start. */
const CHECK_IN_OPENS_MINUTES = 60;
/** Check-out stays open this long after the end (the organizer can still record it later). */
const CHECK_OUT_GRACE_MINUTES = 360;
export const VOLUNTEER_EXPORT_LIMIT = 20_000;

/** 张三丰 → 张**: the public page and leaderboards never show a full name. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? name : chars[0] + '*'.repeat(chars.length - 1);
}

/** A verification code: 80 random bits in Crockford-style base32, grouped for reading aloud. */
function certificateCode(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const bytes = randomBytes(16);
  const chars = Array.from({ length: 16 }, (_, i) => alphabet[bytes[i]! % 32]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

/** How many steps back a code is still recognised, to tell "expired" from "wrong". */
const EXPIRED_CODE_STEPS = 60;

/**
 * The activity's check-in code in time step `step` (TOTP-like, RFC 6238 truncation): an HMAC of the
 * step under a per-activity secret derived from the server key, so a screenshot of the code is
 * useless a minute later and nothing secret is stored with the activity.
 */
export function checkInCodeAt(cipher: DataCipher, activityId: string, step: number): string {
  const secret = cipher.blindIndex(`volunteer-check-in:${activityId}`);
  const mac = createHmac('sha256', secret).update(String(step)).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** The time step an instant falls in. */
export function checkInStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / CHECK_IN_CODE_STEP_SECONDS);
}

const minutesBetween = (a: Date, b: Date) => Math.max(0, Math.round((b.getTime() - a.getTime()) / 60_000));

/** The Beijing calendar day of an instant. */
const beijingDay = (d: Date) => beijingToday(d);

type ActivityRow = {
  id: string;
  title: string;
  description: string | null;
  programId: string | null;
  programName: string | null;
  category: string;
  publisherKind: string;
  publisherName: string;
  teamId: string | null;
  organizationId: string | null;
  divisionCode: string;
  divisionName: string;
  address: string;
  startsAt: Date;
  endsAt: Date;
  slots: number;
  signedUp: number;
  waiting: number;
  requirements: string | null;
  cancelBeforeMinutes: number;
  state: string;
  version: number;
};

/**
 * Volunteers, teams, activities, sign-ups and hours (issue #6 items 1, 2 and 5). Confirming hours
 * writes an immutable service record and posts its points in the same transaction; a correction
 * writes a reversing record (and a replacement) and posts the reversal.
 */
export class VolunteerService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly cipher: DataCipher,
    private readonly ledger: PointsLedger,
    /** Star thresholds in hours (standards §8.3 by default; `VOLUNTEER_STAR_HOURS` sets a local scheme). */
    private readonly starHours: readonly number[] = STAR_THRESHOLD_HOURS,
  ) {}

  starLevels(): { hours: number[] } {
    return { hours: [...this.starHours] };
  }

  // ------------------------------------------------------------ volunteers

  /** A resident registers themself: real name, validated ID number (sealed), phone, skills, service area. */
  async register(caller: Caller, input: RegisterVolunteerInput): Promise<Volunteer> {
    const check = checkResidentId(input.idNumber);
    if (!check.ok) throw new AppError('volunteer.invalidIdNumber', { reason: check.problem });
    const phone = normalizeMobile(input.phone);
    if (!phone) throw new AppError('volunteer.invalidPhone');
    const name = input.name.trim();
    const division = await this.db
      .selectFrom('division')
      .select(['code', 'level'])
      .where('code', '=', input.divisionCode)
      .executeTakeFirst();
    if (!division || !['street', 'town', 'community', 'village', 'grid'].includes(division.level))
      throw new AppError('volunteer.invalidDivision', { code: input.divisionCode });
    const accountId = caller.actor.id;
    const id = randomUUID();
    const idIndex = this.cipher.piiIndex('residentId', check.value);
    try {
      await this.db.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom('volunteer')
          .select('id')
          .where('accountId', '=', accountId)
          .executeTakeFirst();
        if (existing) throw new AppError('volunteer.alreadyRegistered');
        // The registry record of this account, or of this ID number, when the community has one.
        const resident = await trx
          .selectFrom('resident')
          .select('id')
          .where((eb) => eb.or([eb('accountId', '=', accountId), eb('idNumberIndex', '=', idIndex)]))
          .orderBy(sql`(account_id = ${accountId})`, 'desc')
          .executeTakeFirst();
        const taken = resident
          ? await trx
              .selectFrom('volunteer')
              .select('id')
              .where('residentId', '=', resident.id)
              .executeTakeFirst()
          : undefined;
        const no = await trx
          .selectNoFrom(sql<number>`(select count(*)::int from volunteer) + 1`.as('n'))
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('volunteer')
          .values({
            id,
            volunteerNo: `${input.divisionCode.slice(0, 6)}${String(no.n).padStart(7, '0')}${randomInt(10, 99)}`,
            accountId,
            residentId: resident && !taken ? resident.id : null,
            name,
            gender: check.info.sex,
            birthDate: check.info.birthDate,
            idNumberSealed: this.cipher.encrypt(check.value),
            idNumberIndex: idIndex,
            phoneSealed: this.cipher.encrypt(phone),
            phoneIndex: this.cipher.piiIndex('phone', phone),
            skills: input.skills,
            availability: input.availability,
            divisionCode: input.divisionCode,
          })
          .execute();
        await this.ledger.ensureAccount(trx, {
          kind: 'volunteer',
          ownerId: id,
          name: `志愿者 ${maskName(name)} 的积分`,
          divisionCode: input.divisionCode,
        });
        if (input.teamId) {
          const team = await teamsVisibleTo(trx, { ...caller, roles: ['resident'] })
            .select('t.id')
            .where('t.id', '=', input.teamId)
            .executeTakeFirst();
          if (!team) throw new AppError('volunteer.teamNotFound');
          await trx.insertInto('volunteerTeamMember').values({ teamId: team.id, volunteerId: id }).execute();
        }
        await appendAudit(trx, caller.actor, {
          action: 'volunteer.register',
          entityType: 'volunteer',
          entityId: id,
          divisionCode: input.divisionCode,
          after: {
            name,
            idNumber: maskResidentId(check.value),
            phone: maskPhone(phone),
            skills: input.skills,
            divisionCode: input.divisionCode,
          },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('volunteer.duplicateIdNumber');
      throw error;
    }
    return this.get(caller, id);
  }

  /** The caller's own volunteer record, or 404 "not registered yet". */
  async mine(caller: Caller): Promise<Volunteer> {
    const row = await this.db
      .selectFrom('volunteer')
      .select('id')
      .where('accountId', '=', caller.actor.id)
      .executeTakeFirst();
    if (!row) throw new AppError('volunteer.notRegistered');
    return this.get(caller, row.id);
  }

  async get(caller: Caller, id: string): Promise<Volunteer> {
    const [v] = await this.#volunteers(caller, { limit: 1, offset: 0 }, id);
    if (!v) throw new AppError('volunteer.notFound');
    return v;
  }

  async list(caller: Caller, filters: VolunteerFilters): Promise<PageOf<Volunteer>> {
    const limit = filters.limit ?? 20;
    const offset = filters.offset ?? 0;
    const total = await this.#filtered(caller, filters)
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    return { items: await this.#volunteers(caller, filters), total: Number(total.n), limit, offset };
  }

  async exportRows(caller: Caller, filters: VolunteerFilters): Promise<Volunteer[]> {
    return this.#volunteers(caller, { ...filters, limit: VOLUNTEER_EXPORT_LIMIT, offset: 0 });
  }

  #filtered(caller: Caller, filters: VolunteerFilters, id?: string) {
    let q = volunteersVisibleTo(this.db, caller);
    if (id) q = q.where('v.id', '=', id);
    if (filters.q) q = q.where('v.name', 'like', `%${escapeLike(filters.q.trim())}%`);
    if (filters.divisionCode) q = q.where('v.divisionCode', 'like', `${escapeLike(filters.divisionCode)}%`);
    if (filters.teamId)
      q = q.where('v.id', 'in', (eb) =>
        eb.selectFrom('volunteerTeamMember').select('volunteerId').where('teamId', '=', filters.teamId!),
      );
    if (filters.minStars)
      q = q.where(
        sql<number>`(select coalesce(sum(minutes), 0) from volunteer_service where volunteer_id = v.id)`,
        '>=',
        (this.starHours[filters.minStars - 1] ?? Number.MAX_SAFE_INTEGER / 60) * 60,
      );
    return q;
  }

  async #volunteers(caller: Caller, filters: VolunteerFilters, id?: string): Promise<Volunteer[]> {
    const rows = await this.#filtered(caller, filters, id)
      .innerJoin('division as d', 'd.code', 'v.divisionCode')
      .leftJoin('pointsAccount as pa', (j) =>
        j.onRef('pa.ownerId', '=', 'v.id').on('pa.kind', '=', 'volunteer'),
      )
      .select([
        'v.id',
        'v.volunteerNo',
        'v.name',
        'v.gender',
        'v.idNumberSealed',
        'v.phoneSealed',
        'v.skills',
        'v.availability',
        'v.divisionCode',
        'd.name as divisionName',
        'v.state',
        'v.registeredAt',
        'v.version',
        'pa.id as pointsAccountId',
        'pa.balance',
        sql<number>`(select coalesce(sum(minutes), 0)::int from volunteer_service where volunteer_id = v.id)`.as(
          'minutes',
        ),
        sql<number>`(select count(*)::int from volunteer_service s where s.volunteer_id = v.id and s.kind = 'service'
          and not exists (select 1 from volunteer_service r where r.reverses_id = s.id))`.as('services'),
        sql<
          Array<{ id: string; name: string }>
        >`coalesce((select json_agg(json_build_object('id', t.id, 'name', t.name) order by t.name)
          from volunteer_team_member m join volunteer_team t on t.id = m.team_id where m.volunteer_id = v.id), '[]'::json)`.as(
          'teams',
        ),
      ])
      .orderBy('v.registeredAt', 'desc')
      .orderBy('v.id')
      .limit(filters.limit ?? 20)
      .offset(filters.offset ?? 0)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      volunteerNo: r.volunteerNo,
      name: r.name,
      gender: r.gender as 'male' | 'female',
      idNumber: maskResidentId(this.cipher.decrypt(r.idNumberSealed)),
      phone: maskPhone(this.cipher.decrypt(r.phoneSealed)),
      skills: r.skills as Skill[],
      availability: r.availability as Availability[],
      divisionCode: r.divisionCode,
      divisionName: r.divisionName,
      state: r.state as 'active' | 'suspended',
      registeredAt: r.registeredAt.toISOString(),
      teams: typeof r.teams === 'string' ? JSON.parse(r.teams) : r.teams,
      confirmedMinutes: Number(r.minutes),
      services: Number(r.services),
      stars: starLevel(Number(r.minutes), this.starHours),
      pointsAccountId: r.pointsAccountId,
      pointsBalance: Number(r.balance ?? 0),
      version: r.version,
    }));
  }

  /** A volunteer's service records, reversals included (both are kept). */
  async services(caller: Caller, volunteerId: string, page: { limit?: number; offset?: number }) {
    await this.get(caller, volunteerId);
    const limit = page.limit ?? 20;
    const offset = page.offset ?? 0;
    const base = this.db.selectFrom('volunteerService as s').where('s.volunteerId', '=', volunteerId);
    const total = await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const rows = await this.#serviceRecords(base)
      .orderBy('s.confirmedAt', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    return { items: rows.map(serviceOf), total: Number(total.n), limit, offset };
  }

  #serviceRecords<T extends ReturnType<typeof servicesVisibleTo>>(q: T) {
    return q
      .innerJoin('volunteer as v', 'v.id', 's.volunteerId')
      .innerJoin('volunteerActivity as a', 'a.id', 's.activityId')
      .select([
        's.id',
        's.kind',
        's.volunteerId',
        'v.name as volunteerName',
        's.activityId',
        'a.title as activityTitle',
        's.signupId',
        's.divisionCode',
        's.minutes',
        's.points',
        's.reversesId',
        sql<string | null>`(select r.id from volunteer_service r where r.reverses_id = s.id)`.as(
          'reversedBy',
        ),
        's.reason',
        sql<string>`to_char(s.served_on, 'YYYY-MM-DD')`.as('servedOn'),
        's.confirmedByName',
        's.confirmedAt',
      ]);
  }

  // ------------------------------------------------------------ certificate

  /** Issues an hours certificate: the totals now, under a new unguessable code; returns what the PDF shows. */
  async issueCertificate(caller: Caller, volunteerId: string) {
    const volunteer = await this.get(caller, volunteerId);
    if (volunteer.confirmedMinutes <= 0) throw new AppError('certificate.noHours');
    const issuer = '绿园区志愿服务记录（邻里平台）';
    const code = certificateCode();
    const issuedAt = new Date();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('volunteerCertificate')
        .values({
          code,
          volunteerId,
          nameMasked: maskName(volunteer.name),
          volunteerNo: volunteer.volunteerNo,
          minutes: volunteer.confirmedMinutes,
          services: volunteer.services,
          issuer,
          issuedAt,
          issuedBy: caller.actor.id,
        })
        .execute();
      await appendAudit(trx, caller.actor, {
        action: 'volunteer.certificate',
        entityType: 'volunteer',
        entityId: volunteerId,
        divisionCode: volunteer.divisionCode,
        after: { minutes: volunteer.confirmedMinutes, services: volunteer.services },
      });
    });
    return { volunteer, code, issuer, issuedAt };
  }

  /** Whether a certificate code is genuine, and what it certified (name masked). No sign-in needed. */
  async verifyCertificate(code: string): Promise<CertificateVerification> {
    const normalized = code
      .trim()
      .toUpperCase()
      .replace(/[^0-9A-Z]/g, '');
    const grouped = normalized.match(/.{1,4}/g)?.join('-') ?? '';
    const row = await this.db
      .selectFrom('volunteerCertificate')
      .selectAll()
      .where('code', '=', grouped)
      .executeTakeFirst();
    if (!row) return { valid: false, certificate: null };
    return {
      valid: true,
      certificate: {
        nameMasked: row.nameMasked,
        volunteerNo: row.volunteerNo,
        minutes: row.minutes,
        services: row.services,
        issuer: row.issuer,
        issuedAt: row.issuedAt.toISOString(),
      },
    };
  }

  // ------------------------------------------------------------ programs and teams

  async programs(): Promise<Program[]> {
    const rows = await this.db
      .selectFrom('volunteerProgram as p')
      .select([
        'p.id',
        'p.alliance',
        'p.name',
        'p.description',
        sql<number>`(select count(*)::int from volunteer_team t where t.program_id = p.id)`.as('teams'),
        sql<number>`(select count(*)::int from volunteer_activity a where a.program_id = p.id)`.as(
          'activities',
        ),
      ])
      .orderBy('p.id')
      .execute();
    return rows.map((r) => ({ ...r, teams: Number(r.teams), activities: Number(r.activities) }));
  }

  async teams(caller: Caller, filters: TeamFilters): Promise<PageOf<Team>> {
    let q = teamsVisibleTo(this.db, caller);
    if (filters.q) q = q.where('t.name', 'like', `%${escapeLike(filters.q.trim())}%`);
    if (filters.divisionCode) q = q.where('t.divisionCode', 'like', `${escapeLike(filters.divisionCode)}%`);
    if (filters.programId) q = q.where('t.programId', '=', filters.programId);
    const limit = filters.limit ?? 20;
    const offset = filters.offset ?? 0;
    const total = await q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const rows = await q
      .innerJoin('division as d', 'd.code', 't.divisionCode')
      .leftJoin('volunteerProgram as p', 'p.id', 't.programId')
      .select([
        't.id',
        't.name',
        't.programId',
        'p.name as programName',
        't.organizationId',
        't.divisionCode',
        'd.name as divisionName',
        't.leaderName',
        sql<number>`(select count(*)::int from volunteer_team_member m where m.team_id = t.id)`.as('members'),
      ])
      .orderBy('t.divisionCode')
      .orderBy('t.name')
      .limit(limit)
      .offset(offset)
      .execute();
    return {
      items: rows.map((r) => ({ ...r, members: Number(r.members) })),
      total: Number(total.n),
      limit,
      offset,
    };
  }

  async createTeam(caller: Caller, input: CreateTeamInput): Promise<Team> {
    if (!codeInScope(input.divisionCode, caller.scope))
      throw new AppError('volunteer.invalidDivision', { code: input.divisionCode });
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      if (input.programId) await this.#program(trx, input.programId);
      try {
        await trx
          .insertInto('volunteerTeam')
          .values({
            id,
            name: input.name.trim(),
            programId: input.programId ?? null,
            organizationId: input.organizationId ?? null,
            divisionCode: input.divisionCode,
            leaderName: input.leaderName ?? null,
          })
          .execute();
      } catch (error) {
        if (isUniqueViolation(error))
          throw new AppError('volunteer.invalidPublisher', { reason: input.name });
        throw error;
      }
      await appendAudit(trx, caller.actor, {
        action: 'volunteer.team.create',
        entityType: 'volunteer_team',
        entityId: id,
        divisionCode: input.divisionCode,
        after: { name: input.name, programId: input.programId ?? null },
      });
    });
    const page = await this.teams(caller, {
      q: input.name.trim(),
      divisionCode: input.divisionCode,
      limit: 100,
    });
    return page.items.find((t) => t.id === id)!;
  }

  /** The caller (a volunteer) joins a team. */
  async joinTeam(caller: Caller, teamId: string): Promise<Volunteer> {
    const me = await this.#myVolunteer(this.db, caller);
    const team = await this.db
      .selectFrom('volunteerTeam')
      .select('id')
      .where('id', '=', teamId)
      .executeTakeFirst();
    if (!team) throw new AppError('volunteer.teamNotFound');
    await this.db
      .insertInto('volunteerTeamMember')
      .values({ teamId, volunteerId: me.id })
      .onConflict((oc) => oc.doNothing())
      .execute();
    return this.get(caller, me.id);
  }

  async #program(db: Db, id: string) {
    const p = await db
      .selectFrom('volunteerProgram')
      .select(['id', 'name'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!p) throw new AppError('volunteer.programNotFound');
    return p;
  }

  async #myVolunteer(db: Db, caller: Caller, lock = false) {
    let q = db
      .selectFrom('volunteer')
      .select(['id', 'name', 'state', 'divisionCode'])
      .where('accountId', '=', caller.actor.id);
    if (lock) q = q.forUpdate();
    const v = await q.executeTakeFirst();
    if (!v) throw new AppError('volunteer.notRegistered');
    return v;
  }

  // ------------------------------------------------------------ activities

  async createActivity(caller: Caller, input: CreateActivityInput): Promise<Activity> {
    const startsAt = new Date(input.startsAt);
    const endsAt = new Date(input.endsAt);
    if (!(endsAt > startsAt)) throw new AppError('activity.invalidTimes');
    const division = await this.db
      .selectFrom('division')
      .select(['code', 'name'])
      .where('code', '=', input.divisionCode)
      .executeTakeFirst();
    if (!division || !codeInScope(input.divisionCode, caller.scope))
      throw new AppError('volunteer.invalidDivision', { code: input.divisionCode });
    const publisher = await this.#publisher(caller, input, division.name);
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      if (input.programId) await this.#program(trx, input.programId);
      await trx
        .insertInto('volunteerActivity')
        .values({
          id,
          title: input.title.trim(),
          description: input.description ?? null,
          programId: input.programId ?? null,
          category: input.category,
          publisherKind: input.publisherKind,
          publisherName: publisher.name,
          teamId: publisher.teamId,
          organizationId: publisher.organizationId,
          divisionCode: input.divisionCode,
          address: input.address.trim(),
          startsAt,
          endsAt,
          slots: input.slots,
          requirements: input.requirements ?? null,
          cancelBeforeMinutes: input.cancelBeforeMinutes ?? 120,
          createdBy: caller.actor.id,
          createdByName: caller.actor.name,
        })
        .execute();
      await appendAudit(trx, caller.actor, {
        action: 'volunteer.activity.create',
        entityType: 'volunteer_activity',
        entityId: id,
        divisionCode: input.divisionCode,
        after: { title: input.title, startsAt: input.startsAt, endsAt: input.endsAt, slots: input.slots },
      });
    });
    return this.activity(caller, id);
  }

  async #publisher(
    caller: Caller,
    input: CreateActivityInput,
    divisionName: string,
  ): Promise<{ name: string; teamId: string | null; organizationId: string | null }> {
    const kind: PublisherKind = input.publisherKind;
    if (kind === 'team') {
      if (!input.teamId) throw new AppError('volunteer.invalidPublisher', { reason: '请选择志愿服务队' });
      const team = await teamsVisibleTo(this.db, caller)
        .select(['t.id', 't.name', 't.organizationId'])
        .where('t.id', '=', input.teamId)
        .executeTakeFirst();
      if (!team) throw new AppError('volunteer.teamNotFound');
      return { name: team.name, teamId: team.id, organizationId: team.organizationId };
    }
    if (kind === 'organization') {
      const ids = caller.organizationIds ?? [];
      if (ids.length === 0)
        throw new AppError('volunteer.invalidPublisher', { reason: '只有社会组织账号可以以组织名义发布' });
      const org = await this.db
        .selectFrom('organization')
        .select(['id', 'name'])
        .where('id', '=', ids[0]!)
        .executeTakeFirst();
      if (!org) throw new AppError('volunteer.invalidPublisher', { reason: '找不到本组织' });
      return { name: org.name, teamId: null, organizationId: org.id };
    }
    if (isOrganizationOnly(caller))
      throw new AppError('volunteer.invalidPublisher', {
        reason: '社会组织只能以本组织或其志愿服务队名义发布',
      });
    if (kind === 'studio') {
      const name = input.publisherName?.trim();
      if (!name) throw new AppError('volunteer.invalidPublisher', { reason: '请填写工作室名称' });
      return { name, teamId: null, organizationId: null };
    }
    return { name: divisionName, teamId: null, organizationId: null };
  }

  async activities(caller: Caller, filters: ActivityFilters): Promise<PageOf<Activity>> {
    let q =
      filters.mine === 'organized'
        ? activitiesManagedBy(this.db, caller)
        : activitiesReadableBy(this.db, caller);
    if (filters.mine === 'signed_up') {
      const me = await this.db
        .selectFrom('volunteer')
        .select('id')
        .where('accountId', '=', caller.actor.id)
        .executeTakeFirst();
      q = q.where('a.id', 'in', (eb) =>
        eb
          .selectFrom('volunteerSignup')
          .select('activityId')
          .where('volunteerId', '=', me?.id ?? '')
          .where('state', '<>', 'cancelled'),
      );
    }
    if (filters.q) q = q.where('a.title', 'like', `%${escapeLike(filters.q.trim())}%`);
    if (filters.divisionCode) q = q.where('a.divisionCode', 'like', `${escapeLike(filters.divisionCode)}%`);
    if (filters.programId) q = q.where('a.programId', '=', filters.programId);
    if (filters.category) q = q.where('a.category', '=', filters.category);
    const when = filters.when ?? 'upcoming';
    if (when === 'upcoming') q = q.where('a.endsAt', '>', new Date());
    if (when === 'past') q = q.where('a.endsAt', '<=', new Date());
    const limit = filters.limit ?? 20;
    const offset = filters.offset ?? 0;
    const total = await q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    let ordered = this.#activityRows(q);
    // Near me: the caller's own community first, then the rest of the street (or wider filter).
    if (filters.near)
      ordered = ordered.orderBy(
        sql`(a.division_code like ${`${escapeLike(filters.near.slice(0, 12))}%`})`,
        'desc',
      );
    const rows = await ordered
      .orderBy('a.startsAt', when === 'past' ? 'desc' : 'asc')
      .orderBy('a.id')
      .limit(limit)
      .offset(offset)
      .execute();
    return { items: await this.#activitiesOf(caller, rows), total: Number(total.n), limit, offset };
  }

  async activity(caller: Caller, id: string): Promise<Activity> {
    const row = await this.#activityRows(
      activitiesReadableBy(this.db, caller).where('a.id', '=', id),
    ).executeTakeFirst();
    if (!row) throw new AppError('activity.notFound');
    return (await this.#activitiesOf(caller, [row]))[0]!;
  }

  #activityRows(q: ReturnType<typeof activitiesReadableBy>) {
    return q
      .innerJoin('division as d', 'd.code', 'a.divisionCode')
      .leftJoin('volunteerProgram as p', 'p.id', 'a.programId')
      .select([
        'a.id',
        'a.title',
        'a.description',
        'a.programId',
        'p.name as programName',
        'a.category',
        'a.publisherKind',
        'a.publisherName',
        'a.teamId',
        'a.organizationId',
        'a.divisionCode',
        'd.name as divisionName',
        'a.address',
        'a.startsAt',
        'a.endsAt',
        'a.slots',
        sql<number>`(select count(*)::int from volunteer_signup s where s.activity_id = a.id and s.state = 'signed_up')`.as(
          'signedUp',
        ),
        sql<number>`(select count(*)::int from volunteer_signup s where s.activity_id = a.id and s.state = 'waiting')`.as(
          'waiting',
        ),
        'a.requirements',
        'a.cancelBeforeMinutes',
        'a.state',
        'a.version',
      ]);
  }

  async #activitiesOf(caller: Caller, rows: ActivityRow[]): Promise<Activity[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const managed = new Set(
      caller.permissions.includes('activity:write')
        ? (await activitiesManagedBy(this.db, caller).select('a.id').where('a.id', 'in', ids).execute()).map(
            (r) => r.id,
          )
        : [],
    );
    const me = await this.db
      .selectFrom('volunteer')
      .select('id')
      .where('accountId', '=', caller.actor.id)
      .executeTakeFirst();
    const mine = me
      ? await this.db
          .selectFrom('volunteerSignup as s')
          .select([
            's.id',
            's.activityId',
            's.state',
            's.seq',
            's.checkedInAt',
            's.checkedOutAt',
            sql<
              number | null
            >`(select sum(minutes)::int from volunteer_service v where v.signup_id = s.id)`.as('minutes'),
            sql<number>`(select count(*)::int from volunteer_signup w where w.activity_id = s.activity_id
              and w.state = 'waiting' and w.seq <= s.seq)`.as('position'),
          ])
          .where('s.volunteerId', '=', me.id)
          .where('s.activityId', 'in', ids)
          .execute()
      : [];
    const now = new Date();
    const step = checkInStep(now);
    const stepEnds = new Date((step + 1) * CHECK_IN_CODE_STEP_SECONDS * 1000).toISOString();
    return rows.map((r) => {
      const s = mine.find((m) => m.activityId === r.id);
      const showCode = managed.has(r.id) && r.state === 'published';
      return {
        id: r.id,
        title: r.title,
        description: r.description,
        programId: r.programId,
        programName: r.programName,
        category: r.category as ActivityCategory,
        publisherKind: r.publisherKind as PublisherKind,
        publisherName: r.publisherName,
        teamId: r.teamId,
        organizationId: r.organizationId,
        divisionCode: r.divisionCode,
        divisionName: r.divisionName,
        address: r.address,
        startsAt: r.startsAt.toISOString(),
        endsAt: r.endsAt.toISOString(),
        slots: r.slots,
        signedUp: Number(r.signedUp),
        waiting: Number(r.waiting),
        requirements: r.requirements,
        cancelBeforeMinutes: r.cancelBeforeMinutes,
        state: r.state as 'published' | 'cancelled',
        version: r.version,
        checkInCode: showCode ? checkInCodeAt(this.cipher, r.id, step) : null,
        checkInCodeChangesAt: showCode ? stepEnds : null,
        mySignup: s
          ? {
              id: s.id,
              state: s.state as SignupState,
              waitingPosition: s.state === 'waiting' ? Number(s.position) : null,
              checkedInAt: s.checkedInAt?.toISOString() ?? null,
              checkedOutAt: s.checkedOutAt?.toISOString() ?? null,
              confirmedMinutes: s.minutes === null ? null : Number(s.minutes),
            }
          : null,
        abilities: {
          manage: managed.has(r.id),
          signUp:
            caller.permissions.includes('volunteer:register') &&
            r.state === 'published' &&
            r.endsAt > now &&
            (!s || s.state === 'cancelled'),
        },
      };
    });
  }

  /** The organizer cancels an activity (at the version they saw); its volunteers see it cancelled. */
  async cancelActivity(caller: Caller, id: string, version: number, reason: string): Promise<Activity> {
    await this.db.transaction().execute(async (trx) => {
      const activity = await this.#lockActivity(trx, caller, id, 'manage');
      if (activity.state === 'cancelled') throw new AppError('activity.cancelled');
      if (activity.version !== version) throw new AppError('conflict.version');
      const confirmed = await trx
        .selectFrom('volunteerService')
        .select('id')
        .where('activityId', '=', id)
        .limit(1)
        .executeTakeFirst();
      if (confirmed) throw new AppError('activity.alreadyConfirmed');
      await trx
        .updateTable('volunteerActivity')
        .set({ state: 'cancelled', version: sql`version + 1` })
        .where('id', '=', id)
        .execute();
      await appendAudit(trx, caller.actor, {
        action: 'volunteer.activity.cancel',
        entityType: 'volunteer_activity',
        entityId: id,
        divisionCode: activity.divisionCode,
        before: { state: activity.state },
        after: { state: 'cancelled', reason: reason.trim() },
      });
      await this.#tellVolunteers(trx, activity, {
        'zh-CN': `活动“${activity.title}”已取消：${reason.trim()}`,
        'en-US': `The activity “${activity.title}” was cancelled: ${reason.trim()}`,
      });
    });
    return this.activity(caller, id);
  }

  /**
   * The organizer edits an activity before it starts, at the version they saw. Places may not drop
   * below the volunteers already signed up: they were promised a place, and moving the latest of
   * them to the waiting list would break that promise without a word; the organizer talks to them
   * and they cancel, or the places stay. Everyone signed up or waiting is told what changed.
   */
  async updateActivity(caller: Caller, id: string, input: UpdateActivityInput): Promise<Activity> {
    await this.db.transaction().execute(async (trx) => {
      const activity = await this.#lockActivity(trx, caller, id, 'manage');
      if (activity.state === 'cancelled') throw new AppError('activity.cancelled');
      if (activity.version !== input.version) throw new AppError('conflict.version');
      if (activity.startsAt <= new Date()) throw new AppError('activity.started');
      const current = await trx
        .selectFrom('volunteerActivity')
        .select(['title', 'address', 'startsAt', 'endsAt', 'slots', 'requirements', 'description'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const next = {
        title: input.title?.trim() ?? current.title,
        address: input.address?.trim() ?? current.address,
        startsAt: input.startsAt ? new Date(input.startsAt) : current.startsAt,
        endsAt: input.endsAt ? new Date(input.endsAt) : current.endsAt,
        slots: input.slots ?? current.slots,
        requirements: input.requirements === undefined ? current.requirements : input.requirements,
        description: input.description === undefined ? current.description : input.description,
      };
      if (!(next.endsAt > next.startsAt)) throw new AppError('activity.invalidTimes');
      const signedUp = await this.#signedUpCount(trx, id);
      if (next.slots < signedUp) throw new AppError('activity.slotsBelowSignups', { signedUp });
      const changed = (Object.keys(next) as Array<keyof typeof next>).filter(
        (k) => String(next[k]) !== String(current[k]),
      );
      if (changed.length === 0) return;
      await trx
        .updateTable('volunteerActivity')
        .set({ ...next, version: sql`version + 1` })
        .where('id', '=', id)
        .execute();
      // More places: the waiting list moves up at once.
      if (next.slots > current.slots) {
        let promoted = await this.#promoteWaiting(trx, id, next.slots);
        while (promoted) promoted = await this.#promoteWaiting(trx, id, next.slots);
      }
      const pick = (o: typeof next) =>
        Object.fromEntries(changed.map((k) => [k, o[k] instanceof Date ? o[k].toISOString() : o[k]]));
      await appendAudit(trx, caller.actor, {
        action: 'volunteer.activity.update',
        entityType: 'volunteer_activity',
        entityId: id,
        divisionCode: activity.divisionCode,
        before: pick(current),
        after: pick(next),
      });
      const time = (d: Date) =>
        d.toLocaleString('zh-CN', {
          timeZone: 'Asia/Shanghai',
          hour12: false,
          dateStyle: 'short',
          timeStyle: 'short',
        });
      const zh: Record<string, string> = {
        title: `名称改为“${next.title}”`,
        address: `地点改为${next.address}`,
        startsAt: `时间改为 ${time(next.startsAt)}–${time(next.endsAt)}`,
        endsAt: `时间改为 ${time(next.startsAt)}–${time(next.endsAt)}`,
        slots: `名额改为 ${next.slots} 人`,
        requirements: '要求有变',
        description: '说明有变',
      };
      const en: Record<string, string> = {
        title: `title is now “${next.title}”`,
        address: `place is now ${next.address}`,
        startsAt: `time is now ${next.startsAt.toISOString()}–${next.endsAt.toISOString()}`,
        endsAt: `time is now ${next.startsAt.toISOString()}–${next.endsAt.toISOString()}`,
        slots: `places: ${next.slots}`,
        requirements: 'requirements changed',
        description: 'description changed',
      };
      await this.#tellVolunteers(
        trx,
        activity,
        {
          'zh-CN': `您报名的活动“${current.title}”有变更`,
          'en-US': `The activity “${current.title}” you signed up for has changed`,
        },
        {
          'zh-CN': [...new Set(changed.map((k) => zh[k]))].join('；'),
          'en-US': [...new Set(changed.map((k) => en[k]))].join('; '),
        },
      );
    });
    return this.activity(caller, id);
  }

  /** Notifies the accounts of everyone signed up or waiting for an activity. */
  async #tellVolunteers(
    trx: Transaction<DB>,
    activity: { id: string; divisionCode: string },
    title: { 'zh-CN': string; 'en-US': string },
    body: { 'zh-CN': string; 'en-US': string } | null = null,
  ): Promise<void> {
    const accounts = await trx
      .selectFrom('volunteerSignup as s')
      .innerJoin('volunteer as v', 'v.id', 's.volunteerId')
      .select('v.accountId')
      .where('s.activityId', '=', activity.id)
      .where('s.state', 'in', ['signed_up', 'waiting'])
      .where('v.accountId', 'is not', null)
      .execute();
    if (accounts.length === 0) return;
    await notify(
      trx,
      { accountIds: accounts.map((a) => a.accountId!) },
      {
        kind: 'volunteer.activity.changed',
        title,
        body,
        link: '/volunteer',
        entityType: 'volunteer_activity',
        entityId: activity.id,
        divisionCode: activity.divisionCode,
      },
    );
  }

  // ------------------------------------------------------------ sign-up, cancellation, attendance

  /** Signs the caller up; when the slots are full they join the waiting list. */
  async signUp(caller: Caller, activityId: string): Promise<Activity> {
    await this.db.transaction().execute(async (trx) => {
      const activity = await this.#lockActivity(trx, caller, activityId, 'read');
      if (activity.state === 'cancelled') throw new AppError('activity.cancelled');
      if (activity.endsAt <= new Date()) throw new AppError('activity.ended');
      const me = await this.#myVolunteer(trx, caller);
      if (me.state !== 'active') throw new AppError('volunteer.inactive');
      const taken = await this.#signedUpCount(trx, activityId);
      const state: SignupState = taken < activity.slots ? 'signed_up' : 'waiting';
      const existing = await trx
        .selectFrom('volunteerSignup')
        .select(['id', 'state'])
        .where('activityId', '=', activityId)
        .where('volunteerId', '=', me.id)
        .executeTakeFirst();
      if (existing && existing.state !== 'cancelled') throw new AppError('activity.alreadySignedUp');
      if (existing) {
        // Signing up again after cancelling goes to the back of the queue.
        await trx
          .updateTable('volunteerSignup')
          .set({
            state,
            seq: sql`default`,
            signedUpAt: new Date(),
            cancelledAt: null,
            version: sql`version + 1`,
          })
          .where('id', '=', existing.id)
          .execute();
      } else {
        await trx
          .insertInto('volunteerSignup')
          .values({
            id: randomUUID(),
            activityId,
            volunteerId: me.id,
            divisionCode: activity.divisionCode,
            state,
          })
          .execute();
      }
      await appendAudit(trx, caller.actor, {
        action: 'volunteer.signup',
        entityType: 'volunteer_activity',
        entityId: activityId,
        divisionCode: activity.divisionCode,
        after: { volunteerId: me.id, state },
      });
    });
    return this.activity(caller, activityId);
  }

  /** Cancels the caller's sign-up (until the activity's cut-off); a freed slot goes to the first waiting. */
  async cancelSignUp(caller: Caller, activityId: string): Promise<Activity> {
    await this.db.transaction().execute(async (trx) => {
      const activity = await this.#lockActivity(trx, caller, activityId, 'read');
      const me = await this.#myVolunteer(trx, caller);
      const signup = await trx
        .selectFrom('volunteerSignup')
        .select(['id', 'state', 'checkedInAt'])
        .where('activityId', '=', activityId)
        .where('volunteerId', '=', me.id)
        .executeTakeFirst();
      if (!signup || signup.state === 'cancelled') throw new AppError('activity.notSignedUp');
      const cutoff = activity.startsAt.getTime() - activity.cancelBeforeMinutes * 60_000;
      if (signup.state === 'signed_up' && (Date.now() > cutoff || signup.checkedInAt))
        throw new AppError('activity.cancelTooLate', { minutes: activity.cancelBeforeMinutes });
      await trx
        .updateTable('volunteerSignup')
        .set({ state: 'cancelled', cancelledAt: new Date(), version: sql`version + 1` })
        .where('id', '=', signup.id)
        .execute();
      const promoted =
        signup.state === 'signed_up' ? await this.#promoteWaiting(trx, activityId, activity.slots) : null;
      await appendAudit(trx, caller.actor, {
        action: 'volunteer.signup.cancel',
        entityType: 'volunteer_activity',
        entityId: activityId,
        divisionCode: activity.divisionCode,
        after: { volunteerId: me.id, promotedSignupId: promoted },
      });
    });
    return this.activity(caller, activityId);
  }

  async #promoteWaiting(trx: Transaction<DB>, activityId: string, slots: number): Promise<string | null> {
    if ((await this.#signedUpCount(trx, activityId)) >= slots) return null;
    const first = await trx
      .selectFrom('volunteerSignup')
      .select('id')
      .where('activityId', '=', activityId)
      .where('state', '=', 'waiting')
      .orderBy('seq')
      .limit(1)
      .executeTakeFirst();
    if (!first) return null;
    await trx
      .updateTable('volunteerSignup')
      .set({ state: 'signed_up', version: sql`version + 1` })
      .where('id', '=', first.id)
      .execute();
    return first.id;
  }

  async #signedUpCount(db: Db, activityId: string): Promise<number> {
    const row = await db
      .selectFrom('volunteerSignup')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('activityId', '=', activityId)
      .where('state', '=', 'signed_up')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * The activity row under a lock, so sign-ups, cancellations and confirmations of one activity
   * take turns (the slot count and the waiting list stay right). `read`: any caller who may browse
   * it; `manage`: its organizers only (others get 404).
   */
  async #lockActivity(trx: Transaction<DB>, caller: Caller, id: string, mode: 'read' | 'manage') {
    const q = mode === 'manage' ? activitiesManagedBy(trx, caller) : activitiesReadableBy(trx, caller);
    const row = await q
      .select([
        'a.id',
        'a.title',
        'a.state',
        'a.slots',
        'a.startsAt',
        'a.endsAt',
        'a.cancelBeforeMinutes',
        'a.divisionCode',
        'a.programId',
        'a.category',
        'a.version',
      ])
      .where('a.id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new AppError('activity.notFound');
    return row;
  }

  /** The volunteer checks in or out with the code the organizer shows (typed or scanned). */
  async attend(
    caller: Caller,
    activityId: string,
    action: 'check_in' | 'check_out',
    code: string,
  ): Promise<Activity> {
    await this.db.transaction().execute(async (trx) => {
      const activity = await this.#lockActivity(trx, caller, activityId, 'read');
      if (activity.state === 'cancelled') throw new AppError('activity.cancelled');
      this.#checkCode(activityId, code.trim());
      const me = await this.#myVolunteer(trx, caller);
      const signup = await trx
        .selectFrom('volunteerSignup')
        .select(['id', 'state', 'checkedInAt', 'checkedOutAt'])
        .where('activityId', '=', activityId)
        .where('volunteerId', '=', me.id)
        .executeTakeFirst();
      if (signup?.state !== 'signed_up') throw new AppError('activity.notSignedUp');
      await this.#recordAttendance(trx, caller, activity, signup, action, new Date(), true);
    });
    return this.activity(caller, activityId);
  }

  /** The current or the previous step's code passes; an older one is "expired", anything else "wrong". */
  #checkCode(activityId: string, code: string): void {
    const step = checkInStep(new Date());
    if (code === checkInCodeAt(this.cipher, activityId, step)) return;
    if (code === checkInCodeAt(this.cipher, activityId, step - 1)) return;
    for (let back = 2; back <= EXPIRED_CODE_STEPS; back += 1)
      if (code === checkInCodeAt(this.cipher, activityId, step - back))
        throw new AppError('activity.codeExpired');
    throw new AppError('activity.wrongCode');
  }

  async #recordAttendance(
    trx: Transaction<DB>,
    caller: Caller,
    activity: { id: string; startsAt: Date; endsAt: Date; divisionCode: string },
    signup: { id: string; checkedInAt: Date | null; checkedOutAt: Date | null },
    action: 'check_in' | 'check_out',
    at: Date,
    self: boolean,
  ): Promise<void> {
    if (self) {
      const opens = activity.startsAt.getTime() - CHECK_IN_OPENS_MINUTES * 60_000;
      const closes =
        activity.endsAt.getTime() + (action === 'check_out' ? CHECK_OUT_GRACE_MINUTES * 60_000 : 0);
      if (at.getTime() < opens || at.getTime() > closes) throw new AppError('activity.checkInWindow');
    }
    if (action === 'check_in') {
      if (signup.checkedInAt) return;
      await trx
        .updateTable('volunteerSignup')
        .set({ checkedInAt: at, attendanceBy: caller.actor.id, version: sql`version + 1` })
        .where('id', '=', signup.id)
        .execute();
    } else {
      if (!signup.checkedInAt) throw new AppError('activity.notCheckedIn');
      if (signup.checkedOutAt) throw new AppError('activity.alreadyCheckedOut');
      await trx
        .updateTable('volunteerSignup')
        .set({
          checkedOutAt: at < signup.checkedInAt ? signup.checkedInAt : at,
          attendanceBy: caller.actor.id,
          version: sql`version + 1`,
        })
        .where('id', '=', signup.id)
        .execute();
    }
    await appendAudit(trx, caller.actor, {
      action: `volunteer.${action === 'check_in' ? 'checkIn' : 'checkOut'}`,
      entityType: 'volunteer_signup',
      entityId: signup.id,
      divisionCode: activity.divisionCode,
      after: { at: at.toISOString(), byOrganizer: !self },
    });
  }

  // ------------------------------------------------------------ organizer: roster, attendance, hours

  async roster(caller: Caller, activityId: string): Promise<Roster> {
    const row = await this.#activityRows(
      activitiesManagedBy(this.db, caller).where('a.id', '=', activityId),
    ).executeTakeFirst();
    if (!row) throw new AppError('activity.notFound');
    const activity = (await this.#activitiesOf(caller, [row]))[0]!;
    const rows = await this.db
      .selectFrom('volunteerSignup as s')
      .innerJoin('volunteer as v', 'v.id', 's.volunteerId')
      .select([
        's.id',
        's.volunteerId',
        'v.name as volunteerName',
        'v.phoneSealed',
        's.state',
        's.seq',
        's.signedUpAt',
        's.checkedInAt',
        's.checkedOutAt',
        's.version',
      ])
      .where('s.activityId', '=', activityId)
      .orderBy(sql`case s.state when 'signed_up' then 0 when 'waiting' then 1 else 2 end`)
      .orderBy('s.seq')
      .execute();
    const services = await this.db
      .selectFrom('volunteerService as x')
      .select(['x.id', 'x.signupId', 'x.minutes', 'x.points', 'x.confirmedAt'])
      .where('x.activityId', '=', activityId)
      .where('x.kind', '=', 'service')
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('volunteerService as r').select('r.id').whereRef('r.reversesId', '=', 'x.id'))),
      )
      .execute();
    const startsAt = new Date(activity.startsAt);
    const endsAt = new Date(activity.endsAt);
    const entries: RosterEntry[] = rows.map((r) => {
      const service = services.find((s) => s.signupId === r.id);
      return {
        id: r.id,
        volunteerId: r.volunteerId,
        volunteerName: r.volunteerName,
        phone: maskPhone(this.cipher.decrypt(r.phoneSealed)),
        state: r.state as SignupState,
        seq: Number(r.seq),
        signedUpAt: r.signedUpAt.toISOString(),
        checkedInAt: r.checkedInAt?.toISOString() ?? null,
        checkedOutAt: r.checkedOutAt?.toISOString() ?? null,
        proposedMinutes: proposedMinutes(r.checkedInAt, r.checkedOutAt, startsAt, endsAt),
        service: service
          ? {
              id: service.id,
              minutes: service.minutes,
              points: Number(service.points),
              confirmedAt: service.confirmedAt.toISOString(),
            }
          : null,
        version: r.version,
      };
    });
    return { activity, entries };
  }

  /** The organizer checks a volunteer in or out (no phone, no code). */
  async recordAttendance(
    caller: Caller,
    activityId: string,
    signupId: string,
    action: 'check_in' | 'check_out',
    at?: string,
  ): Promise<Roster> {
    await this.db.transaction().execute(async (trx) => {
      const activity = await this.#lockActivity(trx, caller, activityId, 'manage');
      const signup = await trx
        .selectFrom('volunteerSignup')
        .select(['id', 'state', 'checkedInAt', 'checkedOutAt'])
        .where('id', '=', signupId)
        .where('activityId', '=', activityId)
        .executeTakeFirst();
      if (signup?.state !== 'signed_up') throw new AppError('activity.notSignedUp');
      await this.#recordAttendance(
        trx,
        caller,
        activity,
        signup,
        action,
        at ? new Date(at) : new Date(),
        false,
      );
    });
    return this.roster(caller, activityId);
  }

  /**
   * Confirms a volunteer's hours for an activity (default: the checked-in time, editable until now)
   * and posts the points in the same transaction. Once confirmed the record cannot change.
   */
  async confirm(caller: Caller, activityId: string, signupId: string, minutes?: number): Promise<Roster> {
    await this.db.transaction().execute(async (trx) => {
      const activity = await this.#lockActivity(trx, caller, activityId, 'manage');
      const signup = await trx
        .selectFrom('volunteerSignup')
        .select(['id', 'volunteerId', 'state', 'checkedInAt', 'checkedOutAt'])
        .where('id', '=', signupId)
        .where('activityId', '=', activityId)
        .executeTakeFirst();
      if (signup?.state !== 'signed_up') throw new AppError('activity.notSignedUp');
      const current = await trx
        .selectFrom('volunteerService as x')
        .select('x.id')
        .where('x.signupId', '=', signupId)
        .where('x.kind', '=', 'service')
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(selectFrom('volunteerService as r').select('r.id').whereRef('r.reversesId', '=', 'x.id')),
          ),
        )
        .executeTakeFirst();
      if (current) throw new AppError('activity.alreadyConfirmed');
      const value =
        minutes ??
        proposedMinutes(signup.checkedInAt, signup.checkedOutAt, activity.startsAt, activity.endsAt);
      if (!value || value < 1 || value > 1440) throw new AppError('activity.invalidMinutes');
      await this.#postService(trx, caller, activity, signup.id, signup.volunteerId, value, null, null);
    });
    return this.roster(caller, activityId);
  }

  async #postService(
    trx: Transaction<DB>,
    caller: Caller,
    activity: {
      id: string;
      title: string;
      divisionCode: string;
      programId: string | null;
      category: string;
      startsAt: Date;
    },
    signupId: string,
    volunteerId: string,
    minutes: number,
    reverses: { id: string; points: number } | null,
    reason: string | null,
  ): Promise<string> {
    const id = randomUUID();
    const points = reverses
      ? -reverses.points
      : pointsForMinutes(minutes, await this.ledger.rateFor(trx, activity.programId, activity.category));
    await trx
      .insertInto('volunteerService')
      .values({
        id,
        kind: reverses ? 'reversal' : 'service',
        volunteerId,
        activityId: activity.id,
        signupId,
        divisionCode: activity.divisionCode,
        programId: activity.programId,
        category: activity.category,
        minutes,
        points,
        reversesId: reverses?.id ?? null,
        reason,
        servedOn: beijingDay(activity.startsAt),
        confirmedBy: caller.actor.id,
        confirmedByName: caller.actor.name,
      })
      .execute();
    if (points !== 0) {
      const account = await trx
        .selectFrom('pointsAccount')
        .select('id')
        .where('kind', '=', 'volunteer')
        .where('ownerId', '=', volunteerId)
        .executeTakeFirstOrThrow();
      const district = activity.divisionCode.slice(0, 6);
      const { issuance } = await this.ledger.ensureDistrictAccounts(trx, district);
      await this.ledger.transfer(
        {
          idempotencyKey: `${reverses ? 'reversal' : 'hours'}:${id}`,
          kind: reverses ? 'reversal' : 'hours',
          legs: [
            { accountId: account.id, amount: points },
            { accountId: issuance, amount: -points },
          ],
          memo: `${activity.title}（${minutes > 0 ? '' : '冲销 '}${Math.abs(minutes)} 分钟）`,
          referenceType: 'volunteer_service',
          referenceId: id,
        },
        caller.actor,
        trx,
      );
    }
    await appendAudit(trx, caller.actor, {
      action: reverses ? 'volunteer.service.reverse' : 'volunteer.service.confirm',
      entityType: 'volunteer_service',
      entityId: id,
      divisionCode: activity.divisionCode,
      after: {
        volunteerId,
        activityId: activity.id,
        minutes,
        points,
        reversesId: reverses?.id ?? null,
        reason,
      },
    });
    return id;
  }

  /**
   * Corrects confirmed hours: a reversing record with the reason (and its points reversal), then a
   * new record with the corrected minutes unless they are 0. The original stays as it was.
   */
  async correct(caller: Caller, serviceId: string, reason: string, minutes: number): Promise<Correction> {
    if (!reason.trim()) throw new AppError('service.reasonRequired');
    const ids = await this.db.transaction().execute(async (trx) => {
      const original = await servicesVisibleTo(trx, caller)
        .select(['s.id', 's.kind', 's.activityId', 's.signupId', 's.volunteerId', 's.minutes', 's.points'])
        .where('s.id', '=', serviceId)
        .executeTakeFirst();
      if (original?.kind !== 'service') throw new AppError('service.notFound');
      const activity = await this.#lockActivity(trx, caller, original.activityId, 'manage').catch((e) => {
        throw e instanceof AppError && e.code === 'activity.notFound' ? new AppError('service.notFound') : e;
      });
      const reversed = await trx
        .selectFrom('volunteerService')
        .select('id')
        .where('reversesId', '=', serviceId)
        .executeTakeFirst();
      if (reversed) throw new AppError('service.alreadyReversed');
      const reversal = await this.#postService(
        trx,
        caller,
        activity,
        original.signupId,
        original.volunteerId,
        -original.minutes,
        { id: original.id, points: Number(original.points) },
        reason.trim(),
      );
      const replacement =
        minutes > 0
          ? await this.#postService(
              trx,
              caller,
              activity,
              original.signupId,
              original.volunteerId,
              minutes,
              null,
              reason.trim(),
            )
          : null;
      return { reversal, replacement };
    });
    const records = await this.#serviceRecords(this.db.selectFrom('volunteerService as s'))
      .where('s.id', 'in', [ids.reversal, ...(ids.replacement ? [ids.replacement] : [])])
      .execute();
    const reversal = records.find((r) => r.id === ids.reversal)!;
    const replacement = records.find((r) => r.id === ids.replacement);
    return { reversal: serviceOf(reversal), replacement: replacement ? serviceOf(replacement) : null };
  }

  // ------------------------------------------------------------ statistics and recognition

  async stats(caller: Caller, filters: StatsFilters): Promise<Stats> {
    let q = servicesVisibleTo(this.db, caller);
    if (filters.divisionCode) q = q.where('s.divisionCode', 'like', `${escapeLike(filters.divisionCode)}%`);
    if (filters.year)
      q = q
        .where('s.servedOn', '>=', `${filters.year}-01-01`)
        .where('s.servedOn', '<=', `${filters.year}-12-31`);
    const key =
      filters.group === 'month'
        ? sql<string>`to_char(s.served_on, 'YYYY-MM')`
        : filters.group === 'program'
          ? sql<string>`coalesce(s.program_id, '')`
          : sql<string>`substr(s.division_code, 1, 9)`;
    const grouped = await q
      .select([
        key.as('key'),
        sql<number>`count(*) filter (where s.kind = 'service')::int`.as('services'),
        sql<number>`count(distinct s.volunteer_id)::int`.as('volunteers'),
        sql<number>`coalesce(sum(s.minutes), 0)::int`.as('minutes'),
        sql<number>`coalesce(sum(s.points), 0)::bigint`.as('points'),
      ])
      .groupBy(key)
      .orderBy(key)
      .execute();
    const labels = new Map<string, string>();
    if (filters.group === 'program')
      for (const p of await this.db.selectFrom('volunteerProgram').select(['id', 'name']).execute())
        labels.set(p.id, p.name);
    if (filters.group === 'street') {
      const codes = grouped.map((g) => g.key);
      if (codes.length > 0)
        for (const d of await this.db
          .selectFrom('division')
          .select(['code', 'name'])
          .where('code', 'in', codes)
          .execute())
          labels.set(d.code, d.name);
    }
    const rows: StatRow[] = grouped.map((g) => ({
      key: g.key,
      label: labels.get(g.key) ?? (g.key === '' ? '未归入项目' : g.key),
      services: Number(g.services),
      volunteers: Number(g.volunteers),
      minutes: Number(g.minutes),
      points: Number(g.points),
    }));
    const totals = await q
      .select([
        sql<number>`count(*) filter (where s.kind = 'service')::int`.as('services'),
        sql<number>`coalesce(sum(s.minutes), 0)::int`.as('minutes'),
        sql<number>`coalesce(sum(s.points), 0)::bigint`.as('points'),
      ])
      .executeTakeFirstOrThrow();
    let vq = volunteersVisibleTo(this.db, caller);
    if (filters.divisionCode) vq = vq.where('v.divisionCode', 'like', `${escapeLike(filters.divisionCode)}%`);
    const volunteers = await vq.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    let tq = teamsVisibleTo(this.db, caller);
    if (filters.divisionCode) tq = tq.where('t.divisionCode', 'like', `${escapeLike(filters.divisionCode)}%`);
    const teams = await tq.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    return {
      group: filters.group,
      rows,
      totals: {
        volunteers: Number(volunteers.n),
        teams: Number(teams.n),
        services: Number(totals.services),
        minutes: Number(totals.minutes),
        points: Number(totals.points),
      },
    };
  }

  /** Top volunteers by confirmed hours in a community (division prefix) or a team; names masked. */
  async leaderboard(filters: {
    divisionCode?: string;
    teamId?: string;
    limit?: number;
  }): Promise<Leaderboard> {
    let q = this.db
      .selectFrom('volunteerService as s')
      .innerJoin('volunteer as v', 'v.id', 's.volunteerId')
      .innerJoin('division as d', 'd.code', 'v.divisionCode');
    if (filters.divisionCode) q = q.where('v.divisionCode', 'like', `${escapeLike(filters.divisionCode)}%`);
    if (filters.teamId)
      q = q.where('v.id', 'in', (eb) =>
        eb.selectFrom('volunteerTeamMember').select('volunteerId').where('teamId', '=', filters.teamId!),
      );
    const rows = await q
      .select(['v.id', 'v.name', 'd.name as divisionName', sql<number>`sum(s.minutes)::int`.as('minutes')])
      .groupBy(['v.id', 'v.name', 'd.name'])
      .having(sql`sum(s.minutes)`, '>', 0)
      .orderBy(sql`sum(s.minutes)`, 'desc')
      .orderBy('v.id')
      .limit(filters.limit ?? 20)
      .execute();
    return {
      items: rows.map((r, i) => ({
        rank: i + 1,
        volunteerId: r.id,
        nameMasked: maskName(r.name),
        divisionName: r.divisionName,
        minutes: Number(r.minutes),
        stars: starLevel(Number(r.minutes), this.starHours),
      })),
    };
  }
}

/** Default hours to confirm: the checked-in time, clipped to the activity's own time. */
function proposedMinutes(
  checkedIn: Date | null,
  checkedOut: Date | null,
  startsAt: Date,
  endsAt: Date,
): number | null {
  if (!checkedIn || !checkedOut) return null;
  const from = checkedIn < startsAt ? startsAt : checkedIn;
  const to = checkedOut > endsAt ? endsAt : checkedOut;
  return minutesBetween(from, to);
}

type ServiceRow = {
  id: string;
  kind: string;
  volunteerId: string;
  volunteerName: string;
  activityId: string;
  activityTitle: string;
  signupId: string;
  divisionCode: string;
  minutes: number;
  points: number;
  reversesId: string | null;
  reversedBy: string | null;
  reason: string | null;
  servedOn: string;
  confirmedByName: string;
  confirmedAt: Date;
};

function serviceOf(r: ServiceRow): ServiceRecord {
  return {
    id: r.id,
    kind: r.kind as 'service' | 'reversal',
    volunteerId: r.volunteerId,
    volunteerName: r.volunteerName,
    activityId: r.activityId,
    activityTitle: r.activityTitle,
    signupId: r.signupId,
    divisionCode: r.divisionCode,
    minutes: r.minutes,
    points: Number(r.points),
    reversesId: r.reversesId,
    reversedBy: r.reversedBy,
    reason: r.reason,
    servedOn: r.servedOn,
    confirmedByName: r.confirmedByName,
    confirmedAt: r.confirmedAt.toISOString(),
  };
}
