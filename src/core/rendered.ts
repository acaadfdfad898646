import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { JsonObject, jsonObject } from './json';
import { simpleMetadataJson, toJsonAnsweredPlain, withPlainToJson } from './plain-json';

/*
 * Read-only views of what the mesh rendered, shared by validators, artifacts and the emitter so each
 * object is serialized once and each chart is walked once. Valid once rendering is complete
 * (in validators, artifact producers and emission), when objects no longer change.
 */
/**
 * Where an object keeps its manifest once computed: a non-enumerable symbol property of the object itself, not a
 * WeakMap, whose entries (ephemerons) every young-generation GC would have to revisit (at 400,000 objects that was
 * most of synthesis's GC time).
 */
const RENDERED_JSON = Symbol('cdk8s-mesh.renderedJson');
interface WithRenderedJson {
  [RENDERED_JSON]?: JsonObject;
}
const kindIndex = new WeakMap<Chart, Map<string, ApiObject[]>>();
const chartObjectLists = new WeakMap<Chart, ApiObject[]>();

/**
 * The chart's own API objects (not those of charts nested in it), in construct order (`findAll()`'s pre-order),
 * listed once: the object index and the kind index share it.
 */
export function renderedApiObjects(chart: Chart): readonly ApiObject[] {
  let list = chartObjectLists.get(chart);
  if (!list) {
    const objects: ApiObject[] = [];
    const visit = (scope: IConstruct): void => {
      for (const child of scope.node.children) {
        if (child instanceof Chart) continue;
        if (child instanceof ApiObject) objects.push(child);
        visit(child);
      }
    };
    visit(chart);
    chartObjectLists.set(chart, list = objects);
  }
  return list;
}

/**
 * The object's manifest (its public `toJson()`), computed once. Objects of plain data skip cdk8s's
 * resolution pass (`withPlainToJson`: the same manifest, faster), and objects that share a rendered spec share
 * its serialized form (`sharedSpecManifest`).
 */
export function renderedJson(obj: ApiObject): JsonObject {
  const holder = obj as WithRenderedJson;
  let json = holder[RENDERED_JSON];
  if (json === undefined) {
    const spec = shareableSpec(obj);
    json = spec && sharedSpecManifest(obj, spec);
    if (json === undefined) {
      json = withPlainToJson((): JsonObject => {
        const { manifest, plain } = toJsonAnsweredPlain(obj);
        const object = jsonObject(manifest) ?? {};
        if (spec && plain) shareSpec(obj, spec, object);
        return object;
      });
    }
    Object.defineProperty(obj, RENDERED_JSON, { value: json, enumerable: false, writable: false, configurable: false });
  }
  return json;
}

/*
 * A route renders one spec object for all the clusters that get the same routes, so its VirtualService in each
 * cluster is a generated L1 object with the same `spec`. The manifest of such an object is `{ apiVersion, kind,
 * metadata, spec }`, whose spec is a function of the spec object alone (the L1 class's `toJson_*` mapping of its
 * sanitized form) when it is plain data: the objects of one class and one spec object share the first one's
 * serialized spec, each with its own metadata. Manifests are read-only, so sharing is invisible, but for time and
 * memory. Only the generated classes qualify (a static `GVK` and a `toJson()` of their own: a subclass that
 * overrides `toJson()` is serialized by itself), without JSON patches, and only when the first manifest was
 * computed on the plain path and its metadata is exactly what the object's metadata serializes to.
 */
interface SharedSpec {
  readonly type: unknown;
  readonly apiVersion: unknown;
  readonly kind: unknown;
  readonly spec: unknown;
}
const sharedSpecs = new WeakMap<object, SharedSpec>();

/** Whether the object's own keys are `apiVersion`, `kind`, `metadata` and `spec`, in that order (props and manifest alike). */
function hasManifestKeys(value: object): boolean {
  const keys = Object.keys(value);
  return keys.length === 4 && keys[0] === 'apiVersion' && keys[1] === 'kind' && keys[2] === 'metadata' && keys[3] === 'spec';
}

/** The `spec` object of a generated L1 object without patches whose props are `{ apiVersion, kind, metadata, spec }`. */
function shareableSpec(obj: ApiObject): object | undefined {
  const patches: unknown = Reflect.get(obj, 'patches');
  if (!Array.isArray(patches) || patches.length > 0) return undefined;
  const type: unknown = obj.constructor;
  if (typeof type !== 'function' || !Object.prototype.hasOwnProperty.call(type, 'GVK')
    || !Object.prototype.hasOwnProperty.call(type.prototype, 'toJson')) return undefined;
  const props: unknown = Reflect.get(obj, 'props');
  if (typeof props !== 'object' || props === null || Object.getPrototypeOf(props) !== Object.prototype || !hasManifestKeys(props)) return undefined;
  const spec: unknown = (props as { spec?: unknown }).spec;
  return typeof spec === 'object' && spec !== null ? spec : undefined;
}

/** Records `manifest`'s serialized spec for the other objects of `obj`'s class rendered from `spec`. */
function shareSpec(obj: ApiObject, spec: object, manifest: JsonObject): void {
  if (!hasManifestKeys(manifest)) return;
  if (manifest.apiVersion !== obj.apiVersion || manifest.kind !== obj.kind || sharedSpecs.has(spec)) return;
  const metadata = simpleMetadataJson(obj);
  if (!metadata || JSON.stringify(metadata) !== JSON.stringify(manifest.metadata)) return;
  sharedSpecs.set(spec, { type: obj.constructor, apiVersion: manifest.apiVersion, kind: manifest.kind, spec: manifest.spec });
}

/** The manifest of `obj` from the serialized spec another object of its class shares, if there is one. */
function sharedSpecManifest(obj: ApiObject, spec: object): JsonObject | undefined {
  const shared = sharedSpecs.get(spec);
  if (!shared || shared.type !== obj.constructor || shared.apiVersion !== obj.apiVersion || shared.kind !== obj.kind) return undefined;
  const metadata = simpleMetadataJson(obj);
  if (!metadata) return undefined;
  return { apiVersion: shared.apiVersion, kind: shared.kind, metadata, spec: shared.spec };
}

/** The chart's own API objects of a kind, in construct order. */
export function renderedObjectsOfKind(chart: Chart, kind: string): ApiObject[] {
  let index = kindIndex.get(chart);
  if (!index) {
    index = new Map();
    for (const c of renderedApiObjects(chart)) {
      const list = index.get(c.kind);
      if (list) list.push(c);
      else index.set(c.kind, [c]);
    }
    kindIndex.set(chart, index);
  }
  return index.get(kind) ?? [];
}
