import { JsonObject, isJsonObject, jsonAt, jsonObject, jsonObjects, jsonString, jsonStringRecord, jsonStrings } from '../core/json';
import { selectsLabels } from '../core/labels';
import { qualifiedHost } from '../core/names';
import { MeshCore } from '../topology/mesh-core';
import { formatDiagnostic } from '../validation/format';

/** What a diagram node stands for. */
export enum DiagramNodeKind {
  /** A cluster. */
  CLUSTER = 'CLUSTER',
  /** A gateway workload in a cluster. */
  GATEWAY = 'GATEWAY',
}

/** A node of the mesh diagram. */
export interface DiagramNode {
  /** Mermaid node ID. */
  readonly id: string;
  /** What it is. */
  readonly kind: DiagramNodeKind;
  /** The text shown. */
  readonly label: string;
  /** The network subgraph it is drawn in (`default` for the default network). */
  readonly network: string;
}

/** An edge of the mesh diagram. */
export interface DiagramEdge {
  /** Source node ID. */
  readonly source: string;
  /** Target node ID. */
  readonly target: string;
  /** The text on the edge. */
  readonly label: string;
}

/** How a service is reached, protected and routed, read from the synthesized objects. */
export interface ServiceSummary {
  /** Fully qualified host. */
  readonly host: string;
  /** Clusters where its Service is applied. */
  readonly clusters: string[];
  /** One line per route rule: `match → destinations`. */
  readonly routes: string[];
  /** DestinationRule subsets. */
  readonly subsets: string[];
  /** Locality failover or distribution, if set. */
  readonly failover?: string;
  /** Whether outlier detection is configured. */
  readonly outlierDetection: boolean;
  /** Effective mTLS mode at the workload. */
  readonly mtls: string;
  /** Who may call it, from AuthorizationPolicies. */
  readonly callers: string[];
}

const GATEWAY_TEMPLATE = 'inject.istio.io/templates';
const NETWORK_LABEL = 'topology.istio.io/network';

type Docs = Map<string, JsonObject[]>;

/** What the report reads of one cluster's objects, found in one pass over them. */
interface ClusterScan {
  /** Object counts by kind, in first-seen order. */
  readonly counts: Record<string, number>;
  /** Gateway Deployments (injected with the gateway template), sorted by namespace/name. */
  readonly gateways: JsonObject[];
  /** `v1` Services, in order. */
  readonly services: JsonObject[];
  /** Istio and Gateway API objects by kind, each kind's in order. */
  readonly config: Map<unknown, JsonObject[]>;
}

function scanCluster(objects: readonly JsonObject[]): ClusterScan {
  const scan: ClusterScan = { counts: {}, gateways: [], services: [], config: new Map() };
  for (const obj of objects) {
    const kind = obj.kind;
    const name = String(kind);
    scan.counts[name] = (scan.counts[name] ?? 0) + 1;
    if (kind === 'Deployment' && jsonAt(obj, 'spec', 'template', 'metadata', 'annotations', GATEWAY_TEMPLATE) === 'gateway') {
      scan.gateways.push(obj);
    }
    const apiVersion = obj.apiVersion;
    if (kind === 'Service' && apiVersion === 'v1') {
      scan.services.push(obj);
    } else if (typeof apiVersion === 'string' && (apiVersion.includes('istio.io') || apiVersion.startsWith('gateway.networking.k8s.io/'))) {
      const list = scan.config.get(kind);
      if (list) list.push(obj);
      else scan.config.set(kind, [obj]);
    }
  }
  scan.gateways.sort((a, b) => objectKey(a).localeCompare(objectKey(b)));
  return scan;
}

function nodeId(...parts: string[]): string {
  return parts.join('_').replace(/[^A-Za-z0-9_]/g, '_');
}

/** `exact /api` for a StringMatch object. */
function describeStringMatch(value: JsonObject): string {
  return `${Object.keys(value)[0]} ${String(Object.values(value)[0])}`;
}

