/**
 * Typed reads of rendered manifests. Objects a user adds to a chart by hand are untyped YAML, so checks
 * read manifests as `unknown` through these accessors: a value of the wrong shape reads as absent.
 */

/** A JSON object (a manifest or one of its nested objects). */
export interface JsonObject {
  readonly [key: string]: unknown;
}

/** True if the value is a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object, or undefined when the value is not one. */
export function jsonObject(value: unknown): JsonObject | undefined {
  return isJsonObject(value) ? value : undefined;
}

/** The value at a path of keys, or undefined when a step is missing or not an object. */
export function jsonAt(value: unknown, ...path: string[]): unknown {
  return valueAt(value, path);
}

/** `jsonAt` on a path array: the readers below pass their rest parameter on without spreading it again. */
function valueAt(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (let i = 0; i < path.length; i++) {
    if (!isJsonObject(current)) return undefined;
    current = current[path[i]];
  }
  return current;
}

/** The string at the path, or undefined. */
export function jsonString(value: unknown, ...path: string[]): string | undefined {
  const found = valueAt(value, path);
  return typeof found === 'string' ? found : undefined;
}

/** The number at the path, or undefined. */
export function jsonNumber(value: unknown, ...path: string[]): number | undefined {
  const found = valueAt(value, path);
  return typeof found === 'number' ? found : undefined;
}

/** The array at the path, or an empty array. */
export function jsonArray(value: unknown, ...path: string[]): readonly unknown[] {
  const found = valueAt(value, path);
  return Array.isArray(found) ? found : [];
}

/** The objects of the array at the path (other elements skipped). */
export function jsonObjects(value: unknown, ...path: string[]): JsonObject[] {
  return objectsOf(valueAt(value, path));
}

/** The objects of `value` when it is an array (other elements skipped), else none. */
export function objectsOf(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isJsonObject) : [];
}

/** The strings of the array at the path (other elements skipped). */
export function jsonStrings(value: unknown, ...path: string[]): string[] {
  return stringsOf(valueAt(value, path));
}

/** The strings of `value` when it is an array (other elements skipped), else none. */
export function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The string-valued entries of the object at the path, or undefined when there is no object. */
export function jsonStringRecord(value: unknown, ...path: string[]): Record<string, string> | undefined {
  const found = jsonObject(valueAt(value, path));
  if (!found) return undefined;
  return Object.fromEntries(Object.entries(found).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** JSON with object keys sorted at every level: equal text for equal content. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (isJsonObject(v)
    ? Object.fromEntries(Object.keys(v).sort().map(k => [k, v[k]]))
    : v));
}
