/**
 * The DaoCloud (DCE) multi-cloud plan: three clusters on three networks in one mesh.
 *
 * Seed: 002 (DaoCloud mesh docs), "multi-cloud interconnection" — clusters mdemo-cluster1..3 on
 * networks network-c1..3, localities region1/zone1..3/subzone1..3, mesh ID mdemo-mesh,
 * with the `sample` namespace enrolled in every cluster.
 *
 * Three networks need an east-west gateway per network (upstream Istio multi-network guides): one
 * `EastWestGateway` per network, each exposing `*.local` on 15443 with AUTO_PASSTHROUGH.
 */
import { MeshApp, Mesh, IstioVersion, EastWestGateway } from '../src';

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
  return app;
}

if (require.main === module) {
  build().synth();
}