function describeMatch(match: JsonObject[]): string {
  if (!match.length) return 'any';
  return match.map(m => {
    const parts: string[] = [];
    for (const field of ['uri', 'authority', 'method', 'scheme']) {
      const value = jsonObject(m[field]);
      if (value) parts.push(`${field} ${describeStringMatch(value)}`);
    }
    for (const [name, value] of Object.entries(jsonObject(m.headers) ?? {})) {
      if (isJsonObject(value)) parts.push(`header ${name} ${describeStringMatch(value)}`);
    }
    if (m.port) parts.push(`port ${String(m.port)}`);
    if (m.sniHosts) parts.push(`sni ${jsonStrings(m, 'sniHosts').join(',')}`);
    return parts.join(' and ') || 'any';
  }).join(' or ');
}

function describeRoute(rule: JsonObject): string {
  const targets = jsonObjects(rule, 'route').map(r => {
    const subset = jsonAt(r, 'destination', 'subset');
    const dest = `${String(jsonAt(r, 'destination', 'host'))}${subset ? `/${String(subset)}` : ''}`;
    return r.weight !== undefined ? `${dest} ${String(r.weight)}%` : dest;
  });
  const action = rule.redirect ? `redirect ${JSON.stringify(rule.redirect)}`
    : rule.directResponse ? `respond ${String(jsonAt(rule, 'directResponse', 'status'))}`
      : rule.delegate ? `delegate ${jsonString(rule, 'delegate', 'namespace') ?? ''}/${String(jsonAt(rule, 'delegate', 'name'))}`
        : targets.join(', ');
  return `${describeMatch(jsonObjects(rule, 'match'))} → ${action}`;
}

/** One Gateway API route rule, `matches → backend weight%, …`. */
function describeGatewayApiRule(rule: JsonObject): string {
  const matches = jsonObjects(rule, 'matches').map(m => {
    const path = jsonObject(m.path);
    const method = jsonObject(m.method);
    const parts = [path ? `path ${String(path.type ?? 'PathPrefix')} ${String(path.value)}` : '',
      method ? `method ${[method.service, method.method].filter(x => x !== undefined).join('/')}` : '',
      ...jsonObjects(m, 'headers').map(h => `header ${String(h.name)} ${String(h.type ?? 'Exact')} ${String(h.value)}`)].filter(x => x);
    return parts.join(' & ') || '*';
  });
  const targets = jsonObjects(rule, 'backendRefs').map(b => `${String(b.name)}${b.weight !== undefined ? ` ${String(b.weight)}%` : ''}`);
  return `${matches.join(' | ') || '*'} → ${targets.join(', ')}`;
}

function describeFailover(lb: unknown): string | undefined {
  const setting = jsonObject(jsonAt(lb, 'localityLbSetting'));
  if (!setting || setting.enabled === false) return undefined;
  if (setting.failover) return jsonObjects(setting, 'failover').map(f => `${String(f.from)} → ${String(f.to)}`).join('; ');
  if (setting.failoverPriority) return `priority: ${jsonStrings(setting, 'failoverPriority').join(' > ')}`;
  if (setting.distribute) {
    return jsonObjects(setting, 'distribute')
      .map(d => `${String(d.from)}: ${Object.entries(jsonObject(d.to) ?? {}).map(([k, v]) => `${k} ${String(v)}%`).join(', ')}`).join('; ');
  }
  return 'locality-aware (default)';
}

/** The object's `metadata.namespace/metadata.name`. */
function objectKey(obj: JsonObject): string {
  const metadata = jsonObject(obj.metadata);
  return `${String(metadata?.namespace)}/${String(metadata?.name)}`;
}

function byNamespace(objects: JsonObject[]): Map<string | undefined, JsonObject[]> {
  const out = new Map<string | undefined, JsonObject[]>();
  for (const obj of objects) {
    const namespace = jsonString(obj, 'metadata', 'namespace');
    const list = out.get(namespace);
    if (list) list.push(obj);
    else out.set(namespace, [obj]);
  }
  return out;
}

function describeSources(from: JsonObject[]): string {
  return from.map(f => [
    ...jsonStrings(f, 'source', 'principals'),
    ...jsonStrings(f, 'source', 'namespaces').map(n => `ns:${n}`),
  ].join(',')).join(' | ');
}

/**
 * A human-readable summary of a synthesized mesh: a Mermaid diagram of clusters, networks,
 * localities, gateways and east-west links; the objects per cluster; per-service routes,
 * failover and security posture; and every warning. Built from the synthesized objects.
 */
