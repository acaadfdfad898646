import type { IConstruct } from 'constructs';
import type { MeshCluster } from '../topology/cluster';
import type { MeshCore } from '../topology/mesh-core';

/** The pod label Istio uses for a proxy's cluster; set on gateway pods when a listener targets one cluster of several. */
export const CLUSTER_LABEL = 'topology.istio.io/cluster';

/**
 * The clusters where Istio config for proxies in `targets` takes effect: a config cluster that is itself
 * a target configures its own proxies (multi-primary); a target that is not a config cluster (a remote, or
 * any cluster of an external control plane) is configured from every config cluster.
 */
export function configClustersFor(mesh: MeshCore, targets: MeshCluster[]): MeshCluster[] {
  const config = mesh.configClusters;
  const configSet = new Set(config);
  if (targets.some(t => !configSet.has(t))) return config;
  const targetSet = new Set(targets);
  return config.filter(c => targetSet.has(c));
}

/** The ownership family of objects several constructs share (see `MeshCore.ownership`), keyed by `cluster/namespace/name`. */
const SHARED_OBJECTS = 'gateways/shared-objects';

/**
 * Claims an object key for `owner`: 'first' the first time, 'same' when an identical object (same signature) was
 * already claimed, 'conflict' when a different object already holds the key.
 */
export function claimOnce(mesh: MeshCore, key: string, owner: IConstruct, signature: string): 'first' | 'same' | 'conflict' {
  const claim = mesh.ownership.claim(SHARED_OBJECTS, key, owner, signature);
  if (claim.first) return 'first';
  return claim.signature === signature ? 'same' : 'conflict';
}
