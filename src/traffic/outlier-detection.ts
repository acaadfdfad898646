import { Duration } from 'cdk8s';
import { istioDuration } from './durations';
import { DestinationRuleSpecTrafficPolicyOutlierDetection } from '../imports/networking.istio.io';

/**
 * Passive health checking: endpoints that keep failing are ejected for a while.
 * The deprecated `consecutiveErrors` field is never emitted.
 */
export interface OutlierDetection {
  /**
   * 5xx responses (and connection errors) in a row before ejection.
   * @default 5
   */
  readonly consecutive5xxErrors?: number;
  /**
   * 502/503/504 responses (and connection errors) in a row before ejection.
   * @default - disabled
   */
  readonly consecutiveGatewayErrors?: number;
  /**
   * Locally originated failures in a row before ejection (needs `splitExternalLocalOriginErrors`).
   * @default 5
   */
  readonly consecutiveLocalOriginFailures?: number;
  /**
   * Count local-origin failures separately.
   * @default false
   */
  readonly splitExternalLocalOriginErrors?: boolean;
  /**
   * Time between ejection sweeps.
   * @default 10s
   */
  readonly interval?: Duration;
  /**
   * Minimum ejection time; grows with each ejection.
   * @default 30s
   */
  readonly baseEjectionTime?: Duration;
  /**
   * Maximum share of endpoints ejected, 0–100.
   * @default 10
   */
  readonly maxEjectionPercent?: number;
  /**
   * Outlier detection is disabled while fewer than this share of endpoints are healthy, 0–100.
   * @default 0
   */
  readonly minHealthPercent?: number;
}

/** Renders the Istio `OutlierDetection` (the generated binding spells `consecutive5xxErrors` as `consecutive5XxErrors`). */
export function renderOutlierDetection(od: OutlierDetection | undefined): DestinationRuleSpecTrafficPolicyOutlierDetection | undefined {
  if (!od) return undefined;
  return {
    consecutive5XxErrors: od.consecutive5xxErrors,
    consecutiveGatewayErrors: od.consecutiveGatewayErrors,
    consecutiveLocalOriginFailures: od.consecutiveLocalOriginFailures,
    splitExternalLocalOriginErrors: od.splitExternalLocalOriginErrors,
    interval: istioDuration(od.interval),
    baseEjectionTime: istioDuration(od.baseEjectionTime),
    maxEjectionPercent: od.maxEjectionPercent,
    minHealthPercent: od.minHealthPercent,
  };
}
