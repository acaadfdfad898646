import { ApiObject, Duration } from 'cdk8s';
import {
  AllowedRouteNamespaces, ExportTo, GatewayRouteKind, GatewayTlsMode, IngressGateway, Mesh, MeshApp, MeshService, Protocol, TrafficApi, TrafficRoute,
} from '../../src';
import { synth, synthError, testApp } from '../util';

/** A one-cluster Gateway API mesh: reviews (shop), an ingress gateway in istio-ingress with an `edge` listener. */
function shop(allowedRoutes?: { namespaces?: AllowedRouteNamespaces; kinds?: GatewayRouteKind[] }): {
  app: MeshApp; mesh: Mesh; reviews: MeshService; ingress: IngressGateway;
} {
  const app = testApp();
  const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'c1' }], trafficApi: TrafficApi.GATEWAY_API });
  mesh.addNamespace('shop');
  mesh.addNamespace('istio-ingress');
  const reviews = new MeshService(mesh, 'reviews', {
    name: 'reviews', namespaceName: 'shop', ports: [{ port: 9080, protocol: Protocol.HTTP }], versions: [{ name: 'v1', labels: { version: 'v1' } }],
  });
  const ingress = new IngressGateway(mesh, 'ingress', { namespaceName: 'istio-ingress' });
  ingress.addListener('edge', { servers: [{ port: 80, protocol: Protocol.HTTP, hosts: ['shop.example.com'], allowedRoutes }] });
  return { app, mesh, reviews, ingress };
}

const httpRoute = (scope: ApiObject['node']['scope'], namespace: string, spec: object) =>
  new ApiObject(scope!, `route-${namespace}`, { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'hand', namespace }, spec });

describe('what the Gateway API cannot express is MESH-ROUTE-033, naming the field', () => {
  test('fault injection, retry attempts and a TCP route', () => {
    const { app, mesh, reviews } = shop();
    new TrafficRoute(mesh, 'r', {
      service: reviews,
      http: [{ destinations: [{ version: 'v1' }], fault: { abort: { httpStatus: 503, percentage: 10 } }, retries: { attempts: 3, perTryTimeout: Duration.seconds(2) } }],
      tcp: [{ destinations: [{ port: 9080 }] }],
    });
    const message = synthError(app);
    expect(message).toContain('MESH-ROUTE-033 [error] at mesh/r/http[0]/fault');
    expect(message).toContain('MESH-ROUTE-033 [error] at mesh/r/http[0]/retries/attempts');
    expect(message).toContain('MESH-ROUTE-033 [error] at mesh/r/tcp[0]');
    expect(message).not.toContain('retries/perTryTimeout');
  });

  test('exportTo has no HTTPRoute field', () => {
    const { app, mesh, reviews } = shop();
    new TrafficRoute(mesh, 'r', { service: reviews, exportTo: ExportTo.sameNamespace(), http: [{ destinations: [{ version: 'v1' }] }] });
    expect(synthError(app)).toContain('MESH-ROUTE-033 [error] at mesh/r/exportTo');
  });

  test('passing: the same route without them renders (timeout as timeouts.request)', () => {
    const { app, mesh, reviews } = shop();
    new TrafficRoute(mesh, 'r', { service: reviews, http: [{ destinations: [{ version: 'v1' }], timeout: Duration.millis(1500) }] });
    const route = synth(app).find('c1', 'HTTPRoute', 'reviews', 'shop');
    expect(route.spec.rules[0].timeouts).toEqual({ request: '1500ms' });
  });
});

test('MESH-ROUTE-034: a route rendered with one API bound to a gateway rendered with the other', () => {
  const { app, mesh, reviews, ingress } = shop();
  new TrafficRoute(mesh, 'r', { service: reviews, hosts: ['shop.example.com'], gateways: [ingress.listeners[0]], trafficApi: TrafficApi.ISTIO, http: [{ destinations: [{}] }] });
  expect(synthError(app)).toContain('MESH-ROUTE-034 [error] at mesh/r/gateways');
});

test('MESH-GW-030: a MUTUAL TLS listener has no Gateway API form', () => {
  const { app, ingress } = shop();
  ingress.addListener('mtls', { servers: [{ port: 443, protocol: Protocol.HTTPS, hosts: ['shop.example.com'], tls: { mode: GatewayTlsMode.MUTUAL, credentialName: 'cert' } }] });
  expect(synthError(app)).toContain('MESH-GW-030 [error] at mesh/ingress/mtls/servers[0]/tls/mode');
});

