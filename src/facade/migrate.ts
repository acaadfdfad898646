import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { JsonObject, isJsonObject, jsonObject, jsonObjects, jsonString, jsonStringRecord, jsonStrings } from '../core/json';
import { Protocol, Protocols } from '../workloads/protocol';

// `cdk8s-mesh migrate <cluster-dir>... --out <app-dir>`: a cdk8s TypeScript app from hand-written Istio and Kubernetes
// YAML, one folder per cluster (the folder's name is the cluster's). What it maps to constructs is listed in
// README "Migrating hand-written YAML"; every other object is kept as written, included from `manifests/<cluster>/`,
// and listed with the reason in MIGRATION.md.

/** One input object. */
interface InputObject {
  readonly cluster: string;
  readonly json: JsonObject;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/** An object kept as written, and why. */
export interface KeptRaw {
  readonly cluster: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly reason: string;
}

/** What a migration writes: files by path relative to the app folder, and the objects kept raw. */
export interface MigrationResult {
  readonly files: Map<string, string>;
  readonly kept: KeptRaw[];
}

const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'StorageClass', 'PersistentVolume', 'PriorityClass']);
const PROTOCOL_KEYS = Object.keys(Protocol) as Array<keyof typeof Protocol>;

function protocolKey(value: string | undefined): string | undefined {
  return PROTOCOL_KEYS.find(k => Protocol[k].toUpperCase() === value?.toUpperCase());
}

function readCluster(dir: string): InputObject[] {
  const cluster = path.basename(path.resolve(dir));
  const files = fs.readdirSync(dir).filter(f => /\.(ya?ml|json)$/.test(f)).sort();
  return files.flatMap(f => yaml.loadAll(fs.readFileSync(path.join(dir, f), 'utf8')))
    .flatMap(doc => (isJsonObject(doc) && doc.kind === 'List' ? jsonObjects(doc, 'items') : [doc]))
    .filter(isJsonObject)
    .map(json => {
      const kind = jsonString(json, 'kind') ?? '';
      const namespace = jsonString(json, 'metadata', 'namespace') ?? (CLUSTER_SCOPED.has(kind) ? '' : 'default');
      return { cluster, json, kind, namespace, name: jsonString(json, 'metadata', 'name') ?? '' };
    });
}

function lit(value: unknown): string {
  return JSON.stringify(value);
}

function ident(text: string): string {
  const id = text.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : '')).replace(/^[^A-Za-z_]/, '_$&');
  return id.charAt(0).toLowerCase() + id.slice(1);
}

/** Only these keys, each of an allowed shape. */
function onlyKeys(value: unknown, keys: string[]): boolean {
  return isJsonObject(value) && Object.keys(value).every(k => keys.includes(k));
}

function stringMatch(value: unknown): string | undefined {
  if (!isJsonObject(value) || Object.keys(value).length !== 1) return undefined;
  const [[kind, text]] = Object.entries(value);
  if (typeof text !== 'string' || !['exact', 'prefix', 'regex'].includes(kind)) return undefined;
  return `StringMatch.${kind}(${lit(text)})`;
}

/** `Duration.seconds(7)` for `7s`; undefined for anything but a whole number of one unit. */
function durationCode(value: unknown): string | undefined {
  const m = /^(\d+)(ms|s|m|h)$/.exec(String(value));
  return m ? `Duration.${({ ms: 'millis', s: 'seconds', m: 'minutes', h: 'hours' } as Record<string, string>)[m[2]]}(${m[1]})` : undefined;
}

/** An explicit percentage (`{ value: n }`): the library writes 100 when none is given, so only explicit ones map. */
function percentageOf(value: unknown): number | undefined {
  const v = jsonObject(value)?.value;
  return onlyKeys(value, ['value']) && typeof v === 'number' && v >= 0 && v <= 100 ? v : undefined;
}

