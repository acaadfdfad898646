import { Duration } from 'cdk8s';
import { findings, newMesh, ofRule } from './fixtures';
import {
  AuthorizationAction, AuthorizationPolicy, CanaryRelease, ClientTlsMode, IngressGateway, LocalRateLimit, MeshService, PolicyScope, Protocol,
  ServiceEntry, ServiceEntryLocation, ServiceEntryResolution, TrafficRoute,
} from '../../src';
import { synth } from '../util';

const HTTP = [{ port: 8080, protocol: Protocol.HTTP }];

describe('what the library emits passes its own analysis', () => {
  test('ClientTls SIMPLE verifies the server with the system CA bundle unless told otherwise (IST0128)', () => {
    const f = newMesh();
    const api = MeshService.external(f.mesh, 'api', { name: 'api', namespace: 'shop', ports: [{ port: 443, protocol: Protocol.TLS }] });
    new TrafficRoute(f.mesh, 'api-tls', { service: api, policy: { tls: { mode: ClientTlsMode.SIMPLE, sni: 'api.shop', subjectAltNames: ['api.shop'] } } });
    const pinned = MeshService.external(f.mesh, 'pinned', { name: 'pinned', namespace: 'shop', ports: [{ port: 443, protocol: Protocol.TLS }] });
    new TrafficRoute(f.mesh, 'pinned-tls', { service: pinned, policy: { tls: { mode: ClientTlsMode.SIMPLE, caCertificates: '/etc/certs/pinned-ca.pem' } } });
    const out = synth(f.app);
    expect(out.find('c1', 'DestinationRule', 'api', 'shop').spec.trafficPolicy.tls)
      .toEqual({ mode: 'SIMPLE', caCertificates: '/etc/ssl/certs/ca-certificates.crt', sni: 'api.shop', subjectAltNames: ['api.shop'] });
    expect(out.find('c1', 'DestinationRule', 'pinned', 'shop').spec.trafficPolicy.tls.caCertificates).toBe('/etc/certs/pinned-ca.pem');
    expect(ofRule(f.mesh.diagnostics.all, 'MESH-ANA-022')).toEqual([]);
  });

  test('LocalRateLimit inserts before the router with priority 10 by default, or the given priority (IST0151)', () => {
    const f = newMesh();
    const web = new MeshService(f.mesh, 'web', { name: 'web', namespace: 'shop', ports: HTTP });
    new LocalRateLimit(f.mesh, 'default-priority', { workload: web, maxTokens: 10, fillInterval: Duration.seconds(1) });
    new LocalRateLimit(f.mesh, 'own-priority', { workload: web, maxTokens: 10, fillInterval: Duration.seconds(1), priority: 3 });
    const out = synth(f.app);
    expect(out.find('c1', 'EnvoyFilter', 'default-priority', 'shop').spec.priority).toBe(10);
    expect(out.find('c1', 'EnvoyFilter', 'own-priority', 'shop').spec.priority).toBe(3);
    expect(ofRule(f.mesh.diagnostics.all, 'MESH-ANA-034')).toEqual([]);
  });

  test('gateway compression has an explicit priority (IST0151)', () => {
    const f = newMesh();
    new IngressGateway(f.mesh, 'ingress', { compression: { gzip: {} } });
    const out = synth(f.app);
    const filters = out.ofKind('c1', 'EnvoyFilter');
    expect(filters.map(e => e.spec.priority)).toEqual([10]);
    expect(ofRule(f.mesh.diagnostics.all, 'MESH-ANA-034')).toEqual([]);
  });

  test('a canary splits the gateway-bound route of its service too (IST0140)', () => {
    const f = newMesh();
    const frontend = new MeshService(f.mesh, 'frontend', {
      name: 'frontend', namespace: 'shop', ports: HTTP, versions: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }],
    });
    const ingress = new IngressGateway(f.mesh, 'ingress');
    const gateway = ingress.addListener('shop', { namespace: 'shop', servers: [{ port: 80, name: 'http', protocol: Protocol.HTTP, hosts: ['shop.example.com'] }] });
    new TrafficRoute(f.mesh, 'edge', { service: frontend, name: 'edge', hosts: ['shop.example.com'], gateways: [gateway], mesh: false, http: [{ destinations: [{}] }] });
    new CanaryRelease(f.mesh, 'canary', { service: frontend, stableVersion: 'v1', canaryVersion: 'v2', steps: [20, 100] });
    const out = synth(f.app);
    const edge = out.find('c1', 'VirtualService', 'edge', 'shop').spec;
    expect(edge.gateways).toEqual(['shop/shop']);
    expect(edge.http.map((r: any) => r.route.map((d: any) => [d.destination.subset, d.weight]))).toEqual([[['v1', 80], ['v2', 20]]]);
    expect(ofRule(f.mesh.diagnostics.all, 'MESH-ANA-028')).toEqual([]);
  });

  test('MESH-SEC-019: a policy on an external service needs its selector or an explicit namespace scope', () => {
    const f = newMesh();
    const legacy = MeshService.external(f.mesh, 'legacy', { name: 'legacy', namespace: 'shop', ports: HTTP });
    const policy = new AuthorizationPolicy(f.mesh, 'deny-legacy', { workload: legacy, action: AuthorizationAction.DENY, rules: [{}] });
    const { failed, diagnostics } = findings(f.app, f.mesh);
    expect(failed).toBe(true);
    expect(ofRule(diagnostics, 'MESH-SEC-019').map(d => [d.path, d.value])).toEqual([[policy.node.path, '"shop"']]);
  });

  test('a policy on an external service uses its declared selector, or applies namespace-wide when asked', () => {
    const f = newMesh();
    const legacy = MeshService.external(f.mesh, 'legacy', { name: 'legacy', namespace: 'shop', ports: HTTP, selector: { app: 'legacy' } });
    const other = MeshService.external(f.mesh, 'other', { name: 'other', namespace: 'ops', ports: HTTP });
    new AuthorizationPolicy(f.mesh, 'deny-legacy', { workload: legacy, action: AuthorizationAction.DENY, rules: [{}] });
    new AuthorizationPolicy(f.mesh, 'deny-ops', { workload: other, scope: PolicyScope.NAMESPACE, action: AuthorizationAction.DENY, rules: [{}] });
    const out = synth(f.app);
    expect(out.find('c1', 'AuthorizationPolicy', 'deny-legacy', 'shop').spec.selector).toEqual({ matchLabels: { app: 'legacy' } });
    expect(out.find('c1', 'AuthorizationPolicy', 'deny-ops', 'ops').spec.selector).toBeUndefined();
  });

  test('a TCP ServiceEntry with addresses passes; without, MESH-ANA-026 names the construct (IST0134)', () => {
    const f = newMesh();
    const db = new ServiceEntry(f.mesh, 'db', {
      namespace: 'shop',
      hosts: ['db.example.com'],
      location: ServiceEntryLocation.MESH_EXTERNAL,
      resolution: ServiceEntryResolution.DNS,
      ports: [{ number: 5432, protocol: Protocol.TCP, name: 'tcp-pg' }],
    });
    new ServiceEntry(f.mesh, 'cache', {
      namespace: 'shop',
      hosts: ['cache.example.com'],
      addresses: ['203.0.113.7'],
      resolution: ServiceEntryResolution.DNS,
      ports: [{ number: 6379, protocol: Protocol.TCP, name: 'tcp-redis' }],
    });
    const { diagnostics } = findings(f.app, f.mesh);
    expect(ofRule(diagnostics, 'MESH-ANA-026').map(d => d.path)).toEqual([db.node.path]);
  });
});
