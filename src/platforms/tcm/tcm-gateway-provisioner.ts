import type { TcmPlatform } from './tcm-platform';
import { GatewayPlatformFacts, TcmServerFacts, tcmProvisioning, validateTcmServers } from './tcm-provisioning';
import { jsonArtifact } from '../../core/artifact';
import { GatewayType } from '../../gateways/gateway-options';
import { GatewayProvisioner, GatewayProvisioning } from '../../gateways/gateway-provisioner';
import type { GatewayWorkload } from '../../gateways/gateway-workload';
import { checkInit } from '../../validation/input/check';
import { validatePlacementOnWorkloadClusters } from '../managed-checks';
import { onPlatform } from '../platform-feature';

/**
 * TCM gateways: TCM's gateway controller creates the pods, Service and CLB; the library writes the
 * provisioning options to `tcm/gateway-<namespace>-<name>.json` and checks the listeners against TCM's rules.
 */
export class TcmGatewayProvisioner extends GatewayProvisioner {
  /** PLATFORM. */
  public readonly provisioning = GatewayProvisioning.PLATFORM;

  /**
   * @param platform the TCM platform
   */
  public constructor(private readonly platform: TcmPlatform) {
    checkInit('cdk8s-mesh.TcmGatewayProvisioner', new.target, [platform]);
    super();
  }

  /**
   * Writes the gateway's provisioning options.
   * @param gateway the gateway
   */
  public render(gateway: GatewayWorkload): void {
    const facts = this.facts(gateway);
    gateway.mesh._addArtifact(`tcm/gateway-${gateway.namespaceName}-${gateway.name}.json`, () => jsonArtifact(tcmProvisioning(facts)));
  }

  /**
   * Workload clusters only; TCM's listener rules.
   * @param gateway the gateway
   */
  public validate(gateway: GatewayWorkload): void {
    validatePlacementOnWorkloadClusters(gateway);
    validateTcmServers(gateway.mesh, this.facts(gateway), onPlatform(gateway.mesh));
  }

  /** What TCM provisioning and listener checks need from a gateway. */
  private facts(gateway: GatewayWorkload): GatewayPlatformFacts {
    const servers: TcmServerFacts[] = gateway.listeners.flatMap(listener => listener.servers.map(s => ({
      port: s.port,
      protocol: s.protocol,
      portName: listener.portName(s),
      tlsMode: s.tls?.mode,
      credentialName: s.tls?.credentialName,
      where: `${listener.node.path}/servers/${s.port}`,
    })));
    return {
      construct: gateway,
      name: gateway.name,
      namespace: gateway.namespaceName,
      cluster: gateway.clusters[0]?.clusterName,
      ingress: gateway.gatewayType === GatewayType.INGRESS,
      type: gateway.gatewayType,
      options: this.platform.gatewayOptionsOf(gateway) ?? {},
      servers,
    };
  }
}