/** A route's fault injection: a delay (fixedDelay + percentage) and/or an abort (httpStatus + percentage). */
function faultCode(value: unknown): string | undefined {
  if (!onlyKeys(value, ['delay', 'abort'])) return undefined;
  const fault = jsonObject(value)!;
  const parts: string[] = [];
  if (fault.delay !== undefined) {
    const delay = jsonObject(fault.delay);
    const fixed = durationCode(delay?.fixedDelay);
    const pct = percentageOf(delay?.percentage);
    if (!onlyKeys(delay, ['fixedDelay', 'percentage']) || !fixed || pct === undefined) return undefined;
    parts.push(`delay: { fixedDelay: ${fixed}, percentage: ${pct} }`);
  }
  if (fault.abort !== undefined) {
    const abort = jsonObject(fault.abort);
    const pct = percentageOf(abort?.percentage);
    if (!onlyKeys(abort, ['httpStatus', 'percentage']) || typeof abort?.httpStatus !== 'number' || pct === undefined) return undefined;
    parts.push(`abort: { httpStatus: ${abort.httpStatus}, percentage: ${pct} }`);
  }
  return parts.length ? `{ ${parts.join(', ')} }` : undefined;
}

/** The generator: decides per object, writes the TypeScript of the mapped ones. */
class Migration {
  public readonly kept: KeptRaw[] = [];
  public readonly code: string[] = [];
  private readonly raw = new Map<string, JsonObject[]>();
  private readonly declared = new Set<string>();

  constructor(private readonly clusters: Map<string, InputObject[]>) {}

  public run(): void {
    for (const [cluster, objects] of this.clusters) {
      this.raw.set(cluster, []);
      const mapped = new Set<InputObject>();
      this.mapGateways(cluster, objects, mapped);
      this.mapRoutes(cluster, objects, mapped);
      this.mapServiceEntries(cluster, objects, mapped);
      this.mapPeerAuthentications(cluster, objects, mapped);
      this.mapAuthorizationPolicies(cluster, objects, mapped);
      for (const o of objects) if (!mapped.has(o)) this.keep(o, reasonFor(o));
    }
  }

  public rawOf(cluster: string): JsonObject[] {
    return this.raw.get(cluster) ?? [];
  }

  private keep(o: InputObject, reason: string): void {
    this.raw.get(o.cluster)!.push(o.json);
    this.kept.push({ cluster: o.cluster, kind: o.kind, namespace: o.namespace, name: o.name, reason });
  }

  private unique(base: string): string {
    let id = ident(base);
    for (let i = 2; this.declared.has(id); i++) id = `${ident(base)}${i}`;
    this.declared.add(id);
    return id;
  }

  /** Istio Gateways selecting `istio: <x>` only, with plain servers → listeners on an existing gateway. */
  private mapGateways(cluster: string, objects: InputObject[], mapped: Set<InputObject>): void {
    const gateways = new Map<string, string>();
    for (const o of objects.filter(x => x.kind === 'Gateway' && String(x.json.apiVersion).startsWith('networking.istio.io/'))) {
      const selector = jsonStringRecord(o.json, 'spec', 'selector') ?? {};
      const spec = jsonObject(o.json.spec);
      const servers = jsonObjects(o.json, 'spec', 'servers');
      const plain = onlyKeys(spec, ['selector', 'servers']) && Object.keys(selector).length === 1 && selector.istio !== undefined && servers.length > 0
        && onlyKeys(o.json.metadata, ['name', 'namespace'])
        && servers.every(s => onlyKeys(s, ['port', 'hosts', 'tls']) && onlyKeys(s.port, ['number', 'name', 'protocol'])
          && protocolKey(jsonString(s, 'port', 'protocol')) !== undefined && jsonString(s, 'port', 'name') !== undefined
          // Istio reads `http` as `HTTP`, but the listener would write `HTTP`: only the canonical spelling maps.
          && Protocol[protocolKey(jsonString(s, 'port', 'protocol')) as keyof typeof Protocol] === jsonString(s, 'port', 'protocol')
          && (s.tls === undefined || (onlyKeys(s.tls, ['mode', 'credentialName', 'httpsRedirect']))));
      if (!plain) continue;
      let gw = gateways.get(selector.istio);
      if (!gw) {
        gw = this.unique(`${cluster}-${selector.istio}`);
        gateways.set(selector.istio, gw);
        const ports = [...new Set(objects.filter(x => x.kind === 'Gateway').flatMap(x => jsonObjects(x.json, 'spec', 'servers')).map(s => Number(jsonObject(s.port)?.number)))]
          .filter(n => Number.isInteger(n)).map(n => ({ name: `port-${n}`, port: n }));
        this.code.push(`  const ${gw} = IngressGateway.fromExisting(mesh, ${lit(gw)}, { name: ${lit(`istio-${selector.istio}`)}, selector: ${lit(selector)}, ports: ${lit(ports)}, clusters: [${lit(cluster)}] });`);
      }
      const serverCode = servers.map(s => {
        const tls = jsonObject(s.tls);
        const mode = jsonString(tls, 'mode');
        const tlsCode = tls && mode ? `, tls: { mode: GatewayTlsMode.${mode}${tls.credentialName ? `, credentialName: ${lit(tls.credentialName)}` : ''} }` : '';
        const redirect = tls?.httpsRedirect === true ? ', httpsRedirect: true' : '';
        return `{ port: ${Number(jsonObject(s.port)?.number)}, name: ${lit(jsonString(s, 'port', 'name'))}, protocol: Protocol.${protocolKey(jsonString(s, 'port', 'protocol'))}, hosts: ${lit(jsonStrings(s, 'hosts'))}${tlsCode}${redirect} }`;
      });
      this.code.push(`  ${gw}.addListener(${lit(`${o.namespace}-${o.name}`)}, { name: ${lit(o.name)}, namespaceName: ${lit(o.namespace)}, servers: [${serverCode.join(', ')}] });`);
      mapped.add(o);
    }
  }

