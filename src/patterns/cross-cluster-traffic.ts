import { Construct } from 'constructs';
import { DEFAULT_FAILOVER_OUTLIER_DETECTION, LocalityLabel } from './locality-failover';
import { serviceChildId } from './ownership';
import { MeshMember } from '../topology/member';
import { MeshCore } from '../topology/mesh-core';
import { ClientTlsMode } from '../traffic/client-tls';
import { ExportTo, TrafficPolicy } from '../traffic/destination-policy';
import { HttpRouteOptions } from '../traffic/http-route';
import { OutlierDetection } from '../traffic/outlier-detection';
import { TrafficRoute } from '../traffic/traffic-route';
import { checkInit } from '../validation/input/check';
import { PatternRules } from '../validation/rules/patterns';
import { MeshService } from '../workloads/mesh-service';
import { Protocols } from '../workloads/protocol';

/** How traffic to a same-name service deployed in several clusters is kept or spread. */
export enum CrossClusterMode {
  /** Callers reach only the endpoints in their own cluster (a route per source cluster to that cluster's subset). */
  KEEP_LOCAL = 'KEEP_LOCAL',
  /** Callers prefer their own cluster and fail over to other clusters when its endpoints are ejected. */
  KEEP_LOCAL_WITH_FAILOVER = 'KEEP_LOCAL_WITH_FAILOVER',
  /** Traffic is split by weight between the clusters' subsets. */
  SPLIT_BY_CLUSTER = 'SPLIT_BY_CLUSTER',
  /**
   * Like KEEP_LOCAL, but callers in clusters where the service does not run get 404 instead of a remote
   * endpoint (HTTP; a TCP-only service gets no route there, so the connection fails). Istio's own mechanism
   * is meshConfig `serviceSettings.clusterLocal`.
   */
  HIDE_FROM_OTHER_CLUSTERS = 'HIDE_FROM_OTHER_CLUSTERS',
}

/** Cross-cluster traffic control for one service. */
export interface CrossClusterTrafficProps {
  /** The service, declared once for all its clusters (same name and ports everywhere). */
  readonly service: MeshService;
  /** What to do with traffic. */
  readonly mode: CrossClusterMode;
  /**
   * SPLIT_BY_CLUSTER: the share of each cluster, integers summing to 100.
   * @default - required for SPLIT_BY_CLUSTER
   */
  readonly clusterWeights?: { [cluster: string]: number };
  /**
   * Outlier detection (KEEP_LOCAL_WITH_FAILOVER; always emitted there).
   * @default DEFAULT_FAILOVER_OUTLIER_DETECTION
   */
  readonly outlierDetection?: OutlierDetection;
  /**
   * Namespaces that see the VirtualService and DestinationRule.
   * @default - every namespace
   */
  readonly exportTo?: ExportTo;
}

/** The endpoint label Istio sets to the cluster name; subsets per cluster select on it. */
export const CLUSTER_LABEL: string = LocalityLabel.CLUSTER;

/**
 * The DaoCloud same-name-services recipes: one subset per cluster on `topology.istio.io/cluster` (added to the
 * service as versions named after the clusters), ISTIO_MUTUAL client TLS, and either per-source-cluster routes
 * (keep local), `failoverPriority` by cluster (keep local with failover) or a weighted split between clusters.
 */
export class CrossClusterTraffic extends MeshMember {
  /** The mesh. */
  public readonly mesh: MeshCore;
  /** The service. */
  public readonly service: MeshService;
  /** The mode. */
  public readonly mode: CrossClusterMode;
  /** The route carrying the VirtualService and DestinationRule. */
  public readonly route: TrafficRoute;

  constructor(scope: Construct, id: string, props: CrossClusterTrafficProps) {
    checkInit('cdk8s-mesh.CrossClusterTraffic', new.target, [scope, id, props]);
    super(scope, id);
    this.mesh = MeshCore.coreOf(this);
    this.service = props.service;
    this.mode = props.mode;
    const clusters = this.service.clusters.map(c => c.clusterName);
    for (const cluster of clusters) this.service.addVersion(cluster, { [CLUSTER_LABEL]: cluster });
    const http = this.httpRoutes(props, clusters);
    // Services without an HTTP port get the same routes as TCP routes (no 404 for HIDE_FROM_OTHER_CLUSTERS).
    const tcpOnly = this.service.ports.length > 0 && !this.service.ports.some(p => Protocols.isHttp(p.protocol));
    this.route = new TrafficRoute(this, serviceChildId(this.service), {
      service: this.service,
      exportTo: props.exportTo,
      policy: this.policy(props),
      http: tcpOnly ? undefined : http,
      tcp: tcpOnly ? http?.filter(r => r.destinations).map(r => ({ sourceLabels: r.match?.[0]?.sourceLabels, destinations: r.destinations! }))
        : undefined,
    });
  }

  private policy(props: CrossClusterTrafficProps): TrafficPolicy {
    const tls = { mode: ClientTlsMode.ISTIO_MUTUAL };
    if (props.mode !== CrossClusterMode.KEEP_LOCAL_WITH_FAILOVER) return { tls };
    return {
      tls,
      locality: { failoverPriority: [CLUSTER_LABEL] },
      outlierDetection: props.outlierDetection ?? DEFAULT_FAILOVER_OUTLIER_DETECTION,
    };
  }

  private httpRoutes(props: CrossClusterTrafficProps, clusters: string[]): HttpRouteOptions[] | undefined {
    if (props.mode === CrossClusterMode.KEEP_LOCAL || props.mode === CrossClusterMode.HIDE_FROM_OTHER_CLUSTERS) {
      // One route per source cluster to its own subset; callers elsewhere reach any endpoint, or get 404 when hidden.
      const local: HttpRouteOptions[] = clusters.map(cluster => ({
        name: `local-${cluster}`,
        match: [{ sourceLabels: { [CLUSTER_LABEL]: cluster } }],
        destinations: [{ version: cluster }],
      }));
      const others: HttpRouteOptions = props.mode === CrossClusterMode.KEEP_LOCAL
        ? { name: 'other-clusters', destinations: [{}] }
        : { name: 'other-clusters', directResponse: { status: 404 } };
      return [...local, others];
    }
    if (props.mode === CrossClusterMode.SPLIT_BY_CLUSTER) {
      const weights = props.clusterWeights ?? {};
      const known = new Set(clusters);
      for (const cluster of Object.keys(weights)) {
        if (!known.has(cluster)) this.mesh.report(PatternRules.VERSION_CLUSTER_WITHOUT_SERVICE, `${this.node.path}/clusterWeights`, cluster, `${this.service.name} runs in: ${clusters.join(', ')}.`);
      }
      const entries = Object.entries(weights).filter(([c]) => known.has(c)).sort(([a], [b]) => a.localeCompare(b));
      return [{ name: 'split-by-cluster', destinations: entries.map(([version, weight]) => ({ version, weight })) }];
    }
    return undefined;
  }
}
