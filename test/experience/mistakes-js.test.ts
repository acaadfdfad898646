/**
 * Realistic mistakes written in plain JavaScript (mistakes/js-cases.js), run through the compiled library
 * as a JavaScript user loads it: the sources compiled with the project's tsconfig, then `require`d.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { expectMistake, expectWarning, Mistake } from './mistakes/harness';

const root = path.join(__dirname, '..', '..');
const outDir = path.join(root, '.tmp', 'mistakes-lib');

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { cases, warnings } = require('./mistakes/js-cases.js') as Record<'cases' | 'warnings', Array<[string, Mistake['build'], string, string, string]>>;
let lib: any;

beforeAll(() => {
  fs.rmSync(outDir, { recursive: true, force: true });
  execFileSync(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json', '--outDir', outDir, '--declaration', 'false'], { cwd: root, stdio: 'pipe' });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  lib = require(path.join(outDir, 'index.js'));
}, 300_000);

test('the JavaScript suite is a third of the realistic mistakes', () => {
  expect(cases.length).toBeGreaterThanOrEqual(55);
});

// a case may select clusters through the environment, as a pipeline does
afterEach(() => {
  delete process.env.CDK8S_MESH_CLUSTERS;
});

test.each(cases)('%s', (title, build, rule, where, value) => {
  expectMistake(lib, { title, build, rule, path: where, value });
});

test.each(warnings)('warns: %s', (title, build, rule, where, value) => {
  expectWarning(lib, { title, build, rule, path: where, value });
});
