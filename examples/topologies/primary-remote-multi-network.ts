/**
 * Istio guide "Install Primary-Remote on different networks" (1.30): cluster1 (primary, network1) serves
 * cluster2 (remote, network2) through istiod exposed on its east-west gateway; each network has a gateway.
 * The remote secret of cluster2 is read from Vault by External Secrets Operator instead of istioctl.
 */
import { ClusterRole, EastWestGateway, MeshApp, Mesh, MeshTopology, RemoteSecret, RootCa, SecretStoreKind } from 'cdk8s-mesh';

/** Builds the example into `app`. */
export function build(app: MeshApp = new MeshApp()): MeshApp {
  const store = { storeName: 'vault', storeKind: SecretStoreKind.CLUSTER_SECRET_STORE };
  const mesh = new Mesh(app, 'mesh1', {
    meshId: 'mesh1',
    topology: MeshTopology.PRIMARY_REMOTE_MULTI_NETWORK,
    networks: [{ name: 'network1' }, { name: 'network2' }],
    clusters: [
      { name: 'cluster1', network: 'network1' },
      { name: 'cluster2', network: 'network2', role: ClusterRole.REMOTE },
    ],
    controlPlane: {
      rootCa: RootCa.fromExternalSecret({ ...store, key: 'istio/mesh1/cacerts' }),
      remoteSecrets: [RemoteSecret.fromExternalSecret('cluster2', { ...store, key: 'istio/mesh1/kubeconfigs' })],
    },
  });
  new EastWestGateway(mesh, 'eastwest-network1', { network: 'network1', exposeIstiod: true });
  new EastWestGateway(mesh, 'eastwest-network2', { network: 'network2' });
  mesh.addNamespace('sample');
  return app;
}

if (require.main === module) {
  build().synth();
}
