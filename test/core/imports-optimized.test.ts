import * as fs from 'fs';
import { HELPER_MODULE, bindingFiles, optimizeBindings } from '../../scripts/imports-optimize';
import { definedEntries } from '../../src/imports/defined-entries';
import { seededRandom } from '../random';

/**
 * The generated bindings drop undefined values with `definedEntries` (scripts/imports-optimize.ts) instead of
 * cdk8s import's quadratic `reduce` with spreads: these tests prove both build the same object.
 */

type Filter = (o: { [key: string]: unknown }) => { [key: string]: unknown };

/** What `cdk8s import` generates. */
const generatedFilter: Filter = o => Object.entries(o).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {});


/** Own keys in order, with each property's descriptor and the prototype: what tells two objects apart. */
function shape(o: object): unknown {
  return {
    proto: Object.getPrototypeOf(o),
    keys: Reflect.ownKeys(o),
    descriptors: Object.getOwnPropertyDescriptors(o),
  };
}

function randomRecord(random: () => number): { [key: string]: unknown } {
  const keys = ['a', 'b', 'z', '0', '10', '2', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'x-y', ''];
  const values = [undefined, null, 0, '', 'v', false, { nested: undefined }, [undefined], NaN];
  const text = Array.from({ length: Math.floor(random() * 8) }, () =>
    `"${keys[Math.floor(random() * keys.length)]}": ${JSON.stringify(String(Math.floor(random() * values.length)))}`);
  // JSON.parse makes `__proto__` an own key, as a user's label map read from a file would have it
  const parsed = JSON.parse(`{${[...new Set(text)].join(',')}}`) as { [key: string]: string };
  const record: { [key: string]: unknown } = {};
  for (const k of Object.keys(parsed)) {
    Object.defineProperty(record, k, { value: values[Number(parsed[k])], enumerable: true, writable: true, configurable: true });
  }
  return record;
}

test('definedEntries builds what the generated reduce builds: keys, order, own __proto__, undefined dropped, null kept', () => {
  const random = seededRandom(18);
  for (let i = 0; i < 2000; i++) {
    const input = randomRecord(random);
    expect(shape(definedEntries(input))).toEqual(shape(generatedFilter(input)));
  }
  const sample = JSON.parse('{"__proto__": "x", "b": 1}') as { [key: string]: unknown };
  expect(Object.getPrototypeOf(definedEntries(sample))).toBe(Object.prototype);
  expect(Object.keys(definedEntries(sample))).toEqual(['__proto__', 'b']);
});

test('every generated binding in src/imports is optimized, and optimizing again changes nothing', () => {
  const files = bindingFiles();
  expect(files.length).toBeGreaterThan(5);
  for (const file of files) {
    const source = fs.readFileSync(file, 'utf8');
    expect(source).not.toMatch(/Object\.entries\((result|obj\.\w+)\)\.reduce\(\(r, i\) => \(i\[1\] === undefined\) \? r : \(\{ \.\.\.r, \[i\[0\]\]: i\[1\] \}\), \{\}\)/);
    expect(optimizeBindings(source)).toBe(source);
  }
});

test('optimizing a freshly generated binding replaces every filter and imports the helper once', () => {
  const generated = [
    "import { ApiObject } from 'cdk8s';",
    '',
    'export function toJson_A(obj: any): any {',
    "  const result = { 'labels': ((obj.labels) === undefined) ? undefined : (Object.entries(obj.labels).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {})) };",
    '  return Object.entries(result).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {});',
    '}',
  ].join('\n');
  const optimized = optimizeBindings(generated);
  expect(optimized).toContain("'labels': ((obj.labels) === undefined) ? undefined : (definedEntries(obj.labels))");
  expect(optimized).toContain('return definedEntries(result);');
  expect(optimized.split(`import { definedEntries } from './${HELPER_MODULE}';`).length).toBe(2);
  expect(optimized.indexOf('import { definedEntries }')).toBeGreaterThan(optimized.indexOf("from 'cdk8s';"));
  expect(optimizeBindings(optimized)).toBe(optimized);
});
