import createClient, { type Middleware } from 'openapi-fetch';
import { currentLocale } from '../../i18n/index.ts';
import { NetworkError, toApiError } from './api-error.ts';
import type { paths } from './schema.gen.ts';

const acceptLanguage: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept-Language', currentLocale());
    return request;
  },
};

/** The one typed client for the Linli API; request and response types come from the OpenAPI document. */
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(acceptLanguage);

type Outcome<T> = { data: T; error?: never; response: Response } | { data?: never; error: unknown; response: Response };

/**
 * Awaits an openapi-fetch call and returns its data, or throws an `ApiError` built from the
 * problem document (or a `NetworkError` when the server could not be reached).
 */
export async function unwrap<T>(call: Promise<Outcome<T>>): Promise<T> {
  let outcome: Outcome<T>;
  try {
    outcome = await call;
  } catch (cause) {
    throw new NetworkError(cause);
  }
  if (outcome.response.ok) return outcome.data as T;
  throw toApiError(outcome.response, outcome.error);
}
