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
import * as incubation from './202611271800_incubation.ts';
import * as federations from './202611271810_federations.ts';
import * as inspections from './202611271820_inspections.ts';
import * as organizationAttachments from './202611271830_organization_attachments.ts';
import * as organizationCatalog from './202611271840_organization_catalog.ts';
import * as organizationIndicators from './202611271850_organization_indicators.ts';
import * as organizationSearch from './202611271860_organization_search.ts';
import * as gridRosters from './202611271900_grid_rosters.ts';
import * as eventCategories from './202611271910_event_categories.ts';
import * as holidayCalendar from './202611271920_holiday_calendar.ts';
import * as funds from './202611272000_funds.ts';
import * as fundingCalls from './202611272010_calls.ts';
import * as notifications from './202611272090_notifications.ts';
import * as open311Clients from './202611272095_open311_clients.ts';
import * as gridEvents from './202611272100_events.ts';
import * as fundingReviews from './202611272110_funding_reviews.ts';
import * as contracts from './202611272120_contracts.ts';
import * as volunteers from './202611272130_volunteers.ts';
import * as pointsLedger from './202611272140_points_ledger.ts';
import * as loveSupermarket from './202611272150_love_supermarket.ts';
import * as volunteerExtras from './202611272160_volunteer_extras.ts';
import * as gradeEvaluation from './202611272170_grade_evaluation.ts';
import * as fair from './202611272180_fair.ts';
import * as fundingExtras from './202611272190_funding_extras.ts';
import * as volunteerServiceActivity from './202611282000_volunteer_service_activity.ts';

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
  '202611271800_incubation': incubation,
  '202611271810_federations': federations,
  '202611271820_inspections': inspections,
  '202611271830_organization_attachments': organizationAttachments,
  '202611271840_organization_catalog': organizationCatalog,
  '202611271850_organization_indicators': organizationIndicators,
  '202611271860_organization_search': organizationSearch,
  '202611271900_grid_rosters': gridRosters,
  '202611271910_event_categories': eventCategories,
  '202611271920_holiday_calendar': holidayCalendar,
  '202611272000_funds': funds,
  '202611272010_calls': fundingCalls,
  '202611272090_notifications': notifications,
  '202611272095_open311_clients': open311Clients,
  '202611272100_events': gridEvents,
  '202611272110_funding_reviews': fundingReviews,
  '202611272120_contracts': contracts,
  '202611272130_volunteers': volunteers,
  '202611272140_points_ledger': pointsLedger,
  '202611272150_love_supermarket': loveSupermarket,
  '202611272160_volunteer_extras': volunteerExtras,
  '202611272170_grade_evaluation': gradeEvaluation,
  '202611272180_fair': fair,
  '202611272190_funding_extras': fundingExtras,
  '202611282000_volunteer_service_activity': volunteerServiceActivity,
};
