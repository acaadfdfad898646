import type { ClassSchema, EnumSchema, FieldSchema, StructSchema, TypeRef, TypeSchema } from './schema';
import { INPUT_SCHEMA } from './schema.generated';
import { Diagnostic } from '../diagnostics';
import { MeshValidationError, printWarnings, renderValue } from '../format';
import { RuleDefinition, Severity } from '../rule';
import { VALUE_CHECKS, ValueCheck } from './value-checks';
import { CoreRules } from '../rules/core';

/**
 * Runtime type checks for every public entry point, derived from the `.jsii` assembly (see
 * `schema.generated.ts`). jsii users in JavaScript, Python, Java, Go and .NET get no compile-time
 * check; a wrong type is reported with the construct path, the prop path, the value and the type
 * expected, before it can crash rendering or be written into YAML.
 */

const LIBRARY = 'cdk8s-mesh';
const MESH_MARKER = Symbol.for('cdk8s-mesh.Mesh');

/** Checks `value` (found at `path`), appending problems to `out`. */
type Validator = (value: unknown, path: string, out: Diagnostic[]) => void;

type Dict = { readonly [key: string]: unknown };

const validators = new Map<string, Validator>();
const validatorsByRef = new WeakMap<object, Validator>();
const descriptions = new Map<string, string>();

/** A cdk8s `Duration` is shown as its human form ("0 millis"), not as its fields. */
function shown(value: unknown): string {
  const human = (value as { toHumanString?: unknown } | null)?.toHumanString;
  if (typeof value === 'object' && value !== null && typeof human === 'function') {
    const text: unknown = human.call(value);
    if (typeof text === 'string') return `Duration of ${text}`;
  }
  return renderValue(value);
}

function problem(out: Diagnostic[], rule: RuleDefinition, path: string, value: unknown, detail: string): void {
  const text = shown(value);
  out.push({ rule, path, value: text.length > 200 ? `${text.slice(0, 200)}…` : text, detail });
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') {
    const proto: unknown = Object.getPrototypeOf(value);
    const name: unknown = (proto as { constructor?: { name?: unknown } } | null)?.constructor?.name;
    return typeof name === 'string' && name && name !== 'Object' ? `an instance of ${name}` : 'an object';
  }
  return `a ${typeof value}`;
}

function shortName(fqn: string): string {
  return fqn.split('.').slice(1).join('.');
}

function isPlainObject(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The package's exports, registered by `src/index.ts` through `installInputChecks()` (this folder is the lowest
 * layer and may not import the index). Until then no construct of the library is checked.
 */
let libraryApi: Dict | undefined;

/** The exported object (class or enum) of a schema type at runtime. */
function runtimeObject(fqn: string): Dict | undefined {
  const schema = INPUT_SCHEMA[fqn];
  if (!schema?.module && !libraryApi) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  let current: unknown = schema?.module ? require(schema.module) : libraryApi;
  for (const part of fqn.split('.').slice(1)) current = (current as Dict | undefined)?.[part];
  return current as Dict | undefined;
}

function enumValues(fqn: string, schema: EnumSchema): Map<unknown, string> | undefined {
  const runtime = runtimeObject(fqn);
  if (!runtime) return undefined;
  return new Map(schema.members.map(m => [runtime[m] ?? m, m]));
}

/** How a type is named in messages: "a string", "an instance of Duration (Duration.seconds(), …)". */
export function describeType(type: TypeRef): string {
  if (typeof type === 'string') {
    return { string: 'a string', number: 'a finite number', boolean: 'true or false', any: 'any value', json: 'an object', date: 'a Date' }[type];
  }
  if ('array' in type) return `an array of ${describeType(type.array).replace(/^an? /, '')}s`.replace(/ss$/, 's');
  if ('map' in type) return `an object whose values are ${describeType(type.map)}`;
  if ('union' in type) return type.union.map(describeType).join(' or ');
  const cached = descriptions.get(type.ref);
  if (cached) return cached;
  const schema = INPUT_SCHEMA[type.ref];
  const name = shortName(type.ref);
  let text = `a ${name}`;
  if (schema?.kind === 'enum') {text = `a member of ${name} (${schema.members.map(m => `${name}.${m}`).join(', ')})`;} else if (schema?.kind === 'struct') {text = `a ${name} object`;} else if (schema?.kind === 'class' || schema?.kind === 'interface') {
    const factories = (schema.factories ?? []).slice(0, 4).map(f => `${name}.${f}()`);
    text = `an instance of ${name}${factories.length ? ` (made with ${factories.join(', ')})` : ''}`;
  }
  descriptions.set(type.ref, text);
  return text;
}

