import type { GatewayWorkload } from './gateway-workload';
import { MeshFeature } from '../topology/feature';
import type { MeshCore } from '../topology/mesh-core';

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

/**
 * How a platform provisions the mesh's ingress and egress gateways. `GatewayWorkload` asks the mesh's
 * `GatewayProvisioningFeature` for its provisioner: with WORKLOADS the library renders the gateway workloads itself,
 * otherwise the provisioner's `render` replaces them. `validate` runs for every gateway either way.
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

/**
 * A mesh feature that decides how the mesh's gateways are provisioned (the platform profile is one). Without one,
 * gateways render as Kubernetes workloads.
 */
export abstract class GatewayProvisioningFeature extends MeshFeature {
  /**
   * The gateway provisioner of `mesh`: the registered feature's, else `WorkloadGatewayProvisioner.INSTANCE`.
   * @param mesh the mesh
   */
  public static provisionerOf(mesh: MeshCore): GatewayProvisioner {
    return MeshFeature._find(mesh, GatewayProvisioningFeature)?.gatewayProvisioner ?? WorkloadGatewayProvisioner.INSTANCE;
  }

  /** The provisioner of the mesh's gateways. */
  public abstract readonly gatewayProvisioner: GatewayProvisioner;
}
