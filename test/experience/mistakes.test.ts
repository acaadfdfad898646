/**
 * Twenty-two mistakes a new user makes, taken from the seeds' FAQs and troubleshooting pages. Each must
 * fail synthesis with exactly one clear message: the construct path, the offending value, the rule ID
 * and the fix; and nothing may be written.
 */
import { Duration } from 'cdk8s';
import { Service } from 'cdk8s-plus-28';
import {
  AuthorizationAction, AuthorizationPolicy, ClusterRole, ExtensionProvider, GatewayTlsMode, IngressGateway, Mesh, MeshProps,
  MeshService, MtlsMode, OutboundTrafficPolicy, PeerAuth, PolicyScope, Protocol, RequestAuthentication, StringMatch, TrafficRoute,
} from '../../src';
import { synthError, testApp } from '../util';

function shop(props: Partial<MeshProps> = {}) {
  const app = testApp();
  const mesh = new Mesh(app, 'mesh', { meshId: 'shop', clusters: [{ name: 'prod' }], ...props });
  mesh.addNamespace('shop');
  const reviews = new MeshService(mesh, 'reviews', {
    name: 'reviews',
    namespaceName: 'shop',
    ports: [{ port: 9080, protocol: Protocol.HTTP }],
    versions: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }],
  });
  return { app, mesh, reviews };
}

/** The one problem reported, checked for rule ID, path, value and fix. */
function oneProblem(app: ReturnType<typeof testApp>, id: string, path: string, value: string): string {
  const message = synthError(app);
  expect(message).toMatch(/has 1 problem\(s\); no manifests were written\./);
  const line = message.split('\n').find(l => l.includes(id));
  expect(line).toBeDefined();
  expect(line).toContain(`${id} [`);
  expect(line).toContain(`at ${path}:`);
  expect(line).toContain(`Value: ${value}`);
  expect(line).toMatch(/Fix: \S.{10,}/);
  return line!;
}

