/**
 * Synthesizes every `examples/*.ts` app into `dist/examples/<example-name>/`.
 * Each example exports `build(app)`; this script gives it an app whose outdir is that folder.
 */
import * as fs from 'fs';
import * as path from 'path';
import { MeshApp } from '../src';

const root = path.join(__dirname, '..');
const examplesDir = path.join(root, 'examples');
const outRoot = path.join(root, 'dist', 'examples');

const only = process.argv.slice(2);
const examples = fs.readdirSync(examplesDir)
  .filter(f => f.endsWith('.ts'))
  .map(f => f.replace(/\.ts$/, ''))
  .filter(name => only.length === 0 || only.includes(name))
  .sort();

let failed = 0;
for (const name of examples) {
  const outdir = path.join(outRoot, name);
  fs.rmSync(outdir, { recursive: true, force: true });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const example = require(path.join(examplesDir, name));
  if (typeof example.build !== 'function') {
    throw new Error(`examples/${name}.ts must export build(app: MeshApp): MeshApp`);
  }
  try {
    example.build(new MeshApp({ outdir })).synth();
    const files = fs.readdirSync(outdir).sort();
    console.log(`${name}: ${files.length} file(s) in ${path.relative(root, outdir)}: ${files.join(', ')}`);
  } catch (e) {
    failed++;
    console.error(`${name}: FAILED\n${(e as Error).message}`);
  }
}
if (failed) process.exit(1);
