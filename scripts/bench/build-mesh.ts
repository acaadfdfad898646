/**
 * The synthetic mesh the benchmark synthesizes, built only from the library's public constructs:
 * every service has two versions, a TrafficRoute (header match, 90/10 split, retries, timeout),
 * destination policy with outlier detection and locality failover, and an authorization policy;
 * every namespace has a PeerAuth; every cluster has an ingress and an east-west gateway.
 */
import { Duration } from 'cdk8s';
import { BenchSize } from './sizes';
import {
  AuthorizationAction, AuthorizationPolicy, EastWestGateway, Identity, IngressGateway, Mesh, MeshApp, MeshService, MeshTopology,
  MtlsMode, PeerAuth, Protocol, RetryOn, RootCa, StringMatch, TrafficRoute,
} from '../../src';

export function buildMesh(app: MeshApp, size: BenchSize): Mesh {
  const region = (i: number) => `region-${(i % size.regions) + 1}`;
  const clusters = Array.from({ length: size.clusters }, (_, i) => ({
    name: `cluster-${i + 1}`,
    network: `net-${(i % size.networks) + 1}`,
    region: region(i),
    zones: [`zone-${(i % 2) + 1}`],
  }));
  const mesh = new Mesh(app, 'bench', {
    meshId: 'bench-mesh',
    topology: size.networks > 1 ? MeshTopology.MULTI_PRIMARY_MULTI_NETWORK : MeshTopology.MULTI_PRIMARY,
    controlPlane: { rootCa: RootCa.acknowledgeUnshared() },
    networks: Array.from({ length: size.networks }, (_, i) => ({ name: `net-${i + 1}` })),
    clusters,
  });
  new IngressGateway(mesh, 'ingress');
  new EastWestGateway(mesh, 'eastwest');

  const failover = size.regions > 1
    ? Array.from({ length: size.regions }, (_, i) => ({ fromRegion: `region-${i + 1}`, toRegion: `region-${((i + 1) % size.regions) + 1}` }))
    : undefined;
  const namespaces = Math.ceil(size.services / size.servicesPerNamespace);
  for (let n = 0; n < namespaces; n++) {
    mesh.addNamespace(`team-${n + 1}`);
    PeerAuth.namespaceWide(mesh, `team-${n + 1}-mtls`, `team-${n + 1}`, MtlsMode.STRICT);
  }
  let previous: MeshService | undefined;
  for (let s = 0; s < size.services; s++) {
    const namespace = `team-${Math.floor(s / size.servicesPerNamespace) + 1}`;
    const service = new MeshService(mesh, `svc-${s}`, {
      name: `svc-${s}`,
      namespaceName: namespace,
      ports: [{ port: 8080, protocol: Protocol.HTTP }],
      versions: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }],
    });
    new TrafficRoute(mesh, `svc-${s}-route`, {
      service,
      http: [
        { match: [{ headers: { 'x-canary': StringMatch.exact('true') } }], destinations: [{ version: 'v2' }] },
        {
          destinations: [{ version: 'v1', weight: 90 }, { version: 'v2', weight: 10 }],
          timeout: Duration.seconds(10),
          retries: { attempts: 3, perTryTimeout: Duration.seconds(2), retryOn: [RetryOn.FIVE_XX] },
        },
      ],
      policy: {
        outlierDetection: { consecutive5xxErrors: 5, interval: Duration.seconds(10), baseEjectionTime: Duration.seconds(30) },
        locality: failover ? { failover } : undefined,
      },
    });
    new AuthorizationPolicy(mesh, `svc-${s}-authz`, {
      workload: service,
      action: AuthorizationAction.ALLOW,
      rules: [{ sources: [{ identities: [Identity.ofService(previous ?? service)] }] }],
    });
    previous = service;
  }
  return mesh;
}
