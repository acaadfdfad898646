import { Construct } from 'constructs';
import { RE2JS } from 're2js';
import { ClientTlsMode } from './client-tls';
import { RouteDestination, destinationService } from './destination';
import {
  ExportTo, PortTrafficPolicy, TrafficPolicy, VersionTrafficPolicy, isEmptyPolicy, renderHostPolicy, renderTrafficPolicy,
} from './destination-policy';
import { millis } from './durations';
import { hostsIntersect, isValidRouteHost, listenerHostFor } from './host-match';
import { HttpRouteOptions, renderHttpRoute } from './http-route';
import { HttpMatch, StringMatch, StringMatchKind, isCatchAllMatch } from './match';
import { SUBSET_LEVEL } from './policy-level';
import { TcpRouteOptions, TlsRouteOptions, renderTcpRoute, renderTlsRoute } from './tcp-tls-route';
import { IGatewayBinding } from '../gateways/gateway-binding';
import { DestinationRule, DestinationRuleSpecSubsets, VirtualService } from '../imports/networking.istio.io';
import { MeshCluster } from '../topology/cluster';
import { MeshMember } from '../topology/member';
import { MeshCore } from '../topology/mesh-core';
import { checkInit } from '../validation/input/check';
import { RuleDefinition } from '../validation/rule';
import { RouteRules } from '../validation/rules/route';
import { MeshService } from '../workloads/mesh-service';
import { Protocols } from '../workloads/protocol';

/**
 * Routing and destination policy for one mesh service.
 */
export interface TrafficRouteProps {
  /** The service whose traffic is routed (the default destination and the DestinationRule host). */
  readonly service: MeshService;
  /**
   * The VirtualService name.
   * @default - the service name
   */
  readonly name?: string;
  /**
   * The DestinationRule name.
   * @default - the service name
   */
  readonly destinationRuleName?: string;
  /**
   * The namespace of the VirtualService and DestinationRule (e.g. the gateway's namespace).
   * @default - the service's namespace
   */
  readonly namespace?: string;
  /**
   * The hosts the routes apply to (e.g. an external domain for a gateway). When bound to the mesh,
   * the service host is always included.
   * @default - the service host
   */
  readonly hosts?: string[];
  /**
   * Apply the routes to sidecar traffic (the reserved `mesh` gateway).
   * @default - true when no gateways are bound, false otherwise
   */
  readonly mesh?: boolean;
  /**
   * Gateways (ingress or egress) the routes apply to.
   * @default - none
   */
  readonly gateways?: IGatewayBinding[];
  /**
   * Emit only in these clusters (each must receive Istio config).
   * @default - mesh.configClusters
   */
  readonly clusters?: string[];
  /**
   * Namespaces that see the VirtualService and DestinationRule.
   * @default - every namespace
   */
  readonly exportTo?: ExportTo;
  /**
   * HTTP routes, in match order.
   * @default - none; add with addHttpRoute()
   */
  readonly http?: HttpRouteOptions[];
  /**
   * TCP routes.
   * @default - none
   */
  readonly tcp?: TcpRouteOptions[];
  /**
   * TLS routes.
   * @default - none
   */
  readonly tls?: TlsRouteOptions[];
  /**
   * Policy for the whole host.
   * @default - none
   */
  readonly policy?: TrafficPolicy;
  /**
   * Policy per port.
   * @default - none
   */
  readonly portPolicies?: PortTrafficPolicy[];
  /**
   * Policy per version.
   * @default - none
   */
  readonly versionPolicies?: VersionTrafficPolicy[];
}

interface RouteKeys {
  readonly byService: Map<MeshService, TrafficRoute[]>;
  readonly hosts: Map<string, TrafficRoute>;
  readonly policies: Map<string, TrafficRoute>;
}

const KEYS = new WeakMap<MeshCore, RouteKeys>();

/** A route that decides how a service's unversioned traffic is split (a canary), with the HTTP routes of its split. */
interface SplitGovernor {
  readonly route: TrafficRoute;
  readonly routes: () => HttpRouteOptions[];
}

const GOVERNORS = new WeakMap<MeshService, SplitGovernor>();
const REDIRECT_CODES = [301, 302, 303, 307, 308];

/**
 * Typed routing for a mesh service: exactly one VirtualService per host and binding and one
 * DestinationRule per host, placed in the clusters that receive Istio config.
 */
