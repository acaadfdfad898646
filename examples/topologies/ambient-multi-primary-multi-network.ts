/**
 * Istio guide "Install ambient multi-primary on different networks" (ambient multicluster, alpha, Istio 1.30:
 * istio.io content/en/docs/ambient/install/multicluster/multi-primary_multi-network, with its "verify" page):
 * cluster1 on network1 and cluster2 on network2, both primary, installed with the `ambient` profile (istiod,
 * istio-cni, ztunnel) and `AMBIENT_ENABLE_MULTI_NETWORK`/`AMBIENT_ENABLE_BAGGAGE`, an ambient east-west gateway per
 * network (Gateway API class `istio-east-west`, HBONE on 15008), a shared root CA, and the verify page's `sample`
 * namespace in ambient mode with the `helloworld` Service labelled `istio.io/global` in both clusters.
 *
 * The guide applies no PeerAuthentication, so this example sets `mtls: MtlsMode.UNSET` (ambient traffic is mTLS by
 * HBONE anyway). The guide's IstioOperator spells its apiVersion `insall.istio.io/v1alpha1`; the library writes the
 * correct `install.istio.io/v1alpha1`.
 */
import {
  AmbientEastWestGateway, DataplaneMode, MeshApp, Mesh, MeshService, MeshTopology, MtlsMode, Protocol, RootCa, SecretStoreKind,
} from 'cdk8s-mesh';

/** Builds the example into `app`. */
export function build(app: MeshApp = new MeshApp()): MeshApp {
  const mesh = new Mesh(app, 'mesh1', {
    meshId: 'mesh1',
    topology: MeshTopology.MULTI_PRIMARY_MULTI_NETWORK,
    dataplaneMode: DataplaneMode.AMBIENT,
    mtls: MtlsMode.UNSET,
    networks: [{ name: 'network1' }, { name: 'network2' }],
    clusters: [{ name: 'cluster1', network: 'network1' }, { name: 'cluster2', network: 'network2' }],
    controlPlane: {
      rootCa: RootCa.fromExternalSecret({ storeName: 'vault', storeKind: SecretStoreKind.CLUSTER_SECRET_STORE, key: 'istio/mesh1/cacerts' }),
    },
  });
  // gen-eastwest-gateway.sh --network <net> --ambient: one construct, placed in every cluster, each serving its own network
  new AmbientEastWestGateway(mesh, 'eastwest');
  // verify page: the sample namespace in ambient mode, helloworld global in both clusters
  mesh.addNamespace('sample');
  new MeshService(mesh, 'helloworld', {
    name: 'helloworld',
    namespaceName: 'sample',
    ports: [{ port: 5000, name: 'http', protocol: Protocol.HTTP }],
    labels: { app: 'helloworld', service: 'helloworld' },
    globalScope: true,
  });
  return app;
}

if (require.main === module) {
  build().synth();
}
