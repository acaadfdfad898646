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

/** What the analysis reads: every object of every cluster of one mesh, by kind and by name. */
export interface AnalysisIndex {
  /** The cluster names, in declaration order. */
  readonly clusters: readonly string[];
  /** Every namespace an object is in or a Namespace object declares, across clusters. */
  readonly namespaces: ReadonlySet<string>;
  /** Every object of `kind`, across clusters, in cluster then construct order. */
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

/** Builds the index from each cluster's rendered objects, in one pass. */
export function buildIndex(clusters: ReadonlyArray<{ readonly name: string; readonly objects: readonly RenderedEntry[] }>): AnalysisIndex {
  const byKind = new Map<string, AnalysisObject[]>();
  const byKey = new Map<string, AnalysisObject>();
  const namespaces = new Set<string>();
  for (const cluster of clusters) {
    for (const entry of cluster.objects) {
      const metadata = map(entry.json.metadata);
      const kind = text(entry.json.kind) ?? '';
      const object: AnalysisObject = {
        cluster: cluster.name,
        kind,
        namespace: text(metadata.namespace) ?? (isClusterScopedKind(text(entry.json.apiVersion), kind) ? '' : 'default'),
        name: text(metadata.name) ?? '',
        labels: stringMap(metadata.labels),
        json: entry.json,
        spec: map(entry.json.spec),
        source: entry.source,
      };
      namespaces.add(kind === 'Namespace' ? object.name : object.namespace);
      const list = byKind.get(kind);
      if (list) list.push(object);
      else byKind.set(kind, [object]);
      byKey.set(objectKey(cluster.name, kind, object.namespace, object.name), object);
    }
  }
  return {
    clusters: clusters.map(c => c.name),
    namespaces,
    ofKind: kind => byKind.get(kind) ?? [],
    find: (cluster, kind, namespace, name) => byKey.get(objectKey(cluster, kind, namespace, name)),
  };
}

function objectKey(cluster: string, kind: string, namespace: string, name: string): string {
  return `${cluster}\u0000${kind}\u0000${namespace}\u0000${name}`;
}
