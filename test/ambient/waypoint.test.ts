import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AuthorizationAction, AuthorizationPolicy, ConditionKey, DataplaneMode, LocalRateLimit, Mesh, MeshNamespace, MeshService, Protocol, SidecarSettings,
  ProxyLogLevel, Telemetry, TrafficRoute, Waypoint, WaypointFor,
} from '../../src';
import { synth, synthError, testApp } from '../util';

/** An ambient `shop` namespace with a `reviews` service, in one cluster `prod`. */
function ambientShop(dataplaneMode = DataplaneMode.AMBIENT) {
  const app = testApp();
  const mesh = new Mesh(app, 'mesh', { meshId: 'shop', clusters: [{ name: 'prod' }] });
  const ns = mesh.addNamespace('shop', { dataplaneMode });
  const reviews = new MeshService(mesh, 'reviews', { name: 'reviews', namespaceName: 'shop', ports: [{ port: 9080, protocol: Protocol.HTTP }] });
  return { app, mesh, ns, reviews };
}

describe('Waypoint', () => {
  test('renders the Gateway `istioctl waypoint generate --namespace shop` writes; enrollNamespace labels the namespace', () => {
    const { app, mesh } = ambientShop();
    const waypoint = new Waypoint(mesh, 'waypoint', { namespaceName: 'shop', enrollNamespace: true });
    expect(waypoint.trafficType).toBe(WaypointFor.SERVICE);
    const out = synth(app);
    expect(out.find('prod', 'Gateway', 'waypoint', 'shop')).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'waypoint', namespace: 'shop' },
      spec: { gatewayClassName: 'istio-waypoint', listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }] },
    });
    expect(out.find('prod', 'Namespace', 'shop').metadata.labels).toEqual({ 'istio.io/dataplane-mode': 'ambient', 'istio.io/use-waypoint': 'waypoint' });
  });

  test('--for and --revision become the istio.io/waypoint-for and istio.io/rev labels; a namespace declared later is still enrolled', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'shop', dataplaneMode: DataplaneMode.AMBIENT, clusters: [{ name: 'prod' }] });
    new Waypoint(mesh, 'wp', { namespaceName: 'shop', name: 'shop-waypoint', forTraffic: WaypointFor.ALL, revision: 'canary', enrollNamespace: true });
    mesh.addNamespace('shop');
    const out = synth(app);
    expect(out.find('prod', 'Gateway', 'shop-waypoint', 'shop').metadata.labels).toEqual({ 'istio.io/rev': 'canary', 'istio.io/waypoint-for': 'all' });
    expect(out.find('prod', 'Namespace', 'shop').metadata.labels['istio.io/use-waypoint']).toBe('shop-waypoint');
  });

  test('attachService labels the Service; a waypoint of another namespace adds istio.io/use-waypoint-namespace', () => {
    const { app, mesh, reviews } = ambientShop();
    mesh.addNamespace('waypoints', { dataplaneMode: DataplaneMode.AMBIENT });
    const shared = new Waypoint(mesh, 'shared', { namespaceName: 'waypoints', name: 'shared' });
    shared.attachService(reviews);
    expect(shared.usedBy).toEqual(['service shop/reviews']);
    const out = synth(app);
    expect(out.find('prod', 'Service', 'reviews', 'shop').metadata.labels).toEqual({
      'app': 'reviews', 'istio.io/use-waypoint': 'shared', 'istio.io/use-waypoint-namespace': 'waypoints', 'service': 'reviews',
    });
  });

  test('L7 AuthorizationPolicy and Telemetry attach to the waypoint with targetRefs, in its namespace, without selector', () => {
    const { app, mesh } = ambientShop();
    const waypoint = new Waypoint(mesh, 'waypoint', { namespaceName: 'shop', enrollNamespace: true });
    new AuthorizationPolicy(mesh, 'reviews-viewer', {
      waypoint,
      action: AuthorizationAction.ALLOW,
      rules: [{ sources: [{ principals: ['cluster.local/ns/shop/sa/productpage'] }], operations: [{ methods: ['GET'], paths: ['/reviews/*'] }] }],
    });
    new Telemetry(mesh, 'waypoint-tracing', { waypoint, tracing: { samplingPercentage: 10 } });
    const out = synth(app);
    const policy = out.find('prod', 'AuthorizationPolicy', 'reviews-viewer', 'shop');
    expect(policy.spec).toEqual({
      targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'waypoint' }],
      action: 'ALLOW',
      rules: [{ from: [{ source: { principals: ['cluster.local/ns/shop/sa/productpage'] } }], to: [{ operation: { methods: ['GET'], paths: ['/reviews/*'] } }] }],
    });
    const telemetry = out.find('prod', 'Telemetry', 'waypoint-tracing', 'shop');
    expect(telemetry.spec.targetRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'waypoint' }]);
    expect(telemetry.spec.selector).toBeUndefined();
    expect(waypoint.usedBy).toEqual(['namespace shop', 'policy mesh/reviews-viewer', 'policy mesh/waypoint-tracing']);
  });

  test('L4 policy on an ambient workload stays selector-based (enforced by ztunnel)', () => {
    const { app, mesh, reviews } = ambientShop();
    new AuthorizationPolicy(mesh, 'reviews-l4', { workload: reviews, rules: [{ sources: [{ namespaces: ['shop'] }], operations: [{ ports: [9080] }] }] });
    const spec = synth(app).find('prod', 'AuthorizationPolicy', 'reviews-l4', 'shop').spec;
    expect(spec.selector).toEqual({ matchLabels: { app: 'reviews' } });
    expect(spec.targetRefs).toBeUndefined();
  });
});

