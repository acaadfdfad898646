import { Duration } from 'cdk8s';
import {
  ClientTlsMode, ClusterRole, HashKey, IngressGateway, LoadBalancer, Mesh, MeshApp, MeshService, Protocol, RetryOn, Severity, StringMatch,
  TrafficApi, TrafficRoute, TrafficRouteProps, ValidationRules,
} from '../../src';
import { synth, synthError, testApp } from '../util';

interface World {
  readonly app: MeshApp;
  readonly mesh: Mesh;
  readonly svc: MeshService;
  readonly db: MeshService;
}

function world(clusters: any[] = [{ name: 'a' }, { name: 'r', role: ClusterRole.REMOTE }, { name: 'c' }]): World {
  const app = testApp();
  const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters });
  const svc = new MeshService(mesh, 'web', {
    name: 'web',
    namespaceName: 'shop',
    ports: [{ port: 80, protocol: Protocol.HTTP }, { port: 5432, protocol: Protocol.TCP }],
    versions: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }],
  });
  const db = new MeshService(mesh, 'db', { name: 'db', namespaceName: 'shop', ports: [{ port: 5432, protocol: Protocol.TCP }] });
  return { app, mesh, svc, db };
}

function route(w: World, props: Partial<TrafficRouteProps>): TrafficRoute {
  return new TrafficRoute(w.mesh, 'route', { service: w.svc, ...props });
}

const catchAll = { destinations: [{}] };

/** A real ingress gateway in `clusters` with one HTTP listener `namespace/name` for `hosts`. */
function listener(w: World, reference: string, hosts: string[], clusters: string[]) {
  const [namespace, name] = reference.split('/');
  const ingress = new IngressGateway(w.mesh, `ingress-${name}`, { clusters });
  return ingress.addListener(name, { namespaceName: namespace, servers: [{ port: 80, name: 'http', protocol: Protocol.HTTP, hosts }] });
}

/**
 * Each case builds a failing input and names the rule, the path of the offending value and the value itself.
 * Errors must fail synthesis with nothing written; warnings must be reported without failing.
 */
