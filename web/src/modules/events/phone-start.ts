import { useActiveSession, usePermissions } from '../auth/hooks/use-auth.ts';

/** Narrower than antd's `md` breakpoint: a phone. Read at once, so the first redirect is already right. */
const PHONE_QUERY = '(max-width: 767.98px)';

/**
 * Where a signed-in user starts on a phone: grid staff and department staff on their tasks,
 * residents on their own reports; desk users (who file and dispatch) keep the usual start.
 */
export function usePhoneStart(): string | null {
  const session = useActiveSession();
  const { can } = usePermissions();
  if (typeof window === 'undefined' || !window.matchMedia(PHONE_QUERY).matches) return null;
  if (can('event:manage')) return null;
  if (session?.roles.some((r) => r.role === 'resident')) return can('event:report') ? '/m/mine' : null;
  return can('event:handle') ? '/m/tasks' : null;
}
