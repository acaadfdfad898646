import { Construct, IConstruct } from 'constructs';
import { HBONE_PORT } from './ambient-east-west-gateway';
import { isDnsLabel, sortedRecord } from '../core/names';
import { Gateway, GatewaySpec } from '../imports/gateway.networking.k8s.io';
import type { MeshCluster } from '../topology/cluster';
import { MeshMember } from '../topology/member';
import { MeshCore } from '../topology/mesh-core';
import { DataplaneMode, MeshNamespace, REVISION_LABEL } from '../topology/namespace';
import { checkInit } from '../validation/input/check';
import { AmbientRules } from '../validation/rules/ambient';
import { TopologyRules } from '../validation/rules/topology';
import { MeshService } from '../workloads/mesh-service';

/** The GatewayClass of waypoints. */
export const WAYPOINT_GATEWAY_CLASS = 'istio-waypoint';
/** The label naming the traffic a waypoint handles. */
export const WAYPOINT_FOR_LABEL = 'istio.io/waypoint-for';
/** The Gateway API group policies target waypoints with. */
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

/**
 * Which traffic a waypoint handles (`istio.io/waypoint-for`, `istioctl waypoint generate --for`).
 */
export enum WaypointFor {
  /** Traffic addressed to services (Istio's default when the label is absent). */
  SERVICE = 'service',
  /** Traffic addressed to pod IPs. */
  WORKLOAD = 'workload',
  /** Both service and workload traffic. */
  ALL = 'all',
  /** No traffic (a waypoint deployed but not yet in use). */
  NONE = 'none',
}

/** Props of a `Waypoint`. */
export interface WaypointProps {
  /** The namespace the waypoint runs in. */
  readonly namespaceName: string;
  /**
   * The Gateway name (`istioctl waypoint generate --name`).
   * @default 'waypoint'
   */
  readonly name?: string;
  /**
   * Which traffic the waypoint handles (`istio.io/waypoint-for`).
   * @default - no label: istiod's default for the class, service traffic
   */
  readonly forTraffic?: WaypointFor;
  /**
   * Send the waypoint namespace's own traffic through it (`istioctl waypoint apply --enroll-namespace`): the namespace
   * declared with `mesh.addNamespace()` is labelled `istio.io/use-waypoint=<name>`.
   * @default false
   */
  readonly enrollNamespace?: boolean;
  /**
   * The control-plane revision that deploys the waypoint (`istio.io/rev` label, `istioctl waypoint apply --revision`).
   * @default - the default revision: no label
   */
  readonly revision?: string;
  /**
   * The clusters to place the waypoint in (ambient multicluster assumes identically named waypoints in every cluster).
   * @default - the clusters of the namespace, if declared, otherwise every workload cluster
   */
  readonly clusters?: string[];
}

/**
 * An ambient-mode waypoint: the L7 proxy of a namespace or of services, as `istioctl waypoint generate` writes it:
 * a Gateway API `Gateway` of class `istio-waypoint` with the listener `mesh` on 15008, protocol HBONE, labelled
 * `istio.io/waypoint-for` when `forTraffic` is set. istiod deploys it. Namespaces and services use it through
 * `istio.io/use-waypoint` (`attachNamespace`, `attachService`); L7 policies attach to it with `waypoint`
 * (rendered as `targetRefs`).
 */
export class Waypoint extends MeshMember {
  /**
   * The waypoints of a mesh, in construct order.
   * @param mesh the mesh
   */
  public static of(mesh: MeshCore): Waypoint[] {
    return mesh.node.findAll().filter((c): c is Waypoint => c instanceof Waypoint && c.mesh === mesh);
  }

  /** The mesh. */
  public readonly mesh: MeshCore;
  /** The Gateway name. */
  public readonly name: string;
  /** The namespace it runs in. */
  public readonly namespaceName: string;
  /** The traffic type label, if set. */
  public readonly forTraffic?: WaypointFor;
  private readonly props: WaypointProps;
  private readonly users: string[] = [];
  private readonly policies: IConstruct[] = [];
  private readonly attachedServices: MeshService[] = [];
  private resolved?: MeshCluster[];

  constructor(scope: Construct, id: string, props: WaypointProps) {
    checkInit('cdk8s-mesh.Waypoint', new.target, [scope, id, props]);
    super(scope, id);
    this.mesh = MeshCore.coreOf(this);
    this.props = props;
    this.name = props.name ?? 'waypoint';
    this.namespaceName = props.namespaceName;
    this.forTraffic = props.forTraffic;
    if (!isDnsLabel(this.name) || this.name === 'none') this.mesh.report(TopologyRules.INVALID_NAME, this, this.name);
    // a namespace declared later renders after this waypoint's render hook, which enrolls it then
    const enrolled = props.enrollNamespace ? this.enroll(false) : true;
    this.mesh._onSynth(this, () => {
      if (!enrolled) this.enroll(true);
      this.render();
    }, () => this.validate());
  }

