import type { MeshCluster } from './cluster';
import { checkInit } from '../validation/input/check';

/**
 * A network of the mesh: clusters on one network reach each other's pods directly;
 * clusters on different networks talk through east-west gateways.
 */
export interface NetworkProps {
  /** The network ID, written to `topology.istio.io/network` and `global.network`. */
  readonly name: string;
}

/**
 * A declared network and the clusters on it.
 */
export class MeshNetwork {
  /** The network ID. */
  public readonly name: string;
  private readonly members: MeshCluster[] = [];

  constructor(props: NetworkProps) {
    checkInit('cdk8s-mesh.MeshNetwork', new.target, [props]);
    this.name = props.name;
  }

  /** The clusters on this network, in declaration order. */
  public get clusters(): MeshCluster[] {
    return [...this.members];
  }

  /** @internal */
  public _addCluster(cluster: MeshCluster): void {
    this.members.push(cluster);
  }
}