export class MeshReport {
  /**
   * Builds the report of a mesh from its clusters' synthesized objects.
   * @param mesh the mesh (already prepared)
   * @param objectsByCluster the synthesized objects, by cluster name
   */
  public static of(mesh: MeshCore, objectsByCluster: { [cluster: string]: unknown[] }): MeshReport {
    return new MeshReport(mesh, new Map(Object.entries(objectsByCluster).map(([cluster, objects]) => [cluster, objects.filter(isJsonObject)])));
  }

  /** Diagram nodes: clusters and gateways. */
  public readonly nodes: DiagramNode[] = [];
  /** Diagram edges: gateway placement, east-west links and control-plane links. */
  public readonly edges: DiagramEdge[] = [];
  /** Per-service summaries, sorted by host. */
  public readonly services: ServiceSummary[];
  private readonly scans = new Map<string, ClusterScan>();

  private constructor(private readonly mesh: MeshCore, private readonly docs: Docs) {
    for (const [cluster, objects] of docs) this.scans.set(cluster, scanCluster(objects));
    this.buildDiagram();
    this.services = this.summarizeServices();
  }

  /** Object counts by kind in a cluster. */
  public objectsByKind(cluster: string): { [kind: string]: number } {
    return Object.fromEntries(Object.entries(this.scans.get(cluster)?.counts ?? {}).sort(([a], [b]) => a.localeCompare(b)));
  }

  /** The Mermaid flowchart. */
  public toMermaid(): string {
    const lines = ['flowchart LR'];
    const networks = [...new Set(this.nodes.map(n => n.network))].sort();
    for (const network of networks) {
      lines.push(`  subgraph ${nodeId('net', network)}["network ${network}"]`);
      for (const node of this.nodes.filter(n => n.network === network)) {
        lines.push(node.kind === DiagramNodeKind.CLUSTER ? `    ${node.id}["${node.label}"]` : `    ${node.id}(["${node.label}"])`);
      }
      lines.push('  end');
    }
    for (const edge of this.edges) {
      const arrow = edge.label.startsWith('east-west') ? '<-->' : edge.label === 'gateway' ? '---' : '-.->';
      lines.push(`  ${edge.source} ${arrow}|${edge.label}| ${edge.target}`);
    }
    return lines.join('\n');
  }

  /** The whole report as Markdown. */
  public toMarkdown(): string {
    const m = this.mesh;
    const out: string[] = [
      `# Mesh ${m.meshId}`,
      '',
      `Istio ${m.istioVersion.toString()} · trust domain \`${m.trustDomain}\` · revision \`${m.revision}\` · ${m.clusters.length} cluster(s) on ${Math.max(m.networks.length, 1)} network(s)`,
      '',
      '```mermaid',
      this.toMermaid(),
      '```',
      '',
      '## Clusters',
      '',
      '| cluster | role | network | localities | objects |',
      '| --- | --- | --- | --- | --- |',
      ...m.clusters.map(c => `| ${c.clusterName} | ${c.role} | ${c.networkName ?? 'default'} | ${c.localities.map(l => l.toString()).join(', ') || '-'} | ${(this.docs.get(c.clusterName) ?? []).length} |`),
      '',
    ];
    for (const cluster of m.clusters) {
      out.push(`### ${cluster.clusterName}`, '', '| kind | count |', '| --- | --- |');
      for (const [kind, count] of Object.entries(this.objectsByKind(cluster.clusterName))) out.push(`| ${kind} | ${count} |`);
      out.push('');
    }
    out.push('## Services', '');
    if (!this.services.length) out.push('No services.', '');
    for (const s of this.services) {
      out.push(`### ${s.host}`, '');
      out.push(`- clusters: ${s.clusters.join(', ')}`);
      out.push(`- mTLS: ${s.mtls}`);
      out.push(`- callers: ${s.callers.length ? s.callers.join('; ') : 'anyone in the mesh (no AuthorizationPolicy)'}`);
      if (s.subsets.length) out.push(`- subsets: ${s.subsets.join(', ')}`);
      out.push(`- outlier detection: ${s.outlierDetection ? 'yes' : 'no'}`);
      if (s.failover) out.push(`- failover: ${s.failover}`);
      for (const r of s.routes) out.push(`- route: ${r}`);
      out.push('');
    }
    out.push('## Warnings', '');
    const warnings = m.diagnostics.warnings;
    out.push(...(warnings.length ? warnings.map(w => `- ${formatDiagnostic(w)}`) : ['None.']), '');
    return out.join('\n');
  }

