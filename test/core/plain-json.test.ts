import * as fs from 'fs';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import { ApiObject, App, Chart, JsonPatch, Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { MeshApp } from '../../src';
import { plainApiObjectJson, withPlainToJson } from '../../src/core/plain-json';
import { MeshCore } from '../../src/topology/mesh-core';
import { seededRandom } from '../random';
import { testApp } from '../util';

/**
 * `withPlainToJson` answers `ApiObject.toJson()` for plain objects without cdk8s's resolution pass. These tests
 * prove it returns what cdk8s returns, key order included, for every object of every example and for random
 * objects full of the values resolution treats specially.
 */

const examplesDir = path.join(__dirname, '..', '..', 'examples');

/** The result of `toJson()` (or its error message), with key order, undefined entries and array holes kept. */
function outcome(obj: ApiObject, fast: boolean): { json?: unknown; text?: string; error?: string } {
  try {
    const json: unknown = fast ? withPlainToJson(() => obj.toJson()) : obj.toJson();
    return { json, text: JSON.stringify(json, (_k, v: unknown) => (v === undefined ? '<undefined>' : v)) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

function expectSameAsCdk8s(obj: ApiObject): void {
  const standard = outcome(obj, false);
  const fast = outcome(obj, true);
  expect(fast.error).toEqual(standard.error);
  expect(fast.text).toEqual(standard.text);
  expect(isDeepStrictEqual(fast.json, standard.json)).toBe(true);
}

function exampleApps(): Array<{ name: string; app: MeshApp }> {
  const names = (folder: string) => fs.readdirSync(path.join(examplesDir, folder))
    .filter(f => f.endsWith('.ts')).map(f => path.join(folder, f.replace(/\.ts$/, '')));
  const apps: Array<{ name: string; app: MeshApp }> = [];
  for (const name of [...names(''), ...names('topologies')].sort()) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const example = require(path.join(examplesDir, name));
    const stages: string[] = Array.isArray(example.stages) && typeof example.buildStage === 'function' ? example.stages : [];
    if (!stages.length) apps.push({ name, app: example.build(testApp()) as MeshApp });
    for (const stage of stages) apps.push({ name: `${name}/${stage}`, app: example.buildStage(testApp(), stage) as MeshApp });
  }
  return apps;
}

test('every object of every example serializes exactly as cdk8s serializes it, and almost all skip resolution', () => {
  let objects = 0;
  let plain = 0;
  for (const { app } of exampleApps()) {
    for (const mesh of app.node.findAll().filter((c): c is MeshCore => c instanceof MeshCore)) mesh.render();
    for (const obj of app.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject)) {
      expectSameAsCdk8s(obj);
      objects++;
      if (typeof plainApiObjectJson(obj) !== 'symbol') plain++;
    }
  }
  expect(objects).toBeGreaterThan(400);
  expect(plain / objects).toBeGreaterThan(0.95);
});


class Opaque {
  constructor(public readonly x = 1) {}
}
class WithResolve {
  public resolve() {
    return { resolved: true };
  }
}

/** Values resolution and sanitization treat specially, mixed with plain data. */
function randomValue(next: () => number, depth: number): unknown {
  const pick = <T>(xs: T[]): T => xs[Math.floor(next() * xs.length)];
  const leaves: Array<() => unknown> = [
    () => pick(['a', '', 'yes', '0', 'x y', 'ünï', 'value']),
    () => pick([0, -0, 1, -7, 1.5, 1e21, NaN]),
    () => next() < 0.5,
    () => null,
    () => undefined,
    () => {
      const produced = pick(['lazy', 3, { l: [1, null] }]);
      return Lazy.any({ produce: () => produced });
    },
    () => k8s.IntOrString.fromNumber(8080),
    () => k8s.IntOrString.fromString('http'),
    () => k8s.Quantity.fromString('1Gi'),
    () => new Opaque(),
    () => new WithResolve(),
    () => ({ resolve: 'not a method', value: 'a plain object with a value' }),
    () => ({ value: 3 }),
    () => [],
    () => ({}),
  ];
  if (depth <= 0 || next() < 0.35) return pick(leaves)();
  if (next() < 0.4) {
    const length = Math.floor(next() * 4);
    return Array.from({ length }, () => randomValue(next, depth - 1));
  }
  const keys = ['b', 'a', '10', '2', 'z-key', 'Value', 'value', 'apiVersion', 'metadata', 'spec', 'constructor', '__x'];
  const out: Record<string, unknown> = {};
  const n = Math.floor(next() * 5);
  for (let i = 0; i < n; i++) {
    const key = pick(keys);
    if (key === 'constructor' && next() < 0.8) continue;
    out[key] = randomValue(next, depth - 1);
  }
  return out;
}

function randomObject(chart: Chart, id: string, next: () => number): ApiObject {
  const spec = randomValue(next, 4);
  const metadata: Record<string, unknown> = { name: `o-${id}` };
  if (next() < 0.5) metadata.labels = next() < 0.5 ? {} : { b: 'x', a: next() < 0.5 ? 'y' : Lazy.any({ produce: () => 'lazy' }) };
  if (next() < 0.4) metadata.annotations = { z: '1', [`k${id}`]: '' };
  if (next() < 0.3) metadata.finalizers = next() < 0.5 ? [] : ['f'];
  if (next() < 0.2) metadata.extra = randomValue(next, 2);
  if (next() < 0.2) metadata.namespace = undefined;
  // top-level keys that are not plain data in some objects: an own `constructor` or `resolve`
  const odd: Record<string, unknown> = next() < 0.1 ? { constructor: randomValue(next, 1) } : next() < 0.05 ? { resolve: () => 'resolved' } : {};
  const obj = new ApiObject(chart, id, { apiVersion: 'v1', kind: 'Thing', metadata, spec, ...odd, ...(next() < 0.3 ? { data: randomValue(next, 2) } : {}) });
  if (next() < 0.3) obj.metadata.addLabel('added', 'later');
  if (next() < 0.25) {
    obj.addJsonPatch(pick2(next, [
      JsonPatch.add('/spec/patched', { deep: [1, 'two'] }),
      JsonPatch.replace('/kind', 'Other'),
      JsonPatch.remove('/metadata/labels'),
      JsonPatch.add('/zz', 1),
      JsonPatch.add('/metadata/annotations/p', 'q'),
    ]));
  }
  return obj;
}

function pick2<T>(next: () => number, xs: T[]): T {
  return xs[Math.floor(next() * xs.length)];
}

test.each([false, true])('random objects with tokens, unions, class instances, empties and patches serialize as cdk8s does (CDK8S_DISABLE_SORT: %s)', disableSort => {
  const previous = process.env.CDK8S_DISABLE_SORT;
  if (disableSort) process.env.CDK8S_DISABLE_SORT = '1';
  else delete process.env.CDK8S_DISABLE_SORT;
  try {
    const next = seededRandom(disableSort ? 7 : 42);
    const app = new App();
    const chart = new Chart(app, 'c', { namespace: next() < 0.5 ? 'ns' : undefined, labels: { chart: 'label' } });
    let plain = 0;
    for (let i = 0; i < 600; i++) {
      const obj = randomObject(chart, String(i), next);
      expectSameAsCdk8s(obj);
      try {
        if (typeof plainApiObjectJson(obj) !== 'symbol') plain++;
      } catch {
        // a patch that does not apply: cdk8s reports it (the same error, above)
      }
    }
    // both paths are exercised
    expect(plain).toBeGreaterThan(50);
    expect(plain).toBeLessThan(550);
  } finally {
    if (previous === undefined) delete process.env.CDK8S_DISABLE_SORT;
    else process.env.CDK8S_DISABLE_SORT = previous;
  }
});

test('an app with its own resolvers is serialized by cdk8s', () => {
  const app = new App({ resolvers: [{ resolve: ctx => { if (ctx.value === 'replace-me') ctx.replaceValue('replaced'); } }] });
  const obj = new ApiObject(new Chart(app, 'c'), 'o', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'o' }, data: { a: 'replace-me' } });
  expect(typeof plainApiObjectJson(obj)).toBe('symbol');
  expect(withPlainToJson(() => obj.toJson()).data).toEqual({ a: 'replaced' });
});

test('a JSON patch that does not apply fails with cdk8s\'s error, naming the object', () => {
  const obj = new ApiObject(new Chart(new App(), 'c'), 'o', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'o' } });
  obj.addJsonPatch(JsonPatch.replace('/spec/missing', 1));
  expectSameAsCdk8s(obj);
  expect(outcome(obj, true).error).toContain("Failed serializing construct at path 'c/o'");
});

test('withPlainToJson restores ApiObject.prototype.toJson, also when the work throws', () => {
  const original = ApiObject.prototype.toJson;
  expect(() => withPlainToJson(() => {
    expect(ApiObject.prototype.toJson).not.toBe(original);
    throw new Error('boom');
  })).toThrow('boom');
  expect(ApiObject.prototype.toJson).toBe(original);
});