describe('ambient rules', () => {
  test.each<[string, object, string]>([
    ['methods', { operations: [{ methods: ['GET'] }] }, '"operations.methods"'],
    ['paths', { operations: [{ paths: ['/api/*'] }] }, '"operations.paths"'],
    ['hosts', { operations: [{ hosts: ['reviews.shop'] }] }, '"operations.hosts"'],
    ['request principals', { sources: [{ requestPrincipals: ['*'] }] }, '"sources.requestPrincipals"'],
    ['a request header condition', { when: [{ key: ConditionKey.requestHeader('x-user'), values: ['a'] }] }, '"when.request.headers[x-user]"'],
  ])('%s in a policy only ztunnel enforces is MESH-AMB-004', (_title, rule, value) => {
    const { app, mesh, reviews } = ambientShop();
    new AuthorizationPolicy(mesh, 'policy', { workload: reviews, rules: [rule] });
    expect(synthError(app)).toContain(`MESH-AMB-004 [error] at mesh/policy: An authorization policy that only ztunnel enforces uses L7 attributes (methods, paths, hosts, request principals or request.* conditions). Namespace "shop" is ambient and the policy has no waypoint. Value: ${value}.`);
  });

  test('the same L7 policy is fine on sidecars, and on a waypoint', () => {
    const sidecars = ambientShop(DataplaneMode.SIDECAR);
    new AuthorizationPolicy(sidecars.mesh, 'policy', { workload: sidecars.reviews, rules: [{ operations: [{ methods: ['GET'] }] }] });
    expect(() => synth(sidecars.app)).not.toThrow();
    const ambient = ambientShop();
    const waypoint = new Waypoint(ambient.mesh, 'waypoint', { namespaceName: 'shop', enrollNamespace: true });
    new AuthorizationPolicy(ambient.mesh, 'policy', { waypoint, rules: [{ operations: [{ methods: ['GET'] }] }] });
    expect(() => synth(ambient.app)).not.toThrow();
  });

  test('a mesh-wide L7 policy in an all-ambient mesh is MESH-AMB-004', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'shop', dataplaneMode: DataplaneMode.AMBIENT, clusters: [{ name: 'prod' }] });
    new AuthorizationPolicy(mesh, 'deny-delete', { action: AuthorizationAction.DENY, rules: [{ operations: [{ methods: ['DELETE'] }] }] });
    expect(synthError(app)).toContain('MESH-AMB-004 [error] at mesh/deny-delete: An authorization policy that only ztunnel enforces uses L7 attributes (methods, paths, hosts, request principals or request.* conditions). The mesh data plane is ambient and the policy has no waypoint. Value: "operations.methods".');
  });

  test('a waypoint nothing uses warns MESH-AMB-005', () => {
    const { app, mesh } = ambientShop();
    new Waypoint(mesh, 'idle', { namespaceName: 'shop' });
    synth(app);
    const hits = mesh.diagnostics.all.filter(d => d.rule.id === 'MESH-AMB-005');
    expect(hits.map(d => [d.path, d.value, d.rule.severity])).toEqual([['mesh/idle', '"shop/waypoint"', 'warning']]);
  });

  test('a waypoint attached to a sidecar namespace or service is MESH-AMB-006', () => {
    const { app, mesh, ns, reviews } = ambientShop(DataplaneMode.SIDECAR);
    const waypoint = new Waypoint(mesh, 'waypoint', { namespaceName: 'shop' });
    waypoint.attachNamespace(ns);
    waypoint.attachService(reviews);
    const message = synthError(app);
    expect(message).toContain('MESH-AMB-006 [error] at mesh/waypoint: A waypoint is attached to a namespace or service that is not in ambient mode. Namespace "shop" uses sidecar. Value: "shop".');
    expect(message).toContain('MESH-AMB-006 [error] at mesh/waypoint: A waypoint is attached to a namespace or service that is not in ambient mode. Namespace "shop" uses sidecar. Value: "shop/reviews".');
  });

  test('a service attached to two waypoints is MESH-AMB-007', () => {
    const { app, mesh, reviews } = ambientShop();
    new Waypoint(mesh, 'a', { namespaceName: 'shop', name: 'a' }).attachService(reviews);
    new Waypoint(mesh, 'b', { namespaceName: 'shop', name: 'b' }).attachService(reviews);
    expect(synthError(app)).toContain('MESH-AMB-007 [error] at mesh/b: A namespace or service is attached to two waypoints. Service "shop/reviews" already uses shop/a (mesh/a). Value: "shop/b".');
  });

  test('a workload-only waypoint attached to a service is MESH-AMB-008', () => {
    const { app, mesh, reviews } = ambientShop();
    new Waypoint(mesh, 'waypoint', { namespaceName: 'shop', forTraffic: WaypointFor.WORKLOAD }).attachService(reviews);
    expect(synthError(app)).toContain('MESH-AMB-008 [error] at mesh/waypoint: A waypoint is attached where its traffic type does not serve the attachment. Attached to service shop/reviews. Value: "workload".');
  });

  test('a policy attached to a waypoint of another namespace is MESH-AMB-009', () => {
    const { app, mesh } = ambientShop();
    const waypoint = new Waypoint(mesh, 'waypoint', { namespaceName: 'shop', enrollNamespace: true });
    new AuthorizationPolicy(mesh, 'policy', { waypoint, namespaceName: 'other', rules: [{ operations: [{ methods: ['GET'] }] }] });
    expect(synthError(app)).toContain('MESH-AMB-009 [error] at mesh/policy: A policy attached to a waypoint lives in another namespace than the waypoint. The waypoint waypoint is in "shop". Value: "other".');
  });

  test('a policy with a waypoint and a workload is MESH-AMB-010', () => {
    const { app, mesh, reviews } = ambientShop();
    const waypoint = new Waypoint(mesh, 'waypoint', { namespaceName: 'shop', enrollNamespace: true });
    new AuthorizationPolicy(mesh, 'policy', { waypoint, workload: reviews, rules: [{ operations: [{ methods: ['GET'] }] }] });
    expect(synthError(app)).toContain('MESH-AMB-010 [error] at mesh/policy: A policy is given both a waypoint and a workload or selector. Value: {"targetRef":"Gateway/shop/waypoint","selector":{"app":"reviews"}}.');
  });

  test('a waypoint attached to an existing namespace warns MESH-AMB-016 with the label command', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'shop', dataplaneMode: DataplaneMode.AMBIENT, clusters: [{ name: 'prod' }] });
    const ns = MeshNamespace.fromExisting(mesh, 'shop-ns', { name: 'shop' });
    new Waypoint(mesh, 'waypoint', { namespaceName: 'shop' }).attachNamespace(ns);
    const out = synth(app);
    expect(out.ofKind('prod', 'Namespace').map(n => n.metadata.name)).toEqual(['istio-system']);
    const hits = mesh.diagnostics.all.filter(d => d.rule.id === 'MESH-AMB-016');
    expect(hits.map(d => [d.path, d.value, d.detail, d.rule.severity])).toEqual([['mesh/waypoint', '"shop"', 'Label it: `kubectl label namespace shop istio.io/use-waypoint=waypoint`.', 'warning']]);
  });

  test('a waypoint enrolling an undeclared namespace is MESH-AMB-013', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'shop', dataplaneMode: DataplaneMode.AMBIENT, clusters: [{ name: 'prod' }] });
    new Waypoint(mesh, 'waypoint', { namespaceName: 'shop', enrollNamespace: true });
    expect(synthError(app)).toContain('MESH-AMB-013 [error] at mesh/waypoint: A waypoint enrolls its namespace, but the mesh does not declare that namespace. Value: "shop".');
  });
});

