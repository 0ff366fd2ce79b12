import {
  type ErrorCode,
  errorMessage,
  FIELD_PROBLEMS,
  type FieldProblemCode,
  fieldProblemMessage,
  type Locale,
  pickLocale,
  statusOf,
} from '@linli/common';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** The one error type services throw: a stable code, its params, and optional per-field details. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, unknown>;
  readonly errors: ProblemFieldError[] | undefined;

  constructor(code: ErrorCode, params: Record<string, unknown> = {}, errors?: ProblemFieldError[]) {
    super(code);
    this.name = 'AppError';
    this.code = code;
    this.params = params;
    this.errors = errors;
  }

  get status(): number {
    return statusOf(this.code);
  }
}

/** One field's problem in the caller's language: a request field (`body.uscc`) or, with `row`, a spreadsheet cell. */
export function fieldError(
  locale: Locale,
  field: string,
  code: FieldProblemCode,
  params: Record<string, unknown> = {},
  row?: number,
): ProblemFieldError {
  return {
    ...(row === undefined ? {} : { row }),
    field,
    code,
    params,
    message: fieldProblemMessage(locale, code, params),
  };
}

export interface ProblemFieldError {
  /** 1-based spreadsheet row, when the error comes from an import. */
  row?: number;
  /** JSON pointer of a request field, or a spreadsheet column header. */
  field: string;
  code: string;
  params?: Record<string, unknown>;
  message: string;
}

/** RFC 9457 problem document, with our stable code and params for the web to translate. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  params: Record<string, unknown>;
  instance: string;
  requestId: string;
  errors?: ProblemFieldError[];
}

export function localeOf(request: FastifyRequest) {
  return pickLocale(request.headers['accept-language']);
}

export function problemOf(request: FastifyRequest, err: AppError): Problem {
  const locale = localeOf(request);
  const params = { ...localizedParams(locale, err.params), requestId: request.id };
  return {
    type: `https://linli.invalid/problems/${err.code}`,
    title: err.code,
    status: err.status,
    detail: errorMessage(locale, err.code, params),
    code: err.code,
    params: err.params,
    instance: request.url,
    requestId: String(request.id),
    ...(err.errors ? { errors: err.errors } : {}),
  };
}

type AjvError = NonNullable<FastifyError['validation']>[number];

const KEYWORD_PROBLEM: Record<string, FieldProblemCode> = {
  required: 'schema.required',
  type: 'schema.type',
  minLength: 'schema.minLength',
  maxLength: 'schema.maxLength',
  pattern: 'schema.pattern',
  minimum: 'schema.minimum',
  maximum: 'schema.maximum',
  anyOf: 'schema.oneOf',
  oneOf: 'schema.oneOf',
  const: 'schema.oneOf',
  enum: 'schema.oneOf',
  additionalProperties: 'schema.additionalProperties',
  format: 'schema.format',
};

/** One Ajv error as a field error in the caller's language: `body.name`, `querystring.limit` … */
function fieldErrorOf(locale: Locale, context: string, v: AjvError): ProblemFieldError {
  const params = (v.params ?? {}) as Record<string, unknown>;
  const path = v.instancePath.split('/').filter(Boolean);
  if (typeof params.missingProperty === 'string') path.push(params.missingProperty);
  if (typeof params.additionalProperty === 'string') path.push(params.additionalProperty);
  const field = [context, ...path].filter(Boolean).join('.');
  const code = KEYWORD_PROBLEM[v.keyword] ?? 'schema.invalid';
  const all = { ...params, field };
  return { field, code, params: all, message: fieldProblemMessage(locale, code, all) };
}

/** PostgreSQL's SQLSTATE of a database error (the same on PGlite), if it is one. */
function sqlState(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}

/** A unique index refused a write: services turn it into their own 409 (a taken name, a duplicate code). */
export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === '23505';
}

/** A text in each language, for params whose words come from a module (a workflow's state names). */
export type LocalizedText = Record<Locale, string>;

function isLocalizedText(value: unknown): value is LocalizedText {
  return typeof value === 'object' && value !== null && typeof (value as LocalizedText)['zh-CN'] === 'string';
}

/**
 * Params in the caller's language: a `reason` that names a field problem becomes its message, and
 * a `LocalizedText` param its text in that language.
 */
function localizedParams(locale: Locale, params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params))
    out[key] = isLocalizedText(value) ? value[locale] : value;
  const reason = params.reason;
  if (typeof reason === 'string' && (FIELD_PROBLEMS as readonly string[]).includes(reason)) {
    const reasonParams = (params.reasonParams as Record<string, unknown> | undefined) ?? {};
    out.reason = fieldProblemMessage(locale, reason as FieldProblemCode, reasonParams);
  }
  return out;
}

function sendProblem(request: FastifyRequest, reply: FastifyReply, err: AppError) {
  return reply.status(err.status).type('application/problem+json').send(problemOf(request, err));
}

/** Turns any error into problem+json: our AppErrors as they are, Fastify's 4xx by kind, the rest a logged 500. */
export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) return sendProblem(request, reply, error);
    const fe = error as FastifyError;
    if (fe.validation) {
      const locale = localeOf(request);
      const errors = fe.validation.map((v) => fieldErrorOf(locale, fe.validationContext ?? '', v));
      const detail = errors.map((e) => e.message).join('；');
      return sendProblem(request, reply, new AppError('validation.failed', { detail }, errors));
    }
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendProblem(
        request,
        reply,
        new AppError('payload.tooLarge', { limit: app.initialConfig.bodyLimit }),
      );
    }
    if (fe.statusCode === 429) return sendProblem(request, reply, new AppError('rate.limited'));
    // A delete that other rows still point at (foreign key): the user's answer, not a crash.
    if (sqlState(error) === '23503') {
      return sendProblem(request, reply, new AppError('conflict.referenced'));
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return sendProblem(request, reply, new AppError('request.bad', { detail: fe.message }));
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(request, reply, new AppError('internal'));
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, new AppError('route.notFound', { method: request.method, url: request.url })),
  );
}
