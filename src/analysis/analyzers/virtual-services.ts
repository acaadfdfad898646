import { canonicalJson } from '../../core/json';
import { selectsLabels } from '../../core/labels';
import { AnalysisRules } from '../../validation/rules/analysis';
import { AnalysisContext, describe } from '../context';
import { JsonMap, map, maps, num, stringMap, text, texts } from '../json';
import { AnalysisIndex, AnalysisObject } from '../object-index';
import { RegisteredPort, qualifyHost } from '../registry';

// VirtualService checks (IST0101 host/port/subset/gateway, IST0109, IST0112, IST0130/0131, IST0132, IST0140, IST0149).

/** One destination of a VirtualService rule. */
interface RouteDestination {
  /** `http`, `tcp` or `tls`. */
  readonly kind: string;
  readonly host: string;
  readonly subset?: string;
  readonly port?: number;
  /** The rule's index in `kind`. */
  readonly rule: number;
  /** `route`, `mirror` or `mirrors`. */
  readonly field: string;
  /** The index in `field`; none for `mirror`. */
  readonly index?: number;
}

/** Where a destination is, `http[0].route[1]` or `http[0].mirror` (built only for a finding). */
function whereOf(d: RouteDestination): string {
  return `${d.kind}[${d.rule}].${d.field}${d.index === undefined ? '' : `[${d.index}]`}`;
}

/** Every route and mirror destination of a VirtualService spec. */
export function routeDestinations(spec: JsonMap): RouteDestination[] {
  const out: RouteDestination[] = [];
  const add = (d: JsonMap, kind: string, rule: number, field: string, index?: number) => {
    const host = text(d.host);
    if (host) out.push({ kind, host, subset: text(d.subset), port: num(map(d.port).number), rule, field, index });
  };
  for (const kind of ['http', 'tcp', 'tls']) {
    maps(spec[kind]).forEach((rule, i) => {
      maps(rule.route).forEach((r, j) => add(map(r.destination), kind, i, 'route', j));
      if (kind !== 'http') return;
      if (rule.mirror !== undefined) add(map(rule.mirror), kind, i, 'mirror');
      maps(rule.mirrors).forEach((m, j) => add(map(m.destination), kind, i, 'mirrors', j));
    });
  }
  return out;
}

/** Gateway references of a VirtualService other than `mesh`, as `namespace/name`. */
function gatewayRefs(vs: AnalysisObject): string[] {
  return texts(vs.spec.gateways).filter(g => g !== 'mesh').map(g => (g.includes('/') ? g : `${vs.namespace}/${g}`));
}

/** True if the VirtualService applies to sidecars. */
function isMeshBound(vs: AnalysisObject): boolean {
  const gateways = texts(vs.spec.gateways);
  return gateways.length === 0 || gateways.includes('mesh');
}

/** Subset names of DestinationRules by cluster, then host (nested maps: no key text to build per lookup). */
function subsetIndex(index: AnalysisIndex): Map<string, Map<string, Set<string>>> {
  const out = new Map<string, Map<string, Set<string>>>();
  for (const dr of index.ofKind('DestinationRule')) {
    const host = text(dr.spec.host);
    if (!host) continue;
    let byHost = out.get(dr.cluster);
    if (!byHost) out.set(dr.cluster, byHost = new Map<string, Set<string>>());
    const fqdn = qualifyHost(host, dr.namespace);
    let set = byHost.get(fqdn);
    if (!set) byHost.set(fqdn, set = new Set<string>());
    for (const s of maps(dr.spec.subsets)) if (text(s.name)) set.add(s.name as string);
  }
  return out;
}

/** Destination hosts, ports, subsets and gateways exist (IST0101, IST0112). */
export function analyzeDestinations(ctx: AnalysisContext): void {
  const subsets = subsetIndex(ctx.index);
  for (const vs of ctx.index.ofKind('VirtualService')) {
    const clusterSubsets = subsets.get(vs.cluster);
    const refs = gatewayRefs(vs);
    const gatewayBound = refs.length > 0;
    for (const d of routeDestinations(vs.spec)) {
      const fqdn = qualifyHost(d.host, vs.namespace);
      const service = ctx.services.resolveQualified(fqdn);
      if (!service) {
        ctx.report(AnalysisRules.UNKNOWN_DESTINATION_HOST, vs, d.host, `${describe(vs)}, ${whereOf(d)}.`);
        continue;
      }
      if (d.port === undefined && (gatewayBound ? service.ports.length : portsServing(service.ports, d.kind)) > 1) {
        const rule = gatewayBound ? AnalysisRules.DESTINATION_PORT_REQUIRED : AnalysisRules.MESH_DESTINATION_PORT_AMBIGUOUS;
        ctx.report(rule, vs, d.host,
          `${describe(vs)}, ${whereOf(d)}: ports ${service.ports.map(p => p.number).join(', ')}.`);
      } else if (d.port !== undefined && service.ports.length && !service.ports.some(p => p.number === d.port)) {
        ctx.report(AnalysisRules.UNKNOWN_DESTINATION_PORT, vs, `${d.host}:${d.port}`, `${describe(vs)}, ${whereOf(d)}.`);
      }
      if (d.subset && !clusterSubsets?.get(fqdn)?.has(d.subset)) {
        ctx.report(AnalysisRules.UNKNOWN_SUBSET, vs, `${d.host}/${d.subset}`, `${describe(vs)}, ${whereOf(d)}.`);
      }
    }
    for (const ref of refs) {
      const [namespace, name] = ref.split('/');
      const gateway = ctx.index.find(vs.cluster, 'Gateway', namespace, name);
      if (!gateway) {
        ctx.report(AnalysisRules.UNKNOWN_GATEWAY, vs, ref, `${describe(vs)}.`);
        continue;
      }
      const served = maps(gateway.spec.servers).flatMap(s => texts(s.hosts)).flatMap(h => serverHostFor(h, gateway.namespace, vs.namespace));
      const hosts = texts(vs.spec.hosts);
      if (!hosts.some(h => served.some(g => hostsIntersect(g, h)))) ctx.report(AnalysisRules.HOST_NOT_IN_GATEWAY, vs, hosts, `${describe(vs)}, gateway ${ref}.`);
    }
  }
}

