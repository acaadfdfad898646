import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ExportTo, PortTrafficPolicy, TrafficPolicy, VersionTrafficPolicy, isEmptyPolicy } from './destination-policy';
import {
  GatewayApiGap, GatewayApiRouteModel, RouteParent, backendServices, renderGrpcRouteSpec, renderHttpRouteSpec, renderServiceReferenceGrant,
  renderTlsRouteSpec,
  versionServiceName,
} from './gateway-api-render';
import { HttpRouteOptions } from './http-route';
import { TcpRouteOptions, TlsRouteOptions } from './tcp-tls-route';
import { checkTrafficRoute } from './traffic-route-checks';
import { applyGoverningSplit, renderDestinationRuleSpec, renderVirtualServiceSpec } from './traffic-route-render';
import { IGatewayBinding } from '../gateways/gateway-binding';
import { claimOnce } from '../gateways/placement';
import { TrafficApi, TrafficApiSetting } from '../gateways/traffic-api';
import { GrpcRoute, HttpRoute, ReferenceGrant, TlsRoute } from '../imports/gateway.networking.k8s.io';
import { DestinationRule, DestinationRuleSpec, VirtualService, VirtualServiceSpec } from '../imports/networking.istio.io';
import { MeshCluster } from '../topology/cluster';
import { MeshMember } from '../topology/member';
import { MeshCore } from '../topology/mesh-core';
import { DataplaneMode } from '../topology/namespace';
import { checkInit } from '../validation/input/check';
import { AmbientRules } from '../validation/rules/ambient';
import { RouteRules } from '../validation/rules/route';
import { MeshService } from '../workloads/mesh-service';
import { renderServiceSpec } from '../workloads/mesh-service-render';
import { Protocol } from '../workloads/protocol';

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
  readonly namespaceName?: string;
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
  /**
   * The API the routes render to: Istio's VirtualService, or Gateway API HTTPRoute/TLSRoute with a Service per routed
   * version (`<service>-<version>`) and ReferenceGrants for backends in other namespaces. Destination policy stays in a
   * DestinationRule either way. Bound gateways must render the same API (MESH-ROUTE-034).
   * @default - the mesh's `trafficApi` (TrafficApi.ISTIO)
   */
  readonly trafficApi?: TrafficApi;
}

/** One Gateway API HTTPRoute of a TrafficRoute: its construct id, name and model. */
type GatewayApiRouteEntry = { id: string; name: string } & GatewayApiRouteModel;

/** Ownership families of routes (see `MeshCore.ownership`). */
const ROUTES_OF_SERVICE = 'traffic/routes-of-service';
const ROUTE_HOST = 'traffic/route-host';
const DESTINATION_RULE = 'traffic/destination-rule';
const DESTINATION_POLICY = 'traffic/destination-policy';
const SPLIT_GOVERNOR = 'traffic/split-governor';

/**
 * Typed routing for a mesh service: exactly one VirtualService per host and binding and one
 * DestinationRule per host, placed in the clusters that receive Istio config.
 *
 * @example
 * new TrafficRoute(mesh, 'reviews-route', {
 *   service: reviews,
 *   http: [{
 *     destinations: [{ version: 'v1', weight: 90 }, { version: 'v2', weight: 10 }],
 *     timeout: Duration.seconds(5),
 *   }],
 * });
 */
