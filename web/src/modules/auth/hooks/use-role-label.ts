import { ROLE_NAMES } from '@linli/common';
import { useCallback } from 'react';
import { useLocale } from '../../../i18n/index.ts';
import type { RoleGrant } from '../auth.types.ts';

/** 区民政局管理员 · 绿园区 — a role's name in the current language and where it applies. */
export function useRoleLabel(): (grant: RoleGrant) => string {
  const locale = useLocale();
  return useCallback(
    (grant) => {
      const name = ROLE_NAMES[locale][grant.role];
      const where = grant.scopeName ?? grant.department;
      return where ? `${name} · ${where}` : name;
    },
    [locale],
  );
}
