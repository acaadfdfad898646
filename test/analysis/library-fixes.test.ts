import { Duration } from 'cdk8s';
import { findings, net, newMesh, ofRule } from './fixtures';
import {
  AuthorizationAction, AuthorizationPolicy, CanaryRelease, ClientTlsMode, ClusterRole, EastWestGateway, ExternalIstiodAddressType, IngressGateway,
  LocalRateLimit, Mesh, MeshService, MeshTopology, PolicyScope, Protocol, ServiceEntry, ServiceEntryLocation, ServiceEntryResolution, Severity,
  TrafficRoute,
} from '../../src';
import { artifact } from '../controlplane/helpers';
import { synth, testApp } from '../util';

const HTTP = [{ port: 8080, protocol: Protocol.HTTP }];

describe('what the library emits passes its own analysis', () => {
  test('ClientTls SIMPLE verifies the server with the system CA bundle unless told otherwise (IST0128)', () => {
    const f = newMesh();
    const api = MeshService.external(f.mesh, 'api', { name: 'api', namespaceName: 'shop', ports: [{ port: 443, protocol: Protocol.TLS }] });
    new TrafficRoute(f.mesh, 'api-tls', { service: api, policy: { tls: { mode: ClientTlsMode.SIMPLE, sni: 'api.shop', subjectAltNames: ['api.shop'] } } });
    const pinned = MeshService.external(f.mesh, 'pinned', { name: 'pinned', namespaceName: 'shop', ports: [{ port: 443, protocol: Protocol.TLS }] });
    new TrafficRoute(f.mesh, 'pinned-tls', { service: pinned, policy: { tls: { mode: ClientTlsMode.SIMPLE, caCertificates: '/etc/certs/pinned-ca.pem' } } });
    const out = synth(f.app);
    expect(out.find('c1', 'DestinationRule', 'api', 'shop').spec.trafficPolicy.tls)
      .toEqual({ mode: 'SIMPLE', caCertificates: '/etc/ssl/certs/ca-certificates.crt', sni: 'api.shop', subjectAltNames: ['api.shop'] });
    expect(out.find('c1', 'DestinationRule', 'pinned', 'shop').spec.trafficPolicy.tls.caCertificates).toBe('/etc/certs/pinned-ca.pem');
    expect(ofRule(f.mesh.diagnostics.all, 'MESH-ANA-022')).toEqual([]);
  });

  test('LocalRateLimit inserts before the router with priority 10 by default, or the given priority (IST0151)', () => {
    const f = newMesh();
    const web = new MeshService(f.mesh, 'web', { name: 'web', namespaceName: 'shop', ports: HTTP });
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
      name: 'frontend', namespaceName: 'shop', ports: HTTP, versions: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }],
    });
    const ingress = new IngressGateway(f.mesh, 'ingress');
    const gateway = ingress.addListener('shop', { namespaceName: 'shop', servers: [{ port: 80, name: 'http', protocol: Protocol.HTTP, hosts: ['shop.example.com'] }] });
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
    const legacy = MeshService.external(f.mesh, 'legacy', { name: 'legacy', namespaceName: 'shop', ports: HTTP });
    const policy = new AuthorizationPolicy(f.mesh, 'deny-legacy', { workload: legacy, action: AuthorizationAction.DENY, rules: [{}] });
    const { failed, diagnostics } = findings(f.app, f.mesh);
    expect(failed).toBe(true);
    expect(ofRule(diagnostics, 'MESH-SEC-019').map(d => [d.path, d.value])).toEqual([[policy.node.path, '"shop"']]);
  });

  test('a policy on an external service uses its declared selector, or applies namespace-wide when asked', () => {
    const f = newMesh();
    const legacy = MeshService.external(f.mesh, 'legacy', { name: 'legacy', namespaceName: 'shop', ports: HTTP, selector: { app: 'legacy' } });
    const other = MeshService.external(f.mesh, 'other', { name: 'other', namespaceName: 'ops', ports: HTTP });
    new AuthorizationPolicy(f.mesh, 'deny-legacy', { workload: legacy, action: AuthorizationAction.DENY, rules: [{}] });
    new AuthorizationPolicy(f.mesh, 'deny-ops', { workload: other, policyScope: PolicyScope.NAMESPACE, action: AuthorizationAction.DENY, rules: [{}] });
    const out = synth(f.app);
    expect(out.find('c1', 'AuthorizationPolicy', 'deny-legacy', 'shop').spec.selector).toEqual({ matchLabels: { app: 'legacy' } });
    expect(out.find('c1', 'AuthorizationPolicy', 'deny-ops', 'ops').spec.selector).toBeUndefined();
  });

  test('a TCP ServiceEntry with addresses passes; without, MESH-ANA-026 names the construct (IST0134)', () => {
    const f = newMesh();
    const db = new ServiceEntry(f.mesh, 'db', {
      namespaceName: 'shop',
      hosts: ['db.example.com'],
      location: ServiceEntryLocation.MESH_EXTERNAL,
      resolution: ServiceEntryResolution.DNS,
      ports: [{ number: 5432, protocol: Protocol.TCP, name: 'tcp-pg' }],
    });
    new ServiceEntry(f.mesh, 'cache', {
      namespaceName: 'shop',
      hosts: ['cache.example.com'],
      addresses: ['203.0.113.7'],
      resolution: ServiceEntryResolution.DNS,
      ports: [{ number: 6379, protocol: Protocol.TCP, name: 'tcp-redis' }],
    });
    const { diagnostics } = findings(f.app, f.mesh);
    expect(ofRule(diagnostics, 'MESH-ANA-026').map(d => d.path)).toEqual([db.node.path]);
  });

  test('jwksBlockedCidrs reaches istiod: primaries (istioctl and Helm) and an external istiod (IST0175)', () => {
    const meshConfig = { jwksBlockedCidrs: ['10.0.0.0/8', '169.254.169.254/32'] };
    const blocked = '10.0.0.0/8,169.254.169.254/32';
    const primary = newMesh({ topology: MeshTopology.MULTI_PRIMARY, meshConfig });
    const out = synth(primary.app);
    expect(artifact(out, 'c1/istioctl/istio-operator.yaml').spec.values.pilot.env).toEqual({ BLOCKED_CIDRS_IN_JWKS_URIS: blocked });
    expect(artifact(out, 'c1/helm/istiod.values.yaml').env).toEqual({ BLOCKED_CIDRS_IN_JWKS_URIS: blocked });

    const app = testApp();
    new Mesh(app, 'mesh', {
      meshId: 'm',
      topology: MeshTopology.EXTERNAL_CONTROL_PLANE,
      rootNamespace: 'external-istiod',
      meshConfig,
      clusters: [{ name: 'external', role: ClusterRole.EXTERNAL }, { name: 'c1', role: ClusterRole.CONFIG, workloads: true }],
    });
    const external = synth(app);
    const iop = artifact(external, 'external/istioctl/istio-operator.yaml');
    expect(iop.spec.components.pilot.k8s.env).toContainEqual({ name: 'BLOCKED_CIDRS_IN_JWKS_URIS', value: blocked });
    expect(artifact(external, 'external/helm/istiod.values.yaml').pilot.env.BLOCKED_CIDRS_IN_JWKS_URIS).toBe(blocked);
  });

  test('the external control plane\'s Gateway selects the gateway its runbook installs (no IST0101), a mistyped one is flagged', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', {
      meshId: 'm',
      topology: MeshTopology.EXTERNAL_CONTROL_PLANE,
      rootNamespace: 'external-istiod',
      clusters: [{ name: 'external', role: ClusterRole.EXTERNAL }, { name: 'c1', role: ClusterRole.CONFIG, workloads: true }],
      controlPlane: { externalIstiod: { addressType: ExternalIstiodAddressType.IP_ADDRESS } },
    });
    new EastWestGateway(mesh, 'eastwest', { clusters: ['c1'] });
    const typo = net(mesh.cluster('external'), 'Gateway', 'external-istiod', 'typo', {
      selector: { istio: 'ingress-gateway' }, servers: [{ port: { number: 15021, name: 'tls-status', protocol: 'TLS' }, hosts: ['*'], tls: { mode: 'PASSTHROUGH' } }],
    });
    const { diagnostics } = findings(app, mesh);
    expect(ofRule(diagnostics, 'MESH-ANA-005').map(d => d.path)).toEqual([typo.node.path]);
  });
});

test('the external control plane\'s hostname variant warns exactly as the example\'s header explains (IST0129 on external-istiod-dr)', () => {
  const app = testApp();
  const mesh = new Mesh(app, 'hosted', {
    meshId: 'hosted-mesh',
    topology: MeshTopology.EXTERNAL_CONTROL_PLANE,
    rootNamespace: 'external-istiod',
    clusters: [{ name: 'external', role: ClusterRole.EXTERNAL }, { name: 'config', role: ClusterRole.CONFIG, workloads: true }],
    controlPlane: { externalIstiod: { address: 'istiod.example.com' } },
  });
  const { failed, diagnostics } = findings(app, mesh);
  expect(failed).toBe(false);
  expect(diagnostics.filter(d => d.rule.severity !== Severity.INFO).map(d => [d.rule.id, d.path, d.value])).toEqual([
    ['MESH-ANA-023', 'hosted/ControlPlane', '"istiod.external-istiod.svc.cluster.local:15012"'],
    ['MESH-ANA-023', 'hosted/ControlPlane', '"istiod.external-istiod.svc.cluster.local:443"'],
  ]);
});
