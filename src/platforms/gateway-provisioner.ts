import type { GatewayWorkload } from '../gateways/gateway-workload';
import type { Mesh } from '../topology/mesh';
import { PlatformRules } from '../validation/rules/platform';

/**
 * How the mesh's ingress and egress gateways reach the clusters.
 */
export enum GatewayProvisioning {
  /** The library renders the gateway Deployment, Service and ServiceAccount into each workload cluster. */
  WORKLOADS = 'workloads',
  /** The library renders one `IstioGateway` CR into the ASM control plane; ASM creates the workloads. */
  ISTIO_GATEWAY_RESOURCE = 'istio-gateway-resource',
  /** The platform provisions the gateway (TCM); the library emits only `Gateway` listeners and provisioning options. */
  PLATFORM = 'platform',
}

/** `On <platform>.`: the detail every platform diagnostic carries, so messages name the platform. */
export function onPlatform(mesh: Mesh): string {
  return `On ${mesh.platform.displayName}.`;
}

/**
 * How a platform provisions the mesh's ingress and egress gateways. `GatewayWorkload` asks the mesh's
 * platform for its provisioner: with WORKLOADS the library renders the gateway workloads itself, otherwise
 * the provisioner's `render` replaces them. `validate` runs for every gateway either way.
 */
export abstract class GatewayProvisioner {
  /** How gateways are provisioned. */
  public abstract readonly provisioning: GatewayProvisioning;

  /**
   * Renders what the platform needs for a gateway (called instead of the workloads unless provisioning is WORKLOADS).
   * @param _gateway the gateway
   */
  public render(_gateway: GatewayWorkload): void {
    return;
  }

  /**
   * The platform's checks of a gateway, called at validation.
   * @param _gateway the gateway
   */
  public validate(_gateway: GatewayWorkload): void {
    return;
  }
}

/** The library renders the gateway Deployment, Service and ServiceAccount (upstream Istio, DCE). */
export class WorkloadGatewayProvisioner extends GatewayProvisioner {
  /** The shared instance. */
  public static readonly INSTANCE = new WorkloadGatewayProvisioner();
  /** Always WORKLOADS. */
  public readonly provisioning = GatewayProvisioning.WORKLOADS;
}

/** A gateway the platform provisions must run on a cluster with workloads (MESH-PLAT-019). */
export function validatePlacementOnWorkloadClusters(gateway: GatewayWorkload): void {
  for (const cluster of gateway.clusters.filter(c => !c.runsWorkloads)) {
    gateway.mesh.report(PlatformRules.GATEWAY_ON_CONFIG_CLUSTER, gateway, cluster.clusterName, onPlatform(gateway.mesh));
  }
}