function wrongType(out: Diagnostic[], type: TypeRef, path: string, value: unknown): void {
  problem(out, CoreRules.WRONG_TYPE, path, value, `Expected ${describeType(type)}, got ${kindOf(value)}.`);
}

/** Props renamed because their names are reserved words in a jsii language (`namespace` in C#, `from` in Python, …). */
const RENAMED: { readonly [old: string]: readonly string[] } = {
  namespace: ['namespaceName'],
  from: ['sources', 'callers', 'fromRevision', 'fromMode', 'fromLocality', 'fromRegion', 'source'],
  to: ['operations', 'toRevision', 'toMode', 'toLocalities', 'toRegion', 'target'],
  delegate: ['delegateTo'],
};

/** The hint for an unknown prop: its new name if it was renamed, else the closest known name. */
function unknownPropHint(key: string, known: ReadonlySet<string>): string {
  const renamed = RENAMED[key]?.find(n => known.has(n));
  if (renamed) return ` It is called "${renamed}" (renamed, as "${key}" is a reserved word in a jsii language).`;
  const closest = [...known].sort((x, y) => distance(key, x) - distance(key, y))[0];
  return closest !== undefined && distance(key, closest) <= Math.max(2, Math.floor(key.length / 3)) ? ` Did you mean "${closest}"?` : '';
}

/** Edit distance, for "did you mean" hints on unknown props. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      prev = row[j];
      row[j] = next;
    }
  }
  return row[b.length];
}

function structValidator(fqn: string, schema: StructSchema): Validator {
  if (schema.open) {
    return (value, path, out) => { if (!isPlainObject(value)) wrongType(out, { ref: fqn }, path, value); };
  }
  const values = [fqn, ...schema.bases ?? []].flatMap(t => VALUE_CHECKS[t] ?? []);
  const fields = schema.fields.map(f => ({ ...f, check: validatorFor(f.type), values: values.filter(c => c.field === f.name) }));
  const whole = values.filter(c => c.field === undefined);
  const known = new Set(schema.fields.map(f => f.name));
  const name = shortName(fqn);
  return (value, path, out) => {
    if (!isPlainObject(value)) return wrongType(out, { ref: fqn }, path, value);
    const before = out.length;
    for (const f of fields) {
      const v = value[f.name];
      if (v === undefined || v === null) {
        if (!f.optional && f.type !== 'any') problem(out, CoreRules.MISSING_REQUIRED, `${path}/${f.name}`, v, `${name}.${f.name} is required: ${describeType(f.type)}.`);
      } else {
        const at = `${path}/${f.name}`;
        const typed = out.length;
        f.check(v, at, out);
        if (out.length === typed) for (const c of f.values) checkValue(c, v, at, out);
      }
    }
    if (out.length === before) {
      for (const c of whole) if (!c.ok(value)) problem(out, c.rule, `${path}${c.at ?? ''}`, c.show ? c.show(value) : value, '');
    }
    for (const key of Object.keys(value)) {
      if (known.has(key) || value[key] === undefined) continue;
      problem(out, CoreRules.UNKNOWN_PROP, `${path}/${key}`, value[key], `${name} has no field "${key}".${unknownPropHint(key, known)} Its fields: ${[...known].join(', ')}.`);
    }
  };
}

function checkValue(c: ValueCheck, value: unknown, path: string, out: Diagnostic[]): void {
  if (c.each === 'element' && Array.isArray(value)) {
    value.forEach((v, i) => { if (!c.ok(v)) problem(out, c.rule, `${path}[${i}]`, v, ''); });
  } else if ((c.each === 'key' || c.each === 'value') && isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      const subject = c.each === 'key' ? k : v;
      if (!c.ok(subject)) problem(out, c.rule, `${path}/${k}`, subject, '');
    }
  } else if (!c.ok(value)) {
    problem(out, c.rule, path, value, '');
  }
}

/** True if `value` has every member (own or inherited); a loop, as this runs on every checked call. */
function hasMembers(value: object, members: readonly string[]): boolean {
  for (let i = 0; i < members.length; i++) if (!(members[i] in value)) return false;
  return true;
}

