/**
 * Generated from the input schema (itself generated from `.jsii`): for every public props type, wrong
 * types, unknown props and missing required props are reported with a rule ID and a path, never crashed on;
 * every public constructor, method and static factory checks its arguments.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as api from '../../src';
import { Diagnostic } from '../../src/validation/diagnostics';
import { MeshValidationError } from '../../src/validation/format';
import { validatorFor } from '../../src/validation/input/check';
import { ClassSchema, FieldSchema, StructSchema, TypeRef } from '../../src/validation/input/schema';
import { INPUT_SCHEMA } from '../../src/validation/input/schema.generated';
import { testApp } from '../util';

type AnyFunction = (...args: unknown[]) => unknown;
interface AnyClass {
  prototype: Record<string, AnyFunction>;
  new (...args: unknown[]): unknown;
}
type Step = { field: string } | { element: 'array' | 'map' };
interface Route { entry: string; method?: string; isStatic?: boolean; param: number; steps: Step[]; direct?: string }

const own = Object.entries(INPUT_SCHEMA).filter(([fqn]) => fqn.startsWith('cdk8s-mesh.'));
const structs = own.filter((e): e is [string, StructSchema] => e[1].kind === 'struct');
const classes = own.filter((e): e is [string, ClassSchema] => e[1].kind === 'class');
const name = (fqn: string) => fqn.slice('cdk8s-mesh.'.length);

/** The shortest route from a public entry point to every struct, found breadth-first. */
function routes(): Map<string, Route> {
  const found = new Map<string, Route>();
  const queue: Array<{ type: TypeRef; route: Route }> = [];
  for (const [fqn, schema] of classes) {
    const entries: Array<[string | undefined, boolean, readonly FieldSchema[]]> = [
      ...(schema.init ? [[undefined, false, schema.init] as [undefined, boolean, readonly FieldSchema[]]] : []),
      ...Object.entries(schema.methods ?? {}).map(([m, s]) => [m, !!s.static, s.params] as [string, boolean, readonly FieldSchema[]]),
    ];
    for (const [method, isStatic, params] of entries) {
      params.forEach((p, i) => { if (!p.variadic) queue.push({ type: p.type, route: { entry: fqn, method, isStatic, param: i, steps: [] } }); });
    }
  }
  while (queue.length) {
    const { type, route } = queue.shift()!;
    if (typeof type === 'string' || 'union' in type) continue;
    if ('array' in type) { queue.push({ type: type.array, route: { ...route, steps: [...route.steps, { element: 'array' }] } }); continue; }
    if ('map' in type) { queue.push({ type: type.map, route: { ...route, steps: [...route.steps, { element: 'map' }] } }); continue; }
    const schema = INPUT_SCHEMA[type.ref];
    if (schema?.kind !== 'struct' || schema.open || found.has(type.ref)) continue;
    found.set(type.ref, route);
    for (const f of schema.fields) queue.push({ type: f.type, route: { ...route, steps: [...route.steps, { field: f.name }] } });
  }
  return found;
}

/** A value of the wrong type for `type`, or undefined when any value is accepted. */
function wrongValue(type: TypeRef): unknown {
  if (typeof type === 'string') return ({ string: 42, number: 'seven', boolean: 'yes', any: undefined, json: 'text', date: 'today' } as Record<string, unknown>)[type];
  if ('array' in type || 'map' in type) return 'text';
  if ('union' in type) return undefined;
  const schema = INPUT_SCHEMA[type.ref];
  if (schema?.kind === 'enum') return 'not-a-member';
  return 'text';
}

/** Calls the entry point of `route` with `value` placed at the route's end; returns what it threw. */
function callWith(route: Route, value: unknown): unknown {
  if (route.direct) {
    const out: Diagnostic[] = [];
    validatorFor({ ref: route.direct })(value, 'probe', out);
    return out.length ? new MeshValidationError('probe', out, []) : undefined;
  }
  let wrapped = value;
  for (const step of [...route.steps].reverse()) {
    wrapped = 'field' in step ? { [step.field]: wrapped } : step.element === 'array' ? [wrapped] : { k: wrapped };
  }
  const app = testApp();
  const mesh = new api.Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'c1' }] });
  const schema = INPUT_SCHEMA[route.entry] as ClassSchema;
  const params = route.method ? schema.methods![route.method].params : schema.init!;
  const args: unknown[] = params.map(p => (p.name === 'scope' ? mesh : p.name === 'id' ? 'probe' : undefined));
  args[route.param] = wrapped;
  const cls = (api as unknown as Record<string, AnyClass>)[name(route.entry)];
  try {
    if (!route.method) new cls(...args);
    else if (route.isStatic) (cls as unknown as Record<string, AnyFunction>)[route.method](...args);
    else cls.prototype[route.method].call(Object.create(cls.prototype), ...args);
  } catch (e) {
    return e;
  }
  return undefined;
}

