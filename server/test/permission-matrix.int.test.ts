import { type Permission, ROLE_PERMISSIONS, ROUTE_ACCESS, type Role } from '@linli/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../src/demo/accounts.ts';
import { routeAccess } from '../src/platform/auth-guard.ts';
import { type AuthHeaders, buildTestApp, signIn, type TestApp } from './app.ts';

/**
 * Walks every operation of the OpenAPI document with every demo role: a role whose permissions
 * include the operation's access in `ROUTE_ACCESS` gets past the guard (any answer but 401/403),
 * every other role gets 403, and no session gets 401. An operation missing from the table fails here.
 */

let t: TestApp;
const sessions = new Map<Role, AuthHeaders>();
let operations: Array<{ method: string; path: string; operationId: string; access: string }>;

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  for (const account of DEMO_ACCOUNTS) sessions.set(account.role, await signIn(t.app, account.username));
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, { operationId: string }>>;
  };
  const access = routeAccess(t.app);
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([m, operation]) => {
      const method = m.toUpperCase();
      const fastifyUrl = path.replace(/\{(\w+)\}/g, ':$1');
      return {
        method,
        path,
        operationId: operation.operationId,
        access: access.get(`${method} ${fastifyUrl}`) ?? '',
      };
    }),
  );
});
afterAll(() => t.close());

/** A concrete URL for a templated path: a community in the caller's street, so scope does not decide. */
const urlOf = (path: string) =>
  path.replace('{code}', '220106001001001').replace(/\{[^}]+\}/g, '1') +
  (path.endsWith('/search') ? '?q=爱民' : '');

describe('permission matrix', () => {
  it('has a declared access on every API route', () => {
    const undeclared = [...routeAccess(t.app)].filter(([, a]) => !a).map(([route]) => route);
    expect(undeclared).toEqual([]);
    expect(operations.length).toBeGreaterThan(10);
    for (const op of operations) {
      expect(op.access, `${op.method} ${op.path}`).toBe(
        ROUTE_ACCESS[op.operationId as keyof typeof ROUTE_ACCESS],
      );
    }
  });

  it('has no operation in the table that the API does not serve', () => {
    const served = new Set(operations.map((op) => op.operationId));
    expect(Object.keys(ROUTE_ACCESS).filter((id) => !served.has(id))).toEqual([]);
  });

  it('lets exactly the roles holding the permission past the guard, and nobody without a session', async () => {
    const failures: string[] = [];
    for (const op of operations) {
      if (op.access === 'public' || op.path.startsWith('/api/v1/auth/')) continue;
      // A live stream never ends on its own; notifications.int.test.ts checks its access.
      if (op.operationId === 'streamNotifications') continue;
      const url = encodeURI(urlOf(op.path));
      const anonymous = await t.app.inject({
        method: op.method as 'GET',
        url,
        payload: op.method === 'GET' ? undefined : {},
      });
      if (anonymous.statusCode !== 401)
        failures.push(`${op.method} ${op.path} without session: ${anonymous.statusCode}`);
      for (const [role, headers] of sessions) {
        const res = await t.app.inject({
          method: op.method as 'GET',
          url,
          headers,
          payload: op.method === 'GET' || op.method === 'DELETE' ? undefined : {},
        });
        const allowed = op.access === 'session' || ROLE_PERMISSIONS[role].includes(op.access as Permission);
        const denied = res.statusCode === 401 || res.statusCode === 403;
        if (allowed === denied) failures.push(`${op.method} ${op.path} as ${role}: ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
    // Every operation runs for every role (exports included): minutes on a loaded 2-core machine.
  }, 600_000);
});
