/**
 * Normalizations under which an object written by hand (Istio's task YAML) and the library's output are the same
 * object to Istio and Kubernetes:
 * - apiVersion compared by group (the tasks use v1alpha3 or v1; the library emits v1);
 * - metadata.namespace made explicit (`kubectl apply` without `-n` puts an object in `default`);
 * - short hosts made full relative to the object's namespace (`reviews` in `default` = `reviews.default.svc.cluster.local`);
 * - a VirtualService without `gateways` is bound to `mesh`; gateway names without a namespace get the object's namespace;
 * - durations compared in milliseconds (`7s` = `7000ms`), numbers as numbers (`100.0` = `100`);
 * - `weight: 100` on a route's only destination equals no weight;
 * - the order of `gateways` does not matter;
 * - a ServiceEntry's `location: MESH_EXTERNAL` is Istio's default;
 * - a DestinationRule's TLS `caCertificates: /etc/ssl/certs/ca-certificates.crt` (the proxy's system bundle, which the
 *   library names so verification is explicit) is what Istio verifies with when none is given (VERIFY_CERTIFICATE_AT_CLIENT).
 */
export function normalize(object: any, defaultNamespace = 'default'): any {
  const out = JSON.parse(JSON.stringify(object));
  out.metadata = { ...out.metadata, namespace: out.metadata?.namespace ?? defaultNamespace };
  const ns = out.metadata.namespace;
  out.apiVersion = String(out.apiVersion).split('/')[0];
  delete out.status;
  out.spec = walk(out.spec ?? {}, ns);
  if (out.kind === 'ServiceEntry' && out.spec.location === 'MESH_EXTERNAL') delete out.spec.location;
  if (out.kind === 'DestinationRule') {
    const subsets = (out.spec.subsets ?? []).map((s: any) => s.trafficPolicy);
    const policies = [out.spec.trafficPolicy, ...(out.spec.trafficPolicy?.portLevelSettings ?? []), ...subsets];
    for (const p of policies) if (p?.tls?.caCertificates === '/etc/ssl/certs/ca-certificates.crt') delete p.tls.caCertificates;
  }
  if (out.kind === 'VirtualService') {
    out.spec.gateways = (out.spec.gateways ?? ['mesh']).map((g: string) => (g === 'mesh' || g.includes('/') ? g : `${ns}/${g}`)).sort();
    for (const section of ['http', 'tcp', 'tls']) {
      for (const route of out.spec[section] ?? []) {
        for (const m of route.match ?? []) if (m.gateways) m.gateways = m.gateways.map((g: string) => (g === 'mesh' || g.includes('/') ? g : `${ns}/${g}`));
        if (route.route?.length === 1 && route.route[0].weight === 100) delete route.route[0].weight;
      }
    }
  }
  return out;
}

const DURATIONS = ['timeout', 'perTryTimeout', 'fixedDelay', 'interval', 'baseEjectionTime', 'connectTimeout', 'idleTimeout'];
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60000, h: 3600000 };

function qualify(host: string, ns: string): string {
  if (host === '*' || host.includes('*') || host.includes('/')) return host;
  return host.includes('.') ? host : `${host}.${ns}.svc.cluster.local`;
}

function walk(value: any, ns: string): any {
  if (Array.isArray(value)) return value.map(v => walk(v, ns));
  if (value === null || typeof value !== 'object') return value;
  for (const [key, v] of Object.entries(value)) {
    if (key === 'host' && typeof v === 'string') {value[key] = qualify(v, ns);} else if (key === 'hosts' && Array.isArray(v)) {value[key] = v.map(h => (typeof h === 'string' ? qualify(h, ns) : h));} else if (DURATIONS.includes(key) && typeof v === 'string') {
      const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(v);
      value[key] = m ? Number(m[1]) * UNIT_MS[m[2]] : v;
    } else {value[key] = walk(v, ns);}
  }
  return value;
}

/** The objects of a manifest by `kind/namespace/name`, normalized. */
export function byKey(objects: any[], defaultNamespace = 'default'): Map<string, any> {
  return new Map(objects.map(o => normalize(o, defaultNamespace)).map(o => [`${o.kind}/${o.metadata.namespace}/${o.metadata.name}`, o]));
}
