/**
 * The analysis as a new user meets it: every covered istioctl analyze code (and shape) written with the typed
 * constructs (MeshService, TrafficRoute, gateways and listeners, policies, Sidecar, Telemetry, ServiceEntry, EnvoyFilter
 * recipes, gateway annotations, adopted cdk8s-plus workloads), asserting the rule and the user's construct it names;
 * then the corrected configuration, which raises nothing of that rule or code and no error or warning.
 * analysis.test.ts covers the same codes on hand-written objects; unrepresentable.test.ts the codes the API rules out.
 */
import { ApiObject, Duration } from 'cdk8s';
import { Deployment, Namespace, Pod, Secret, Service, ServiceType } from 'cdk8s-plus-28';
import { AnalysisCase, Fixture, attempt, runAnalysisCases } from './fixtures';
import {
  AcceptHttp10, AuthorizationAction, AuthorizationPolicy, CanaryRelease, ClientTlsMode, ClusterRole, EgressGateway, ExtensionProvider,
  ExternalIstiodAddressType, GatewayListener, GatewayTlsMode, IngressGateway, IngressGatewayProps, LoadBalancer, LocalRateLimit,
  MaxRequestHeaders, MeshProps, MeshService, MeshTopology, MtlsMode, PeerAuth, PreserveHeaderCase, Protocol, RequestAuthentication,
  ServiceEntry, ServiceEntryLocation, ServiceEntryProps, ServiceEntryResolution, Sidecar, StringMatch, Telemetry, TrafficRoute,
  ValidationRules,
} from '../../src';

const HTTP = [{ port: 9080, protocol: Protocol.HTTP }];
const SHOP = 'shop.example.com';

/** The shop namespace and its `reviews` service with versions v1 and v2. */
function reviews(f: Fixture): MeshService {
  f.mesh.addNamespace('shop');
  return new MeshService(f.mesh, 'reviews', {
    name: 'reviews', namespaceName: 'shop', ports: HTTP, versions: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }],
  });
}

/** A cdk8s-plus Deployment in `shop` (the user's own workload), its pods labelled `app: <app>` plus `labels`. */
interface PodOptions {
  readonly app?: string;
  readonly labels?: Record<string, string>;
  readonly user?: number;
  readonly annotations?: Record<string, string>;
}

function deployment(f: Fixture, name: string, options: PodOptions = {}): Deployment {
  return new Deployment(f.cluster, name, {
    metadata: { name, namespace: 'shop' },
    podMetadata: { labels: { app: options.app ?? name, ...options.labels }, annotations: options.annotations },
    containers: [{ image: 'nginx:1.27', ports: [{ number: 9080, name: 'http' }], securityContext: { user: options.user ?? 1000 } }],
  });
}

/** A Deployment in namespace shop adopted as a mesh service, as a user adopts one; returns the Deployment. */
function adoptedDeployment(f: Fixture, options: PodOptions = {}): Deployment {
  f.mesh.addNamespace('shop');
  const web = deployment(f, 'web', options);
  MeshService.fromDeployment(f.mesh, 'web', web);
  return web;
}

/** The pods of `reviews` v1 and v2 as the user deploys them, with `app` as their app label. */
function reviewsPods(f: Fixture, app = 'reviews', versions = ['v1', 'v2']): void {
  for (const v of versions) deployment(f, `reviews-${v}`, { app, labels: { version: v } });
}

/** An ingress gateway with one listener for `hosts` on port 80. */
function edge(f: Fixture, hosts = [SHOP], props: IngressGatewayProps = {}): { gateway: IngressGateway; listener: GatewayListener } {
  const gateway = new IngressGateway(f.mesh, 'ingress', props);
  return { gateway, listener: gateway.addListener('shop', { namespaceName: 'shop', servers: [{ port: 80, protocol: Protocol.HTTP, hosts }] }) };
}

function route(f: Fixture, service: MeshService, http: ConstructorParameters<typeof TrafficRoute>[2]['http'], extra: Partial<ConstructorParameters<typeof TrafficRoute>[2]> = {}): TrafficRoute {
  return new TrafficRoute(f.mesh, 'route', { service, http, ...extra });
}

/** An external TLS API (`api.shop`), as a service deployed by another team. */
function externalApi(f: Fixture): MeshService {
  f.mesh.addNamespace('shop');
  return MeshService.external(f.mesh, 'api-service', { name: 'api', namespaceName: 'shop', ports: [{ port: 443, protocol: Protocol.TLS }] });
}

function serviceEntry(f: Fixture, props: Partial<ServiceEntryProps>, id = 'se'): ServiceEntry {
  if (!f.mesh.node.tryFindChild('namespace-shop')) f.mesh.addNamespace('shop');
  return new ServiceEntry(f.mesh, id, {
    namespaceName: 'shop',
    hosts: ['api.example.com'],
    location: ServiceEntryLocation.MESH_EXTERNAL,
    ports: [{ number: 443, protocol: Protocol.TLS, name: 'tls' }],
    resolution: ServiceEntryResolution.DNS,
    ...props,
  });
}

const twoClusters: Partial<MeshProps> = { clusters: [{ name: 'c1' }, { name: 'c2' }] };
const externalControlPlane = (address: string, addressType?: ExternalIstiodAddressType): Partial<MeshProps> => ({
  topology: MeshTopology.EXTERNAL_CONTROL_PLANE,
  rootNamespace: 'external-istiod',
  clusters: [{ name: 'external', role: ClusterRole.EXTERNAL }, { name: 'c1', role: ClusterRole.CONFIG, workloads: true }],
  controlPlane: { externalIstiod: { address, addressType } },
});
const claimMatch = [{ headers: { '@request.auth.claims.group': StringMatch.exact('beta') } }];
const jwtRules = [{ issuer: 'https://id.example.com', jwksUri: 'https://id.example.com/jwks' }];
const restrictedJwks: Partial<MeshProps> = { meshConfig: { jwksBlockedCidrs: ['10.0.0.0/8', '169.254.169.254/32'] } };

