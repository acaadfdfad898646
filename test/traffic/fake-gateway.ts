import { Construct } from 'constructs';
import { IGatewayBinding, MeshCluster } from '../../src';

/** A test-only gateway binding: a Gateway `namespace/name` listening for fixed hosts in some clusters. */
export class FakeGateway extends Construct implements IGatewayBinding {
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