const cases: Array<[string, (w: World) => void, string, string]> = [
  ['MESH-ROUTE-001', w => route(w, { http: [{ destinations: [{ version: 'v9' }] }] }), 'mesh/route/http[0]/destinations', '"v9"'],
  ['MESH-ROUTE-002', w => route(w, { http: [{ destinations: [{ version: 'v1', weight: 50.5 }, { version: 'v2', weight: 49.5 }] }] }),
    'mesh/route/http[0]/destinations', '50.5'],
  ['MESH-ROUTE-003', w => route(w, { http: [{ destinations: [{ version: 'v1', weight: 30 }, { version: 'v2', weight: 60 }] }] }),
    'mesh/route/http[0]/destinations', '[30,60]'],
  ['MESH-ROUTE-004', w => {
    const gw = listener(w, 'helloworld/helloworld-gateway', ['hello.m.daocloud'], ['a']);
    route(w, { gateways: [gw], clusters: ['a'], http: [catchAll] });
  }, 'mesh/route/gateways', '["web.shop.svc.cluster.local"]'],
  ['MESH-ROUTE-005', w => route(w, { http: [catchAll, { match: [{ uri: StringMatch.prefix('/api') }], destinations: [{}] }] }),
    'mesh/route/http[0]', '0'],
  ['MESH-ROUTE-006', w => route(w, {
    http: [
      { match: [{ uri: StringMatch.prefix('/usrv') }], destinations: [{ version: 'v1' }] },
      { match: [{ uri: StringMatch.prefix('/usrv-expand') }], destinations: [{ version: 'v2' }] },
      catchAll,
    ],
  }), 'mesh/route/http[1]', '["/usrv-expand"]'],
  ['MESH-ROUTE-007', w => route(w, { http: [{ match: [{ headers: { UserID: StringMatch.exact('1') } }], destinations: [{}] }, catchAll] }),
    'mesh/route/http[0]/match[0]/headers', '"UserID"'],
  ['MESH-ROUTE-008', w => route(w, { http: [{ match: [{ uri: StringMatch.regex('/a(?=b)') }], destinations: [{}] }, catchAll] }),
    'mesh/route/http[0]/match[0]', '"/a(?=b)"'],
  ['MESH-ROUTE-009', w => route(w, {
    http: [{ destinations: [{}], timeout: Duration.seconds(3), fault: { delay: { fixedDelay: Duration.seconds(7) } } }],
  }), 'mesh/route/http[0]', '["timeout"]'],
  ['MESH-ROUTE-010', w => route(w, {
    http: [{ destinations: [{}], timeout: Duration.seconds(5), retries: { attempts: 3, perTryTimeout: Duration.seconds(2) } }],
  }), 'mesh/route/http[0]/retries', '"3 × 2000ms > 5000ms"'],
  ['MESH-ROUTE-011', w => route(w, { http: [{ destinations: [{}], redirect: { uri: '/new' } }] }), 'mesh/route/http[0]', '["route","redirect"]'],
  ['MESH-ROUTE-012', w => route(w, { http: [{ redirect: { uri: '/new' }, rewrite: { uri: '/x' } }] }), 'mesh/route/http[0]', '["rewrite","redirect"]'],
  ['MESH-ROUTE-013', w => new TrafficRoute(w.mesh, 'route', { service: w.db, http: [{ destinations: [{}], timeout: Duration.seconds(1) }] }),
    'mesh/route/http[0]', '["5432/TCP"]'],
  ['MESH-ROUTE-014', w => route(w, { http: [{ name: 'ratings', retries: { attempts: 0 } }] }), 'mesh/route/http[0]', '"ratings"'],
  ['MESH-ROUTE-015', w => route(w, { http: [{ destinations: [{}], retries: { attempts: 2, retryOn: [RetryOn.of('retrievable-status-codes')] } }] }), 'RetryOn.of(token)', '"retrievable-status-codes"'],
  ['MESH-ROUTE-016', w => {
    route(w, { http: [catchAll] });
    new TrafficRoute(w.mesh, 'second', { service: w.svc, http: [{ destinations: [{ version: 'v2' }] }] });
  }, 'mesh/second/hosts', '"web.shop.svc.cluster.local"'],
  ['MESH-ROUTE-017', w => {
    route(w, { policy: { loadBalancer: LoadBalancer.random() } });
    new TrafficRoute(w.mesh, 'second', { service: w.svc, policy: { loadBalancer: LoadBalancer.roundRobin() } });
  }, 'mesh/second', '"web.shop.svc.cluster.local"'],
  ['MESH-ROUTE-018', w => route(w, { http: [{ match: [{ headers: { cookie: StringMatch.cookie('vip', 'true') } }], destinations: [{}] }] }),
    'mesh/route/http[0]', '0'],
  ['MESH-ROUTE-019', w => route(w, { policy: { locality: { failover: [{ fromRegion: 'us-east', toRegion: 'us-west' }] } } }), 'mesh/route/policy', '"locality"'],
  ['MESH-ROUTE-020', w => route(w, { policy: { connectionPool: { tcp: { maxConnections: 1 } } } }), 'mesh/route/policy/connectionPool', '1'],
  ['MESH-ROUTE-021', w => route(w, {
    policy: {
      loadBalancer: LoadBalancer.consistentHash(HashKey.sourceIp()),
      locality: { enabled: true },
      outlierDetection: { consecutive5xxErrors: 1 },
    },
  }), 'mesh/route/policy', '"consistentHash"'],
  ['MESH-ROUTE-022', w => route(w, { portPolicies: [{ port: 80 }] }), 'mesh/route/portPolicies[80]', '80'],
  ['MESH-ROUTE-023', w => new TrafficRoute(w.mesh, 'route', { service: w.db }), 'mesh/route', '"db"'],
  ['MESH-ROUTE-024', w => route(w, { http: [{ destinations: [{}], mirror: { destination: {}, percentage: 150 } }] }), 'mesh/route/http[0]/mirror', '150'],
  ['MESH-ROUTE-025', w => route(w, { clusters: ['a', 'r'], http: [catchAll] }), 'mesh/route/clusters', '"r"'],
  ['MESH-ROUTE-026', w => route(w, { http: [{ redirect: { uri: '/new', redirectCode: 200 } }] }), 'mesh/route/http[0]/redirect', '200'],
  ['MESH-ROUTE-027', w => route(w, { mesh: false, http: [catchAll] }), 'mesh/route', '["web.shop.svc.cluster.local"]'],
  ['MESH-ROUTE-028', w => {
    const gw = listener(w, 'base/frontend-gw', ['*'], ['a']);
    route(w, { hosts: ['*.*'], gateways: [gw], clusters: ['a'], http: [catchAll] });
  }, 'mesh/route/hosts', '"*.*"'],
  ['MESH-ROUTE-029', w => route(w, { policy: { tls: { mode: ClientTlsMode.MUTUAL } } }), 'mesh/route/policy/tls', '"MUTUAL"'],
  ['MESH-ROUTE-030', w => {
    const gw = listener(w, 'istio-ingress/public', ['*'], ['c']);
    route(w, { gateways: [gw], clusters: ['a'], http: [catchAll] });
  }, 'mesh/route/gateways', '"istio-ingress/public"'],
  ['MESH-ROUTE-031', w => {
    const other = new MeshService(w.mesh, 'api', {
      name: 'api', namespaceName: 'shop', ports: [{ port: 80, protocol: Protocol.HTTP }], versions: [{ name: 'v2', labels: { version: 'v2' } }],
    });
    route(w, { http: [{ destinations: [{ service: other, version: 'v2' }] }] });
  }, 'mesh/route/destinations', '"api/v2"'],
  ['MESH-ROUTE-032', w => route(w, {
    policy: {
      locality: { distribute: [{ fromLocality: 'region1/zone1/*', toLocalities: { 'region1/zone1/*': 80, 'region1/zone2/*': 10 } }] },
      outlierDetection: { consecutive5xxErrors: 1 },
    },
  }), 'mesh/route/policy/locality', '["region1/zone1/*"]'],
  ['MESH-ROUTE-033', w => route(w, { trafficApi: TrafficApi.GATEWAY_API, http: [{ destinations: [{ version: 'v1' }], directResponse: { status: 503 } }] }),
    'mesh/route/http[0]/directResponse', '{"status":503}'],
  ['MESH-ROUTE-034', w => {
    const web = new IngressGateway(w.mesh, 'gw', { trafficApi: TrafficApi.GATEWAY_API }).addListener('web', { servers: [{ port: 80, protocol: Protocol.HTTP, hosts: ['web.example.com'] }] });
    route(w, { hosts: ['web.example.com'], gateways: [web], http: [catchAll] });
  }, 'mesh/route/gateways', '"istio-system/web"'],
];

