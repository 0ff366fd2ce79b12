import type { FastifyRequest } from 'fastify';

/**
 * Query parameters that may carry personal data (a full ID number or phone typed in to find
 * someone). Request logs show them as `***`, so the numbers never reach the log files.
 */
const PERSONAL_PARAMS = /^(idNumber|phone|mobile|q)$/i;

export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const params = new URLSearchParams(url.slice(at + 1));
  for (const key of [...params.keys()]) {
    if (PERSONAL_PARAMS.test(key)) params.set(key, '***');
  }
  return `${url.slice(0, at)}?${params.toString()}`;
}

/** pino's request serializer with the URL redacted. */
export function requestLogFields(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    remoteAddress: request.ip,
  };
}
