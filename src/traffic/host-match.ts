const HOST = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** True if `host` is `*`, a DNS name, or a DNS name with a left-most `*.` label. */
export function isValidRouteHost(host: string): boolean {
  return host === '*' || (host.length <= 253 && HOST.test(host));
}

/** True if two host patterns (each `*`, `*.suffix` or exact) can match a common request host. */
export function hostsIntersect(a: string, b: string): boolean {
  if (a === '*' || b === '*') return true;
  const wildA = a.startsWith('*.');
  const wildB = b.startsWith('*.');
  if (wildA && wildB) return a.endsWith(b.slice(1)) || b.endsWith(a.slice(1));
  if (wildA) return b.endsWith(a.slice(1));
  if (wildB) return a.endsWith(b.slice(1));
  return a === b;
}

/**
 * The host part of a Gateway listener host (`ns/host`) if the listener exposes it to `routeNamespace`,
 * otherwise undefined. `*` and unqualified hosts expose to every namespace; `.` to the gateway's namespace.
 */
export function listenerHostFor(listenerHost: string, routeNamespace: string, gatewayNamespace: string): string | undefined {
  const slash = listenerHost.indexOf('/');
  if (slash < 0) return listenerHost;
  const ns = listenerHost.slice(0, slash);
  const host = listenerHost.slice(slash + 1);
  if (ns === '*' || ns === routeNamespace || (ns === '.' && gatewayNamespace === routeNamespace)) return host;
  return undefined;
}
