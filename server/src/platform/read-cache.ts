/**
 * A bounded in-process cache for read-mostly data (the division tree): entries are the promises of
 * loads, so concurrent misses share one query. Writers clear it after their transaction commits,
 * and other processes clear theirs through the change feed (LISTEN/NOTIFY). Values handed out are
 * shared: callers must not mutate them.
 */
export class ReadCache {
  readonly #entries = new Map<string, Promise<unknown>>();
  readonly #max: number;

  constructor(maxEntries: number) {
    this.#max = maxEntries;
  }

  get size(): number {
    return this.#entries.size;
  }

  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (this.#max === 0) return load();
    const hit = this.#entries.get(key);
    if (hit) {
      // Re-insert to keep the map in least-recently-used order.
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit as Promise<T>;
    }
    const loading = load();
    this.#entries.set(key, loading);
    loading.catch(() => {
      if (this.#entries.get(key) === loading) this.#entries.delete(key);
    });
    if (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    return loading;
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }
}