const CASES: AnalysisCase[] = [
  // --- IST0101 ReferencedResourceNotFound ---
  {
    rule: 'MESH-ANA-001',
    code: 'IST0101',
    shape: 'destination host that is no service',
    fail: f => route(f, reviews(f), [{ destinations: [{ host: 'ratings' }] }]),
    pass: f => {
      const ratings = new MeshService(f.mesh, 'ratings', { name: 'ratings', namespaceName: 'shop', ports: HTTP });
      route(f, reviews(f), [{ destinations: [{ service: ratings }] }]);
    },
  },
  {
    rule: 'MESH-ANA-001',
    code: 'IST0101',
    shape: 'mirror host that is no service',
    fail: f => route(f, reviews(f), [{ destinations: [{ version: 'v1' }], mirror: { destination: { host: 'reviews-shadow' } } }]),
    pass: f => {
      const shadow = new MeshService(f.mesh, 'shadow', { name: 'reviews-shadow', namespaceName: 'shop', ports: HTTP });
      route(f, reviews(f), [{ destinations: [{ version: 'v1' }], mirror: { destination: { service: shadow } } }]);
    },
  },
  {
    rule: 'MESH-ANA-002',
    code: 'IST0101',
    shape: 'destination port the service does not have',
    fail: f => route(f, reviews(f), [{ destinations: [{ version: 'v1', port: 8080 }] }]),
    pass: f => { route(f, reviews(f), [{ destinations: [{ version: 'v1', port: 9080 }] }]); },
  },
  {
    rule: 'MESH-ROUTE-001',
    code: 'IST0101',
    shape: 'version the service does not declare (subset)',
    fail: f => route(f, reviews(f), [{ destinations: [{ version: 'v3' }] }]),
    pass: f => { route(f, reviews(f), [{ destinations: [{ version: 'v2' }] }]); },
  },
  {
    rule: 'MESH-ROUTE-030',
    code: 'IST0101',
    shape: 'gateway whose Gateway is in another cluster',
    props: twoClusters,
    fail: f => {
      const { listener } = edge(f, [SHOP], { clusters: ['c1'] });
      return route(f, reviews(f), [{ destinations: [{ version: 'v1' }] }], { hosts: [SHOP], gateways: [listener], clusters: ['c2'] });
    },
    pass: f => {
      const { listener } = edge(f, [SHOP], { clusters: ['c1'] });
      route(f, reviews(f), [{ destinations: [{ version: 'v1' }] }], { hosts: [SHOP], gateways: [listener], clusters: ['c1'] });
    },
  },
  {
    rule: 'MESH-ANA-006',
    code: 'IST0101',
    shape: 'Sidecar for a service whose selector misses its Deployment',
    fail: f => { reviewsPods(f, 'reviews-app'); return new Sidecar(f.mesh, 'sidecar', { workload: reviews(f), egressNamespaces: ['shop'] }); },
    pass: f => { reviewsPods(f); new Sidecar(f.mesh, 'sidecar', { workload: reviews(f), egressNamespaces: ['shop'] }); },
  },
  {
    rule: 'MESH-ANA-006',
    code: 'IST0101',
    shape: 'Telemetry for a service whose selector misses its Deployment',
    fail: f => { reviewsPods(f, 'reviews-app'); return new Telemetry(f.mesh, 'tracing', { workload: reviews(f), tracing: { samplingPercentage: 10 } }); },
    pass: f => { reviewsPods(f); new Telemetry(f.mesh, 'tracing', { workload: reviews(f), tracing: { samplingPercentage: 10 } }); },
  },
  {
    rule: 'MESH-ANA-007',
    code: 'IST0101',
    shape: 'authorization source namespace the mesh does not have',
    fail: f => new AuthorizationPolicy(f.mesh, 'policy', { workload: reviews(f), rules: [{ sources: [{ namespaces: ['frontend'] }] }] }),
    pass: f => { f.mesh.addNamespace('frontend'); new AuthorizationPolicy(f.mesh, 'policy', { workload: reviews(f), rules: [{ sources: [{ namespaces: ['frontend'] }] }] }); },
  },
  // --- IST0102 NamespaceNotInjected ---
  {
    rule: 'MESH-ANA-008',
    code: 'IST0102',
    shape: 'cdk8s-plus Namespace with a Deployment, not enrolled',
    fail: f => {
      const legacy = new Namespace(f.cluster, 'legacy', { metadata: { name: 'legacy' } });
      new Deployment(f.cluster, 'old', { metadata: { namespace: 'legacy' }, containers: [{ image: 'nginx:1.27', securityContext: { user: 1000 } }] });
      return legacy;
    },
    pass: f => {
      f.mesh.addNamespace('legacy');
      new Deployment(f.cluster, 'old', { metadata: { namespace: 'legacy' }, containers: [{ image: 'nginx:1.27', securityContext: { user: 1000 } }] });
    },
  },
  // --- IST0106 SchemaValidationError: the ServiceEntry shapes Istio's webhook rejects; the input checks reject most
  // of them when the construct is declared (the analysis still catches them in hand-written YAML: analysis.test.ts) ---
  ...([
    ['MESH-VAL-020', 'resolution NONE with endpoints', { resolution: ServiceEntryResolution.NONE, endpoints: [{ address: '203.0.113.1' }] }],
    ['MESH-VAL-031', 'DNS_ROUND_ROBIN with two endpoints', { resolution: ServiceEntryResolution.DNS_ROUND_ROBIN, endpoints: [{ address: 'a.example.com' }, { address: 'b.example.com' }] }],
    ['MESH-VAL-031', 'CIDR address with DNS resolution', { addresses: ['203.0.113.0/24'], ports: [{ number: 5432, protocol: Protocol.TCP, name: 'tcp-pg' }] }],
    ['MESH-VAL-045', 'endpoint port the ServiceEntry does not declare', { resolution: ServiceEntryResolution.STATIC, endpoints: [{ address: '203.0.113.1', ports: { grpc: 9000 } }] }],
    ['MESH-VAL-046', 'one port number twice', { ports: [{ number: 443, protocol: Protocol.TLS, name: 'tls' }, { number: 443, protocol: Protocol.HTTPS, name: 'https' }] }],
  ] as Array<[string, string, Partial<ServiceEntryProps>]>).map(([rule, shape, props]): AnalysisCase => ({
    rule,
    code: '-',
    shape: `IST0106: ${shape} (an input check)`,
    named: 'mesh/se',
    fail: f => serviceEntry(f, props),
    pass: f => { serviceEntry(f, {}); },
  })),
  {
    rule: 'MESH-VAL-031',
    code: '-',
    shape: 'IST0106: workloads and endpoints together (an input check)',
    named: 'mesh/se',
    fail: f => serviceEntry(f, { hosts: ['vm.shop.internal'], location: ServiceEntryLocation.MESH_INTERNAL, resolution: ServiceEntryResolution.STATIC, workloads: reviews(f), endpoints: [{ address: '203.0.113.1' }] }),
    pass: f => { serviceEntry(f, { hosts: ['vm.shop.internal'], location: ServiceEntryLocation.MESH_INTERNAL, resolution: ServiceEntryResolution.STATIC, workloads: reviews(f) }); },
  },
  {
    rule: 'MESH-ANA-049',
    code: 'IST0106',
    shape: 'short host with DNS resolution and no endpoints',
    fail: f => serviceEntry(f, { hosts: ['legacy'] }),
    pass: f => { serviceEntry(f, {}); },
  },
  // --- annotations: IST0107, IST0108, IST0125, IST0135, IST0136 ---
  {
    rule: 'MESH-ANA-009',
    code: 'IST0107',
    shape: 'pod annotation in a gateway\'s serviceAnnotations',
    fail: f => new IngressGateway(f.mesh, 'ingress', { serviceAnnotations: { 'sidecar.istio.io/proxyCPU': '500m' } }),
    pass: f => { new IngressGateway(f.mesh, 'ingress', { podAnnotations: { 'sidecar.istio.io/proxyCPU': '500m' } }); },
  },
  {
    rule: 'MESH-ANA-009',
    code: 'IST0107',
    shape: 'pod annotation on a namespace',
    fail: f => f.mesh.addNamespace('shop', { annotations: { 'sidecar.istio.io/proxyCPU': '500m' } }),
    pass: f => { f.mesh.addNamespace('shop', { annotations: { 'networking.istio.io/traffic-distribution': 'PreferClose' } }); },
  },
  {
    rule: 'MESH-ANA-009',
    code: 'IST0107',
    shape: 'inject annotation on the Deployment instead of its pods',
    fail: f => {
      f.mesh.addNamespace('shop');
      return new Deployment(f.cluster, 'web', { metadata: { name: 'web', namespace: 'shop', annotations: { 'sidecar.istio.io/inject': 'false' } }, containers: [{ image: 'nginx:1.27', securityContext: { user: 1000 } }] });
    },
    pass: f => {
      f.mesh.addNamespace('shop');
      new Deployment(f.cluster, 'web', { metadata: { name: 'web', namespace: 'shop' }, podMetadata: { labels: { 'sidecar.istio.io/inject': 'false' } }, containers: [{ image: 'nginx:1.27', securityContext: { user: 1000 } }] });
    },
  },
  {
    rule: 'MESH-ANA-010',
    code: 'IST0108',
    shape: 'misspelt gateway podAnnotation',
    fail: f => new IngressGateway(f.mesh, 'ingress', { podAnnotations: { 'sidecar.istio.io/proxyCpu': '500m' } }),
    pass: f => { new IngressGateway(f.mesh, 'ingress', { podAnnotations: { 'sidecar.istio.io/proxyCPU': '500m' } }); },
  },
  {
    rule: 'MESH-ANA-010',
    code: 'IST0108',
    shape: 'unknown namespace annotation',
    fail: f => f.mesh.addNamespace('shop', { annotations: { 'istio.io/dataplane': 'ambient' } }),
    pass: f => { f.mesh.addNamespace('shop'); },
  },
  {
    rule: 'MESH-ANA-011',
    code: 'IST0125',
    shape: 'gateway podAnnotation with an invalid quantity',
    fail: f => new IngressGateway(f.mesh, 'ingress', { podAnnotations: { 'sidecar.istio.io/proxyCPU': 'half a core' } }),
    pass: f => { new IngressGateway(f.mesh, 'ingress', { podAnnotations: { 'sidecar.istio.io/proxyCPU': '500m' } }); },
  },
  {
    rule: 'MESH-ANA-011',
    code: 'IST0125',
    shape: 'egress gateway podAnnotation with an invalid port list',
    fail: f => new EgressGateway(f.mesh, 'egress', { podAnnotations: { 'traffic.sidecar.istio.io/excludeOutboundPorts': '3306;6379' } }),
    pass: f => { new EgressGateway(f.mesh, 'egress', { podAnnotations: { 'traffic.sidecar.istio.io/excludeOutboundPorts': '3306,6379' } }); },
  },
  {
    rule: 'MESH-ANA-011',
    code: 'IST0125',
    shape: 'pod annotation of an adopted Deployment',
    fail: f => adoptedDeployment(f, { annotations: { 'sidecar.istio.io/proxyMemory': '1 GB' } }),
    pass: f => { adoptedDeployment(f, { annotations: { 'sidecar.istio.io/proxyMemory': '1Gi' } }); },
  },
  {
    rule: 'MESH-ANA-012',
    code: 'IST0135',
    shape: 'deprecated gateway podAnnotation',
    fail: f => new IngressGateway(f.mesh, 'ingress', { podAnnotations: { 'sidecar.istio.io/statsInclusionPrefixes': 'cluster.outbound' } }),
    pass: f => { new IngressGateway(f.mesh, 'ingress', { podAnnotations: { 'proxy.istio.io/config': '{"proxyStatsMatcher":{"inclusionPrefixes":["cluster.outbound"]}}' } }); },
  },
  {
    rule: 'MESH-ANA-012',
    code: 'IST0135',
    shape: 'inject annotation instead of the label on an adopted Deployment',
    fail: f => adoptedDeployment(f, { annotations: { 'sidecar.istio.io/inject': 'true' } }),
    pass: f => { adoptedDeployment(f, { labels: { 'sidecar.istio.io/inject': 'true' } }); },
  },
  {
    rule: 'MESH-ANA-013',
    code: 'IST0136',
    shape: 'alpha gateway podAnnotation',
    fail: f => new IngressGateway(f.mesh, 'ingress', { podAnnotations: { 'sidecar.istio.io/logLevel': 'debug' } }),
    pass: f => { new IngressGateway(f.mesh, 'ingress', { podAnnotations: { 'proxy.istio.io/config': 'concurrency: 2' } }); },
  },
  // --- IST0109 ConflictingMeshGatewayVirtualServiceHosts ---
  {
    rule: 'MESH-ROUTE-016',
    code: 'IST0109',
    shape: 'two TrafficRoutes for one service',
    fail: f => {
      const svc = reviews(f);
      new TrafficRoute(f.mesh, 'v1-route', { service: svc, http: [{ destinations: [{ version: 'v1' }] }] });
      return new TrafficRoute(f.mesh, 'v2-route', { service: svc, http: [{ match: [{ headers: { 'x-beta': StringMatch.exact('1') } }], destinations: [{ version: 'v2' }] }] });
    },
    pass: f => {
      route(f, reviews(f), [{ match: [{ headers: { 'x-beta': StringMatch.exact('1') } }], destinations: [{ version: 'v2' }] }, { destinations: [{ version: 'v1' }] }]);
    },
  },
  // --- IST0110/0111 Sidecars, IST0159/0160 Telemetries ---
  {
    rule: 'MESH-OPS-002',
    code: 'IST0110',
    shape: 'two Sidecars for one service',
    fail: f => {
      const svc = reviews(f);
      new Sidecar(f.mesh, 'egress-shop', { workload: svc, egressNamespaces: ['shop'] });
      return new Sidecar(f.mesh, 'egress-istio', { workload: svc, egressNamespaces: ['istio-system'] });
    },
    pass: f => { new Sidecar(f.mesh, 'egress', { workload: reviews(f), egressNamespaces: ['shop', 'istio-system'] }); },
  },
  {
    rule: 'MESH-ANA-015',
    code: 'IST0110',
    shape: 'Sidecars of two services whose selectors overlap on one Deployment',
    fail: f => {
      f.mesh.addNamespace('shop');
      const web = MeshService.fromDeployment(f.mesh, 'web', deployment(f, 'web', { labels: { tier: 'front' } }));
      const front = new MeshService(f.mesh, 'front', { name: 'front', namespaceName: 'shop', selector: { tier: 'front' }, ports: HTTP });
      new Sidecar(f.mesh, 'web-sidecar', { workload: web, egressNamespaces: ['shop'] });
      return new Sidecar(f.mesh, 'front-sidecar', { workload: front, egressNamespaces: ['shop'] });
    },
    pass: f => {
      f.mesh.addNamespace('shop');
      const web = MeshService.fromDeployment(f.mesh, 'web', deployment(f, 'web', { labels: { tier: 'front' } }));
      deployment(f, 'admin', { labels: { tier: 'back' } });
      const back = new MeshService(f.mesh, 'back', { name: 'back', namespaceName: 'shop', selector: { tier: 'back' }, ports: HTTP });
      new Sidecar(f.mesh, 'web-sidecar', { workload: web, egressNamespaces: ['shop'] });
      new Sidecar(f.mesh, 'back-sidecar', { workload: back, egressNamespaces: ['shop'] });
    },
  },
  {
    rule: 'MESH-ANA-016',
    code: 'IST0111',
    shape: 'two namespace-wide Sidecars',
    fail: f => {
      reviews(f);
      new Sidecar(f.mesh, 'shop-egress', { namespaceName: 'shop', egressNamespaces: ['shop'] });
      return new Sidecar(f.mesh, 'istio-egress', { namespaceName: 'shop', egressNamespaces: ['istio-system'] });
    },
    pass: f => {
      const svc = reviews(f);
      new Sidecar(f.mesh, 'shop-egress', { namespaceName: 'shop', egressNamespaces: ['shop'] });
      new Sidecar(f.mesh, 'reviews-egress', { workload: svc, egressNamespaces: ['istio-system'] });
    },
  },
  {
    rule: 'MESH-ANA-039',
    code: 'IST0159',
    shape: 'two Telemetries for one service',
    fail: f => {
      const svc = reviews(f);
      new Telemetry(f.mesh, 'sampled', { workload: svc, tracing: { samplingPercentage: 1 } });
      return new Telemetry(f.mesh, 'all', { workload: svc, tracing: { samplingPercentage: 100 } });
    },
    pass: f => { new Telemetry(f.mesh, 'sampled', { workload: reviews(f), tracing: { samplingPercentage: 1 } }); },
  },
  {
    rule: 'MESH-ANA-039',
    code: 'IST0159',
    shape: 'Telemetries of two services whose selectors overlap on one Deployment',
    fail: f => {
      f.mesh.addNamespace('shop');
      const web = MeshService.fromDeployment(f.mesh, 'web', deployment(f, 'web', { labels: { tier: 'front' } }));
      const front = new MeshService(f.mesh, 'front', { name: 'front', namespaceName: 'shop', selector: { tier: 'front' }, ports: HTTP });
      new Telemetry(f.mesh, 'web-tracing', { workload: web, tracing: { samplingPercentage: 1 } });
      return new Telemetry(f.mesh, 'front-tracing', { workload: front, tracing: { samplingPercentage: 100 } });
    },
    pass: f => {
      f.mesh.addNamespace('shop');
      const web = MeshService.fromDeployment(f.mesh, 'web', deployment(f, 'web', { labels: { tier: 'front' } }));
      deployment(f, 'admin', { labels: { tier: 'back' } });
      const back = new MeshService(f.mesh, 'back', { name: 'back', namespaceName: 'shop', selector: { tier: 'back' }, ports: HTTP });
      new Telemetry(f.mesh, 'web-tracing', { workload: web, tracing: { samplingPercentage: 1 } });
      new Telemetry(f.mesh, 'back-tracing', { workload: back, tracing: { samplingPercentage: 100 } });
    },
  },
  {
    rule: 'MESH-ANA-040',
    code: 'IST0160',
    shape: 'two namespace-wide Telemetries',
    fail: f => {
      reviews(f);
      new Telemetry(f.mesh, 'sampled', { namespaceName: 'shop', tracing: { samplingPercentage: 1 } });
      return new Telemetry(f.mesh, 'all', { namespaceName: 'shop', tracing: { samplingPercentage: 100 } });
    },
    pass: f => {
      const svc = reviews(f);
      new Telemetry(f.mesh, 'sampled', { namespaceName: 'shop', tracing: { samplingPercentage: 1 } });
      new Telemetry(f.mesh, 'all', { workload: svc, tracing: { samplingPercentage: 100 } });
    },
  },
  // --- IST0112 VirtualServiceDestinationPortSelectorRequired ---
  {
    rule: 'MESH-ANA-017',
    code: 'IST0112',
    shape: 'gateway route to a two-port service without a port',
    fail: f => {
      f.mesh.addNamespace('shop');
      const api = new MeshService(f.mesh, 'api', { name: 'api', namespaceName: 'shop', ports: [{ port: 9080, protocol: Protocol.HTTP }, { port: 9090, protocol: Protocol.GRPC }] });
      return new TrafficRoute(f.mesh, 'edge', { service: api, hosts: [SHOP], gateways: [edge(f).listener], http: [{ destinations: [{}] }] });
    },
    pass: f => {
      f.mesh.addNamespace('shop');
      const api = new MeshService(f.mesh, 'api', { name: 'api', namespaceName: 'shop', ports: [{ port: 9080, protocol: Protocol.HTTP }, { port: 9090, protocol: Protocol.GRPC }] });
      new TrafficRoute(f.mesh, 'edge', { service: api, hosts: [SHOP], gateways: [edge(f).listener], http: [{ destinations: [{ port: 9080 }] }] });
    },
  },
  {
    rule: 'MESH-ANA-057',
    code: 'IST0112',
    shape: 'mesh route to a service with two HTTP ports without a port',
    fail: f => {
      f.mesh.addNamespace('shop');
      const api = new MeshService(f.mesh, 'api', { name: 'api', namespaceName: 'shop', ports: [{ port: 9080, protocol: Protocol.HTTP }, { port: 9081, protocol: Protocol.HTTP }] });
      return route(f, api, [{ timeout: Duration.seconds(2), destinations: [{}] }]);
    },
    pass: f => {
      f.mesh.addNamespace('shop');
      const api = new MeshService(f.mesh, 'api', { name: 'api', namespaceName: 'shop', ports: [{ port: 9080, protocol: Protocol.HTTP }, { port: 9081, protocol: Protocol.HTTP }] });
      route(f, api, [{ timeout: Duration.seconds(2), destinations: [{ port: 9080 }] }]);
    },
  },
  // --- IST0116/0137: one Deployment, several services ---
  {
    rule: 'MESH-ANA-018',
    code: 'IST0116',
    shape: 'TCP and UDP services on one port of a Deployment',
    fail: f => {
      f.mesh.addNamespace('shop');
      const dns = deployment(f, 'dns');
      new MeshService(f.mesh, 'dns-tcp', { name: 'dns-tcp', namespaceName: 'shop', selector: { app: 'dns' }, ports: [{ port: 53, protocol: Protocol.TCP }] });
      new MeshService(f.mesh, 'dns-udp', { name: 'dns-udp', namespaceName: 'shop', selector: { app: 'dns' }, ports: [{ port: 53, protocol: Protocol.UDP }] });
      return dns;
    },
    pass: f => {
      f.mesh.addNamespace('shop');
      deployment(f, 'dns');
      new MeshService(f.mesh, 'dns-tcp', { name: 'dns-tcp', namespaceName: 'shop', selector: { app: 'dns' }, ports: [{ port: 53, protocol: Protocol.TCP }] });
      new MeshService(f.mesh, 'dns-udp', { name: 'dns-udp', namespaceName: 'shop', selector: { app: 'dns' }, ports: [{ port: 5353, protocol: Protocol.UDP }] });
    },
  },
  {
    rule: 'MESH-ANA-019',
    code: 'IST0137',
    shape: 'two services map one targetPort to different ports',
    fail: f => {
      f.mesh.addNamespace('shop');
      const web = deployment(f, 'web');
      new MeshService(f.mesh, 'web', { name: 'web', namespaceName: 'shop', ports: [{ port: 80, targetPort: 9080, protocol: Protocol.HTTP }] });
      new MeshService(f.mesh, 'web-admin', { name: 'web-admin', namespaceName: 'shop', selector: { app: 'web' }, ports: [{ port: 8000, targetPort: 9080, protocol: Protocol.HTTP }] });
      return web;
    },
    pass: f => {
      f.mesh.addNamespace('shop');
      deployment(f, 'web');
      new MeshService(f.mesh, 'web', { name: 'web', namespaceName: 'shop', ports: [{ port: 80, targetPort: 9080, protocol: Protocol.HTTP }] });
      new MeshService(f.mesh, 'web-admin', { name: 'web-admin', namespaceName: 'shop', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 9080, protocol: Protocol.HTTP }] });
    },
  },
  // --- IST0118 PortNameIsNotUnderNamingConvention ---
  {
    rule: 'MESH-SVC-001',
    code: 'IST0118',
    shape: 'adopted cdk8s-plus Service with a port named without protocol',
    fail: f => {
      f.mesh.addNamespace('shop');
      return MeshService.fromService(f.mesh, 'db', new Service(f.cluster, 'db', { metadata: { name: 'db', namespace: 'shop' }, ports: [{ port: 5432, name: 'postgres' }] }));
    },
    pass: f => {
      f.mesh.addNamespace('shop');
      MeshService.fromService(f.mesh, 'db', new Service(f.cluster, 'db', { metadata: { name: 'db', namespace: 'shop' }, ports: [{ port: 5432, name: 'tcp-postgres' }] }));
    },
  },
  // --- IST0123 NamespaceMultipleInjectionLabels ---
  {
    rule: 'MESH-TOPO-007',
    code: 'IST0123',
    shape: 'istio-injection label on a revision-labelled namespace',
    fail: f => f.mesh.addNamespace('shop', { labels: { 'istio-injection': 'enabled' } }),
    pass: f => { f.mesh.addNamespace('shop', { labels: { team: 'shop' } }); },
  },
  // --- IST0127 NoMatchingWorkloadsFound ---
  {
    rule: 'MESH-ANA-020',
    code: 'IST0127',
    shape: 'AuthorizationPolicy selector with a typo',
    fail: f => { f.mesh.addNamespace('shop'); deployment(f, 'web'); return new AuthorizationPolicy(f.mesh, 'deny-web', { namespaceName: 'shop', selector: { app: 'wbe' }, action: AuthorizationAction.DENY, rules: [{ operations: [{ paths: ['/admin'] }] }] }); },
    pass: f => { f.mesh.addNamespace('shop'); deployment(f, 'web'); new AuthorizationPolicy(f.mesh, 'deny-web', { namespaceName: 'shop', selector: { app: 'web' }, action: AuthorizationAction.DENY, rules: [{ operations: [{ paths: ['/admin'] }] }] }); },
  },
  {
    rule: 'MESH-ANA-020',
    code: 'IST0127',
    shape: 'PeerAuth for a service whose selector misses its Deployment',
    fail: f => { reviewsPods(f, 'reviews-app'); return new PeerAuth(f.mesh, 'strict', { workload: reviews(f), mode: MtlsMode.STRICT }); },
    pass: f => { reviewsPods(f); new PeerAuth(f.mesh, 'strict', { workload: reviews(f), mode: MtlsMode.STRICT }); },
  },
  {
    rule: 'MESH-ANA-020',
    code: 'IST0127',
    shape: 'RequestAuthentication for a service whose selector misses its Deployment',
    props: restrictedJwks,
    fail: f => { reviewsPods(f, 'reviews-app'); return new RequestAuthentication(f.mesh, 'jwt', { workload: reviews(f), jwtRules }); },
    pass: f => { reviewsPods(f); new RequestAuthentication(f.mesh, 'jwt', { workload: reviews(f), jwtRules }).requireJwt(); },
  },
  // --- IST0128/0129 server certificate verification ---
  {
    rule: 'MESH-ANA-022',
    code: 'IST0128',
    shape: 'MUTUAL with a credentialName on a sidecar route (no CA)',
    fail: f => new TrafficRoute(f.mesh, 'api', { service: externalApi(f), policy: { tls: { mode: ClientTlsMode.MUTUAL, credentialName: 'api-client' } } }),
    // sidecars use credentialName only with a workload selector (Istio does not take caCertificates beside it): verify by CA
    pass: f => { new TrafficRoute(f.mesh, 'api', { service: externalApi(f), policy: { tls: { mode: ClientTlsMode.SIMPLE, caCertificates: '/etc/certs/api-ca.pem', sni: 'api.shop' } } }); },
  },
  {
    rule: 'MESH-ANA-022',
    code: 'IST0128',
    shape: 'SIMPLE with an empty caCertificates',
    fail: f => new TrafficRoute(f.mesh, 'api', { service: externalApi(f), policy: { tls: { mode: ClientTlsMode.SIMPLE, caCertificates: '' } } }),
    pass: f => { new TrafficRoute(f.mesh, 'api', { service: externalApi(f), policy: { tls: { mode: ClientTlsMode.SIMPLE } } }); },
  },
  {
    rule: 'MESH-ANA-023',
    code: 'IST0129',
    shape: 'port policy MUTUAL with a credentialName (no CA)',
    fail: f => new TrafficRoute(f.mesh, 'api', { service: externalApi(f), portPolicies: [{ port: 443, tls: { mode: ClientTlsMode.MUTUAL, credentialName: 'api-client' } }] }),
    pass: f => { new TrafficRoute(f.mesh, 'api', { service: externalApi(f), portPolicies: [{ port: 443, tls: { mode: ClientTlsMode.SIMPLE, caCertificates: '/etc/certs/api-ca.pem' } }] }); },
  },
  // --- IST0130/0131 unreachable rules and ineffective matches ---
  {
    rule: 'MESH-ROUTE-005',
    code: 'IST0130',
    shape: 'catch-all HTTP route first',
    fail: f => route(f, reviews(f), [{ destinations: [{ version: 'v1' }] }, { match: [{ uri: StringMatch.prefix('/v2') }], destinations: [{ version: 'v2' }] }]),
    pass: f => { route(f, reviews(f), [{ match: [{ uri: StringMatch.prefix('/v2') }], destinations: [{ version: 'v2' }] }, { destinations: [{ version: 'v1' }] }]); },
  },
  {
    rule: 'MESH-ANA-024',
    code: 'IST0130',
    shape: 'header-only match repeated in a later route',
    fail: f => {
      const beta = [{ headers: { 'x-user': StringMatch.exact('beta') } }];
      return route(f, reviews(f), [{ match: beta, destinations: [{ version: 'v2' }] }, { match: beta, destinations: [{ version: 'v1' }] }, { destinations: [{ version: 'v1' }] }]);
    },
    pass: f => {
      route(f, reviews(f), [
        { match: [{ headers: { 'x-user': StringMatch.exact('beta') } }], destinations: [{ version: 'v2' }] },
        { match: [{ headers: { 'x-user': StringMatch.exact('alpha') } }], destinations: [{ version: 'v1' }] },
        { destinations: [{ version: 'v1' }] },
      ]);
    },
  },
  {
    rule: 'MESH-ANA-024',
    code: 'IST0130',
    shape: 'TCP route after a catch-all TCP route',
    fail: f => {
      f.mesh.addNamespace('shop');
      const db = new MeshService(f.mesh, 'db', { name: 'db', namespaceName: 'shop', ports: [{ port: 3306, protocol: Protocol.TCP }] });
      return new TrafficRoute(f.mesh, 'db-route', { service: db, tcp: [{ destinations: [{}] }, { port: 3306, destinations: [{}] }] });
    },
    pass: f => {
      f.mesh.addNamespace('shop');
      const db = new MeshService(f.mesh, 'db', { name: 'db', namespaceName: 'shop', ports: [{ port: 3306, protocol: Protocol.TCP }] });
      new TrafficRoute(f.mesh, 'db-route', { service: db, tcp: [{ port: 3306, destinations: [{}] }, { destinations: [{}] }] });
    },
  },
  {
    rule: 'MESH-ANA-024',
    code: 'IST0130',
    shape: 'TLS route repeating the SNI hosts of an earlier one',
    fail: f => {
      f.mesh.addNamespace('shop');
      const api = new MeshService(f.mesh, 'api', { name: 'api', namespaceName: 'shop', ports: [{ port: 443, protocol: Protocol.TLS }] });
      return new TrafficRoute(f.mesh, 'api-route', { service: api, tls: [{ sniHosts: ['api.shop'], destinations: [{}] }, { sniHosts: ['api.shop'], destinations: [{ port: 443 }] }] });
    },
    pass: f => {
      f.mesh.addNamespace('shop');
      const api = new MeshService(f.mesh, 'api', { name: 'api', namespaceName: 'shop', ports: [{ port: 443, protocol: Protocol.TLS }] });
      new TrafficRoute(f.mesh, 'api-route', { service: api, tls: [{ sniHosts: ['api.shop'], destinations: [{}] }, { sniHosts: ['admin.api.shop'], destinations: [{ port: 443 }] }] });
    },
  },
  {
    rule: 'MESH-ANA-025',
    code: 'IST0131',
    shape: 'header-only match used by an earlier route',
    fail: f => {
      const beta = { headers: { 'x-user': StringMatch.exact('beta') } };
      return route(f, reviews(f), [{ match: [beta], destinations: [{ version: 'v2' }] }, { match: [beta, { uri: StringMatch.prefix('/v1') }], destinations: [{ version: 'v1' }] }, { destinations: [{ version: 'v1' }] }]);
    },
    pass: f => {
      route(f, reviews(f), [
        { match: [{ headers: { 'x-user': StringMatch.exact('beta') } }], destinations: [{ version: 'v2' }] },
        { match: [{ uri: StringMatch.prefix('/v1') }], destinations: [{ version: 'v1' }] },
        { destinations: [{ version: 'v1' }] },
      ]);
    },
  },
  {
    rule: 'MESH-ROUTE-006',
    code: 'IST0131',
    shape: 'prefix covered by an earlier prefix',
    fail: f => route(f, reviews(f), [{ match: [{ uri: StringMatch.prefix('/usrv') }], destinations: [{ version: 'v1' }] }, { match: [{ uri: StringMatch.prefix('/usrv-expand') }], destinations: [{ version: 'v2' }] }, { destinations: [{ version: 'v1' }] }]),
    pass: f => { route(f, reviews(f), [{ match: [{ uri: StringMatch.prefix('/usrv-expand') }], destinations: [{ version: 'v2' }] }, { match: [{ uri: StringMatch.prefix('/usrv') }], destinations: [{ version: 'v1' }] }, { destinations: [{ version: 'v1' }] }]); },
  },
  // --- IST0132 VirtualServiceHostNotFoundInGateway ---
  {
    rule: 'MESH-ROUTE-004',
    code: 'IST0132',
    shape: 'route host the listener does not serve',
    fail: f => route(f, reviews(f), [{ destinations: [{ version: 'v1' }] }], { hosts: ['blog.example.com'], gateways: [edge(f).listener] }),
    pass: f => { route(f, reviews(f), [{ destinations: [{ version: 'v1' }] }], { hosts: [SHOP], gateways: [edge(f).listener] }); },
  },
  // --- IST0134 ServiceEntryAddressesRequired ---
  {
    rule: 'MESH-ANA-026',
    code: 'IST0134',
    shape: 'TCP ServiceEntry without addresses',
    fail: f => serviceEntry(f, { hosts: ['db.example.com'], ports: [{ number: 5432, protocol: Protocol.TCP, name: 'tcp-pg' }] }),
    pass: f => { serviceEntry(f, { hosts: ['db.example.com'], addresses: ['203.0.113.10'], ports: [{ number: 5432, protocol: Protocol.TCP, name: 'tcp-pg' }] }); },
  },
  {
    rule: 'MESH-ANA-026',
    code: 'IST0134',
    shape: 'TCP ServiceEntry with DNS auto-allocation',
    fail: f => serviceEntry(f, { hosts: ['db.example.com'], ports: [{ number: 5432, protocol: Protocol.TCP, name: 'tcp-pg' }] }),
    passProps: { meshConfig: { dnsCapture: true, dnsAutoAllocate: true } },
    pass: f => { serviceEntry(f, { hosts: ['db.example.com'], ports: [{ number: 5432, protocol: Protocol.TCP, name: 'tcp-pg' }] }); },
  },
  // --- gateways: IST0138, IST0145, IST0161, IST0162 ---
  {
    rule: 'MESH-ANA-027',
    code: 'IST0138',
    shape: 'one certificate in two listeners of a gateway',
    fail: f => {
      f.mesh.addNamespace('shop');
      const gateway = new IngressGateway(f.mesh, 'ingress');
      const tls = { mode: GatewayTlsMode.SIMPLE, credentialName: 'wildcard-cert' };
      gateway.addListener('shop', { namespaceName: 'shop', servers: [{ port: 443, protocol: Protocol.HTTPS, hosts: [SHOP], tls }] });
      return gateway.addListener('blog', { namespaceName: 'shop', servers: [{ port: 443, protocol: Protocol.HTTPS, hosts: ['blog.example.com'], tls }] });
    },
    pass: f => {
      f.mesh.addNamespace('shop');
      const tls = { mode: GatewayTlsMode.SIMPLE, credentialName: 'wildcard-cert' };
      new IngressGateway(f.mesh, 'ingress').addListener('sites', { namespaceName: 'shop', servers: [{ port: 443, protocol: Protocol.HTTPS, hosts: [SHOP, 'blog.example.com'], tls }] });
    },
  },
  {
    rule: 'MESH-ANA-030',
    code: 'IST0145',
    shape: 'two listeners of a gateway for one host and port',
    fail: f => {
      f.mesh.addNamespace('shop');
      const gateway = new IngressGateway(f.mesh, 'ingress');
      gateway.addListener('shop', { namespaceName: 'shop', servers: [{ port: 80, protocol: Protocol.HTTP, hosts: [SHOP] }] });
      return gateway.addListener('shop-again', { namespaceName: 'shop', servers: [{ port: 80, protocol: Protocol.HTTP, hosts: [SHOP] }] });
    },
    pass: f => {
      f.mesh.addNamespace('shop');
      const gateway = new IngressGateway(f.mesh, 'ingress');
      gateway.addListener('shop', { namespaceName: 'shop', servers: [{ port: 80, protocol: Protocol.HTTP, hosts: [SHOP] }] });
      gateway.addListener('blog', { namespaceName: 'shop', servers: [{ port: 80, protocol: Protocol.HTTP, hosts: ['blog.example.com'] }] });
    },
  },
  {
    rule: 'MESH-ANA-041',
    code: 'IST0161',
    shape: 'credentialSecret without a private key',
    fail: f => {
      f.mesh.addNamespace('shop');
      const gateway = new IngressGateway(f.mesh, 'ingress');
      const secret = new Secret(f.cluster, 'shop-cert', { metadata: { name: 'shop-cert', namespace: gateway.settingsFor('c1').namespaceName }, stringData: { 'tls.crt': 'CERT' } });
      return gateway.addListener('shop', { namespaceName: 'shop', servers: [{ port: 443, protocol: Protocol.HTTPS, hosts: [SHOP], tls: { mode: GatewayTlsMode.SIMPLE, credentialSecret: ApiObject.of(secret) } }] });
    },
    pass: f => {
      f.mesh.addNamespace('shop');
      const gateway = new IngressGateway(f.mesh, 'ingress');
      const secret = new Secret(f.cluster, 'shop-cert', { metadata: { name: 'shop-cert', namespace: gateway.settingsFor('c1').namespaceName }, stringData: { 'tls.crt': 'CERT', 'tls.key': 'KEY' } });
      gateway.addListener('shop', { namespaceName: 'shop', servers: [{ port: 443, protocol: Protocol.HTTPS, hosts: [SHOP], tls: { mode: GatewayTlsMode.SIMPLE, credentialSecret: ApiObject.of(secret) } }] });
    },
  },
  {
    rule: 'MESH-GW-014',
    code: 'IST0162',
    shape: 'listener on a port the gateway Service does not expose',
    fail: f => { f.mesh.addNamespace('shop'); return new IngressGateway(f.mesh, 'ingress').addListener('shop', { namespaceName: 'shop', servers: [{ port: 8443, protocol: Protocol.HTTP, hosts: [SHOP] }] }); },
    pass: f => { f.mesh.addNamespace('shop'); new IngressGateway(f.mesh, 'ingress').addListener('shop', { namespaceName: 'shop', servers: [{ port: 80, protocol: Protocol.HTTP, hosts: [SHOP] }] }); },
  },
  // --- IST0140 IngressRouteRulesNotAffected ---
  {
    rule: 'MESH-ANA-028',
    code: 'IST0140',
    shape: 'edge route next to a mesh split of the service',
    fail: f => {
      const svc = reviews(f);
      const e = new TrafficRoute(f.mesh, 'edge', { service: svc, name: 'edge', hosts: [SHOP], gateways: [edge(f).listener], http: [{ destinations: [{}] }] });
      new TrafficRoute(f.mesh, 'split', { service: svc, http: [{ destinations: [{ version: 'v1', weight: 90 }, { version: 'v2', weight: 10 }] }] });
      return e;
    },
    pass: f => {
      const svc = reviews(f);
      new TrafficRoute(f.mesh, 'edge', { service: svc, name: 'edge', hosts: [SHOP], gateways: [edge(f).listener], http: [{ destinations: [{}] }] });
      new CanaryRelease(f.mesh, 'canary', { service: svc, stableVersion: 'v1', canaryVersion: 'v2', steps: [10, 100] });
    },
  },
  // --- IST0144 InvalidApplicationUID ---
  {
    rule: 'MESH-ANA-029',
    code: 'IST0144',
    shape: 'adopted Deployment running as UID 1337',
    fail: f => adoptedDeployment(f, { user: 1337 }),
    pass: f => { adoptedDeployment(f, { user: 1000 }); },
  },
  // --- IST0146/0147 image: auto without injection ---
  {
    rule: 'MESH-ANA-031',
    code: 'IST0146',
    shape: 'gateway on a revision the mesh does not run',
    fail: f => new IngressGateway(f.mesh, 'ingress', { revision: 'canary' }),
    passProps: { revision: 'canary' },
    pass: f => { new IngressGateway(f.mesh, 'ingress', { revision: 'canary' }); },
  },
  {
    rule: 'MESH-ANA-031',
    code: 'IST0146',
    shape: 'gateway on a revision the control plane does not install',
    props: { topology: MeshTopology.MULTI_PRIMARY, controlPlane: { revisions: [{ name: '1-30' }] } },
    fail: f => new IngressGateway(f.mesh, 'ingress', { revision: '1-31' }),
    passProps: { topology: MeshTopology.MULTI_PRIMARY, controlPlane: { revisions: [{ name: '1-30' }, { name: '1-31' }] } },
    pass: f => { new IngressGateway(f.mesh, 'ingress', { revision: '1-31' }); },
  },
  {
    rule: 'MESH-ANA-032',
    code: 'IST0147',
    shape: 'cdk8s-plus gateway Pod in a namespace without injection',
    fail: f => {
      new Namespace(f.cluster, 'edge', { metadata: { name: 'edge' } });
      return new Pod(f.cluster, 'gateway', { metadata: { name: 'gateway', namespace: 'edge', labels: { istio: 'edge' } }, containers: [{ name: 'istio-proxy', image: 'auto', securityContext: { user: 1337 } }] });
    },
    pass: f => {
      f.mesh.addNamespace('edge');
      new Pod(f.cluster, 'gateway', { metadata: { name: 'gateway', namespace: 'edge', labels: { istio: 'edge' } }, containers: [{ name: 'istio-proxy', image: 'auto', securityContext: { user: 1337 } }] });
    },
  },
  // --- IST0149 JwtClaimBasedRoutingWithoutRequestAuthN ---
  {
    rule: 'MESH-ANA-033',
    code: 'IST0149',
    shape: 'edge route on a JWT claim without RequestAuthentication',
    props: restrictedJwks,
    fail: f => route(f, reviews(f), [{ match: claimMatch, destinations: [{ version: 'v2' }] }, { destinations: [{ version: 'v1' }] }], { hosts: [SHOP], gateways: [edge(f).listener] }),
    pass: f => {
      const { gateway, listener } = edge(f);
      new RequestAuthentication(f.mesh, 'edge-jwt', { workload: gateway, jwtRules }).requireJwt();
      route(f, reviews(f), [{ match: claimMatch, destinations: [{ version: 'v2' }] }, { destinations: [{ version: 'v1' }] }], { hosts: [SHOP], gateways: [listener] });
    },
  },
  // --- IST0151 EnvoyFilterUsesRelativeOperation ---
  {
    rule: 'MESH-ANA-034',
    code: 'IST0151',
    shape: 'LocalRateLimit with priority 0 (no priority)',
    fail: f => new LocalRateLimit(f.mesh, 'rate-limit', { workload: reviews(f), maxTokens: 100, fillInterval: Duration.seconds(1), priority: 0 }),
    pass: f => { new LocalRateLimit(f.mesh, 'rate-limit', { workload: reviews(f), maxTokens: 100, fillInterval: Duration.seconds(1) }); },
  },
  // --- IST0157 InvalidTelemetryProvider ---
  {
    rule: 'MESH-ANA-038',
    code: 'IST0157',
    shape: 'access logging without providers',
    fail: f => { reviews(f); return new Telemetry(f.mesh, 'access-log', { namespaceName: 'shop', accessLogging: { filter: 'response.code >= 400' } }); },
    pass: f => {
      const log = f.mesh.addExtensionProvider(ExtensionProvider.fileAccessLog('stdout'));
      reviews(f);
      new Telemetry(f.mesh, 'access-log', { namespaceName: 'shop', accessLogging: { providers: [log], filter: 'response.code >= 400' } });
    },
  },
  // --- IST0163/0164 external control plane webhooks ---
  {
    rule: 'MESH-ANA-043',
    code: 'IST0163',
    shape: 'external istiod address left empty (webhook URLs without host)',
    // the hostname variant's gateway re-originates TLS to istiod unverified (IST0129), as Istio's guide does: see examples/topologies/external-control-plane.ts
    keeps: ['MESH-ANA-023'],
    props: externalControlPlane(''),
    fail: f => f.mesh.controlPlane!,
    passProps: externalControlPlane('istiod.example.com'),
    pass: () => undefined,
  },
  {
    rule: 'MESH-ANA-044',
    code: 'IST0164',
    shape: 'hostname variant given an IP address',
    // the hostname variant's gateway re-originates TLS to istiod unverified (IST0129), as Istio's guide does: see examples/topologies/external-control-plane.ts
    keeps: ['MESH-ANA-023'],
    props: externalControlPlane('203.0.113.5', ExternalIstiodAddressType.HOSTNAME),
    fail: f => f.mesh.controlPlane!,
    passProps: externalControlPlane('istiod.example.com', ExternalIstiodAddressType.HOSTNAME),
    pass: () => undefined,
  },
  {
    rule: 'MESH-ANA-044',
    code: 'IST0164',
    shape: 'IPv6 address (the hostname variant by default)',
    props: externalControlPlane('[2001:db8::5]'),
    fail: f => f.mesh.controlPlane!,
    passProps: externalControlPlane('203.0.113.5'),
    pass: () => undefined,
  },
  // --- IST0170 MultiClusterInconsistentService ---
  {
    rule: 'MESH-SVC-007',
    code: 'IST0170',
    shape: 'ports differ between clusters',
    props: twoClusters,
    fail: f => {
      f.mesh.addNamespace('shop');
      new MeshService(f.mesh, 'reviews-c1', { name: 'reviews', namespaceName: 'shop', clusters: ['c1'], ports: HTTP });
      return new MeshService(f.mesh, 'reviews-c2', { name: 'reviews', namespaceName: 'shop', clusters: ['c2'], ports: [{ port: 9081, protocol: Protocol.HTTP }] });
    },
    pass: f => { f.mesh.addNamespace('shop'); new MeshService(f.mesh, 'reviews', { name: 'reviews', namespaceName: 'shop', clusters: ['c1', 'c2'], ports: HTTP }); },
  },
  {
    rule: 'MESH-ANA-045',
    code: 'IST0170',
    shape: 'headless in one cluster (adopted cdk8s-plus Service)',
    props: twoClusters,
    fail: f => {
      f.mesh.addNamespace('shop');
      const headless = new Service(f.mesh.cluster('c2'), 'reviews', { metadata: { name: 'reviews', namespace: 'shop' }, clusterIP: 'None', ports: [{ port: 9080, name: 'http' }] });
      headless.selectLabel('app', 'reviews');
      MeshService.fromService(f.mesh, 'reviews-c2', headless);
      return new MeshService(f.mesh, 'reviews-c1', { name: 'reviews', namespaceName: 'shop', clusters: ['c1'], ports: HTTP });
    },
    pass: f => {
      f.mesh.addNamespace('shop');
      for (const cluster of ['c1', 'c2']) {
        const adopted = new Service(f.mesh.cluster(cluster), 'reviews', { metadata: { name: 'reviews', namespace: 'shop' }, ports: [{ port: 9080, name: 'http' }] });
        adopted.selectLabel('app', 'reviews');
        MeshService.fromService(f.mesh, `reviews-${cluster}`, adopted);
      }
    },
  },
  {
    rule: 'MESH-ANA-045',
    code: 'IST0170',
    shape: 'NodePort in one cluster (adopted cdk8s-plus Service)',
    props: twoClusters,
    fail: f => {
      f.mesh.addNamespace('shop');
      const nodePort = new Service(f.mesh.cluster('c2'), 'reviews', { metadata: { name: 'reviews', namespace: 'shop' }, type: ServiceType.NODE_PORT, ports: [{ port: 9080, name: 'http' }] });
      nodePort.selectLabel('app', 'reviews');
      MeshService.fromService(f.mesh, 'reviews-c2', nodePort);
      return new MeshService(f.mesh, 'reviews-c1', { name: 'reviews', namespaceName: 'shop', clusters: ['c1'], ports: [{ port: 9080, protocol: Protocol.HTTP, name: 'http' }] });
    },
    pass: f => {
      f.mesh.addNamespace('shop');
      for (const cluster of ['c1', 'c2']) {
        const adopted = new Service(f.mesh.cluster(cluster), 'reviews', { metadata: { name: 'reviews', namespace: 'shop' }, ports: [{ port: 9080, name: 'http' }] });
        adopted.selectLabel('app', 'reviews');
        MeshService.fromService(f.mesh, `reviews-${cluster}`, adopted);
      }
    },
  },
  // --- IST0173 DestinationRuleSubsetNotSelectPods ---
  {
    rule: 'MESH-ANA-021',
    code: 'IST0173',
    shape: 'canary version without a Deployment',
    fail: f => { reviewsPods(f, 'reviews', ['v1']); return route(f, reviews(f), [{ destinations: [{ version: 'v1', weight: 90 }, { version: 'v2', weight: 10 }] }]); },
    pass: f => { reviewsPods(f); route(f, reviews(f), [{ destinations: [{ version: 'v1', weight: 90 }, { version: 'v2', weight: 10 }] }]); },
  },
  // --- IST0175 JwksUriFetchUnrestricted ---
  {
    rule: 'MESH-ANA-047',
    code: 'IST0175',
    shape: 'RequestAuthentication without jwksBlockedCidrs',
    fail: f => { const jwt = new RequestAuthentication(f.mesh, 'jwt', { workload: reviews(f), jwtRules }); jwt.requireJwt(); return jwt; },
    passProps: restrictedJwks,
    pass: f => { new RequestAuthentication(f.mesh, 'jwt', { workload: reviews(f), jwtRules }).requireJwt(); },
  },
  // --- IST0177 ConflictingServiceEntryProtocol ---
  {
    rule: 'MESH-ANA-048',
    code: 'IST0177',
    shape: 'two ServiceEntries for one host and port with different protocols',
    fail: f => { serviceEntry(f, { ports: [{ number: 443, protocol: Protocol.HTTPS, name: 'https' }] }, 'api-https'); return serviceEntry(f, {}, 'api-tls'); },
    pass: f => { serviceEntry(f, {}, 'api-tls'); serviceEntry(f, { hosts: ['auth.example.com'], ports: [{ number: 443, protocol: Protocol.HTTPS, name: 'https' }] }, 'auth-https'); },
  },
  // --- the seed FAQ's pitfalls ---
  {
    rule: 'MESH-ANA-054',
    code: '-',
    shape: 'public API registered as MESH_INTERNAL',
    fail: f => serviceEntry(f, { hosts: ['api.stripe.com'], location: ServiceEntryLocation.MESH_INTERNAL }),
    pass: f => { serviceEntry(f, { hosts: ['api.stripe.com'] }); },
  },
  {
    rule: 'MESH-ANA-055',
    code: '-',
    shape: 'load balancer for an adopted headless Service',
    fail: f => {
      f.mesh.addNamespace('shop');
      const kafka = MeshService.fromService(f.mesh, 'kafka', new Service(f.cluster, 'kafka', { metadata: { name: 'kafka', namespace: 'shop' }, clusterIP: 'None', ports: [{ port: 9092, name: 'tcp-kafka' }] }));
      return new TrafficRoute(f.mesh, 'kafka-policy', { service: kafka, policy: { loadBalancer: LoadBalancer.leastRequest() } });
    },
    pass: f => {
      f.mesh.addNamespace('shop');
      const kafka = MeshService.fromService(f.mesh, 'kafka', new Service(f.cluster, 'kafka', { metadata: { name: 'kafka', namespace: 'shop' }, clusterIP: 'None', ports: [{ port: 9092, name: 'tcp-kafka' }] }));
      new TrafficRoute(f.mesh, 'kafka-policy', { service: kafka, policy: { connectionPool: { tcp: { maxConnections: 100 } } } });
    },
  },
  {
    rule: 'MESH-ANA-056',
    code: '-',
    shape: 'client Deployment without a Service under locality load balancing',
    fail: f => {
      const loadgen = deployment(f, 'loadgen');
      new TrafficRoute(f.mesh, 'reviews-policy', { service: reviews(f), policy: { locality: { enabled: true }, outlierDetection: { consecutive5xxErrors: 5 } } });
      return loadgen;
    },
    pass: f => {
      MeshService.fromDeployment(f.mesh, 'loadgen', deployment(f, 'loadgen'));
      new TrafficRoute(f.mesh, 'reviews-policy', { service: reviews(f), policy: { locality: { enabled: true }, outlierDetection: { consecutive5xxErrors: 5 } } });
    },
  },
  // --- IST0166/0167: policies a data plane ignores ---
  {
    rule: 'MESH-ANA-058',
    code: 'IST0166',
    shape: 'an AuthorizationPolicy selecting the pods of a Gateway API gateway the user deploys',
    fail: f => {
      f.mesh.addNamespace('shop');
      deployment(f, 'edge', { labels: { 'gateway.networking.k8s.io/gateway-name': 'edge' } });
      return new AuthorizationPolicy(f.mesh, 'edge-deny', {
        namespaceName: 'shop', selector: { app: 'edge' }, action: AuthorizationAction.DENY, rules: [{ operations: [{ paths: ['/admin'] }] }],
      });
    },
    pass: f => {
      f.mesh.addNamespace('shop');
      deployment(f, 'edge', { labels: { 'gateway.networking.k8s.io/gateway-name': 'edge' } });
      deployment(f, 'web');
      new AuthorizationPolicy(f.mesh, 'web-deny', {
        namespaceName: 'shop', selector: { app: 'web' }, action: AuthorizationAction.DENY, rules: [{ operations: [{ paths: ['/admin'] }] }],
      });
    },
  },
  {
    rule: 'MESH-ANA-059',
    code: 'IST0167',
    shape: 'a Sidecar for a namespace labelled for ambient mode',
    fail: f => {
      f.mesh.addNamespace('apps', { injectionEnabled: false, labels: { 'istio.io/dataplane-mode': 'ambient' } });
      return new Sidecar(f.mesh, 'apps-egress', { namespaceName: 'apps', egressNamespaces: ['apps'] });
    },
    pass: f => {
      f.mesh.addNamespace('apps');
      new Sidecar(f.mesh, 'apps-egress', { namespaceName: 'apps', egressNamespaces: ['apps'] });
    },
  },
];