describe('policies attached to a service (targetRefs kind Service)', () => {
  test('render targetRefs to the Service, enforced by the namespace waypoint', () => {
    const { app, mesh, reviews } = ambientShop();
    new Waypoint(mesh, 'waypoint', { namespaceName: 'shop', enrollNamespace: true });
    new AuthorizationPolicy(mesh, 'reviews-get', { targetService: reviews, rules: [{ operations: [{ methods: ['GET'] }] }] });
    const spec = synth(app).find('prod', 'AuthorizationPolicy', 'reviews-get', 'shop').spec;
    expect(spec).toEqual({ targetRefs: [{ group: '', kind: 'Service', name: 'reviews' }], action: 'ALLOW', rules: [{ to: [{ operation: { methods: ['GET'] } }] }] });
  });

  test('a policy attached to a service no waypoint serves is MESH-AMB-014', () => {
    const { app, mesh, reviews } = ambientShop();
    new AuthorizationPolicy(mesh, 'reviews-get', { targetService: reviews, rules: [{ operations: [{ methods: ['GET'] }] }] });
    expect(synthError(app)).toContain('MESH-AMB-014 [error] at mesh/reviews-get: A policy is attached to a service (`targetRefs` kind Service) that no waypoint serves. Value: "shop/reviews".');
  });
});