/** The path suffix of the value at the end of a route. */
function suffix(route: Route, extra: string): string {
  return route.steps.map(s => ('field' in s ? `/${s.field}` : s.element === 'array' ? '[0]' : '/k')).join('') + extra;
}

function reported(error: unknown): string[] {
  expect(error).toBeInstanceOf(MeshValidationError);
  return (error as MeshValidationError).diagnostics.map(d => `${d.rule.id} ${d.path}`);
}

const table = routes();

test('public props types are checked through the entry points that take them', () => {
  // the rest are output types (report, diagnostics) or bases that other props types extend
  expect(structs.filter(([fqn]) => table.has(fqn)).length).toBeGreaterThan(100);
});

describe.each(structs.map(([fqn, schema]) => [name(fqn), fqn, schema] as const))('%s', (_n, fqn, schema) => {
  const route: Route = table.get(fqn) ?? { entry: '', param: 0, steps: [], direct: fqn };
  const required = schema.fields.filter(f => !f.optional);
  const typed = schema.fields.filter(f => wrongValue(f.type) !== undefined);

  test('an unknown prop is MESH-CORE-003 at its path', () => {
    const lines = reported(callWith(route, { notAField: 1 }));
    expect(lines.some(l => l.startsWith('MESH-CORE-003 ') && l.endsWith(suffix(route, '/notAField')))).toBe(true);
  });

  if (required.length) {
    test('every missing required prop is MESH-CORE-004 at its path', () => {
      const lines = reported(callWith(route, {}));
      for (const f of required) expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^MESH-CORE-004 .*${escape(suffix(route, `/${f.name}`))}$`)));
    });
  }

  if (typed.length) {
    test('a wrong type in any prop is reported at its path, never crashed on', () => {
      const lines = reported(callWith(route, Object.fromEntries(typed.map(f => [f.name, wrongValue(f.type)]))));
      for (const f of typed) expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^MESH-CORE-00[256] .*${escape(suffix(route, `/${f.name}`))}$`)));
    });
  }
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('every public constructor and method checks its arguments', () => {
  const entries: Array<[string, Route]> = classes.flatMap(([fqn, schema]): Array<[string, Route]> => [
    ...(schema.init?.length ? [[`new ${name(fqn)}()`, { entry: fqn, param: schema.init.findIndex(p => p.name !== 'scope' && p.name !== 'id'), steps: [] }] as [string, Route]] : []),
    ...Object.entries(schema.methods ?? {}).filter(([, m]) => m.params.length)
      .map(([m, s]): [string, Route] => [`${name(fqn)}.${m}()`, { entry: fqn, method: m, isStatic: !!s.static, param: 0, steps: [] }]),
  ]).filter(([, route]) => route.param >= 0);

  test.each(entries)('%s reports a wrong argument instead of running', (_label, route) => {
    const schema = INPUT_SCHEMA[route.entry] as ClassSchema;
    const params = route.method ? schema.methods![route.method].params : schema.init!;
    const type = params[route.param].type;
    const bad = wrongValue(type) ?? Symbol('x');
    if (typeof type === 'string' && type === 'any') return;
    expect(reported(callWith(route, bad)).length).toBeGreaterThan(0);
  });
});

test('every public constructor with parameters calls checkInit with its own type first', () => {
  const sources = new Map<string, string>();
  const read = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) read(full);
      else if (e.name.endsWith('.ts')) sources.set(full, fs.readFileSync(full, 'utf8'));
    }
  };
  read(path.join(__dirname, '..', '..', 'src'));
  const all = [...sources.values()].join('\n');
  const unchecked = classes.filter(([, s]) => s.init?.length).map(([fqn]) => fqn).filter(fqn => !all.includes(`checkInit('${fqn}', new.target,`));
  expect(unchecked).toEqual([]);
});

describe('a prop under its name before the jsii reserved-word renames names its new name', () => {
  const renamed: Array<[string, string, string]> = [
    ['MeshServiceProps', 'namespace', 'namespaceName'],
    ['AuthorizationRule', 'from', 'sources'],
    ['AuthorizationRule', 'to', 'operations'],
    ['ControlPlaneUpgradeProps', 'from', 'fromRevision'],
    ['MtlsMigrationProps', 'to', 'toMode'],
    ['LocalityDistribution', 'from', 'fromLocality'],
    ['LocalityFailover', 'to', 'toRegion'],
    ['ExplicitAllow', 'from', 'callers'],
    ['HttpRouteOptions', 'delegate', 'delegateTo'],
  ];
  test.each(renamed)('%s.%s is MESH-CORE-003 naming "%s"', (type, old, now) => {
    const out: Diagnostic[] = [];
    validatorFor({ ref: `cdk8s-mesh.${type}` })({ [old]: 'x' }, 'props', out);
    const unknown = out.find(d => d.rule.id === 'MESH-CORE-003');
    expect(unknown).toMatchObject({ path: `props/${old}`, detail: expect.stringContaining(`It is called "${now}"`) });
  });
});
