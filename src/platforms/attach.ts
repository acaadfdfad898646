import { addDceArtifacts } from './dce/dce-params';
import { PlatformKind } from './platform';
import { validatePlatform } from './validate';
import type { Mesh } from '../topology/mesh';

/** Hooks the mesh's platform profile into synthesis: platform checks and platform parameter files. */
export function attachPlatform(mesh: Mesh): void {
  mesh._onSynth(undefined, () => validatePlatform(mesh));
  if (mesh.platform.kind === PlatformKind.DCE) addDceArtifacts(mesh);
}