const HTTP_PROTOCOLS = new Set(['HTTP', 'HTTP2', 'GRPC', 'GRPC-WEB']);
const TLS_PROTOCOLS = new Set(['TLS', 'HTTPS']);

/** True if a port of `protocol` can carry traffic of an `http`, `tcp` or `tls` rule (unknown protocols can carry any). */
function servesRuleKind(protocol: string | undefined, kind: string): boolean {
  if (protocol === undefined) return true;
  if (kind === 'http') return HTTP_PROTOCOLS.has(protocol);
  if (kind === 'tls') return TLS_PROTOCOLS.has(protocol);
  return !HTTP_PROTOCOLS.has(protocol);
}

/** How many of the ports can carry traffic of an `http`, `tcp` or `tls` rule. */
function portsServing(ports: readonly RegisteredPort[], kind: string): number {
  let count = 0;
  for (const p of ports) if (servesRuleKind(p.protocol, kind)) count++;
  return count;
}

/** A Gateway server host (`[ns/]host`) as seen from a VirtualService in `namespace`: none if exported elsewhere. */
function serverHostFor(host: string, gatewayNamespace: string, namespace: string): string[] {
  if (!host.includes('/')) return [host];
  const [ns, name] = host.split('/');
  const visible = ns === '*' || ns === namespace || (ns === '.' && gatewayNamespace === namespace);
  return visible ? [name] : [];
}

/** True if two host patterns (`*`, `*.example.com`, `a.example.com`) can name the same host. */
export function hostsIntersect(a: string, b: string): boolean {
  if (a === b || a === '*' || b === '*') return true;
  const suffix = (w: string) => w.slice(1);
  if (a.startsWith('*.') && b.startsWith('*.')) return suffix(a).endsWith(suffix(b)) || suffix(b).endsWith(suffix(a));
  if (a.startsWith('*.')) return b.endsWith(suffix(a));
  if (b.startsWith('*.')) return a.endsWith(suffix(b));
  return false;
}

/** Several mesh-bound VirtualServices for one host in one cluster (IST0109). */
export function analyzeMeshHostConflicts(ctx: AnalysisContext): void {
  const owners = new Map<string, AnalysisObject[]>();
  for (const vs of ctx.index.ofKind('VirtualService')) {
    if (!isMeshBound(vs)) continue;
    for (const host of new Set(texts(vs.spec.hosts).map(h => qualifyHost(h, vs.namespace)))) {
      const key = `${vs.cluster}|${host}`;
      const list = owners.get(key);
      if (list) list.push(vs);
      else owners.set(key, [vs]);
    }
  }
  for (const [key, list] of owners) {
    if (list.length < 2) continue;
    const names = list.map(v => `${v.namespace}/${v.name}`).join(', ');
    for (const vs of list) ctx.report(AnalysisRules.CONFLICTING_MESH_HOSTS, vs, key.split('|')[1], `VirtualServices ${names} in cluster ${vs.cluster}.`);
  }
}

