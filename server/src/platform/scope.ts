import { PERMISSIONS, type Permission, type Role } from '@linli/common';
import type { FastifyRequest } from 'fastify';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { type Actor, SYSTEM_ACTOR } from './audit.ts';
import './auth-guard.ts';
import { AppError } from './errors.ts';

/**
 * A caller's data scope: the division-code prefixes it may see (DESIGN §2). `all` is for the
 * system itself (CLI, seeding, jobs). Every query over scoped rows filters through `inScope`.
 */
export type Scope = { kind: 'all' } | { kind: 'prefixes'; prefixes: readonly string[] };

export const SYSTEM_SCOPE: Scope = { kind: 'all' };

export function scopeOf(prefixes: readonly string[]): Scope {
  return { kind: 'prefixes', prefixes };
}

/** The one scope filter: `column LIKE prefix%` for each prefix (served by text_pattern_ops indexes). */
export function inScope<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: Expression<string> | string,
  scope: Scope,
): Expression<SqlBool> {
  if (scope.kind === 'all') return sql<boolean>`true`;
  if (scope.prefixes.length === 0) return sql<boolean>`false`;
  const ref = typeof column === 'string' ? sql.ref(column) : column;
  return eb.or(scope.prefixes.map((p) => sql<boolean>`${ref} like ${`${escapeLike(p)}%`}`));
}

export function codeInScope(code: string, scope: Scope): boolean {
  return scope.kind === 'all' || scope.prefixes.some((p) => code.startsWith(p));
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The resident a staff member is acting for (代办), set on the session for a while. */
export interface ActingFor {
  residentId: string;
  residentName: string;
  reason: string;
}

/**
 * Who is asking, what they may see and do: every service call that reads or writes takes one.
 * `permissions` and `roles` let services compute each row's abilities; `actingFor` is set when a
 * staff member acts for a resident, and records made then say "staff X for resident Y".
 */
export interface Caller {
  scope: Scope;
  actor: Actor;
  permissions: readonly Permission[];
  roles: readonly Role[];
  /** Departments (职能部门) and organizations the caller's grants act for: their rows, whatever the division. */
  departments?: readonly string[];
  organizationIds?: readonly string[];
  actingFor?: ActingFor | null;
}

export const SYSTEM_CALLER: Caller = {
  scope: SYSTEM_SCOPE,
  actor: SYSTEM_ACTOR,
  permissions: PERMISSIONS,
  roles: [],
};

export function can(caller: Pick<Caller, 'permissions'>, permission: Permission): boolean {
  return caller.permissions.includes(permission);
}

/** The caller of a request, from its session (the auth guard has already checked it). */
export function requestCaller(request: FastifyRequest): Caller {
  const session = request.session;
  if (!session) throw new AppError('auth.required');
  const actingFor = session.actingFor;
  return {
    scope: session.scope,
    permissions: session.permissions,
    roles: session.roles,
    departments: session.grants.flatMap((g) => (g.department ? [g.department] : [])),
    organizationIds: session.grants.flatMap((g) => (g.organizationId ? [g.organizationId] : [])),
    actingFor,
    actor: {
      id: session.accountId,
      name: session.displayName,
      role: session.roles.join(','),
      onBehalfOf: actingFor?.residentId ?? null,
      onBehalfOfName: actingFor?.residentName ?? null,
      onBehalfReason: actingFor?.reason ?? null,
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
      requestId: String(request.id),
    },
  };
}

export function requestScope(request: FastifyRequest): Scope {
  return requestCaller(request).scope;
}