  private buildDiagram(): void {
    const m = this.mesh;
    const eastWest = new Map<string, string>();
    for (const cluster of m.clusters) {
      const network = cluster.networkName ?? 'default';
      const cid = nodeId('cluster', cluster.clusterName);
      const where = cluster.localities.map(l => l.toString()).join(', ');
      this.nodes.push({ id: cid, kind: DiagramNodeKind.CLUSTER, label: `${cluster.clusterName}<br/>${cluster.role.toLowerCase()}${where ? `<br/>${where}` : ''}`, network });
      for (const gw of this.scans.get(cluster.clusterName)?.gateways ?? []) {
        const name = String(jsonAt(gw, 'metadata', 'name'));
        const gid = nodeId('gw', cluster.clusterName, String(jsonAt(gw, 'metadata', 'namespace')), name);
        this.nodes.push({ id: gid, kind: DiagramNodeKind.GATEWAY, label: name, network });
        this.edges.push({ source: cid, target: gid, label: 'gateway' });
        if (jsonAt(gw, 'spec', 'template', 'metadata', 'labels', NETWORK_LABEL) || jsonAt(gw, 'metadata', 'labels', 'istio') === 'eastwestgateway') {
          if (!eastWest.has(network)) eastWest.set(network, gid);
        }
      }
    }
    const networks = [...eastWest.keys()].sort();
    for (let i = 0; i < networks.length; i++) {
      for (let j = i + 1; j < networks.length; j++) {
        this.edges.push({ source: eastWest.get(networks[i])!, target: eastWest.get(networks[j])!, label: 'east-west mTLS 15443' });
      }
    }
    const primaries = m.controlPlaneClusters.length ? m.controlPlaneClusters : m.configClusters;
    for (const cluster of m.clusters.filter(c => !primaries.includes(c))) {
      const primary = primaries.find(p => p.networkName === cluster.networkName) ?? primaries[0];
      if (primary) this.edges.push({ source: nodeId('cluster', cluster.clusterName), target: nodeId('cluster', primary.clusterName), label: 'istiod' });
    }
  }

