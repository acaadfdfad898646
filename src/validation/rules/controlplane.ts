import { RuleDefinition, Severity } from '../rule';

/**
 * Rules about the control plane: topologies, install values, trust, revisions.
 * Duplicate cluster names are MESH-TOPO-001 (TopologyRules.DUPLICATE_CLUSTER).
 */
export const ControlPlaneRules = {
  ROLE_NOT_IN_TOPOLOGY: {
    id: 'MESH-CP-001',
    severity: Severity.ERROR,
    message: 'The cluster\'s role does not fit the mesh topology.',
    fix: 'Multi-primary meshes have only primaries; primary-remote meshes have primaries and remotes; an external control plane has config clusters and remotes.',
    doc: 'Each Istio multicluster guide installs a fixed set of roles; a role outside it gets no working install values.',
  },
  NETWORK_MODE_MISMATCH: {
    id: 'MESH-CP-002',
    severity: Severity.ERROR,
    message: 'The clusters\' networks do not match the topology\'s network mode.',
    fix: 'Use the *_MULTI_NETWORK topology when clusters are on more than one network, and the single-network one when they share one.',
    doc: 'Single-network guides route pod to pod; multi-network guides need network labels and east-west gateways.',
  },
  REMOTE_WITHOUT_REACHABLE_PRIMARY: {
    id: 'MESH-CP-003',
    severity: Severity.ERROR,
    message: 'A remote cluster has no primary on a network it can reach.',
    fix: 'Put a primary on the remote\'s network, or use PRIMARY_REMOTE_MULTI_NETWORK with an east-west gateway exposing istiod in the primary.',
    doc: 'Remote proxies connect to the primary\'s istiod directly on one network and through its east-west gateway across networks (DCE troubleshooting: istiod-remote endpoints).',
  },
  NETWORK_WITHOUT_EAST_WEST_GATEWAY: {
    id: 'MESH-CP-004',
    severity: Severity.ERROR,
    message: 'A network of a multi-network mesh has no east-west gateway.',
    fix: 'Add an EastWestGateway in at least one cluster of every network.',
    doc: 'Cross-network traffic enters a network through its east-west gateway on 15443; without one, that network\'s endpoints are unreachable.',
  },
  NETWORK_DRIFT: {
    id: 'MESH-CP-005',
    severity: Severity.ERROR,
    message: 'A cluster\'s network differs between its istio-system label, its install values and its gateways.',
    fix: 'Declare the network once on the cluster; do not set topology.istio.io/network or a different gateway network by hand.',
    doc: 'Istio reads the network from the namespace label, `global.network` and the gateway label; when they disagree endpoints get the wrong network (DCE cross-cluster troubleshooting).',
  },
  NO_ISTIOD_EXPOSURE: {
    id: 'MESH-CP-006',
    severity: Severity.ERROR,
    message: 'A primary that serves remote clusters does not expose istiod.',
    fix: 'Add an EastWestGateway to the primary (the istiod Gateway and VirtualService are generated), or give its address in `discoveryAddresses`.',
    doc: 'Remotes reach istiod on 15012 and the injection webhook on 15017 through the primary\'s east-west gateway (guide step "Expose the control plane").',
  },
  NO_SHARED_ROOT: {
    id: 'MESH-CP-007',
    severity: Severity.ERROR,
    message: 'A multi-cluster mesh needs a shared root CA.',
    fix: 'Set `controlPlane.rootCa` to RootCa.fromMaterial(...) or RootCa.fromExternalSecret(...), or acknowledge with RootCa.acknowledgeUnshared().',
    doc: 'Without a common root, cross-cluster mTLS fails certificate validation (guide "Configure Trust").',
  },
  REVISION_NOT_INSTALLED: {
    id: 'MESH-CP-008',
    severity: Severity.ERROR,
    message: 'A namespace or gateway is pinned to a revision or tag that is not installed.',
    fix: 'Pin it to one of the installed revisions or their tags, or add the revision to `controlPlane.revisions`.',
    doc: 'No injector webhook matches an unknown `istio.io/rev`, so pods start without sidecars (TCM FAQ: sidecar not injected).',
  },
  REVISION_DRIFT: {
    id: 'MESH-CP-009',
    severity: Severity.WARNING,
    message: 'Control-plane clusters run different sets of revisions.',
    fix: 'Install the same revisions in every primary, or finish the upgrade in every cluster.',
    doc: 'A namespace pinned to a revision that one cluster lacks gets no sidecars there.',
  },
  LEFT_ON_REMOVED_REVISION: {
    id: 'MESH-CP-010',
    severity: Severity.ERROR,
    message: 'A namespace or gateway is still pinned to the revision being removed.',
    fix: 'Move it to the target revision (ControlPlaneUpgrade.revisionFor) before removing the old revision.',
    doc: 'Removing a revision while workloads use it leaves their proxies without a control plane (Istio canary upgrade docs).',
  },
  UNKNOWN_MESH_NETWORK: {
    id: 'MESH-CP-011',
    severity: Severity.ERROR,
    message: 'A meshNetworks entry names a network that the mesh does not declare.',
    fix: 'Use one of `MeshProps.networks`.',
    doc: 'istiod ignores gateways of unknown networks, so traffic to that network has no path.',
  },
  INVALID_REVISION_SET: {
    id: 'MESH-CP-012',
    severity: Severity.ERROR,
    message: 'Revision names and tags must be unique DNS-1123 labels without dots.',
    fix: 'Use dashes (1-30-3) and give every revision and tag its own name.',
    doc: 'Revisions and tags become webhook names and `istio.io/rev` label values.',
  },
  TRACING_SAMPLING_RANGE: {
    id: 'MESH-CP-013',
    severity: Severity.ERROR,
    message: 'Tracing sampling is a percentage between 0 and 100.',
    fix: 'Use e.g. 1 for 1% or 100 for every request.',
    doc: 'istiod rejects mesh config with sampling outside 0..100.',
  },
  MISSING_CA_MATERIAL: {
    id: 'MESH-CP-014',
    severity: Severity.ERROR,
    message: 'The root CA material has no intermediate for a cluster that runs a CA.',
    fix: 'Pass one IntermediateCaMaterial per primary (and config) cluster to RootCa.fromMaterial.',
    doc: 'A cluster without `cacerts` generates a self-signed root and cannot talk mTLS to the others.',
  },
  UNKNOWN_UPGRADE_TAG: {
    id: 'MESH-CP-015',
    severity: Severity.ERROR,
    message: 'An upgrade moves or removes a tag that its revisions do not have.',
    fix: 'List tags of `fromRevision` in `moveTags`, and tags of `fromRevision` or `toRevision` in `removeTags` (ControlPlaneRevision.tags).',
    doc: '`istioctl tag set --overwrite` and `istioctl tag remove` act on existing tags only; an unknown name is a typo that leaves the real tag where it was.',
  },
  TAG_ON_REMOVED_REVISION: {
    id: 'MESH-CP-016',
    severity: Severity.ERROR,
    message: 'A revision tag points at a revision that this stage no longer installs.',
    fix: 'Move the tag to the target (`moveTags`) or remove it (`removeTags`) in the stage that removes its revision.',
    doc: 'A tag webhook whose istiod is gone fails every pod creation it matches (failurePolicy Fail; Istio canary upgrade guide).',
  },
  FOLLOWS_REMOVED_TAG: {
    id: 'MESH-CP-017',
    severity: Severity.ERROR,
    message: 'A namespace or gateway follows a revision tag that this stage removes.',
    fix: 'Point it at a tag or revision that stays, or keep the tag (leave it out of `removeTags`).',
    doc: 'After `istioctl tag remove` no webhook matches its `istio.io/rev`, so new pods start without sidecars (istioctl tag remove warns about such namespaces).',
  },
} satisfies Record<string, RuleDefinition>;
