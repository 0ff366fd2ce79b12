import { isRegisteredKind, ORGANIZATION_ACTIONS } from '@linli/common';
import { type Caller, can } from '../../platform/scope.ts';
import { availableActions } from '../../platform/workflow.ts';
import type { OrganizationAbilities } from './organizations.schemas.ts';
import { type OrganizationWorkflowRow, organizationLifecycle } from './organizations.workflow.ts';

/**
 * Who may edit an organization's record (scope is already settled: a row outside it is never
 * returned). The district keeps every record; streets and communities the community organizations
 * filed with them; an organization account its own record while the filing is open.
 */
export function canEdit(caller: Caller, row: { kind: string; state: string }): boolean {
  if (row.state === 'deregistered' || !can(caller, 'organization:write')) return false;
  if (can(caller, 'organization:register')) return true;
  if (caller.roles.includes('street_staff') || caller.roles.includes('community_worker'))
    return row.kind === 'community_org';
  if (caller.roles.includes('social_org')) return row.state === 'applied' || row.state === 'returned';
  return false;
}

/**
 * Who may report an organization's yearly funding (R6.2): whoever keeps its record, and the
 * organization itself whatever its state, since it knows its own income best.
 */
export function canEditFunding(caller: Caller, row: { kind: string; state: string }): boolean {
  if (row.state === 'deregistered' || !can(caller, 'organization:write')) return false;
  return canEdit(caller, row) || caller.roles.includes('social_org');
}

export function organizationAbilities(caller: Caller, row: OrganizationWorkflowRow): OrganizationAbilities {
  const actions = new Set(availableActions(organizationLifecycle, row, caller));
  const abilities = Object.fromEntries(ORGANIZATION_ACTIONS.map((a) => [a, actions.has(a)])) as Omit<
    OrganizationAbilities,
    'update' | 'editFunding' | 'verifyUscc'
  >;
  return {
    ...abilities,
    update: canEdit(caller, row),
    editFunding: canEditFunding(caller, row),
    verifyUscc:
      can(caller, 'organization:register') && isRegisteredKind(row.kind) && row.state !== 'deregistered',
  };
}
