import { RE2JS } from 're2js';
import { ClientTlsMode } from './client-tls';
import { RouteDestination, destinationService } from './destination';
import { PortTrafficPolicy, TrafficPolicy, VersionTrafficPolicy, isEmptyPolicy } from './destination-policy';
import { millis } from './durations';
import { GatewayApiGap } from './gateway-api-render';
import { hostsIntersect, isValidRouteHost, listenerHostFor } from './host-match';
import { HttpRouteOptions } from './http-route';
import { HttpMatch, StringMatch, StringMatchKind, isCatchAllMatch } from './match';
import { TcpRouteOptions, TlsRouteOptions } from './tcp-tls-route';
import { IGatewayBinding } from '../gateways/gateway-binding';
import { TrafficApi } from '../gateways/traffic-api';
import { MeshCluster } from '../topology/cluster';
import { MeshCore } from '../topology/mesh-core';
import { RuleDefinition } from '../validation/rule';
import { RouteRules } from '../validation/rules/route';
import { MeshService } from '../workloads/mesh-service';
import { Protocols } from '../workloads/protocol';

const REDIRECT_CODES = [301, 302, 303, 307, 308];

/** What the checks of a TrafficRoute read: its declaration, resolved. */
export interface RouteUnderCheck {
  /** The construct path diagnostics name. */
  readonly path: string;
  readonly mesh: MeshCore;
  readonly service: MeshService;
  readonly hosts: string[];
  readonly namespace: string;
  readonly clusters: MeshCluster[];
  readonly gateways: IGatewayBinding[];
  readonly boundToMesh: boolean;
  readonly hasRoutes: boolean;
  readonly hasDestinationRule: boolean;
  readonly http: HttpRouteOptions[];
  readonly tcp: TcpRouteOptions[];
  readonly tls: TlsRouteOptions[];
  readonly policy?: TrafficPolicy;
  readonly portPolicies: PortTrafficPolicy[];
  readonly versionPolicies: VersionTrafficPolicy[];
  /** The API the route renders to. */
  readonly trafficApi: TrafficApi;
  /** What its Gateway API rendering cannot express (empty with the Istio API). */
  readonly gatewayApiGaps: GatewayApiGap[];
  /** True if some route of the mesh emits the DestinationRule of `host` in `cluster`. */
  hasDestinationRuleFor(cluster: MeshCluster, host: string): boolean;
}

/** Reports every mistake in a route's declaration (runs in the validate phase). */
export function checkTrafficRoute(route: RouteUnderCheck): void {
  new RouteChecks(route).run();
}

class RouteChecks {
  constructor(private readonly r: RouteUnderCheck) {}

  private report(rule: RuleDefinition, where: string, value: unknown, detail?: string): void {
    this.r.mesh.report(rule, where ? `${this.r.path}/${where}` : this.r.path, value, detail);
  }

  public run(): void {
    if (!this.r.hasRoutes && !this.r.hasDestinationRule) this.report(RouteRules.NOTHING_TO_DO, '', this.r.service.name);
    if (this.r.hasRoutes && !this.r.boundToMesh && !this.r.gateways.length) this.report(RouteRules.NOT_BOUND, '', this.r.hosts);
    this.checkClusters();
    for (const host of this.r.hosts) {
      if (!isValidRouteHost(host)) this.report(RouteRules.INVALID_HOST, 'hosts', host);
    }
    this.r.http.forEach((route, i) => this.checkHttpRoute(route, `http[${i}]`));
    this.checkRouteOrder();
    this.r.tcp.forEach((route, i) => this.checkDestinations(route.destinations, `tcp[${i}]`));
    this.r.tls.forEach((route, i) => {
      this.checkDestinations(route.destinations, `tls[${i}]`);
      for (const sni of route.sniHosts) if (!isValidRouteHost(sni)) this.report(RouteRules.INVALID_HOST, `tls[${i}]/sniHosts`, sni);
    });
    this.checkPolicy(this.r.policy, 'policy', undefined);
    for (const p of this.r.portPolicies) {
      this.checkPolicy(p, `portPolicies[${p.port}]`, p.port);
      if (isEmptyPolicy({ ...p, port: undefined } as TrafficPolicy)) this.report(RouteRules.EMPTY_PORT_POLICY, `portPolicies[${p.port}]`, p.port);
    }
    for (const p of this.r.versionPolicies) {
      this.checkVersion(this.r.service, p.version, `versionPolicies[${p.version}]`);
      this.checkPolicy(p.policy, `versionPolicies[${p.version}]`, undefined);
      if (isEmptyPolicy(p.policy)) this.report(RouteRules.EMPTY_PORT_POLICY, `versionPolicies[${p.version}]`, p.version);
    }
    this.checkGateways();
    if (this.r.trafficApi === TrafficApi.ISTIO) this.checkSubsetsExist();
    for (const gap of this.r.gatewayApiGaps) this.report(RouteRules.GATEWAY_API_UNSUPPORTED, gap.field, gap.value, gap.detail);
    for (const gateway of this.r.gateways) {
      const api = gateway.trafficApi ?? TrafficApi.ISTIO;
      if (api !== this.r.trafficApi) {
        this.report(RouteRules.GATEWAY_API_MISMATCH, 'gateways', gateway.gatewayReference, `The route renders ${this.r.trafficApi}, the gateway ${api}.`);
      }
    }
  }

