import { Duration } from 'cdk8s';
import {
  AuthorizationAction, AuthorizationPolicy, CanaryRelease, EgressGateway, GatewayListener, IngressGateway, Mesh, MeshApp, MeshNamespace, MeshService,
  Protocol, StringMatch, TrafficRoute,
} from '../../src';
import { synth, synthError, testApp } from '../util';
import { byKey, normalize } from './normalize';

/** The objects a gateway the library deploys renders; none of them may appear for an existing gateway. */
const WORKLOAD_KINDS = ['Deployment', 'Service', 'ServiceAccount', 'Role', 'RoleBinding', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'IstioGateway'];

/**
 * Istio's bookinfo, as installed by `kubectl apply -f samples/bookinfo/platform/kube/bookinfo.yaml` into `default`, on a
 * mesh installed by `istioctl install` (its `istio-ingressgateway`, Service ports 80 → 8080 and 443 → 8443).
 */
function bookinfo(app: MeshApp) {
  const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'c' }] });
  const ingress = IngressGateway.fromExisting(mesh, 'ingress');
  const service = (name: string, versions: string[]) => MeshService.external(mesh, name, {
    name,
    namespaceName: 'default',
    ports: [{ port: 9080, protocol: Protocol.HTTP }],
    selector: { app: name },
    versions: versions.map(v => ({ name: v, labels: { version: v } })),
  });
  const productpage = service('productpage', ['v1']);
  const reviews = service('reviews', ['v1', 'v2', 'v3']);
  const ratings = service('ratings', ['v1', 'v2', 'v2-mysql', 'v2-mysql-vm']);
  const details = service('details', ['v1', 'v2']);
  // samples/bookinfo/networking/bookinfo-gateway.yaml
  const gateway = ingress.addListener('bookinfo-gateway', {
    namespaceName: 'default',
    servers: [{ port: 8080, name: 'http', protocol: Protocol.HTTP, hosts: ['*'] }],
  });
  new TrafficRoute(mesh, 'bookinfo', {
    service: productpage,
    name: 'bookinfo',
    hosts: ['*'],
    gateways: [gateway],
    http: [{
      match: [
        { uri: StringMatch.exact('/productpage') },
        { uri: StringMatch.prefix('/static') },
        { uri: StringMatch.exact('/login') },
        { uri: StringMatch.exact('/logout') },
        { uri: StringMatch.prefix('/api/v1/products') },
      ],
      destinations: [{ port: 9080 }],
    }],
  });
  return { mesh, ingress, gateway, productpage, reviews, ratings, details };
}

/** bookinfo-gateway.yaml's objects, as Istio's sample writes them. */
const BOOKINFO_GATEWAY = [
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Gateway',
    metadata: { name: 'bookinfo-gateway' },
    spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 8080, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }] },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'bookinfo' },
    spec: {
      hosts: ['*'],
      gateways: ['bookinfo-gateway'],
      http: [{
        match: [
          { uri: { exact: '/productpage' } }, { uri: { prefix: '/static' } }, { uri: { exact: '/login' } },
          { uri: { exact: '/logout' } }, { uri: { prefix: '/api/v1/products' } },
        ],
        route: [{ destination: { host: 'productpage', port: { number: 9080 } } }],
      }],
    },
  },
];

/** destination-rule-all.yaml. */
const DESTINATION_RULE_ALL = ([['productpage', ['v1']], ['reviews', ['v1', 'v2', 'v3']], ['ratings', ['v1', 'v2', 'v2-mysql', 'v2-mysql-vm']], ['details', ['v1', 'v2']]] as const)
  .map(([name, versions]) => ({
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name },
    spec: { host: name, subsets: versions.map(v => ({ name: v, labels: { version: v } })) },
  }));

function virtualService(name: string, http: any[]) {
  return { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name }, spec: { hosts: [name], http } };
}
const toSubset = (host: string, subset: string, weight?: number) => ({ destination: { host, subset }, ...(weight === undefined ? {} : { weight }) });

/** Asserts the cluster's objects are exactly `expected` (after normalization), with no gateway workload object. */
function expectObjects(objects: any[], expected: any[]) {
  expect(objects.filter(o => WORKLOAD_KINDS.includes(o.kind))).toEqual([]);
  const istio = objects.filter(o => String(o.apiVersion).startsWith('networking.istio.io/'));
  const actual = byKey(istio);
  const wanted = byKey(expected);
  expect([...actual.keys()].sort()).toEqual([...wanted.keys()].sort());
  for (const [key, object] of wanted) expect({ key, spec: actual.get(key).spec }).toEqual({ key, spec: object.spec });
}

