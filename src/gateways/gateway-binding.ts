import { IConstruct } from 'constructs';
import type { TrafficApi } from './traffic-api';
import { MeshCluster } from '../topology/cluster';

/**
 * An Istio `Gateway` resource (the listeners of an ingress or egress gateway) that routes can bind to.
 * A route binds to the construct, never to a `namespace/name` string, so the reference cannot drift.
 */
export interface IGatewayBinding extends IConstruct {
  /** The `<namespace>/<name>` reference a VirtualService's `gateways` field uses. */
  readonly gatewayReference: string;
  /** The clusters where the Gateway resource is applied (where its config takes effect). */
  readonly gatewayResourceClusters: MeshCluster[];
  /**
   * The API the gateway's listeners render to: an Istio `Gateway` or a Gateway API `Gateway` (same name and namespace).
   * @default TrafficApi.ISTIO
   */
  readonly trafficApi?: TrafficApi;
  /**
   * The hosts the gateway's listeners accept in a cluster, as written in the Gateway's `hosts`
   * (possibly `ns/host`, `*`, or `*.example.com`); empty where it has no listeners.
   * Valid once the mesh has rendered (in validators).
   * @param cluster the cluster
   */
  listenerHostsIn(cluster: MeshCluster): string[];
}