  private checkClusters(): void {
    const config = new Set(this.r.mesh.configClusters);
    for (const cluster of this.r.clusters) {
      if (!config.has(cluster)) this.report(RouteRules.NOT_A_CONFIG_CLUSTER, 'clusters', cluster.clusterName);
    }
    const names = new Set(this.r.clusters.map(c => c.clusterName));
    this.r.http.forEach((route, i) => {
      for (const name of route.clusters ?? []) {
        if (!names.has(name)) this.report(RouteRules.NOT_A_CONFIG_CLUSTER, `http[${i}]/clusters`, name, 'The route\'s own clusters do not include it.');
      }
    });
  }

  private checkHttpRoute(route: HttpRouteOptions, where: string): void {
    const actions = [route.destinations?.length ? 'route' : '', route.redirect ? 'redirect' : '',
      route.directResponse ? 'directResponse' : '', route.delegateTo ? 'delegate' : ''].filter(a => a);
    if (actions.length === 0) this.report(RouteRules.ROUTE_WITHOUT_ACTION, where, route.name ?? where);
    if (actions.length > 1) this.report(RouteRules.REDIRECT_WITH_ROUTE, where, actions);
    if (route.rewrite && route.redirect) this.report(RouteRules.REWRITE_WITH_REDIRECT, where, ['rewrite', 'redirect']);
    if (route.redirect?.redirectCode !== undefined && !REDIRECT_CODES.includes(route.redirect.redirectCode)) {
      this.report(RouteRules.INVALID_REDIRECT_CODE, `${where}/redirect`, route.redirect.redirectCode);
    }
    this.checkDestinations(route.destinations ?? [], where);
    if (route.mirror) {
      this.checkDestinationVersion(route.mirror.destination, `${where}/mirror`);
      this.checkPercentage(route.mirror.percentage, `${where}/mirror`);
    }
    (route.match ?? []).forEach((m, j) => this.checkMatch(m, `${where}/match[${j}]`));
    route.cors?.allowOrigins.forEach(o => this.checkRegex(o, `${where}/cors`));
    if (route.rewrite?.uriRegex) this.checkRegex(StringMatch.regex(route.rewrite.uriRegex.match), `${where}/rewrite`);
    this.checkFaultAndRetries(route, where);
    this.checkHttpPorts(route, where);
  }

  private checkFaultAndRetries(route: HttpRouteOptions, where: string): void {
    if (route.fault && (route.retries || route.timeout)) {
      this.report(RouteRules.FAULT_WITH_RETRIES_OR_TIMEOUT, where, [route.retries ? 'retries' : '', route.timeout ? 'timeout' : ''].filter(x => x));
    }
    this.checkPercentage(route.fault?.delay?.percentage, `${where}/fault/delay`);
    this.checkPercentage(route.fault?.abort?.percentage, `${where}/fault/abort`);
    for (const token of route.retries?.retryOn ?? []) {
      if (!token.isValid) this.report(RouteRules.INVALID_RETRY_ON, `${where}/retries`, token.token);
    }
    const timeout = millis(route.timeout);
    const perTry = millis(route.retries?.perTryTimeout);
    const attempts = route.retries?.attempts ?? 0;
    if (timeout !== undefined && perTry !== undefined && attempts > 0 && attempts * perTry > timeout) {
      this.report(RouteRules.RETRIES_EXCEED_TIMEOUT, `${where}/retries`, `${attempts} × ${perTry}ms > ${timeout}ms`);
    }
  }