  /** Mesh VirtualServices of one Service host (plain routes) and DestinationRules with label subsets → TrafficRoute. */
  private mapRoutes(cluster: string, objects: InputObject[], mapped: Set<InputObject>): void {
    const services = new Map(objects.filter(o => o.kind === 'Service').map(o => [`${o.namespace}/${o.name}`, o]));
    const serviceOf = (host: string | undefined, ns: string): InputObject | undefined => {
      if (!host) return undefined;
      const parts = host.split('.');
      if (parts.length === 1) return services.get(`${ns}/${host}`);
      if (host.endsWith('.svc.cluster.local') && parts.length === 5) return services.get(`${parts[1]}/${parts[0]}`);
      return undefined;
    };
    const rules = new Map<InputObject, InputObject>();
    for (const o of objects.filter(x => x.kind === 'DestinationRule')) {
      const svc = serviceOf(jsonString(o.json, 'spec', 'host'), o.namespace);
      const simple = onlyKeys(o.json.spec, ['host', 'subsets']) && onlyKeys(o.json.metadata, ['name', 'namespace'])
        && jsonObjects(o.json, 'spec', 'subsets').every(s => onlyKeys(s, ['name', 'labels']) && jsonStringRecord(s, 'labels'));
      if (svc && svc.namespace === o.namespace && simple && ![...rules.values()].includes(svc)) rules.set(o, svc);
    }
    const routed = new Map<InputObject, InputObject>();
    for (const o of objects.filter(x => x.kind === 'VirtualService')) {
      const hosts = jsonStrings(o.json, 'spec', 'hosts');
      const svc = hosts.length === 1 ? serviceOf(hosts[0], o.namespace) : undefined;
      const gateways = jsonStrings(o.json, 'spec', 'gateways');
      const rule = [...rules.entries()].find(([, s]) => s === svc)?.[0];
      const subsets = new Set(rule ? jsonObjects(rule.json, 'spec', 'subsets').map(s => jsonString(s, 'name')) : []);
      const ok = svc && svc.namespace === o.namespace && onlyKeys(o.json.spec, ['hosts', 'http', 'gateways'])
        && (gateways.length === 0 || (gateways.length === 1 && gateways[0] === 'mesh')) && onlyKeys(o.json.metadata, ['name', 'namespace'])
        && [...routed.values()].every(s => s !== svc)
        && jsonObjects(o.json, 'spec', 'http').every(r => this.httpRouteCode(r, svc, o.namespace, subsets) !== undefined);
      if (ok) routed.set(o, svc!);
    }
    for (const [svc] of new Map([...routed.values(), ...rules.values()].map(s => [s, true]))) {
      const vs = [...routed.entries()].find(([, s]) => s === svc)?.[0];
      const dr = [...rules.entries()].find(([, s]) => s === svc)?.[0];
      if (!vs && !dr) continue;
      const subsets = dr ? jsonObjects(dr.json, 'spec', 'subsets') : [];
      const ports = jsonObjects(svc.json, 'spec', 'ports');
      const protocols = Object.fromEntries(ports.filter(p => Protocols.fromPortName(jsonString(p, 'name'), jsonString(p, 'appProtocol')) === undefined)
        .map(p => [String(p.port), 'HTTP']));
      const svcId = this.unique(`${cluster}-${svc.namespace}-${svc.name}`);
      const versions = subsets.map(s => ({ name: jsonString(s, 'name'), labels: jsonStringRecord(s, 'labels') }));
      const protocolCode = Object.keys(protocols).length ? `, protocols: { ${Object.keys(protocols).map(p => `${lit(p)}: Protocol.HTTP`).join(', ')} }` : '';
      this.code.push(`  const ${svcId} = MeshService.fromIncluded(mesh, ${lit(svcId)}, mesh.cluster(${lit(cluster)}), 'Service', ${lit(svc.namespace)}, ${lit(svc.name)}, { versions: ${lit(versions)}${protocolCode} });`);
      const dsubsets = new Set(subsets.map(s => jsonString(s, 'name')));
      const http = vs ? jsonObjects(vs.json, 'spec', 'http').map(r => this.httpRouteCode(r, svc, vs.namespace, dsubsets)!) : [];
      const names = [vs ? `name: ${lit(vs.name)}` : undefined, dr ? `destinationRuleName: ${lit(dr.name)}` : undefined].filter(Boolean).join(', ');
      this.code.push(`  new TrafficRoute(mesh, ${lit(this.unique(`${svcId}-route`))}, { service: ${svcId}, ${names}, clusters: [${lit(cluster)}]${http.length ? `, http: [\n    ${http.join(',\n    ')},\n  ]` : ''} });`);
      if (vs) mapped.add(vs);
      if (dr) mapped.add(dr);
    }
  }

