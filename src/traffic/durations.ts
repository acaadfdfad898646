import { Duration } from 'cdk8s';

/** An Istio duration string: whole seconds as `Ns`, anything finer as `Nms`. */
export function istioDuration(duration: Duration | undefined): string | undefined {
  if (duration === undefined) return undefined;
  const ms = duration.toMilliseconds();
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** Milliseconds of an optional duration. */
export function millis(duration: Duration | undefined): number | undefined {
  return duration?.toMilliseconds();
}