export class TrafficRoute extends MeshMember {
  /**
   * Makes `route` govern its service's split: every gateway-bound route of the service that sends plain traffic to it
   * (one destination, no version, no weight) renders `routes()` in its place, so gateway traffic follows the split too.
   * @internal
   */
  public static _governSplit(route: TrafficRoute, routes: () => HttpRouteOptions[]): void {
    GOVERNORS.set(route.service, { route, routes });
  }

  /** The mesh. */
  public readonly mesh: MeshCore;
  /** The routed service. */
  public readonly service: MeshService;
  private readonly props: TrafficRouteProps;
  private readonly httpRoutes: HttpRouteOptions[];
  private readonly tcpRoutes: TcpRouteOptions[];
  private readonly tlsRoutes: TlsRouteOptions[];
  private readonly portPolicyList: PortTrafficPolicy[];
  private readonly versionPolicyList: VersionTrafficPolicy[];
  private resolvedClusters?: MeshCluster[];

  constructor(scope: Construct, id: string, props: TrafficRouteProps) {
    checkInit('cdk8s-mesh.TrafficRoute', new.target, [scope, id, props]);
    super(scope, id);
    this.mesh = MeshCore.coreOf(this);
    this.service = props.service;
    this.props = props;
    this.httpRoutes = [...props.http ?? []];
    this.tcpRoutes = [...props.tcp ?? []];
    this.tlsRoutes = [...props.tls ?? []];
    this.portPolicyList = [...props.portPolicies ?? []];
    this.versionPolicyList = [...props.versionPolicies ?? []];
    this.keys.byService.set(this.service, [...this.keys.byService.get(this.service) ?? [], this]);
    this.mesh._onSynth(this, () => this.render(), () => this.validate());
  }

  /**
   * Appends an HTTP route (routes match in order).
   * @param route the route
   */
  public addHttpRoute(route: HttpRouteOptions): TrafficRoute {
    this.httpRoutes.push(route);
    return this;
  }

  /**
   * Appends a TCP route.
   * @param route the route
   */
  public addTcpRoute(route: TcpRouteOptions): TrafficRoute {
    this.tcpRoutes.push(route);
    return this;
  }

  /**
   * Appends a TLS route.
   * @param route the route
   */
  public addTlsRoute(route: TlsRouteOptions): TrafficRoute {
    this.tlsRoutes.push(route);
    return this;
  }

  /**
   * Sets policy for one port of the host.
   * @param policy the port and its policy
   */
  public addPortPolicy(policy: PortTrafficPolicy): TrafficRoute {
    this.portPolicyList.push(policy);
    return this;
  }

  /**
   * Sets policy for one version of the service.
   * @param version the version name
   * @param policy the policy
   */
  public addVersionPolicy(version: string, policy: TrafficPolicy): TrafficRoute {
    this.versionPolicyList.push({ version, policy });
    return this;
  }

  /** True if the routes apply to sidecar traffic. */
  public get boundToMesh(): boolean {
    return this.props.mesh ?? !(this.props.gateways?.length);
  }

  /** The gateways the routes are bound to. */
  public get gateways(): IGatewayBinding[] {
    return [...this.props.gateways ?? []];
  }

  /** The VirtualService hosts. */
  public get hosts(): string[] {
    const hosts = [...this.props.hosts ?? [this.service.host]];
    if (this.boundToMesh && !hosts.includes(this.service.host)) hosts.push(this.service.host);
    return hosts;
  }

  /** The namespace of the emitted objects. */
  public get namespace(): string {
    return this.props.namespace ?? this.service.namespace;
  }

  /** The clusters the route's objects are placed in. */
  public get clusters(): MeshCluster[] {
    this.resolvedClusters ??= this.mesh.resolveClusters(this, this.mesh.configClusters, this.props.clusters);
    return [...this.resolvedClusters];
  }

  private get hasRoutes(): boolean {
    return this.httpRoutes.length + this.tcpRoutes.length + this.tlsRoutes.length > 0;
  }

  /** True if the route declares destination policy (host, port or version level). */
  private get hasPolicy(): boolean {
    return !isEmptyPolicy(this.props.policy) || this.portPolicyList.length > 0 || this.versionPolicyList.length > 0;
  }

  private get hasDestinationRule(): boolean {
    return this.service.versions.length > 0 || this.hasPolicy;
  }