  private httpRouteCode(route: JsonObject, svc: InputObject | undefined, ns: string, subsets: Set<string | undefined>): string | undefined {
    if (!svc || !onlyKeys(route, ['name', 'match', 'route', 'timeout', 'fault'])) return undefined;
    const parts: string[] = [];
    if (route.name !== undefined) parts.push(`name: ${lit(route.name)}`);
    const matches: string[] = [];
    for (const m of jsonObjects(route, 'match')) {
      if (!onlyKeys(m, ['uri', 'headers'])) return undefined;
      const fields: string[] = [];
      if (m.uri !== undefined) {
        const uri = stringMatch(m.uri);
        if (!uri) return undefined;
        fields.push(`uri: ${uri}`);
      }
      if (m.headers !== undefined) {
        const headers = Object.entries(jsonObject(m.headers) ?? {}).map(([h, v]) => [h, stringMatch(v)] as const);
        if (headers.some(([, v]) => !v)) return undefined;
        fields.push(`headers: { ${headers.map(([h, v]) => `${lit(h)}: ${v}`).join(', ')} }`);
      }
      matches.push(`{ ${fields.join(', ')} }`);
    }
    if (route.match !== undefined) parts.push(`match: [${matches.join(', ')}]`);
    const destinations: string[] = [];
    for (const d of jsonObjects(route, 'route')) {
      if (!onlyKeys(d, ['destination', 'weight']) || !onlyKeys(d.destination, ['host', 'subset', 'port'])) return undefined;
      const target = jsonString(d, 'destination', 'host');
      const qualified = target && !target.includes('.') ? `${target}.${ns}.svc.cluster.local` : target;
      if (qualified !== `${svc.name}.${svc.namespace}.svc.cluster.local`) return undefined;
      const subset = jsonString(d, 'destination', 'subset');
      if (subset !== undefined && !subsets.has(subset)) return undefined;
      const port = jsonObject(jsonObject(d.destination)?.port)?.number;
      const fields = [subset !== undefined ? `version: ${lit(subset)}` : undefined, typeof port === 'number' ? `port: ${port}` : undefined,
        typeof d.weight === 'number' ? `weight: ${d.weight}` : undefined].filter(Boolean);
      destinations.push(`{ ${fields.join(', ')} }`);
    }
    if (!destinations.length) return undefined;
    parts.push(`destinations: [${destinations.join(', ')}]`);
    if (route.timeout !== undefined) {
      const timeout = durationCode(route.timeout);
      if (!timeout) return undefined;
      parts.push(`timeout: ${timeout}`);
    }
    if (route.fault !== undefined) {
      const fault = faultCode(route.fault);
      if (!fault) return undefined;
      parts.push(`fault: ${fault}`);
    }
    return `{ ${parts.join(', ')} }`;
  }

