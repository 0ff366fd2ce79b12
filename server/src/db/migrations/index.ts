import type { Migration } from 'kysely';
import * as divisions from './202611270900_divisions.ts';
import * as divisionNameBigrams from './202611271000_division_name_bigrams.ts';
import * as auditLog from './202611271100_audit_log.ts';
import * as accounts from './202611271200_accounts.ts';
import * as auditActorSearch from './202611271300_audit_actor_search.ts';
import * as securityBase from './202611271400_security_base.ts';
import * as residents from './202611271500_residents.ts';
import * as accountAdmin from './202611271510_account_admin.ts';
import * as workflowHistory from './202611271600_workflow_history.ts';
import * as organizations from './202611271700_organizations.ts';

/** Every migration, by file name. Listed statically so they load the same under tsx, Vitest and a bundler. */
export const MIGRATIONS: Record<string, Migration> = {
  '202611270900_divisions': divisions,
  '202611271000_division_name_bigrams': divisionNameBigrams,
  '202611271100_audit_log': auditLog,
  '202611271200_accounts': accounts,
  '202611271300_audit_actor_search': auditActorSearch,
  '202611271400_security_base': securityBase,
  '202611271500_residents': residents,
  '202611271510_account_admin': accountAdmin,
  '202611271600_workflow_history': workflowHistory,
  '202611271700_organizations': organizations,
};