/** Rules that never match and matches that are never used (IST0130, IST0131). */
export function analyzeUnreachableRules(ctx: AnalysisContext): void {
  for (const vs of ctx.index.ofKind('VirtualService')) {
    for (const kind of ['http', 'tcp', 'tls']) {
      const rules = maps(vs.spec[kind]);
      // matches can only repeat or cover earlier ones when two rules have matches
      const compare = rules.filter(r => maps(r.match).length).length > 1;
      const seen = new Map<string, number>();
      const prefixes: Array<{ prefix: string; rest: string; rule: number }> = [];
      let catchAll = -1;
      rules.forEach((rule, i) => {
        const name = `${kind}[${i}]${text(rule.name) ? ` (${rule.name})` : ''}`;
        const matches = maps(rule.match);
        if (catchAll >= 0) {
          ctx.report(AnalysisRules.UNREACHABLE_RULE, vs, name, `${describe(vs)}: ${kind}[${catchAll}] has no matches and comes first.`);
          return;
        }
        if (!matches.length) {
          catchAll = i;
          return;
        }
        if (!compare) return;
        let duplicates = 0;
        matches.forEach((m, j) => {
          const { name: _ignored, ...rest } = m;
          const key = canonicalJson(rest);
          const earlier = seen.get(key);
          if (earlier !== undefined) {
            duplicates++;
            ctx.report(AnalysisRules.INEFFECTIVE_MATCH, vs, `${name}.match[${j}]`, `${describe(vs)}: same match in ${kind}[${earlier}].`);
            return;
          }
          seen.set(key, i);
          const prefix = kind === 'http' ? text(map(m.uri).prefix) : undefined;
          if (prefix === undefined) return;
          const { uri: _uri, ...others } = rest;
          const otherFields = canonicalJson(others);
          const covering = prefixes.find(p => p.rest === otherFields && p.prefix !== prefix && prefix.startsWith(p.prefix));
          if (covering) {
            ctx.report(AnalysisRules.INEFFECTIVE_MATCH, vs, `${name}.match[${j}]`,
              `${describe(vs)}: prefix "${covering.prefix}" in ${kind}[${covering.rule}] covers "${prefix}".`);
          }
          prefixes.push({ prefix, rest: otherFields, rule: i });
        });
        if (duplicates === matches.length) {
          ctx.report(AnalysisRules.UNREACHABLE_RULE, vs, name, `${describe(vs)}: all its matches are used by earlier rules.`);
        }
      });
    }
  }
}

/** Gateway routes to a host without subsets while another VirtualService splits it by subset (IST0140). */
export function analyzeIngressSubsets(ctx: AnalysisContext): void {
  const gatewayRoutes = ctx.index.ofKind('VirtualService').filter(vs => gatewayRefs(vs).length > 0);
  if (!gatewayRoutes.length) return;
  const splitters = new Map<string, AnalysisObject[]>();
  for (const vs of ctx.index.ofKind('VirtualService')) {
    const hosts = new Set(texts(vs.spec.hosts));
    for (const rule of maps(vs.spec.http)) {
      for (const r of maps(rule.route)) {
        const d = map(r.destination);
        const host = text(d.host);
        if (!host || !text(d.subset) || !hosts.has(host)) continue;
        const key = `${vs.cluster}|${host}`;
        const list = splitters.get(key) ?? [];
        if (!list.includes(vs)) list.push(vs);
        splitters.set(key, list);
      }
    }
  }
  for (const vs of gatewayRoutes) {
    const reported = new Set<string>();
    maps(vs.spec.http).forEach((rule, i) => maps(rule.route).forEach((r, j) => {
      const d = map(r.destination);
      const host = text(d.host);
      if (!host || text(d.subset) || reported.has(host)) return;
      const others = splitters.get(`${vs.cluster}|${host}`);
      if (!others) return;
      reported.add(host);
      ctx.report(AnalysisRules.INGRESS_SUBSETS_NOT_AFFECTED, vs, host,
        `${describe(vs)}, http[${i}].route[${j}]; split by ${others.map(o => `${o.namespace}/${o.name}`).join(', ')}.`);
    }));
  }
}

const CLAIM_PREFIX = '@request.auth.claims';

/** JWT claim matches on gateway routes need a RequestAuthentication on the gateway workload (IST0149). */
export function analyzeJwtClaimRoutes(ctx: AnalysisContext): void {
  const authns = ctx.index.ofKind('RequestAuthentication');
  for (const vs of ctx.index.ofKind('VirtualService')) {
    const refs = gatewayRefs(vs);
    if (!refs.length) continue;
    const claims = maps(vs.spec.http).flatMap(rule => maps(rule.match))
      .flatMap(m => [...Object.keys(map(m.headers)), ...Object.keys(map(m.withoutHeaders))])
      .filter(k => k.startsWith(CLAIM_PREFIX));
    if (!claims.length) continue;
    for (const ref of refs) {
      const [namespace, name] = ref.split('/');
      const gateway = ctx.index.find(vs.cluster, 'Gateway', namespace, name);
      if (!gateway) continue;
      const selector = stringMap(gateway.spec.selector);
      const declared = ctx.workloads.selected(selector);
      const pods = declared.length
        ? declared.map(w => ({ namespace: w.namespace, labels: w.labels }))
        : [{ namespace: gateway.namespace, labels: selector }];
      const covered = pods.every(pod => authns.some(ra =>
        (ra.namespace === pod.namespace || ra.namespace === ctx.settings.rootNamespace)
        && selectsLabels(stringMap(map(ra.spec.selector).matchLabels), pod.labels)));
      if (!covered) ctx.report(AnalysisRules.JWT_ROUTE_WITHOUT_AUTHN, vs, claims[0], `${describe(vs)}, gateway ${ref}.`);
    }
  }
}
