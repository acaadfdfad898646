import * as yaml from 'js-yaml';
import { build as buildEgress } from '../../examples/egress-lockdown';
import { build as buildMulticloud } from '../../examples/multicloud-three-networks';
import { build as buildLocality } from '../../examples/tcm-locality';
import { build as buildTcm } from '../../examples/tcm-quickstart';
import { synth, testApp } from '../util';

const weights = (vs: any) => Object.fromEntries(vs.spec.http.find((r: any) => r.name === 'canary').route.map((d: any) => [d.destination.subset, d.weight]));

describe('pattern examples', () => {
  test('TCM quick start: frontend v2 at 5%, vip members always on v2, plan of four steps', () => {
    const out = synth(buildTcm(testApp()));
    const vs = out.find('gz-zone-a', 'VirtualService', 'frontend', 'base');
    expect(vs.spec.http[0].match[0].headers.cookie.regex).toContain('vip=true');
    expect(vs.spec.http[0].route).toEqual([{ destination: { host: 'frontend.base.svc.cluster.local', subset: 'v2' } }]);
    expect(weights(vs)).toEqual({ v1: 95, v2: 5 });
    const plan = yaml.load(out.text('canary/base-frontend.plan.yaml')) as any;
    expect(plan.steps.map((s: any) => s.weights.v2)).toEqual([5, 25, 50, 100]);
  });

  test('TCM locality: outlier detection on all six services, same zone first', () => {
    const out = synth(buildLocality(testApp()));
    const drs = out.ofKind('gz-zone-a', 'DestinationRule');
    expect(drs.map(d => d.spec.host).sort()).toEqual(['cart', 'frontend', 'order', 'product', 'stock', 'user'].map(n => `${n}.base.svc.cluster.local`));
    for (const dr of drs) {
      expect(dr.spec.trafficPolicy.outlierDetection).toEqual({
        consecutive5xxErrors: 5, interval: '10s', baseEjectionTime: '30s', maxEjectionPercent: 10, minHealthPercent: 50,
      });
      expect(dr.spec.trafficPolicy.loadBalancer.localityLbSetting.failoverPriority).toEqual(['topology.kubernetes.io/region', 'topology.kubernetes.io/zone']);
    }
  });

  test('three networks: helloworld 80/20 across clusters over ISTIO_MUTUAL, httpbin zone failover', () => {
    const out = synth(buildMulticloud(testApp()));
    // Istio config lives in the hosted (config) cluster; the Service is the same in every worker.
    const config = 'mdemo-mesh-hosted';
    expect(weights(out.find(config, 'VirtualService', 'helloworld', 'sample'))).toEqual({ v1: 80, v2: 20 });
    expect(out.find(config, 'DestinationRule', 'helloworld', 'sample').spec.trafficPolicy.tls.mode).toBe('ISTIO_MUTUAL');
    expect(out.find(config, 'DestinationRule', 'httpbin', 'sample').spec.trafficPolicy.loadBalancer.localityLbSetting.failoverPriority)
      .toEqual(['topology.istio.io/network', 'topology.kubernetes.io/zone', 'topology.istio.io/subzone']);
    for (const c of [1, 2, 3].map(i => `mdemo-cluster${i}`)) {
      expect(out.find(c, 'Service', 'helloworld', 'sample').spec.ports.map((p: any) => p.port)).toEqual([5000]);
      expect(out.ofKind(c, 'VirtualService')).toEqual([]);
    }
  });

  test('egress lockdown: only ci may reach api.github.com, through the egress gateway', () => {
    const out = synth(buildEgress(testApp()));
    const authz = out.find('prod', 'AuthorizationPolicy', 'lockdown-allowed-sources', 'istio-system');
    expect(authz.spec.rules[0].from[0].source.principals).toEqual(['cluster.local/ns/tools/sa/ci']);
    expect(out.find('prod', 'ServiceEntry', 'api-github-com', 'istio-system').spec.hosts).toEqual(['api.github.com']);
  });
});
