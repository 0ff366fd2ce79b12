import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { appendAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { type Caller, codeInScope, inScope } from '../../platform/scope.ts';

export interface Open311ClientView {
  id: string;
  name: string;
  contact: string | null;
  keyPrefix: string;
  divisionCode: string;
  divisionName: string;
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  version: number;
}

/** The client an api_key belongs to, for posting requests. */
export interface Open311Client {
  id: string;
  name: string;
  divisionCode: string;
}

const KEY_PREFIX = 'l311_';

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new key: 32 random bytes, base64url; only its hash is stored. */
function newKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

/**
 * API keys of outside Open311 clients. The district issues one per client, bound to the division
 * its requests default to when they carry no location inside a grid; the key is shown once.
 */
export class Open311ClientService {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  async list(caller: Caller): Promise<Open311ClientView[]> {
    return this.#db
      .selectFrom('open311Client as c')
      .innerJoin('division as d', 'd.code', 'c.divisionCode')
      .select([
        'c.id',
        'c.name',
        'c.contact',
        'c.keyPrefix',
        'c.divisionCode',
        'd.name as divisionName',
        'c.createdBy',
        'c.createdAt',
        'c.revokedAt',
        'c.lastUsedAt',
        'c.version',
      ])
      .where((eb) => inScope(eb, 'c.division_code', caller.scope))
      .orderBy('c.revokedAt', (ob) => ob.desc().nullsFirst())
      .orderBy('c.createdAt', 'desc')
      .execute();
  }

  /** Issues a key; `key` is returned this once and never again. */
  async issue(
    caller: Caller,
    input: { name: string; contact?: string | null | undefined; divisionCode: string },
    presetKey?: string,
  ): Promise<{ client: Open311ClientView; key: string }> {
    const name = input.name.trim();
    const division = await this.#db
      .selectFrom('division')
      .select('code')
      .where('code', '=', input.divisionCode)
      .executeTakeFirst();
    if (!division || !codeInScope(division.code, caller.scope))
      throw new AppError('open311.divisionNotFound');
    const key = presetKey ?? newKey();
    const id = randomUUID();
    await this.#db.transaction().execute(async (trx) => {
      await trx
        .insertInto('open311Client')
        .values({
          id,
          name,
          contact: input.contact?.trim() || null,
          keyHash: hashKey(key),
          keyPrefix: key.slice(0, KEY_PREFIX.length + 4),
          divisionCode: division.code,
          createdBy: caller.actor.name,
        })
        .execute();
      await appendAudit(trx, caller.actor, {
        action: 'open311Client.issue',
        entityType: 'open311_client',
        entityId: id,
        divisionCode: division.code,
        after: { name, divisionCode: division.code },
      });
    });
    const client = (await this.list(caller)).find((c) => c.id === id);
    if (!client) throw new AppError('resource.notFound');
    return { client, key };
  }

  async revoke(caller: Caller, id: string, version: number): Promise<Open311ClientView> {
    await this.#db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('open311Client')
        .select(['id', 'version', 'revokedAt', 'divisionCode', 'name'])
        .where('id', '=', id)
        .where((eb) => inScope(eb, 'division_code', caller.scope))
        .forUpdate()
        .executeTakeFirst();
      if (!row) throw new AppError('resource.notFound');
      if (row.version !== version) throw new AppError('conflict.version', { id });
      if (row.revokedAt) throw new AppError('open311.alreadyRevoked');
      await trx
        .updateTable('open311Client')
        .set({
          revokedAt: new Date(),
          revokedBy: caller.actor.name,
          version: version + 1,
          updatedAt: new Date(),
        })
        .where('id', '=', id)
        .execute();
      await appendAudit(trx, caller.actor, {
        action: 'open311Client.revoke',
        entityType: 'open311_client',
        entityId: id,
        divisionCode: row.divisionCode,
        before: { revokedAt: null },
        after: { revokedAt: 'now', name: row.name },
      });
    });
    const client = (await this.list(caller)).find((c) => c.id === id);
    if (!client) throw new AppError('resource.notFound');
    return client;
  }

  /** The live client holding this key, or undefined (unknown or revoked); notes when it was last used. */
  async authenticate(key: string): Promise<Open311Client | undefined> {
    const row = await this.#db
      .updateTable('open311Client')
      .set({ lastUsedAt: new Date() })
      .where('keyHash', '=', hashKey(key))
      .where('revokedAt', 'is', null)
      .returning(['id', 'name', 'divisionCode'])
      .executeTakeFirst();
    return row;
  }
}