  /**
   * True if this route emits the service's DestinationRule in `cluster`: the first route of the service
   * there that declares policy, or else the first route of the service there.
   */
  private ownsDestinationRuleIn(cluster: MeshCluster): boolean {
    if (!this.hasDestinationRule) return false;
    const siblings = (this.keys.byService.get(this.service) ?? []).filter(r => r.clusters.includes(cluster));
    return (siblings.find(r => r.hasPolicy) ?? siblings[0]) === this;
  }

  private get gatewayReferences(): string[] {
    const refs = this.gateways.map(g => g.gatewayReference).sort();
    return this.boundToMesh ? [...refs, 'mesh'] : refs;
  }

  private render(): void {
    this.registerKeys();
    for (const cluster of this.clusters) {
      const scope = cluster.scopeFor(this);
      const http = this.governedHttpRoutes().filter(r => this.routeIn(r.clusters, cluster));
      if (http.length + this.tcpRoutes.length + this.tlsRoutes.length > 0) {
        new VirtualService(scope, 'VirtualService', {
          metadata: { name: this.props.name ?? this.service.name, namespace: this.namespace },
          spec: {
            hosts: this.hosts,
            gateways: this.gatewayReferences,
            exportTo: this.props.exportTo?.values,
            http: http.length ? http.map(r => renderHttpRoute(r, this.service, this.namespace)) : undefined,
            tcp: this.tcpRoutes.length ? this.tcpRoutes.map(r => renderTcpRoute(r, this.service)) : undefined,
            tls: this.tlsRoutes.length ? this.tlsRoutes.map(r => renderTlsRoute(r, this.service)) : undefined,
          },
        });
      }
      if (this.ownsDestinationRuleIn(cluster)) {
        new DestinationRule(scope, 'DestinationRule', {
          metadata: { name: this.props.destinationRuleName ?? this.service.name, namespace: this.namespace },
          spec: {
            host: this.service.host,
            exportTo: this.props.exportTo?.values,
            trafficPolicy: renderHostPolicy(this.props.policy, this.portPolicyList),
            subsets: this.renderSubsets(),
          },
        });
      }
    }
  }

  /** The HTTP routes with plain gateway traffic to the service replaced by the governing split (see `_governSplit`). */
  private governedHttpRoutes(): HttpRouteOptions[] {
    const governor = GOVERNORS.get(this.service);
    if (!governor || governor.route === this || !this.gateways.length) return this.httpRoutes;
    const split = governor.routes();
    return this.httpRoutes.flatMap(r => {
      const only = r.destinations?.length === 1 ? r.destinations[0] : undefined;
      const plain = only && (only.service ?? this.service) === this.service
        && only.host === undefined && only.version === undefined && only.weight === undefined;
      if (!plain) return [r];
      return split.filter(s => !(r.match && s.match)).map(s => ({
        ...r,
        name: r.name && s.name ? `${r.name}-${s.name}` : r.name ?? s.name,
        match: r.match ?? s.match,
        destinations: (s.destinations ?? []).map(d => ({ ...only, ...d })),
      }));
    });
  }

  private renderSubsets(): DestinationRuleSpecSubsets[] | undefined {
    const versions = this.service.versions;
    if (!versions.length) return undefined;
    return versions.map((v): DestinationRuleSpecSubsets => ({
      name: v.name,
      labels: Object.fromEntries(Object.entries(v.labels).sort()),
      trafficPolicy: renderTrafficPolicy(this.versionPolicyList.find(p => p.version === v.name)?.policy, SUBSET_LEVEL),
    }));
  }

  private routeIn(names: string[] | undefined, cluster: MeshCluster): boolean {
    return names === undefined || names.includes(cluster.clusterName);
  }

  private report(rule: RuleDefinition, where: string, value: unknown, detail?: string): void {
    this.mesh.report(rule, where ? `${this.node.path}/${where}` : this.node.path, value, detail);
  }