  /** Namespace-wide PeerAuthentications with a mode only → PeerAuth.namespaceWide. */
  private mapPeerAuthentications(cluster: string, objects: InputObject[], mapped: Set<InputObject>): void {
    for (const o of objects.filter(x => x.kind === 'PeerAuthentication')) {
      const mode = jsonString(o.json, 'spec', 'mtls', 'mode');
      const plain = onlyKeys(o.json.spec, ['mtls']) && onlyKeys(jsonObject(o.json.spec)?.mtls, ['mode'])
        && ['STRICT', 'PERMISSIVE', 'DISABLE', 'UNSET'].includes(mode ?? '') && onlyKeys(o.json.metadata, ['name', 'namespace']);
      if (!plain) continue;
      mapped.add(o);
      this.code.push(`  PeerAuth.namespaceWide(mesh, ${lit(this.unique(`${cluster}-${o.namespace}-${o.name}-peer-auth`))}, ${lit(o.namespace)}, MtlsMode.${mode}, { name: ${lit(o.name)}, clusters: [${lit(cluster)}] });`);
    }
  }

  /** AuthorizationPolicies with an ALLOW/DENY/AUDIT action, a label selector (or none) and from/to rules → AuthorizationPolicy. */
  private mapAuthorizationPolicies(cluster: string, objects: InputObject[], mapped: Set<InputObject>): void {
    const SOURCE = ['principals', 'notPrincipals', 'requestPrincipals', 'notRequestPrincipals', 'namespaces', 'notNamespaces', 'ipBlocks', 'notIpBlocks', 'remoteIpBlocks', 'notRemoteIpBlocks'];
    const OPERATION = ['hosts', 'notHosts', 'ports', 'notPorts', 'methods', 'notMethods', 'paths', 'notPaths'];
    const listsOf = (value: unknown, keys: string[], numeric: string[]) => onlyKeys(value, keys)
      && Object.entries(jsonObject(value) ?? {}).every(([k, v]) => Array.isArray(v) && v.every(x => (numeric.includes(k) ? /^\d+$/.test(String(x)) : typeof x === 'string')));
    for (const o of objects.filter(x => x.kind === 'AuthorizationPolicy')) {
      const spec = jsonObject(o.json.spec) ?? {};
      const action = jsonString(spec, 'action');
      const selector = spec.selector === undefined ? undefined : onlyKeys(spec.selector, ['matchLabels']) ? jsonStringRecord(spec, 'selector', 'matchLabels') : undefined;
      const rules = jsonObjects(spec, 'rules');
      const plain = onlyKeys(spec, ['selector', 'action', 'rules']) && ['ALLOW', 'DENY', 'AUDIT'].includes(action ?? '') && onlyKeys(o.json.metadata, ['name', 'namespace'])
        && (spec.selector === undefined || (selector !== undefined && Object.keys(selector).length > 0))
        && rules.every(r => onlyKeys(r, ['from', 'to'])
          && jsonObjects(r, 'from').every(f => onlyKeys(f, ['source']) && listsOf(f.source, SOURCE, []))
          && jsonObjects(r, 'to').every(t => onlyKeys(t, ['operation']) && listsOf(t.operation, OPERATION, ['ports', 'notPorts'])));
      if (!plain) continue;
      mapped.add(o);
      const ruleCode = rules.map(r => {
        const fields: string[] = [];
        if (r.from !== undefined) fields.push(`sources: ${lit(jsonObjects(r, 'from').map(f => f.source))}`);
        if (r.to !== undefined) {
          fields.push(`operations: ${lit(jsonObjects(r, 'to').map(t => Object.fromEntries(Object.entries(jsonObject(t.operation) ?? {})
            .map(([k, v]) => [k, ['ports', 'notPorts'].includes(k) && Array.isArray(v) ? v.map(Number) : v]))))}`);
        }
        return `{ ${fields.join(', ')} }`;
      });
      const scope = selector ? `selector: ${lit(selector)}` : 'policyScope: PolicyScope.NAMESPACE';
      this.code.push(`  new AuthorizationPolicy(mesh, ${lit(this.unique(`${cluster}-${o.namespace}-${o.name}-authz`))}, { name: ${lit(o.name)}, namespaceName: ${lit(o.namespace)}, ${scope}, clusters: [${lit(cluster)}], action: AuthorizationAction.${action}${spec.rules !== undefined ? `, rules: [${ruleCode.join(', ')}]` : ''} });`);
    }
  }

