/**
 * Bookinfo with the Kubernetes Gateway API, from the same declarations as the Istio API.
 *
 * Reproduces two Istio 1.30 docs in their Gateway API form:
 * - "Getting Started", *Open the application to outside traffic* (samples/bookinfo/gateway-api/bookinfo-gateway.yaml):
 *   the `bookinfo-gateway` Gateway (class `istio`, Istio's automated deployment, one HTTP listener on port 80 that
 *   accepts routes of its own namespace) and the `bookinfo` HTTPRoute (/productpage, /static, /login, /logout,
 *   /api/v1/products to productpage:9080);
 * - "Traffic Shifting" (tasks/traffic-management/traffic-shifting), one stage per step: `all-v1` (route-all-v1.yaml: every
 *   service to its v1), `50-v3` (route-reviews-50-v3.yaml: reviews 50/50 between v1 and v3) and `v3`
 *   (route-reviews-v3.yaml: reviews to v3), mesh (GAMMA) routes with the Service as parent; the version Services they
 *   route to (bookinfo-versions.yaml: `reviews-v1`, …) are rendered by the library.
 * The Bookinfo workloads come from Istio's bookinfo.yaml, so the services are declared `MeshService.external`.
 * `buildStage(app, stage, TrafficApi.ISTIO)` renders the same app as Gateway, VirtualServices and DestinationRules.
 */
import {
  AllowedRouteNamespaces, GatewayDeploymentMode, IngressGateway, Mesh, MeshApp, MeshService, Protocol, StringMatch, TrafficApi, TrafficRoute,
} from 'cdk8s-mesh';

/** The stages of the traffic-shifting task. */
export const stages = ['all-v1', '50-v3', 'v3'];

/** The last stage. */
export function build(app: MeshApp = new MeshApp()): MeshApp {
  return buildStage(app, 'v3');
}

/** The mesh at one stage of the task, in the chosen rendering (the Gateway API by default). */
export function buildStage(app: MeshApp, stage: string, trafficApi: TrafficApi = TrafficApi.GATEWAY_API): MeshApp {
  const mesh = new Mesh(app, 'bookinfo', { meshId: 'bookinfo', clusters: [{ name: 'cluster1' }], trafficApi });
  mesh.addNamespace('default');
  const http = [{ port: 9080, name: 'http', protocol: Protocol.HTTP }];
  const service = (name: string, versions: string[]) => MeshService.external(mesh, name, {
    name, namespaceName: 'default', ports: http, selector: { app: name }, versions: versions.map(v => ({ name: v, labels: { version: v } })),
  });
  const productpage = service('productpage', ['v1']);
  const reviews = service('reviews', ['v1', 'v2', 'v3']);
  const ratings = service('ratings', ['v1']);
  const details = service('details', ['v1']);

  // Getting Started: the ingress. Istio deploys bookinfo-gateway-istio for the Gateway (automated deployment).
  const ingress = new IngressGateway(mesh, 'ingress', { name: 'bookinfo-gateway-istio', namespaceName: 'default', deploymentMode: GatewayDeploymentMode.AUTOMATED });
  const gateway = ingress.addListener('bookinfo-gateway', {
    servers: [{ port: 80, name: 'http', protocol: Protocol.HTTP, hosts: ['*'], allowedRoutes: { namespaces: AllowedRouteNamespaces.SAME } }],
  });
  new TrafficRoute(mesh, 'bookinfo', {
    service: productpage,
    name: 'bookinfo',
    hosts: ['*'],
    gateways: [gateway],
    http: [{
      match: [
        { uri: StringMatch.exact('/productpage') },
        { uri: StringMatch.prefix('/static') },
        { uri: StringMatch.exact('/login') },
        { uri: StringMatch.exact('/logout') },
        { uri: StringMatch.prefix('/api/v1/products') },
      ],
      destinations: [{ port: 9080 }],
    }],
  });

  // Traffic Shifting: every service to v1, then reviews 50/50 to v1 and v3, then reviews to v3.
  const reviewsSplit = stage === '50-v3' ? [{ version: 'v1', weight: 50 }, { version: 'v3', weight: 50 }]
    : stage === 'v3' ? [{ version: 'v3' }] : [{ version: 'v1' }];
  new TrafficRoute(mesh, 'reviews-route', { service: reviews, http: [{ destinations: reviewsSplit }] });
  for (const s of [productpage, ratings, details]) new TrafficRoute(mesh, `${s.name}-route`, { service: s, http: [{ destinations: [{ version: 'v1' }] }] });
  return app;
}
