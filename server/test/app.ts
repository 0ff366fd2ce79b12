import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { authenticator } from 'otplib';
import { expect } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Database } from '../src/db/database.ts';
import { DEMO_ADMIN_TOTP_SECRET, DEMO_PASSWORD } from '../src/demo/accounts.ts';
import { ConsoleSmsProvider } from '../src/platform/sms.ts';
import { createTestDatabase, TEST_CIPHER } from './database.ts';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  /** What the app "sent" by SMS (the console provider, nothing leaves the process). */
  sms: ConsoleSmsProvider;
  close(): Promise<void>;
}

const lastTotpStep = new Map<string, number>();

/**
 * A TOTP code the server has not seen yet for this account: each code is good once, so repeated
 * sign-ins in one test file use the next time step (the server accepts one step either side) and
 * wait for the clock only when two were used within 30 seconds (never the step before now: it
 * may expire on the way).
 */
export async function unusedTotp(username: string, secret = DEMO_ADMIN_TOTP_SECRET): Promise<string> {
  const nowStep = () => Math.floor(Date.now() / 30_000);
  const step = Math.max(nowStep(), (lastTotpStep.get(username) ?? 0) + 1);
  while (step > nowStep() + 1) await new Promise((r) => setTimeout(r, 1000));
  lastTotpStep.set(username, step);
  return authenticator.clone({ epoch: step * 30_000 }).generate(secret);
}

export type AuthHeaders = { cookie: string; 'x-csrf-token': string };

/**
 * Signs a demo account in through the API (with the demo admin's TOTP step when asked) and
 * returns the headers a browser would send: the session cookie and the CSRF token.
 */
export async function signIn(
  app: FastifyInstance,
  username: string,
  password = DEMO_PASSWORD,
): Promise<AuthHeaders> {
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  if (login.statusCode !== 200)
    throw new Error(`sign-in of ${username} answered ${login.statusCode}: ${login.body}`);
  const cookie = String(login.headers['set-cookie']).split(';')[0]!;
  let state = login.json() as { stage: string; csrfToken: string };
  if (state.stage === 'totp') {
    const totp = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp',
      headers: { cookie, 'x-csrf-token': state.csrfToken },
      payload: { code: await unusedTotp(username) },
    });
    state = totp.json();
  }
  return { cookie, 'x-csrf-token': state.csrfToken };
}

/** The real app on a fresh test database, optionally with the Lüyuan demo loaded. */
export async function buildTestApp(options: { demo?: boolean } = {}): Promise<TestApp> {
  const database = await createTestDatabase({ demo: options.demo ?? false });
  const sms = new ConsoleSmsProvider(null, () => {});
  // Uploaded files of this test app go to a folder of its own, removed on close.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-test-'));
  const app = await buildApp({
    config: loadConfig({}, { webDist: '/nonexistent', logLevel: 'silent', dataDir }),
    database,
    cipher: TEST_CIPHER,
    logger: false,
    sms,
    compileSchemasOnFirstUse: true,
  });
  await app.ready();
  return {
    app,
    database,
    sms,
    close: async () => {
      await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type ApiMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * Calls on `/api/v1` as a signed-in user: `call` answers the response, `ok` also expects a 2xx and
 * answers the body. Takes a getter because test files build their app in `beforeAll`.
 */
export function apiCalls(app: () => FastifyInstance) {
  const call = (headers: AuthHeaders, method: ApiMethod, url: string, payload?: unknown) =>
    app().inject({ method, url: `/api/v1${url}`, headers, payload: payload as string | undefined });
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely
  async function ok<T = Record<string, any>>(
    headers: AuthHeaders,
    method: ApiMethod,
    url: string,
    payload?: unknown,
  ): Promise<T> {
    const res = await call(headers, method, url, payload);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json() as T;
  }
  return { call, ok };
}
