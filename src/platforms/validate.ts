import { PlatformKind } from './platform';
import { ClusterRole } from '../topology/cluster';
import type { Mesh } from '../topology/mesh';
import { InjectionScheme } from '../topology/namespace';
import { PlatformRules } from '../validation/rules/platform';

/** `On <platform>.`: the detail every platform diagnostic carries, so messages name the platform. */
export function onPlatform(mesh: Mesh): string {
  return `On ${mesh.platform.displayName}.`;
}

/** Mesh-wide platform checks: cluster roles, injection scheme, revision names, DCE meshNetworks. */
export function validatePlatform(mesh: Mesh): void {
  const platform = mesh.platform;
  if (platform.kind === PlatformKind.UPSTREAM) return;
  const detail = onPlatform(mesh);
  const roles = mesh.clusters.map(c => `${c.clusterName}:${c.role}`);
  const configs = mesh.clusters.filter(c => c.role === ClusterRole.CONFIG);
  const primaries = mesh.controlPlaneClusters;
  if (platform.needsConfigCluster) {
    if (configs.length !== 1) mesh.report(PlatformRules.CONFIG_CLUSTER_REQUIRED, mesh, roles, detail);
    if (primaries.length) mesh.report(PlatformRules.PRIMARY_ON_MANAGED_PLATFORM, mesh, primaries.map(c => c.clusterName), detail);
  }
  if (platform.kind === PlatformKind.TCM) {
    if (primaries.length !== 1 || configs.length) mesh.report(PlatformRules.TCM_ONE_PRIMARY, mesh, roles, detail);
    if (mesh.injection === InjectionScheme.LEGACY) mesh.report(PlatformRules.TCM_LEGACY_INJECTION, mesh, mesh.injection, detail);
  }
  if (platform.hasOwnRevisionNames && !platform.acceptsRevision(mesh.revision)) {
    const rule = platform.kind === PlatformKind.TCM ? PlatformRules.TCM_REVISION : PlatformRules.DCE_REVISION;
    mesh.report(rule, mesh, mesh.revision, detail);
  }
  if (platform.kind === PlatformKind.DCE) validateDceNetworks(mesh, detail);
}

/** Every network of a multi-network DCE mesh has an east-west gateway address; no address names an unknown network. */
function validateDceNetworks(mesh: Mesh, detail: string): void {
  const gateways = mesh.platform.dceOptions?.networkGateways ?? [];
  const networks = new Set(mesh.workloadClusters.map(c => c.networkName).filter((n): n is string => n !== undefined));
  const addressed = new Set(gateways.map(g => g.network));
  for (const gateway of gateways) {
    if (!networks.has(gateway.network)) mesh.report(PlatformRules.DCE_UNKNOWN_NETWORK, `${mesh.node.path}/platform/networkGateways/${gateway.network}`, gateway.network, detail);
  }
  if (!mesh.isMultiNetwork) return;
  for (const network of [...networks].sort()) {
    if (!addressed.has(network)) mesh.report(PlatformRules.DCE_MESH_NETWORKS, mesh, network, detail);
  }
}
