/**
 * The Tencent Cloud Mesh (TCM) quick start: the shop in namespace `base`, a primary cluster
 * (Guangzhou zone A, the config cluster) and a second cluster served by the same control plane.
 *
 * Seeds: 000 (TCM guide: ingress gateway component settings) and 001 (TCM quick start, digest S2 and S11).
 * Teams add their scenarios as functions: `addGateways` (gateways), `addRoutes` (traffic), `addSecurity`.
 */
import { ClusterRole, ExternalTrafficPolicy, GatewayListener, GatewayServiceType, IngressGateway, Mesh, MeshApp, Protocol } from '../src';

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
  const publicGateway = publicIngress.addListener('frontend-gw', { namespace: SHOP_NAMESPACE, servers: [http] });

  const nearbyIngress = new IngressGateway(mesh, 'istio-ingressgateway-1', {
    ...sizing,
    name: 'istio-ingressgateway-1',
    istioLabel: 'ingressgateway',
    clusters: [second.clusterName],
  });
  const nearbyGateway = nearbyIngress.addListener('frontend-gw-2', { namespace: SHOP_NAMESPACE, servers: [http] });
  return { publicIngress, publicGateway, nearbyIngress, nearbyGateway };
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
  addGateways(mesh);
  return app;
}

if (require.main === module) {
  build().synth();
}
