import { ROLE_NAMES, ROLES, type Role } from '@linli/common';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n/index.ts';
import { AUDIT_ACTIONS, isAuditAction } from './use-audit-filters.ts';

const ENTITY_TYPES = ['account', 'division', 'resident'] as const;

function isEntityType(value: string): value is (typeof ENTITY_TYPES)[number] {
  return (ENTITY_TYPES as readonly string[]).includes(value);
}

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Names of audit actions, entity types and roles in the current language; unknown codes are shown as they are. */
export function useAuditLabels() {
  const { t } = useTranslation();
  const locale = useLocale();
  const actionLabel = useCallback(
    (action: string) => (isAuditAction(action) ? t(`audit.actions.${AUDIT_ACTIONS[action]}`) : action),
    [t],
  );
  const entityTypeLabel = useCallback(
    (type: string) => (isEntityType(type) ? t(`audit.entityTypes.${type}`) : type),
    [t],
  );
  const roleLabel = useCallback((role: string) => (isRole(role) ? ROLE_NAMES[locale][role] : role), [locale]);
  return { actionLabel, entityTypeLabel, roleLabel };
}