describe('routes of ambient services', () => {
  const versions = (svc: MeshService) => { svc.addVersion('v1', { version: 'v1' }); svc.addVersion('v2', { version: 'v2' }); };

  test('a mesh route of an ambient service without a waypoint is MESH-AMB-015', () => {
    const { app, mesh, reviews } = ambientShop();
    versions(reviews);
    new TrafficRoute(mesh, 'reviews-split', { service: reviews, http: [{ destinations: [{ version: 'v1', weight: 90 }, { version: 'v2', weight: 10 }] }] });
    expect(synthError(app)).toContain('MESH-AMB-015 [error] at mesh/reviews-split: A mesh route (VirtualService or HTTPRoute for sidecar/ztunnel traffic) targets an ambient service that no waypoint serves. Namespace "shop" is ambient. Value: "shop/reviews".');
  });

  test('with the namespace waypoint, or on sidecars, the same route is fine', () => {
    const ambient = ambientShop();
    versions(ambient.reviews);
    new Waypoint(ambient.mesh, 'waypoint', { namespaceName: 'shop', enrollNamespace: true });
    new TrafficRoute(ambient.mesh, 'reviews-split', { service: ambient.reviews, http: [{ destinations: [{ version: 'v1', weight: 90 }, { version: 'v2', weight: 10 }] }] });
    expect(() => synth(ambient.app)).not.toThrow();
    const sidecars = ambientShop(DataplaneMode.SIDECAR);
    versions(sidecars.reviews);
    new TrafficRoute(sidecars.mesh, 'reviews-split', { service: sidecars.reviews, http: [{ destinations: [{ version: 'v1', weight: 90 }, { version: 'v2', weight: 10 }] }] });
    expect(() => synth(sidecars.app)).not.toThrow();
  });
});

describe('sidecar-only features on ambient workloads', () => {
  test('an EnvoyFilter patching sidecar listeners in an ambient namespace is MESH-AMB-002', () => {
    const { app, mesh, reviews } = ambientShop();
    new LocalRateLimit(mesh, 'ratelimit', { workload: reviews, maxTokens: 100, fillInterval: Duration.seconds(1) });
    expect(synthError(app)).toContain('MESH-AMB-002 [error] at mesh/ratelimit: An EnvoyFilter patches sidecar listeners in an ambient namespace, where pods have no sidecar.');
  });

  test('sidecar proxy annotations on an ambient workload are MESH-AMB-003; an explicitly injected pod is exempt', () => {
    const { app, mesh } = ambientShop();
    const deployment = new kplus.Deployment(mesh.cluster('prod'), 'reviews-v1', {
      metadata: { name: 'reviews-v1', namespace: 'shop' },
      podMetadata: { labels: { app: 'reviews' } },
      containers: [{ image: 'nginx:1.27', ports: [{ number: 9080 }], securityContext: { user: 1000 } }],
    });
    new SidecarSettings(mesh, 'sidecar', { namespaceName: 'shop', logLevel: ProxyLogLevel.DEBUG }).applyTo(deployment);
    expect(synthError(app)).toContain('MESH-AMB-003 [error] at prod/reviews-v1: A workload in an ambient namespace carries sidecar proxy annotations, which only the sidecar injector reads.');

    const ok = ambientShop();
    const injected = new kplus.Deployment(ok.mesh.cluster('prod'), 'legacy', {
      metadata: { name: 'legacy', namespace: 'shop' },
      podMetadata: { labels: { 'app': 'legacy', 'sidecar.istio.io/inject': 'true' } },
      containers: [{ image: 'nginx:1.27', ports: [{ number: 9080 }], securityContext: { user: 1000 } }],
    });
    new SidecarSettings(ok.mesh, 'sidecar', { namespaceName: 'shop', logLevel: ProxyLogLevel.DEBUG }).applyTo(injected);
    expect(() => synth(ok.app)).not.toThrow();
  });
});
