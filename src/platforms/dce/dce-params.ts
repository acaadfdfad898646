import type { DceOptions } from './dce-options';
import { serializeArtifact, yamlArtifact } from '../../core/artifact';
import { sortedRecord } from '../../core/names';
import type { MeshCluster } from '../../topology/cluster';
import type { MeshArtifact } from '../../topology/feature';
import type { MeshCore } from '../../topology/mesh-core';

/** The port of DCE east-west gateways (`meshNetworks.<net>.gateways[0].port`). */
export const DCE_EAST_WEST_PORT = 15443;
/** The `global.clusterRole` of a worker cluster in a hosted mesh. */
export const DCE_WORKER_ROLE = 'HOSTED_WORKLOAD_CLUSTER';

const VALUES = 'istio.custom_params.values.global';

/**
 * `GlobalMesh.spec.ownerConfig.controlPlaneParams` of a DCE hosted mesh: the flat dotted keys DCE reads,
 * values as strings: the hosted istiod address and, per network, both meshNetworks lines (address and port).
 */
export function globalMeshParams(options: DceOptions): { [key: string]: string } {
  const params: { [key: string]: string } = {};
  if (options.remotePilotAddress) params[`${VALUES}.remotePilotAddress`] = options.remotePilotAddress;
  for (const gateway of [...options.networkGateways ?? []].sort((a, b) => a.network.localeCompare(b.network))) {
    params[`${VALUES}.meshNetworks.${gateway.network}.gateways[0].address`] = gateway.address;
    params[`${VALUES}.meshNetworks.${gateway.network}.gateways[0].port`] = String(gateway.port ?? DCE_EAST_WEST_PORT);
  }
  return params;
}

/** `MeshCluster.spec.meshedParams[].params` of a worker cluster: mesh ID, worker role and network ID. */
export function meshClusterParams(mesh: MeshCore, cluster: MeshCluster): { [key: string]: string } {
  const params: { [key: string]: string } = {
    'global.clusterRole': DCE_WORKER_ROLE,
    'global.meshID': mesh.meshId,
  };
  if (cluster.networkName) params[`${VALUES}.network`] = cluster.networkName;
  return params;
}

/** The DCE parameter files: `dce/globalmesh-<meshId>.yaml` and `dce/meshclusters.yaml` (parameters sorted by key). */
export function dceArtifacts(mesh: MeshCore, options: DceOptions): MeshArtifact[] {
  const clusters = mesh.workloadClusters;
  return [{
    path: `dce/globalmesh-${mesh.meshId}.yaml`,
    content: serializeArtifact(yamlArtifact(
      [{ spec: { ownerConfig: { controlPlaneParams: sortedRecord(globalMeshParams(options)) ?? {} } } }],
      [`Merge into GlobalMesh mspider-system/${mesh.meshId} (DCE global service cluster): kubectl -n mspider-system edit gm ${mesh.meshId}`],
    )),
  }, {
    path: 'dce/meshclusters.yaml',
    content: serializeArtifact(yamlArtifact(
      clusters.map(cluster => ({ spec: { meshedParams: [{ params: sortedRecord(meshClusterParams(mesh, cluster)) }] } })),
      clusters.map(cluster => `Merge into MeshCluster mspider-system/${cluster.clusterName} .spec.meshedParams[].params: kubectl -n mspider-system edit mc ${cluster.clusterName}`),
    )),
  }];
}
