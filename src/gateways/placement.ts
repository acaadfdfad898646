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

/** Object signatures already emitted, per mesh, keyed by `cluster/namespace/name`, for objects several constructs share. */
const EMITTED = new WeakMap<MeshCore, Map<string, string>>();

/**
 * Claims an object key: 'first' the first time, 'same' when an identical object was already emitted,
 * 'conflict' when a different object already holds the key.
 */
export function claimOnce(mesh: MeshCore, key: string, signature: string): 'first' | 'same' | 'conflict' {
  let keys = EMITTED.get(mesh);
  if (!keys) EMITTED.set(mesh, keys = new Map<string, string>());
  const existing = keys.get(key);
  if (existing === undefined) {
    keys.set(key, signature);
    return 'first';
  }
  return existing === signature ? 'same' : 'conflict';
}
