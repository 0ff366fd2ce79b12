import '@fastify/cookie';
import { type Access, accessOf } from '@linli/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuthService, ClientInfo, SessionContext } from '../modules/accounts/auth.service.ts';
import { AppError } from './errors.ts';

export const SESSION_COOKIE = 'linli_session';

export type { Access };

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Only for hidden routes without an operationId (the OpenAPI document itself). */
    access?: Access;
  }
  interface FastifyRequest {
    session: SessionContext | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function clientOf(request: FastifyRequest): ClientInfo {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null, requestId: String(request.id) };
}

export function requireSession(request: FastifyRequest): SessionContext {
  if (!request.session) throw new AppError('auth.required');
  return request.session;
}

const declared = new WeakMap<FastifyInstance, Map<string, Access | undefined>>();

/**
 * Each API route (`GET /api/v1/divisions/:code`) with its access from `ROUTE_ACCESS` (by the
 * route's operationId), or undefined when it has none: such a route is refused to everyone.
 */
export function routeAccess(app: FastifyInstance): Map<string, Access | undefined> {
  return declared.get(app) ?? new Map();
}

/** Call before any route is registered, so every API route's declaration is seen. */
export function registerAuthGuard(app: FastifyInstance, auth: AuthService): void {
  const routes = new Map<string, Access | undefined>();
  declared.set(app, routes);
  app.addHook('onRoute', (route) => {
    const url = route.url ?? route.path;
    if (!url.startsWith('/api/') || url.startsWith('/api/docs')) return;
    const operationId = (route.schema as { operationId?: string } | undefined)?.operationId;
    const access = operationId ? accessOf(operationId) : route.config?.access;
    route.config = { ...route.config, access } as typeof route.config;
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.set(`${method} ${url}`, access);
    }
  });
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request) => {
    // The web app's files and the interactive API documentation are open to all.
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs')) return;
    const access = request.routeOptions.config?.access;
    if (access === 'public') return;
    // Unknown routes fall through to the 404 handler, which has no access declared.
    if (request.routeOptions.url === undefined) return;
    const session = await auth.resolve(request.cookies[SESSION_COOKIE]);
    if (!session) throw new AppError('auth.required');
    request.session = session;
    if (UNSAFE.has(request.method) && request.headers['x-csrf-token'] !== session.csrfToken) {
      throw new AppError('auth.csrf');
    }
    if (access === 'session') return;
    if (session.stage !== 'active') throw new AppError('auth.required');
    if (!access || !session.permissions.includes(access)) throw new AppError('auth.forbidden');
  });
}
