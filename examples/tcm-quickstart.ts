/**
 * The Tencent Cloud Mesh (TCM) quick start: a six-service shop in namespace `base`, deployed in a
 * primary cluster (Guangzhou zone A) and a second cluster (zone B) served by the same control plane.
 *
 * Seeds: 000 (TCM guide: ingress gateway settings) and 001 (TCM quick start, digest §1.3 S1–S8, S11), with the source defects
 * corrected (digest §1.5: D1 `*.*` host, D5 spec-level fault, D6/D7 missing default routes,
 * D8 `consecutiveErrors`, D9 mixed-case hash header).
 *
 * Scenarios by family: `addGateways` (S11 and the ingress settings), `addRoutes` (S2–S8),
 * `addSecurity` (S12 STRICT mTLS for `base`, S13 deny calls from `test`), `addCanary` (the release of frontend v2 as
 * a CanaryRelease: 5 → 25 → 50 → 100 with the vip cookie as gray release).
 */
import { Duration } from 'cdk8s';
import {
  AuthorizationAction, AuthorizationPolicy, CanaryRelease, CanaryStep, ClusterRole, ExportTo, ExternalTrafficPolicy, GatewayListener,
  GatewayServiceType, HashKey, IGatewayBinding, IngressGateway, LoadBalancer, Mesh, MeshApp, MeshService, MtlsMode, PeerAuth, Protocol, StringMatch,
  TrafficRoute,
} from 'cdk8s-mesh';

/** The namespace of the demo shop. */
export const SHOP_NAMESPACE = 'base';

/** The gateways of the quick start. */
export interface QuickStartGateways {
  /** The public ingress gateway in the primary cluster. */
  readonly publicIngress: IngressGateway;
  /** S2: `base/frontend-gw`, HTTP 80 for every host, on the public gateway. */
  readonly publicGateway: GatewayListener;
  /** S11: the "nearby access" ingress gateway in the second cluster (pods labelled `app: istio-ingressgateway-1`). */
  readonly nearbyIngress: IngressGateway;
  /** S11: `base/frontend-gw-2` on the nearby gateway, applied in the primary (config) cluster. */
  readonly nearbyGateway: GatewayListener;
}

/**
 * The TCM ingress gateways: the console's `istio-ingressgateway` (public network, preserve client source IP,
 * HPA 1-5 at 80% CPU, CPU 100m-2, memory 128Mi-1Gi) and a second "nearby access" gateway in another cluster.
 */
export function addGateways(mesh: Mesh): QuickStartGateways {
  const [primary, second] = mesh.clusters;
  const sizing = {
    serviceType: GatewayServiceType.LOAD_BALANCER,
    externalTrafficPolicy: ExternalTrafficPolicy.LOCAL,
    minReplicas: 1,
    maxReplicas: 5,
    cpu: { targetAverageUtilization: 80 },
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '2', memory: '1Gi' } },
  };
  const http = { port: 80, name: 'http', protocol: Protocol.HTTP, hosts: ['*'] }; // '*', not the guide's '*.*' (D1)

  const publicIngress = new IngressGateway(mesh, 'istio-ingressgateway', { ...sizing, clusters: [primary.clusterName] });
  const publicGateway = publicIngress.addListener('frontend-gw', { namespaceName: SHOP_NAMESPACE, servers: [http] });

  const nearbyIngress = new IngressGateway(mesh, 'istio-ingressgateway-1', {
    ...sizing,
    name: 'istio-ingressgateway-1',
    istioLabel: 'ingressgateway',
    clusters: [second.clusterName],
  });
  const nearbyGateway = nearbyIngress.addListener('frontend-gw-2', { namespaceName: SHOP_NAMESPACE, servers: [http] });
  return { publicIngress, publicGateway, nearbyIngress, nearbyGateway };
}

/** The security objects of the quick start. */
export interface QuickStartSecurity {
  /** S12: every service in `base` accepts mTLS only. */
  readonly baseStrict: PeerAuth;
  /** S13: workloads in `test` may not call services in `base`. */
  readonly denyTest: AuthorizationPolicy;
}

/**
 * S12 and S13. The DENY-by-namespace rule matches the caller's mTLS identity, so it only holds
 * because `base` is STRICT (plaintext callers carry no namespace).
 */
export function addSecurity(mesh: Mesh): QuickStartSecurity {
  const baseStrict = PeerAuth.namespaceWide(mesh, 'base-strict', 'base', MtlsMode.STRICT, { name: 'base-strict' });
  const denyTest = new AuthorizationPolicy(mesh, 'base-authz', {
    namespaceName: 'base',
    action: AuthorizationAction.DENY,
    rules: [{ sources: [{ namespaces: ['test'] }] }],
  });
  return { baseStrict, denyTest };
}

/** Builds the example into `app`. */
export function build(app: MeshApp = new MeshApp()): MeshApp {
  const mesh = new Mesh(app, 'tcm', {
    meshId: 'tcm-quickstart',
    revision: '1-10-3',
    clusters: [
      { name: 'gz-zone-a', role: ClusterRole.PRIMARY, region: 'ap-guangzhou', zones: ['ap-guangzhou-3'] },
      { name: 'gz-zone-b', role: ClusterRole.REMOTE, region: 'ap-guangzhou', zones: ['ap-guangzhou-4'] },
    ],
  });
  mesh.addNamespace(SHOP_NAMESPACE);
  mesh.addNamespace('test');
  addServices(mesh);
  const gateways = addGateways(mesh);
  addRoutes(mesh, [gateways.publicGateway, gateways.nearbyGateway]);
  addSecurity(mesh);
  addCanary(mesh);
  return app;
}

