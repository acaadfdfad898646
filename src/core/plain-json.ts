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
 * empty arrays and objects dropped when `filterEmpty` (metadata). Plain records and arrays take the first
 * branches; anything else (union classes, `Lazy`, null prototypes) is decided by `otherSanitized`.
 */
function plainSanitized(value: unknown, sortKeys: boolean, filterEmpty: boolean): Sanitized {
  if (value === null || value === undefined) return undefined;
  const type = typeof value;
  if (type !== 'object') return type === 'string' || type === 'number' || type === 'boolean' ? value : NOT_PLAIN;
  const object = value as object;
  const proto: unknown = Object.getPrototypeOf(object);
  if (proto === Object.prototype) {
    // not a Lazy (its prototype is not Object.prototype); an own `resolve` method or `constructor` is not plain
    if ((object as { constructor?: unknown }).constructor !== Object || hasResolveMethod(object)) return NOT_PLAIN;
    return recordSanitized(object as Record<string, unknown>, sortKeys, filterEmpty);
  }
  if (proto === Array.prototype && Array.isArray(object)) {
    if (hasResolveMethod(object) || unionValue(object) !== undefined) return NOT_PLAIN;
    if (filterEmpty && object.length === 0) return undefined;
    const out: unknown[] = new Array(object.length);
    for (let i = 0; i < object.length; i++) {
      if (!(i in object)) return NOT_PLAIN; // holes: let cdk8s decide
      const element = plainSanitized(object[i], sortKeys, filterEmpty);
      if (element === NOT_PLAIN) return NOT_PLAIN;
      out[i] = element;
    }
    return out;
  }
  return otherSanitized(object);
}

/** A value that is neither a plain record nor a plain array: a union class (k8s `IntOrString`) becomes `{ value }`. */
function otherSanitized(object: object): Sanitized {
  if (object instanceof Lazy || hasResolveMethod(object) || Array.isArray(object)) return NOT_PLAIN;
  // a union class: NumberStringUnionResolver replaces it with `{ value }`, which resolves as is
  const union = unionValue(object);
  return union === undefined ? NOT_PLAIN : { value: union };
}

/**
 * Sorts `keys` in place into the order `Array.prototype.sort()` gives strings (UTF-16 code units, which `<`
 * compares): insertion sort for the short key lists of manifests, which allocates nothing and returns at once when
 * they are sorted already (V8's sort copies every array it sorts).
 */
function sortKeysInPlace(keys: string[]): void {
  if (keys.length > 32) {
    keys.sort();
    return;
  }
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > key) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = key;
  }
}

/**
 * A plain record's sanitized copy (keys sorted unless `sortKeys` is false; `out[key] =` as cdk8s assigns them),
 * without the key `skip`.
 */
function recordSanitized(record: Record<string, unknown>, sortKeys: boolean, filterEmpty: boolean, skip?: string): Sanitized {
  const keys = Object.keys(record);
  if (sortKeys) sortKeysInPlace(keys);
  const out: Record<string, unknown> = {};
  let count = 0;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key === skip) continue;
    const v = plainSanitized(record[key], sortKeys, filterEmpty);
    if (v === NOT_PLAIN) return NOT_PLAIN;
    if (v !== undefined && v !== null) {
      out[key] = v;
      count++;
    }
  }
  if (filterEmpty && count === 0) return undefined;
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

/** The metadata fields `ApiObjectMetadataDefinition.toJson()` writes over its additional attributes, in sorted order. */
const METADATA_FIELDS = ['annotations', 'finalizers', 'labels', 'name', 'namespace', 'ownerReferences'] as const;
const METADATA_FIELD_SET: ReadonlySet<string> = new Set(METADATA_FIELDS);

/** Whether metadata's additional attributes (its options) hold none but the six fields, which the fields override. */
function onlyMetadataFields(additional: object): boolean {
  return Object.keys(additional).every(k => METADATA_FIELD_SET.has(k));
}

/** `ApiObjectMetadataDefinition.toJson()` for plain metadata, or `NOT_PLAIN`. */
function plainMetadata(metadata: unknown): Sanitized {
  if (typeof metadata !== 'object' || metadata === null) return NOT_PLAIN;
  const m = metadata as MetadataState;
  const additional = m._additionalAttributes;
  if (typeof additional !== 'object' || additional === null) return NOT_PLAIN;
  // metadata.toJson() sanitizes with sanitizeValue's default sortKeys (true); ApiObject.toJson() sanitizes the result again
  if (!onlyMetadataFields(additional)) {
    return plainSanitized({
      ...additional,
      name: m.name,
      namespace: m.namespace,
      annotations: m.annotations,
      finalizers: m.finalizers,
      ownerReferences: m.ownerReferences,
      labels: m.labels,
    }, true, true);
  }
  // only the six fields, whose own values win: the sanitized record of them, built in sorted key order
  const out: Record<string, unknown> = {};
  let count = 0;
  for (const field of METADATA_FIELDS) {
    const v = plainSanitized(m[field], true, true);
    if (v === NOT_PLAIN) return NOT_PLAIN;
    if (v !== undefined && v !== null) {
      out[field] = v;
      count++;
    }
  }
  return count === 0 ? undefined : out;
}

