/**
 * The order `kubectl apply -f` needs on an empty cluster, as Helm and Argo CD sort a release:
 * Namespaces and CustomResourceDefinitions first, then the other cluster-scoped objects, then
 * namespaced ones. Objects keep their relative (construct) order within each group.
 */

/** The fields of a manifest the order depends on. */
export interface ApplyOrderedObject {
  /** `group/version` or `version`. */
  readonly apiVersion?: string;
  /** The kind. */
  readonly kind?: string;
  /** The object's spec (a CRD's `scope`). */
  readonly spec?: { readonly scope?: unknown; readonly [key: string]: unknown };
  /** The object's metadata. */
  readonly metadata?: { readonly [key: string]: unknown };
}

/** Cluster-scoped kinds by API group (`""` is the core group), beyond Namespace and CRD. */
const CLUSTER_SCOPED: { readonly [group: string]: readonly string[] } = {
  '': ['PersistentVolume', 'Node', 'ComponentStatus'],
  'rbac.authorization.k8s.io': ['ClusterRole', 'ClusterRoleBinding'],
  'admissionregistration.k8s.io': [
    'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
    'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding',
  ],
  'apiregistration.k8s.io': ['APIService'],
  'storage.k8s.io': ['StorageClass', 'CSIDriver', 'CSINode', 'VolumeAttachment'],
  'scheduling.k8s.io': ['PriorityClass'],
  'node.k8s.io': ['RuntimeClass'],
  'networking.k8s.io': ['IngressClass', 'IPAddress', 'ServiceCIDR'],
  'flowcontrol.apiserver.k8s.io': ['FlowSchema', 'PriorityLevelConfiguration'],
  'certificates.k8s.io': ['CertificateSigningRequest', 'ClusterTrustBundle'],
  'gateway.networking.k8s.io': ['GatewayClass'],
  'external-secrets.io': ['ClusterSecretStore', 'ClusterExternalSecret', 'ClusterGenerator'],
  'cert-manager.io': ['ClusterIssuer'],
};

function group(apiVersion: string | undefined): string {
  const parts = (apiVersion ?? '').split('/');
  return parts.length > 1 ? parts[0] : '';
}

function typeKey(apiGroup: string, kind: string | undefined): string {
  return `${apiGroup}/${kind ?? ''}`;
}

const KNOWN_CLUSTER_SCOPED: ReadonlySet<string> = new Set(
  Object.entries(CLUSTER_SCOPED).flatMap(([apiGroup, kinds]) => kinds.map(kind => typeKey(apiGroup, kind))),
);

function isNamespaceOrCrd(apiVersion: string | undefined, kind: string | undefined): boolean {
  return (kind === 'Namespace' && group(apiVersion) === '')
    || (kind === 'CustomResourceDefinition' && group(apiVersion) === 'apiextensions.k8s.io');
}

/**
 * True for a kind Kubernetes (or a common add-on) defines without a namespace: Namespace, CRD and the
 * cluster-scoped kinds above, matched with their API group.
 */
export function isClusterScopedKind(apiVersion: string | undefined, kind: string | undefined): boolean {
  return isNamespaceOrCrd(apiVersion, kind) || KNOWN_CLUSTER_SCOPED.has(typeKey(group(apiVersion), kind));
}

/**
 * The objects in apply order: Namespaces and CRDs, then cluster-scoped objects (known kinds, and kinds
 * whose CRD in the same list says `scope: Cluster`), then namespaced objects; stable within each group.
 * @param objects manifests in construct order
 */
export function applyOrder<T extends ApplyOrderedObject>(objects: readonly T[]): T[] {
  const clusterScoped = new Set<string>(KNOWN_CLUSTER_SCOPED);
  for (const obj of objects) {
    if (obj.kind !== 'CustomResourceDefinition' || obj.spec?.scope !== 'Cluster') continue;
    const names = obj.spec.names as { kind?: string } | undefined;
    if (typeof obj.spec.group === 'string') clusterScoped.add(typeKey(obj.spec.group, names?.kind));
  }
  // the group of each apiVersion and kind, found once: a chart repeats few of them over many objects
  const ranks = new Map<unknown, Map<unknown, number>>();
  const rank = (obj: T): number => {
    let byKind = ranks.get(obj.apiVersion);
    if (!byKind) ranks.set(obj.apiVersion, byKind = new Map<unknown, number>());
    let found = byKind.get(obj.kind);
    if (found === undefined) {
      found = isNamespaceOrCrd(obj.apiVersion, obj.kind) ? 0 : clusterScoped.has(typeKey(group(obj.apiVersion), obj.kind)) ? 1 : 2;
      byKind.set(obj.kind, found);
    }
    return found;
  };
  // a stable sort by rank: each group in construct order
  const groups: T[][] = [[], [], []];
  for (const obj of objects) groups[rank(obj)].push(obj);
  return groups[0].concat(groups[1], groups[2]);
}
