/**
 * The one list of error codes and the one code→HTTP status map. Server errors carry a code and
 * params; server and web both render the message from `messages` below.
 */
export const ERROR_STATUS = {
  'validation.failed': 400,
  'request.bad': 400,
  'auth.required': 401,
  'auth.forbidden': 403,
  'auth.invalidCredentials': 401,
  'auth.locked': 423,
  'auth.invalidTotp': 401,
  'auth.weakPassword': 400,
  'auth.csrf': 403,
  'auth.disabled': 403,
  'auth.totpReused': 401,
  'auth.totpRequired': 400,
  'auth.totpNotPending': 400,
  'auth.totpAlreadyEnabled': 409,
  'auth.sessionNotFound': 404,
  'auth.invalidSmsCode': 401,
  'auth.invalidPhone': 400,
  'auth.smsTooSoon': 429,
  'auth.smsUnavailable': 503,
  'auth.actingNotAllowed': 403,
  'auth.actingReasonRequired': 400,
  'resource.notFound': 404,
  'route.notFound': 404,
  'conflict.version': 409,
  'conflict.referenced': 409,
  'workflow.illegalTransition': 409,
  'workflow.notAllowed': 403,
  'workflow.guardFailed': 409,
  'workflow.commentRequired': 400,
  'division.notFound': 404,
  'division.exists': 409,
  'division.invalidCode': 400,
  'division.codeParentMismatch': 400,
  'division.invalidLevelUnderParent': 400,
  'division.parentNotFound': 400,
  'division.hasChildren': 409,
  'division.moveIntoSelf': 400,
  'division.rootImmutable': 400,
  'resident.notFound': 404,
  'resident.invalidIdNumber': 400,
  'resident.invalidPhone': 400,
  'resident.invalidDivision': 400,
  'resident.duplicateIdNumber': 409,
  'resident.hasAccount': 409,
  'resident.consentNeedsActing': 409,
  // social organizations registry
  'organization.notFound': 404,
  'organization.invalidUscc': 400,
  'organization.usccRequired': 400,
  'organization.duplicateUscc': 409,
  'organization.invalidDivision': 400,
  'organization.kindNotAllowed': 403,
  'organization.invalidPhone': 400,
  'organization.usccValid': 409,
  'organization.exists': 409,
  'import.invalidFile': 400,
  'import.rowsInvalid': 422,
  'import.missingColumns': 400,
  'import.empty': 400,
  'payload.tooLarge': 413,
  // account administration (accounts module)
  'account.invalidUsername': 400,
  'account.invalidPhone': 400,
  'account.invalidGrant': 400,
  'account.grantsRequired': 400,
  'account.usernameTaken': 409,
  'account.phoneTaken': 409,
  'account.self': 403,
  'account.notManageable': 403,
  'account.importColumns': 400,
  'rate.limited': 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export function statusOf(code: ErrorCode): number {
  return ERROR_STATUS[code];
}

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ERROR_STATUS, value);
}