function instanceValidator(fqn: string, schema: ClassSchema): Validator {
  const members = schema.members;
  return (value, path, out) => {
    const isObject = (typeof value === 'object' && value !== null) || typeof value === 'function';
    if (isObject && hasMembers(value, members)) return;
    const missing = isObject ? ` It lacks ${members.filter(m => !(m in (value as object))).slice(0, 3).join(', ')}.` : '';
    problem(out, CoreRules.WRONG_CLASS, path, value, `Expected ${describeType({ ref: fqn })}, got ${kindOf(value)}.${missing}`);
  };
}

function enumValidator(fqn: string, schema: EnumSchema): Validator {
  let values: Map<unknown, string> | undefined;
  const name = shortName(fqn);
  return (value, path, out) => {
    values ??= enumValues(fqn, schema);
    if (!values || values.has(value)) return;
    const allowed = [...values].map(([v, m]) => `${name}.${m} (${renderValue(v)})`).join(', ');
    problem(out, CoreRules.NOT_AN_ENUM_VALUE, path, value, `Expected a member of ${name}: ${allowed}.`);
  };
}

function refValidator(fqn: string): Validator {
  const schema: TypeSchema | undefined = INPUT_SCHEMA[fqn];
  if (!schema) return () => undefined;
  if (schema.kind === 'struct') return structValidator(fqn, schema);
  if (schema.kind === 'enum') return enumValidator(fqn, schema);
  return instanceValidator(fqn, schema);
}

const PRIMITIVES: { readonly [name: string]: (v: unknown) => boolean } = {
  string: v => typeof v === 'string',
  number: v => typeof v === 'number' && Number.isFinite(v),
  boolean: v => typeof v === 'boolean',
  any: () => true,
  json: v => isPlainObject(v),
  date: v => v instanceof Date,
};

/** The validator of a type, built once and cached. */
export function validatorFor(type: TypeRef): Validator {
  // the schema's type objects are stable: found by identity first, without building the text key
  const byIdentity = typeof type === 'object' ? validatorsByRef.get(type) : undefined;
  if (byIdentity) return byIdentity;
  const key = JSON.stringify(type);
  const cached = validators.get(key);
  if (cached) {
    if (typeof type === 'object') validatorsByRef.set(type, cached);
    return cached;
  }
  let built: Validator;
  if (typeof type === 'string') {
    const ok = PRIMITIVES[type];
    built = (value, path, out) => { if (!ok(value)) wrongType(out, type, path, value); };
  } else if ('array' in type) {
    let element: Validator | undefined;
    // an array of `any` is checked as an array only (its elements are not visited)
    const anyElement = type.array === 'any';
    built = (value, path, out) => {
      if (!Array.isArray(value)) return wrongType(out, type, path, value);
      if (anyElement) return;
      element ??= validatorFor(type.array);
      value.forEach((v, i) => element!(v, `${path}[${i}]`, out));
    };
  } else if ('map' in type) {
    let element: Validator | undefined;
    const anyElement = type.map === 'any';
    built = (value, path, out) => {
      if (!isPlainObject(value)) return wrongType(out, type, path, value);
      if (anyElement) return;
      element ??= validatorFor(type.map);
      for (const [k, v] of Object.entries(value)) element(v, `${path}/${k}`, out);
    };
  } else if ('union' in type) {
    let options: Validator[] | undefined;
    built = (value, path, out) => {
      options ??= type.union.map(validatorFor);
      if (options.some(check => { const o: Diagnostic[] = []; check(value, path, o); return o.length === 0; })) return;
      wrongType(out, type, path, value);
    };
  } else {
    // resolved on first use: types refer to each other in cycles
    let ref: Validator | undefined;
    built = (value, path, out) => (ref ??= refValidator(type.ref))(value, path, out);
  }
  validators.set(key, built);
  if (typeof type === 'object') validatorsByRef.set(type, built);
  return built;
}

