import { canonicalJson } from '../../core/json';
import { AnalysisRules } from '../../validation/rules/analysis';
import { AnalysisContext, describe, groupBy } from '../context';
import { JsonMap, list, map, maps, num, text, texts } from '../json';
import { AnalysisObject } from '../object-index';
import { servicePortProtocol } from '../registry';

// Service, namespace and ServiceEntry checks: IST0170, IST0118, IST0150, IST0123, IST0134, IST0177, IST0106,
// and the seed FAQ's public host registered as MESH_INTERNAL.

const ISTIO_PROTOCOLS = new Set(['HTTP', 'HTTP2', 'HTTPS', 'GRPC', 'GRPC-WEB', 'MONGO', 'MYSQL', 'REDIS', 'TCP', 'TLS', 'UDP']);

/** Services that differ between clusters: headless-ness, type or ports (IST0170). */
export function analyzeMultiClusterServices(ctx: AnalysisContext): void {
  const portsKey = portsKeys();
  for (const group of groupBy(ctx.index.ofKind('Service'), s => `${s.namespace}/${s.name}`).values()) {
    const perCluster = [...new Map(group.map(s => [s.cluster, s])).values()];
    if (perCluster.length < 2) continue;
    const first = perCluster[0];
    const firstPorts = portsKey(first.spec);
    const reasons = new Set<string>();
    const clusters = new Set<string>();
    for (const other of perCluster.slice(1)) {
      const differs = (reason: string) => { reasons.add(reason); clusters.add(other.cluster); };
      if ((first.spec.clusterIP === 'None') !== (other.spec.clusterIP === 'None')) differs('headless in some clusters only');
      if ((text(first.spec.type) ?? 'ClusterIP') !== (text(other.spec.type) ?? 'ClusterIP')) differs('service type differs');
      if (firstPorts !== portsKey(other.spec)) differs('ports differ');
    }
    if (reasons.size) {
      ctx.report(AnalysisRules.INCONSISTENT_MULTICLUSTER_SERVICE, first, `${first.namespace}/${first.name}`,
        `Clusters ${[first.cluster, ...clusters].join(', ')}: ${[...reasons].join('; ')}.`);
    }
  }
}

/**
 * The ports as compared across clusters (every field, as Istio does), by their text: the library writes ports in one
 * key order, so the canonical form is computed once per distinct text.
 */
function portsKeys(): (spec: JsonMap) => string {
  const byText = new Map<string, string>();
  return spec => {
    const plain = JSON.stringify(spec.ports ?? []);
    let key = byText.get(plain);
    if (key === undefined) {
      key = canonicalPorts(spec);
      byText.set(plain, key);
    }
    return key;
  };
}

function canonicalPorts(spec: JsonMap): string {
  const ports: JsonMap[] = maps(spec.ports).map(p => ({ ...p, protocol: p.protocol ?? 'TCP' }));
  return canonicalJson(ports.sort((a, b) => String(a.name ?? a.port).localeCompare(String(b.name ?? b.port))));
}

/**
 * Port names Istio cannot read a protocol from (IST0118), ExternalName services included, where a port named plain
 * `tcp` is flagged too (IST0150). Like Istio, Services of the control plane and its gateways (an `istio` label, or
 * `release: istio`) are skipped.
 */
export function analyzeServicePorts(ctx: AnalysisContext): void {
  for (const svc of ctx.index.ofKind('Service')) {
    if (svc.namespace === 'kube-system' || svc.labels.istio !== undefined || svc.labels.release === 'istio') continue;
    const externalName = svc.spec.type === 'ExternalName';
    for (const port of maps(svc.spec.ports)) {
      const protocol = servicePortProtocol(port);
      if (protocol && ISTIO_PROTOCOLS.has(protocol) && !(externalName && port.name === 'tcp')) continue;
      const rule = externalName ? AnalysisRules.EXTERNAL_NAME_PORT_NAME : AnalysisRules.PORT_NAME_CONVENTION;
      ctx.report(rule, svc, text(port.name) ?? `(unnamed port ${num(port.port)})`, `${describe(svc)}.`);
    }
  }
}

/** Namespaces with both injection labels (IST0123). */
export function analyzeNamespaceLabels(ctx: AnalysisContext): void {
  for (const ns of ctx.index.ofKind('Namespace')) {
    const injection = ['istio-injection', 'istio.io/rev'].filter(l => ns.labels[l] !== undefined);
    if (injection.length > 1) ctx.report(AnalysisRules.MULTIPLE_INJECTION_LABELS, ns, injection, `${describe(ns)}.`);
  }
}

const INTERNAL_SUFFIXES = ['.svc', '.local', '.internal', '.cluster.local', '.consul'];

