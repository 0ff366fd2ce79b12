import {
  DIVISION_SCOPED_ROLES,
  FAIR_ACTION_NAMES,
  FAIR_MATCH_ACTION_NAMES,
  FAIR_MATCH_STATE_NAMES,
  FAIR_STATE_NAMES,
  type FairAction,
  type FairMatchAction,
  type FairMatchState,
  type FairState,
} from '@linli/common';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { type Caller, inScope } from '../../platform/scope.ts';
import { defineWorkflow, type WorkflowRow } from '../../platform/workflow.ts';

export type Db = Kysely<DB> | Transaction<DB>;

/** A caller acting only for its organization(s): it sees only its own exhibits' matches. */
export function isOrganizationOnly(caller: Caller): boolean {
  return caller.roles.includes('social_org') && !caller.roles.some((r) => DIVISION_SCOPED_ROLES.includes(r));
}

/**
 * Matches a caller sees: an organization account those of its own exhibits; staff those whose
 * offer's area is within their division scope (the district all).
 */
export function matchesVisibleTo(db: Db, caller: Caller) {
  const q = db.selectFrom('fairMatch as m');
  if (isOrganizationOnly(caller)) {
    const ids = caller.organizationIds ?? [];
    return ids.length === 0 ? q.where(sql<boolean>`false`) : q.where('m.organizationId', 'in', ids);
  }
  return q.where((eb) => inScope(eb, 'm.division_code', caller.scope));
}

export const FAIR_LIFECYCLE = 'fair.edition';
export const FAIR_MATCH_LIFECYCLE = 'fair.match';

/** An edition: the district opens it (matching and signing start) and closes it. */
export const fairLifecycle = defineWorkflow<FairState, FairAction, WorkflowRow>({
  name: FAIR_LIFECYCLE,
  entityType: 'fair',
  table: 'fair',
  states: ['planned', 'open', 'closed'],
  transitions: [
    { action: 'open', from: ['planned'], to: 'open', roles: ['district_admin'], comment: 'optional' },
    { action: 'close', from: ['open'], to: 'closed', roles: ['district_admin'], comment: 'optional' },
  ],
  names: {
    'zh-CN': { states: FAIR_STATE_NAMES['zh-CN'], actions: FAIR_ACTION_NAMES['zh-CN'] },
    'en-US': { states: FAIR_STATE_NAMES['en-US'], actions: FAIR_ACTION_NAMES['en-US'] },
  },
  load: (trx, caller, id) =>
    trx
      .selectFrom('fair as f')
      .select(['f.id', 'f.state', 'f.version', 'f.divisionCode'])
      .where('f.id', '=', id)
      .where((eb) => inScope(eb, 'f.division_code', caller.scope))
      .forUpdate()
      .executeTakeFirst(),
});

/**
 * A match: the side that did not ask accepts (negotiating) or either side declines; the district
 * signs a negotiated match, which drafts its contract in the same transaction.
 */
export const fairMatchLifecycle = defineWorkflow<FairMatchState, FairMatchAction, WorkflowRow>({
  name: FAIR_MATCH_LIFECYCLE,
  entityType: 'fair_match',
  table: 'fair_match',
  states: ['proposed', 'negotiating', 'signed', 'declined'],
  transitions: [
    {
      action: 'accept',
      from: ['proposed'],
      to: 'negotiating',
      roles: ['district_admin', 'street_staff', 'community_worker', 'social_org'],
      comment: 'optional',
    },
    {
      action: 'decline',
      from: ['proposed', 'negotiating'],
      to: 'declined',
      roles: ['district_admin', 'street_staff', 'community_worker', 'social_org'],
      comment: 'optional',
    },
    { action: 'sign', from: ['negotiating'], to: 'signed', roles: ['district_admin'], comment: 'optional' },
  ],
  names: {
    'zh-CN': { states: FAIR_MATCH_STATE_NAMES['zh-CN'], actions: FAIR_MATCH_ACTION_NAMES['zh-CN'] },
    'en-US': { states: FAIR_MATCH_STATE_NAMES['en-US'], actions: FAIR_MATCH_ACTION_NAMES['en-US'] },
  },
  load: (trx, caller, id) =>
    matchesVisibleTo(trx, caller)
      .select(['m.id', 'm.state', 'm.version', 'm.divisionCode'])
      .where('m.id', '=', id)
      .forUpdate()
      .executeTakeFirst(),
});