export class TrafficRoute extends MeshMember {
  /**
   * Makes `route` govern its service's split: every gateway-bound route of the service that sends plain traffic to it
   * (one destination, no version, no weight) renders `routes()` in its place, so gateway traffic follows the split too.
   * @internal
   */
  public static _governSplit(route: TrafficRoute, routes: () => HttpRouteOptions[]): void {
    route.splitRoutes = routes;
    route.mesh.ownership.claim(SPLIT_GOVERNOR, route.service.node.path, route);
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
  private splitRoutes?: () => HttpRouteOptions[];
  /** The ownership list of the routes of this route's service. */
  private readonly siblingsKey: string;

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
    this.siblingsKey = `${ROUTES_OF_SERVICE}:${this.service.node.path}`;
    this.mesh.ownership.addMember(this.siblingsKey, this);
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

  /** The API the routes render to (`trafficApi`, or the mesh's). */
  public get trafficApi(): TrafficApi {
    return this.props.trafficApi ?? TrafficApiSetting.of(this.mesh);
  }

  /** The namespace of the emitted objects. */
  public get namespaceName(): string {
    return this.props.namespaceName ?? this.service.namespaceName;
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

  /** Subsets are Istio API only: with the Gateway API, versions are Services and the DestinationRule carries policy only. */
  private get hasDestinationRule(): boolean {
    return (this.trafficApi === TrafficApi.ISTIO && this.service.versions.length > 0) || this.hasPolicy;
  }

  /**
   * True if this route emits the service's DestinationRule in `cluster`: the first route of the service
   * there that declares policy, or else the first route of the service there.
   */
  private ownsDestinationRuleIn(cluster: MeshCluster): boolean {
    if (!this.hasDestinationRule) return false;
    const siblings = this.mesh.ownership.members(this.siblingsKey)
      .filter((r): r is TrafficRoute => r instanceof TrafficRoute && r.hasDestinationRule && r.clusters.includes(cluster));
    return (siblings.find(r => r.hasPolicy) ?? siblings[0]) === this;
  }

  private get gatewayReferences(): string[] {
    const refs = this.gateways.map(g => g.gatewayReference).sort();
    return this.boundToMesh ? [...refs, 'mesh'] : refs;
  }

  private render(): void {
    this.registerKeys();
    if (this.trafficApi === TrafficApi.GATEWAY_API) this.renderVersionServices();
    // clusters that get the same routes share one rendered spec, and every cluster one DestinationRule spec
    // (props are read, never changed, by cdk8s)
    const governed = this.governedHttpRoutes();
    let shared: { readonly http: HttpRouteOptions[]; readonly spec: VirtualServiceSpec } | undefined;
    let destinationRuleSpec: DestinationRuleSpec | undefined;
    for (const cluster of this.clusters) {
      const scope = cluster.scopeFor(this);
      const http = governed.filter(r => this.routeIn(r.clusters, cluster));
      if (this.trafficApi === TrafficApi.GATEWAY_API) {
        this.renderGatewayApiRoutes(cluster, http);
      } else if (http.length + this.tcpRoutes.length + this.tlsRoutes.length > 0) {
        if (!shared || shared.http.length !== http.length || shared.http.some((r, i) => r !== http[i])) {
          shared = {
            http,
            spec: renderVirtualServiceSpec({
              service: this.service,
              namespace: this.namespaceName,
              hosts: this.hosts,
              gateways: this.gatewayReferences,
              exportTo: this.props.exportTo?.values,
              http,
              tcp: this.tcpRoutes,
              tls: this.tlsRoutes,
            }),
          };
        }
        new VirtualService(scope, 'VirtualService', {
          metadata: { name: this.props.name ?? this.service.name, namespace: this.namespaceName },
          spec: shared.spec,
        });
      }
      if (this.ownsDestinationRuleIn(cluster)) {
        destinationRuleSpec ??= renderDestinationRuleSpec({
          service: this.service,
          exportTo: this.props.exportTo?.values,
          policy: this.props.policy,
          portPolicies: this.portPolicyList,
          versionPolicies: this.versionPolicyList,
          subsets: this.trafficApi === TrafficApi.ISTIO,
        });
        new DestinationRule(scope, 'DestinationRule', {
          metadata: { name: this.props.destinationRuleName ?? this.service.name, namespace: this.namespaceName },
          spec: destinationRuleSpec,
        });
      }
    }
  }

  /** The Gateway API routes in one cluster: HTTPRoutes for gateways and for the mesh (GAMMA), a TLSRoute, ReferenceGrants. */
  private renderGatewayApiRoutes(cluster: MeshCluster, http: HttpRouteOptions[]): void {
    const scope = cluster.scopeFor(this);
    const name = this.props.name ?? this.service.name;
    const kinds: string[] = [];
    for (const model of this.gatewayApiModels(http)) {
      const metadata = { name: model.name, namespace: this.namespaceName };
      if (this.isGrpc) {
        kinds.push('GRPCRoute');
        new GrpcRoute(scope, model.id.replace('HTTPRoute', 'GRPCRoute'), { metadata, spec: renderGrpcRouteSpec(model).spec });
      } else {
        kinds.push('HTTPRoute');
        new HttpRoute(scope, model.id, { metadata, spec: renderHttpRouteSpec(model).spec });
      }
    }
    const gatewayParents = this.gatewayParents();
    if (this.tlsRoutes.length && gatewayParents.length) {
      kinds.push('TLSRoute');
      new TlsRoute(scope, 'TLSRoute', {
        metadata: { name, namespace: this.namespaceName },
        spec: renderTlsRouteSpec(this.service, this.namespaceName, gatewayParents, this.tlsRoutes).spec,
      });
    }
    // Backends in other namespaces need a ReferenceGrant there (parents are governed by the listeners' allowedRoutes).
    const byNamespace = new Map<string, string[]>();
    for (const { service, version } of backendServices(http, this.tlsRoutes, this.service)) {
      if (service.namespaceName === this.namespaceName) continue;
      const backend = version ? versionServiceName(service, version) : service.name;
      byNamespace.set(service.namespaceName, [...byNamespace.get(service.namespaceName) ?? [], backend]);
    }
    for (const [namespace, services] of [...byNamespace].sort(([a], [b]) => a.localeCompare(b))) {
      new ReferenceGrant(scope, `ReferenceGrant-${namespace}`, {
        metadata: { name: `${this.namespaceName}-${name}`, namespace },
        spec: renderServiceReferenceGrant([...new Set(kinds)].sort(), this.namespaceName, services),
      });
    }
  }

  /** A gRPC service (every port speaks gRPC): its HTTP routes render as GRPCRoutes. */
  private get isGrpc(): boolean {
    return this.service.ports.length > 0 && this.service.ports.every(p => p.protocol === Protocol.GRPC);
  }

  /** The Gateway parents: every bound gateway, by its Gateway API `Gateway` (same name and namespace as the Istio one). */
  private gatewayParents(): RouteParent[] {
    return this.gateways.map(g => {
      const [namespace, name] = g.gatewayReference.split('/');
      return { kind: 'Gateway' as const, name, namespace };
    });
  }

  /** The HTTPRoutes of the route: one for its gateways (hostnames) and one for the mesh (Service parent), `<name>-mesh` when both exist. */
  private gatewayApiModels(http: HttpRouteOptions[]): GatewayApiRouteEntry[] {
    if (!http.length) return [];
    const name = this.props.name ?? this.service.name;
    const models: GatewayApiRouteEntry[] = [];
    const gatewayParents = this.gatewayParents();
    if (gatewayParents.length) {
      const hostnames = this.hosts.filter(h => !(this.boundToMesh && h === this.service.host) && h !== '*');
      models.push({ id: 'HTTPRoute', name, forMesh: false, service: this.service, namespace: this.namespaceName, parents: gatewayParents, hostnames, http });
    }
    if (this.boundToMesh) {
      const port = this.service.ports.length === 1 ? this.service.ports[0].port : undefined;
      const parents: RouteParent[] = [{ kind: 'Service', name: this.service.name, namespace: this.service.namespaceName, port }];
      models.push({
        id: gatewayParents.length ? 'MeshHTTPRoute' : 'HTTPRoute',
        name: gatewayParents.length ? `${name}-mesh` : name,
        forMesh: true,
        service: this.service,
        namespace: this.namespaceName,
        parents,
        hostnames: [],
        http,
      });
    }
    return models;
  }

  /** What the Gateway API rendering cannot express, for the checks (the same models the render uses). */
  private gatewayApiGaps(): GatewayApiGap[] {
    if (this.trafficApi !== TrafficApi.GATEWAY_API) return [];
    const http = this.governedHttpRoutes();
    const gaps = this.gatewayApiModels(http).flatMap(m => (this.isGrpc ? renderGrpcRouteSpec(m) : renderHttpRouteSpec(m)).gaps);
    const gatewayParents = this.gatewayParents();
    if (this.tlsRoutes.length) {
      if (gatewayParents.length) gaps.push(...renderTlsRouteSpec(this.service, this.namespaceName, gatewayParents, this.tlsRoutes).gaps);
      if (this.boundToMesh) gaps.push({ field: 'tls', value: this.tlsRoutes.map(r => r.sniHosts).flat(), detail: 'Istio 1.30 routes mesh TLS traffic by SNI only with the Istio API (no TLSRoute with a Service parent).' });
    }
    this.tcpRoutes.forEach((r, i) => gaps.push({
      field: `tcp[${i}]`,
      value: r.destinations.map(d => d.version ?? d.host ?? d.service?.name ?? this.service.name),
      detail: 'Gateway API v1.6.1 serves TCPRoute as v1, which Istio 1.30 does not read (it reads the experimental v1alpha2).',
    }));
    for (const { service, version } of backendServices(http, this.tlsRoutes, this.service)) {
      if (version && !Object.keys(service.selector).length) {
        gaps.push({ field: 'destinations', value: `${service.name}/${version}`, detail: `The Service ${versionServiceName(service, version)} needs the pod selector of ${service.name} (\`selector\`) besides the version's labels.` });
      }
    }
    if (this.props.exportTo && this.hasRoutes) {
      gaps.push({ field: 'exportTo', value: this.props.exportTo.values, detail: 'Gateway API routes have no exportTo (the DestinationRule keeps it).' });
    }
    for (const p of this.versionPolicyList) {
      gaps.push({ field: `versionPolicies[${p.version}]`, value: p.version, detail: 'With the Gateway API a version is its own Service, which the service\'s DestinationRule subsets do not reach.' });
    }
    const seen = new Set<string>();
    return gaps.filter(g => {
      const key = `${g.field}|${JSON.stringify(g.value)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  /** A Service per routed version (`<service>-<version>`, selecting the version's pods), in the clusters of the service, once per mesh. */
  private renderVersionServices(): void {
    for (const { service, version } of backendServices(this.governedHttpRoutes(), this.tlsRoutes, this.service)) {
      if (!version) continue;
      const labels = service.versions.find(v => v.name === version)?.labels;
      if (!labels) continue;
      const name = versionServiceName(service, version);
      const spec = renderServiceSpec({ ...service.selector, ...labels }, service.ports.map(p => ({ ...p, name: service.portName(p) })));
      for (const cluster of service.clusters) {
        if (claimOnce(this.mesh, `${cluster.clusterName}/${service.namespaceName}/${name}/version-service`, this, JSON.stringify(spec)) !== 'first') continue;
        new k8s.KubeService(cluster.scopeFor(this), `Service-${name}`, {
          metadata: { name, namespace: service.namespaceName },
          spec,
        });
      }
    }
  }

  /** The HTTP routes, with plain gateway traffic to the service following the governing split (see `_governSplit`). */
  private governedHttpRoutes(): HttpRouteOptions[] {
    const governor = this.mesh.ownership.ownerOf(SPLIT_GOVERNOR, this.service.node.path);
    if (!(governor instanceof TrafficRoute) || governor === this || !governor.splitRoutes || !this.gateways.length) return this.httpRoutes;
    return applyGoverningSplit(this.httpRoutes, this.service, governor.splitRoutes());
  }

  private validate(): void {
    this.checkAmbientWaypoint();
    checkTrafficRoute({
      path: this.node.path,
      mesh: this.mesh,
      service: this.service,
      hosts: this.hosts,
      namespace: this.namespaceName,
      clusters: this.clusters,
      gateways: this.gateways,
      boundToMesh: this.boundToMesh,
      hasRoutes: this.hasRoutes,
      hasDestinationRule: this.hasDestinationRule,
      http: this.httpRoutes,
      tcp: this.tcpRoutes,
      tls: this.tlsRoutes,
      policy: this.props.policy,
      portPolicies: this.portPolicyList,
      versionPolicies: this.versionPolicyList,
      hasDestinationRuleFor: (cluster, host) => this.mesh.ownership.ownerOf(DESTINATION_RULE, `${cluster.clusterName}|${host}`) !== undefined,
      trafficApi: this.trafficApi,
      gatewayApiGaps: this.gatewayApiGaps(),
    });
  }

  /** Mesh routes of an ambient service are applied by its waypoint only (MESH-AMB-015). */
  private checkAmbientWaypoint(): void {
    const ns = this.service.namespaceName;
    if (!this.hasRoutes || !this.boundToMesh || this.mesh.dataplaneOf(ns) !== DataplaneMode.AMBIENT) return;
    const nsWaypoint = this.mesh.namespaces.find(n => n.name === ns)?.waypointName;
    if (this.service.waypointName === undefined && nsWaypoint === undefined) {
      this.mesh.report(AmbientRules.ROUTE_WITHOUT_WAYPOINT, this, `${ns}/${this.service.name}`, `Namespace "${ns}" is ambient.`);
    }
  }

  private routeIn(names: string[] | undefined, cluster: MeshCluster): boolean {
    return names === undefined || names.includes(cluster.clusterName);
  }

  /** Registers the hosts and DestinationRule of this route per cluster, reporting duplicates (runs at render). */
  private registerKeys(): void {
    const ownership = this.mesh.ownership;
    for (const cluster of this.clusters) {
      if (this.hasRoutes) {
        for (const binding of this.gatewayReferences) {
          for (const host of this.hosts) {
            const claim = ownership.claim(ROUTE_HOST, `${cluster.clusterName}|${binding}|${host}`, this);
            if (!claim.first && claim.owner !== this) {
              this.mesh.report(RouteRules.DUPLICATE_HOST, `${this.node.path}/hosts`, host, `Also routed by ${claim.owner.node.path} for ${binding} in ${cluster.clusterName}.`);
            }
          }
        }
      }
      const key = `${cluster.clusterName}|${this.service.host}`;
      if (this.hasPolicy || this.ownsDestinationRuleIn(cluster)) ownership.claim(DESTINATION_RULE, key, this);
      if (this.hasPolicy) {
        const claim = ownership.claim(DESTINATION_POLICY, key, this);
        if (!claim.first && claim.owner !== this) {
          this.mesh.report(RouteRules.DUPLICATE_DESTINATION_POLICY, this.node.path, this.service.host, `Also declared by ${claim.owner.node.path} in ${cluster.clusterName}.`);
        }
      }
    }
  }
}