  /** ServiceEntries of one host with plain ports, present alike in every cluster → ExternalService. */
  private mapServiceEntries(_cluster: string, objects: InputObject[], mapped: Set<InputObject>): void {
    for (const o of objects.filter(x => x.kind === 'ServiceEntry')) {
      const hosts = jsonStrings(o.json, 'spec', 'hosts');
      const spec = jsonObject(o.json.spec) ?? {};
      const ports = jsonObjects(o.json, 'spec', 'ports');
      const plain = hosts.length === 1 && !hosts[0].includes('*') && onlyKeys(spec, ['hosts', 'ports', 'resolution', 'location'])
        && (spec.location === undefined || spec.location === 'MESH_EXTERNAL') && onlyKeys(o.json.metadata, ['name', 'namespace'])
        && ports.length > 0 && ports.every(p => onlyKeys(p, ['number', 'name', 'protocol', 'targetPort']) && protocolKey(jsonString(p, 'protocol'))
          && Protocols.fromPortName(jsonString(p, 'name')) === Protocol[protocolKey(jsonString(p, 'protocol')) as keyof typeof Protocol]);
      const everywhere = [...this.clusters.values()].every(list => list.some(x => x.kind === 'ServiceEntry' && x.namespace === o.namespace
        && x.name === o.name && JSON.stringify(x.json.spec) === JSON.stringify(o.json.spec)));
      if (!plain || !everywhere) continue;
      mapped.add(o);
      const key = `se:${o.namespace}/${o.name}`;
      if (this.declared.has(key)) continue;
      this.declared.add(key);
      const portCode = ports.map(p => `{ port: ${Number(p.number)}, protocol: Protocol.${protocolKey(jsonString(p, 'protocol'))}, name: ${lit(jsonString(p, 'name'))}${typeof p.targetPort === 'number' ? `, targetPort: ${p.targetPort}` : ''} }`);
      const resolution = jsonString(spec, 'resolution') ?? 'NONE';
      this.code.push(`  new ExternalService(mesh, ${lit(this.unique(`${o.namespace}-${o.name}-entry`))}, { name: ${lit(o.name)}, host: ${lit(hosts[0])}, namespaceName: ${lit(o.namespace)}, resolution: ServiceEntryResolution.${resolution}, ports: [${portCode.join(', ')}] });`);
    }
  }
}

function reasonFor(o: InputObject): string {
  switch (o.kind) {
    case 'VirtualService': return 'a VirtualService is mapped only when it routes one Service of the input (mesh-bound, HTTP routes with uri/header matches, destinations of that Service, timeouts, delay/abort faults with explicit percentages)';
    case 'DestinationRule': return 'a DestinationRule is mapped only when it has subsets of labels and no traffic policy, for a Service of the input';
    case 'Gateway': return 'a Gateway is mapped only when it selects `istio: <name>` alone and its servers have port (protocol spelled as Istio documents it, e.g. `HTTP`), hosts and TLS mode/credential';
    case 'AuthorizationPolicy': return 'an AuthorizationPolicy is mapped only with an ALLOW, DENY or AUDIT action, a label selector or none, and rules of sources and operations (no conditions)';
    case 'PeerAuthentication': return 'a PeerAuthentication is mapped only when it is namespace-wide with a mode and nothing else';
    case 'ServiceEntry': return 'a ServiceEntry is mapped only when it has one host and prefixed port names, without endpoints, and is the same in every cluster';
    default: return `${o.kind} is kept as written (the migration maps Gateways, VirtualServices, DestinationRules, ServiceEntries, PeerAuthentications and AuthorizationPolicies)`;
  }
}

/**
 * Migrates folders of YAML, one per cluster (the folder name is the cluster name), into a cdk8s app: `main.ts` (with a
 * `build(app)` function), `cdk8s.yaml`, `package.json`, `tsconfig.json`, `manifests/<cluster>/` (the objects kept as
 * written, one file each, in input order) and `MIGRATION.md` (every object kept raw, with the reason).
 * @param clusterDirs the input folders
 */
