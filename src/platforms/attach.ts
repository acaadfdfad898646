import { addDceArtifacts } from './dce/dce-params';
import { PlatformKind } from './platform';
import { onPlatform, validatePlatform } from './validate';
import type { Mesh } from '../topology/mesh';
import { PlatformRules } from '../validation/rules/platform';

/** Hooks the mesh's platform profile into synthesis: platform checks and platform parameter files. */
export function attachPlatform(mesh: Mesh, declaresTopology: boolean): void {
  mesh._onSynth(undefined, () => validatePlatform(mesh));
  if (declaresTopology && mesh.platform.managesControlPlane) {
    mesh.report(PlatformRules.MANAGED_CONTROL_PLANE, `${mesh.node.path}/topology`, mesh.platform.kind, onPlatform(mesh));
  }
  if (mesh.platform.kind === PlatformKind.DCE) addDceArtifacts(mesh);
}
