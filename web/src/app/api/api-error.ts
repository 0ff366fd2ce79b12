import {
  errorMessage,
  FIELD_PROBLEMS,
  type FieldProblemCode,
  fieldProblemMessage,
  isErrorCode,
  type Locale,
} from '@linli/common';
import type { components } from './schema.gen.ts';

export type Problem = components['schemas']['Problem'];
export type ProblemCode = Problem['code'];
export type ProblemFieldError = NonNullable<Problem['errors']>[number];

/**
 * A failed API call. Carries the problem's stable `code` and `params` so the UI renders the message
 * in the current language (and re-renders it when the language changes) instead of showing the
 * server's `detail`, which was localized for the language of the request.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ProblemCode;
  /** The code exactly as the server sent it, which may be newer than this build's catalogue. */
  readonly problemCode: string;
  readonly params: Record<string, unknown>;
  readonly detail: string;
  readonly requestId: string | undefined;
  readonly errors: ProblemFieldError[];

  constructor(status: number, problem: Partial<Problem>, fallbackCode: ProblemCode) {
    const code = problem.code && isErrorCode(problem.code) ? problem.code : fallbackCode;
    super(problem.detail ?? code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.problemCode = problem.code ?? fallbackCode;
    this.params = problem.params ?? {};
    this.detail = problem.detail ?? '';
    this.requestId = problem.requestId;
    this.errors = problem.errors ?? [];
  }

  is(code: ProblemCode): boolean {
    return this.code === code;
  }
}

function isProblemLike(value: unknown): value is Partial<Problem> {
  return typeof value === 'object' && value !== null && 'code' in value;
}

/** The problem code to assume when the body is not a problem document (proxy errors, empty bodies). */
function codeForStatus(status: number): ProblemCode {
  if (status === 400) return 'request.bad';
  if (status === 401) return 'auth.required';
  if (status === 403) return 'auth.forbidden';
  if (status === 404) return 'resource.notFound';
  if (status === 409) return 'conflict.version';
  if (status === 413) return 'payload.tooLarge';
  if (status === 429) return 'rate.limited';
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  return 'internal';
}

export function toApiError(response: Response, body: unknown): ApiError {
  const fallback = codeForStatus(response.status);
  return new ApiError(response.status, isProblemLike(body) ? body : {}, fallback);
}

/** A fetch that never reached the server (offline, DNS, refused). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network', { cause });
    this.name = 'NetworkError';
  }
}

/** Problem params whose `reason` names a field problem (division.invalidCode) get it rendered too, as the server does. */
function localizedParams(params: Record<string, unknown>, locale: Locale): Record<string, unknown> {
  const { reason, reasonParams } = params;
  if (typeof reason !== 'string' || !isFieldProblemCode(reason)) return params;
  const nested =
    typeof reasonParams === 'object' && reasonParams !== null
      ? (reasonParams as Record<string, unknown>)
      : {};
  return { ...params, reason: fieldProblemMessage(locale, reason, nested) };
}

export function localizeProblem(error: ApiError, locale: Locale): string {
  // A code this build does not know yet: the server's detail is already in the request's language.
  if (error.problemCode !== error.code && error.detail) return error.detail;
  const params = { ...localizedParams(error.params, locale), requestId: error.requestId };
  const message = errorMessage(locale, error.code, params);
  // An unfilled placeholder means the server sent params this catalogue does not know: its detail is better.
  return /\{\w+\}/.test(message) && error.detail ? error.detail : message;
}

function isFieldProblemCode(code: string): code is FieldProblemCode {
  return (FIELD_PROBLEMS as readonly string[]).includes(code);
}

export function localizeFieldError(error: ProblemFieldError, locale: Locale): string {
  return isFieldProblemCode(error.code)
    ? fieldProblemMessage(locale, error.code, error.params)
    : error.message;
}
