import { Construct } from 'constructs';
import { ExistingGatewayProps, existingGatewayFacts, istioctlGatewayName } from './existing-gateway';
import { GatewayProps, GatewayType } from './gateway-options';
import { GatewayWorkload } from './gateway-workload';
import { checkInit, trusted } from '../validation/input/check';

/** Props of an ingress gateway. */
export interface IngressGatewayProps extends GatewayProps {}

/**
 * An ingress gateway: traffic enters the mesh here. A LoadBalancer Service by default, named
 * `istio-ingressgateway` with selector `app: istio-ingressgateway, istio: ingressgateway`, as the chart renders it.
 *
 * @example
 * const ingress = new IngressGateway(mesh, 'ingress', { minReplicas: 2 });
 * ingress.addListener('shop', { servers: [{ port: 80, protocol: Protocol.HTTP, hosts: ['shop.example.com'] }] });
 */
export class IngressGateway extends GatewayWorkload {
  /**
   * An ingress gateway that already runs (installed by istioctl, Helm or a vendor console): listeners, routes and
   * policies bind to it as to one the library deploys, and nothing is emitted for the gateway itself (no Deployment,
   * Service, ServiceAccount or Role). Its selector is kept exactly as given.
   *
   * @example
   * const ingress = IngressGateway.fromExisting(mesh, 'ingress', {}); // istioctl's istio-ingressgateway
   * ingress.addListener('bookinfo-gateway', { servers: [{ port: 8080, protocol: Protocol.HTTP, hosts: ['*'] }] });
   * @param scope a scope in the mesh
   * @param id construct id
   * @param props name, namespace, selector labels and Service ports of the gateway, as installed
   */
  public static fromExisting(scope: Construct, id: string, props: ExistingGatewayProps = {}): IngressGateway {
    const name = props.name ?? istioctlGatewayName(GatewayType.INGRESS);
    const gateway = trusted(() => new IngressGateway(scope, id, { name, namespaceName: props.namespaceName, clusters: props.clusters }));
    gateway._adoptExisting(existingGatewayFacts(GatewayType.INGRESS, name, props));
    return gateway;
  }

  constructor(scope: Construct, id: string, props: IngressGatewayProps = {}) {
    checkInit('cdk8s-mesh.IngressGateway', new.target, [scope, id, props]);
    super(scope, id, { ...props, gatewayType: GatewayType.INGRESS });
  }
}