describe('twenty-two realistic mistakes, one clear message each', () => {
  test('1. a VirtualService bound to a gateway that does not serve its host (TCM FAQ: 404 at the gateway)', () => {
    const { app, mesh, reviews } = shop();
    const gw = new IngressGateway(mesh, 'ingress').addListener('web', {
      namespaceName: 'shop', servers: [{ port: 80, protocol: Protocol.HTTP, hosts: ['shop.example.com'] }],
    });
    new TrafficRoute(mesh, 'reviews-route', { service: reviews, hosts: ['reviews.example.com'], gateways: [gw], http: [{ destinations: [{ version: 'v1' }] }] });
    oneProblem(app, 'MESH-ROUTE-004', 'mesh/reviews-route/gateways', '["reviews.example.com"]');
  });

  test('2. a route to a subset that does not exist (DCE FAQ: 503 NR)', () => {
    const { app, mesh, reviews } = shop();
    new TrafficRoute(mesh, 'reviews-route', { service: reviews, http: [{ destinations: [{ version: 'v3' }] }] });
    oneProblem(app, 'MESH-ROUTE-001', 'mesh/reviews-route/http[0]/destinations', '"v3"');
  });

  test('3. locality failover without outlier detection (TCM locality guide)', () => {
    const { app, mesh, reviews } = shop();
    new TrafficRoute(mesh, 'reviews-route', {
      service: reviews,
      http: [{ destinations: [{ version: 'v1' }] }],
      policy: { locality: { failover: [{ fromRegion: 'eu-west', toRegion: 'eu-central' }] } },
    });
    oneProblem(app, 'MESH-ROUTE-019', 'mesh/reviews-route/policy', '"locality"');
  });

  test('4. an HTTPS certificate in the application namespace instead of the gateway namespace (TCM FAQ)', () => {
    const { app, mesh } = shop();
    new IngressGateway(mesh, 'ingress').addListener('web', {
      namespaceName: 'shop',
      servers: [{ port: 443, protocol: Protocol.HTTPS, hosts: ['shop.example.com'], tls: { mode: GatewayTlsMode.SIMPLE, credentialName: 'shop/shop-cert' } }],
    });
    oneProblem(app, 'MESH-GW-002', 'mesh/ingress/web', '"shop/shop-cert"');
  });

  test('5. a Service port without a protocol (TCM FAQ: protocol detection breaks routing)', () => {
    const { app, mesh } = shop();
    const svc = new Service(mesh.cluster('prod'), 'db', { metadata: { name: 'db', namespace: 'shop' }, ports: [{ port: 5432, name: 'postgres' }] });
    MeshService.fromService(mesh, 'db', svc);
    oneProblem(app, 'MESH-SVC-001', 'mesh/db', '"postgres"');
  });

  test('6. canary weights that do not add up to 100', () => {
    const { app, mesh, reviews } = shop();
    new TrafficRoute(mesh, 'reviews-route', { service: reviews, http: [{ destinations: [{ version: 'v1', weight: 90 }, { version: 'v2', weight: 20 }] }] });
    oneProblem(app, 'MESH-ROUTE-003', 'mesh/reviews-route/http[0]/destinations', '[90,20]');
  });

  test('7. the default route written before the canary rule, which then never matches', () => {
    const { app, mesh, reviews } = shop();
    new TrafficRoute(mesh, 'reviews-route', {
      service: reviews,
      http: [{ destinations: [{ version: 'v1' }] }, { match: [{ headers: { 'end-user': StringMatch.exact('jason') } }], destinations: [{ version: 'v2' }] }],
    });
    oneProblem(app, 'MESH-ROUTE-005', 'mesh/reviews-route/http[0]', '');
  });

  test('8. a mixed-case header name in a match (TCM quick start defect D9)', () => {
    const { app, mesh, reviews } = shop();
    new TrafficRoute(mesh, 'reviews-route', {
      service: reviews,
      http: [{ match: [{ headers: { 'End-User': StringMatch.exact('jason') } }], destinations: [{ version: 'v2' }] }, { destinations: [{ version: 'v1' }] }],
    });
    oneProblem(app, 'MESH-ROUTE-007', 'mesh/reviews-route/http[0]/match[0]/headers', '"End-User"');
  });

  test('9. the gateway host `*.*` copied from the TCM guide (defect D1)', () => {
    const { app, mesh } = shop();
    new IngressGateway(mesh, 'ingress').addListener('web', { namespaceName: 'shop', servers: [{ port: 80, protocol: Protocol.HTTP, hosts: ['*.*'] }] });
    oneProblem(app, 'MESH-GW-012', 'mesh/ingress/web', '"*.*"');
  });

  test('10. a second mesh-wide PeerAuthentication next to the mesh default', () => {
    const { app, mesh } = shop();
    PeerAuth.meshWide(mesh, 'relaxed', MtlsMode.PERMISSIVE, { name: 'relaxed' });
    oneProblem(app, 'MESH-SEC-001', 'mesh/relaxed', '');
  });

  test('11. a "mesh-wide" policy that has a selector (DCE seed defect)', () => {
    const { app, mesh } = shop({ mtls: MtlsMode.UNSET });
    new PeerAuth(mesh, 'strict-everywhere', { policyScope: PolicyScope.MESH, selector: { app: 'reviews' }, mode: MtlsMode.STRICT });
    oneProblem(app, 'MESH-SEC-003', 'mesh/strict-everywhere', '');
  });

  test('12. portLevelMtls without a workload (rejected by the API server)', () => {
    const { app, mesh } = shop();
    new PeerAuth(mesh, 'db-plain', { namespaceName: 'shop', mode: MtlsMode.STRICT, portLevelMtls: [{ port: 5432, mode: MtlsMode.DISABLE }] });
    oneProblem(app, 'MESH-SEC-004', 'mesh/db-plain', '');
  });

  test('13. a JWT rule with both jwks and jwksUri', () => {
    const { app, mesh, reviews } = shop();
    new RequestAuthentication(mesh, 'jwt', {
      workload: reviews, jwtRules: [{ issuer: 'issuer-foo', jwksUri: 'https://example.com/jwks.json', jwks: '{"keys":[]}' }],
    }).requireJwt();
    oneProblem(app, 'MESH-SEC-015', 'mesh/jwt', '"issuer-foo"');
  });

  test('14. a CUSTOM authorization policy whose ext_authz provider was never declared on the mesh', () => {
    const { app, mesh, reviews } = shop();
    const authz = ExtensionProvider.extAuthzHttp('opa', { service: 'opa.authz.svc.cluster.local', port: 8181 });
    new AuthorizationPolicy(mesh, 'opa-check', { workload: reviews, action: AuthorizationAction.CUSTOM, provider: authz, rules: [{ operations: [{ paths: ['/admin*'] }] }] });
    oneProblem(app, 'MESH-SEC-009', 'mesh/opa-check', '"opa"');
  });

  test('15. a namespace labelled with both istio-injection and istio.io/rev (TCM FAQ: sidecar not injected)', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'shop', clusters: [{ name: 'prod' }] });
    mesh.addNamespace('shop', { labels: { 'istio-injection': 'enabled' } });
    oneProblem(app, 'MESH-TOPO-007', 'mesh/namespace-shop', '{"istio-injection":"enabled","istio.io/rev":"default"}');
  });

  test('16. enrolling kube-system for sidecar injection', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'shop', clusters: [{ name: 'prod' }] });
    mesh.addNamespace('kube-system');
    oneProblem(app, 'MESH-TOPO-008', 'mesh/namespace-kube-system', '"kube-system"');
  });

  test('17. a typo in a cluster\'s network name (DCE troubleshooting: cross-network traffic fails)', () => {
    const app = testApp();
    new Mesh(app, 'mesh', {
      meshId: 'shop',
      networks: [{ name: 'network-c1' }, { name: 'network-c2' }],
      clusters: [{ name: 'c1', network: 'network-c1' }, { name: 'c2', network: 'network-2' }],
    });
    oneProblem(app, 'MESH-TOPO-003', 'mesh/clusters/c2', '"network-2"');
  });

  test('18. a revision written with dots, as in the Istio release name', () => {
    const app = testApp();
    new Mesh(app, 'mesh', { meshId: 'shop', revision: '1.30.3', clusters: [{ name: 'prod' }] });
    oneProblem(app, 'MESH-TOPO-012', 'mesh', '"1.30.3"');
  });

  test('19. an application listening on 15001, a port the sidecar owns', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'shop', clusters: [{ name: 'prod' }] });
    new MeshService(mesh, 'admin', { name: 'admin', namespaceName: 'shop', ports: [{ port: 15001, protocol: Protocol.HTTP }] });
    oneProblem(app, 'MESH-SVC-006', 'mesh/admin', '15001');
  });

  test('20. REGISTRY_ONLY egress, and a route to an external API nobody registered (DCE FAQ: 502 to external hosts)', () => {
    const { app, mesh, reviews } = shop({ meshConfig: { outboundTrafficPolicy: OutboundTrafficPolicy.REGISTRY_ONLY } });
    new TrafficRoute(mesh, 'reviews-route', {
      service: reviews,
      http: [{ destinations: [{ version: 'v1' }], mirror: { destination: { host: 'api.partner.com', port: 443 }, percentage: 10 } }],
    });
    oneProblem(app, 'MESH-OPS-012', 'mesh/reviews-route', '"api.partner.com"');
  });

  test('21. a remote cluster with no primary to get its configuration from', () => {
    const app = testApp();
    new Mesh(app, 'mesh', { meshId: 'shop', clusters: [{ name: 'edge', role: ClusterRole.REMOTE }] });
    oneProblem(app, 'MESH-TOPO-004', 'mesh', '["edge:remote"]');
  });

  test('22. fault injection with a timeout on the same route, in strict mode (TCM quick start defect D5)', () => {
    const { app, mesh, reviews } = shop({ strict: true });
    new TrafficRoute(mesh, 'reviews-route', {
      service: reviews,
      http: [{ destinations: [{ version: 'v1' }], timeout: Duration.seconds(3), fault: { delay: { fixedDelay: Duration.seconds(7), percentage: 100 } } }],
    });
    oneProblem(app, 'MESH-ROUTE-009', 'mesh/reviews-route/http[0]', '["timeout"]');
  });
});