describe('route rules', () => {
  test.each(cases)('%s', (id, build, path, value) => {
    const rule = ValidationRules.byId(id);
    const w = world();
    // a mistake in a value checked where it enters (e.g. RetryOn.of) throws there
    const thrown = (() => { try { build(w); return undefined; } catch (e) { return (e as Error).message; } })();
    if (rule.severity === Severity.ERROR) {
      const message = thrown ?? synthError(w.app);
      expect(message).toContain(`${id} [error] at ${path}: ${rule.message}`);
      expect(message).toMatch(new RegExp(`${id} \\[error\\] at ${escape(path)}: [^\\n]*Value: ${escape(value)}\\. Fix:`));
    } else {
      synth(w.app);
      const found = w.mesh.diagnostics.warnings.filter(d => d.rule.id === id);
      expect(found.map(d => ({ path: d.path, value: d.value, message: d.rule.message }))).toEqual([{ path, value, message: rule.message }]);
    }
  });

  test('retryOn as Istio reads it: comma-separated parts, status codes Go names (MESH-ROUTE-015)', () => {
    expect(RetryOn.of('5xx,retriable-headers,409').isValid).toBe(true);
    expect(RetryOn.statusCode(503).token).toBe('503');
    expect(() => RetryOn.of('reset, 503')).toThrow('MESH-ROUTE-015 [error] at RetryOn.of(token): A retryOn condition is not a token Istio accepts. Value: "reset, 503".');
    expect(() => RetryOn.statusCode(599)).toThrow('MESH-ROUTE-015 [error] at RetryOn.statusCode(code): A retryOn condition is not a token Istio accepts. Value: 599.');
  });

  test('every route rule has a case here', () => {
    const ids = ValidationRules.all().map(r => r.id).filter(id => id.startsWith('MESH-ROUTE-'));
    expect(cases.map(c => c[0]).sort()).toEqual(ids.sort());
  });

  test('hash header names must be lower-case too (MESH-ROUTE-007, TCM S7 `UserID`)', () => {
    const w = world();
    route(w, { policy: { loadBalancer: LoadBalancer.consistentHash(HashKey.header('UserID')) } });
    expect(synthError(w.app)).toContain('MESH-ROUTE-007 [error] at mesh/route/policy/loadBalancer: Header names in matches and hash keys must be lower-case. Value: "UserID".');
  });

  test('HTTP pool limits on a TCP port are rejected (MESH-ROUTE-013)', () => {
    const w = world();
    route(w, { portPolicies: [{ port: 5432, connectionPool: { http: { http2MaxRequests: 10, http1MaxPendingRequests: 10 } } }] });
    expect(synthError(w.app)).toContain('MESH-ROUTE-013 [error] at mesh/route/portPolicies[5432]: An HTTP-only feature is used on a port whose protocol is not HTTP (TCP, TLS or opaque). Value: ["connectionPool.http"].');
  });

  test('MUTUAL client TLS with certificate and key files mounted into the sidecar needs no credentialName, and still verifies the server', () => {
    const w = world();
    route(w, { policy: { tls: { mode: ClientTlsMode.MUTUAL, clientCertificate: '/etc/certs/client.pem', privateKey: '/etc/certs/client-key.pem', sni: 'web.example.com' } } });
    const out = synth(w.app);
    expect(out.find('a', 'DestinationRule', 'web', 'shop').spec.trafficPolicy.tls).toEqual({
      mode: 'MUTUAL',
      clientCertificate: '/etc/certs/client.pem',
      privateKey: '/etc/certs/client-key.pem',
      caCertificates: '/etc/ssl/certs/ca-certificates.crt',
      sni: 'web.example.com',
    });
    expect(w.mesh.diagnostics.all.filter(d => d.rule.id === 'MESH-ROUTE-029')).toEqual([]);
  });

  test.each<[{ clientCertificate?: string; privateKey?: string }, string]>([
    [{ privateKey: '/etc/certs/client-key.pem' }, 'a key without its certificate'],
    [{ clientCertificate: '/etc/certs/client.pem' }, 'a certificate without its key'],
  ])('MUTUAL client TLS with %o is MESH-ROUTE-029 (%s)', tls => {
    const w = world();
    route(w, { policy: { tls: { mode: ClientTlsMode.MUTUAL, ...tls } } });
    expect(synthError(w.app)).toContain('MESH-ROUTE-029 [error] at mesh/route/policy/tls:');
  });

  test('a credentialName beside certificate files is MESH-VAL-031, as Istio\'s webhook rejects it', () => {
    const w = world();
    expect(() => route(w, { policy: { tls: { mode: ClientTlsMode.MUTUAL, credentialName: 'web-client', clientCertificate: '/etc/certs/client.pem' } } }))
      .toThrow(/MESH-VAL-031 \[error\] at mesh\/route\/policy\/tls: .*Value: \["credentialName","clientCertificate"\]/);
  });

  test('a valid route reports nothing', () => {
    const w = world();
    route(w, {
      http: [
        { match: [{ uri: StringMatch.prefix('/usrv-expand') }], destinations: [{ version: 'v2' }] },
        { match: [{ uri: StringMatch.prefix('/usrv') }], destinations: [{ version: 'v1' }] },
        { destinations: [{ version: 'v1', weight: 50 }, { version: 'v2', weight: 50 }], timeout: Duration.seconds(6), retries: { attempts: 2, perTryTimeout: Duration.seconds(2) } },
      ],
      policy: { connectionPool: { tcp: { maxConnections: 1 }, http: { http1MaxPendingRequests: 1 } } },
    });
    synth(w.app);
    expect(w.mesh.diagnostics.all).toEqual([]);
  });
});

function escape(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}
