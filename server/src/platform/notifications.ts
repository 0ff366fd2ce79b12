import type { Locale, Role } from '@linli/common';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.gen.ts';
import type { LocalizedText } from './errors.ts';

/**
 * In-app notifications (issue #5 item 5). A module calls `notify` inside the transaction of the change
 * it tells of, so a notification exists exactly when the change does; one row per recipient account.
 * `NotificationHub` pushes new rows to open SSE streams by polling the table by id, which works the
 * same on the embedded engine and across several server processes.
 */

/** Who is told: listed accounts, and/or every enabled account holding one of `roles` over the division. */
export interface NotificationAudience {
  accountIds?: readonly string[];
  roles?: readonly Role[];
  /** The division the matter is in: a grant whose scope covers it (or a district-wide grant) matches. */
  divisionCode?: string | null;
  /** Only grants acting for this department (职能部门), when given. */
  department?: string | null;
}

export interface NotificationInput {
  /** A stable key such as `event.overdue`, for filtering and icons. */
  kind: string;
  title: LocalizedText;
  body?: LocalizedText | null;
  /** The web path that shows the matter (`/events/…`). */
  link?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  divisionCode?: string | null;
}

type Db = Kysely<DB> | Transaction<DB>;

/** The accounts an audience names; roles match grants whose scope contains the division. */
async function recipients(db: Db, audience: NotificationAudience): Promise<string[]> {
  const ids = new Set(audience.accountIds ?? []);
  if (audience.roles?.length) {
    let query = db
      .selectFrom('roleGrant as g')
      .innerJoin('account as a', 'a.id', 'g.accountId')
      .select('g.accountId')
      .distinct()
      .where('a.disabled', '=', false)
      .where('g.role', 'in', [...audience.roles]);
    const division = audience.divisionCode;
    if (division)
      query = query.where((eb) =>
        eb.or([
          eb('g.scopeCode', 'is', null),
          eb(sql.val(division), 'like', sql<string>`g.scope_code || '%'`),
        ]),
      );
    if (audience.department) query = query.where('g.department', '=', audience.department);
    for (const row of await query.execute()) ids.add(row.accountId);
  }
  return [...ids];
}

/** Writes one notification per recipient in `db` (the caller's transaction); returns how many. */
export async function notify(
  db: Db,
  audience: NotificationAudience,
  input: NotificationInput,
): Promise<number> {
  const accounts = await recipients(db, audience);
  if (accounts.length === 0) return 0;
  await db
    .insertInto('notification')
    .values(
      accounts.map((accountId) => ({
        accountId,
        kind: input.kind,
        titleZh: input.title['zh-CN'],
        titleEn: input.title['en-US'],
        bodyZh: input.body?.['zh-CN'] ?? null,
        bodyEn: input.body?.['en-US'] ?? null,
        link: input.link ?? null,
        entityType: input.entityType ?? null,
        entityId: input.entityId ?? null,
        divisionCode: input.divisionCode ?? null,
      })),
    )
    .execute();
  return accounts.length;
}

export interface NotificationView {
  id: number;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  entityType: string | null;
  entityId: string | null;
  createdAt: Date;
  read: boolean;
}

const COLUMNS = [
  'id',
  'kind',
  'titleZh',
  'titleEn',
  'bodyZh',
  'bodyEn',
  'link',
  'entityType',
  'entityId',
  'createdAt',
  'readAt',
] as const;

interface Row {
  id: number | string;
  kind: string;
  titleZh: string;
  titleEn: string;
  bodyZh: string | null;
  bodyEn: string | null;
  link: string | null;
  entityType: string | null;
  entityId: string | null;
  createdAt: Date;
  readAt: Date | null;
}

function view(row: Row, locale: Locale): NotificationView {
  const en = locale === 'en-US';
  return {
    id: Number(row.id),
    kind: row.kind,
    title: en ? row.titleEn : row.titleZh,
    body: en ? row.bodyEn : row.bodyZh,
    link: row.link,
    entityType: row.entityType,
    entityId: row.entityId,
    createdAt: row.createdAt,
    read: row.readAt !== null,
  };
}

/** A signed-in user's own notifications: nobody reads or marks another's. */
export class NotificationService {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  async list(
    accountId: string,
    locale: Locale,
    query: { unread?: boolean | undefined; limit?: number | undefined; offset?: number | undefined },
  ) {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    let base = this.#db.selectFrom('notification').where('accountId', '=', accountId);
    if (query.unread) base = base.where('readAt', 'is', null);
    const [rows, total, unread] = await Promise.all([
      base.select(COLUMNS).orderBy('id', 'desc').limit(limit).offset(offset).execute(),
      base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      this.unreadCount(accountId),
    ]);
    return { items: rows.map((r) => view(r, locale)), total: Number(total.n), unread, limit, offset };
  }

