import type { Mesh } from './mesh';
import { networksWithoutCrossNetworkGateway } from '../controlplane/east-west';
import { isDnsLabel } from '../core/names';
import { MtlsMode } from '../security/mtls-mode';
import { TopologyRules } from '../validation/rules/topology';
import { ValueRules } from '../validation/rules/values';

/** The mesh-wide checks of the composed mesh: its revision name, mesh-wide mTLS, and paths between its networks. */
export function checkMesh(mesh: Mesh): void {
  if (!mesh.platform.hasOwnRevisionNames && (!isDnsLabel(mesh.revision) || mesh.revision.includes('.'))) {
    mesh.report(TopologyRules.INVALID_REVISION, mesh, mesh.revision);
  }
  if (mesh.mtls === MtlsMode.DISABLE) mesh.diagnostics.report(ValueRules.MESH_WIDE_MTLS_DISABLED, `${mesh.node.path}/mtls`, mesh.mtls);
  if (mesh.controlPlane || mesh.platform.managesControlPlane) return;
  for (const network of networksWithoutCrossNetworkGateway(mesh)) {
    mesh.diagnostics.report(TopologyRules.NETWORKS_NOT_CONNECTED, `${mesh.node.path}/networks/${network || '(default network)'}`, network || '(default network)');
  }
}
