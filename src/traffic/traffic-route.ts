import { Construct } from 'constructs';
import { ExportTo, PortTrafficPolicy, TrafficPolicy, VersionTrafficPolicy, isEmptyPolicy } from './destination-policy';
import { HttpRouteOptions } from './http-route';
import { TcpRouteOptions, TlsRouteOptions } from './tcp-tls-route';
import { checkTrafficRoute } from './traffic-route-checks';
import { applyGoverningSplit, renderDestinationRuleSpec, renderVirtualServiceSpec } from './traffic-route-render';
import { IGatewayBinding } from '../gateways/gateway-binding';
import { DestinationRule, VirtualService } from '../imports/networking.istio.io';
import { MeshCluster } from '../topology/cluster';
import { MeshMember } from '../topology/member';
import { MeshCore } from '../topology/mesh-core';
import { checkInit } from '../validation/input/check';
import { RouteRules } from '../validation/rules/route';
import { MeshService } from '../workloads/mesh-service';

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
}

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
    this.mesh.ownership.addMember(`${ROUTES_OF_SERVICE}:${this.service.node.path}`, this);
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

  private get hasDestinationRule(): boolean {
    return this.service.versions.length > 0 || this.hasPolicy;
  }

  /**
   * True if this route emits the service's DestinationRule in `cluster`: the first route of the service
   * there that declares policy, or else the first route of the service there.
   */
  private ownsDestinationRuleIn(cluster: MeshCluster): boolean {
    if (!this.hasDestinationRule) return false;
    const siblings = this.mesh.ownership.members(`${ROUTES_OF_SERVICE}:${this.service.node.path}`)
      .filter((r): r is TrafficRoute => r instanceof TrafficRoute && r.clusters.includes(cluster));
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
          metadata: { name: this.props.name ?? this.service.name, namespace: this.namespaceName },
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
        });
      }
      if (this.ownsDestinationRuleIn(cluster)) {
        new DestinationRule(scope, 'DestinationRule', {
          metadata: { name: this.props.destinationRuleName ?? this.service.name, namespace: this.namespaceName },
          spec: renderDestinationRuleSpec({
            service: this.service,
            exportTo: this.props.exportTo?.values,
            policy: this.props.policy,
            portPolicies: this.portPolicyList,
            versionPolicies: this.versionPolicyList,
          }),
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
    });
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
