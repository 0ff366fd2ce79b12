import { randomUUID } from 'node:crypto';
import {
  EVENT_ACTION_NAMES,
  EVENT_DUPLICATE_DAYS,
  EVENT_DUPLICATE_METRES,
  EVENT_STATE_STEP,
  EVENT_STATES,
  type EventAction,
  type EventSource,
  type EventState,
  type EventStep,
  type EventWorkflowAction,
  type Locale,
  maskPhone,
  normalizeMobile,
  OPEN_EVENT_STATES,
  type Role,
  type StepTimeLimits,
} from '@linli/common';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import type { DataCipher } from '../../platform/crypto.ts';
import { AppError, type LocalizedText } from '../../platform/errors.ts';
import { notify } from '../../platform/notifications.ts';
import { type Caller, codeInScope, escapeLike } from '../../platform/scope.ts';
import { searchQuery, searchVector } from '../../platform/search-text.ts';
import type { SmsProvider } from '../../platform/sms.ts';
import {
  availableActions,
  recordCreation,
  type TransitionEvent,
  transition,
  workflowHistory,
} from '../../platform/workflow.ts';
import { beijingDate, deadlineFor, type WorkCalendar } from '../../platform/working-days.ts';
import type { EventCategoryService } from '../event-categories/event-categories.service.ts';
import type { WorkCalendarService } from '../event-categories/work-calendar.service.ts';
import type { EventPhotoService } from './events.photos.ts';
import {
  contactIsCaller,
  type Db,
  type EventExpressions,
  eventsVisibleTo,
  nextEventNo,
  OPEN311_ACTOR_ROLE,
} from './events.repository.ts';
import type {
  CreateEventInput,
  Duplicate,
  DuplicatesInput,
  EventDetail,
  EventFilters,
  EventListInput,
  EventListItem,
  EventMap,
  TransitionInput,
} from './events.schemas.ts';
import { EVENT_WORKFLOW, type EventWorkflowRow, eventWorkflow } from './events.workflow.ts';

/** Rows of one export at most: a district's year of events. */
export const EVENT_EXPORT_LIMIT = 50_000;

const iso = (d: Date | null) => (d === null ? null : d.toISOString());
const text = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, 'en-US': en });

/** Which sources a reporter's roles may use; the first is the default. */
function allowedSources(roles: readonly Role[]): EventSource[] {
  const sources: EventSource[] = [];
  if (roles.includes('grid_member') || roles.includes('grid_leader')) sources.push('patrol');
  if (roles.includes('community_worker') || roles.includes('station_staff')) sources.push('phone', 'patrol');
  if (roles.includes('resident')) sources.push('resident');
  if (roles.includes('street_staff') || roles.includes('district_admin')) sources.push('phone', 'patrol');
  return [...new Set(sources)];
}

