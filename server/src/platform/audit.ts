import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { AuditLog, DB } from '../db/schema.gen.ts';
import { sm3Hex } from './crypto.ts';

/**
 * The audit log (DESIGN §5): every write and every reveal of personal data appends one entry in
 * the same transaction as the change. Entries are chained: hash = SM3(prev_hash ‖ canonical entry),
 * so editing or removing any entry breaks the chain at that entry (`linli audit verify`).
 */

/** Who acts: an account (or the system), possibly for a resident, from where. */
export interface Actor {
  id: string;
  name: string;
  role: string | null;
  /** Resident the staff member acts for (代办), when acting on behalf of someone: id, name, reason. */
  onBehalfOf?: string | null;
  onBehalfOfName?: string | null;
  onBehalfReason?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'system', role: null };

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  /** The division the entity belongs to, so auditors of a street see their street's entries. */
  divisionCode?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  success?: boolean;
}

export const GENESIS_HASH = '0'.repeat(64);

/** An entry as hashed: every stored column but the hashes themselves. */
type Row = Omit<Selectable<AuditLog>, 'prevHash' | 'hash' | 'before' | 'after'> & {
  before: unknown;
  after: unknown;
};

/** JSON with object keys sorted at every depth: jsonb does not keep key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function entryHash(prevHash: string, row: Row): string {
  const { seq, at, actorId, actorName, actorRole, onBehalfOf, action, entityType, entityId, divisionCode } =
    row;
  const { before, after, success, ip, userAgent, requestId, onBehalfName, onBehalfReason } = row;
  const canonical = canonicalJson({
    seq: Number(seq),
    at: at.toISOString(),
    actorId,
    actorName,
    actorRole,
    onBehalfOf,
    // Hashed only when set, so entries written before these columns existed keep their hashes.
    onBehalfName: onBehalfName ?? undefined,
    onBehalfReason: onBehalfReason ?? undefined,
    action,
    entityType,
    entityId,
    divisionCode,
    before: before ?? null,
    after: after ?? null,
    success,
    ip,
    userAgent,
    requestId,
  });
  return sm3Hex(prevHash + canonical);
}

/** Appends one entry inside the caller's transaction. */
export async function appendAudit(trx: Transaction<DB>, actor: Actor, entry: AuditEntry): Promise<void> {
  await appendAuditBatch(trx, actor, [entry]);
}

/**
 * Appends entries in order inside the caller's transaction. Taking the head row's lock first
 * orders concurrent writers, so the chain stays one line.
 */
export async function appendAuditBatch(
  trx: Transaction<DB>,
  actor: Actor,
  entries: AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const head = await trx
    .updateTable('auditHead')
    .set({ seq: sql<number>`seq + ${entries.length}` })
    .where('id', '=', 1)
    .returning(['seq', 'lastHash'])
    .executeTakeFirstOrThrow();
  const at = new Date();
  let seq = Number(head.seq) - entries.length;
  let prev = head.lastHash;
  const rows = entries.map((entry) => {
    seq += 1;
    const row: Row = {
      seq,
      at,
      actorId: actor.id,
      actorName: actor.name,
      actorRole: actor.role,
      onBehalfOf: actor.onBehalfOf ?? null,
      onBehalfName: actor.onBehalfOfName ?? null,
      onBehalfReason: actor.onBehalfReason ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      divisionCode: entry.divisionCode ?? null,
      before: entry.before ?? null,
      after: entry.after ?? null,
      success: entry.success ?? true,
      ip: actor.ip ?? null,
      userAgent: actor.userAgent ?? null,
      requestId: actor.requestId ?? null,
    };
    const hash = entryHash(prev, row);
    const stored = {
      ...row,
      before: row.before === null ? null : JSON.stringify(row.before),
      after: row.after === null ? null : JSON.stringify(row.after),
      prevHash: prev,
      hash,
    };
    prev = hash;
    return stored;
  });
  for (let i = 0; i < rows.length; i += 500) {
    await trx
      .insertInto('auditLog')
      .values(rows.slice(i, i + 500))
      .execute();
  }
  await trx.updateTable('auditHead').set({ lastHash: prev }).where('id', '=', 1).execute();
}

