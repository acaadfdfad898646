/**
 * Istio guide "Install Multi-Primary on different networks" (1.30): cluster1 on network1 and cluster2 on
 * network2, both primary, an east-west gateway per network exposing `*.local` on 15443, and a shared root CA.
 */
import { EastWestGateway, MeshApp, Mesh, MeshTopology, RootCa, SecretStoreKind } from 'cdk8s-mesh';

/** Builds the example into `app`. */
export function build(app: MeshApp = new MeshApp()): MeshApp {
  const mesh = new Mesh(app, 'mesh1', {
    meshId: 'mesh1',
    topology: MeshTopology.MULTI_PRIMARY_MULTI_NETWORK,
    networks: [{ name: 'network1' }, { name: 'network2' }],
    clusters: [{ name: 'cluster1', network: 'network1' }, { name: 'cluster2', network: 'network2' }],
    controlPlane: {
      rootCa: RootCa.fromExternalSecret({ storeName: 'vault', storeKind: SecretStoreKind.CLUSTER_SECRET_STORE, key: 'istio/mesh1/cacerts' }),
    },
  });
  // one gateway construct, placed in every cluster, each serving its own network
  new EastWestGateway(mesh, 'eastwest');
  mesh.addNamespace('sample');
  return app;
}

if (require.main === module) {
  build().synth();
}
