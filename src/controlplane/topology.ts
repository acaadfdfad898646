/**
 * How the control plane is laid out over the clusters, after Istio's multicluster install guides
 * (plus the external control plane of hosted meshes such as DaoCloud DCE).
 */
export enum MeshTopology {
  /** Every cluster is a primary on one network (guide "Install Multi-Primary"). */
  MULTI_PRIMARY = 'multi-primary',
  /** Every cluster is a primary; clusters span networks, joined by east-west gateways (guide "Install Multi-Primary on different networks"). */
  MULTI_PRIMARY_MULTI_NETWORK = 'multi-primary-multi-network',
  /** Primaries serve remote clusters on the same network (guide "Install Primary-Remote"). */
  PRIMARY_REMOTE = 'primary-remote',
  /** Primaries serve remote clusters on other networks (guide "Install Primary-Remote on different networks"). */
  PRIMARY_REMOTE_MULTI_NETWORK = 'primary-remote-multi-network',
  /** A control plane outside the workload clusters reads config from a config cluster (DCE hosted mesh). */
  EXTERNAL_CONTROL_PLANE = 'external-control-plane',
}

/** What a topology allows, used by validation and rendering. */
export interface TopologyTraits {
  /** The guide's name (examples and runbooks). */
  readonly guide: string;
  /** Remotes are allowed (and expected). */
  readonly hasRemotes: boolean;
  /** Config clusters are required. */
  readonly needsConfigCluster: boolean;
  /** Clusters span networks. */
  readonly multiNetwork: boolean;
}

const TRAITS: Record<MeshTopology, TopologyTraits> = {
  [MeshTopology.MULTI_PRIMARY]: { guide: 'multi-primary', hasRemotes: false, needsConfigCluster: false, multiNetwork: false },
  [MeshTopology.MULTI_PRIMARY_MULTI_NETWORK]: { guide: 'multi-primary_multi-network', hasRemotes: false, needsConfigCluster: false, multiNetwork: true },
  [MeshTopology.PRIMARY_REMOTE]: { guide: 'primary-remote', hasRemotes: true, needsConfigCluster: false, multiNetwork: false },
  [MeshTopology.PRIMARY_REMOTE_MULTI_NETWORK]: { guide: 'primary-remote_multi-network', hasRemotes: true, needsConfigCluster: false, multiNetwork: true },
  [MeshTopology.EXTERNAL_CONTROL_PLANE]: { guide: 'external-istiod', hasRemotes: true, needsConfigCluster: true, multiNetwork: false },
};

/**
 * The traits of a topology.
 * @internal
 */
export function topologyTraits(topology: MeshTopology): TopologyTraits {
  return TRAITS[topology];
}
