import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { serviceChildId } from './ownership';
import { MeshMember } from '../topology/member';
import { MeshCore } from '../topology/mesh-core';
import { LocalityDistribution, LocalityFailover, LocalityLoadBalancing } from '../traffic/load-balancer';
import { OutlierDetection } from '../traffic/outlier-detection';
import { TrafficRoute } from '../traffic/traffic-route';
import { checkInit } from '../validation/input/check';
import { PatternRules } from '../validation/rules/patterns';
import { MeshService } from '../workloads/mesh-service';

/** Endpoint labels `failoverPriority` ranks by, in the order given. */
export enum LocalityLabel {
  /** The network (`topology.istio.io/network`). */
  NETWORK = 'topology.istio.io/network',
  /** The region (`topology.kubernetes.io/region`). */
  REGION = 'topology.kubernetes.io/region',
  /** The zone (`topology.kubernetes.io/zone`). */
  ZONE = 'topology.kubernetes.io/zone',
  /** The subzone (`topology.istio.io/subzone`). */
  SUBZONE = 'topology.istio.io/subzone',
  /** The cluster (`topology.istio.io/cluster`). */
  CLUSTER = 'topology.istio.io/cluster',
}

/**
 * Outlier detection the locality patterns emit unless told otherwise: 5 consecutive 5xx in 10s eject an
 * endpoint for 30s, and up to 100% of a locality may be ejected so a dead zone really fails over.
 */
export const DEFAULT_FAILOVER_OUTLIER_DETECTION: OutlierDetection = {
  consecutive5xxErrors: 5,
  interval: Duration.seconds(10),
  baseEjectionTime: Duration.seconds(30),
  maxEjectionPercent: 100,
};

/** Locality-aware failover for services, derived from the mesh topology. */
export interface LocalityAwareFailoverProps {
  /**
   * The services covered.
   * @default - every MeshService of the mesh (mesh-wide)
   */
  readonly services?: MeshService[];
  /**
   * Ordered region failover: each region fails over to the next, the last to the first.
   * @default - the clusters' regions in declaration order, unless another mode is chosen
   */
  readonly regionOrder?: string[];
  /**
   * Explicit region failover pairs (instead of `regionOrder`).
   * @default - derived from `regionOrder`
   */
  readonly failover?: LocalityFailover[];
  /**
   * Rank endpoints by these labels instead of region failover.
   * @default - none
   */
  readonly failoverPriority?: LocalityLabel[];
  /**
   * Weighted distribution between localities instead of failover.
   * @default - none
   */
  readonly distribute?: LocalityDistribution[];
  /**
   * Outlier detection (always emitted: failover needs it).
   * @default DEFAULT_FAILOVER_OUTLIER_DETECTION
   */
  readonly outlierDetection?: OutlierDetection;
  /**
   * The clusters that receive the DestinationRules.
   * @default - mesh.configClusters
   */
  readonly clusters?: string[];
}

/**
 * Locality failover for a set of services (or the whole mesh): one DestinationRule per service with
 * `localityLbSetting` and outlier detection. Ordered region failover is derived from the clusters'
 * regions unless `failoverPriority` or `distribute` is chosen. Mode and weight checks are those of
 * TrafficRoute (MESH-ROUTE-019, MESH-ROUTE-032); referenced localities must exist (MESH-PAT-006).
 */
export class LocalityAwareFailover extends MeshMember {
  /** The mesh. */
  public readonly mesh: MeshCore;
  /** The routes carrying the DestinationRules, one per service. */
  public readonly routes: TrafficRoute[];
  /** The locality setting emitted for every service. */
  public readonly locality: LocalityLoadBalancing;
  private readonly props: LocalityAwareFailoverProps;

  constructor(scope: Construct, id: string, props: LocalityAwareFailoverProps = {}) {
    checkInit('cdk8s-mesh.LocalityAwareFailover', new.target, [scope, id, props]);
    super(scope, id);
    this.mesh = MeshCore.coreOf(this);
    this.props = props;
    this.locality = this.deriveLocality();
    const services = props.services ?? this.mesh.node.findAll().filter((c): c is MeshService => c instanceof MeshService);
    this.routes = services.map(service => {
      return new TrafficRoute(this, serviceChildId(service), {
        service,
        clusters: props.clusters,
        policy: { locality: this.locality, outlierDetection: props.outlierDetection ?? DEFAULT_FAILOVER_OUTLIER_DETECTION },
      });
    });
    this.mesh._onSynth(this, undefined, () => this.checkLocalities());
  }

  /** The declared regions, in cluster declaration order. */
  public get regions(): string[] {
    return [...new Set(this.mesh.clusters.map(c => c.region).filter((r): r is string => r !== undefined))];
  }

  private deriveLocality(): LocalityLoadBalancing {
    const p = this.props;
    const failoverPriority = p.failoverPriority?.map(l => l as string);
    let failover = p.failover;
    if (!failover && (p.regionOrder || (!failoverPriority && !p.distribute))) {
      const order = p.regionOrder ?? this.regions;
      if (order.length < 2) this.mesh.report(PatternRules.NO_FAILOVER_TARGET, this, order);
      failover = order.length < 2 ? undefined : order.map((fromRegion, i) => ({ fromRegion, toRegion: order[(i + 1) % order.length] }));
    }
    return { failover, failoverPriority, distribute: p.distribute };
  }

  /** Every region in failover and every locality in distribute exists in some cluster. */
  private checkLocalities(): void {
    const known = new Set<string>();
    for (const cluster of this.mesh.clusters) {
      for (const locality of cluster.localities) {
        const parts = [locality.region, locality.zone, locality.subzone].filter(x => x !== undefined);
        parts.forEach((_, i) => known.add(parts.slice(0, i + 1).join('/')));
      }
    }
    const where = `${this.node.path}/locality`;
    const check = (text: string) => {
      const parts = text.split('/');
      const cut = parts.indexOf('*');
      const prefix = (cut === -1 ? parts : parts.slice(0, cut)).join('/');
      if (prefix && !known.has(prefix)) this.mesh.report(PatternRules.UNKNOWN_LOCALITY, where, text);
    };
    for (const f of this.locality.failover ?? []) [f.fromRegion, f.toRegion].forEach(check);
    for (const d of this.locality.distribute ?? []) [d.fromLocality, ...Object.keys(d.toLocalities)].forEach(check);
  }
}
