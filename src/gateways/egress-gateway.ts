import { Construct } from 'constructs';
import { GatewayProps, GatewayType } from './gateway-options';
import { GatewayWorkload } from './gateway-workload';
import { checkInit } from '../validation/input/check';

/** Props of an egress gateway. */
export interface EgressGatewayProps extends GatewayProps {}

/**
 * An egress gateway: a controlled exit point for traffic leaving the mesh. A ClusterIP Service by default,
 * named `istio-egressgateway` with selector `app: istio-egressgateway, istio: egressgateway`.
 */
export class EgressGateway extends GatewayWorkload {
  constructor(scope: Construct, id: string, props: EgressGatewayProps = {}) {
    checkInit('cdk8s-mesh.EgressGateway', new.target, [scope, id, props]);
    super(scope, id, { ...props, gatewayType: GatewayType.EGRESS });
  }
}