function dayStart(date: string): string {
  return `${date}T00:00:00+08:00`;
}
function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00+08:00`) + 86_400_000).toISOString();
}

function rows(db: Db, caller: Caller) {
  return eventsVisibleTo(db, caller)
    .innerJoin('division as g', 'g.code', 'e.divisionCode')
    .leftJoin('division as cm', 'cm.code', 'g.parentCode')
    .innerJoin('eventCategory as k', 'k.code', 'e.categoryCode')
    .leftJoin('eventCategory as kc', 'kc.code', 'k.parentCode')
    .select([
      'e.id',
      'e.no',
      'e.state',
      'e.categoryCode',
      'k.name as categoryName',
      sql<string>`coalesce(kc.name, '')`.as('className'),
      'e.divisionCode',
      'g.name as gridName',
      sql<string>`coalesce(cm.name, '')`.as('communityName'),
      'e.description',
      'e.address',
      'e.longitude',
      'e.latitude',
      'e.source',
      'e.reporterId',
      'e.reporterName',
      'e.leadDepartment',
      'e.step',
      'e.dueAt',
      'e.overdue',
      'e.everOverdue',
      'e.reopened',
      'e.rating',
      sql<number>`(select count(*) from grid_event_photo p where p.event_id = e.id)::int`.as('photoCount'),
      'e.reportedAt',
      'e.updatedAt',
      'e.version',
    ]);
}
type ListRow = Awaited<ReturnType<ReturnType<typeof rows>['executeTakeFirstOrThrow']>>;

function toListItem(r: ListRow): EventListItem {
  return {
    id: r.id,
    no: r.no,
    state: r.state as EventListItem['state'],
    categoryCode: r.categoryCode,
    categoryName: r.categoryName,
    className: r.className,
    divisionCode: r.divisionCode,
    gridName: r.gridName,
    communityName: r.communityName,
    description: r.description,
    address: r.address,
    longitude: r.longitude,
    latitude: r.latitude,
    source: r.source as EventListItem['source'],
    reporterName: r.reporterName,
    leadDepartment: r.leadDepartment,
    step: r.step as EventListItem['step'],
    dueAt: iso(r.dueAt),
    overdue: r.overdue,
    everOverdue: r.everOverdue,
    reopened: r.reopened,
    rating: r.rating as EventListItem['rating'],
    photoCount: Number(r.photoCount),
    reportedAt: r.reportedAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    version: r.version,
  };
}

/** The events a caller may act on now, by role: the "my tasks" list of each kind of user. */
function taskFilter(caller: Caller) {
  return (eb: EventExpressions) => {
    const roles = caller.roles;
    const tests = [];
    if (roles.includes('community_worker') || roles.includes('station_staff'))
      tests.push(eb('e.state', '=', 'reported'));
    if (roles.includes('street_staff') || roles.includes('district_admin'))
      tests.push(
        eb.or([
          eb('e.state', '=', 'filed'),
          eb.and([
            eb('e.state', '=', 'dispatched'),
            eb.exists(
              eb
                .selectFrom('gridEventExtension as x')
                .select(sql`1`.as('one'))
                .whereRef('x.eventId', '=', 'e.id')
                .where('x.state', '=', 'pending'),
            ),
          ]),
        ]),
      );
    const departments = caller.departments ?? [];
    if (roles.includes('department_staff') && departments.length > 0)
      tests.push(eb.and([eb('e.state', '=', 'dispatched'), eb('e.leadDepartment', 'in', departments)]));
    if (roles.includes('grid_member') || roles.includes('grid_leader'))
      tests.push(eb('e.state', '=', 'handled'));
    if (roles.includes('resident'))
      tests.push(
        eb.and([
          eb('e.state', '=', 'closed'),
          eb.or([eb('e.reporterId', '=', caller.actor.id), contactIsCaller(caller)]),
        ]),
      );
    return tests.length === 0 ? sql<boolean>`false` : eb.or(tests);
  };
}

/** Applies the list filters shared by the list, the export and the map. */
export function filtered(db: Db, caller: Caller, f: EventFilters) {
  let q = rows(db, caller);
  if (f.state) {
    const states = f.state.split(',');
    const unknown = states.find((s) => !(EVENT_STATES as readonly string[]).includes(s));
    if (unknown) throw new AppError('event.invalidState', { state: unknown });
    q = q.where('e.state', 'in', states);
  }
  if (f.categoryCode) {
    const codes = f.categoryCode.split(',');
    q = q.where((eb) =>
      eb.or(codes.map((code) => sql<boolean>`e.category_code like ${`${escapeLike(code)}%`}`)),
    );
  }
  if (f.divisionCode) q = q.where(sql<boolean>`e.division_code like ${`${escapeLike(f.divisionCode)}%`}`);
  if (f.overdue !== undefined) q = q.where('e.overdue', '=', f.overdue);
  if (f.department) {
    const department = f.department;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('gridEventDepartment as fd')
          .select(sql`1`.as('one'))
          .whereRef('fd.eventId', '=', 'e.id')
          .where('fd.releasedAt', 'is', null)
          .where('fd.department', '=', department),
      ),
    );
  }
  if (f.from) q = q.where('e.reportedAt', '>=', new Date(dayStart(f.from)));
  if (f.to) q = q.where('e.reportedAt', '<', new Date(dayAfter(f.to)));
  const words = f.q?.trim();
  if (words) {
    q = /^SJ\d{8,13}$/i.test(words)
      ? q.where('e.no', '=', words.toUpperCase())
      : q.where(sql<boolean>`e.search_vector @@ ${searchQuery(words)}`);
  }
  // 我的上报: what I reported, and what staff recorded for me with my phone as the contact.
  if (f.mine === 'reported')
    q = q.where((eb) => eb.or([eb('e.reporterId', '=', caller.actor.id), contactIsCaller(caller)]));
  if (f.mine === 'tasks') q = q.where(taskFilter(caller));
  return q;
}

function sorted<Q extends ReturnType<typeof filtered>>(q: Q, sort: EventFilters['sort']): Q {
  switch (sort) {
    case 'reportedAt':
      return q.orderBy('e.reportedAt', 'asc').orderBy('e.id') as Q;
    case 'dueAt':
      return q.orderBy(sql`e.due_at asc nulls last`).orderBy('e.id') as Q;
    case '-updatedAt':
      return q.orderBy('e.updatedAt', 'desc').orderBy('e.id') as Q;
    default:
      return q.orderBy('e.reportedAt', 'desc').orderBy('e.id') as Q;
  }
}

/**
 * Grid events (issue #5 items 3–4): intake with duplicate suggestions, the closed-loop workflow
 * with its step deadlines, lists, the map and the detail with its history and the caller's abilities.
 */
export class EventService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly cipher: DataCipher,
    private readonly categories: EventCategoryService,
    private readonly calendars: WorkCalendarService,
    readonly photos: EventPhotoService,
    /** Texts to reporters without an account (phone-ins, Open311); a failed text never fails the step. */
    private readonly outside: { sms?: SmsProvider | null; onError?: (error: unknown) => void } = {},
  ) {}

  async list(caller: Caller, input: EventListInput) {
    const page = input.page ?? 1;
    const pageSize = input.pageSize ?? 20;
    const base = filtered(this.db, caller, input);
    const [items, total] = await Promise.all([
      sorted(base, input.sort)
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      base.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: items.map(toListItem), total: Number(total.n), page, pageSize };
  }

  async exportRows(caller: Caller, filters: EventFilters): Promise<EventListItem[]> {
    const rows = await sorted(filtered(this.db, caller, filters), filters.sort)
      .limit(EVENT_EXPORT_LIMIT)
      .execute();
    return rows.map(toListItem);
  }

  async detail(caller: Caller, id: string, locale: Locale = 'zh-CN'): Promise<EventDetail> {
    const r = await rows(this.db, caller)
      .select([
        'e.contactName',
        'e.contactPhoneSealed',
        'e.handleResult',
        'e.mergedInto',
        'e.stepStartedAt',
        'e.overdueCount',
        'e.returnedCount',
        'e.ratingComment',
        'e.filedAt',
        'e.dispatchedAt',
        'e.handledAt',
        'e.closedAt',
        'e.ratedAt',
        contactIsCaller(caller).as('contactIsCaller'),
      ])
      .where('e.id', '=', id)
      .executeTakeFirst();
    if (!r) throw new AppError('event.notFound');
    const departments = await this.db
      .selectFrom('gridEventDepartment')
      .selectAll()
      .where('eventId', '=', id)
      .orderBy('id')
      .execute();
    const extensions = await this.db
      .selectFrom('gridEventExtension')
      .selectAll()
      .where('eventId', '=', id)
      .orderBy('requestedAt')
      .execute();
    const photos = await this.photos.ofEvent(this.db, id);
    const merged = r.mergedInto
      ? await this.db
          .selectFrom('gridEvent')
          .select(['id', 'no'])
          .where('id', '=', r.mergedInto)
          .executeTakeFirst()
      : undefined;
    const history = await workflowHistory(this.db, EVENT_WORKFLOW, id);
    const current = departments.filter((d) => d.releasedAt === null);
    const row: EventWorkflowRow = {
      id: r.id,
      state: r.state,
      version: r.version,
      divisionCode: r.divisionCode,
      source: r.source,
      reporterId: r.reporterId,
      contactIsCaller: Boolean(r.contactIsCaller),
      leadDepartment: r.leadDepartment,
      departments: current.map((d) => d.department),
      reopened: r.reopened,
      pendingExtension: extensions.some((x) => x.state === 'pending'),
    };
    return {
      ...toListItem(r),
      contactName: r.contactName,
      contactPhone:
        r.contactPhoneSealed === null ? null : maskPhone(this.cipher.decrypt(r.contactPhoneSealed)),
      handleResult: r.handleResult,
      mergedInto: merged ?? null,
      stepStartedAt: iso(r.stepStartedAt),
      overdueCount: r.overdueCount,
      returnedCount: r.returnedCount,
      ratingComment: r.ratingComment,
      filedAt: iso(r.filedAt),
      dispatchedAt: iso(r.dispatchedAt),
      handledAt: iso(r.handledAt),
      closedAt: iso(r.closedAt),
      ratedAt: iso(r.ratedAt),
      departments: departments.map((d) => ({
        department: d.department,
        role: d.role as 'lead' | 'assist',
        assignedAt: d.assignedAt.toISOString(),
        releasedAt: iso(d.releasedAt),
        returned: d.returned,
        returnReason: d.returnReason,
      })),
      photos,
      extensions: extensions.map((x) => ({
        id: x.id,
        department: x.department,
        days: x.days,
        reason: x.reason,
        state: x.state as 'pending' | 'granted' | 'refused',
        requestedByName: x.requestedByName,
        requestedAt: x.requestedAt.toISOString(),
        decidedByName: x.decidedByName,
        decidedAt: iso(x.decidedAt),
        decisionComment: x.decisionComment,
      })),
      abilities: abilities(row, caller),
      history: history.map((h) => ({
        ...h,
        actionName: EVENT_ACTION_NAMES[locale][h.action as EventWorkflowAction] ?? h.action,
        at: h.at.toISOString(),
      })),
    };
  }

  /** A leaf category that is switched on, with its department and step limits. */
  async #category(code: string): Promise<{ department: string; limits: StepTimeLimits; name: string }> {
    const category = await this.categories.find(code);
    if (!category?.active || !category.parentCode || !category.limits || !category.department)
      throw new AppError('event.invalidCategory', { code });
    return { department: category.department, limits: category.limits, name: category.name };
  }

  async create(caller: Caller, input: CreateEventInput, locale: Locale = 'zh-CN'): Promise<EventDetail> {
    // An outside Open311 client (modules/open311) reports as itself, within its division.
    const outside = caller.actor.role === OPEN311_ACTOR_ROLE;
    const sources: EventSource[] = outside ? ['open311'] : allowedSources(caller.roles);
    const source = input.source ?? sources[0];
    if (!source || !sources.includes(source))
      throw new AppError('event.sourceNotAllowed', { source: input.source ?? '' });
    const category = await this.#category(input.categoryCode);
    const grid = await this.db
      .selectFrom('division')
      .select(['code', 'level'])
      .where('code', '=', input.divisionCode)
      .executeTakeFirst();
    // Staff report in their own scope; a resident anywhere in the district of their grant.
    const reach =
      caller.scope.kind === 'all'
        ? true
        : outside || caller.roles.some((r) => r !== 'resident')
          ? codeInScope(input.divisionCode, caller.scope)
          : caller.scope.prefixes.some((p) => input.divisionCode.startsWith(p.slice(0, 6)));
    if (grid?.level !== 'grid' || !reach)
      throw new AppError('event.invalidDivision', { code: input.divisionCode });
    if ((input.longitude == null) !== (input.latitude == null)) throw new AppError('event.invalidLocation');
    let contactPhone: string | null = null;
    if (input.contactPhone?.trim()) {
      contactPhone = normalizeMobile(input.contactPhone);
      if (!contactPhone) throw new AppError('event.invalidPhone');
    }
    const calendar = await this.calendars.deadlineCalendar();
    const now = new Date();
    const id = randomUUID();
    const description = input.description.trim();
    const address = input.address?.trim() || null;
    // The number is drawn before the transaction: the day's counter row is not held locked while
    // the report is written (a report that then fails leaves a gap in the day's numbers).
    const no = await nextEventNo(this.db, beijingDate(now).replaceAll('-', ''));
    // Segmented before the transaction too: jieba is CPU work, not database time.
    const vector = searchVector(description, address, no, category.name);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('gridEvent')
        .values({
          id,
          no,
          divisionCode: input.divisionCode,
          categoryCode: input.categoryCode,
          description,
          address,
          longitude: input.longitude ?? null,
          latitude: input.latitude ?? null,
          source,
          reporterId: caller.actor.id === 'system' ? null : caller.actor.id,
          reporterName: caller.actor.onBehalfOfName ?? caller.actor.name,
          contactName: input.contactName?.trim() || null,
          contactPhoneSealed: contactPhone === null ? null : this.cipher.encrypt(contactPhone),
          contactPhoneIndex: contactPhone === null ? null : this.cipher.piiIndex('phone', contactPhone),
          state: 'reported',
          step: 'accept',
          stepStartedAt: now,
          dueAt: deadlineFor(now, category.limits.accept, calendar),
          reportedAt: now,
          searchVector: vector,
        })
        .execute();
      if (input.photoIds?.length) await this.photos.attach(trx, caller, id, 'report', input.photoIds);
      await notify(
        trx,
        { roles: ['community_worker', 'station_staff'], divisionCode: input.divisionCode },
        {
          kind: 'event.reported',
          title: text(`新上报事件 ${no} 待立案`, `New event ${no} to file`),
          body: text(`${category.name}：${description.slice(0, 60)}`, description.slice(0, 60)),
          link: `/events/${id}`,
          entityType: 'grid_event',
          entityId: id,
          divisionCode: input.divisionCode,
        },
      );
      // Last: the audit chain's head stays locked from here to the commit.
      await recordCreation(trx, eventWorkflow, caller, {
        id,
        action: 'report',
        state: 'reported',
        divisionCode: input.divisionCode,
        data: {
          no,
          source,
          categoryCode: input.categoryCode,
          ...(input.longitude == null ? {} : { longitude: input.longitude, latitude: input.latitude }),
        },
      });
    });
    return this.detail(caller, id, locale);
  }

  /**
   * Takes a step of the closed loop. The action's data is checked first (the department to
   * dispatch to, the handling result, the rating …); the workflow then checks role, scope, state,
   * version and guards, and the effects below move the step, its deadline and the side tables.
   */
  async transition(
    caller: Caller,
    id: string,
    input: TransitionInput,
    locale: Locale = 'zh-CN',
  ): Promise<EventDetail> {
    const current = await eventsVisibleTo(this.db, caller)
      .select(['e.categoryCode', 'e.reopened', 'e.state'])
      .where('e.id', '=', id)
      .executeTakeFirst();
    if (!current) throw new AppError('event.notFound');
    const data = input.data ?? {};
    let action: EventWorkflowAction = input.action;
    // The rating decides between `rate` and `reopen`; other data is checked once the step is legal.
    if (input.action === 'rate' && current.state === 'closed') {
      if (!data.rating) throw new AppError('event.ratingRequired');
      if (data.rating === 'unsatisfied' && current.reopened === 0) action = 'reopen';
    }
    const category = await this.#category(current.categoryCode).catch(() => null);
    const calendar = await this.calendars.deadlineCalendar();
    const wf = {
      ...eventWorkflow,
      effects: (
        trx: Transaction<DB>,
        event: TransitionEvent<EventState, EventWorkflowAction, EventWorkflowRow>,
      ) => this.#effects(trx, event, { calendar, limits: category?.limits ?? null }),
    };
    await this.db.transaction().execute(async (trx) => {
      await transition(trx, wf, caller, {
        id,
        action,
        version: input.version,
        comment: input.comment,
        data: cleanData(input),
      });
    });
    if (action === 'verifyPass') await this.#textClosed(id);
    return this.detail(caller, id, locale);
  }

  /** After commit: tells the contact phone of the event (if any) that it is closed and may be rated. */
  async #textClosed(id: string): Promise<void> {
    const sms = this.outside.sms;
    if (!sms) return;
    const row = await this.db
      .selectFrom('gridEvent')
      .select(['no', 'contactPhoneSealed'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row?.contactPhoneSealed) return;
    try {
      await sms.send(
        this.cipher.decrypt(row.contactPhoneSealed),
        `【邻里】您反映的问题（事件编号 ${row.no}）已办结。可登录“邻里”查看办理过程并评价，或回复社区工作人员。`,
      );
    } catch (error) {
      this.outside.onError?.(error);
    }
  }

  async #checkMergeTarget(trx: Transaction<DB>, caller: Caller, id: string, into: string): Promise<void> {
    const target = await eventsVisibleTo(trx, caller)
      .select(['e.id', 'e.state'])
      .where('e.id', '=', into)
      .executeTakeFirst();
    if (!target || target.id === id || !(OPEN_EVENT_STATES as readonly string[]).includes(target.state))
      throw new AppError('event.invalidMergeTarget');
  }

  async #effects(
    trx: Transaction<DB>,
    {
      row,
      rule,
      from,
      to,
      caller,
      input,
    }: TransitionEvent<EventState, EventWorkflowAction, EventWorkflowRow>,
    context: { calendar: WorkCalendar; limits: StepTimeLimits | null },
  ): Promise<void> {
    const now = new Date();
    const data = (input.data ?? {}) as NonNullable<TransitionInput['data']>;
    const comment = input.comment?.trim() || null;
    // The action's own data, checked after role, state, version and guards have passed.
    if (rule.action === 'dispatch' && !data.lead?.trim()) throw new AppError('event.leadRequired');
    if (rule.action === 'handle' && !data.result?.trim()) throw new AppError('event.resultRequired');
    if (rule.action === 'requestExtension' && !data.days) throw new AppError('event.daysRequired');
    if (rule.action === 'merge') {
      if (!data.into) throw new AppError('event.mergeTargetRequired');
      await this.#checkMergeTarget(trx, caller, row.id, data.into);
    }
    const set: Record<string, unknown> = {};
    // A new state starts its step's timer; a self-transition keeps the running one.
    if (from !== to) {
      const step: EventStep | undefined = EVENT_STATE_STEP[to];
      if (step && !context.limits) throw new AppError('event.invalidCategory', { code: '' });
      Object.assign(set, {
        step: step ?? null,
        stepStartedAt: step ? now : null,
        dueAt: step ? deadlineFor(now, context.limits![step], context.calendar) : null,
        overdue: false,
      });
    }
    const event = { id: row.id, divisionCode: row.divisionCode };
    const no = (
      await trx.selectFrom('gridEvent').select('no').where('id', '=', row.id).executeTakeFirstOrThrow()
    ).no;
    const tell = (
      audience: Parameters<typeof notify>[1],
      kind: string,
      title: LocalizedText,
      body?: LocalizedText,
    ) =>
      notify(trx, audience, {
        kind,
        title,
        body: body ?? (comment ? text(comment, comment) : null),
        link: `/events/${event.id}`,
        entityType: 'grid_event',
        entityId: event.id,
        divisionCode: event.divisionCode,
      });
    const department = (name: string | null) => ({
      roles: ['department_staff'] as Role[],
      department: name,
      divisionCode: event.divisionCode,
    });
    const streetOf = { roles: ['street_staff'] as Role[], divisionCode: event.divisionCode };
    const gridStaff = { roles: ['grid_member', 'grid_leader'] as Role[], divisionCode: event.divisionCode };

    switch (rule.action) {
      case 'file':
        set.filedAt = now;
        await tell(
          streetOf,
          'event.filed',
          text(`事件 ${no} 已立案，待派遣`, `Event ${no} filed, to dispatch`),
        );
        break;
      case 'merge':
        set.mergedInto = data.into;
        break;
      case 'dispatch': {
        const lead = data.lead!.trim();
        const assists = (data.assists ?? []).map((d) => d.trim()).filter((d) => d && d !== lead);
        set.dispatchedAt = now;
        set.leadDepartment = lead;
        await trx
          .insertInto('gridEventDepartment')
          .values([
            { eventId: row.id, department: lead, role: 'lead', assignedAt: now },
            ...[...new Set(assists)].map((d) => ({
              eventId: row.id,
              department: d,
              role: 'assist',
              assignedAt: now,
            })),
          ])
          .execute();
        await tell(
          department(lead),
          'event.dispatched',
          text(`事件 ${no} 派遣给您（主办）`, `Event ${no} dispatched to you (lead)`),
        );
        for (const d of new Set(assists))
          await tell(
            department(d),
            'event.dispatched',
            text(`事件 ${no} 请您协办`, `Event ${no}: please assist`),
          );
        break;
      }
      case 'handle':
        set.handledAt = now;
        set.handleResult = data.result!.trim();
        if (data.photoIds?.length) await this.photos.attach(trx, caller, row.id, 'handle', data.photoIds);
        await tell(
          gridStaff,
          'event.handled',
          text(`事件 ${no} 已处置，请到现场核查`, `Event ${no} handled: verify on site`),
        );
        break;
      case 'return':
        set.leadDepartment = null;
        set.returnedCount = sql`returned_count + 1`;
        await trx
          .updateTable('gridEventDepartment')
          .set({ returned: true, returnReason: comment, releasedAt: now })
          .where('eventId', '=', row.id)
          .where('releasedAt', 'is', null)
          .where('role', '=', 'lead')
          .execute();
        await trx
          .updateTable('gridEventDepartment')
          .set({ releasedAt: now })
          .where('eventId', '=', row.id)
          .where('releasedAt', 'is', null)
          .execute();
        await tell(
          streetOf,
          'event.returned',
          text(
            `事件 ${no} 被 ${row.leadDepartment} 退单，请重新派遣`,
            `Event ${no} returned by ${row.leadDepartment}: dispatch again`,
          ),
        );
        break;
      case 'verifyPass':
        set.closedAt = now;
        if (data.photoIds?.length) await this.photos.attach(trx, caller, row.id, 'verify', data.photoIds);
        await tell(
          { accountIds: await this.#reporters(trx, row.id) },
          'event.closed',
          text(`您上报的事件 ${no} 已办结，请评价`, `Your event ${no} is closed: please rate it`),
        );
        break;
      case 'verifyFail':
        if (data.photoIds?.length) await this.photos.attach(trx, caller, row.id, 'verify', data.photoIds);
        await tell(
          department(row.leadDepartment),
          'event.verifyFailed',
          text(`事件 ${no} 核查未通过，请重新处置`, `Event ${no} failed verification: handle again`),
        );
        break;
      case 'rate':
        set.rating = data.rating;
        set.ratingComment = comment;
        set.ratedAt = now;
        break;
      case 'reopen':
        set.rating = 'unsatisfied';
        set.ratingComment = comment;
        set.ratedAt = now;
        set.reopened = sql`reopened + 1`;
        set.closedAt = null;
        await tell(
          department(row.leadDepartment),
          'event.reopened',
          text(
            `事件 ${no} 群众不满意，请重新处置`,
            `Event ${no}: the reporter is not satisfied, handle again`,
          ),
        );
        break;
      case 'urge':
      case 'supervise': {
        const zh = rule.action === 'urge' ? '催办' : '督办';
        const en = rule.action === 'urge' ? 'Urged' : 'Supervised';
        await tell(
          responsibleUnit(row),
          `event.${rule.action}`,
          text(`事件 ${no} 被${zh}`, `${en}: event ${no}`),
        );
        break;
      }
      case 'requestExtension':
        await trx
          .insertInto('gridEventExtension')
          .values({
            id: randomUUID(),
            eventId: row.id,
            department: row.leadDepartment!,
            days: data.days!,
            reason: comment!,
            requestedBy: caller.actor.id,
            requestedByName: caller.actor.name,
          })
          .execute();
        await tell(
          streetOf,
          'event.extensionRequested',
          text(
            `事件 ${no} 申请延期 ${data.days} 个工作日`,
            `Event ${no}: extension of ${data.days} working days requested`,
          ),
        );
        break;
      case 'grantExtension':
      case 'refuseExtension': {
        const granted = rule.action === 'grantExtension';
        const pending = await trx
          .updateTable('gridEventExtension')
          .set({
            state: granted ? 'granted' : 'refused',
            decidedBy: caller.actor.id,
            decidedByName: caller.actor.name,
            decidedAt: now,
            decisionComment: comment,
          })
          .where('eventId', '=', row.id)
          .where('state', '=', 'pending')
          .returning('days')
          .executeTakeFirstOrThrow();
        if (granted) {
          const current = await trx
            .selectFrom('gridEvent')
            .select('dueAt')
            .where('id', '=', row.id)
            .executeTakeFirstOrThrow();
          const due = deadlineFor(
            current.dueAt ?? now,
            { amount: pending.days, unit: 'work_days' },
            context.calendar,
          );
          set.dueAt = due;
          set.overdue = due.getTime() <= now.getTime() ? sql`overdue` : false;
        }
        await tell(
          department(row.leadDepartment),
          'event.extensionDecided',
          granted
            ? text(
                `事件 ${no} 延期申请已同意（${pending.days} 个工作日）`,
                `Event ${no}: extension granted (${pending.days} working days)`,
              )
            : text(`事件 ${no} 延期申请未同意`, `Event ${no}: extension refused`),
        );
        break;
      }
      default:
        break;
    }
    if (Object.keys(set).length > 0)
      await trx
        .updateTable('gridEvent')
        .set(set as never)
        .where('id', '=', row.id)
        .execute();
  }

  /** The accounts told when the event closes: its reporter and the resident named as its contact. */
  async #reporters(trx: Transaction<DB>, id: string): Promise<string[]> {
    const rows = await trx
      .selectFrom('gridEvent as e')
      .leftJoin('account as a', (join) =>
        join.onRef('a.phoneIndex', '=', 'e.contactPhoneIndex').on('a.disabled', '=', false),
      )
      .select(['e.reporterId', 'a.id as contactId'])
      .where('e.id', '=', id)
      .execute();
    return [...new Set(rows.flatMap((r) => [r.reporterId, r.contactId]).filter((x): x is string => !!x))];
  }

  /** Likely duplicates of a new report: same category, open, recent, nearby (or the same grid without coordinates). */
  async duplicates(caller: Caller, input: DuplicatesInput): Promise<Duplicate[]> {
    const since = new Date(Date.now() - EVENT_DUPLICATE_DAYS * 86_400_000);
    const hasPoint = input.longitude !== undefined && input.latitude !== undefined;
    // Equirectangular distance: exact enough at 200 m, and the same SQL on both engines.
    const distance = hasPoint
      ? sql<number>`(6371000 * sqrt(power(radians(e.latitude - ${input.latitude}), 2) + power(radians(e.longitude - ${input.longitude}) * cos(radians(${input.latitude})), 2)))`
      : sql<number>`null`;
    let q = eventsVisibleTo(this.db, caller)
      .innerJoin('division as g', 'g.code', 'e.divisionCode')
      .select([
        'e.id',
        'e.no',
        'e.state',
        'e.description',
        'e.address',
        'e.divisionCode',
        'g.name as gridName',
        'e.reportedAt',
        distance.as('distance'),
      ])
      .where('e.categoryCode', '=', input.categoryCode)
      .where('e.state', 'in', [...OPEN_EVENT_STATES])
      .where('e.reportedAt', '>=', since);
    if (input.excludeId) q = q.where('e.id', '<>', input.excludeId);
    q = hasPoint
      ? q.where((eb) =>
          eb.or([
            eb.and([eb('e.latitude', 'is not', null), eb(distance, '<=', EVENT_DUPLICATE_METRES)]),
            eb.and([eb('e.latitude', 'is', null), eb('e.divisionCode', '=', input.divisionCode)]),
          ]),
        )
      : q.where('e.divisionCode', '=', input.divisionCode);
    const found = await q.orderBy('e.reportedAt', 'desc').limit(10).execute();
    return found.map((r) => ({
      id: r.id,
      no: r.no,
      state: r.state as Duplicate['state'],
      description: r.description,
      address: r.address,
      divisionCode: r.divisionCode,
      gridName: r.gridName,
      reportedAt: r.reportedAt.toISOString(),
      distanceMetres: r.distance === null ? null : Math.round(Number(r.distance)),
    }));
  }

  /** Open events per grid and the located ones as points, for the map of open events. */
  async map(caller: Caller, divisionCode: string | undefined): Promise<EventMap> {
    let base = eventsVisibleTo(this.db, caller).where('e.state', 'in', [...OPEN_EVENT_STATES]);
    if (divisionCode) base = base.where(sql<boolean>`e.division_code like ${`${escapeLike(divisionCode)}%`}`);
    const grids = await base
      .innerJoin('division as g', 'g.code', 'e.divisionCode')
      .select([
        'e.divisionCode',
        'g.name',
        sql<number>`count(*)::int`.as('open'),
        sql<number>`(count(*) filter (where e.overdue))::int`.as('overdue'),
      ])
      .groupBy(['e.divisionCode', 'g.name'])
      .orderBy('e.divisionCode')
      .execute();
    const points = await base
      .innerJoin('eventCategory as k', 'k.code', 'e.categoryCode')
      .select([
        'e.id',
        'e.no',
        'e.state',
        'k.name as categoryName',
        'e.divisionCode',
        'e.longitude',
        'e.latitude',
        'e.overdue',
      ])
      .where('e.longitude', 'is not', null)
      .orderBy('e.overdue', 'desc')
      .orderBy('e.reportedAt', 'desc')
      .limit(2000)
      .execute();
    return {
      grids: grids.map((g) => ({
        divisionCode: g.divisionCode,
        name: g.name,
        open: Number(g.open),
        overdue: Number(g.overdue),
      })),
      points: points.map((p) => ({
        id: p.id,
        no: p.no,
        state: p.state as EventState,
        categoryName: p.categoryName,
        divisionCode: p.divisionCode,
        longitude: p.longitude!,
        latitude: p.latitude!,
        overdue: p.overdue,
      })),
    };
  }

  /** Scope check for the event's photo route: the photo's event must be visible (or the photo the caller's own, unattached). */
  async visible(caller: Caller, id: string): Promise<boolean> {
    const row = await eventsVisibleTo(this.db, caller)
      .select('e.id')
      .where('e.id', '=', id)
      .executeTakeFirst();
    return row !== undefined;
  }
}

/** Who must act in a state: the community (accept), the street (dispatch), the lead department, the grid. */
export function responsibleUnit(row: {
  state: string;
  leadDepartment: string | null;
  divisionCode: string | null;
}) {
  const divisionCode = row.divisionCode;
  switch (row.state) {
    case 'reported':
      return { roles: ['community_worker', 'station_staff'] as Role[], divisionCode };
    case 'filed':
      return { roles: ['street_staff'] as Role[], divisionCode };
    case 'dispatched':
      return { roles: ['department_staff'] as Role[], department: row.leadDepartment, divisionCode };
    default:
      return { roles: ['grid_member', 'grid_leader'] as Role[], divisionCode };
  }
}

/** The unit above the responsible one: the street over a community or the grid, the district over the street and departments. */
export function superiorUnit(row: { state: string; divisionCode: string | null }) {
  const divisionCode = row.divisionCode;
  return row.state === 'filed' || row.state === 'dispatched'
    ? { roles: ['district_admin'] as Role[], divisionCode }
    : { roles: ['street_staff'] as Role[], divisionCode };
}

/** The web's buttons: the public actions this caller could take now (`reopen` shows as `rate`). */
export function abilities(row: EventWorkflowRow, caller: Caller): EventAction[] {
  const actions = availableActions(eventWorkflow, row, caller).map((a) => (a === 'reopen' ? 'rate' : a));
  return [...new Set(actions.filter((a): a is EventAction => a !== 'report'))];
}

/** What the history keeps of an action's data: only the fields the action uses. */
function cleanData(input: TransitionInput): Record<string, unknown> | undefined {
  const d = input.data ?? {};
  const keep: Record<string, unknown> = {};
  const fields: Partial<Record<EventAction, Array<keyof typeof d>>> = {
    dispatch: ['lead', 'assists'],
    handle: ['result', 'photoIds'],
    verifyPass: ['photoIds'],
    verifyFail: ['photoIds'],
    rate: ['rating'],
    requestExtension: ['days'],
    merge: ['into'],
  };
  for (const key of [...(fields[input.action] ?? []), 'longitude', 'latitude'] as const)
    if (d[key] !== undefined) keep[key] = d[key];
  return Object.keys(keep).length > 0 ? keep : undefined;
}
