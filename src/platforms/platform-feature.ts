import { Platform } from './platform';
import { GatewayProvisioner, GatewayProvisioningFeature } from '../gateways/gateway-provisioner';
import { MeshFeature } from '../topology/feature';
import type { MeshCore } from '../topology/mesh-core';

/** The platform profile a mesh runs on, as a mesh feature (it also provisions the gateways). */
export abstract class PlatformProfile extends GatewayProvisioningFeature {
  /**
   * The platform profile registered on `mesh`, if any.
   * @param mesh the mesh
   */
  public static profileOf(mesh: MeshCore): PlatformProfile | undefined {
    return MeshFeature._find(mesh, PlatformProfile);
  }

  /** The platform. */
  public abstract readonly platform: Platform;

  /** The platform's gateway provisioner. */
  public get gatewayProvisioner(): GatewayProvisioner {
    return this.platform.gatewayProvisioner;
  }
}

/** The platform of `mesh`: the registered profile's, else upstream Istio. @internal */
export function platformOf(mesh: MeshCore): Platform {
  return PlatformProfile.profileOf(mesh)?.platform ?? Platform.UPSTREAM;
}

/** `On <platform>.`: the detail every platform diagnostic carries, so messages name the platform. */
export function onPlatform(mesh: MeshCore): string {
  return `On ${platformOf(mesh).displayName}.`;
}