runAnalysisCases(CASES, true);

/**
 * A state the typed API cannot express: the statement a JavaScript user could still write (TypeScript rejects it, the
 * `@ts-expect-error` proves that at type-check time) and the input check that rejects it at run time.
 */
interface Proof {
  /** The istioctl analyze code. */
  readonly code: string;
  /** What cannot be written, and why. */
  readonly shape: string;
  /** The input check's rule. */
  readonly rule: string;
  /** The construct (and prop) path it names. */
  readonly path: string;
  /** The JavaScript form. */
  readonly build: (f: Fixture) => void;
}

const PROOFS: Proof[] = [
  {
    code: 'IST0101',
    shape: 'a Gateway selector: a listener selects the pods of the gateway it is added to',
    rule: 'MESH-CORE-003',
    path: 'mesh/ingress/addListener(options)/selector',
    build: f => {
      new IngressGateway(f.mesh, 'ingress').addListener('shop', {
        namespaceName: 'shop',
        // @ts-expect-error listeners have no selector
        selector: { istio: 'ingress' },
      });
    },
  },
  {
    code: 'IST0101',
    shape: 'a gateway named by string: routes bind listener constructs',
    rule: 'MESH-CORE-006',
    path: 'mesh/route/gateways[0]',
    // @ts-expect-error a gateway binding is a construct, not a `namespace/name` string
    build: f => { route(f, reviews(f), [{ destinations: [{ version: 'v1' }] }], { hosts: [SHOP], gateways: ['istio-system/public'] }); },
  },
  {
    code: 'IST0174',
    shape: 'a DestinationRule for an unknown host: a TrafficRoute\'s policy is for a MeshService (declared or external)',
    rule: 'MESH-CORE-006',
    path: 'mesh/route/service',
    // @ts-expect-error the service is a MeshService, not a host name
    build: f => { new TrafficRoute(f.mesh, 'route', { service: 'ratings', policy: { loadBalancer: LoadBalancer.leastRequest() } }); },
  },
  {
    code: 'IST0150',
    shape: 'an ExternalName MeshService: MeshService has no service type (cdk8s-plus writes no ports for ExternalName)',
    rule: 'MESH-CORE-003',
    path: 'mesh/db/type',
    build: f => {
      new MeshService(f.mesh, 'db', {
        name: 'db',
        namespaceName: 'shop',
        ports: [{ port: 5432, protocol: Protocol.TCP }],
        // @ts-expect-error MeshService has no type
        type: 'ExternalName',
      });
    },
  },
  {
    code: 'IST0152',
    shape: 'a REPLACE patch: EnvoyFilter recipes choose their patch operations',
    rule: 'MESH-CORE-003',
    path: 'mesh/rate-limit/operation',
    build: f => {
      new LocalRateLimit(f.mesh, 'rate-limit', {
        workload: reviews(f),
        maxTokens: 100,
        fillInterval: Duration.seconds(1),
        // @ts-expect-error recipes have no patch operation
        operation: 'REPLACE',
      });
    },
  },
  {
    code: 'IST0153',
    shape: 'an ADD patch on a route configuration: recipes choose what they patch',
    rule: 'MESH-CORE-003',
    path: 'mesh/headers/applyTo',
    build: f => {
      new MaxRequestHeaders(f.mesh, 'headers', {
        namespaceName: 'shop',
        maxRequestHeadersKb: 80,
        // @ts-expect-error recipes have no applyTo
        applyTo: 'ROUTE_CONFIGURATION',
      });
    },
  },
  {
    code: 'IST0154',
    shape: 'a REMOVE patch on an HTTP route: recipes have no raw patches',
    rule: 'MESH-CORE-003',
    path: 'mesh/case/configPatches',
    build: f => {
      new PreserveHeaderCase(f.mesh, 'case', {
        namespaceName: 'shop',
        // @ts-expect-error recipes have no configPatches
        configPatches: [{ applyTo: 'HTTP_ROUTE', patch: { operation: 'REMOVE' } }],
      });
    },
  },
];

