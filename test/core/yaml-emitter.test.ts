import * as fs from 'fs';
import * as path from 'path';
import * as jsYaml from 'js-yaml';
import * as yaml from 'yaml';
import { MeshApp } from '../../src';
import { SharedYaml, stringifyDocuments, stringifyDocumentsWithJsYaml } from '../../src/core/yaml';
import { chartObjects } from '../../src/facade/emitter';
import { MeshCore } from '../../src/topology/mesh-core';
import { seededRandom } from '../random';
import { testApp } from '../util';

/**
 * `stringifyDocuments` writes plain JSON data with its own emitter: these tests prove the text is byte for byte
 * what js-yaml writes (the emitter the library used before), and that YAML 1.1 (kubectl) and js-yaml read back
 * the same values, for every example's manifests and for random and adversarial documents.
 */

const readAsKubectl = (text: string) => yaml.parseAllDocuments(text, { version: '1.1' }).map(d => d.toJSON());
const readWithJsYaml = (text: string) => jsYaml.loadAll(text);
const examplesDir = path.join(__dirname, '..', '..', 'examples');

/** JSON's view of a document (undefined entries dropped, undefined array elements null), as YAML holds it. */
const asData = (doc: unknown): unknown => JSON.parse(JSON.stringify(doc));

function expectSameAsJsYaml(docs: unknown[]): void {
  const text = stringifyDocuments(docs);
  expect(text).toEqual(stringifyDocumentsWithJsYaml(docs));
  const data = docs.map(asData);
  expect(readWithJsYaml(text)).toEqual(data);
  expect(readAsKubectl(text)).toEqual(data);
}

const ADVERSARIAL = [
  'yes', 'no', 'on', 'off', 'y', 'n', 'Y', 'N', 'YES', 'No', 'On', 'OFF', 'true', 'False', 'TRUE', 'null', 'Null', 'NULL', '~', '',
  '0o1', '0o17', '0b101', '0x1F', '010', '08', '1e3', '1E3', '1.5e-3', '-1e3', '.5', '5.', '+1', '-1', '1_000', '1__0', '1_', '0.',
  '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '12:30', '190:20:30', '1:2:3.5', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '<<', '=',
  ' lead', 'trail ', ' both ', '\tx', 'a: b', 'a:b', 'a :b', ':a', 'a:', '#c', 'a #c', 'a#c', '- x', '-x', '-', '--', '---', '...',
  '? q', '?q', '*', '&a', '!tag', '!!str', '%x', '@x', '`x', '|', '>', "'", '"', "it's", 'say "hi"', '[a]', '{a: 1}', 'a,b', 'a, b',
  'line\nbreak', 'trailing\n', '\nleading', 'two\n\n', '\n', '\n\n', ' indented\nsecond', 'a\n  b', 'x\ry', 'nul\u0000', 'bell\u0007',
  'tab\there', 'ünïcödé', '日本語', 'emoji 🎉', '\u2028', '\u00a0nbsp', '\ufeffbom', 'é:', 'a\u0085b', 'key/with.dots_and-dashes',
  'app.kubernetes.io/name', 'istio-injection', 'http://x.y:80/p?q=1#f', '*.example.com', '10.0.0.0/8', '::1', 'v1', 'True1', 'nullx', 'yesno',
];

test('adversarial strings as values, keys and sequence items are written as js-yaml writes them and read back the same', () => {
  const values = Object.fromEntries(ADVERSARIAL.map((v, i) => [`k${i}`, v]));
  const keys = Object.fromEntries(ADVERSARIAL.filter(k => !k.includes('\n')).map((k, i) => [k, i]));
  const nested = { a: { b: ADVERSARIAL, c: [ADVERSARIAL.map(v => ({ v, w: [v] }))] } };
  expectSameAsJsYaml([values, keys, nested, ADVERSARIAL]);
});

test('numbers, booleans, null, undefined and empty collections', () => {
  const doc = {
    ints: [0, 1, -1, 42, 2 ** 53, -(2 ** 53), 1e21, 123456789012],
    floats: [0.5, -0.5, 1.5e-7, 1e-21, -0, 3.14159, 1 / 3],
    specials: [NaN, Infinity, -Infinity],
    bools: [true, false],
    nothing: null,
    gone: undefined,
    holes: [undefined, null, 1],
    empty: { a: {}, b: [], c: { d: undefined }, e: [[]], f: [{}], g: [[[]]] },
    deep: [[1, [2, [3, { x: [{ y: 'z' }] }]]]],
  };
  expect(stringifyDocuments([doc])).toEqual(stringifyDocumentsWithJsYaml([doc]));
  const read = readWithJsYaml(stringifyDocuments([doc]))[0] as Record<string, unknown>;
  expect(read.floats).toEqual([0.5, -0.5, 1.5e-7, 1e-21, -0, 3.14159, 1 / 3]);
  expect(read.specials).toEqual([NaN, Infinity, -Infinity]);
  expect(read.holes).toEqual([null, null, 1]);
  expect('gone' in read).toBe(false);
});

