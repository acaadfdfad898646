import { Construct } from 'constructs';
import { ExportTo, PortTrafficPolicy, TrafficPolicy, VersionTrafficPolicy } from './destination-policy';
import { TrafficRoute } from './traffic-route';
import { MeshMember } from '../topology/member';
import { checkInit, trusted } from '../validation/input/check';
import { MeshService } from '../workloads/mesh-service';

/** Props of a destination policy: how clients connect to one service, without any route. */
export interface DestinationPolicyProps {
  /** The service (a `MeshService`, or an `ExternalService` for TLS origination to an external host). */
  readonly service: MeshService;
  /**
   * The DestinationRule name.
   * @default - the service name
   */
  readonly name?: string;
  /**
   * The DestinationRule namespace.
   * @default - the service's namespace
   */
  readonly namespaceName?: string;
  /**
   * Emit only in these clusters (each must receive Istio config).
   * @default - mesh.configClusters
   */
  readonly clusters?: string[];
  /**
   * Namespaces that see the DestinationRule.
   * @default - every namespace
   */
  readonly exportTo?: ExportTo;
  /**
   * Policy for the whole host: load balancing, connection pool, outlier detection, TLS.
   * @default - none
   */
  readonly policy?: TrafficPolicy;
  /**
   * Policy per port (e.g. TLS origination on port 443 of an external host).
   * @default - none
   */
  readonly portPolicies?: PortTrafficPolicy[];
  /**
   * Policy per version (subset) of the service.
   * @default - none
   */
  readonly versionPolicies?: VersionTrafficPolicy[];
}

/**
 * A traffic policy without routes: the DestinationRule of one service (host, port and subset policy, and one subset per
 * version), and no VirtualService. Use it for connection pools, outlier detection, load balancing or TLS origination
 * when the default routing is what you want; use `TrafficRoute` when you also route. A service has one DestinationRule
 * per cluster: a `TrafficRoute` of the same service with policy of its own is MESH-ROUTE-017.
 *
 * @example
 * new DestinationPolicy(mesh, 'reviews-policy', {
 *   service: reviews,
 *   policy: { outlierDetection: { consecutive5xxErrors: 5 } },
 * });
 */
export class DestinationPolicy extends MeshMember {
  /** The service. */
  public readonly service: MeshService;
  /** The route that renders the DestinationRule (it has no routes, so it renders no VirtualService). */
  private readonly rule: TrafficRoute;

  constructor(scope: Construct, id: string, props: DestinationPolicyProps) {
    checkInit('cdk8s-mesh.DestinationPolicy', new.target, [scope, id, props]);
    super(scope, id);
    this.service = props.service;
    this.rule = trusted(() => new TrafficRoute(this, 'DestinationRule', {
      service: props.service,
      destinationRuleName: props.name,
      namespaceName: props.namespaceName,
      clusters: props.clusters,
      exportTo: props.exportTo,
      policy: props.policy,
      portPolicies: props.portPolicies,
      versionPolicies: props.versionPolicies,
    }));
  }

  /** The DestinationRule's namespace. */
  public get namespaceName(): string {
    return this.rule.namespaceName;
  }
}