describe.each(PROOFS)('$code cannot be written: $shape', p => {
  test(`the JavaScript form fails the input check ${p.rule}`, () => {
    const { failed, diagnostics } = attempt(undefined, p.build);
    expect(failed).toBe(true);
    expect(diagnostics.filter(d => d.rule.id === p.rule).map(d => d.path)).toContain(p.path);
  });
});

test('what the EnvoyFilter recipes write raises none of IST0151-0154', () => {
  const { failed, diagnostics } = attempt(undefined, f => {
    const svc = reviews(f);
    new MaxRequestHeaders(f.mesh, 'headers', { workload: svc, maxRequestHeadersKb: 80 });
    new PreserveHeaderCase(f.mesh, 'case', { workload: svc });
    new AcceptHttp10(f.mesh, 'http10', { workload: svc });
    new LocalRateLimit(f.mesh, 'rate-limit', { workload: svc, maxTokens: 100, fillInterval: Duration.seconds(1) });
    new IngressGateway(f.mesh, 'ingress', { compression: { gzip: {} } });
  });
  expect(failed).toBe(false);
  expect(diagnostics.filter(d => ['IST0151', 'IST0152', 'IST0153', 'IST0154', 'IST0155'].includes(d.rule.istioCode ?? '')).map(d => d.path)).toEqual([]);
});

test('cdk8s-plus writes no ports for an ExternalName Service, so an adopted one has no port names to check (IST0150)', () => {
  const { diagnostics } = attempt(undefined, f => {
    f.mesh.addNamespace('shop');
    const db = new Service(f.cluster, 'db', { metadata: { name: 'db', namespace: 'shop' }, type: ServiceType.EXTERNAL_NAME, externalName: 'db.example.com', ports: [{ port: 5432, name: 'tcp' }] });
    expect(ApiObject.of(db).toJson().spec.ports).toBeUndefined();
    MeshService.fromService(f.mesh, 'db', db);
  });
  expect(diagnostics.map(d => d.rule.id)).toEqual([]);
});

test('every Istio code the analysis covers has a case written with the typed constructs, or a proof the API rules it out', () => {
  const covered = new Set([...CASES.map(c => c.code), ...PROOFS.map(p => p.code)]);
  const codes = new Set(ValidationRules.all().map(r => r.istioCode).filter((c): c is string => c !== undefined));
  expect([...codes].filter(c => !covered.has(c)).sort()).toEqual([]);
});