/** A parameter with its validator and value checks (by `field` = parameter name), resolved once per entry point. */
interface ParamCheck extends FieldSchema {
  /** `(name)`, appended to the call's path. */
  readonly label: string;
  readonly check: Validator;
  readonly values: readonly ValueCheck[];
}

function paramChecks(params: readonly FieldSchema[], values: readonly ValueCheck[] = []): ParamCheck[] {
  return params.map(param => ({
    ...param, label: `(${param.name})`, check: validatorFor(param.type), values: values.filter(c => c.field === param.name),
  }));
}

/**
 * Checks arguments against parameters; `where` names the call, `omit` the param whose path is omitted; the value
 * checks of a parameter apply to an argument of the right type.
 */
function checkParams(params: readonly ParamCheck[], args: readonly unknown[], where: string, out: Diagnostic[], omit?: string): void {
  for (let i = 0; i < params.length; i++) {
    const param = params[i];
    const at = param.name === omit ? where : where + param.label;
    if (param.variadic) {
      const rest = args.slice(i);
      const typed = out.length;
      rest.forEach((v, j) => param.check(v, `${at}[${j}]`, out));
      // the values of a variadic parameter are checked as one list (`each: 'element'` for one by one)
      if (out.length === typed) for (const c of param.values) checkValue(c, rest, at, out);
      continue;
    }
    const value = args[i];
    if (value === undefined || value === null) {
      if (!param.optional && param.type !== 'any') problem(out, CoreRules.MISSING_REQUIRED, at, value, `The argument "${param.name}" is required: ${describeType(param.type)}.`);
      continue;
    }
    const typed = out.length;
    param.check(value, at, out);
    if (out.length === typed) for (const c of param.values) checkValue(c, value, at, out);
  }
}

function pathOf(construct: unknown): string | undefined {
  const node = (construct as { node?: { path?: unknown } } | null)?.node;
  return typeof node?.path === 'string' ? node.path : undefined;
}

/** The path of the mesh around a construct (for the error summary), or the construct's own path. */
function meshPathAround(scope: unknown, fallback: string): string {
  return pathOf(meshAround(scope)) ?? fallback;
}

/** The mesh around a construct (marked by `Mesh`), if any. */
function meshAround(scope: unknown): { diagnostics?: { add(d: Diagnostic): void } } | undefined {
  const scopes = (scope as { node?: { scopes?: unknown[] } } | null)?.node?.scopes;
  return Array.isArray(scopes) ? [...scopes].reverse().find(s => (s as { [MESH_MARKER]?: boolean })[MESH_MARKER] === true) as never : undefined;
}

/** Throws the errors found; warnings alone go to the enclosing mesh (printed at synth; errors in strict mode). */
function fail(out: Diagnostic[], scope: unknown, where: string): void {
  if (!out.length) return;
  const errors = out.filter(d => d.rule.severity === Severity.ERROR);
  if (errors.length) throw new MeshValidationError(meshPathAround(scope, where), errors, out.filter(d => !errors.includes(d)));
  const mesh = meshAround(scope);
  for (const warning of out) {
    if (mesh?.diagnostics) mesh.diagnostics.add(warning);
    else printWarnings([warning]);
  }
}

let trustedDepth = 0;

/**
 * Runs `work` without input checks on the constructors it calls: for the library's own constructions
 * whose arguments it already checked or built itself.
 */