test('documents that are not plain data are written by js-yaml', () => {
  const docs = [undefined, null, 'top-level scalar', 7, [], {}, { date: new Date(0) }, { ['k'.repeat(1100)]: 1 }, { 'multi\nline key': 1 }];
  expect(stringifyDocuments(docs)).toEqual(stringifyDocumentsWithJsYaml(docs));
});


function randomString(next: () => number): string {
  if (next() < 0.3) return ADVERSARIAL[Math.floor(next() * ADVERSARIAL.length)];
  const alphabet = 'aZ09 -_.:#/\'"\n\t{}[],&*!|>%@`~?=<\u00e9\u65e5\u0001\u2028';
  const length = Math.floor(next() * 8);
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[Math.floor(next() * alphabet.length)];
  return s;
}

function randomDoc(next: () => number, depth: number): unknown {
  const r = next();
  if (depth <= 0 || r < 0.3) {
    const leaf = next();
    if (leaf < 0.6) return randomString(next);
    if (leaf < 0.75) return Math.floor(next() * 2000) - 1000;
    if (leaf < 0.8) return (next() - 0.5) * 1e6;
    if (leaf < 0.85) return next() < 0.5;
    if (leaf < 0.9) return null;
    if (leaf < 0.95) return undefined;
    return next() < 0.5 ? [] : {};
  }
  if (r < 0.6) return Array.from({ length: Math.floor(next() * 4) }, () => randomDoc(next, depth - 1));
  const out: Record<string, unknown> = {};
  for (let i = Math.floor(next() * 5); i > 0; i--) {
    const key = randomString(next).replace(/\n/g, '');
    out[key] = randomDoc(next, depth - 1);
  }
  return out;
}

test('random documents are written as js-yaml writes them and read back the same', () => {
  const next = seededRandom(2026);
  for (let i = 0; i < 300; i++) {
    const doc = { apiVersion: 'v1', kind: 'Thing', spec: randomDoc(next, 5) };
    expectSameAsJsYaml([doc]);
  }
});

test('every chart of every example is written as js-yaml writes it', () => {
  const names = (folder: string) => fs.readdirSync(path.join(examplesDir, folder))
    .filter(f => f.endsWith('.ts')).map(f => path.join(folder, f.replace(/\.ts$/, '')));
  let charts = 0;
  for (const name of [...names(''), ...names('topologies')]) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const example = require(path.join(examplesDir, name));
    const stages: string[] = Array.isArray(example.stages) && typeof example.buildStage === 'function' ? example.stages : [];
    const apps: MeshApp[] = stages.length ? stages.map(stage => example.buildStage(testApp(), stage)) : [example.build(testApp())];
    for (const app of apps) {
      for (const mesh of app.node.findAll().filter((c): c is MeshCore => c instanceof MeshCore)) mesh.render();
      for (const chart of app.charts) {
        const docs = chartObjects(chart);
        expect(stringifyDocuments(docs)).toEqual(stringifyDocumentsWithJsYaml(docs));
        charts++;
      }
    }
  }
  expect(charts).toBeGreaterThan(20);
});

test('documents sharing a spec object share its text, written as js-yaml writes each document', () => {
  const spec = { hosts: ['reviews', 'yes'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v2' }, weight: 10 }] }], note: 'a\nb\n' };
  const docs = [
    { apiVersion: 'v1', kind: 'A', metadata: { name: 'a' }, spec },
    { apiVersion: 'v1', kind: 'A', metadata: { name: 'b' }, spec, extra: { spec } },
    { apiVersion: 'v1', kind: 'B', metadata: { name: 'c' }, spec: { nested: spec } },
    { apiVersion: 'v1', kind: 'C', metadata: { name: 'd' }, spec: Object.assign(Object.create({ p: 1 }), { x: 1 }) }, // not plain: js-yaml
    [{ spec }],
  ];
  const shared = new SharedYaml();
  expect(stringifyDocuments(docs, shared)).toBe(stringifyDocumentsWithJsYaml(docs));
  // a second chart of the same synthesis, where the spec's text is known
  const again = [{ kind: 'A', spec }, { kind: 'A', spec: {} }, { kind: 'A', spec: [] }];
  expect(stringifyDocuments(again, shared)).toBe(stringifyDocumentsWithJsYaml(again));
  expect(shared.texts.get(spec)).toBeDefined();
});
