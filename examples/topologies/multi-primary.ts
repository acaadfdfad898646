/**
 * Istio guide "Install Multi-Primary" (1.30): cluster1 and cluster2, both primary, both on network1,
 * mesh ID mesh1, a shared root CA, and remote secrets created with istioctl (see each cluster's RUNBOOK.md).
 */
import { MeshApp, Mesh, MeshTopology, RootCa, SecretStoreKind } from 'cdk8s-mesh';

/** Builds the example into `app`. */
export function build(app: MeshApp = new MeshApp()): MeshApp {
  const mesh = new Mesh(app, 'mesh1', {
    meshId: 'mesh1',
    topology: MeshTopology.MULTI_PRIMARY,
    networks: [{ name: 'network1' }],
    clusters: [{ name: 'cluster1', network: 'network1' }, { name: 'cluster2', network: 'network1' }],
    controlPlane: {
      // the plug-in CA per cluster, read from Vault by External Secrets Operator
      rootCa: RootCa.fromExternalSecret({ storeName: 'vault', storeKind: SecretStoreKind.CLUSTER_SECRET_STORE, key: 'istio/mesh1/cacerts' }),
    },
  });
  mesh.addNamespace('sample');
  return app;
}

if (require.main === module) {
  build().synth();
}
