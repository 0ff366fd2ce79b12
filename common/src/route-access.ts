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
  createOrganization: 'organization:write',
  updateOrganization: 'organization:write',
  transitionOrganization: 'organization:write',
  verifyOrganizationUscc: 'organization:register',
} as const satisfies Record<string, Access>;

export type OperationId = keyof typeof ROUTE_ACCESS;

export function accessOf(operationId: string): Access | undefined {
  return (ROUTE_ACCESS as Record<string, Access>)[operationId];
}