/** The fields whose values differ, as before/after pairs (only what changed goes to the log). */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } | null {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (after[key] === undefined) continue;
    if (canonicalJson(before[key]) !== canonicalJson(after[key])) {
      b[key] = before[key] ?? null;
      a[key] = after[key];
    }
  }
  return Object.keys(a).length === 0 ? null : { before: b, after: a };
}

export type VerifyResult =
  | { ok: true; entries: number; lastSeq: number }
  | { ok: false; entries: number; brokenSeq: number; reason: 'hash' | 'link' | 'missing' | 'head' };

/** Walks the chain in order and names the first entry that does not hold. */
export async function verifyAuditChain(db: Kysely<DB>, batch = 2000): Promise<VerifyResult> {
  const head = await db.selectFrom('auditHead').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  let prev = head.archivedLastHash ?? GENESIS_HASH;
  let expectedSeq = Number(head.archivedThroughSeq) + 1;
  let entries = 0;
  for (;;) {
    const rows = await db
      .selectFrom('auditLog')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(batch)
      .execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== expectedSeq) return { ok: false, entries, brokenSeq: expectedSeq, reason: 'missing' };
      if (r.prevHash !== prev) return { ok: false, entries, brokenSeq: seq, reason: 'link' };
      if (entryHash(prev, { ...r, seq, before: r.before, after: r.after }) !== r.hash) {
        return { ok: false, entries, brokenSeq: seq, reason: 'hash' };
      }
      prev = r.hash;
      expectedSeq += 1;
      entries += 1;
    }
  }
  if (Number(head.seq) !== expectedSeq - 1 || head.lastHash !== prev) {
    return { ok: false, entries, brokenSeq: expectedSeq, reason: 'head' };
  }
  return { ok: true, entries, lastSeq: expectedSeq - 1 };
}

/** The law's floor (网络安全法 Art. 21(3)): network logs are kept at least six months. */
export const MIN_RETENTION_DAYS = 180;

/**
 * Moves entries older than `before` to a JSON-lines file (every field, with its hashes, so the
 * archived part stays verifiable), then removes them from the table and records where the chain
 * now starts. Never deletes what it has not written to the file first; refuses to cut into the
 * minimum retention.
 */
export async function archiveAudit(
  db: Kysely<DB>,
  options: { before: Date; write: (lines: string[]) => Promise<void>; now?: Date },
): Promise<{ archived: number; throughSeq: number | null }> {
  const floor = new Date((options.now ?? new Date()).getTime() - MIN_RETENTION_DAYS * 86_400_000);
  if (options.before > floor)
    throw new Error(`audit entries must be kept at least ${MIN_RETENTION_DAYS} days`);
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom('auditHead').select('id').where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
    const rows = await trx
      .selectFrom('auditLog')
      .selectAll()
      .where('at', '<', options.before)
      .orderBy('seq')
      .execute();
    if (rows.length === 0) return { archived: 0, throughSeq: null };
    const last = rows.at(-1)!;
    // Entries are ordered by seq; an entry older than `before` after a newer one would leave a hole.
    const newer = await trx
      .selectFrom('auditLog')
      .select('seq')
      .where('seq', '<', last.seq)
      .where('at', '>=', options.before)
      .executeTakeFirst();
    const through = newer ? Number(newer.seq) - 1 : Number(last.seq);
    const archived = rows.filter((r) => Number(r.seq) <= through);
    if (archived.length === 0) return { archived: 0, throughSeq: null };
    await options.write(archived.map((r) => canonicalJson({ ...r, seq: Number(r.seq) })));
    await sql`select set_config('linli.audit_archiving', 'on', true)`.execute(trx);
    await trx.deleteFrom('auditLog').where('seq', '<=', through).execute();
    await trx
      .updateTable('auditHead')
      .set({ archivedThroughSeq: through, archivedLastHash: archived.at(-1)!.hash })
      .where('id', '=', 1)
      .execute();
    return { archived: archived.length, throughSeq: through };
  });
}
