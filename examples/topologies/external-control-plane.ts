/**
 * An external control plane (DaoCloud DCE "hosted mesh"): a config cluster holds the mesh's Istio config
 * for a control plane that runs outside the workload clusters; two remote clusters on one network
 * reach it at its load-balancer address.
 */
import { ClusterRole, MeshApp, Mesh, MeshTopology, RootCa, SecretStoreKind } from '../../src';

/** Builds the example into `app`. */
export function build(app: MeshApp = new MeshApp()): MeshApp {
  const mesh = new Mesh(app, 'hosted', {
    meshId: 'hosted-mesh',
    topology: MeshTopology.EXTERNAL_CONTROL_PLANE,
    clusters: [
      { name: 'hosted-mesh-hosted', role: ClusterRole.CONFIG },
      { name: 'worker1', role: ClusterRole.REMOTE },
      { name: 'worker2', role: ClusterRole.REMOTE },
    ],
    controlPlane: {
      rootCa: RootCa.fromExternalSecret({ storeName: 'vault', storeKind: SecretStoreKind.CLUSTER_SECRET_STORE, key: 'istio/hosted-mesh/cacerts' }),
      discoveryAddresses: { 'hosted-mesh-hosted': '10.64.30.72' },
    },
  });
  mesh.addNamespace('sample');
  return app;
}

if (require.main === module) {
  build().synth();
}
