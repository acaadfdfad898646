import { ApiObject, App, Chart, ImplicitTokenResolver, JsonPatch, Lazy, LazyResolver, NumberStringUnionResolver } from 'cdk8s';

/**
 * `ApiObject.toJson()` without cdk8s's resolution pass for objects that provably hold plain JSON data.
 *
 * cdk8s's `toJson()` runs `resolve()` (every value offered to every resolver of the app, a path array per
 * value) and then `sanitizeValue()` (keys sorted, null and undefined dropped). For a value tree of strings,
 * numbers, booleans, null, undefined, plain arrays and plain objects, and an app with only cdk8s's three
 * default resolvers, `resolve()` returns a copy of its input (no `Lazy`, nothing with a `resolve()` method),
 * except that a union class instance (k8s `IntOrString`) becomes `{ value }`. `plainSanitized` proves that for each value
 * while it computes what `sanitizeValue(resolve(value))` would return, and gives up (returns `NOT_PLAIN`) on
 * anything else, so that object is serialized by cdk8s itself. JSON patches (`addJsonPatch`) are applied
 * with cdk8s's own `JsonPatch.apply`, to the same document, and the top-level keys are ordered as cdk8s
 * orders them. Subclasses (the generated L1 classes, cdk8s-plus) keep their own `toJson()`: only the
 * `super.toJson()` they call is this one, while `withPlainToJson` runs.
 */

/** The private state of `ApiObjectMetadataDefinition` (cdk8s 2.x) that `toJson()` reads (and of `ApiObject`: `props`, `patches`). */
interface MetadataState {
  readonly _additionalAttributes?: unknown;
  readonly name?: unknown;
  readonly namespace?: unknown;
  readonly annotations?: unknown;
  readonly finalizers?: unknown;
  readonly ownerReferences?: unknown;
  readonly labels?: unknown;
}

const NOT_PLAIN: unique symbol = Symbol('not plain');
type Sanitized = unknown | typeof NOT_PLAIN;

interface SanitizeOptions {
  readonly sortKeys: boolean;
  readonly filterEmpty: boolean;
}

/** True when ImplicitTokenResolver would replace the value (anything with a `resolve()` method). */
function hasResolveMethod(value: object): boolean {
  return typeof (value as { resolve?: unknown }).resolve === 'function';
}

/** The `value` NumberStringUnionResolver would read from a non-plain object (IntOrString and other union classes). */
function unionValue(value: object): string | number | undefined {
  const v = (value as { value?: unknown }).value;
  return typeof v === 'string' || typeof v === 'number' ? v : undefined;
}

/**
 * What `sanitizeValue(resolve([], value, obj), options)` returns for plain data, or `NOT_PLAIN`.
 * Mirrors cdk8s 2.x `_util.sanitizeValue`: null and undefined become undefined (dropped from objects,
 * kept as undefined in arrays), keys sorted with `Array.prototype.sort()` unless `sortKeys` is false,
 * empty arrays and objects dropped when `filterEmpty` (metadata).
 */
function plainSanitized(value: unknown, options: SanitizeOptions): Sanitized {
  if (value === null || value === undefined) return undefined;
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return value;
  if (type !== 'object') return NOT_PLAIN;
  const object = value as object;
  if (object instanceof Lazy || hasResolveMethod(object)) return NOT_PLAIN;
  if (Array.isArray(object)) {
    if (Object.getPrototypeOf(object) !== Array.prototype || unionValue(object) !== undefined) return NOT_PLAIN;
    if (options.filterEmpty && object.length === 0) return undefined;
    const out: unknown[] = new Array(object.length);
    for (let i = 0; i < object.length; i++) {
      if (!(i in object)) return NOT_PLAIN; // holes: let cdk8s decide
      const element = plainSanitized(object[i], options);
      if (element === NOT_PLAIN) return NOT_PLAIN;
      out[i] = element;
    }
    return out;
  }
  if (Object.getPrototypeOf(object) !== Object.prototype || (object as { constructor?: unknown }).constructor !== Object) {
    // a union class (k8s IntOrString): NumberStringUnionResolver replaces it with `{ value }`, which resolves as is
    if (Object.getPrototypeOf(object) === Object.prototype) return NOT_PLAIN;
    const union = unionValue(object);
    return union === undefined ? NOT_PLAIN : { value: union };
  }
  const record = object as Record<string, unknown>;
  const keys = Object.keys(record);
  if (options.sortKeys) keys.sort();
  const out: Record<string, unknown> = {};
  let count = 0;
  for (const key of keys) {
    const v = plainSanitized(record[key], options);
    if (v === NOT_PLAIN) return NOT_PLAIN;
    if (v !== undefined && v !== null) {
      out[key] = v;
      count++;
    }
  }
  if (options.filterEmpty && count === 0) return undefined;
  return out;
}

