import { Platform } from './platform';
import { PlatformProfile, onPlatform } from './platform-feature';
import { MeshArtifact } from '../topology/feature';
import type { MeshCore } from '../topology/mesh-core';
import { PlatformRules } from '../validation/rules/platform';

/**
 * The platform profile of a mesh: the platform's checks and artifacts (through the public `Platform.validate()` and
 * `Platform.artifacts()`), its gateway provisioner, and MESH-PLAT-020 for a topology on a managed platform.
 * @internal
 */
export class PlatformFeature extends PlatformProfile {
  public readonly featureName: string;

  /**
   * @param platform the platform
   * @param declaresTopology whether the mesh declares a control-plane topology
   */
  constructor(public readonly platform: Platform, private readonly declaresTopology: boolean) {
    super();
    this.featureName = `platform:${platform.kind}`;
  }

  public validate(mesh: MeshCore): void {
    if (this.declaresTopology && this.platform.managesControlPlane) {
      mesh.report(PlatformRules.MANAGED_CONTROL_PLANE, `${mesh.node.path}/topology`, this.platform.kind, onPlatform(mesh));
    }
    this.platform.validate(mesh);
  }

  public artifacts(mesh: MeshCore): MeshArtifact[] {
    return this.platform.artifacts(mesh);
  }
}
