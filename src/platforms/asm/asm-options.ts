import type { IstioVersion } from '../../topology/istio-version';

/**
 * ASM settings of a mesh.
 */
export interface AsmOptions {
  /**
   * The ASM version of the instance; decides which `IstioGateway` override fields are accepted.
   * @default - the mesh's `istioVersion`
   */
  readonly version?: IstioVersion;
  /**
   * The ACK cluster ID of each data-plane cluster, by cluster name (`IstioGateway.spec.clusterIds`).
   * @default - a cluster's ID is its name
   */
  readonly clusterIds?: { [clusterName: string]: string };
}