/** Charts whose app's resolvers are exactly cdk8s's defaults (`LazyResolver`, `ImplicitTokenResolver`, `NumberStringUnionResolver`). */
const defaultResolverCharts = new WeakMap<Chart, boolean>();
function hasDefaultResolvers(obj: ApiObject): boolean {
  const chart = obj.chart;
  let ok = defaultResolverCharts.get(chart);
  if (ok === undefined) {
    const app = App.of(obj);
    const r = app instanceof App ? app.resolvers : [];
    ok = r.length === 3 && r[0] instanceof LazyResolver && r[1] instanceof ImplicitTokenResolver && r[2] instanceof NumberStringUnionResolver
      && r[0].constructor === LazyResolver && r[1].constructor === ImplicitTokenResolver && r[2].constructor === NumberStringUnionResolver;
    defaultResolverCharts.set(chart, ok);
  }
  return ok;
}

/** `ApiObjectMetadataDefinition.toJson()` for plain metadata, or `NOT_PLAIN`. */
function plainMetadata(metadata: unknown): Sanitized {
  if (typeof metadata !== 'object' || metadata === null) return NOT_PLAIN;
  const m = metadata as MetadataState;
  if (typeof m._additionalAttributes !== 'object' || m._additionalAttributes === null) return NOT_PLAIN;
  const data = {
    ...m._additionalAttributes,
    name: m.name,
    namespace: m.namespace,
    annotations: m.annotations,
    finalizers: m.finalizers,
    ownerReferences: m.ownerReferences,
    labels: m.labels,
  };
  // metadata.toJson() sanitizes with sanitizeValue's default sortKeys (true); ApiObject.toJson() sanitizes the result again
  return plainSanitized(data, { sortKeys: true, filterEmpty: true });
}

/** What `ApiObject.prototype.toJson` returns for `obj`, or `NOT_PLAIN` when it holds anything but plain data. */
export function plainApiObjectJson(obj: ApiObject): Sanitized {
  const props: unknown = Reflect.get(obj, 'props');
  const patches: unknown = Reflect.get(obj, 'patches');
  if (typeof props !== 'object' || props === null || !Array.isArray(patches) || !hasDefaultResolvers(obj)) return NOT_PLAIN;
  if (!patches.every((p: unknown) => p instanceof JsonPatch)) return NOT_PLAIN;
  const sortKeys = process.env.CDK8S_DISABLE_SORT ? false : true;
  const metadata = plainMetadata(obj.metadata);
  if (metadata === NOT_PLAIN) return NOT_PLAIN;
  // cdk8s sanitizes `{ ...props, metadata: metadata.toJson() }` again: for the already sanitized metadata that is a
  // copy of it, and where the key lands does not matter, as metadata is put third below
  const json = plainSanitized({ ...props, metadata: undefined }, { sortKeys, filterEmpty: false });
  if (json === NOT_PLAIN || typeof json !== 'object' || json === null) return NOT_PLAIN;
  if (metadata !== undefined) (json as Record<string, unknown>).metadata = metadata;
  const patched: unknown = patches.length ? JsonPatch.apply(json, ...(patches as JsonPatch[])) : json;
  if (typeof patched !== 'object' || patched === null) return NOT_PLAIN;
  const source = patched as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const k of ['apiVersion', 'kind', 'metadata', ...Object.keys(source)]) {
    if (k in source) result[k] = source[k];
  }
  return result;
}

const standardToJson = ApiObject.prototype.toJson;
function plainToJson(this: ApiObject): unknown {
  let plain: Sanitized;
  try {
    plain = plainApiObjectJson(this);
  } catch {
    plain = NOT_PLAIN; // e.g. a patch that does not apply: cdk8s reports it with the object's path
  }
  return plain === NOT_PLAIN ? standardToJson.call(this) : plain;
}

let depth = 0;
/**
 * Runs `work` with `ApiObject.prototype.toJson` answering plain objects without cdk8s's resolution
 * (same result, see above). Re-entrant; restores cdk8s's method afterwards. If something else replaced
 * the method, it is left alone and `work` runs as is.
 */
export function withPlainToJson<T>(work: () => T): T {
  if (depth > 0) return work();
  if (ApiObject.prototype.toJson !== standardToJson) return work();
  ApiObject.prototype.toJson = plainToJson;
  depth++;
  try {
    return work();
  } finally {
    depth--;
    ApiObject.prototype.toJson = standardToJson;
  }
}
