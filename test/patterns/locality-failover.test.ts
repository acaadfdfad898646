import { Duration } from 'cdk8s';
import { expectRule } from './rule-case';
import { LocalityAwareFailover, LocalityLabel, Mesh, MeshApp, MeshService, Protocol, TrafficRoute } from '../../src';
import { synth, synthError, testApp } from '../util';

const THREE_REGIONS = [
  { name: 'eu', region: 'eu-west', zones: ['eu-west-1a', 'eu-west-1b'] },
  { name: 'us', region: 'us-east', zones: ['us-east-1a'] },
  { name: 'ap', region: 'ap-south', zones: ['ap-south-1a'] },
];

function world(clusters: any[] = THREE_REGIONS): { app: MeshApp; mesh: Mesh; web: MeshService; api: MeshService } {
  const app = testApp();
  const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters });
  const svc = (name: string) => new MeshService(mesh, name, { name, namespaceName: 'shop', ports: [{ port: 80, protocol: Protocol.HTTP }] });
  return { app, mesh, web: svc('web'), api: svc('api') };
}

const lb = (out: any, cluster: string, name: string) => out.find(cluster, 'DestinationRule', name, 'shop').spec.trafficPolicy;

describe('LocalityAwareFailover', () => {
  test('mesh-wide: every service fails over region by region in cluster order, with outlier detection', () => {
    const w = world();
    new LocalityAwareFailover(w.mesh, 'failover');
    const out = synth(w.app);
    for (const cluster of ['eu', 'us', 'ap']) {
      for (const name of ['web', 'api']) {
        const policy = lb(out, cluster, name);
        expect(policy.loadBalancer.localityLbSetting).toEqual({
          enabled: true,
          failover: [{ from: 'eu-west', to: 'us-east' }, { from: 'us-east', to: 'ap-south' }, { from: 'ap-south', to: 'eu-west' }],
        });
        expect(policy.outlierDetection).toEqual({ consecutive5xxErrors: 5, interval: '10s', baseEjectionTime: '30s', maxEjectionPercent: 100 });
      }
    }
  });

  test('regionOrder gives the chain; failoverPriority ranks by labels; distribute spreads by weight', () => {
    const a = world();
    new LocalityAwareFailover(a.mesh, 'f', { services: [a.web], regionOrder: ['us-east', 'eu-west'] });
    expect(lb(synth(a.app), 'eu', 'web').loadBalancer.localityLbSetting.failover).toEqual([
      { from: 'us-east', to: 'eu-west' }, { from: 'eu-west', to: 'us-east' },
    ]);

    const b = world();
    new LocalityAwareFailover(b.mesh, 'f', { services: [b.web], failoverPriority: [LocalityLabel.NETWORK, LocalityLabel.REGION, LocalityLabel.ZONE] });
    expect(lb(synth(b.app), 'eu', 'web').loadBalancer.localityLbSetting).toEqual({
      enabled: true, failoverPriority: ['topology.istio.io/network', 'topology.kubernetes.io/region', 'topology.kubernetes.io/zone'],
    });

    const c = world();
    new LocalityAwareFailover(c.mesh, 'f', {
      services: [c.web],
      distribute: [{ fromLocality: 'eu-west/eu-west-1a/*', toLocalities: { 'eu-west/eu-west-1a/*': 80, 'eu-west/eu-west-1b/*': 20 } }],
      outlierDetection: { consecutive5xxErrors: 3, interval: Duration.seconds(5) },
    });
    const policy = lb(synth(c.app), 'eu', 'web');
    expect(policy.loadBalancer.localityLbSetting.distribute).toEqual([
      { from: 'eu-west/eu-west-1a/*', to: { 'eu-west/eu-west-1a/*': 80, 'eu-west/eu-west-1b/*': 20 } },
    ]);
    expect(policy.outlierDetection).toEqual({ consecutive5xxErrors: 3, interval: '5s' });
  });

  describe('rules', () => {
    test('MESH-PAT-006: a failover region no cluster is in', () => {
      const w = world();
      new LocalityAwareFailover(w.mesh, 'f', { services: [w.web], regionOrder: ['eu-west', 'us-west'] });
      expectRule(w.app, 'MESH-PAT-006', 'mesh/f/locality', '"us-west"');
    });

    test('MESH-PAT-006: a distribute zone no cluster is in', () => {
      const w = world();
      new LocalityAwareFailover(w.mesh, 'f', { services: [w.web], distribute: [{ fromLocality: 'eu-west/*', toLocalities: { 'eu-west/eu-west-1c': 100 } }] });
      expectRule(w.app, 'MESH-PAT-006', 'mesh/f/locality', '"eu-west/eu-west-1c"');
    });

    test('MESH-PAT-007: derived region failover with a single region', () => {
      const w = world([{ name: 'a', region: 'r1', zones: ['z1'] }, { name: 'b', region: 'r1', zones: ['z2'] }]);
      new LocalityAwareFailover(w.mesh, 'f', { services: [w.web] });
      expectRule(w.app, 'MESH-PAT-007', 'mesh/f', '["r1"]');
    });

    test('one service in two locality patterns (two modes) is MESH-ROUTE-017 of the generated routes', () => {
      const w = world();
      new LocalityAwareFailover(w.mesh, 'f1', { services: [w.web] });
      new LocalityAwareFailover(w.mesh, 'f2', { services: [w.web], failoverPriority: [LocalityLabel.ZONE] });
      expect(synthError(w.app)).toContain('MESH-ROUTE-017 [error] at mesh/f2/shop-web');
    });

    test('weights not summing to 100, a region failing over to itself and two modes are MESH-ROUTE-032 of the generated route', () => {
      const w = world();
      new LocalityAwareFailover(w.mesh, 'f', { services: [w.web], failover: [{ fromRegion: 'eu-west', toRegion: 'eu-west' }] });
      new LocalityAwareFailover(w.mesh, 'g', { services: [w.api], distribute: [{ fromLocality: 'eu-west/*', toLocalities: { 'eu-west/eu-west-1a': 60, 'us-east/us-east-1a': 30 } }] });
      const message = synthError(w.app);
      expect(message).toContain('MESH-ROUTE-032 [error] at mesh/f/shop-web/policy/locality');
      expect(message).toContain('MESH-ROUTE-032 [error] at mesh/g/shop-api/policy/locality');
    });

    test('failover without outlier detection is MESH-ROUTE-019 (the pattern always emits it)', () => {
      const w = world();
      new TrafficRoute(w.mesh, 'hand', { service: w.web, policy: { locality: { failover: [{ fromRegion: 'eu-west', toRegion: 'us-east' }] } } });
      expect(synthError(w.app)).toContain('MESH-ROUTE-019 [error] at mesh/hand/policy');
    });
  });
});