describe('IngressGateway.fromExisting: Istio bookinfo tasks on an istioctl-installed gateway', () => {
  test('request routing (virtual-service-all-v1, then reviews-test-v2): the tasks\' objects and no gateway workload', () => {
    for (const jason of [false, true]) {
      const app = testApp();
      const { mesh, productpage, reviews, ratings, details } = bookinfo(app);
      for (const svc of [productpage, ratings, details]) new TrafficRoute(mesh, `${svc.name}-v1`, { service: svc, http: [{ destinations: [{ version: 'v1' }] }] });
      new TrafficRoute(mesh, 'reviews-route', {
        service: reviews,
        http: [
          ...(jason ? [{ match: [{ headers: { 'end-user': StringMatch.exact('jason') } }], destinations: [{ version: 'v2' }] }] : []),
          { destinations: [{ version: 'v1' }] },
        ],
      });
      const out = synth(app);
      const reviewsVs = jason
        ? virtualService('reviews', [{ match: [{ headers: { 'end-user': { exact: 'jason' } } }], route: [toSubset('reviews', 'v2')] }, { route: [toSubset('reviews', 'v1')] }])
        : virtualService('reviews', [{ route: [toSubset('reviews', 'v1')] }]);
      expectObjects(out.cluster('c'), [
        ...BOOKINFO_GATEWAY,
        ...DESTINATION_RULE_ALL,
        ...['productpage', 'ratings', 'details'].map(n => virtualService(n, [{ route: [toSubset(n, 'v1')] }])),
        reviewsVs,
      ]);
    }
  });

  test.each([
    ['virtual-service-reviews-50-v3', [['v1', 50], ['v3', 50]]],
    ['virtual-service-reviews-80-20', [['v1', 80], ['v2', 20]]],
    ['virtual-service-reviews-90-10', [['v1', 90], ['v2', 10]]],
    ['virtual-service-reviews-v3', [['v3', undefined]]],
  ] as Array<[string, Array<[string, number | undefined]>]>)('traffic shifting (%s)', (_file, split) => {
    const app = testApp();
    const { mesh, reviews } = bookinfo(app);
    new TrafficRoute(mesh, 'reviews-route', { service: reviews, http: [{ destinations: split.map(([version, weight]) => ({ version, weight })) }] });
    const out = synth(app);
    expectObjects(out.cluster('c'), [
      ...BOOKINFO_GATEWAY,
      ...DESTINATION_RULE_ALL.filter(d => ['productpage', 'reviews'].includes(d.metadata.name)),
      virtualService('reviews', [{ route: split.map(([v, w]) => toSubset('reviews', v, w)) }]),
    ]);
  });

  test('fault injection (virtual-service-ratings-test-delay and -abort)', () => {
    for (const fault of [{ delay: { fixedDelay: Duration.seconds(7), percentage: 100 } }, { abort: { httpStatus: 500, percentage: 100 } }]) {
      const app = testApp();
      const { mesh, ratings } = bookinfo(app);
      new TrafficRoute(mesh, 'ratings-route', {
        service: ratings,
        http: [
          { match: [{ headers: { 'end-user': StringMatch.exact('jason') } }], fault, destinations: [{ version: 'v1' }] },
          { destinations: [{ version: 'v1' }] },
        ],
      });
      const out = synth(app);
      const expectedFault = fault.delay ? { delay: { percentage: { value: 100.0 }, fixedDelay: '7s' } } : { abort: { percentage: { value: 100.0 }, httpStatus: 500 } };
      expectObjects(out.cluster('c'), [
        ...BOOKINFO_GATEWAY,
        ...DESTINATION_RULE_ALL.filter(d => ['productpage', 'ratings'].includes(d.metadata.name)),
        virtualService('ratings', [
          { match: [{ headers: { 'end-user': { exact: 'jason' } } }], fault: expectedFault, route: [toSubset('ratings', 'v1')] },
          { route: [toSubset('ratings', 'v1')] },
        ]),
      ]);
    }
  });

  test('keeps the exact selector, the istioctl service account and the declared Service ports', () => {
    const app = testApp();
    const { ingress, gateway } = bookinfo(app);
    expect(ingress.isExisting).toBe(true);
    expect(ingress.selector).toEqual({ istio: 'ingressgateway' });
    expect(gateway.selector).toEqual({ istio: 'ingressgateway' });
    expect(ingress.serviceAccount).toBe('istio-ingressgateway-service-account');
    expect(ingress.principal).toBe('cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account');
    expect(ingress.host).toBe('istio-ingressgateway.istio-system.svc.cluster.local');
    expect(ingress.portsIn('c').map(p => `${p.port}->${p.targetPort}`)).toEqual(['15021->15021', '80->8080', '443->8443']);
  });

  test('a listener on the Service port (80) or the container port (8080) is exposed; another port is MESH-GW-014', () => {
    for (const port of [80, 8080]) {
      const app = testApp();
      const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'c' }] });
      IngressGateway.fromExisting(mesh, 'ingress').addListener('l', { servers: [{ port, protocol: Protocol.HTTP, hosts: ['*'] }] });
      expect(synth(app).ofKind('c', 'Gateway')).toHaveLength(1);
    }
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'c' }] });
    IngressGateway.fromExisting(mesh, 'ingress', { ports: [{ name: 'http', port: 80, targetPort: 8080 }] })
      .addListener('l', { servers: [{ port: 9000, protocol: Protocol.HTTP, hosts: ['*'] }] });
    const message = synthError(app);
    expect(message).toContain('MESH-GW-014');
    expect(message).toContain('mesh/ingress/l');
    expect(message).toContain('9000');
  });

  test('per-cluster Service ports (overrides) and a Helm-installed gateway (selector istio: ingress, own service account)', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }, { name: 'b' }] });
    const gw = IngressGateway.fromExisting(mesh, 'ingress', {
      name: 'istio-ingress',
      namespaceName: 'istio-ingress',
      selector: { istio: 'ingress' },
      ports: [{ name: 'http2', port: 80, targetPort: 80 }],
      overrides: { b: { ports: [{ name: 'http2', port: 80, targetPort: 8080 }] } },
    });
    gw.addListener('web', { servers: [{ port: 8080, protocol: Protocol.HTTP, hosts: ['shop.example.com'] }] });
    expect(gw.serviceAccount).toBe('istio-ingress');
    expect(gw.portsIn('a')[0].targetPort).toBe(80);
    // port 8080 is a container port in b only: a's Service does not expose it
    const message = synthError(app);
    expect(message).toContain('MESH-GW-014');
    expect(message).toContain('Not a Service port in: a.');
  });

  test('an override for a cluster the existing gateway does not run in is MESH-GW-011', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }, { name: 'b' }] });
    IngressGateway.fromExisting(mesh, 'ingress', { clusters: ['a'], overrides: { b: { ports: [] } } })
      .addListener('l', { servers: [{ port: 80, protocol: Protocol.HTTP, hosts: ['*'] }] });
    const message = synthError(app);
    expect(message).toMatch(/MESH-GW-0\d\d/);
    expect(message).toContain('"b"');
  });

  test('a listener on one cluster of an existing gateway in several is MESH-GW-040 (its pods carry no cluster label)', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }, { name: 'b' }] });
    IngressGateway.fromExisting(mesh, 'ingress').addListener('l', { clusters: ['a'], servers: [{ port: 80, protocol: Protocol.HTTP, hosts: ['*'] }] });
    const message = synthError(app);
    expect(message).toContain('MESH-GW-040');
    expect(message).toContain('mesh/ingress/l');
  });

  test('an existing gateway and a deployed one with the same name in a cluster is MESH-GW duplicate', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }] });
    IngressGateway.fromExisting(mesh, 'existing');
    new IngressGateway(mesh, 'deployed');
    expect(synthError(app)).toContain('a/istio-system/istio-ingressgateway');
  });

  test('EgressGateway.fromExisting: istioctl\'s egress gateway, nothing emitted for it', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'c' }] });
    const egress = EgressGateway.fromExisting(mesh, 'egress');
    const listener: GatewayListener = egress.addListener('istio-egressgateway', { namespaceName: 'default', servers: [{ port: 80, name: 'http', protocol: Protocol.HTTP, hosts: ['edition.cnn.com'] }] });
    const out = synth(app);
    expect(out.cluster('c').filter(o => WORKLOAD_KINDS.includes(o.kind))).toEqual([]);
    expect(normalize(out.find('c', 'Gateway', 'istio-egressgateway', 'default')).spec).toEqual({
      selector: { istio: 'egressgateway' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['edition.cnn.com'] }],
    });
    expect(listener.gatewayReference).toBe('default/istio-egressgateway');
    expect(egress.serviceAccount).toBe('istio-egressgateway-service-account');
  });
});