  private summarizeServices(): ServiceSummary[] {
    const root = this.mesh.rootNamespace;
    const services = new Map<string, { namespace: string; selector?: Record<string, string>; clusters: Set<string> }>();
    const byKind = new Map<unknown, JsonObject[]>();
    for (const [cluster, scan] of [...this.scans.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      for (const obj of scan.services) {
        const namespace = jsonString(obj, 'metadata', 'namespace') ?? 'default';
        const host = qualifiedHost(String(jsonAt(obj, 'metadata', 'name')), namespace);
        const entry = services.get(host) ?? { namespace, selector: jsonStringRecord(obj, 'spec', 'selector'), clusters: new Set<string>() };
        entry.clusters.add(cluster);
        services.set(host, entry);
      }
      for (const [kind, objects] of scan.config) {
        const list = byKind.get(kind);
        if (list) for (const o of objects) list.push(o);
        else byKind.set(kind, [...objects]);
      }
    }
    const unique = (objs: JsonObject[] | undefined) => [...new Map((objs ?? []).map(o => [objectKey(o), o])).values()];
    const routesByHost = new Map<string, string[]>();
    for (const vs of unique(byKind.get('VirtualService'))) {
      const lines = [...jsonObjects(vs, 'spec', 'http'), ...jsonObjects(vs, 'spec', 'tcp'), ...jsonObjects(vs, 'spec', 'tls')].map(describeRoute);
      const gateways = jsonStrings(vs, 'spec', 'gateways');
      const via = gateways.length ? ` (via ${gateways.join(', ')})` : '';
      for (const host of jsonStrings(vs, 'spec', 'hosts')) {
        const key = qualifiedHost(host, String(jsonAt(vs, 'metadata', 'namespace')));
        const list = routesByHost.get(key) ?? [];
        list.push(...lines.map(l => `${l}${via}`));
        routesByHost.set(key, list);
      }
    }
    // Gateway API mesh routes (GAMMA): the routes of the Service they name as parent.
    for (const route of [...unique(byKind.get('HTTPRoute')), ...unique(byKind.get('GRPCRoute'))]) {
      const namespace = String(jsonAt(route, 'metadata', 'namespace'));
      const lines = jsonObjects(route, 'spec', 'rules').map(describeGatewayApiRule);
      for (const parent of jsonObjects(route, 'spec', 'parentRefs').filter(p => p.kind === 'Service')) {
        const key = qualifiedHost(String(parent.name), jsonString(parent, 'namespace') ?? namespace);
        routesByHost.set(key, [...routesByHost.get(key) ?? [], ...lines.map(l => `${l} (${String(route.kind)})`)]);
      }
    }
    const rulesByHost = new Map<string, JsonObject>();
    for (const dr of unique(byKind.get('DestinationRule'))) {
      rulesByHost.set(qualifiedHost(String(jsonAt(dr, 'spec', 'host')), String(jsonAt(dr, 'metadata', 'namespace'))), dr);
    }
    const peerAuths = byNamespace(unique(byKind.get('PeerAuthentication')));
    // each policy's selector and caller lines, read once (a namespace's policies are matched against each of its services)
    const rules = (p: JsonObject): JsonObject[] => (jsonAt(p, 'spec', 'rules') === undefined ? [{}] : jsonObjects(p, 'spec', 'rules'));
    const authz = new Map([...byNamespace(unique(byKind.get('AuthorizationPolicy')))].map(([namespace, policies]) => [namespace, policies.map(p => ({
      matchLabels: jsonStringRecord(p, 'spec', 'selector', 'matchLabels'),
      lines: rules(p).map(r => `${jsonString(p, 'spec', 'action') ?? 'ALLOW'} ${describeSources(jsonObjects(r, 'from')) || '*'} (${objectKey(p)})`),
    }))]));

    return [...services.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([host, svc]) => {
      const dr = rulesByHost.get(host);
      return {
        host,
        clusters: [...svc.clusters].sort(),
        routes: routesByHost.get(host) ?? [],
        subsets: jsonObjects(dr, 'spec', 'subsets').map(s => String(s.name)),
        failover: describeFailover(jsonAt(dr, 'spec', 'trafficPolicy', 'loadBalancer')),
        outlierDetection: jsonAt(dr, 'spec', 'trafficPolicy', 'outlierDetection') !== undefined,
        mtls: this.effectiveMtls(peerAuths, root, svc.namespace, svc.selector),
        callers: [...(authz.get(svc.namespace) ?? []), ...(svc.namespace === root ? [] : authz.get(root) ?? [])]
          .filter(p => selectsLabels(p.matchLabels, svc.selector))
          .flatMap(p => p.lines),
      };
    });
  }

  private effectiveMtls(
    peerAuths: Map<string | undefined, JsonObject[]>, root: string, namespace: string, selector?: Record<string, string>,
  ): string {
    const local = peerAuths.get(namespace) ?? [];
    const hasSelector = (p: JsonObject) => Boolean(jsonAt(p, 'spec', 'selector'));
    const workload = local.find(p => hasSelector(p) && selectsLabels(jsonStringRecord(p, 'spec', 'selector', 'matchLabels'), selector));
    const ns = local.find(p => !hasSelector(p));
    const meshWide = (peerAuths.get(root) ?? []).find(p => !hasSelector(p));
    const mode = (p: JsonObject | undefined) => jsonAt(p, 'spec', 'mtls', 'mode');
    const chosen = [workload, ns, meshWide].find(p => mode(p) && mode(p) !== 'UNSET');
    if (!chosen) return 'PERMISSIVE (Istio default: no PeerAuthentication)';
    const scope = chosen === workload ? 'workload' : chosen === ns ? 'namespace' : 'mesh';
    const portModes = jsonObject(jsonAt(workload, 'spec', 'portLevelMtls'));
    const ports = portModes ? `; ports ${Object.entries(portModes).map(([p, v]) => `${p}:${String(jsonAt(v, 'mode'))}`).join(', ')}` : '';
    return `${String(mode(chosen))} (${scope})${ports}`;
  }
}