/** ServiceEntry checks: Istio's validation (IST0106), addresses (IST0134), protocol conflicts (IST0177), MESH_INTERNAL public hosts. */
export function analyzeServiceEntries(ctx: AnalysisContext): void {
  const protocols = new Map<string, Map<string, AnalysisObject[]>>();
  for (const se of ctx.index.ofKind('ServiceEntry')) {
    for (const problem of serviceEntryProblems(se.spec)) ctx.report(AnalysisRules.INVALID_SERVICE_ENTRY, se, problem.value, `${describe(se)}: ${problem.reason}.`);
    const ports = maps(se.spec.ports);
    const tcp = ports.filter(p => !text(p.protocol) || String(p.protocol).toUpperCase() === 'TCP');
    if (!list(se.spec.addresses).length && tcp.length && !ctx.settings.dnsAutoAllocate) {
      ctx.report(AnalysisRules.SERVICE_ENTRY_ADDRESSES_REQUIRED, se, tcp.map(p => num(p.number)), `${describe(se)}.`);
    }
    const hosts = texts(se.spec.hosts);
    if (se.spec.location === 'MESH_INTERNAL' && !se.spec.workloadSelector) {
      const external = hosts.filter(h => h.includes('.') && !INTERNAL_SUFFIXES.some(s => h.endsWith(s)));
      if (external.length) ctx.report(AnalysisRules.EXTERNAL_HOST_MESH_INTERNAL, se, external, `${describe(se)}.`);
    }
    for (const host of hosts) {
      for (const p of ports) {
        const key = `${se.cluster}|${host}|${num(p.number)}`;
        const byProtocol = protocols.get(key) ?? new Map<string, AnalysisObject[]>();
        const protocol = (text(p.protocol) ?? 'TCP').toUpperCase();
        byProtocol.set(protocol, [...byProtocol.get(protocol) ?? [], se]);
        protocols.set(key, byProtocol);
      }
    }
  }
  for (const [key, byProtocol] of protocols) {
    if (byProtocol.size < 2) continue;
    const [, host, port] = key.split('|');
    const all = [...byProtocol.values()].flat();
    for (const se of all) {
      ctx.report(AnalysisRules.CONFLICTING_SERVICE_ENTRY_PROTOCOL, se, `${host}:${port}`,
        `ServiceEntries ${all.map(o => `${o.namespace}/${o.name}`).join(', ')} use ${[...byProtocol.keys()].join(', ')}.`);
    }
  }
}

const HTTP_OR_TLS = new Set(['HTTP', 'HTTPS', 'TLS', 'GRPC', 'HTTP2']);

/** What Istio's ServiceEntry validation rejects, one entry per problem. */
export function serviceEntryProblems(spec: JsonMap): Array<{ value: unknown; reason: string }> {
  const out: Array<{ value: unknown; reason: string }> = [];
  const resolution = text(spec.resolution) ?? 'NONE';
  const endpoints = maps(spec.endpoints);
  const hosts = texts(spec.hosts);
  const addresses = texts(spec.addresses);
  const ports = maps(spec.ports);
  if (spec.workloadSelector !== undefined && endpoints.length) out.push({ value: 'workloadSelector', reason: 'only one of workloadSelector or endpoints is allowed' });
  if (!hosts.length) out.push({ value: hosts, reason: 'a ServiceEntry needs at least one host' });
  if (hosts.includes('*')) out.push({ value: '*', reason: 'the host "*" is not allowed' });
  if (addresses.some(a => a.includes('/')) && resolution !== 'NONE' && resolution !== 'STATIC') {
    out.push({ value: resolution, reason: 'CIDR addresses are allowed only with resolution NONE or STATIC' });
  }
  const names = new Set<string>();
  const numbers = new Set<number>();
  for (const p of ports) {
    const name = text(p.name) ?? '';
    const number = num(p.number) ?? 0;
    if (names.has(name)) out.push({ value: name, reason: `port name "${name}" is defined twice` });
    if (numbers.has(number)) out.push({ value: number, reason: `port ${number} is defined twice` });
    names.add(name);
    numbers.add(number);
  }
  if (resolution === 'NONE' && endpoints.length) out.push({ value: resolution, reason: 'no endpoints may be given for resolution NONE' });
  if ((resolution === 'DNS' || resolution === 'DNS_ROUND_ROBIN') && !endpoints.length) {
    const notFqdn = hosts.find(h => h.startsWith('*') || !h.includes('.'));
    if (notFqdn) out.push({ value: notFqdn, reason: `hosts must be FQDNs when no endpoints are given for resolution ${resolution}` });
  }
  if (resolution === 'DNS_ROUND_ROBIN' && endpoints.length > 1) out.push({ value: endpoints.length, reason: 'resolution DNS_ROUND_ROBIN allows at most one endpoint' });
  if (resolution === 'DYNAMIC_DNS') {
    if (hosts.some(h => !h.startsWith('*'))) out.push({ value: hosts, reason: 'resolution DYNAMIC_DNS needs wildcard hosts' });
    if (addresses.length) out.push({ value: addresses, reason: 'addresses cannot be set for resolution DYNAMIC_DNS' });
    if (endpoints.length) out.push({ value: endpoints.length, reason: 'endpoints cannot be set for resolution DYNAMIC_DNS' });
    const other = ports.find(p => !HTTP_OR_TLS.has((text(p.protocol) ?? '').toUpperCase()));
    if (other) out.push({ value: other.protocol ?? '(unset)', reason: 'resolution DYNAMIC_DNS supports only HTTP, TLS, GRPC and HTTP2 ports' });
  }
  for (const endpoint of endpoints) {
    for (const name of Object.keys(map(endpoint.ports))) if (!names.has(name)) out.push({ value: name, reason: `endpoint port "${name}" is not a port of the ServiceEntry` });
  }
  return out;
}