  async unreadCount(accountId: string): Promise<number> {
    const row = await this.#db
      .selectFrom('notification')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('accountId', '=', accountId)
      .where('readAt', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Marks one as read; false when it is not the caller's (the route answers 404). */
  async markRead(accountId: string, id: number): Promise<boolean> {
    const result = await this.#db
      .updateTable('notification')
      .set({ readAt: sql`coalesce(read_at, now())` })
      .where('id', '=', id)
      .where('accountId', '=', accountId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async markAllRead(accountId: string): Promise<number> {
    const result = await this.#db
      .updateTable('notification')
      .set({ readAt: sql`now()` })
      .where('accountId', '=', accountId)
      .where('readAt', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Rows after `afterId` for these accounts, oldest first: the hub's one query per tick. */
  async since(afterId: number, accountIds: readonly string[]) {
    if (accountIds.length === 0) return [];
    return this.#db
      .selectFrom('notification')
      .select([...COLUMNS, 'accountId'])
      .where('id', '>', afterId)
      .where('accountId', 'in', [...accountIds])
      .orderBy('id')
      .limit(500)
      .execute();
  }

  async latestId(): Promise<number> {
    const row = await this.#db
      .selectFrom('notification')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    return Number(row?.id ?? 0);
  }
}

/** What a stream receives for each new notification: both languages, the page picks. */
export interface LiveNotification {
  id: number;
  kind: string;
  title: LocalizedText;
  body: LocalizedText | null;
  link: string | null;
  unread: number;
}

/** How many ids back each poll looks, for transactions that commit out of id order. */
const LOOK_BACK = 200;

type Listener = (message: LiveNotification) => void;

/**
 * Open SSE streams by account. While any is open, one query per tick fetches rows newer than the
 * last seen id for the connected accounts and hands each to its account's streams.
 */
export class NotificationHub {
  readonly #service: NotificationService;
  readonly #intervalMs: number;
  readonly #listeners = new Map<string, Set<Listener>>();
  #lastId = 0;
  /** Ids already pushed within the look-back window (a lower id may commit after a higher one). */
  readonly #delivered = new Set<number>();
  #timer: NodeJS.Timeout | undefined;
  #ticking = false;
  #onError: (error: unknown) => void;

  constructor(
    service: NotificationService,
    options: { intervalMs?: number; onError?: (e: unknown) => void } = {},
  ) {
    this.#service = service;
    this.#intervalMs = options.intervalMs ?? 1500;
    this.#onError = options.onError ?? (() => {});
  }

  /** Subscribes a stream; returns the unsubscribe function. */
  async subscribe(accountId: string, listener: Listener): Promise<() => void> {
    if (this.#listeners.size === 0) {
      this.#lastId = await this.#service.latestId();
      this.#delivered.clear();
      for (let id = this.#lastId - LOOK_BACK + 1; id <= this.#lastId; id++) this.#delivered.add(id);
      this.#timer = setInterval(() => void this.tick(), this.#intervalMs);
      this.#timer.unref();
    }
    const set = this.#listeners.get(accountId) ?? new Set();
    set.add(listener);
    this.#listeners.set(accountId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(accountId);
      if (this.#listeners.size === 0) this.stop();
    };
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** One poll; exposed so tests need not wait for the timer. */
  async tick(): Promise<void> {
    if (this.#ticking || this.#listeners.size === 0) return;
    this.#ticking = true;
    try {
      const rows = await this.#service.since(this.#lastId - LOOK_BACK, [...this.#listeners.keys()]);
      const unread = new Map<string, number>();
      for (const row of rows) {
        const id = Number(row.id);
        if (this.#delivered.has(id)) continue;
        this.#delivered.add(id);
        this.#lastId = Math.max(this.#lastId, id);
        const listeners = this.#listeners.get(row.accountId);
        if (!listeners) continue;
        if (!unread.has(row.accountId))
          unread.set(row.accountId, await this.#service.unreadCount(row.accountId));
        const message: LiveNotification = {
          id: Number(row.id),
          kind: row.kind,
          title: { 'zh-CN': row.titleZh, 'en-US': row.titleEn },
          body: row.bodyZh === null ? null : { 'zh-CN': row.bodyZh, 'en-US': row.bodyEn ?? row.bodyZh },
          link: row.link,
          unread: unread.get(row.accountId) ?? 0,
        };
        for (const listener of listeners) listener(message);
      }
      for (const id of this.#delivered) if (id <= this.#lastId - LOOK_BACK) this.#delivered.delete(id);
    } catch (error) {
      this.#onError(error);
    } finally {
      this.#ticking = false;
    }
  }
}