let depth = 0;
/** Whether keys are sorted (cdk8s's `CDK8S_DISABLE_SORT` unset), read once per `withPlainToJson`: `process.env` is slow. */
let sortKeysInSynth = true;

/** What `ApiObject.prototype.toJson` returns for `obj`, or `NOT_PLAIN` when it holds anything but plain data. */
export function plainApiObjectJson(obj: ApiObject): Sanitized {
  const props: unknown = Reflect.get(obj, 'props');
  const patches: unknown = Reflect.get(obj, 'patches');
  if (typeof props !== 'object' || props === null || !Array.isArray(patches) || !hasDefaultResolvers(obj)) return NOT_PLAIN;
  if (!patches.every((p: unknown) => p instanceof JsonPatch)) return NOT_PLAIN;
  const metadata = plainMetadata(obj.metadata);
  if (metadata === NOT_PLAIN) return NOT_PLAIN;
  const sortKeys = depth > 0 ? sortKeysInSynth : !process.env.CDK8S_DISABLE_SORT;
  // cdk8s sanitizes `{ ...props, metadata: metadata.toJson() }` again: for the already sanitized metadata that is a
  // copy of it, and where the key lands does not matter, as metadata is put third below
  const json = Object.getPrototypeOf(props) === Object.prototype && !hasResolveMethod(props) && !Object.prototype.hasOwnProperty.call(props, 'constructor')
    ? recordSanitized(props as Record<string, unknown>, sortKeys, false, 'metadata')
    : plainSanitized({ ...props, metadata: undefined }, sortKeys, false);
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
/** The object whose `ApiObject.toJson()` last answered on the plain path (see `toJsonAnsweredPlain`). */
let lastPlain: ApiObject | undefined;
function plainToJson(this: ApiObject): unknown {
  let plain: Sanitized;
  try {
    plain = plainApiObjectJson(this);
  } catch {
    plain = NOT_PLAIN; // e.g. a patch that does not apply: cdk8s reports it with the object's path
  }
  lastPlain = plain === NOT_PLAIN ? undefined : this;
  return plain === NOT_PLAIN ? standardToJson.call(this) : plain;
}

/**
 * `obj.toJson()` (call it inside `withPlainToJson`), and whether its `ApiObject.toJson()` (the `super.toJson()` of a
 * generated class) answered on the plain path, without cdk8s's resolution.
 */
export function toJsonAnsweredPlain(obj: ApiObject): { manifest: unknown; plain: boolean } {
  lastPlain = undefined;
  try {
    const manifest: unknown = obj.toJson();
    return { manifest, plain: lastPlain === obj };
  } finally {
    lastPlain = undefined; // no reference kept to the object, or its app
  }
}

/**
 * What `ApiObjectMetadataDefinition.toJson()` returns for `obj`'s metadata when it is plain, holds only the
 * common fields (name, namespace, labels, annotations, finalizers; no owner references, no other attribute) and
 * the app has cdk8s's default resolvers; otherwise undefined.
 */
export function simpleMetadataJson(obj: ApiObject): Record<string, unknown> | undefined {
  const definition: unknown = obj.metadata;
  if (!hasDefaultResolvers(obj) || typeof definition !== 'object' || definition === null) return undefined;
  const m = definition as MetadataState;
  const additional = m._additionalAttributes;
  if (typeof additional !== 'object' || additional === null || !onlyMetadataFields(additional)) return undefined;
  if (!Array.isArray(m.ownerReferences) || m.ownerReferences.length > 0) return undefined;
  const metadata = plainMetadata(m);
  return typeof metadata === 'object' && metadata !== null ? metadata as Record<string, unknown> : undefined;
}

/**
 * Runs `work` with `ApiObject.prototype.toJson` answering plain objects without cdk8s's resolution
 * (same result, see above). Re-entrant; restores cdk8s's method afterwards. If something else replaced
 * the method, it is left alone and `work` runs as is.
 */
export function withPlainToJson<T>(work: () => T): T {
  if (depth > 0) return work();
  if (ApiObject.prototype.toJson !== standardToJson) return work();
  ApiObject.prototype.toJson = plainToJson;
  sortKeysInSynth = !process.env.CDK8S_DISABLE_SORT;
  depth++;
  try {
    return work();
  } finally {
    depth--;
    ApiObject.prototype.toJson = standardToJson;
    lastPlain = undefined;
  }
}
