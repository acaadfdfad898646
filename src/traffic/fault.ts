import { Duration } from 'cdk8s';
import { istioDuration } from './durations';
import { VirtualServiceSpecHttpFault } from '../imports/networking.istio.io';

/** Delays requests before forwarding them. */
export interface FaultDelay {
  /** How long to delay. */
  readonly fixedDelay: Duration;
  /**
   * Share of requests delayed, 0–100.
   * @default 100
   */
  readonly percentage?: number;
}

/** Answers requests with an error instead of forwarding them. */
export interface FaultAbort {
  /**
   * HTTP status to return.
   * @default - unset; give this or `grpcStatus`
   */
  readonly httpStatus?: number;
  /**
   * gRPC status to return, e.g. `UNAVAILABLE`.
   * @default - unset
   */
  readonly grpcStatus?: string;
  /**
   * Share of requests aborted, 0–100.
   * @default 100
   */
  readonly percentage?: number;
}

/** Fault injection on a route. Istio ignores the route's timeout and retries when a fault is set. */
export interface FaultInjection {
  /**
   * Delay requests.
   * @default - no delay
   */
  readonly delay?: FaultDelay;
  /**
   * Abort requests.
   * @default - no abort
   */
  readonly abort?: FaultAbort;
}

/** Renders the Istio `HTTPFaultInjection`; percentages default to 100 explicitly. */
export function renderFault(fault: FaultInjection | undefined): VirtualServiceSpecHttpFault | undefined {
  if (!fault) return undefined;
  return {
    delay: fault.delay && {
      fixedDelay: istioDuration(fault.delay.fixedDelay),
      percentage: { value: fault.delay.percentage ?? 100 },
    },
    abort: fault.abort && {
      httpStatus: fault.abort.httpStatus,
      grpcStatus: fault.abort.grpcStatus,
      percentage: { value: fault.abort.percentage ?? 100 },
    },
  };
}
