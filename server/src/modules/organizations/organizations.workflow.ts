import {
  beijingToday,
  checkUscc,
  FILING_REQUIRED_ATTACHMENTS,
  isRegisteredKind,
  ORGANIZATION_ACTION_NAMES,
  ORGANIZATION_STATE_NAMES,
  type OrganizationAction,
  type OrganizationState,
} from '@linli/common';
import type { Caller } from '../../platform/scope.ts';
import { defineWorkflow, type GuardRefusal, type WorkflowRow } from '../../platform/workflow.ts';
import { attachmentPurposes, visibleTo } from './organizations.repository.ts';

/** What the lifecycle's guards look at. */
export interface OrganizationWorkflowRow extends WorkflowRow {
  kind: string;
  usccOk: boolean;
  /** Purposes of the attachments on the record (a filing needs FILING_REQUIRED_ATTACHMENTS). */
  materials: readonly string[];
}

export const LIFECYCLE = 'organization.lifecycle';

const isDistrict = (caller: Caller) => caller.roles.includes('district_admin');

/** A street handles community organizations only; registered kinds are the district's (R2.1). */
const streetOnlyCommunity = (row: OrganizationWorkflowRow, caller: Caller): GuardRefusal | null =>
  isDistrict(caller) || row.kind === 'community_org' ? null : { reason: 'organization.streetOnlyCommunity' };

export const organizationLifecycle = defineWorkflow<
  OrganizationState,
  OrganizationAction,
  OrganizationWorkflowRow
>({
  name: LIFECYCLE,
  entityType: 'organization',
  table: 'organization',
  states: ['applied', 'returned', 'active', 'suspended', 'deregistered'],
  transitions: [
    {
      action: 'approveFiling',
      from: ['applied'],
      to: 'active',
      roles: ['street_staff'],
      guard: (row) => {
        if (row.kind !== 'community_org') return { reason: 'organization.filingOnlyCommunity' };
        const missing = FILING_REQUIRED_ATTACHMENTS.filter((p) => !row.materials.includes(p));
        return missing.length === 0
          ? null
          : {
              reason: 'organization.filingMaterialsMissing',
              reasonParams: { count: missing.length, missing },
            };
      },
    },
    {
      action: 'register',
      from: ['applied'],
      to: 'active',
      roles: ['district_admin'],
      guard: (row) =>
        !isRegisteredKind(row.kind)
          ? { reason: 'organization.registerOnlyRegistered' }
          : row.usccOk
            ? null
            : { reason: 'organization.usccUnverified' },
    },
    {
      action: 'return',
      from: ['applied'],
      to: 'returned',
      roles: ['street_staff', 'district_admin'],
      guard: streetOnlyCommunity,
      comment: 'required',
    },
    { action: 'resubmit', from: ['returned'], to: 'applied', roles: ['social_org', 'community_worker'] },
    {
      action: 'suspend',
      from: ['active'],
      to: 'suspended',
      roles: ['district_admin', 'street_staff'],
      guard: streetOnlyCommunity,
      comment: 'required',
    },
    {
      action: 'resume',
      from: ['suspended'],
      to: 'active',
      roles: ['district_admin', 'street_staff'],
      guard: streetOnlyCommunity,
    },
    {
      action: 'deregister',
      from: ['active', 'suspended'],
      to: 'deregistered',
      roles: ['district_admin'],
      comment: 'required',
    },
  ],
  names: {
    'zh-CN': { states: ORGANIZATION_STATE_NAMES['zh-CN'], actions: ORGANIZATION_ACTION_NAMES['zh-CN'] },
    'en-US': { states: ORGANIZATION_STATE_NAMES['en-US'], actions: ORGANIZATION_ACTION_NAMES['en-US'] },
  },
  // The filing or registration date is the day it was granted, unless the record already names one.
  effects: async (trx, { rule, row }) => {
    const column =
      rule.action === 'approveFiling' ? 'filedOn' : rule.action === 'register' ? 'registeredOn' : null;
    if (!column) return;
    await trx
      .updateTable('organization')
      .set({ [column]: beijingToday() })
      .where('id', '=', row.id)
      .where(column, 'is', null)
      .execute();
  },
  load: async (trx, caller, id) => {
    const row = await visibleTo(trx, caller)
      .select(['o.id', 'o.state', 'o.version', 'o.divisionCode', 'o.kind', 'o.uscc', 'o.usccManualCheck'])
      .select(attachmentPurposes)
      .where('o.id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      state: row.state,
      version: row.version,
      divisionCode: row.divisionCode,
      kind: row.kind,
      usccOk: usccAcceptable(row.uscc, row.usccManualCheck),
      materials: row.materials,
    };
  },
});

/** A credit code a registration may rest on: one passing the check, or a legacy one verified by hand. */
export function usccAcceptable(uscc: string | null, manualCheck: unknown): boolean {
  if (uscc === null) return false;
  return manualCheck !== null || checkUscc(uscc).ok;
}
