/**
 * One benchmark measurement in its own process: `worker.js <mode> <size> <objects.json> <outdir> <runs>`.
 * Mode `dump` synthesizes once and writes the library's objects per cluster to <objects.json>. Modes `lib`,
 * `one-cluster` (the library synthesizing only `cluster-1`, validating the whole mesh), `raw` and `floor` (the
 * dumped objects) time one warm-up and <runs> runs and print one JSON line with the per-run timings. The library's phases: construct (the constructors), render
 * (every feature renders its objects), serialize (every object's manifest, computed once and shared by validation,
 * artifacts, the report and emission), validate (every rule, the analysis included) and emit (YAML, artifacts,
 * report, files).
 */
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { buildMesh } from './build-mesh';
import { sizeNamed } from './sizes';
import { MeshApp } from '../../src';
import { MeshAnalysis } from '../../src/analysis/mesh-analysis';
import { chartObjects } from '../../src/facade/emitter';
import type { MeshCore } from '../../src/topology/mesh-core';

const [mode, sizeName, objectsFile, outdir, runsText] = process.argv.slice(2);
const size = sizeNamed(sizeName);
const runs = Number(runsText ?? '5');
const now = () => Number(process.hrtime.bigint()) / 1e6;
/** CPU time of the process (every thread, GC helpers included), in ms: steadier than wall time on a shared machine. */
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const gc = () => (global as any).gc?.();

type Objects = Record<string, any[]>;

// What the analysis pass adds to synthesis (issue 16: at most 15%): its validate() and the object index it reads
// (the manifests it reads were computed in the serialize phase, as emission needs them anyway).
let analysisMs = 0;
const analysisValidate = MeshAnalysis.prototype.validate;
MeshAnalysis.prototype.validate = function timedValidate(this: MeshAnalysis, mesh: MeshCore): void {
  const t = now();
  try {
    analysisValidate.call(this, mesh);
  } finally {
    analysisMs += now() - t;
  }
};

/** The bytes of the manifests (`*.k8s.yaml`, `*.k8s.json`) in `dir`. */
function dirBytes(dir: string): number {
  return fs.readdirSync(dir).filter(f => /\.k8s\.(yaml|json)$/.test(f)).reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);
}

function libRun(out: string, dumpTo?: string, clusters?: string[]) {
  fs.rmSync(out, { recursive: true, force: true });
  analysisMs = 0;
  const c0 = cpu();
  const t0 = now();
  const app = new MeshApp({ outdir: out, clusters });
  const mesh = buildMesh(app, size);
  const t1 = now();
  mesh.render();
  const t2 = now();
  mesh._serializeManifests();
  const t3 = now();
  mesh.prepare();
  const t4 = now();
  app.synth();
  const t5 = now();
  const c5 = cpu();
  if (dumpTo) dumpObjects(app, dumpTo);
  return {
    construct_ms: t1 - t0,
    render_ms: t2 - t1,
    serialize_ms: t3 - t2,
    validate_ms: t4 - t3,
    analysis_ms: analysisMs,
    emit_ms: t5 - t4,
    total_ms: t5 - t0,
    cpu_ms: c5 - c0,
    bytes: dirBytes(out),
  };
}

function rawRun(objects: Objects, out: string) {
  fs.rmSync(out, { recursive: true, force: true });
  const c0 = cpu();
  const t0 = now();
  const app = new App({ outdir: out });
  for (const [cluster, docs] of Object.entries(objects)) {
    const chart = new Chart(app, cluster);
    docs.forEach((doc, i) => new ApiObject(chart, `o${i}`, doc));
  }
  app.synth();
  const t1 = now();
  return { total_ms: t1 - t0, cpu_ms: cpu() - c0, bytes: dirBytes(out) };
}

function floorRun(objects: Objects, out: string) {
  fs.rmSync(out, { recursive: true, force: true });
  const c0 = cpu();
  const t0 = now();
  fs.mkdirSync(out, { recursive: true });
  for (const [cluster, docs] of Object.entries(objects)) {
    fs.writeFileSync(path.join(out, `${cluster}.k8s.json`), docs.map(d => JSON.stringify(d)).join('\n'));
  }
  const t1 = now();
  return { total_ms: t1 - t0, cpu_ms: cpu() - c0, bytes: dirBytes(out) };
}

/** The library's objects per cluster, for the raw and floor measurements of the same objects. */
function dumpObjects(app: MeshApp, file: string): void {
  const objects: Objects = {};
  for (const chart of app.charts) objects[chart.node.id] = chartObjects(chart);
  fs.writeFileSync(file, JSON.stringify(objects));
}

/** One warm-up run, then `runs` timed runs, each after a full GC. */
function measure(run: () => any) {
  run();
  const samples = [];
  for (let i = 0; i < runs; i++) {
    gc();
    samples.push(run());
  }
  return samples;
}

if (mode === 'dump') {
  // the library's objects, which the raw and floor processes then measure, written by a process of its own so that
  // the dump's memory does not count in the library's peak RSS
  libRun(outdir, objectsFile);
  process.stdout.write(JSON.stringify({ mode, size: size.name }) + '\n');
} else {
  const objects: Objects = mode === 'lib' || mode === 'one-cluster' ? {} : JSON.parse(fs.readFileSync(objectsFile, 'utf8'));
  const runs_: Record<string, () => unknown> = {
    'lib': () => libRun(outdir),
    'one-cluster': () => libRun(outdir, undefined, ['cluster-1']),
    'raw': () => rawRun(objects, outdir),
    'floor': () => floorRun(objects, outdir),
  };
  const run = runs_[mode];
  if (!run) throw new Error(`unknown mode ${mode}`);
  const samples = measure(run);
  const peak_rss_mb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ mode, size: size.name, samples, peak_rss_mb }) + '\n');
}
