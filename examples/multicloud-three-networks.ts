/**
 * The DaoCloud (DCE) multi-cloud plan: three clusters on three networks in one hosted mesh.
 *
 * Seed: 002 (DaoCloud mesh docs), "multi-cloud interconnection" — clusters mdemo-cluster1..3 on
 * networks network-c1..3, localities region1/zone1..3/subzone1..3, mesh ID mdemo-mesh,
 * with the `sample` namespace enrolled in every cluster.
 *
 * End to end, as the seed's steps do it:
 * - hosted mesh = external control plane: the Istio config lives in the hosted virtual cluster
 *   `mdemo-mesh-hosted`; workers reach hosted istiod at `istiod-mdemo-mesh-hosted-lb` (10.64.30.72,
 *   `global.remotePilotAddress`, seed F6);
 * - every worker's istio-system carries its network label (F8) and `global.network` (F7);
 * - one east-west gateway per network exposing `*.local` on 15443 AUTO_PASSTHROUGH (F9, F10);
 * - static gateway addresses in `global.meshNetworks`, address and port per network (F11);
 * - a shared root CA per cluster from Vault; remote secrets for the hosted control plane created with istioctl.
 *
 * Three networks need an east-west gateway per network (upstream Istio multi-network guides): one
 * `EastWestGateway` per network, each exposing `*.local` on 15443 with AUTO_PASSTHROUGH.
 *
 * Traffic patterns (`addTrafficPatterns`): the DaoCloud cross-cluster canary of helloworld (v1 in cluster 1,
 * v2 in cluster 2, 80/20) and zone failover for httpbin.
 */
import {
  CanaryRelease, CanaryStep, ClusterRole, EastWestGateway, IstioVersion, LocalityAwareFailover, LocalityLabel, MeshApp, Mesh, MeshService,
  MeshTopology, Protocol, RootCa, SecretStoreKind,
} from 'cdk8s-mesh';

/** East-west gateway load-balancer IPs from the seed's planning form. */
const EAST_WEST_IPS: Record<string, string> = { 'network-c1': '10.64.30.73', 'network-c2': '10.6.136.29', 'network-c3': '10.64.30.77' };

/** Builds the example into `app`. */
export function build(app: MeshApp = new MeshApp()): MeshApp {
  const clusters = [1, 2, 3];
  const mesh = new Mesh(app, 'mdemo', {
    meshId: 'mdemo-mesh',
    istioVersion: IstioVersion.V1_30,
    topology: MeshTopology.EXTERNAL_CONTROL_PLANE,
    networks: clusters.map(i => ({ name: `network-c${i}` })),
    clusters: [
      { name: 'mdemo-mesh-hosted', role: ClusterRole.CONFIG },
      ...clusters.map(i => ({
        name: `mdemo-cluster${i}`,
        network: `network-c${i}`,
        role: ClusterRole.REMOTE,
        region: 'region1',
        zones: [`zone${i}/subzone${i}`],
      })),
    ],
    controlPlane: {
      rootCa: RootCa.fromExternalSecret({ storeName: 'vault', storeKind: SecretStoreKind.CLUSTER_SECRET_STORE, key: 'istio/mdemo-mesh/cacerts' }),
      discoveryAddresses: { 'mdemo-mesh-hosted': '10.64.30.72' },
      meshNetworks: Object.entries(EAST_WEST_IPS).map(([network, address]) => ({ network, address, port: 15443 })),
    },
  });
  mesh.addNamespace('sample');
  for (const network of mesh.networks) {
    new EastWestGateway(mesh, `eastwest-${network.name}`, { network: network.name });
  }
  addTrafficPatterns(mesh);
  return app;
}

/**
 * Multi-cluster canary: helloworld is one Service (same name and ports) in every cluster; v1 runs in cluster 1,
 * v2 in cluster 2; the split is 80/20, then 100% v2, over ISTIO_MUTUAL through the east-west gateways.
 * Zone failover: httpbin prefers its own network, then its zone, then any zone of region1.
 */
export function addTrafficPatterns(mesh: Mesh): void {
  const helloworld = new MeshService(mesh, 'helloworld', {
    name: 'helloworld',
    namespaceName: 'sample',
    ports: [{ port: 5000, protocol: Protocol.HTTP }],
    versions: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }],
  });
  new CanaryRelease(mesh, 'helloworld-canary', {
    service: helloworld,
    stableVersion: 'v1',
    canaryVersion: 'v2',
    steps: [20, 100],
    // a pipeline moves the release with CDK8S_MESH_CANARY_STEP_HELLOWORLD_CANARY (a step index or `rollback`)
    currentStep: CanaryStep.fromEnvironment('helloworld-canary'),
    stableClusters: ['mdemo-cluster1'],
    canaryClusters: ['mdemo-cluster2'],
  });
  const httpbin = new MeshService(mesh, 'httpbin', { name: 'httpbin', namespaceName: 'sample', ports: [{ port: 8000, protocol: Protocol.HTTP }] });
  new LocalityAwareFailover(mesh, 'zone-failover', {
    services: [httpbin],
    failoverPriority: [LocalityLabel.NETWORK, LocalityLabel.ZONE, LocalityLabel.SUBZONE],
  });
}

if (require.main === module) {
  build().synth();
}
