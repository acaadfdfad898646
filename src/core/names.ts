const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** True if `name` is a DNS-1123 label (namespace, cluster and network names). */
export function isDnsLabel(name: string): boolean {
  return name.length <= 63 && DNS_LABEL.test(name);
}

/** True if `name` is a DNS-1123 subdomain (object names). */
export function isDnsSubdomain(name: string): boolean {
  return name.length <= 253 && DNS_SUBDOMAIN.test(name);
}

/** A construct id derived from a name that may contain characters constructs reject. */
export function safeId(name: string): string {
  return name.replace(/\//g, '_') || '_';
}

/** Sorts object keys recursively so emitted maps have a stable order. */
export function sortedRecord(record: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!record) return undefined;
  const out: Record<string, string> = {};
  for (const key of Object.keys(record).sort()) out[key] = record[key];
  return out;
}

/**
 * A service host as written in Istio config (`reviews`, `reviews.shop`, `reviews.shop.svc`), made fully
 * qualified relative to the config's namespace, as Istio resolves short names. Wildcards and other names stay.
 */
export function qualifiedHost(host: string, namespace: string): string {
  if (host.includes('*')) return host;
  const parts = host.split('.');
  if (parts.length === 1) return `${host}.${namespace}.svc.cluster.local`;
  if (parts.length === 2) return `${host}.svc.cluster.local`;
  if (parts.length === 3 && parts[2] === 'svc') return `${host}.cluster.local`;
  return host;
}

/** The object without its undefined entries. */
export function definedEntries<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}