/** The objects `addCanary` adds to the primary (kind and `namespace/name`). */
export const CANARY_OBJECTS = ['VirtualService base/frontend', 'DestinationRule base/frontend'];

/**
 * Releases frontend v2 with a CanaryRelease: members (cookie `vip=true`, the TCM vip users) always get v2;
 * everyone else follows the steps 5 → 25 → 50 → 100, advanced by `CDK8S_MESH_CANARY_STEP_FRONTEND_CANARY`
 * (a step index or `rollback`, read with `CanaryStep.fromEnvironment`). The plan is written to `canary/base-frontend.plan.yaml`.
 */
export function addCanary(mesh: Mesh): CanaryRelease {
  const frontend = shopService(mesh, 'frontend');
  frontend.addVersion('v1', { version: 'v1' });
  frontend.addVersion('v2', { version: 'v2' });
  return new CanaryRelease(mesh, 'frontend-canary', {
    service: frontend,
    stableVersion: 'v1',
    canaryVersion: 'v2',
    steps: [5, 25, 50, 100],
    currentStep: CanaryStep.fromEnvironment('frontend-canary'),
    grayRelease: [{ headers: { cookie: StringMatch.cookie('vip', 'true') } }],
  });
}

/** The shop's services (seed S1): every one serves HTTP on 7000; product and order run v1 and v2. */
export function addServices(mesh: Mesh): void {
  for (const name of ['frontend', 'user', 'product', 'order', 'stock', 'cart']) {
    const versioned = name === 'product' || name === 'order';
    new MeshService(mesh, name, {
      name,
      namespaceName: SHOP_NAMESPACE,
      ports: [{ port: 7000, protocol: Protocol.HTTP }],
      versions: versioned ? [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }] : undefined,
    });
  }
}

/** The service declared by addServices. */
export function shopService(mesh: Mesh, name: string): MeshService {
  return mesh.node.findChild(name) as MeshService;
}

/**
 * The traffic scenarios of the quick start (S2–S8, S11).
 * @param frontendGateways the gateways users enter through: the public one (S2) and the nearby one (S11)
 */
export function addRoutes(mesh: Mesh, frontendGateways: IGatewayBinding[]): void {
  const order = shopService(mesh, 'order');

  // S2 public access and S11 nearby access: every host arriving at either edge gateway goes to frontend.
  new TrafficRoute(mesh, 'frontend-route', {
    service: shopService(mesh, 'frontend'),
    name: 'frontend-vs',
    hosts: ['*'],
    gateways: frontendGateways,
    http: [{ destinations: [{}] }],
  });

  // S3 cookie-based multi-version routing, with S6's 3s timeout; a default route for requests without the cookie (D6).
  const timeout = Duration.seconds(3);
  new TrafficRoute(mesh, 'order-route', {
    service: order,
    name: 'order-vs',
    exportTo: ExportTo.everywhere(),
    http: [
      { match: [{ headers: { cookie: StringMatch.cookie('vip', 'false') } }], destinations: [{ version: 'v1' }], timeout },
      { match: [{ headers: { cookie: StringMatch.cookie('vip', 'true') } }], destinations: [{ version: 'v2' }], timeout },
      { destinations: [{ version: 'v1' }], timeout },
    ],
  });

  // S4 canary: half of /product to v2; everything else stays on v1 (D7).
  new TrafficRoute(mesh, 'product-route', {
    service: shopService(mesh, 'product'),
    name: 'product-vs',
    http: [
      {
        match: [{ uri: StringMatch.exact('/product') }],
        destinations: [{ version: 'v1', port: 7000, weight: 50 }, { version: 'v2', port: 7000, weight: 50 }],
      },
      { destinations: [{ version: 'v1', port: 7000 }] },
    ],
  });

  // S5 fault injection: a 7s delay on every call to stock (inside the HTTP route, D5).
  new TrafficRoute(mesh, 'stock-route', {
    service: shopService(mesh, 'stock'),
    name: 'stock-vs',
    http: [{ destinations: [{}], fault: { delay: { fixedDelay: Duration.seconds(7), percentage: 100 } } }],
  });

  // S7 session affinity: one user's requests stick to one cart pod (header name lower-cased, D9).
  new TrafficRoute(mesh, 'cart-route', {
    service: shopService(mesh, 'cart'),
    exportTo: ExportTo.everywhere(),
    policy: { loadBalancer: LoadBalancer.consistentHash(HashKey.header('userid')) },
  });

  // S8 connection-pool limits: at most one request in flight to user.
  new TrafficRoute(mesh, 'user-route', {
    service: shopService(mesh, 'user'),
    exportTo: ExportTo.everywhere(),
    policy: { connectionPool: { http: { http1MaxPendingRequests: 1, http2MaxRequests: 1, maxRequestsPerConnection: 1 } } },
  });
}

if (require.main === module) {
  build().synth();
}
