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

  // the notification centre (issue #5 item 5): each signed-in user's own messages
  listNotifications: 'session',
  countUnreadNotifications: 'session',
  markNotificationRead: 'session',
  markAllNotificationsRead: 'session',
  streamNotifications: 'session',

  // Open311 GeoReport v2 clients (issue #5 item 8): the district issues and revokes their keys
  listOpen311Clients: 'open311:manage',
  issueOpen311Client: 'open311:manage',
  revokeOpen311Client: 'open311:manage',

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

  // grid events, the closed loop (issue #5 items 3, 4, 7)
  listEvents: 'event:read',
  exportEvents: 'event:manage',
  eventStats: 'event:stats',
  exportEventStats: 'event:stats',
  eventMap: 'event:read',
  eventDuplicates: 'event:report',
  uploadEventPhoto: 'event:handle',
  getEventPhoto: 'event:read',
  createEvent: 'event:report',
  getEvent: 'event:read',
  transitionEvent: 'event:handle',

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
  // pre-assessment (issue #7 item 3): reviewers' sheets, ranking, public notice, objections
  listMyReviews: 'review:write',
  getReview: 'review:write',
  saveReviewSheet: 'review:write',
  transitionReview: 'review:write',
  returnReview: 'review:manage',
  listReviewers: 'review:manage',
  assignReviewers: 'review:manage',
  listApplicationReviews: 'review:manage',
  callRanking: 'review:manage',
  exportCallRanking: 'review:manage',
  publishNotice: 'review:manage',
  answerObjection: 'review:manage',
  getApplicationReviewResult: 'application:read',
  listNotices: 'notice:read',
  getNotice: 'notice:read',
  fileObjection: 'notice:object',

  // contracts, tranches and evaluations (issue #7 items 4–5)
  listContracts: 'contract:read',
  exportContracts: 'contract:read',
  getContract: 'contract:read',
  getContractPdf: 'contract:read',
  listContractEvaluators: 'contract:write',
  createContract: 'contract:write',
  updateContract: 'contract:write',
  transitionContract: 'contract:write',
  reportContractProgress: 'contract:report',
  reportContractRectification: 'contract:report',
  submitContractEvaluation: 'evaluation:write',
  uploadContractPhoto: 'evaluation:write',
  downloadContractPhoto: 'contract:read',

  // volunteers, activities, hours and the points ledger (issue #6)
  registerVolunteer: 'volunteer:register',
  getMyVolunteer: 'volunteer:read',
  listVolunteers: 'volunteer:read',
  exportVolunteers: 'volunteer:write',
  getVolunteer: 'volunteer:read',
  listVolunteerServices: 'volunteer:read',
  getVolunteerCertificate: 'volunteer:read',
  verifyVolunteerCertificate: 'public',
  listVolunteerPrograms: 'activity:read',
  listVolunteerTeams: 'activity:read',
  createVolunteerTeam: 'volunteer:write',
  joinVolunteerTeam: 'volunteer:register',
  listVolunteerActivities: 'activity:read',
  createVolunteerActivity: 'activity:write',
  cancelVolunteerActivity: 'activity:write',
  getVolunteerActivity: 'activity:read',
  signUpForActivity: 'volunteer:register',
  cancelActivitySignup: 'volunteer:register',
  checkInToActivity: 'volunteer:register',
  checkOutOfActivity: 'volunteer:register',
  getActivityRoster: 'activity:write',
  recordActivityAttendance: 'activity:write',
  confirmServiceHours: 'activity:write',
  correctServiceHours: 'activity:write',
  volunteerStats: 'volunteer:write',
  exportVolunteerStats: 'volunteer:write',
  volunteerLeaderboard: 'activity:read',
  getMyPointsAccount: 'points:read',
  getPointsAccount: 'points:read',
  listPointsPostings: 'points:read',
  getPointsStatement: 'points:read',
  awardPoints: 'points:write',
  fundAwardPool: 'points:write',
  listPointsRules: 'activity:read',
  savePointsRule: 'points:write',
} as const satisfies Record<string, Access>;

export type OperationId = keyof typeof ROUTE_ACCESS;

export function accessOf(operationId: string): Access | undefined {
  return (ROUTE_ACCESS as Record<string, Access>)[operationId];
}