describe('IngressGateway.fromExisting: Istio httpbin ingress on an istioctl-installed gateway', () => {
  function httpbin(app: MeshApp) {
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'c' }] });
    const ingress = IngressGateway.fromExisting(mesh, 'ingress');
    // samples/httpbin/httpbin.yaml, applied to `default`
    const service = MeshService.external(mesh, 'httpbin-service', {
      name: 'httpbin', namespaceName: 'default', selector: { app: 'httpbin' }, ports: [{ port: 8000, protocol: Protocol.HTTP, name: 'http', targetPort: 8080 }],
    });
    return { mesh, ingress, service };
  }

  test('samples/httpbin/httpbin-gateway.yaml: port 80 is the Service port of istioctl\'s 80 → 8080 mapping', () => {
    const app = testApp();
    const { mesh, ingress, service } = httpbin(app);
    const gateway = ingress.addListener('httpbin-gateway', { namespaceName: 'default', servers: [{ port: 80, name: 'http', protocol: Protocol.HTTP, hosts: ['*'] }] });
    new TrafficRoute(mesh, 'httpbin-route', { service, hosts: ['*'], gateways: [gateway], http: [{ destinations: [{ port: 8000 }] }] });
    expectObjects(synth(app).cluster('c'), [
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'Gateway',
        metadata: { name: 'httpbin-gateway' },
        spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }] },
      },
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { name: 'httpbin' },
        spec: { hosts: ['*'], gateways: ['httpbin-gateway'], http: [{ route: [{ destination: { host: 'httpbin', port: { number: 8000 } } }] }] },
      },
    ]);
  });

  test('the ingress-control task: httpbin.example.com, /status and /delay', () => {
    const app = testApp();
    const { mesh, ingress, service } = httpbin(app);
    const gateway = ingress.addListener('httpbin-gateway', {
      namespaceName: 'default', servers: [{ port: 80, name: 'http', protocol: Protocol.HTTP, hosts: ['httpbin.example.com'] }],
    });
    new TrafficRoute(mesh, 'httpbin-route', {
      service,
      hosts: ['httpbin.example.com'],
      gateways: [gateway],
      http: [{ match: [{ uri: StringMatch.prefix('/status') }, { uri: StringMatch.prefix('/delay') }], destinations: [{ port: 8000 }] }],
    });
    expectObjects(synth(app).cluster('c'), [
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'Gateway',
        metadata: { name: 'httpbin-gateway' },
        spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['httpbin.example.com'] }] },
      },
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { name: 'httpbin' },
        spec: {
          hosts: ['httpbin.example.com'],
          gateways: ['httpbin-gateway'],
          http: [{ match: [{ uri: { prefix: '/status' } }, { uri: { prefix: '/delay' } }], route: [{ destination: { port: { number: 8000 }, host: 'httpbin' } }] }],
        },
      },
    ]);
  });
});

