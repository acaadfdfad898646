import { Duration } from 'cdk8s';
import {
  CanaryRelease, EgressGateway, GatewayDeploymentMode, GatewayTlsMode, IngressGateway, LocalityAwareFailover, Mesh, MeshService, Protocol,
  StringMatch, TrafficApi, TrafficRoute,
} from '../../src';
import { Synthesized, synth, synthError, testApp } from '../util';

function bookinfo(trafficApi?: TrafficApi) {
  const app = testApp();
  const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'c1' }], trafficApi });
  mesh.addNamespace('default');
  const reviews = new MeshService(mesh, 'reviews', {
    name: 'reviews',
    namespaceName: 'default',
    ports: [{ port: 9080, protocol: Protocol.HTTP }],
    versions: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }],
  });
  const productpage = new MeshService(mesh, 'productpage', { name: 'productpage', namespaceName: 'default', ports: [{ port: 9080, protocol: Protocol.HTTP }] });
  const ingress = new IngressGateway(mesh, 'ingress', { namespaceName: 'istio-ingress' });
  mesh.addNamespace('istio-ingress');
  const listener = ingress.addListener('bookinfo-gateway', {
    namespaceName: 'default',
    servers: [{ port: 80, name: 'http', protocol: Protocol.HTTP, hosts: ['./*'] }],
  });
  new TrafficRoute(mesh, 'bookinfo', {
    service: productpage,
    name: 'bookinfo',
    hosts: ['*'],
    gateways: [listener],
    http: [{ match: [{ uri: StringMatch.exact('/productpage') }, { uri: StringMatch.prefix('/static') }], destinations: [{ port: 9080 }], timeout: Duration.seconds(5) }],
  });
  new TrafficRoute(mesh, 'reviews-route', {
    service: reviews,
    http: [
      { match: [{ headers: { 'end-user': StringMatch.exact('jason') } }], destinations: [{ version: 'v2' }] },
      { destinations: [{ version: 'v1', weight: 90 }, { version: 'v2', weight: 10 }] },
    ],
  });
  return { app, mesh };
}

const objects = (files: Synthesized) => [...files.files.values()].flat();
const byKind = (files: Synthesized, kind: string, group?: string) =>
  objects(files).filter(o => o.kind === kind && (group === undefined || o.apiVersion.startsWith(group)));

describe('one declaration, two renderings', () => {
  test('the Istio rendering is the default', () => {
    const files = synth(bookinfo().app);
    expect(byKind(files, 'VirtualService').map(o => o.metadata.name).sort()).toEqual(['bookinfo', 'reviews']);
    expect(byKind(files, 'HTTPRoute')).toEqual([]);
  });

  test('the Gateway API rendering: Gateway bound to the gateway Service, HTTPRoutes to version Services, no VirtualService', () => {
    const files = synth(bookinfo(TrafficApi.GATEWAY_API).app);
    expect(byKind(files, 'VirtualService')).toEqual([]);
    const [gateway] = byKind(files, 'Gateway', 'gateway.networking.k8s.io');
    expect(gateway.metadata).toEqual({ name: 'bookinfo-gateway', namespace: 'default' });
    expect(gateway.spec).toEqual({
      gatewayClassName: 'istio',
      addresses: [{ type: 'Hostname', value: 'istio-ingressgateway.istio-ingress.svc.cluster.local' }],
      listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Same' } } }],
    });
    expect(byKind(files, 'Gateway', 'networking.istio.io')).toEqual([]);
    const routes = Object.fromEntries(byKind(files, 'HTTPRoute').map(o => [o.metadata.name, o.spec]));
    expect(routes.bookinfo).toEqual({
      parentRefs: [{ name: 'bookinfo-gateway' }],
      rules: [{
        matches: [{ path: { type: 'Exact', value: '/productpage' } }, { path: { type: 'PathPrefix', value: '/static' } }],
        backendRefs: [{ name: 'productpage', port: 9080 }],
        timeouts: { request: '5s' },
      }],
    });
    expect(routes.reviews).toEqual({
      parentRefs: [{ group: '', kind: 'Service', name: 'reviews', port: 9080 }],
      rules: [
        { matches: [{ headers: [{ name: 'end-user', value: 'jason' }] }], backendRefs: [{ name: 'reviews-v2', port: 9080 }] },
        { backendRefs: [{ name: 'reviews-v1', port: 9080, weight: 90 }, { name: 'reviews-v2', port: 9080, weight: 10 }] },
      ],
    });
    const versionServices = byKind(files, 'Service').filter(s => s.metadata.name.startsWith('reviews-'));
    expect(versionServices.map(s => [s.metadata.name, s.spec.selector, s.spec.ports.map((p: any) => p.port)])).toEqual([
      ['reviews-v2', { app: 'reviews', version: 'v2' }, [9080]],
      ['reviews-v1', { app: 'reviews', version: 'v1' }, [9080]],
    ]);
    // versions are Services now: no DestinationRule without policy
    expect(byKind(files, 'DestinationRule')).toEqual([]);
    // the library's own gateway workload still runs (manual deployment)
    expect(byKind(files, 'Deployment').map(d => d.metadata.name)).toContain('istio-ingressgateway');
  });

  test('automated deployment: no gateway workload objects, no addresses', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'c1' }], trafficApi: TrafficApi.GATEWAY_API });
    mesh.addNamespace('default');
    const ingress = new IngressGateway(mesh, 'ingress', { namespaceName: 'default', deploymentMode: GatewayDeploymentMode.AUTOMATED });
    ingress.addListener('gw', { servers: [{ port: 80, protocol: Protocol.HTTP, hosts: ['*'] }] });
    const files = synth(app);
    expect(byKind(files, 'Deployment')).toEqual([]);
    const [gateway] = byKind(files, 'Gateway', 'gateway.networking.k8s.io');
    expect(gateway.spec.addresses).toBeUndefined();
    expect(gateway.spec.listeners).toEqual([{ name: 'http-80', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }]);
  });
});

