/**
 * The DaoCloud (DCE) multi-cloud plan: three clusters on three networks in one mesh.
 *
 * Seed: 002 (DaoCloud mesh docs), "multi-cloud interconnection" — clusters mdemo-cluster1..3 on
 * networks network-c1..3, localities region1/zone1..3/subzone1..3, mesh ID mdemo-mesh,
 * with the `sample` namespace enrolled in every cluster.
 *
 * Three networks need an east-west gateway per network (upstream Istio multi-network guides): one
 * `EastWestGateway` per network, each exposing `*.local` on 15443 with AUTO_PASSTHROUGH.
 *
 * Traffic patterns (`addTrafficPatterns`): the DaoCloud cross-cluster canary of helloworld (v1 in cluster 1,
 * v2 in cluster 2, 80/20) and zone failover for httpbin.
 */
import {
  CanaryRelease, EastWestGateway, IstioVersion, LocalityAwareFailover, LocalityLabel, Mesh, MeshApp, MeshService, Protocol,
} from '../src';

/** Builds the example into `app`. */
export function build(app: MeshApp = new MeshApp()): MeshApp {
  const clusters = [1, 2, 3];
  const mesh = new Mesh(app, 'mdemo', {
    meshId: 'mdemo-mesh',
    istioVersion: IstioVersion.V1_30,
    networks: clusters.map(i => ({ name: `network-c${i}` })),
    clusters: clusters.map(i => ({
      name: `mdemo-cluster${i}`,
      network: `network-c${i}`,
      region: 'region1',
      zones: [`zone${i}/subzone${i}`],
    })),
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
    namespace: 'sample',
    ports: [{ port: 5000, protocol: Protocol.HTTP }],
    versions: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }],
  });
  new CanaryRelease(mesh, 'helloworld-canary', {
    service: helloworld,
    stableVersion: 'v1',
    canaryVersion: 'v2',
    steps: [20, 100],
    stableClusters: ['mdemo-cluster1'],
    canaryClusters: ['mdemo-cluster2'],
  });
  const httpbin = new MeshService(mesh, 'httpbin', { name: 'httpbin', namespace: 'sample', ports: [{ port: 8000, protocol: Protocol.HTTP }] });
  new LocalityAwareFailover(mesh, 'zone-failover', {
    services: [httpbin],
    failoverPriority: [LocalityLabel.NETWORK, LocalityLabel.ZONE, LocalityLabel.SUBZONE],
  });
}

if (require.main === module) {
  build().synth();
}