describe('an existing gateway is usable where a deployed one is', () => {
  test('a CanaryRelease bound to a listener on it splits gateway traffic; nothing is emitted for the gateway', () => {
    const app = testApp();
    const { mesh, gateway, reviews } = bookinfo(app);
    new CanaryRelease(mesh, 'reviews-canary', { service: reviews, stableVersion: 'v1', canaryVersion: 'v3', steps: [20], gateways: [gateway], hosts: ['bookinfo.example.com'], mesh: true });
    const out = synth(app);
    expect(out.cluster('c').filter(o => WORKLOAD_KINDS.includes(o.kind))).toEqual([]);
    const vs = out.find('c', 'VirtualService', 'reviews', 'default');
    expect(vs.spec.gateways).toEqual(['default/bookinfo-gateway', 'mesh']);
    expect(vs.spec.http.at(-1).route.map((r: any) => [r.destination.subset, r.weight])).toEqual([['v1', 80], ['v3', 20]]);
  });

  test('policies select its exact labels; the analysis counts its pods and Service (no IST0101 beside a deployed gateway)', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'c' }] });
    const existing = IngressGateway.fromExisting(mesh, 'ingress');
    const deployed = new IngressGateway(mesh, 'internal', { name: 'internal-gateway', namespaceName: 'edge' });
    existing.addListener('public', { servers: [{ port: 8080, protocol: Protocol.HTTP, hosts: ['shop.example.com'] }] });
    deployed.addListener('private', { servers: [{ port: 80, protocol: Protocol.HTTP, hosts: ['internal.example.com'] }] });
    new AuthorizationPolicy(mesh, 'allow-get', {
      workload: existing, action: AuthorizationAction.ALLOW, rules: [{ operations: [{ methods: ['GET'] }] }],
    });
    const out = synth(app);
    const policy = out.find('c', 'AuthorizationPolicy', 'allow-get', 'istio-system');
    expect(policy.spec.selector).toEqual({ matchLabels: { istio: 'ingressgateway' } });
    expect(out.ofKind('c', 'Deployment').map(d => d.metadata.name)).toEqual(['internal-gateway']);
    expect(mesh.diagnostics.all.filter(d => d.rule.istioCode === 'IST0101')).toEqual([]);
  });
});

describe('MeshNamespace.fromExisting', () => {
  test('is a declared namespace (namespace policies find its clusters) and emits no Namespace', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }, { name: 'b' }] });
    const shop = MeshNamespace.fromExisting(mesh, 'shop', { name: 'shop', clusters: ['a'] });
    mesh.addNamespace('web');
    expect(shop.isExisting).toBe(true);
    expect(mesh.namespaces.map(n => n.name)).toEqual(['shop', 'web']);
    expect(shop.clusters.map(c => c.clusterName)).toEqual(['a']);
    const out = synth(app);
    expect(out.ofKind('a', 'Namespace').map(n => n.metadata.name).filter(n => n !== 'istio-system')).toEqual(['web']);
  });
});
