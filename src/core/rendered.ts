import { ApiObject, Chart } from 'cdk8s';
import { JsonObject, jsonObject } from './json';
import { withPlainToJson } from './plain-json';

/**
 * Read-only views of what the mesh rendered, shared by validators, artifacts and the emitter so each
 * object is serialized once and each chart is walked once. Valid once rendering is complete
 * (in validators, artifact producers and emission), when objects no longer change.
 */
const jsonCache = new WeakMap<ApiObject, JsonObject>();
const kindIndex = new WeakMap<Chart, Map<string, ApiObject[]>>();

/**
 * The object's manifest (its public `toJson()`), computed once. Objects of plain data skip cdk8s's
 * resolution pass (`withPlainToJson`: the same manifest, faster).
 */
export function renderedJson(obj: ApiObject): JsonObject {
  let json = jsonCache.get(obj);
  if (json === undefined) {
    const manifest: unknown = withPlainToJson((): unknown => obj.toJson());
    json = jsonObject(manifest) ?? {};
    jsonCache.set(obj, json);
  }
  return json;
}

/** The chart's own API objects of a kind, in construct order. */
export function renderedObjectsOfKind(chart: Chart, kind: string): ApiObject[] {
  let index = kindIndex.get(chart);
  if (!index) {
    index = new Map();
    for (const c of chart.node.findAll()) {
      if (!(c instanceof ApiObject) || Chart.of(c) !== chart) continue;
      const list = index.get(c.kind);
      if (list) list.push(c);
      else index.set(c.kind, [c]);
    }
    kindIndex.set(chart, index);
  }
  return index.get(kind) ?? [];
}
