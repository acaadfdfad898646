/**
 * `retryOn` as Istio validates it (`agent.ValidateHTTPRetry`): the value is split at commas, and each part is an
 * Envoy retry policy (`x-envoy-retry-on` / `x-envoy-retry-grpc-on`) or a number that Go's `net/http` knows as an
 * HTTP status (`http.StatusText` is not empty).
 */

/** The Envoy retry policies Istio accepts in `retryOn` (HTTP, then gRPC). */
export const RETRY_ON_POLICIES: readonly string[] = [
  '5xx', 'gateway-error', 'reset', 'reset-before-request', 'connect-failure', 'envoy-ratelimited', 'retriable-4xx',
  'refused-stream', 'retriable-status-codes', 'retriable-headers', 'http3-post-connect-failure',
  'cancelled', 'deadline-exceeded', 'internal', 'resource-exhausted', 'unavailable',
];

/** The status codes Go's `net/http` names (`StatusText`), the only numbers Istio takes as retryOn codes. */
const KNOWN_STATUS = new Set([
  100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 307, 308,
  400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423,
  424, 425, 426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
]);

/** An HTTP status code Istio accepts as a retryOn condition. */
export function isRetriableStatus(code: unknown): boolean {
  return typeof code === 'number' && KNOWN_STATUS.has(code);
}

/** A `retryOn` value (one or more comma-separated parts) Istio accepts; numbers are read as Go's `strconv.Atoi`. */
export function isRetryOn(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  return value.split(',').every(part => RETRY_ON_POLICIES.includes(part) || (/^[+-]?\d+$/.test(part) && isRetriableStatus(Number(part))));
}