  private checkHttpPorts(route: HttpRouteOptions, where: string): void {
    const ports = this.r.service.ports;
    if (!ports.length) return;
    if (!ports.some(p => Protocols.isHttp(p.protocol))) {
      this.report(RouteRules.HTTP_FEATURE_ON_TCP_PORT, where, ports.map(p => `${p.port}/${p.protocol}`), 'HTTP routes need an HTTP port.');
      return;
    }
    const opaque = (port: number | undefined) => {
      const declared = port === undefined ? undefined : this.r.service.findPort(port);
      return declared !== undefined && !Protocols.isHttp(declared.protocol);
    };
    for (const m of route.match ?? []) {
      if (opaque(m.port)) this.report(RouteRules.HTTP_FEATURE_ON_TCP_PORT, `${where}/match`, m.port);
    }
    for (const d of route.destinations ?? []) {
      if (destinationService(d, this.r.service) === this.r.service && opaque(d.port)) {
        this.report(RouteRules.HTTP_FEATURE_ON_TCP_PORT, `${where}/destinations`, d.port);
      }
    }
  }

  private checkMatch(match: HttpMatch, where: string): void {
    for (const name of [...Object.keys(match.headers ?? {}), ...Object.keys(match.withoutHeaders ?? {})]) {
      if (name !== name.toLowerCase()) this.report(RouteRules.UPPERCASE_HEADER, `${where}/headers`, name);
    }
    const strings = [match.uri, match.method, match.authority, match.scheme,
      ...Object.values(match.headers ?? {}), ...Object.values(match.withoutHeaders ?? {}), ...Object.values(match.queryParams ?? {})];
    for (const s of strings) if (s) this.checkRegex(s, where);
    for (const gateway of match.gateways ?? []) {
      if (!this.r.gateways.includes(gateway)) this.report(RouteRules.GATEWAY_NOT_IN_ROUTE_CLUSTERS, `${where}/gateways`, gateway.gatewayReference, 'The match names a gateway the route is not bound to.');
    }
  }

  private checkRegex(match: StringMatch, where: string): void {
    if (match.kind !== StringMatchKind.REGEX) return;
    try {
      RE2JS.compile(match.value);
    } catch (e) {
      this.report(RouteRules.INVALID_REGEX, where, match.value, `${(e as Error).message}.`);
    }
  }

  private checkDestinations(destinations: RouteDestination[], where: string): void {
    destinations.forEach(d => this.checkDestinationVersion(d, `${where}/destinations`));
    const weights = destinations.map(d => d.weight);
    if (destinations.length === 1 && weights[0] === undefined) return;
    for (const w of weights) {
      if (w !== undefined && (!Number.isInteger(w) || w < 0 || w > 100)) this.report(RouteRules.INVALID_WEIGHT, `${where}/destinations`, w);
    }
    const sum = weights.reduce<number>((a, w) => a + (w ?? 0), 0);
    if (destinations.length && (sum !== 100 || weights.includes(undefined))) {
      this.report(RouteRules.WEIGHTS_NOT_100, `${where}/destinations`, weights);
    }
  }

  private checkDestinationVersion(destination: RouteDestination, where: string): void {
    if (destination.version === undefined) return;
    const service = destinationService(destination, this.r.service);
    if (!service) {
      this.report(RouteRules.UNKNOWN_VERSION, where, destination.version, `The destination is the bare host ${destination.host}; route to a MeshService to use versions.`);
    } else {
      this.checkVersion(service, destination.version, where);
    }
  }

  private checkVersion(service: MeshService, version: string, where: string): void {
    if (!service.versions.some(v => v.name === version)) {
      this.report(RouteRules.UNKNOWN_VERSION, where, version, `${service.name} declares: ${service.versions.map(v => v.name).join(', ') || 'none'}.`);
    }
  }

