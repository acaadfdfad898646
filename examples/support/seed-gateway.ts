/**
 * A stand-in for the gateways team's listener construct, used by the examples until their
 * IngressGateway lands on main: it names an Istio `Gateway` and the hosts its listeners accept.
 * It emits nothing. Replace it with the real gateway listener (`addGateways`) at merge.
 */
import { Construct } from 'constructs';
import { IGatewayBinding, MeshCluster } from '../../src';

/** A Gateway resource `namespace/name` listening for `hosts` in `clusters`. */
export class SeedGateway extends Construct implements IGatewayBinding {
  public readonly gatewayReference: string;

  constructor(
    scope: Construct, id: string, reference: string,
    public readonly gatewayResourceClusters: MeshCluster[], private readonly hosts: string[],
  ) {
    super(scope, id);
    this.gatewayReference = reference;
  }

  public listenerHostsIn(cluster: MeshCluster): string[] {
    return this.gatewayResourceClusters.includes(cluster) ? [...this.hosts] : [];
  }
}
