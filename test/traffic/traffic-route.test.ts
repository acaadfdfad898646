import { Duration } from 'cdk8s';
import {
  ClientTlsMode, ClusterRole, ExportTo, H2UpgradePolicy, HashAlgorithm, HashKey, IngressGateway, LoadBalancer, Mesh, MeshService, Protocol,
  RetryOn, ServiceEntry, ServiceEntryResolution, StringMatch, TrafficRoute,
} from '../../src';
import { synth, synthError, testApp } from '../util';

function setup(clusters = [{ name: 'a' }, { name: 'b' }] as any[]) {
  const app = testApp();
  const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters });
  const reviews = new MeshService(mesh, 'reviews', {
    name: 'reviews',
    namespaceName: 'shop',
    ports: [{ port: 9080, protocol: Protocol.HTTP }, { port: 5432, protocol: Protocol.TCP }],
    versions: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }],
  });
  return { app, mesh, reviews };
}

describe('TrafficRoute', () => {
  test('renders one VirtualService and one DestinationRule per host in every primary', () => {
    const { app, mesh, reviews } = setup();
    new TrafficRoute(mesh, 'reviews-route', {
      service: reviews,
      http: [
        { match: [{ headers: { cookie: StringMatch.cookie('vip', 'true') } }], destinations: [{ version: 'v2' }] },
        { destinations: [{ version: 'v1', weight: 90 }, { version: 'v2', weight: 10 }], timeout: Duration.seconds(3) },
      ],
    });
    const out = synth(app);
    for (const cluster of ['a', 'b']) {
      const vs = out.find(cluster, 'VirtualService', 'reviews', 'shop');
      expect(vs.spec.hosts).toEqual(['reviews.shop.svc.cluster.local']);
      expect(vs.spec.gateways).toEqual(['mesh']);
      expect(vs.spec.http[0].match[0].headers.cookie.regex).toBe('^(.*?;\\s*)?vip=true(;.*)?$');
      expect(vs.spec.http[1].route).toEqual([
        { destination: { host: 'reviews.shop.svc.cluster.local', subset: 'v1' }, weight: 90 },
        { destination: { host: 'reviews.shop.svc.cluster.local', subset: 'v2' }, weight: 10 },
      ]);
      expect(vs.spec.http[1].timeout).toBe('3s');
      const dr = out.find(cluster, 'DestinationRule', 'reviews', 'shop');
      expect(dr.spec.host).toBe('reviews.shop.svc.cluster.local');
      expect(dr.spec.subsets).toEqual([{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }]);
    }
  });

  test('cookie regex matches the cookie anywhere in the header, and nothing else', () => {
    const re = new RegExp(StringMatch.cookie('vip', 'true').value);
    expect(['vip=true', 'a=1; vip=true', 'vip=true; b=2', 'a=1;vip=true;b=2'].every(c => re.test(c))).toBe(true);
    expect(['vip=false', 'xvip=true', 'vip=trueish'].some(c => re.test(c))).toBe(false);
  });

  test('places config in the config cluster of an external control plane, and honours per-cluster routes', () => {
    const { app, mesh, reviews } = setup([{ name: 'cfg', role: ClusterRole.CONFIG }, { name: 'r1', role: ClusterRole.REMOTE }]);
    new TrafficRoute(mesh, 'r', { service: reviews, http: [{ destinations: [{ version: 'v1' }] }] });
    const out = synth(app);
    expect(out.ofKind('cfg', 'VirtualService').length).toBe(1);
    expect(out.ofKind('r1', 'VirtualService').length).toBe(0);
  });

  test('a route can exist only in some clusters', () => {
    const { app, mesh, reviews } = setup();
    new TrafficRoute(mesh, 'r', {
      service: reviews,
      http: [
        { name: 'only-a', match: [{ uri: StringMatch.prefix('/a') }], directResponse: { status: 418, body: 'teapot' }, clusters: ['a'] },
        { destinations: [{}] },
      ],
    });
    const out = synth(app);
    expect(out.find('a', 'VirtualService', 'reviews').spec.http.map((r: any) => r.name ?? 'default')).toEqual(['only-a', 'default']);
    expect(out.find('a', 'VirtualService', 'reviews').spec.http[0].directResponse).toEqual({ status: 418, body: { string: 'teapot' } });
    expect(out.find('b', 'VirtualService', 'reviews').spec.http.length).toBe(1);
  });

  test('binds to gateways by construct, to the mesh, or both', () => {
    const { app, mesh, reviews } = setup();
    const gw = new IngressGateway(mesh, 'ingress').addListener('public', {
      namespaceName: 'istio-ingress', servers: [{ port: 80, protocol: Protocol.HTTP, hosts: ['*.example.com'] }],
    });
    new TrafficRoute(mesh, 'r', {
      service: reviews,
      hosts: ['reviews.example.com'],
      gateways: [gw],
      mesh: true,
      http: [
        { match: [{ uri: StringMatch.prefix('/api'), gateways: [gw] }], rewrite: { uri: '/' }, destinations: [{ port: 9080 }] },
        { destinations: [{ port: 9080 }] },
      ],
    });
    const vs = synth(app).find('a', 'VirtualService', 'reviews');
    expect(vs.spec.gateways).toEqual(['istio-ingress/public', 'mesh']);
    expect(vs.spec.hosts).toEqual(['reviews.example.com', 'reviews.shop.svc.cluster.local']);
    expect(vs.spec.http[0].match[0].gateways).toEqual(['istio-ingress/public']);
    expect(vs.spec.http[0].rewrite).toEqual({ uri: '/' });
  });

  test('a gateway route and a mesh route for one service share one DestinationRule, owned by the route with policy', () => {
    const { app, mesh, reviews } = setup();
    const gw = new IngressGateway(mesh, 'ingress').addListener('public', {
      namespaceName: 'istio-ingress', servers: [{ port: 80, protocol: Protocol.HTTP, hosts: ['reviews.example.com'] }],
    });
    new TrafficRoute(mesh, 'public', {
      service: reviews, name: 'reviews-public', hosts: ['reviews.example.com'], gateways: [gw], http: [{ destinations: [{ version: 'v1', port: 9080 }] }],
    });
    new TrafficRoute(mesh, 'internal', {
      service: reviews, http: [{ destinations: [{ version: 'v2' }] }], policy: { loadBalancer: LoadBalancer.random() },
    });
    const out = synth(app);
    expect(out.ofKind('a', 'VirtualService').map(v => [v.metadata.name, v.spec.gateways]).sort()).toEqual([
      ['reviews', ['mesh']], ['reviews-public', ['istio-ingress/public']],
    ]);
    const drs = out.ofKind('a', 'DestinationRule');
    expect(drs.length).toBe(1);
    expect(drs[0].spec.trafficPolicy).toEqual({ loadBalancer: { simple: 'RANDOM' } });
    expect(drs[0].spec.subsets.map((s: any) => s.name)).toEqual(['v1', 'v2']);
  });

  test('covers per-route policy: retries, fault, mirror, headers, CORS, redirect, delegate', () => {
    const { app, mesh, reviews } = setup();
    const ratings = MeshService.external(mesh, 'ratings', { name: 'ratings', namespaceName: 'shop', ports: [{ port: 80, protocol: Protocol.HTTP }] });
    new TrafficRoute(mesh, 'r', {
      service: reviews,
      http: [
        { match: [{ uri: StringMatch.exact('/old') }], redirect: { uri: '/new', redirectCode: 308 } },
        { match: [{ uri: StringMatch.prefix('/team') }], delegateTo: { name: 'team-routes' } },
        {
          match: [{ uri: StringMatch.prefix('/f'), method: StringMatch.exact('GET'), queryParams: { debug: StringMatch.exact('1') } }],
          destinations: [{}],
          fault: { delay: { fixedDelay: Duration.millis(1500), percentage: 10 }, abort: { httpStatus: 503, percentage: 5 } },
        },
        {
          match: [{ withoutHeaders: { 'x-skip': StringMatch.exact('1') }, sourceLabels: { app: 'web' }, authority: StringMatch.regex('^shop\\.') }],
          destinations: [{ headers: { request: { set: { 'x-route': 'b' } } } }],
          retries: {
            attempts: 3,
            perTryTimeout: Duration.seconds(2),
            retryOn: [RetryOn.GATEWAY_ERROR, RetryOn.CONNECT_FAILURE, RetryOn.statusCode(503)],
          },
          timeout: Duration.seconds(10),
          mirror: { destination: { service: ratings }, percentage: 25 },
          headers: { request: { add: { 'x-a': '1' } }, response: { remove: ['server'] } },
          cors: { allowOrigins: [StringMatch.exact('https://shop.example')], allowMethods: ['GET'], maxAge: Duration.hours(1) },
        },
        { destinations: [{}] },
      ],
    });
    const http = synth(app).find('a', 'VirtualService', 'reviews').spec.http;
    expect(http[0].redirect).toEqual({ uri: '/new', redirectCode: 308 });
    expect(http[1].delegate).toEqual({ name: 'team-routes', namespace: 'shop' });
    expect(http[2].fault).toEqual({ delay: { fixedDelay: '1500ms', percentage: { value: 10 } }, abort: { httpStatus: 503, percentage: { value: 5 } } });
    expect(http[2].match[0].queryParams).toEqual({ debug: { exact: '1' } });
    expect(http[3].retries).toEqual({ attempts: 3, perTryTimeout: '2s', retryOn: 'gateway-error,connect-failure,503' });
    expect(http[3].mirror).toEqual({ host: 'ratings.shop.svc.cluster.local' });
    expect(http[3].mirrorPercentage).toEqual({ value: 25 });
    expect(http[3].route[0].headers).toEqual({ request: { set: { 'x-route': 'b' } } });
    expect(http[3].headers).toEqual({ request: { add: { 'x-a': '1' } }, response: { remove: ['server'] } });
    expect(http[3].corsPolicy).toEqual({ allowOrigins: [{ exact: 'https://shop.example' }], allowMethods: ['GET'], maxAge: '3600s' });
    expect(http[3].match[0].withoutHeaders).toEqual({ 'x-skip': { exact: '1' } });
  });

  test('SNI hosts are checked like route hosts (MESH-ROUTE-028)', () => {
    const { app, mesh, reviews } = setup();
    new TrafficRoute(mesh, 'r', { service: reviews, tls: [{ sniHosts: ['db.*'], destinations: [{}] }] });
    expect(synthError(app)).toMatch(/MESH-ROUTE-028 \[error\] at mesh\/r\/tls\[0\]\/sniHosts: A route host is not a valid DNS name[^\n]*Value: "db\.\*"/);
  });

  test('TCP and TLS routes with weights', () => {
    const { app, mesh, reviews } = setup();
    new ServiceEntry(mesh, 'db', { namespaceName: 'shop', hosts: ['db.example.com'], resolution: ServiceEntryResolution.DNS, ports: [{ number: 443, protocol: Protocol.TLS, name: 'tls' }] });
    new TrafficRoute(mesh, 'r', {
      service: reviews,
      tcp: [{ port: 5432, destinations: [{ version: 'v1', weight: 80, port: 5432 }, { version: 'v2', weight: 20, port: 5432 }] }],
      tls: [{ sniHosts: ['db.example.com'], port: 443, destinations: [{ host: 'db.example.com', port: 443 }] }],
    });
    const vs = synth(app).find('a', 'VirtualService', 'reviews');
    expect(vs.spec.tcp).toEqual([{
      match: [{ port: 5432 }],
      route: [
        { destination: { host: 'reviews.shop.svc.cluster.local', subset: 'v1', port: { number: 5432 } }, weight: 80 },
        { destination: { host: 'reviews.shop.svc.cluster.local', subset: 'v2', port: { number: 5432 } }, weight: 20 },
      ],
    }]);
    expect(vs.spec.tls).toEqual([{ match: [{ sniHosts: ['db.example.com'], port: 443 }], route: [{ destination: { host: 'db.example.com', port: { number: 443 } } }] }]);
  });

  test('destination policy for the host, per port and per version', () => {
    const { app, mesh, reviews } = setup();
    new TrafficRoute(mesh, 'r', {
      service: reviews,
      exportTo: ExportTo.sameNamespace(),
      policy: {
        loadBalancer: LoadBalancer.consistentHash(HashKey.cookie('session', { path: '/', ttl: Duration.minutes(30) }), HashAlgorithm.ringHash(1024)),
        connectionPool: {
          tcp: {
            maxConnections: 100,
            connectTimeout: Duration.millis(250),
            keepalive: { time: Duration.minutes(2), interval: Duration.seconds(30), probes: 3 },
            maxConnectionDuration: Duration.hours(1),
            idleTimeout: Duration.minutes(5),
          },
          http: {
            http1MaxPendingRequests: 10,
            http2MaxRequests: 100,
            maxRequestsPerConnection: 1,
            maxRetries: 3,
            idleTimeout: Duration.seconds(30),
            h2UpgradePolicy: H2UpgradePolicy.UPGRADE,
            useClientProtocol: false,
            maxConcurrentStreams: 50,
          },
        },
        outlierDetection: {
          consecutive5xxErrors: 5,
          consecutiveGatewayErrors: 3,
          interval: Duration.seconds(10),
          baseEjectionTime: Duration.seconds(30),
          maxEjectionPercent: 50,
          minHealthPercent: 20,
        },
        tls: { mode: ClientTlsMode.ISTIO_MUTUAL },
      },
      portPolicies: [{ port: 5432, loadBalancer: LoadBalancer.leastRequest() }],
      versionPolicies: [{ version: 'v2', policy: { loadBalancer: LoadBalancer.consistentHash(HashKey.header('x-user'), HashAlgorithm.maglev(65537)) } }],
    });
    const dr = synth(app).find('b', 'DestinationRule', 'reviews');
    expect(dr.spec.exportTo).toEqual(['.']);
    const tp = dr.spec.trafficPolicy;
    expect(tp.loadBalancer).toEqual({ consistentHash: { httpCookie: { name: 'session', path: '/', ttl: '1800s' }, ringHash: { minimumRingSize: 1024 } } });
    expect(tp.connectionPool.tcp).toEqual({
      maxConnections: 100, connectTimeout: '250ms', tcpKeepalive: { time: '120s', interval: '30s', probes: 3 }, maxConnectionDuration: '3600s', idleTimeout: '300s',
    });
    expect(tp.connectionPool.http.h2UpgradePolicy).toBe('UPGRADE');
    expect(tp.outlierDetection).toEqual({ consecutive5xxErrors: 5, consecutiveGatewayErrors: 3, interval: '10s', baseEjectionTime: '30s', maxEjectionPercent: 50, minHealthPercent: 20 });
    expect(tp.outlierDetection.consecutiveErrors).toBeUndefined();
    expect(tp.tls).toEqual({ mode: 'ISTIO_MUTUAL' });
    expect(tp.portLevelSettings).toEqual([{ port: { number: 5432 }, loadBalancer: { simple: 'LEAST_REQUEST' } }]);
    expect(dr.spec.subsets[1].trafficPolicy).toEqual({ loadBalancer: { consistentHash: { httpHeaderName: 'x-user', maglev: { tableSize: 65537 } } } });
  });
});
