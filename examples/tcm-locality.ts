/**
 * The TCM locality scenario (seed 001 §1.3 S10): the six-service shop runs in Guangzhou zone A (primary) and
 * zone B (remote). Locality-aware load balancing only takes effect once every service's DestinationRule has
 * outlier detection (TCM FAQ F12); the seed adds it by hand to all six hosts with the deprecated
 * `consecutiveErrors` (D8). Here one LocalityAwareFailover covers the whole mesh: calls stay in their zone and
 * move to the other zone when a zone's endpoints are ejected.
 *
 * Locality comes from the nodes' `topology.kubernetes.io/region` / `zone` labels (D10), declared on the clusters.
 */
import { Duration } from 'cdk8s';
import { SHOP_NAMESPACE, addServices } from './tcm-quickstart';
import { ClusterRole, LocalityAwareFailover, LocalityLabel, Mesh, MeshApp } from 'cdk8s-mesh';

/** Builds the example into `app`. */
export function build(app: MeshApp = new MeshApp()): MeshApp {
  const mesh = new Mesh(app, 'tcm', {
    meshId: 'tcm-locality',
    revision: '1-10-3',
    clusters: [
      { name: 'gz-zone-a', role: ClusterRole.PRIMARY, region: 'ap-guangzhou', zones: ['ap-guangzhou-3'] },
      { name: 'gz-zone-b', role: ClusterRole.REMOTE, region: 'ap-guangzhou', zones: ['ap-guangzhou-4'] },
    ],
  });
  mesh.addNamespace(SHOP_NAMESPACE);
  addServices(mesh);
  addLocality(mesh);
  return app;
}

/**
 * Mesh-wide: same zone first, then the other zone of the region; the seed's outlier detection values
 * (5 consecutive 5xx, 10s interval, 30s ejection, 10% max ejection, 50% min health).
 */
export function addLocality(mesh: Mesh): LocalityAwareFailover {
  return new LocalityAwareFailover(mesh, 'zone-failover', {
    failoverPriority: [LocalityLabel.REGION, LocalityLabel.ZONE],
    outlierDetection: {
      consecutive5xxErrors: 5,
      interval: Duration.seconds(10),
      baseEjectionTime: Duration.seconds(30),
      maxEjectionPercent: 10,
      minHealthPercent: 50,
    },
  });
}

if (require.main === module) {
  build().synth();
}