  private validate(): void {
    if (!this.hasRoutes && !this.hasDestinationRule) this.report(RouteRules.NOTHING_TO_DO, '', this.service.name);
    if (this.hasRoutes && !this.boundToMesh && !this.gateways.length) this.report(RouteRules.NOT_BOUND, '', this.hosts);
    this.checkClusters();
    for (const host of this.hosts) {
      if (!isValidRouteHost(host)) this.report(RouteRules.INVALID_HOST, 'hosts', host);
    }
    this.httpRoutes.forEach((route, i) => this.checkHttpRoute(route, `http[${i}]`));
    this.checkRouteOrder();
    this.tcpRoutes.forEach((route, i) => this.checkDestinations(route.destinations, `tcp[${i}]`));
    this.tlsRoutes.forEach((route, i) => {
      this.checkDestinations(route.destinations, `tls[${i}]`);
      for (const sni of route.sniHosts) if (!isValidRouteHost(sni)) this.report(RouteRules.INVALID_HOST, `tls[${i}]/sniHosts`, sni);
    });
    this.checkPolicy(this.props.policy, 'policy', undefined);
    for (const p of this.portPolicyList) {
      this.checkPolicy(p, `portPolicies[${p.port}]`, p.port);
      if (isEmptyPolicy({ ...p, port: undefined } as TrafficPolicy)) this.report(RouteRules.EMPTY_PORT_POLICY, `portPolicies[${p.port}]`, p.port);
    }
    for (const p of this.versionPolicyList) {
      this.checkVersion(this.service, p.version, `versionPolicies[${p.version}]`);
      this.checkPolicy(p.policy, `versionPolicies[${p.version}]`, undefined);
      if (isEmptyPolicy(p.policy)) this.report(RouteRules.EMPTY_PORT_POLICY, `versionPolicies[${p.version}]`, p.version);
    }
    this.checkGateways();
    this.checkSubsetsExist();
  }

  private checkClusters(): void {
    const config = new Set(this.mesh.configClusters);
    for (const cluster of this.clusters) {
      if (!config.has(cluster)) this.report(RouteRules.NOT_A_CONFIG_CLUSTER, 'clusters', cluster.clusterName);
    }
    const names = new Set(this.clusters.map(c => c.clusterName));
    this.httpRoutes.forEach((route, i) => {
      for (const name of route.clusters ?? []) {
        if (!names.has(name)) this.report(RouteRules.NOT_A_CONFIG_CLUSTER, `http[${i}]/clusters`, name, 'The route\'s own clusters do not include it.');
      }
    });
  }

