import { DEFAULT_REVISION } from './revision';
import { AmbientEastWestGateway } from '../gateways/ambient-east-west-gateway';
import { EastWestGateway } from '../gateways/east-west-gateway';
import type { MeshCluster } from '../topology/cluster';
import type { MeshCore } from '../topology/mesh-core';

/** What the control plane needs to know about an east-west gateway in one cluster. */
export interface EastWestGatewayPlacement {
  /** The cluster it runs in. */
  readonly cluster: MeshCluster;
  /** The gateway (Deployment/Service) name, e.g. `istio-eastwestgateway`. */
  readonly name: string;
  /** The `istio` label its Gateway resources select, e.g. `eastwestgateway`. */
  readonly istioLabel: string;
  /** The network the gateway was declared for, if any (else the cluster's). */
  readonly declaredNetwork?: string;
  /** The network it serves in this cluster. */
  readonly network?: string;
  /** The revision it is pinned to, or undefined for the default revision. */
  readonly revision?: string;
  /** Whether it exposes istiod in this cluster. */
  readonly exposesIstiod: boolean;
  /** Whether it carries cross-network traffic (emits the cross-network gateway). */
  readonly crossNetwork: boolean;
}

/**
 * The east-west gateways of the mesh (the gateways family's `EastWestGateway` constructs), one entry
 * per cluster they run in, in construct order.
 * @internal
 */
export function eastWestGateways(mesh: MeshCore): EastWestGatewayPlacement[] {
  const out: EastWestGatewayPlacement[] = [];
  for (const gw of mesh.node.findAll().filter((c): c is EastWestGateway => c instanceof EastWestGateway && c.mesh === mesh)) {
    const exposed = new Set(gw.istiodExposure?.gatewayResourceClusters ?? []);
    for (const cluster of gw.clusters) {
      out.push({
        cluster,
        name: gw.name,
        istioLabel: gw.istioLabel,
        declaredNetwork: gw.network,
        network: cluster.networkName,
        revision: gw.revision === DEFAULT_REVISION ? undefined : gw.revision,
        exposesIstiod: exposed.has(cluster),
        crossNetwork: gw.crossNetworkListener !== undefined,
      });
    }
  }
  return out;
}

/**
 * The workload networks of a multi-network mesh that no east-west gateway with a cross-network listener
 * serves, sorted; empty for a single-network mesh.
 * @internal
 */
export function networksWithoutCrossNetworkGateway(mesh: MeshCore, gateways: EastWestGatewayPlacement[] = eastWestGateways(mesh)): string[] {
  const networks = new Set(mesh.workloadClusters.map(c => c.networkName ?? ''));
  if (networks.size < 2) return [];
  const covered = new Set(gateways.filter(g => g.crossNetwork).map(g => g.network ?? g.cluster.networkName ?? ''));
  return [...networks].filter(n => !covered.has(n)).sort();
}

/** An ambient east-west gateway in one cluster. */
export interface AmbientEastWestGatewayPlacement {
  /** The cluster it runs in. */
  readonly cluster: MeshCluster;
  /** The Gateway (and Service) name. */
  readonly name: string;
}

/**
 * The ambient east-west gateways of the mesh (`AmbientEastWestGateway`), one entry per cluster they run in.
 * @internal
 */
export function ambientEastWestGateways(mesh: MeshCore): AmbientEastWestGatewayPlacement[] {
  return AmbientEastWestGateway.of(mesh).flatMap(gw => gw.clusters.map(cluster => ({ cluster, name: gw.name })));
}
