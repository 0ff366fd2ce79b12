import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { AuthState } from '../auth.types.ts';
import { authKeys } from '../auth-session.ts';
import { useLogout } from './use-auth.ts';

/** Tests shorten the idle timeout with `localStorage['linli.idleTimeoutSeconds'] = '5'`. */
const IDLE_OVERRIDE_KEY = 'linli.idleTimeoutSeconds';
/** Activity is shared by the tabs of one browser: they share the session cookie too. */
const LAST_ACTIVITY_KEY = 'linli.lastActivityAt';
const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;
/** setTimeout's longest delay (about 24.8 days); longer delays fire at once. */
const MAX_DELAY = 2 ** 31 - 1;

function readStorage(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** The server's idle timeout, or the local override when that is shorter (never longer). */
export function idleTimeoutMs(serverSeconds: number): number {
  const override = Number(readStorage(IDLE_OVERRIDE_KEY) ?? Number.NaN);
  const seconds =
    Number.isFinite(override) && override > 0 && override < serverSeconds ? override : serverSeconds;
  return seconds * 1000;
}

function sharedLastActivity(): number {
  const value = Number(readStorage(LAST_ACTIVITY_KEY) ?? 0);
  return Number.isFinite(value) ? value : 0;
}

function shareActivity(at: number): void {
  try {
    window.localStorage.setItem(LAST_ACTIVITY_KEY, String(at));
  } catch {
    // Storage disabled: each tab judges idleness on its own.
  }
}

/**
 * The client side of the session timeouts (等保: end idle sessions).
 * - Idle: pointer and key activity in any tab of this browser counts. After the idle timeout without
 *   any, the session is signed out and the sign-in page opens with `reason=idle` and `next`.
 *   Returning to a hidden tab checks at once (background timers are throttled), then counts as activity.
 * - Keep-alive: the server measures idleness by requests, so a user who is active here but has not
 *   caused a request for half the server's idle timeout (reading a long page, filling a form)
 *   refreshes `auth/me`, which keeps the server session in step.
 * - Absolute end: at `expiresAt` the session is re-read; the server answers 401 and the guard asks
 *   for sign-in.
 */
export function useSessionTimers(session: AuthState): void {
  const client = useQueryClient();
  const { mutate: logout } = useLogout();
  const { idleTimeoutSeconds, expiresAt } = session;

  useEffect(() => {
    const timeout = idleTimeoutMs(idleTimeoutSeconds);
    const keepAliveEvery = (idleTimeoutSeconds * 1000) / 2;
    const throttle = Math.min(1000, timeout / 10);
    let lastActivity = Date.now();
    let lastKeepAlive = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let ended = false;
    shareActivity(lastActivity);

    const check = () => {
      if (ended) return;
      clearTimeout(timer);
      const remaining = Math.max(lastActivity, sharedLastActivity()) + timeout - Date.now();
      if (remaining <= 0) {
        ended = true;
        logout('idle');
        return;
      }
      timer = setTimeout(check, remaining + 50);
    };

    const onActivity = () => {
      const now = Date.now();
      if (ended || now - lastActivity < throttle) return;
      lastActivity = now;
      shareActivity(now);
      if (now - lastKeepAlive > keepAliveEvery) {
        lastKeepAlive = now;
        void client.refetchQueries({ queryKey: authKeys.me, exact: true });
      }
    };

    const onVisibility = () => {
      if (document.visibilityState !== 'visible') return;
      check();
      onActivity();
    };

    for (const type of ACTIVITY_EVENTS) {
      window.addEventListener(type, onActivity, { capture: true, passive: true });
    }
    document.addEventListener('visibilitychange', onVisibility);
    check();
    return () => {
      ended = true;
      clearTimeout(timer);
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, onActivity, { capture: true });
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [client, logout, idleTimeoutSeconds]);

  useEffect(() => {
    const delay = new Date(expiresAt).getTime() - Date.now() + 1000;
    if (!Number.isFinite(delay)) return;
    const timer = setTimeout(
      () => void client.refetchQueries({ queryKey: authKeys.me, exact: true }),
      Math.min(Math.max(delay, 0), MAX_DELAY),
    );
    return () => clearTimeout(timer);
  }, [client, expiresAt]);
}
