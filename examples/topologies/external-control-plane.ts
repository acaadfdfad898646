/**
 * An external control plane (Istio guide "Install Istio with an External Control Plane", as DaoCloud DCE
 * runs its "hosted mesh"): the external istiod runs in `hosted-mesh-control` behind its own ingress gateway,
 * reads the mesh's Istio config from the config cluster `hosted-mesh-hosted`, and serves two remote clusters.
 * The config cluster is reached at the gateway's load-balancer IP (the guide's IP-address variant).
 */
import { ClusterRole, MeshApp, Mesh, MeshTopology, RootCa, SecretStoreKind } from '../../src';

/** Builds the example into `app`. */
export function build(app: MeshApp = new MeshApp()): MeshApp {
  const mesh = new Mesh(app, 'hosted', {
    meshId: 'hosted-mesh',
    topology: MeshTopology.EXTERNAL_CONTROL_PLANE,
    // the guide's Istio namespace: the external cluster's istio-system runs the gateway's own istiod
    rootNamespace: 'external-istiod',
    clusters: [
      { name: 'hosted-mesh-control', role: ClusterRole.EXTERNAL },
      { name: 'hosted-mesh-hosted', role: ClusterRole.CONFIG },
      { name: 'worker1', role: ClusterRole.REMOTE },
      { name: 'worker2', role: ClusterRole.REMOTE },
    ],
    controlPlane: {
      // the external istiod is the mesh's CA: its root goes to the external cluster only
      rootCa: RootCa.fromExternalSecret({ storeName: 'vault', storeKind: SecretStoreKind.CLUSTER_SECRET_STORE, key: 'istio/hosted-mesh/cacerts' }),
      externalIstiod: { address: '10.64.30.72' },
    },
  });
  mesh.addNamespace('sample');
  return app;
}

if (require.main === module) {
  build().synth();
}
