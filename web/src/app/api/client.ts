import createClient, { type Middleware } from 'openapi-fetch';
import { currentLocale } from '../../i18n/index.ts';
import { csrfTokenOf } from '../../modules/auth/auth-session.ts';
import { queryClient } from '../query-client.ts';
import { NetworkError, toApiError } from './api-error.ts';
import type { paths } from './schema.gen.ts';

const acceptLanguage: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept-Language', currentLocale());
    return request;
  },
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** The one unsafe call made before a session (and so a token) exists. */
const CSRF_EXEMPT_PATHS = new Set(['/api/v1/auth/login']);

/**
 * Besides the SameSite=Strict session cookie, every unsafe request carries the session's CSRF token
 * (from the AuthState the auth module holds), which a page on another origin cannot read.
 */
const csrfToken: Middleware = {
  onRequest({ request }) {
    if (SAFE_METHODS.has(request.method) || CSRF_EXEMPT_PATHS.has(new URL(request.url).pathname)) return;
    const token = csrfTokenOf(queryClient);
    if (token) request.headers.set('x-csrf-token', token);
    return request;
  },
};

/** The one typed client for the Linli API; request and response types come from the OpenAPI document. */
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(acceptLanguage, csrfToken);

/** What an openapi-fetch call resolves to: data on success, the parsed error body otherwise. */
interface Outcome {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/**
 * Awaits an openapi-fetch call and returns its data, or throws an `ApiError` built from the
 * problem document (or a `NetworkError` when the server could not be reached).
 */
export async function unwrap<R extends Outcome>(call: Promise<R>): Promise<NonNullable<R['data']>> {
  let outcome: R;
  try {
    outcome = await call;
  } catch (cause) {
    // A cancelled query (navigation, unmount) is not a network failure.
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new NetworkError(cause);
  }
  if (outcome.response.ok) return outcome.data as NonNullable<R['data']>;
  throw toApiError(outcome.response, outcome.error);
}
