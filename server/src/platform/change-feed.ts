import { sql } from 'kysely';
import type { Database } from '../db/database.ts';

const CHANNEL = 'linli_change';

/**
 * Tells every process that some data changed (a topic such as `divisions`), so caches and live
 * views refresh: in this process at once, in other processes through PostgreSQL LISTEN/NOTIFY.
 * The embedded engine serves one process, so it needs only the local part.
 */
export class ChangeFeed {
  readonly #database: Database;
  readonly #handlers = new Map<string, Set<() => void>>();
  #unlisten: (() => Promise<void>) | undefined;

  constructor(database: Database) {
    this.#database = database;
  }

  async start(): Promise<void> {
    if (this.#database.listen)
      this.#unlisten = await this.#database.listen(CHANNEL, (topic) => this.#emit(topic));
  }

  async stop(): Promise<void> {
    await this.#unlisten?.();
    this.#unlisten = undefined;
  }

  subscribe(topic: string, handler: () => void): void {
    const set = this.#handlers.get(topic) ?? new Set();
    set.add(handler);
    this.#handlers.set(topic, set);
  }

  /** Call after the writing transaction committed. */
  async publish(topic: string): Promise<void> {
    this.#emit(topic);
    if (this.#database.listen) await sql`select pg_notify(${CHANNEL}, ${topic})`.execute(this.#database.db);
  }

  #emit(topic: string): void {
    for (const handler of this.#handlers.get(topic) ?? []) handler();
  }
}