export function trusted<T>(work: () => T): T {
  trustedDepth++;
  try {
    return work();
  } finally {
    trustedDepth--;
  }
}

/** The constructors' parameter checks, by FQN. */
const initChecks = new Map<string, ParamCheck[]>();

const nearestOwnClass = new WeakMap<object, string | undefined>();

/** The FQN of the nearest class of this library in `ctor`'s prototype chain (`ctor` may be a user's subclass). */
function ownClassOf(ctor: unknown): string | undefined {
  if (typeof ctor !== 'function' || !libraryApi) return undefined;
  if (nearestOwnClass.has(ctor)) return nearestOwnClass.get(ctor);
  let found: string | undefined;
  for (let c: unknown = ctor; typeof c === 'function' && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    const fqn = `${LIBRARY}.${(c as { name: string }).name}`;
    if (INPUT_SCHEMA[fqn]?.kind === 'class' && (runtimeObject(fqn) as unknown) === c) { found = fqn; break; }
  }
  nearestOwnClass.set(ctor, found);
  return found;
}

/**
 * Checks a constructor's arguments against its declaration in the `.jsii` assembly; call it first in
 * the constructor, before `super()`: `checkInit('cdk8s-mesh.TrafficRoute', new.target, [scope, id, props])`.
 * When a subclass of this library is being built, only that subclass's own call checks.
 * Throws a `MeshValidationError` naming the construct path, the prop path, the value and the type expected.
 */
export function checkInit(fqn: string, newTarget: unknown, args: readonly unknown[]): void {
  if (trustedDepth > 0 || (newTarget !== undefined && ownClassOf(newTarget) !== fqn)) return;
  let params = initChecks.get(fqn);
  if (!params) {
    const schema = INPUT_SCHEMA[fqn];
    params = paramChecks(schema && 'init' in schema ? schema.init ?? [] : []);
    initChecks.set(fqn, params);
  }
  const [scope, id] = args;
  const scopePath = pathOf(scope);
  const isConstruct = params[1]?.name === 'id';
  const where = isConstruct && scopePath !== undefined && typeof id === 'string' ? [scopePath, id].filter(Boolean).join('/') : shortName(fqn);
  const out: Diagnostic[] = [];
  checkParams(params, args, where, out, 'props');
  fail(out, scope, where);
}

/**
 * Registers `api` (the package's exports) for the checks, and wraps every public method and static factory of
 * the library's classes in it so its arguments are checked against the `.jsii` declaration before it runs.
 */
export function installInputChecks(api: Dict): void {
  libraryApi = api;
  for (const [fqn, schema] of Object.entries(INPUT_SCHEMA)) {
    if (schema.kind !== 'class' || schema.module || !schema.methods) continue;
    const cls = api[shortName(fqn)];
    if (typeof cls !== 'function') continue;
    for (const [name, method] of Object.entries(schema.methods)) {
      if (!method.params.length) continue;
      const holder = (method.static ? cls : cls.prototype) as Record<string, unknown>;
      if (!Object.prototype.hasOwnProperty.call(holder, name)) continue;
      const original = holder[name];
      if (typeof original !== 'function') continue;
      const label = method.static ? `${shortName(fqn)}.${name}` : name;
      let params: ParamCheck[] | undefined;
      const checked = function (this: unknown, ...args: unknown[]): unknown {
        params ??= paramChecks(method.params, VALUE_CHECKS[`${fqn}#${name}`]);
        const out: Diagnostic[] = [];
        // the checks are pure: run them without the construct path (computing it is most of a call's cost), and
        // again with it only when there is something to report
        checkParams(params, args, '', out);
        if (out.length) {
          out.length = 0;
          const where = method.static ? label : `${pathOf(this) ?? shortName(fqn)}/${label}`;
          checkParams(params, args, where, out);
          fail(out, this, where);
        }
        return original.apply(this, args);
      };
      Object.defineProperty(checked, 'name', { value: name });
      Object.defineProperty(holder, name, { value: checked, writable: true, configurable: true, enumerable: false });
    }
  }
}