export function migrate(clusterDirs: string[]): MigrationResult {
  const clusters = new Map(clusterDirs.map(d => [path.basename(path.resolve(d)), readCluster(d)]));
  const m = new Migration(clusters);
  m.run();
  const files = new Map<string, string>();
  for (const cluster of clusters.keys()) {
    m.rawOf(cluster).forEach((json, i) => {
      const kind = jsonString(json, 'kind') ?? 'object';
      const name = jsonString(json, 'metadata', 'name') ?? 'unnamed';
      files.set(`manifests/${cluster}/${String(i).padStart(4, '0')}-${kind.toLowerCase()}-${name}.yaml`, yaml.dump(json, { lineWidth: -1, noRefs: true }));
    });
  }
  files.set('main.ts', [
    '// Generated by `cdk8s-mesh migrate` from hand-written YAML; MIGRATION.md lists what is kept as written.',
    'import * as path from \'path\';',
    'import { Duration } from \'cdk8s\';',
    'import {',
    '  AuthorizationAction, AuthorizationPolicy, ExternalService, GatewayTlsMode, IngressGateway, Mesh, MeshApp, MeshService, MtlsMode, PeerAuth,',
    '  PolicyScope, Protocol, ServiceEntryResolution, StringMatch, TrafficRoute,',
    '} from \'cdk8s-mesh\';',
    '',
    '// Referenced so every import is used whatever the input maps to.',
    'void [path, AuthorizationAction, AuthorizationPolicy, Duration, ExternalService, GatewayTlsMode, IngressGateway, MeshService, PeerAuth, PolicyScope,',
    '  Protocol, ServiceEntryResolution, StringMatch, TrafficRoute];',
    '',
    '/** The migrated mesh: its clusters, the objects kept as written (manifests/<cluster>/), and the mapped constructs. */',
    'export function build(app: MeshApp): Mesh {',
    `  const mesh = new Mesh(app, 'mesh', { meshId: 'migrated', mtls: MtlsMode.UNSET, clusters: ${lit([...clusters.keys()].map(name => ({ name })))} });`,
    // A cluster whose objects all map has no manifests/<cluster>/ folder to include.
    ...[...clusters.keys()].filter(c => m.rawOf(c).length > 0)
      .map(c => `  mesh.cluster(${lit(c)}).includeManifests(path.join(__dirname, 'manifests', ${lit(c)}));`),
    ...m.code,
    '  return mesh;',
    '}',
    '',
    'if (require.main === module) {',
    '  const app = new MeshApp();',
    '  build(app);',
    '  app.synth();',
    '}',
    '',
  ].join('\n'));
  files.set('cdk8s.yaml', 'language: typescript\napp: npx ts-node main.ts\n');
  files.set('package.json', `${JSON.stringify({
    name: 'migrated-mesh',
    version: '0.0.0',
    private: true,
    scripts: { synth: 'cdk8s synth' },
    dependencies: { 'cdk8s': '^2', 'cdk8s-mesh': '*', 'cdk8s-plus-28': '^2', 'constructs': '^10' },
    devDependencies: { 'cdk8s-cli': '^2', 'ts-node': '^10', 'typescript': '^5', '@types/node': '^20' },
  }, null, 2)}\n`);
  files.set('tsconfig.json', `${JSON.stringify({ compilerOptions: { target: 'ES2020', module: 'commonjs', strict: true, esModuleInterop: true, skipLibCheck: true } }, null, 2)}\n`);
  files.set('MIGRATION.md', [
    '# Migration report', '',
    `${m.kept.length} object(s) kept as written (included from manifests/<cluster>/), the rest mapped to constructs in main.ts.`, '',
    '| cluster | kind | namespace | name | reason |', '| --- | --- | --- | --- | --- |',
    ...m.kept.map(k => `| ${k.cluster} | ${k.kind} | ${k.namespace} | ${k.name} | ${k.reason} |`), '',
  ].join('\n'));
  return { files, kept: m.kept };
}

/**
 * The `cdk8s-mesh` command: `cdk8s-mesh migrate <cluster-dir>... --out <app-dir>`. Returns the exit code.
 * @param argv the arguments after the command name
 */
export function main(argv: string[]): number {
  const [command, ...rest] = argv;
  const outAt = rest.indexOf('--out');
  const out = outAt >= 0 ? rest[outAt + 1] : undefined;
  const dirs = rest.filter((_, i) => i !== outAt && i !== outAt + 1);
  if (command !== 'migrate' || !out || !dirs.length) {
    process.stderr.write('usage: cdk8s-mesh migrate <cluster-dir>... --out <app-dir>\n');
    return 2;
  }
  const result = migrate(dirs);
  for (const [file, text] of result.files) {
    fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
    fs.writeFileSync(path.join(out, file), text);
  }
  process.stdout.write(`wrote ${out}: ${result.files.size} files, ${result.kept.length} object(s) kept as written (MIGRATION.md)\n`);
  return 0;
}
