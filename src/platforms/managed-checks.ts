import { onPlatform, platformOf } from './platform-feature';
import type { GatewayWorkload } from '../gateways/gateway-workload';
import { ClusterRole } from '../topology/cluster';
import type { MeshCore } from '../topology/mesh-core';
import { RuleDefinition } from '../validation/rule';
import { PlatformRules } from '../validation/rules/platform';

/** `cluster:role` of every cluster, the value platform topology rules report. */
export function clusterRoles(mesh: MeshCore): string[] {
  return mesh.clusters.map(c => `${c.clusterName}:${c.role}`);
}

/** A platform whose config lives in a separate CONFIG output: exactly one CONFIG cluster and no primaries. */
export function validateConfigCluster(mesh: MeshCore): void {
  const detail = onPlatform(mesh);
  const configs = mesh.clusters.filter(c => c.role === ClusterRole.CONFIG);
  const primaries = mesh.controlPlaneClusters;
  if (configs.length !== 1) mesh.report(PlatformRules.CONFIG_CLUSTER_REQUIRED, mesh, clusterRoles(mesh), detail);
  if (primaries.length) mesh.report(PlatformRules.PRIMARY_ON_MANAGED_PLATFORM, mesh, primaries.map(c => c.clusterName), detail);
}

/** The mesh's revision is a name the platform accepts; `rule` is the platform's revision rule. */
export function validateRevisionName(mesh: MeshCore, rule: RuleDefinition): void {
  if (!platformOf(mesh).acceptsRevision(mesh.revision)) mesh.report(rule, mesh, mesh.revision, onPlatform(mesh));
}

/** A gateway the platform provisions must run on a cluster with workloads (MESH-PLAT-019). */
export function validatePlacementOnWorkloadClusters(gateway: GatewayWorkload): void {
  for (const cluster of gateway.clusters.filter(c => !c.runsWorkloads)) {
    gateway.mesh.report(PlatformRules.GATEWAY_ON_CONFIG_CLUSTER, gateway, cluster.clusterName, onPlatform(gateway.mesh));
  }
}
