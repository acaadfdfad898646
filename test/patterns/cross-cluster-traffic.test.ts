import { expectRule } from './rule-case';
import { CrossClusterMode, CrossClusterTraffic, ExportTo, Mesh, MeshApp, MeshService, Protocol, Sidecar } from '../../src';
import { synth, synthError, testApp } from '../util';

function world(): { app: MeshApp; mesh: Mesh; hello: MeshService } {
  const app = testApp();
  const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'c1' }, { name: 'c2' }, { name: 'c3' }] });
  const hello = new MeshService(mesh, 'hello', { name: 'helloworld', namespaceName: 'sample', ports: [{ port: 5000, protocol: Protocol.HTTP }] });
  return { app, mesh, hello };
}

describe('CrossClusterTraffic (DaoCloud same-name services)', () => {
  test('one subset per cluster on topology.istio.io/cluster, ISTIO_MUTUAL', () => {
    const w = world();
    new CrossClusterTraffic(w.mesh, 'x', { service: w.hello, mode: CrossClusterMode.KEEP_LOCAL });
    const dr = synth(w.app).find('c1', 'DestinationRule', 'helloworld', 'sample');
    expect(dr.spec.subsets.map((s: any) => [s.name, s.labels])).toEqual([
      ['c1', { 'topology.istio.io/cluster': 'c1' }], ['c2', { 'topology.istio.io/cluster': 'c2' }], ['c3', { 'topology.istio.io/cluster': 'c3' }],
    ]);
    expect(dr.spec.trafficPolicy.tls).toEqual({ mode: 'ISTIO_MUTUAL' });
  });

  test('keep local: callers in each cluster reach only that cluster\'s subset', () => {
    const w = world();
    new CrossClusterTraffic(w.mesh, 'x', { service: w.hello, mode: CrossClusterMode.KEEP_LOCAL });
    const vs = synth(w.app).find('c2', 'VirtualService', 'helloworld', 'sample');
    const local = vs.spec.http.filter((r: any) => r.match);
    expect(local.map((r: any) => [r.match[0].sourceLabels['topology.istio.io/cluster'], r.route[0].destination.subset])).toEqual([
      ['c1', 'c1'], ['c2', 'c2'], ['c3', 'c3'],
    ]);
  });

  test('hidden from other clusters: callers where it does not run get 404', () => {
    const w = world();
    const local = new MeshService(w.mesh, 'local', { name: 'ledger', namespaceName: 'sample', clusters: ['c1'], ports: [{ port: 80, protocol: Protocol.HTTP }] });
    new CrossClusterTraffic(w.mesh, 'x', { service: local, mode: CrossClusterMode.HIDE_FROM_OTHER_CLUSTERS });
    const vs = synth(w.app).find('c2', 'VirtualService', 'ledger', 'sample');
    expect(vs.spec.http).toEqual([
      { name: 'local-c1', match: [{ sourceLabels: { 'topology.istio.io/cluster': 'c1' } }], route: [{ destination: { host: 'ledger.sample.svc.cluster.local', subset: 'c1' } }] },
      { name: 'other-clusters', directResponse: { status: 404 } },
    ]);
  });

  test('keep local for a TCP-only service uses TCP routes by source cluster', () => {
    const w = world();
    const db = new MeshService(w.mesh, 'db', { name: 'db', namespaceName: 'sample', ports: [{ port: 5432, protocol: Protocol.TCP }] });
    new CrossClusterTraffic(w.mesh, 'x', { service: db, mode: CrossClusterMode.KEEP_LOCAL });
    const vs = synth(w.app).find('c1', 'VirtualService', 'db', 'sample');
    expect(vs.spec.http).toBeUndefined();
    expect(vs.spec.tcp.map((r: any) => [r.match?.[0]?.sourceLabels?.['topology.istio.io/cluster'], r.route[0].destination.subset ?? '*'])).toEqual([
      ['c1', 'c1'], ['c2', 'c2'], ['c3', 'c3'], [undefined, '*'],
    ]);
  });

  test('keep local with failover: failoverPriority by cluster plus outlier detection, no VirtualService', () => {
    const w = world();
    new CrossClusterTraffic(w.mesh, 'x', { service: w.hello, mode: CrossClusterMode.KEEP_LOCAL_WITH_FAILOVER });
    const out = synth(w.app);
    const policy = out.find('c1', 'DestinationRule', 'helloworld', 'sample').spec.trafficPolicy;
    expect(policy.loadBalancer.localityLbSetting).toEqual({ enabled: true, failoverPriority: ['topology.istio.io/cluster'] });
    expect(policy.outlierDetection.consecutive5xxErrors).toBe(5);
    expect(out.ofKind('c1', 'VirtualService')).toEqual([]);
  });

  test('split by cluster: 80/20 between the clusters\' subsets', () => {
    const w = world();
    new CrossClusterTraffic(w.mesh, 'x', { service: w.hello, mode: CrossClusterMode.SPLIT_BY_CLUSTER, clusterWeights: { c1: 80, c2: 20 } });
    const vs = synth(w.app).find('c3', 'VirtualService', 'helloworld', 'sample');
    expect(vs.spec.http[0].route.map((d: any) => [d.destination.subset, d.weight])).toEqual([['c1', 80], ['c2', 20]]);
  });

  test('scoped sidecars: the Sidecar egress + exportTo recipe keeps a namespace\'s config small', () => {
    const w = world();
    new CrossClusterTraffic(w.mesh, 'x', { service: w.hello, mode: CrossClusterMode.KEEP_LOCAL, exportTo: ExportTo.namespaces('sample', 'frontend') });
    new Sidecar(w.mesh, 'scope', { namespaceName: 'frontend', egressNamespaces: ['sample'] });
    const out = synth(w.app);
    expect(out.find('c1', 'VirtualService', 'helloworld', 'sample').spec.exportTo).toEqual(['frontend', 'sample']);
    expect(out.ofKind('c1', 'Sidecar')[0].spec.egress[0].hosts).toContain('sample/*');
  });

  describe('rules', () => {
    test('MESH-PAT-004: a weight for a cluster the service does not run in', () => {
      const w = world();
      new CrossClusterTraffic(w.mesh, 'x', { service: w.hello, mode: CrossClusterMode.SPLIT_BY_CLUSTER, clusterWeights: { c1: 80, c9: 20 } });
      expectRule(w.app, 'MESH-PAT-004', 'mesh/x/clusterWeights', '"c9"');
    });

    test('weights not summing to 100 are MESH-ROUTE-003 of the generated route', () => {
      const w = world();
      new CrossClusterTraffic(w.mesh, 'x', { service: w.hello, mode: CrossClusterMode.SPLIT_BY_CLUSTER, clusterWeights: { c1: 80, c2: 30 } });
      expect(synthError(w.app)).toContain('MESH-ROUTE-003 [error] at mesh/x/sample-helloworld/http[0]/destinations');
    });
  });
});
