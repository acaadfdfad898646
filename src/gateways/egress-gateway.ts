import { Construct } from 'constructs';
import { ExistingGatewayProps, existingGatewayFacts, istioctlGatewayName } from './existing-gateway';
import { GatewayProps, GatewayType } from './gateway-options';
import { GatewayWorkload } from './gateway-workload';
import { checkInit, trusted } from '../validation/input/check';

/** Props of an egress gateway. */
export interface EgressGatewayProps extends GatewayProps {}

/**
 * An egress gateway: a controlled exit point for traffic leaving the mesh. A ClusterIP Service by default,
 * named `istio-egressgateway` with selector `app: istio-egressgateway, istio: egressgateway`.
 */
export class EgressGateway extends GatewayWorkload {
  /**
   * An egress gateway that already runs (installed by istioctl, Helm or a vendor console): listeners, egress routes and
   * policies bind to it as to one the library deploys, and nothing is emitted for the gateway itself. Its selector is
   * kept exactly as given.
   * @param scope a scope in the mesh
   * @param id construct id
   * @param props name, namespace, selector labels and Service ports of the gateway, as installed
   */
  public static fromExisting(scope: Construct, id: string, props: ExistingGatewayProps = {}): EgressGateway {
    const name = props.name ?? istioctlGatewayName(GatewayType.EGRESS);
    const gateway = trusted(() => new EgressGateway(scope, id, { name, namespaceName: props.namespaceName, clusters: props.clusters }));
    gateway._adoptExisting(existingGatewayFacts(GatewayType.EGRESS, name, props));
    return gateway;
  }

  constructor(scope: Construct, id: string, props: EgressGatewayProps = {}) {
    checkInit('cdk8s-mesh.EgressGateway', new.target, [scope, id, props]);
    super(scope, id, { ...props, gatewayType: GatewayType.EGRESS });
  }
}