describe('patterns on the Gateway API rendering', () => {
  function shop() {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', {
      meshId: 'm',
      trafficApi: TrafficApi.GATEWAY_API,
      clusters: [{ name: 'east', region: 'us-east' }, { name: 'west', region: 'us-west' }],
    });
    mesh.addNamespace('shop');
    const reviews = new MeshService(mesh, 'reviews', {
      name: 'reviews',
      namespaceName: 'shop',
      ports: [{ port: 9080, protocol: Protocol.HTTP }],
      versions: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }],
    });
    return { app, mesh, reviews };
  }

  test('CanaryRelease steps and a cookie gray release: an HTTPRoute with a cookie regex rule, then the weighted split', () => {
    const { app, mesh, reviews } = shop();
    new CanaryRelease(mesh, 'canary', {
      service: reviews,
      stableVersion: 'v1',
      canaryVersion: 'v2',
      steps: [10, 50],
      step: 1,
      grayRelease: [{ headers: { cookie: StringMatch.cookie('vip', 'true') } }],
    });
    const out = synth(app);
    for (const cluster of ['east', 'west']) {
      const route = out.find(cluster, 'HTTPRoute', 'reviews', 'shop');
      expect(route.spec.rules).toEqual([
        { name: 'gray-release', matches: [{ headers: [{ name: 'cookie', type: 'RegularExpression', value: StringMatch.cookie('vip', 'true').value }] }], backendRefs: [{ name: 'reviews-v2', port: 9080 }] },
        { name: 'canary', backendRefs: [{ name: 'reviews-v1', port: 9080, weight: 50 }, { name: 'reviews-v2', port: 9080, weight: 50 }] },
      ]);
      expect(out.ofKind(cluster, 'Service').map((s: any) => s.metadata.name).sort()).toEqual(['reviews', 'reviews-v1', 'reviews-v2']);
    }
  });

  test('LocalityAwareFailover: the DestinationRule (which Istio honours with the Gateway API) carries locality and outlier detection', () => {
    const { app, mesh, reviews } = shop();
    new LocalityAwareFailover(mesh, 'failover', { services: [reviews] });
    const out = synth(app);
    const dr = out.find('east', 'DestinationRule', 'reviews', 'shop');
    expect(dr.spec.subsets).toBeUndefined();
    expect(dr.spec.trafficPolicy.loadBalancer.localityLbSetting.failover).toEqual([{ from: 'us-east', to: 'us-west' }, { from: 'us-west', to: 'us-east' }]);
    expect(dr.spec.trafficPolicy.outlierDetection).toBeDefined();
  });
});

