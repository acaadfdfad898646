import { Duration } from 'cdk8s';
import { istioDuration } from './durations';
import { VirtualServiceSpecHttpRetries } from '../imports/networking.istio.io';
import { isRetryOn, RETRY_ON_POLICIES } from '../validation/input/retry-on';

/** Envoy retry conditions Istio accepts in `retryOn` (HTTP and gRPC). */
export const RETRY_ON_TOKENS = RETRY_ON_POLICIES;

/**
 * A condition under which a request is retried (Envoy `x-envoy-retry-on` / `x-envoy-retry-grpc-on`
 * tokens, or an HTTP status code).
 */
export class RetryOn {
  /** Upstream 5xx, or no response at all (disconnect, reset, read timeout). */
  public static readonly FIVE_XX = new RetryOn('5xx');
  /** 502, 503 or 504 only. */
  public static readonly GATEWAY_ERROR = new RetryOn('gateway-error');
  /** The upstream did not respond (disconnect, reset, read timeout). */
  public static readonly RESET = new RetryOn('reset');
  /** Reset before the request was sent upstream. */
  public static readonly RESET_BEFORE_REQUEST = new RetryOn('reset-before-request');
  /** Connection failure or timeout. */
  public static readonly CONNECT_FAILURE = new RetryOn('connect-failure');
  /** The upstream answered with `x-envoy-ratelimited`. */
  public static readonly ENVOY_RATELIMITED = new RetryOn('envoy-ratelimited');
  /** Retriable 4xx codes (currently only 409). */
  public static readonly RETRIABLE_4XX = new RetryOn('retriable-4xx');
  /** Reset with REFUSED_STREAM. */
  public static readonly REFUSED_STREAM = new RetryOn('refused-stream');
  /** Status codes listed in `x-envoy-retriable-status-codes` or added with `statusCode()`. */
  public static readonly RETRIABLE_STATUS_CODES = new RetryOn('retriable-status-codes');
  /** Responses carrying a header listed in `x-envoy-retriable-header-names`. */
  public static readonly RETRIABLE_HEADERS = new RetryOn('retriable-headers');
  /** gRPC status CANCELLED. */
  public static readonly CANCELLED = new RetryOn('cancelled');
  /** gRPC status DEADLINE_EXCEEDED. */
  public static readonly DEADLINE_EXCEEDED = new RetryOn('deadline-exceeded');
  /** gRPC status INTERNAL. */
  public static readonly INTERNAL = new RetryOn('internal');
  /** gRPC status RESOURCE_EXHAUSTED. */
  public static readonly RESOURCE_EXHAUSTED = new RetryOn('resource-exhausted');
  /** gRPC status UNAVAILABLE. */
  public static readonly UNAVAILABLE = new RetryOn('unavailable');

  /**
   * Retry on this HTTP status code (Istio adds it to the retriable status codes).
   * @param code an HTTP status code Go's net/http names (e.g. 409, 503); Istio rejects others such as 599
   */
  public static statusCode(code: number): RetryOn {
    return new RetryOn(String(code));
  }

  /**
   * A token given as text, checked where it is called against what Istio accepts (MESH-ROUTE-015).
   * @param token e.g. `connect-failure`, or several separated by commas
   */
  public static of(token: string): RetryOn {
    return new RetryOn(token);
  }

  private constructor(
    /** The token as written in `retryOn`. */
    public readonly token: string,
  ) {}

  /** True if Istio accepts the token. */
  public get isValid(): boolean {
    return isRetryOn(this.token);
  }
}

/** How failed requests are retried. */
export interface RetryPolicy {
  /** Retries after the first try; 0 disables retries (Istio's default is 2). */
  readonly attempts: number;
  /**
   * Timeout of each try.
   * @default - the route timeout
   */
  readonly perTryTimeout?: Duration;
  /**
   * When to retry.
   * @default - Istio's default: connect-failure, refused-stream, unavailable, cancelled, retriable-status-codes
   */
  readonly retryOn?: RetryOn[];
  /**
   * Retry on endpoints in other localities.
   * @default false
   */
  readonly retryRemoteLocalities?: boolean;
  /**
   * Don't retry on a host that already failed.
   * @default false
   */
  readonly retryIgnorePreviousHosts?: boolean;
  /**
   * Base interval between retries.
   * @default 25ms
   */
  readonly backoff?: Duration;
}

/** Renders the Istio `HTTPRetry`. */
export function renderRetries(retries: RetryPolicy | undefined): VirtualServiceSpecHttpRetries | undefined {
  if (!retries) return undefined;
  return {
    attempts: retries.attempts,
    perTryTimeout: istioDuration(retries.perTryTimeout),
    retryOn: retries.retryOn?.length ? retries.retryOn.map(r => r.token).join(',') : undefined,
    retryRemoteLocalities: retries.retryRemoteLocalities,
    retryIgnorePreviousHosts: retries.retryIgnorePreviousHosts,
    backoff: istioDuration(retries.backoff),
  };
}
