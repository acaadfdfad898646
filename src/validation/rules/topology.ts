import { RuleDefinition, Severity } from '../rule';

/** Rules about the mesh topology: clusters, networks, localities, namespaces, revisions. */
export const TopologyRules = {
  DUPLICATE_CLUSTER: {
    id: 'MESH-TOPO-001',
    severity: Severity.ERROR,
    message: 'Cluster names must be unique within a mesh.',
    fix: 'Give every cluster its own name; Istio identifies clusters by `global.multiCluster.clusterName`.',
    doc: 'Two clusters with one name overwrite each other\'s remote secrets and endpoints (DCE troubleshooting).',
  },
  INVALID_NAME: {
    id: 'MESH-TOPO-002',
    severity: Severity.ERROR,
    message: 'Names must be DNS-1123 labels: lower-case alphanumerics and "-", starting and ending alphanumeric, at most 63 characters.',
    fix: 'Rename it, e.g. "cluster-1" instead of "Cluster_1".',
    doc: 'Cluster, network, mesh and namespace names end up in labels and object names that the API server validates.',
  },
  UNDECLARED_NETWORK: {
    id: 'MESH-TOPO-003',
    severity: Severity.ERROR,
    message: 'The cluster is on a network that the mesh does not declare.',
    fix: 'Add the network to `MeshProps.networks`, or correct the cluster\'s `network`.',
    doc: 'A mistyped network silently splits a cluster into its own network, and cross-network traffic then needs an east-west gateway that does not exist.',
  },
  NO_CONTROL_PLANE: {
    id: 'MESH-TOPO-004',
    severity: Severity.ERROR,
    message: 'The mesh has no primary or config cluster, so nothing runs a control plane.',
    fix: 'Give at least one cluster `role: ClusterRole.PRIMARY` (or CONFIG for an external control plane).',
    doc: 'Remote clusters get their configuration from a primary; without one no proxy receives config.',
  },
  MALFORMED_LOCALITY: {
    id: 'MESH-TOPO-005',
    severity: Severity.ERROR,
    message: 'A locality must be `region[/zone[/subzone]]` with non-empty segments made of letters, digits, ".", "_" or "-".',
    fix: 'Use e.g. region "region1" and zone "zone1" or "zone1/subzone1"; do not put "/" into a region.',
    doc: 'Istio reads locality from topology labels as region/zone/subzone; malformed values disable locality load balancing.',
  },
  MIXED_REVISION_SCHEME: {
    id: 'MESH-TOPO-006',
    severity: Severity.ERROR,
    message: 'All namespaces of a mesh must use one injection label scheme (either `istio.io/rev` or `istio-injection`).',
    fix: 'Set `injection` on the mesh once and do not override it per namespace with the other scheme.',
    doc: 'Mixing schemes makes the effective revision depend on which webhook matches first (Istio revision docs).',
  },
  BOTH_INJECTION_LABELS: {
    id: 'MESH-TOPO-007',
    severity: Severity.ERROR,
    message: 'A namespace carries both `istio-injection` and `istio.io/rev`.',
    fix: 'Keep one of the two labels; the mesh uses revision labels by default.',
    doc: 'When both labels are present `istio-injection` wins and the revision is ignored (TCM FAQ: sidecar not injected).',
  },
  RESERVED_NAMESPACE: {
    id: 'MESH-TOPO-008',
    severity: Severity.ERROR,
    message: 'System namespaces cannot be enrolled for sidecar injection.',
    fix: 'Remove the namespace from the mesh, or enroll an application namespace instead.',
    doc: 'Injecting sidecars into kube-system, kube-public, kube-node-lease or istio-system breaks the cluster or the control plane.',
  },
  UNSUPPORTED_ISTIO_VERSION: {
    id: 'MESH-TOPO-009',
    severity: Severity.ERROR,
    message: 'The Istio version is outside the supported range 1.22 to 1.31.',
    fix: 'Use IstioVersion.V1_22 … IstioVersion.V1_31 (or IstioVersion.of("1.x.y") within that range).',
    doc: 'The library emits the v1 Istio APIs, which Istio serves from 1.22 on.',
  },
  UNKNOWN_CLUSTER: {
    id: 'MESH-TOPO-010',
    severity: Severity.ERROR,
    message: 'The construct refers to a cluster that the mesh does not declare.',
    fix: 'Use one of the mesh\'s cluster names, or add the cluster to the mesh.',
    doc: 'Placing config into an unknown cluster would silently drop it.',
  },
  DUPLICATE_NAMESPACE: {
    id: 'MESH-TOPO-011',
    severity: Severity.ERROR,
    message: 'The namespace is declared twice for the same cluster.',
    fix: 'Declare each namespace once; use the `clusters` prop to choose where it goes.',
    doc: 'Two declarations of one namespace would emit conflicting labels.',
  },
  INVALID_REVISION: {
    id: 'MESH-TOPO-012',
    severity: Severity.ERROR,
    message: 'A revision name must be a DNS-1123 label and must not contain dots.',
    fix: 'Use dashes, e.g. "1-30-3" instead of "1.30.3".',
    doc: 'Revisions become label values and object names such as istiod-<revision>.',
  },
} satisfies Record<string, RuleDefinition>;
