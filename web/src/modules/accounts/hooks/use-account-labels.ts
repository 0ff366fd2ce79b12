import { grantableRoles, ROLE_NAMES, type Role } from '@linli/common';
import { useCallback, useMemo } from 'react';
import { useLocale } from '../../../i18n/index.ts';
import { useActiveSession } from '../../auth/hooks/use-auth.ts';

/** Role names in the current language. */
export function useRoleName() {
  const locale = useLocale();
  return useCallback((role: Role) => ROLE_NAMES[locale][role], [locale]);
}

/** The roles the signed-in user may grant (the form offers only these; the server checks again). */
export function useGrantableRoles(): Role[] {
  const session = useActiveSession();
  const roles = session?.roles;
  return useMemo(() => grantableRoles((roles ?? []).map((grant) => grant.role)), [roles]);
}