describe('gRPC services render GRPCRoutes', () => {
  function grpc() {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'c1' }], trafficApi: TrafficApi.GATEWAY_API });
    mesh.addNamespace('shop');
    const cart = new MeshService(mesh, 'cart', {
      name: 'cart',
      namespaceName: 'shop',
      ports: [{ port: 50051, protocol: Protocol.GRPC }],
      versions: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }],
    });
    return { app, mesh, cart };
  }

  test('method matches from /<service>/<method> paths, header matches, header modifiers and weighted backends', () => {
    const { app, mesh, cart } = grpc();
    new TrafficRoute(mesh, 'cart-route', {
      service: cart,
      http: [
        { match: [{ uri: StringMatch.exact('/shop.Cart/Checkout'), headers: { 'x-tier': StringMatch.exact('gold') } }], destinations: [{ version: 'v2' }], headers: { request: { set: { 'x-route': 'gold' } } } },
        { match: [{ uri: StringMatch.prefix('/shop.Cart/') }], destinations: [{ version: 'v1', weight: 80 }, { version: 'v2', weight: 20 }] },
      ],
    });
    const out = synth(app);
    expect(out.ofKind('c1', 'HTTPRoute')).toEqual([]);
    expect(out.find('c1', 'GRPCRoute', 'cart', 'shop').spec).toEqual({
      parentRefs: [{ group: '', kind: 'Service', name: 'cart', port: 50051 }],
      rules: [
        {
          matches: [{ method: { service: 'shop.Cart', method: 'Checkout' }, headers: [{ name: 'x-tier', value: 'gold' }] }],
          filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-route', value: 'gold' }] } }],
          backendRefs: [{ name: 'cart-v2', port: 50051 }],
        },
        { matches: [{ method: { service: 'shop.Cart' } }], backendRefs: [{ name: 'cart-v1', port: 50051, weight: 80 }, { name: 'cart-v2', port: 50051, weight: 20 }] },
      ],
    });
  });

  test('a timeout or a non-gRPC path has no GRPCRoute form (MESH-ROUTE-033)', () => {
    const { app, mesh, cart } = grpc();
    new TrafficRoute(mesh, 'cart-route', { service: cart, http: [{ match: [{ uri: StringMatch.prefix('/api') }], destinations: [{ version: 'v1' }], timeout: Duration.seconds(2) }] });
    const message = synthError(app);
    expect(message).toContain('MESH-ROUTE-033 [error] at mesh/cart-route/http[0]/timeout');
    expect(message).toContain('MESH-ROUTE-033 [error] at mesh/cart-route/http[0]/match[0]/uri');
  });
});

describe('TLS listeners and egress gateways', () => {
  test('an HTTPS listener in another namespace than the gateway pods: certificateRefs to the pods\' namespace and a ReferenceGrant there', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'c1' }], trafficApi: TrafficApi.GATEWAY_API });
    mesh.addNamespace('shop');
    const ingress = new IngressGateway(mesh, 'ingress', { ports: [{ name: 'https', port: 443 }, { name: 'tls', port: 8443 }] });
    ingress.addListener('shop-gw', {
      namespaceName: 'shop',
      servers: [
        { port: 443, name: 'https', protocol: Protocol.HTTPS, hosts: ['shop.example.com'], tls: { mode: GatewayTlsMode.SIMPLE, credentialName: 'shop-cert' } },
        { port: 8443, name: 'db', protocol: Protocol.TLS, hosts: ['db.example.com'], tls: { mode: GatewayTlsMode.PASSTHROUGH } },
      ],
    });
    const out = synth(app);
    expect(out.find('c1', 'Gateway', 'shop-gw', 'shop').spec.listeners).toEqual([
      {
        name: 'https',
        hostname: 'shop.example.com',
        port: 443,
        protocol: 'HTTPS',
        tls: { mode: 'Terminate', certificateRefs: [{ name: 'shop-cert', namespace: 'istio-system' }] },
        allowedRoutes: { namespaces: { from: 'All' } },
      },
      { name: 'db', hostname: 'db.example.com', port: 8443, protocol: 'TLS', tls: { mode: 'Passthrough' }, allowedRoutes: { namespaces: { from: 'All' } } },
    ]);
    expect(out.find('c1', 'ReferenceGrant', 'shop-shop-gw', 'istio-system').spec).toEqual({
      from: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'shop' }],
      to: [{ group: '', kind: 'Secret', name: 'shop-cert' }],
    });
  });

  test('an egress gateway listener renders a Gateway bound to the egress Service', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'c1' }], trafficApi: TrafficApi.GATEWAY_API });
    new EgressGateway(mesh, 'egress').addListener('egress', { servers: [{ port: 80, protocol: Protocol.HTTP, hosts: ['edition.cnn.com'] }] });
    const out = synth(app);
    const gateway = out.find('c1', 'Gateway', 'egress', 'istio-system');
    expect(gateway.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(gateway.spec.addresses).toEqual([{ type: 'Hostname', value: 'istio-egressgateway.istio-system.svc.cluster.local' }]);
    expect(gateway.spec.listeners).toEqual([{ name: 'http-80', hostname: 'edition.cnn.com', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }]);
  });

  test('automated deployment of an egress gateway: the Gateway asks Istio for a ClusterIP Service (networking.istio.io/service-type)', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'c1' }], trafficApi: TrafficApi.GATEWAY_API });
    new EgressGateway(mesh, 'egress', { deploymentMode: GatewayDeploymentMode.AUTOMATED })
      .addListener('cnn-egress-gateway', { servers: [{ port: 80, name: 'http', protocol: Protocol.HTTP, hosts: ['./edition.cnn.com'] }] });
    const out = synth(app);
    const gateway = out.find('c1', 'Gateway', 'cnn-egress-gateway', 'istio-system');
    expect(gateway.metadata.annotations).toEqual({ 'networking.istio.io/service-type': 'ClusterIP' });
    expect(gateway.spec).toEqual({
      gatewayClassName: 'istio',
      listeners: [{ name: 'http', hostname: 'edition.cnn.com', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Same' } } }],
    });
    expect(out.ofKind('c1', 'Deployment')).toEqual([]);
  });
});