  private enroll(report: boolean): boolean {
    const own = this.mesh.namespaces.find(ns => ns.name === this.namespaceName);
    if (own) this.attachNamespace(own);
    else if (report) this.mesh.report(AmbientRules.ENROLLED_NAMESPACE_UNDECLARED, this, this.namespaceName);
    return own !== undefined;
  }

  /** The traffic the waypoint handles: `forTraffic`, else Istio's default (SERVICE). */
  public get trafficType(): WaypointFor {
    return this.forTraffic ?? WaypointFor.SERVICE;
  }

  /** The clusters the waypoint is placed in. */
  public get clusters(): MeshCluster[] {
    if (!this.resolved) {
      const declared = this.mesh.namespaces.filter(ns => ns.name === this.namespaceName);
      const fallback = declared.length ? [...new Set(declared.flatMap(ns => ns.clusters))] : this.mesh.workloadClusters;
      this.resolved = this.mesh.resolveClusters(this, fallback, this.props.clusters);
    }
    return [...this.resolved];
  }

  /**
   * Sends a namespace's traffic through this waypoint (`istio.io/use-waypoint` on the Namespace, plus
   * `istio.io/use-waypoint-namespace` when the waypoint lives elsewhere). The namespace must be ambient (MESH-AMB-006).
   * @param target a namespace of the mesh
   */
  public attachNamespace(target: MeshNamespace): void {
    target._useWaypoint(this.name, this.namespaceName, this);
    this.users.push(`namespace ${target.name}`);
  }

  /**
   * Sends a service's traffic through this waypoint (`istio.io/use-waypoint` on the Service; it overrides the
   * namespace's waypoint). The service's namespace must be ambient (MESH-AMB-006) and the waypoint must take service
   * traffic (MESH-AMB-008).
   * @param service a mesh service
   */
  public attachService(service: MeshService): void {
    if (this.mesh.dataplaneOf(service.namespaceName) !== DataplaneMode.AMBIENT) {
      this.mesh.report(AmbientRules.WAYPOINT_OUTSIDE_AMBIENT, this, `${service.namespaceName}/${service.name}`,
        `Namespace "${service.namespaceName}" uses ${this.mesh.dataplaneOf(service.namespaceName)}.`);
    }
    if (this.trafficType === WaypointFor.WORKLOAD || this.trafficType === WaypointFor.NONE) {
      this.mesh.report(AmbientRules.WAYPOINT_TRAFFIC_TYPE, this, this.trafficType, `Attached to service ${service.namespaceName}/${service.name}.`);
    }
    if (service._useWaypoint(this.name, this.namespaceName, this)) this.attachedServices.push(service);
    this.users.push(`service ${service.namespaceName}/${service.name}`);
  }

  /** What uses the waypoint: attached namespaces and services, and policies attached to it. */
  public get usedBy(): string[] {
    return [...this.users, ...this.policies.map(p => `policy ${p.node.path}`)];
  }

  /**
   * Records a policy attached to this waypoint (`targetRefs`).
   * @internal
   */
  public _addPolicy(policy: IConstruct): void {
    this.policies.push(policy);
  }

  /**
   * The `targetRefs` entry of a policy attached to this waypoint.
   * @internal
   */
  public get _targetRef(): { group: string; kind: string; name: string } {
    return { group: GATEWAY_API_GROUP, kind: 'Gateway', name: this.name };
  }

  private render(): void {
    const labels = sortedRecord({
      ...(this.forTraffic === undefined ? {} : { [WAYPOINT_FOR_LABEL]: this.forTraffic }),
      ...(this.props.revision === undefined || this.props.revision === 'default' ? {} : { [REVISION_LABEL]: this.props.revision }),
    });
    for (const cluster of this.clusters) {
      new Gateway(cluster.scopeFor(this), 'Gateway', {
        metadata: { name: this.name, namespace: this.namespaceName, labels },
        spec: renderWaypointSpec(),
      });
    }
  }

  private validate(): void {
    if (!this.usedBy.length) this.mesh.report(AmbientRules.UNUSED_WAYPOINT, this, `${this.namespaceName}/${this.name}`);
  }
}

/** The spec `istioctl waypoint generate` writes: class istio-waypoint, one HBONE listener `mesh` on 15008. */
export function renderWaypointSpec(): GatewaySpec {
  return { gatewayClassName: WAYPOINT_GATEWAY_CLASS, listeners: [{ name: 'mesh', port: HBONE_PORT, protocol: 'HBONE' }] };
}
