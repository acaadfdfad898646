import type { MeshCluster } from '../topology/cluster';
import type { Mesh } from '../topology/mesh';

/** What the control plane needs to know about an east-west gateway in one cluster. */
export interface EastWestGatewayPlacement {
  /** The cluster it runs in. */
  readonly cluster: MeshCluster;
  /** The gateway (Deployment/Service) name, e.g. `istio-eastwestgateway`. */
  readonly name: string;
  /** The network it serves. */
  readonly network?: string;
  /** The revision it is pinned to, if any. */
  readonly revision?: string;
}

/**
 * The east-west gateways of the mesh, one entry per cluster they run in, read from the gateways
 * family's `EastWestGateway` constructs.
 * @internal
 */
export function eastWestGateways(_mesh: Mesh): EastWestGatewayPlacement[] {
  return [];
}