  private checkPercentage(value: number | undefined, where: string): void {
    if (value !== undefined && (value < 0 || value > 100)) this.report(RouteRules.INVALID_PERCENTAGE, where, value);
  }

  private checkRouteOrder(): void {
    const routes = this.r.http;
    if (this.r.boundToMesh && routes.length && !routes.some(r => isCatchAll(r))) {
      this.report(RouteRules.NO_CATCH_ALL, `http[${routes.length - 1}]`, routes[routes.length - 1].name ?? routes.length - 1);
    }
    routes.forEach((route, j) => {
      if (j < routes.length - 1 && isCatchAll(route)) {
        this.report(RouteRules.CATCH_ALL_NOT_LAST, `http[${j}]`, route.name ?? j);
        return;
      }
      for (let i = 0; i < j; i++) {
        const earlier = routes[i];
        if (isCatchAll(earlier)) continue;
        if (route.match?.length && route.match.every(m => (earlier.match ?? []).some(e => covers(e, m)))) {
          this.report(RouteRules.SHADOWED_ROUTE, `http[${j}]`, route.match.map(m => m.uri?.value ?? '*'), `Shadowed by http[${i}].`);
          break;
        }
      }
    });
  }

  private checkPolicy(policy: TrafficPolicy | undefined, where: string, port: number | undefined): void {
    if (!policy) return;
    const od = policy.outlierDetection ?? this.r.policy?.outlierDetection;
    if (policy.locality && !od) this.report(RouteRules.LOCALITY_WITHOUT_OUTLIER_DETECTION, where, 'locality');
    this.checkLocality(policy, where);
    const key = policy.loadBalancer?.hashKey;
    if (key && (policy.locality ?? this.r.policy?.locality)) this.report(RouteRules.CONSISTENT_HASH_WITH_LOCALITY, where, 'consistentHash');
    if (key?.headerName !== undefined && key.headerName !== key.headerName.toLowerCase()) {
      this.report(RouteRules.UPPERCASE_HEADER, `${where}/loadBalancer`, key.headerName);
    }
    this.checkPercentage(policy.outlierDetection?.maxEjectionPercent, `${where}/outlierDetection`);
    this.checkPercentage(policy.outlierDetection?.minHealthPercent, `${where}/outlierDetection`);
    if (policy.tls?.mode === ClientTlsMode.MUTUAL && !policy.tls.credentialName && !(policy.tls.clientCertificate && policy.tls.privateKey)) {
      this.report(RouteRules.MUTUAL_TLS_WITHOUT_CREDENTIAL, `${where}/tls`, policy.tls.mode);
    }
    const http = policy.connectionPool?.http;
    const limited = policy.connectionPool?.tcp?.maxConnections !== undefined || http?.http2MaxRequests !== undefined;
    if (this.hasHttpPort(port) && limited && http?.http1MaxPendingRequests === undefined) {
      this.report(RouteRules.CONNECTION_LIMIT_WITHOUT_PENDING, `${where}/connectionPool`, policy.connectionPool?.tcp?.maxConnections ?? http?.http2MaxRequests);
    }
    const httpOnly = [http ? 'connectionPool.http' : '', key?.isHttp ? 'consistentHash' : ''].filter(x => x);
    if (httpOnly.length && !this.hasHttpPort(port)) this.report(RouteRules.HTTP_FEATURE_ON_TCP_PORT, where, httpOnly);
  }

  /** True if the port (or, without a port, any port of the service) speaks HTTP; unknown ports count as HTTP. */
  private hasHttpPort(port: number | undefined): boolean {
    const ports = port === undefined ? this.r.service.ports : [this.r.service.findPort(port)].filter(p => p !== undefined);
    return ports.length === 0 || ports.some(p => Protocols.isHttp(p!.protocol));
  }

