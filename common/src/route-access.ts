import type { Permission } from './permissions.ts';

/**
 * Who may call each API operation, by its OpenAPI `operationId` — the one reviewed table of the
 * permission matrix (issue #3 §4). The server's guard reads it for every route; a route whose
 * operation is missing here does not start, and the permission-matrix test walks every operation
 * with every demo role against it.
 * - `public`: anyone (health, sign-in);
 * - `session`: any signed-in session, even one still at its second step (me, TOTP, password);
 * - a permission: an active session whose roles grant it.
 */
export type Access = 'public' | 'session' | Permission;

export const ROUTE_ACCESS = {
  getHealth: 'public',

  login: 'public',
  verifyTotp: 'session',
  changePassword: 'session',
  getMe: 'session',
  logout: 'session',
  logoutEverywhere: 'session',
  requestSmsCode: 'public',
  loginBySms: 'public',
  startActing: 'resident:write',
  stopActing: 'session',

  listMySessions: 'session',
  revokeMySession: 'session',
  startTotpSetup: 'session',
  confirmTotpSetup: 'session',
  renewRecoveryCodes: 'session',
  disableTotp: 'session',

  getDivisionTree: 'division:read',
  searchDivisions: 'division:read',
  exportDivisions: 'division:read',
  getDivision: 'division:read',
  listDivisionChildren: 'division:read',
  getDivisionMap: 'division:read',
  importDivisions: 'division:write',
  createDivision: 'division:write',
  updateDivision: 'division:write',
  moveDivision: 'division:write',
  deleteDivision: 'division:write',

  listAuditEntries: 'audit:read',
  exportAuditEntries: 'audit:read',

  // accounts module: account administration (issue #3)
  listAccounts: 'account:read',
  exportAccounts: 'account:read',
  getAccount: 'account:read',
  getAccountImportTemplate: 'account:write',
  importAccounts: 'account:write',
  createAccount: 'account:write',
  updateAccount: 'account:write',
  disableAccount: 'account:write',
  enableAccount: 'account:write',
  resetAccountPassword: 'account:write',
  unlockAccount: 'account:write',
  resetAccountTotp: 'account:write',

  // residents registry (issue #3 items 6 and 8): personal numbers masked unless pii:reveal
  listResidents: 'resident:read',
  exportResidents: 'resident:read',
  getResident: 'resident:read',
  createResident: 'resident:write',
  updateResident: 'resident:write',
  deleteResident: 'resident:write',
  revealResident: 'pii:reveal',
  listResidentConsents: 'resident:read',
  recordResidentConsent: 'resident:write',

  // social organizations registry (issue #4): lifecycle on the workflow mechanism
  listOrganizations: 'organization:read',
  organizationSummary: 'organization:read',
  exportOrganizations: 'organization:read',
  getOrganization: 'organization:read',
  organizationHistory: 'organization:read',
  organizationTimeline: 'organization:read',
  createOrganization: 'organization:write',
  updateOrganization: 'organization:write',
  transitionOrganization: 'organization:write',
  verifyOrganizationUscc: 'organization:register',
  importOrganizations: 'organization:import',
  getOrganizationImportTemplate: 'organization:import',
  organizationIndicators: 'organization:indicators',
  exportOrganizationIndicators: 'organization:indicators',
  saveOrganizationFunding: 'organization:write',
  listOrganizationAttachments: 'organization:read',
  uploadOrganizationAttachment: 'organization:write',
  downloadOrganizationAttachment: 'organization:read',
  deleteOrganizationAttachment: 'organization:write',
  listOrganizationCatalog: 'session',
  createOrganizationCatalogEntry: 'organization:catalog',
  updateOrganizationCatalogEntry: 'organization:catalog',

  // incubation base (issue #4 item 4, R2.2): intake, stages on the workflow mechanism, plans
  listIncubations: 'incubation:read',
  incubationSummary: 'incubation:read',
  exportIncubations: 'incubation:read',
  incubationCandidates: 'incubation:write',
  getIncubation: 'incubation:read',
  createIncubation: 'incubation:write',
  transitionIncubation: 'incubation:write',
  updateIncubationPlan: 'incubation:write',

  // federations (R2.3): members and move-ins (入驻) per street
  listFederations: 'federation:read',
  listFederationMoveIns: 'federation:read',
  exportFederations: 'federation:read',
  getFederation: 'federation:read',
  createFederation: 'federation:write',
  updateFederation: 'federation:write',
  addFederationMember: 'federation:write',
  endFederationMembership: 'federation:write',
  recordFederationMoveIn: 'federation:write',

  // annual inspection (R2.5, R4.4): submitted → reviewed on the workflow mechanism
  listInspections: 'inspection:read',
  listOverdueInspections: 'inspection:read',
  exportInspections: 'inspection:read',
  getInspection: 'inspection:read',
  createInspection: 'inspection:write',
  transitionInspection: 'inspection:write',

  // grid rosters, "一长九员" (issue #5 item 1, R1.4)
  listGridDuties: 'grid:read',
  createGridDuty: 'grid:configure',
  updateGridDuty: 'grid:configure',
  gridRosterSummary: 'grid:read',
  getGrid: 'grid:read',
  listGridAssignments: 'grid:read',
  exportGridAssignments: 'grid:read',
  createGridAssignment: 'grid:write',
  endGridAssignment: 'grid:write',

  // event categories and the working-day calendar (issue #5 items 2 and 4)
  getEventCategoryTree: 'session',
  createEventCategory: 'event_category:write',
  updateEventCategory: 'event_category:write',
  getWorkCalendar: 'session',
  saveWorkCalendarYear: 'event_category:write',
  computeWorkDeadline: 'session',

  // funds, needs, calls and applications (issue #7 items 1–2)
  listFunds: 'fund:read',
  fundSummary: 'fund:read',
  exportFunds: 'fund:read',
  getFund: 'fund:read',
  listFundPostings: 'fund:read',
  createFund: 'fund:write',
  updateFund: 'fund:write',
  adjustFund: 'fund:write',
  listNeeds: 'need:read',
  exportNeeds: 'need:read',
  getNeed: 'need:read',
  createNeed: 'need:write',
  updateNeed: 'need:write',
  listCalls: 'call:read',
  exportCalls: 'call:read',
  getCall: 'call:read',
  createCall: 'call:write',
  updateCall: 'call:write',
  transitionCall: 'call:write',
  listApplications: 'application:read',
  exportApplications: 'application:read',
  getApplication: 'application:read',
  createApplication: 'application:write',
  updateApplication: 'application:write',
  transitionApplication: 'application:write',
  awardApplication: 'fund:write',
} as const satisfies Record<string, Access>;

export type OperationId = keyof typeof ROUTE_ACCESS;

export function accessOf(operationId: string): Access | undefined {
  return (ROUTE_ACCESS as Record<string, Access>)[operationId];
}
