/**
 * Istio guide "Install Primary-Remote" (1.30): cluster1 is the primary on network1 and serves cluster2,
 * a remote on the same network, through istiod exposed on cluster1's east-west gateway.
 */
import { ClusterRole, EastWestGateway, MeshApp, Mesh, MeshTopology, RootCa, SecretStoreKind } from 'cdk8s-mesh';

/** Builds the example into `app`. */
export function build(app: MeshApp = new MeshApp()): MeshApp {
  const mesh = new Mesh(app, 'mesh1', {
    meshId: 'mesh1',
    topology: MeshTopology.PRIMARY_REMOTE,
    networks: [{ name: 'network1' }],
    clusters: [
      { name: 'cluster1', network: 'network1' },
      { name: 'cluster2', network: 'network1', role: ClusterRole.REMOTE },
    ],
    controlPlane: {
      rootCa: RootCa.fromExternalSecret({ storeName: 'vault', storeKind: SecretStoreKind.CLUSTER_SECRET_STORE, key: 'istio/mesh1/cacerts' }),
    },
  });
  new EastWestGateway(mesh, 'eastwest', { clusters: ['cluster1'], exposeIstiod: true, crossNetwork: false });
  mesh.addNamespace('sample');
  return app;
}

if (require.main === module) {
  build().synth();
}
