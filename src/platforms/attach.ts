import { onPlatform } from './gateway-provisioner';
import type { Mesh } from '../topology/mesh';
import { PlatformRules } from '../validation/rules/platform';

/**
 * Hooks the mesh's platform into synthesis: its checks and its artifacts (both through the public
 * `Platform.validate()` and `Platform.artifacts()`), and MESH-PLAT-020 for a topology on a managed platform.
 */
export function attachPlatform(mesh: Mesh, declaresTopology: boolean): void {
  const platform = mesh.platform;
  mesh._onSynth(undefined, () => {
    platform.validate(mesh);
    for (const artifact of platform.artifacts(mesh)) mesh._addArtifact(artifact.path, () => artifact.content);
  });
  if (declaresTopology && platform.managesControlPlane) {
    mesh.report(PlatformRules.MANAGED_CONTROL_PLANE, `${mesh.node.path}/topology`, platform.kind, onPlatform(mesh));
  }
}
