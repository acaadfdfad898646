import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { JsonObject, jsonObject } from './json';
import { withPlainToJson } from './plain-json';

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
 * resolution pass (`withPlainToJson`: the same manifest, faster).
 */
export function renderedJson(obj: ApiObject): JsonObject {
  const holder = obj as WithRenderedJson;
  let json = holder[RENDERED_JSON];
  if (json === undefined) {
    const manifest: unknown = withPlainToJson((): unknown => obj.toJson());
    json = jsonObject(manifest) ?? {};
    Object.defineProperty(obj, RENDERED_JSON, { value: json, enumerable: false, writable: false, configurable: false });
  }
  return json;
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
