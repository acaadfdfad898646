import { Construct } from 'constructs';
import { GatewayProps, GatewayType } from './gateway-options';
import { GatewayWorkload } from './gateway-workload';
import { checkInit } from '../validation/input/check';

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
  constructor(scope: Construct, id: string, props: IngressGatewayProps = {}) {
    checkInit('cdk8s-mesh.IngressGateway', new.target, [scope, id, props]);
    super(scope, id, { ...props, gatewayType: GatewayType.INGRESS });
  }
}