describe('Gateway API attachment and references (analysis of rendered and hand-written routes)', () => {
  test('MESH-ANA-061: the listener accepts routes of its own namespace only; the route is in shop', () => {
    const { app, mesh, reviews, ingress } = shop({ namespaces: AllowedRouteNamespaces.SAME });
    new TrafficRoute(mesh, 'r', { service: reviews, hosts: ['shop.example.com'], gateways: [ingress.listeners[0]], http: [{ destinations: [{}] }] });
    expect(synthError(app)).toMatch(/MESH-ANA-061 \[error\] at mesh\/r: .*accepts routes of namespace istio-ingress only\. Value: "istio-ingress\/edge"/);
  });

  test('MESH-ANA-061: the listener accepts TLSRoutes only', () => {
    const { app, mesh, reviews, ingress } = shop({ kinds: [GatewayRouteKind.TLS_ROUTE] });
    new TrafficRoute(mesh, 'r', { service: reviews, hosts: ['shop.example.com'], gateways: [ingress.listeners[0]], http: [{ destinations: [{}] }] });
    expect(synthError(app)).toMatch(/MESH-ANA-061 .*accepts TLSRoute, not HTTPRoute/);
  });

  test('passing: by default (a host without namespace prefix) the listener accepts every namespace', () => {
    const { app, mesh, reviews, ingress } = shop();
    new TrafficRoute(mesh, 'r', { service: reviews, hosts: ['shop.example.com'], gateways: [ingress.listeners[0]], http: [{ destinations: [{}] }] });
    const route = synth(app).find('c1', 'HTTPRoute', 'reviews', 'shop');
    expect(route.spec).toEqual({
      parentRefs: [{ name: 'edge', namespace: 'istio-ingress' }],
      hostnames: ['shop.example.com'],
      rules: [{ backendRefs: [{ name: 'reviews', port: 9080 }] }],
    });
  });

  test('MESH-ANA-062: a hand-written HTTPRoute whose hostnames the listener does not serve', () => {
    const { app, mesh } = shop();
    httpRoute(mesh.clusters[0], 'shop', { parentRefs: [{ name: 'edge', namespace: 'istio-ingress' }], hostnames: ['other.example.com'], rules: [{ backendRefs: [{ name: 'reviews', port: 9080 }] }] });
    expect(synthError(app)).toMatch(/MESH-ANA-062 \[error\] at c1\/route-shop: .*listens for: shop.example.com\. Value: \["other.example.com"\]/);
  });

  test('MESH-ANA-060: a backendRef to a Service port that does not exist, and to a missing Service', () => {
    const { app, mesh } = shop();
    httpRoute(mesh.clusters[0], 'shop', { parentRefs: [{ group: '', kind: 'Service', name: 'reviews', port: 9080 }], rules: [{ backendRefs: [{ name: 'reviews', port: 8080 }, { name: 'ratings', port: 9080 }] }] });
    const message = synthError(app);
    expect(message).toMatch(/MESH-ANA-060 \[error\] at c1\/route-shop: .*ports 9080\. Value: "Service shop\/reviews:8080"/);
    expect(message).toContain('"Service shop/ratings"');
  });

  test('MESH-ANA-063: a cross-namespace backendRef without a ReferenceGrant', () => {
    const { app, mesh } = shop();
    mesh.addNamespace('web');
    httpRoute(mesh.clusters[0], 'web', { parentRefs: [{ name: 'edge', namespace: 'istio-ingress' }], hostnames: ['shop.example.com'], rules: [{ backendRefs: [{ name: 'reviews', namespace: 'shop', port: 9080 }] }] });
    expect(synthError(app)).toMatch(/MESH-ANA-063 \[error\] at c1\/route-web: .*no ReferenceGrant in shop .*Value: "Service shop\/reviews"/);
  });

  test('passing: a TrafficRoute in another namespace renders the ReferenceGrant its backends need', () => {
    const { app, mesh, reviews, ingress } = shop();
    new TrafficRoute(mesh, 'r', { service: reviews, namespaceName: 'istio-ingress', hosts: ['shop.example.com'], gateways: [ingress.listeners[0]], http: [{ destinations: [{ version: 'v1' }] }] });
    const out = synth(app);
    expect(out.find('c1', 'HTTPRoute', 'reviews', 'istio-ingress').spec.rules[0].backendRefs).toEqual([{ name: 'reviews-v1', namespace: 'shop', port: 9080 }]);
    expect(out.find('c1', 'ReferenceGrant', 'istio-ingress-reviews', 'shop').spec).toEqual({
      from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'istio-ingress' }],
      to: [{ group: '', kind: 'Service', name: 'reviews-v1' }],
    });
  });
});