  /** Every version a destination (or mirror) of another service names needs that service's DestinationRule in each cluster. */
  private checkSubsetsExist(): void {
    const destinations = [
      ...this.r.http.flatMap(r => [...r.destinations ?? [], ...(r.mirror ? [r.mirror.destination] : [])]),
      ...this.r.tcp.flatMap(r => r.destinations), ...this.r.tls.flatMap(r => r.destinations),
    ];
    // the clusters without a DestinationRule for a host, looked up once per host (destinations often share one)
    const missing = new Map<string, MeshCluster[]>();
    for (const d of destinations) {
      const service = destinationService(d, this.r.service);
      if (d.version === undefined || !service || !service.versions.some(v => v.name === d.version)) continue;
      let clusters = missing.get(service.host);
      if (!clusters) missing.set(service.host, clusters = this.r.clusters.filter(c => !this.r.hasDestinationRuleFor(c, service.host)));
      for (const cluster of clusters) {
        this.report(RouteRules.VERSION_WITHOUT_DESTINATION_RULE, 'destinations', `${service.name}/${d.version}`, `Missing in ${cluster.clusterName}.`);
      }
    }
  }

  private checkLocality(policy: TrafficPolicy, where: string): void {
    const locality = policy.locality;
    if (!locality) return;
    const modes = [locality.distribute?.length, locality.failover?.length, locality.failoverPriority?.length].filter(n => n);
    const badWeights = (locality.distribute ?? [])
      .filter(d => Object.values(d.toLocalities).reduce((a, b) => a + b, 0) !== 100).map(d => d.fromLocality);
    const sameRegion = (locality.failover ?? []).filter(f => f.fromRegion === f.toRegion).map(f => f.fromRegion);
    if (modes.length > 1 || badWeights.length || sameRegion.length) {
      this.report(RouteRules.INVALID_LOCALITY_SETTING, `${where}/locality`, modes.length > 1 ? 'several modes' : [...badWeights, ...sameRegion]);
    }
  }

  private checkGateways(): void {
    const mine = new Set(this.r.clusters);
    const hosts = this.r.hosts;
    for (const gateway of this.r.gateways) {
      const clusters = gateway.gatewayResourceClusters.filter(c => mine.has(c));
      if (!clusters.length) {
        this.report(RouteRules.GATEWAY_NOT_IN_ROUTE_CLUSTERS, 'gateways', gateway.gatewayReference);
        continue;
      }
      const gatewayNamespace = gateway.gatewayReference.split('/')[0];
      for (const cluster of clusters) {
        const listeners = gateway.listenerHostsIn(cluster)
          .map(h => listenerHostFor(h, this.r.namespace, gatewayNamespace))
          .filter((h): h is string => h !== undefined);
        if (!hosts.some(h => listeners.some(l => hostsIntersect(h, l)))) {
          this.report(RouteRules.GATEWAY_HOST_MISMATCH, 'gateways', hosts,
            `Gateway ${gateway.gatewayReference} in ${cluster.clusterName} listens for: ${gateway.listenerHostsIn(cluster).join(', ') || 'nothing'}.`);
        }
      }
    }
  }
}

/** True if the route matches every request: no match, a condition-free block, or only `prefix: /`. */
function isCatchAll(route: HttpRouteOptions): boolean {
  const blocks = route.match ?? [];
  return blocks.length === 0 || blocks.some(m => isCatchAllMatch(m) || (isRootPrefix(m.uri) && isCatchAllMatch({ ...m, uri: undefined })));
}

function isRootPrefix(uri: StringMatch | undefined): boolean {
  return uri?.kind === StringMatchKind.PREFIX && uri.value === '/';
}

/** True if every request matched by `later` is also matched by `earlier` (judged on the path; other conditions must be equal). */
function covers(earlier: HttpMatch, later: HttpMatch): boolean {
  const rest = (m: HttpMatch) => JSON.stringify({ ...m, name: undefined, uri: undefined, gateways: m.gateways?.map(g => g.gatewayReference) });
  if (rest(earlier) !== rest(later) || !earlier.uri || !later.uri) return false;
  const e = earlier.uri;
  const l = later.uri;
  if (e.kind === StringMatchKind.PREFIX) return l.kind !== StringMatchKind.REGEX && l.value.startsWith(e.value);
  if (e.kind === StringMatchKind.EXACT) return l.kind === StringMatchKind.EXACT && l.value === e.value;
  return false;
}
