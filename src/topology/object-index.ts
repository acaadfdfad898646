import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import type { MeshCluster } from './cluster';
import { JsonObject, jsonAt, jsonObject, jsonObjects, jsonString, jsonStringRecord, jsonStrings } from '../core/json';
import { selectsLabels } from '../core/labels';
import { renderedApiObjects, renderedJson } from '../core/rendered';

/**
 * One object of a cluster's chart, as the object index sees it: the rendered manifest, the cdk8s object
 * and the construct that declared it.
 */
export class IndexedObject {
  /** @internal */
  public static _create(cluster: MeshCluster, apiObject: ApiObject): IndexedObject {
    return new IndexedObject(cluster, apiObject);
  }

  /** The cluster whose chart holds the object. */
  public readonly cluster: MeshCluster;
  /** The cdk8s object; patch it with `addJsonPatch()` (escape hatch). */
  public readonly apiObject: ApiObject;
  /**
   * The construct that declared the object: the mesh member that rendered it (a `TrafficRoute`, a `PeerAuth`, …),
   * or the object itself when a user added it to the chart by hand (raw `ApiObject`, `Include`).
   */
  public readonly declaredBy: IConstruct;

  private constructor(cluster: MeshCluster, apiObject: ApiObject) {
    this.cluster = cluster;
    this.apiObject = apiObject;
    this.declaredBy = cluster.declaringMember(apiObject);
  }

  /** The object's `kind`. */
  public get kind(): string {
    return this.apiObject.kind;
  }

  /** The object's `apiVersion`. */
  public get apiVersion(): string {
    return this.apiObject.apiVersion;
  }

  /** `metadata.name`. */
  public get name(): string {
    return this.apiObject.name;
  }

  /**
   * `metadata.namespace`, if set.
   */
  public get namespaceName(): string | undefined {
    return this.apiObject.metadata.namespace;
  }

  /**
   * The rendered manifest (`toJson()`), computed once. Read it only in validation, when objects no longer change.
   */
  public get json(): { readonly [key: string]: unknown } {
    return renderedJson(this.apiObject);
  }

  /**
   * The hosts the object names: `spec.hosts` (VirtualService, ServiceEntry, Sidecar egress is not included),
   * `spec.host` (DestinationRule) and `spec.servers[].hosts` (Gateway, with any `namespace/` prefix removed).
   */
  public get hosts(): string[] {
    const json: JsonObject = this.json;
    const hosts = [...jsonStrings(json, 'spec', 'hosts')];
    const host = jsonString(json, 'spec', 'host');
    if (host !== undefined) hosts.push(host);
    for (const server of jsonObjects(json, 'spec', 'servers')) {
      for (const h of jsonStrings(server, 'hosts')) hosts.push(h.includes('/') ? h.slice(h.indexOf('/') + 1) : h);
    }
    return [...new Set(hosts)];
  }

  /**
   * The workload labels the object selects, if it has a selector: `spec.selector.matchLabels` (security and
   * extension policies), `spec.workloadSelector.labels` (Sidecar, EnvoyFilter, ServiceEntry), or a plain
   * `spec.selector` map (Gateway, Kubernetes Service).
   */
  public get selector(): { [key: string]: string } | undefined {
    const json: JsonObject = this.json;
    return jsonStringRecord(json, 'spec', 'selector', 'matchLabels')
      ?? jsonStringRecord(json, 'spec', 'workloadSelector', 'labels')
      ?? plainSelector(json);
  }
}

/** A `spec.selector` that is a plain label map (every value a string), not a `matchLabels` wrapper. */
function plainSelector(json: JsonObject): { [key: string]: string } | undefined {
  const selector = jsonObject(jsonAt(json, 'spec', 'selector'));
  if (!selector || !Object.values(selector).every(v => typeof v === 'string')) return undefined;
  return jsonStringRecord(json, 'spec', 'selector');
}

/**
 * Every object of one cluster's chart after rendering, indexed by kind, namespace and name, host and
 * workload selector. It includes objects users add to the chart by hand (raw `ApiObject`, `Include`),
 * and records for each object the construct that declared it. Get it with `mesh.objectIndex(cluster)`
 * during validation; it is built once per cluster, on first use after rendering.
 */
export class ClusterObjectIndex {
  /** @internal */
  public static _build(cluster: MeshCluster): ClusterObjectIndex {
    return new ClusterObjectIndex(cluster);
  }

  /** The cluster. */
  public readonly cluster: MeshCluster;
  private readonly entries: IndexedObject[] = [];
  private readonly kinds = new Map<string, IndexedObject[]>();
  private readonly keys = new Map<string, IndexedObject>();
  private readonly objects = new Map<ApiObject, IndexedObject>();
  private hostIndex?: Map<string, IndexedObject[]>;

  private constructor(cluster: MeshCluster) {
    this.cluster = cluster;
    for (const c of renderedApiObjects(cluster)) {
      const entry = IndexedObject._create(cluster, c);
      this.entries.push(entry);
      this.objects.set(c, entry);
      const list = this.kinds.get(c.kind);
      if (list) list.push(entry);
      else this.kinds.set(c.kind, [entry]);
      const key = keyOf(c.kind, entry.namespaceName, entry.name);
      if (!this.keys.has(key)) this.keys.set(key, entry);
    }
  }

  /** Every object, in construct order. */
  public get all(): IndexedObject[] {
    return [...this.entries];
  }

  /**
   * The objects of a kind, in construct order.
   * @param kind e.g. `VirtualService`
   */
  public ofKind(kind: string): IndexedObject[] {
    return [...this.kinds.get(kind) ?? []];
  }

  /**
   * The object with this kind, namespace and name (the first one if the chart holds duplicates).
   * @param kind e.g. `DestinationRule`
   * @param namespaceName the namespace; empty string for cluster-scoped objects
   * @param name the name
   */
  public find(kind: string, namespaceName: string, name: string): IndexedObject | undefined {
    return this.keys.get(keyOf(kind, namespaceName, name));
  }

  /**
   * The objects in a namespace, in construct order.
   * @param namespaceName the namespace
   */
  public inNamespace(namespaceName: string): IndexedObject[] {
    return this.entries.filter(e => e.namespaceName === namespaceName);
  }

  /**
   * The objects that name `host` exactly in `spec.hosts`, `spec.host` or a Gateway server's hosts.
   * @param host e.g. `reviews.prod.svc.cluster.local` or `*.example.com`
   */
  public byHost(host: string): IndexedObject[] {
    if (!this.hostIndex) {
      this.hostIndex = new Map();
      for (const entry of this.entries) {
        for (const h of entry.hosts) {
          const list = this.hostIndex.get(h);
          if (list) list.push(entry);
          else this.hostIndex.set(h, [entry]);
        }
      }
    }
    return [...this.hostIndex.get(host) ?? []];
  }

  /**
   * The objects in `namespace` whose workload selector selects pods with these labels
   * (every selector label is among `labels`). Objects without a selector are not included.
   * @param labels the pod labels
   * @param namespaceName the pods' namespace
   */
  public selecting(labels: { [key: string]: string }, namespaceName: string): IndexedObject[] {
    return this.entries.filter(e => {
      if (e.namespaceName !== namespaceName) return false;
      const selector = e.selector;
      return selector !== undefined && selectsLabels(selector, labels);
    });
  }

  /**
   * The index entry of a cdk8s object of this chart.
   * @param apiObject the object
   */
  public entryFor(apiObject: ApiObject): IndexedObject | undefined {
    return this.objects.get(apiObject);
  }
}

function keyOf(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}\u0000${namespace ?? ''}\u0000${name}`;
}
