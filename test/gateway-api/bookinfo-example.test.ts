import { buildStage, stages } from '../../examples/gateway-api-bookinfo';
import { TrafficApi } from '../../src';
import { Synthesized, synth, testApp } from '../util';

/**
 * examples/gateway-api-bookinfo.ts against Istio's Gateway API YAML (samples/bookinfo/gateway-api/ and
 * platform/kube/bookinfo-versions.yaml), value by value. Normalizations: `kubectl apply` puts the docs' objects in
 * `default` (the library writes the namespace); a Service port's `protocol: TCP` and `targetPort` equal to the port are
 * Kubernetes' defaults, and `appProtocol: http` is the library's protocol declaration (Istio reads it as the name prefix).
 */
const render = (stage: string, api = TrafficApi.GATEWAY_API): Synthesized => synth(buildStage(testApp(), stage, api));
const objects = (out: Synthesized, kind: string) => out.cluster('cluster1').filter(o => o.kind === kind);
const spec = (out: Synthesized, kind: string, name: string) => out.find('cluster1', kind, name, 'default').spec;
const mesh = (name: string, backendRefs: object[]) => ({ parentRefs: [{ group: '', kind: 'Service', name, port: 9080 }], rules: [{ backendRefs }] });

describe('Getting Started, Gateway API (bookinfo-gateway.yaml)', () => {
  const out = render('all-v1');

  test('the Gateway: class istio, one HTTP listener on 80 accepting routes of its namespace; no pods of ours (automated deployment)', () => {
    const [gateway] = objects(out, 'Gateway');
    expect(gateway.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(gateway.metadata).toEqual({ name: 'bookinfo-gateway', namespace: 'default' });
    expect(gateway.spec).toEqual({ gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Same' } } }] });
    expect(objects(out, 'Deployment')).toEqual([]);
  });

  test('the bookinfo HTTPRoute: five path matches to productpage:9080', () => {
    expect(spec(out, 'HTTPRoute', 'bookinfo')).toEqual({
      parentRefs: [{ name: 'bookinfo-gateway' }],
      rules: [{
        matches: [
          { path: { type: 'Exact', value: '/productpage' } },
          { path: { type: 'PathPrefix', value: '/static' } },
          { path: { type: 'Exact', value: '/login' } },
          { path: { type: 'Exact', value: '/logout' } },
          { path: { type: 'PathPrefix', value: '/api/v1/products' } },
        ],
        backendRefs: [{ name: 'productpage', port: 9080 }],
      }],
    });
  });
});

describe('Traffic Shifting, Gateway API', () => {
  test('all-v1 (route-all-v1.yaml): every service to its v1 Service, the Service as parent on port 9080', () => {
    const out = render('all-v1');
    for (const name of ['reviews', 'productpage', 'ratings', 'details']) {
      expect(spec(out, 'HTTPRoute', name)).toEqual(mesh(name, [{ name: `${name}-v1`, port: 9080 }]));
    }
  });

  test('50-v3 (route-reviews-50-v3.yaml): reviews 50/50 between v1 and v3', () => {
    expect(spec(render('50-v3'), 'HTTPRoute', 'reviews')).toEqual(mesh('reviews', [{ name: 'reviews-v1', port: 9080, weight: 50 }, { name: 'reviews-v3', port: 9080, weight: 50 }]));
  });

  test('v3 (route-reviews-v3.yaml): reviews to v3', () => {
    expect(spec(render('v3'), 'HTTPRoute', 'reviews')).toEqual(mesh('reviews', [{ name: 'reviews-v3', port: 9080 }]));
  });

  test('the version Services the routes use are those of bookinfo-versions.yaml (port 9080 `http`, app and version labels)', () => {
    for (const stage of stages) {
      const out = render(stage);
      const versions = objects(out, 'Service').filter(s => /-v\d$/.test(s.metadata.name));
      for (const s of versions) {
        const [app, version] = [s.metadata.name.replace(/-v\d$/, ''), s.metadata.name.slice(-2)];
        expect(s.metadata).toEqual({ name: `${app}-${version}`, namespace: 'default' });
        expect(s.spec.selector).toEqual({ app, version });
        expect(s.spec.ports).toEqual([{ name: 'http', port: 9080, protocol: 'TCP', targetPort: 9080, appProtocol: 'http' }]);
      }
      const routed = objects(out, 'HTTPRoute').flatMap(r => r.spec.rules.flatMap((rule: any) => rule.backendRefs.map((b: any) => b.name)));
      expect(versions.map(s => s.metadata.name).sort()).toEqual([...new Set(routed.filter(n => n !== 'productpage'))].sort());
    }
  });

  test('no Istio networking objects in the Gateway API rendering', () => {
    for (const stage of stages) {
      const out = render(stage);
      expect(out.cluster('cluster1').filter(o => o.apiVersion.startsWith('networking.istio.io'))).toEqual([]);
    }
  });
});

describe('the same app with the Istio API passes the harness too, with the same routing', () => {
  test.each(stages)('%s', stage => {
    const out = render(stage, TrafficApi.ISTIO);
    expect(objects(out, 'HTTPRoute')).toEqual([]);
    const reviews = spec(out, 'VirtualService', 'reviews');
    const expected: Record<string, object[]> = {
      'all-v1': [{ destination: { host: 'reviews.default.svc.cluster.local', subset: 'v1' } }],
      '50-v3': [{ destination: { host: 'reviews.default.svc.cluster.local', subset: 'v1' }, weight: 50 }, { destination: { host: 'reviews.default.svc.cluster.local', subset: 'v3' }, weight: 50 }],
      'v3': [{ destination: { host: 'reviews.default.svc.cluster.local', subset: 'v3' } }],
    };
    expect(reviews.http[0].route).toEqual(expected[stage]);
    expect(spec(out, 'DestinationRule', 'reviews').subsets.map((s: any) => s.name)).toEqual(['v1', 'v2', 'v3']);
    expect(spec(out, 'VirtualService', 'bookinfo').gateways).toEqual(['default/bookinfo-gateway']);
  });
});
