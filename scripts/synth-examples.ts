/**
 * Synthesizes every `examples/*.ts` app into `dist/examples/<example-name>/`, and every
 * `examples/topologies/*.ts` app into `dist/examples/topologies/<example-name>/`.
 * Each example exports `build(app)`; this script gives it an app whose outdir is that folder.
 */
import * as fs from 'fs';
import * as path from 'path';
import { MeshApp } from '../src';

const root = path.join(__dirname, '..');
const examplesDir = path.join(root, 'examples');
const outRoot = path.join(root, 'dist', 'examples');

const only = process.argv.slice(2);
/** Example names (paths relative to examples/, without `.ts`) in a folder. */
function examplesIn(folder: string): string[] {
  const dir = path.join(examplesDir, folder);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir)
    .filter(f => f.endsWith('.ts'))
    .map(f => path.join(folder, f.replace(/\.ts$/, '')));
}

const examples = [...examplesIn(''), ...examplesIn('topologies')]
  .filter(name => only.length === 0 || only.includes(name) || only.includes(path.basename(name)))
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
    // staged examples (e.g. canary upgrades) export `stages` and `buildStage(app, stage)`: one folder per stage
    const stages: string[] = Array.isArray(example.stages) && typeof example.buildStage === 'function' ? example.stages : [];
    const runs = stages.length
      ? stages.map(stage => ({ dir: path.join(outdir, stage), run: (app: MeshApp) => example.buildStage(app, stage) }))
      : [{ dir: outdir, run: (app: MeshApp) => example.build(app) }];
    for (const { dir, run } of runs) {
      run(new MeshApp({ outdir: dir })).synth();
      const files = fs.readdirSync(dir).sort();
      console.log(`${name}: ${files.length} file(s) in ${path.relative(root, dir)}: ${files.join(', ')}`);
    }
  } catch (e) {
    failed++;
    console.error(`${name}: FAILED\n${(e as Error).message}`);
  }
}
if (failed) process.exit(1);
