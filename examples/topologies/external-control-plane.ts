/**
 * An external control plane (Istio guide "Install Istio with an External Control Plane", as DaoCloud DCE
 * runs its "hosted mesh"): the external istiod runs in `hosted-mesh-control` behind its own ingress gateway,
 * reads the mesh's Istio config from the config cluster `hosted-mesh-hosted`, and serves two remote clusters.
 * The config cluster is reached at the gateway's load-balancer IP (the guide's IP-address variant).
 *
 * Analysis: this example synthesizes without warnings. The guide's hostname variant (`externalIstiod: { address:
 * 'istiod.example.com' }`) warns twice, MESH-ANA-023 (IST0129) for ports 15012 and 443 of `external-istiod-dr`, and
 * that is deliberate: there the control-plane gateway terminates the remote proxies' TLS with the hostname's
 * certificate and re-originates TLS to istiod inside the external cluster, as the guide's DestinationRule does, without
 * `caCertificates`. istiod's serving certificate is signed by the external istiod's CA, which the gateway (run by the
 * external cluster's own istio-system control plane) does not hold, so that hop is encrypted but not verified;
 * `istioctl analyze` reports the guide's DestinationRule the same way. The IP-address variant has no such hop: the
 * gateway passes TLS through to istiod.
 */
import { ClusterRole, MeshApp, Mesh, MeshTopology, RootCa, SecretStoreKind } from 'cdk8s-mesh';

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