  private checkHttpRoute(route: HttpRouteOptions, where: string): void {
    const actions = [route.destinations?.length ? 'route' : '', route.redirect ? 'redirect' : '',
      route.directResponse ? 'directResponse' : '', route.delegate ? 'delegate' : ''].filter(a => a);
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
    const ports = this.service.ports;
    if (!ports.length) return;
    if (!ports.some(p => Protocols.isHttp(p.protocol))) {
      this.report(RouteRules.HTTP_FEATURE_ON_TCP_PORT, where, ports.map(p => `${p.port}/${p.protocol}`), 'HTTP routes need an HTTP port.');
      return;
    }
    const opaque = (port: number | undefined) => {
      const declared = port === undefined ? undefined : this.service.findPort(port);
      return declared !== undefined && !Protocols.isHttp(declared.protocol);
    };
    for (const m of route.match ?? []) {
      if (opaque(m.port)) this.report(RouteRules.HTTP_FEATURE_ON_TCP_PORT, `${where}/match`, m.port);
    }
    for (const d of route.destinations ?? []) {
      if (destinationService(d, this.service) === this.service && opaque(d.port)) {
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
      if (!this.gateways.includes(gateway)) this.report(RouteRules.GATEWAY_NOT_IN_ROUTE_CLUSTERS, `${where}/gateways`, gateway.gatewayReference, 'The match names a gateway the route is not bound to.');
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
    const service = destinationService(destination, this.service);
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
    const routes = this.httpRoutes;
    if (this.boundToMesh && routes.length && !routes.some(r => isCatchAll(r))) {
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
    const od = policy.outlierDetection ?? this.props.policy?.outlierDetection;
    if (policy.locality && !od) this.report(RouteRules.LOCALITY_WITHOUT_OUTLIER_DETECTION, where, 'locality');
    this.checkLocality(policy, where);
    const key = policy.loadBalancer?.hashKey;
    if (key && (policy.locality ?? this.props.policy?.locality)) this.report(RouteRules.CONSISTENT_HASH_WITH_LOCALITY, where, 'consistentHash');
    if (key?.headerName !== undefined && key.headerName !== key.headerName.toLowerCase()) {
      this.report(RouteRules.UPPERCASE_HEADER, `${where}/loadBalancer`, key.headerName);
    }
    this.checkPercentage(policy.outlierDetection?.maxEjectionPercent, `${where}/outlierDetection`);
    this.checkPercentage(policy.outlierDetection?.minHealthPercent, `${where}/outlierDetection`);
    if (policy.tls?.mode === ClientTlsMode.MUTUAL && !policy.tls.credentialName) {
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
    const ports = port === undefined ? this.service.ports : [this.service.findPort(port)].filter(p => p !== undefined);
    return ports.length === 0 || ports.some(p => Protocols.isHttp(p!.protocol));
  }

  /** Every version a destination (or mirror) of another service names needs that service's DestinationRule in each cluster. */
  private checkSubsetsExist(): void {
    const destinations = [
      ...this.httpRoutes.flatMap(r => [...r.destinations ?? [], ...(r.mirror ? [r.mirror.destination] : [])]),
      ...this.tcpRoutes.flatMap(r => r.destinations), ...this.tlsRoutes.flatMap(r => r.destinations),
    ];
    for (const d of destinations) {
      const service = destinationService(d, this.service);
      if (d.version === undefined || !service || !service.versions.some(v => v.name === d.version)) continue;
      for (const cluster of this.clusters) {
        if (!this.keys.policies.has(`${cluster.clusterName}|${service.host}`)) {
          this.report(RouteRules.VERSION_WITHOUT_DESTINATION_RULE, 'destinations', `${service.name}/${d.version}`, `Missing in ${cluster.clusterName}.`);
        }
      }
    }
  }

  private checkLocality(policy: TrafficPolicy, where: string): void {
    const locality = policy.locality;
    if (!locality) return;
    const modes = [locality.distribute?.length, locality.failover?.length, locality.failoverPriority?.length].filter(n => n);
    const badWeights = (locality.distribute ?? []).filter(d => Object.values(d.to).reduce((a, b) => a + b, 0) !== 100).map(d => d.from);
    const sameRegion = (locality.failover ?? []).filter(f => f.from === f.to).map(f => f.from);
    if (modes.length > 1 || badWeights.length || sameRegion.length) {
      this.report(RouteRules.INVALID_LOCALITY_SETTING, `${where}/locality`, modes.length > 1 ? 'several modes' : [...badWeights, ...sameRegion]);
    }
  }

  private checkGateways(): void {
    const mine = new Set(this.clusters);
    const hosts = this.hosts;
    for (const gateway of this.gateways) {
      const clusters = gateway.gatewayResourceClusters.filter(c => mine.has(c));
      if (!clusters.length) {
        this.report(RouteRules.GATEWAY_NOT_IN_ROUTE_CLUSTERS, 'gateways', gateway.gatewayReference);
        continue;
      }
      const gatewayNamespace = gateway.gatewayReference.split('/')[0];
      for (const cluster of clusters) {
        const listeners = gateway.listenerHostsIn(cluster)
          .map(h => listenerHostFor(h, this.namespace, gatewayNamespace))
          .filter((h): h is string => h !== undefined);
        if (!hosts.some(h => listeners.some(l => hostsIntersect(h, l)))) {
          this.report(RouteRules.GATEWAY_HOST_MISMATCH, 'gateways', hosts,
            `Gateway ${gateway.gatewayReference} in ${cluster.clusterName} listens for: ${gateway.listenerHostsIn(cluster).join(', ') || 'nothing'}.`);
        }
      }
    }
  }

  private get keys(): RouteKeys {
    let keys = KEYS.get(this.mesh);
    if (!keys) KEYS.set(this.mesh, keys = { byService: new Map(), hosts: new Map(), policies: new Map() });
    return keys;
  }

  /** Registers the hosts and DestinationRule of this route per cluster, reporting duplicates (runs at render). */
  private registerKeys(): void {
    const keys = this.keys;
    for (const cluster of this.clusters) {
      if (this.hasRoutes) {
        for (const binding of this.gatewayReferences) {
          for (const host of this.hosts) {
            const key = `${cluster.clusterName}|${binding}|${host}`;
            const other = keys.hosts.get(key);
            if (other && other !== this) this.report(RouteRules.DUPLICATE_HOST, 'hosts', host, `Also routed by ${other.node.path} for ${binding} in ${cluster.clusterName}.`);
            keys.hosts.set(key, this);
          }
        }
      }
      if (this.hasPolicy || this.ownsDestinationRuleIn(cluster)) {
        const key = `${cluster.clusterName}|${this.service.host}`;
        const other = keys.policies.get(key);
        if (other && other !== this && this.hasPolicy && other.hasPolicy) this.report(RouteRules.DUPLICATE_DESTINATION_POLICY, '', this.service.host, `Also declared by ${other.node.path} in ${cluster.clusterName}.`);
        keys.policies.set(key, this);
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
