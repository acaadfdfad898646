import { JsonMap, map, stringMap, text } from './json';
import { isClusterScopedKind } from '../core/apply-order';

/**
 * One rendered object as the analysis sees it: its manifest, the cluster it is written to and what declared it.
 */
export interface AnalysisObject {
  /** The cluster whose manifest holds the object. */
  readonly cluster: string;
  /** `kind` of the manifest. */
  readonly kind: string;
  /** `metadata.namespace`, or `default` for a namespaced object written without one (as kubectl applies it). */
  readonly namespace: string;
  /** `metadata.name`. */
  readonly name: string;
  /** `metadata.labels`. */
  readonly labels: Readonly<Record<string, string>>;
  /** The whole manifest. */
  readonly json: JsonMap;
  /** `spec`, or an empty map. */
  readonly spec: JsonMap;
  /** Construct path of what declared the object: the mesh construct that placed it, or the raw object's own path. */
  readonly source: string;
}

/** The Kubernetes Gateway API group; its `Gateway` shares the name of Istio's, so its kinds are indexed qualified. */
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

/**
 * The index key of a Gateway API kind, `<Kind>.gateway.networking.k8s.io` (e.g. `Gateway.gateway.networking.k8s.io`):
 * `ofKind('Gateway')` is Istio's Gateway only, as istioctl analyze tells the two apart by group.
 * @param kind e.g. `HTTPRoute`
 */
export function gatewayApiKind(kind: string): string {
  return `${kind}.${GATEWAY_API_GROUP}`;
}

const GATEWAY_API_PREFIX = `${GATEWAY_API_GROUP}/`;

/** The key an object is indexed under: its kind, qualified by the group for Gateway API kinds. */
function indexKind(apiVersion: string | undefined, kind: string): string {
  return apiVersion?.startsWith(GATEWAY_API_PREFIX) ? gatewayApiKind(kind) : kind;
}

/** What the analysis reads: every object of every cluster of one mesh, by kind and by name. */
export interface AnalysisIndex {
  /** The cluster names, in declaration order. */
  readonly clusters: readonly string[];
  /** Every namespace an object is in or a Namespace object declares, across clusters. */
  readonly namespaces: ReadonlySet<string>;
  /** Every object of `kind` (a Gateway API kind as `gatewayApiKind(kind)`), across clusters, in cluster then construct order. */
  ofKind(kind: string): readonly AnalysisObject[];
  /** The object of `kind` named `namespace/name` in `cluster`, if any. */
  find(cluster: string, kind: string, namespace: string, name: string): AnalysisObject | undefined;
}

/** One manifest and its declaring construct path, as a cluster provides it. */
export interface RenderedEntry {
  /** The manifest. */
  readonly json: JsonMap;
  /** Construct path of what declared it. */
  readonly source: string;
}

/** One indexed object; its labels are read only for the kinds whose labels matter (namespaces, services, pods). */
class IndexedObject implements AnalysisObject {
  public readonly kind: string;
  public readonly namespace: string;
  public readonly name: string;
  public readonly spec: JsonMap;
  private labelMap?: Readonly<Record<string, string>>;

  constructor(public readonly cluster: string, public readonly json: JsonMap, public readonly source: string, metadata: JsonMap) {
    this.kind = text(json.kind) ?? '';
    this.namespace = text(metadata.namespace) ?? (isClusterScopedKind(text(json.apiVersion), this.kind) ? '' : 'default');
    this.name = text(metadata.name) ?? '';
    this.spec = map(json.spec);
  }

  public get labels(): Readonly<Record<string, string>> {
    this.labelMap ??= stringMap(map(this.json.metadata).labels);
    return this.labelMap;
  }
}

/** Builds the index from each cluster's rendered objects, in one pass. */
export function buildIndex(clusters: ReadonlyArray<{ readonly name: string; readonly objects: readonly RenderedEntry[] }>): AnalysisIndex {
  const byKind = new Map<string, AnalysisObject[]>();
  const namespaces = new Set<string>();
  for (const cluster of clusters) {
    for (const entry of cluster.objects) {
      const object = new IndexedObject(cluster.name, entry.json, entry.source, map(entry.json.metadata));
      namespaces.add(object.kind === 'Namespace' ? object.name : object.namespace);
      const key = indexKind(text(entry.json.apiVersion), object.kind);
      const list = byKind.get(key);
      if (list) list.push(object);
      else byKind.set(key, [object]);
    }
  }
  // `find` indexes a kind by name when it is first asked for (Namespaces, Gateways, Secrets), not every object up front
  const byKey = new Map<string, Map<string, AnalysisObject>>();
  const keyed = (kind: string) => {
    let keys = byKey.get(kind);
    if (!keys) {
      keys = new Map((byKind.get(kind) ?? []).map(o => [objectKey(o.cluster, o.namespace, o.name), o]));
      byKey.set(kind, keys);
    }
    return keys;
  };
  return {
    clusters: clusters.map(c => c.name),
    namespaces,
    ofKind: kind => byKind.get(kind) ?? [],
    find: (cluster, kind, namespace, name) => keyed(kind).get(objectKey(cluster, namespace, name)),
  };
}

function objectKey(cluster: string, namespace: string, name: string): string {
  return `${cluster}\u0000${namespace}\u0000${name}`;
}
