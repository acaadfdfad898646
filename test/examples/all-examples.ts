import * as fs from 'fs';
import * as path from 'path';
import { MeshApp } from '../../src';
import { Synthesized, synth, testApp } from '../util';

const examplesDir = path.join(__dirname, '..', '..', 'examples');

/** One synthesized example (or one stage of a staged example). */
export interface SynthesizedExample {
  /** `operations`, `topologies/canary-upgrade/moved`. */
  readonly name: string;
  /** Its output, conformance-checked. */
  readonly out: Synthesized;
  /** The app, after synthesis (its meshes keep their diagnostics). */
  readonly app: MeshApp;
  /** The example's source file, relative to examples/. */
  readonly file: string;
}

function names(folder: string): string[] {
  return fs.readdirSync(path.join(examplesDir, folder))
    .filter(f => f.endsWith('.ts'))
    .map(f => path.join(folder, f.replace(/\.ts$/, '')));
}

/** Every example app as `scripts/synth-examples.ts` writes it: `examples/*.ts`, `examples/topologies/*.ts`, one run per stage. */
export function synthesizeExamples(): SynthesizedExample[] {
  const out: SynthesizedExample[] = [];
  for (const name of [...names(''), ...names('topologies')].sort()) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const example = require(path.join(examplesDir, name));
    const stages: string[] = Array.isArray(example.stages) && typeof example.buildStage === 'function' ? example.stages : [];
    const run = (label: string, app: MeshApp) => out.push({ name: label, out: synth(app), app, file: `${name}.ts` });
    if (!stages.length) run(name, example.build(testApp()) as MeshApp);
    for (const stage of stages) run(`${name}/${stage}`, example.buildStage(testApp(), stage) as MeshApp);
  }
  return out;
}
