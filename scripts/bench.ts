/**
 * `npm run bench`: synthesis benchmark of the library against raw cdk8s and the serialization floor.
 * For each size a first process writes the library's objects (so that raw cdk8s and the floor measure the same
 * objects), then it runs, each in its own process, one warm-up and the size's timed runs (5 for S and M, 3 for L,
 * 1 for XL) of
 * - lib: construct + render + serialize + validate + emit with the library (each phase timed);
 * - raw_cdk8s: the same objects as plain ApiObjects in charts, `App.synth()`;
 * - floor: `JSON.stringify` of the same objects written to disk;
 * and prints one JSON line per size with the medians; after L, one line for synthesizing only cluster-1 of L
 * (`MeshApp` `clusters`, the whole mesh still validated) against all of it. `npm run bench -- S M` limits the sizes.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SIZES } from './bench/sizes';

const root = path.join(__dirname, '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-mesh-bench-'));
const wanted = process.argv.slice(2);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number, digits = 0) => Number(x.toFixed(digits));

// Compile once, so each measuring process starts from plain JavaScript (inside the project, to resolve node_modules).
const build = path.join(root, '.tmp', 'bench-build');
fs.rmSync(build, { recursive: true, force: true });
execFileSync(process.execPath, [
  require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'scripts', 'tsconfig.json'),
  '--noEmit', 'false', '--outDir', build, '--rootDir', root, '--sourceMap', 'false', '--declaration', 'false',
], { cwd: root, stdio: 'inherit' });

function worker(mode: string, size: string, objects: string, outdir: string, runs: number): any {
  const out = execFileSync(process.execPath, [
    '--expose-gc', '--max-old-space-size=6144',
    path.join(build, 'scripts', 'bench', 'worker.js'), mode, size, objects, outdir, String(runs),
  ], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  const text = out.toString().trim();
  return text ? JSON.parse(text.split('\n').pop()!) : undefined;
}

const results: any[] = [];
const started = Date.now();
const load = () => os.loadavg().map(x => round(x, 2));
const loadAtStart = load();
for (const size of SIZES.filter(s => wanted.length === 0 || wanted.includes(s.name))) {
  const objects = path.join(work, `objects-${size.name}.json`);
  worker('dump', size.name, objects, path.join(work, `dump-${size.name}`), 0);
  const lib = worker('lib', size.name, objects, path.join(work, `lib-${size.name}`), size.runs);
  const raw = worker('raw', size.name, objects, path.join(work, `raw-${size.name}`), size.runs);
  const floor = worker('floor', size.name, objects, path.join(work, `floor-${size.name}`), size.runs);
  const m = (samples: any[], key: string) => median(samples.map(s => s[key]));
  const libMs = m(lib.samples, 'total_ms');
  const rawMs = m(raw.samples, 'total_ms');
  const floorMs = m(floor.samples, 'total_ms');
  const dumped: Record<string, unknown[]> = JSON.parse(fs.readFileSync(objects, 'utf8'));
  const objectsCount = Object.values(dumped).reduce((n, docs) => n + docs.length, 0);
  const perObject = (ms: number) => round((ms * 1000) / objectsCount, 1);
  const line = {
    size: size.name,
    clusters: size.clusters,
    services: size.services,
    objects: objectsCount,
    runs: size.runs,
    output_bytes: lib.samples[0].bytes,
    construct_ms: round(m(lib.samples, 'construct_ms')),
    render_ms: round(m(lib.samples, 'render_ms')),
    serialize_ms: round(m(lib.samples, 'serialize_ms')),
    validate_ms: round(m(lib.samples, 'validate_ms')),
    analysis_ms: round(m(lib.samples, 'analysis_ms')),
    emit_ms: round(m(lib.samples, 'emit_ms')),
    // what the analysis adds to synthesis without it (issue 16's budget: at most 0.15)
    analysis_share: round(m(lib.samples, 'analysis_ms') / (libMs - m(lib.samples, 'analysis_ms')), 3),
    // validation and analysis against the library's total (issue 18's target at L: at most 0.2)
    validate_share: round(m(lib.samples, 'validate_ms') / libMs, 3),
    lib_ms: round(libMs),
    raw_cdk8s_ms: round(rawMs),
    floor_ms: round(floorMs),
    ratio_vs_raw: round(libMs / rawMs, 2),
    ratio_vs_floor: round(libMs / floorMs, 1),
    // CPU time (all threads): the same comparison, less sensitive to other work on the machine
    lib_cpu_ms: round(m(lib.samples, 'cpu_ms')),
    raw_cdk8s_cpu_ms: round(m(raw.samples, 'cpu_ms')),
    floor_cpu_ms: round(m(floor.samples, 'cpu_ms')),
    cpu_ratio_vs_raw: round(m(lib.samples, 'cpu_ms') / m(raw.samples, 'cpu_ms'), 2),
    cpu_ratio_vs_floor: round(m(lib.samples, 'cpu_ms') / m(floor.samples, 'cpu_ms'), 1),
    us_per_object: perObject(libMs),
    render_us_per_object: perObject(m(lib.samples, 'render_ms')),
    serialize_us_per_object: perObject(m(lib.samples, 'serialize_ms')),
    validate_us_per_object: perObject(m(lib.samples, 'validate_ms')),
    emit_us_per_object: perObject(m(lib.samples, 'emit_ms')),
    peak_rss_mb: round(lib.peak_rss_mb),
    raw_peak_rss_mb: round(raw.peak_rss_mb),
  };
  results.push(line);
  console.log(JSON.stringify(line));
  if (size.name === 'L') {
    // one cluster of L, as a per-cluster pipeline job synthesizes it (the whole mesh rendered and validated)
    const one = worker('one-cluster', size.name, objects, path.join(work, `one-${size.name}`), size.runs);
    const oneMs = m(one.samples, 'total_ms');
    const perCluster = {
      size: size.name,
      mode: 'one-cluster',
      clusters_written: 1,
      clusters: size.clusters,
      output_bytes: one.samples[0].bytes,
      construct_ms: round(m(one.samples, 'construct_ms')),
      render_ms: round(m(one.samples, 'render_ms')),
      serialize_ms: round(m(one.samples, 'serialize_ms')),
      validate_ms: round(m(one.samples, 'validate_ms')),
      emit_ms: round(m(one.samples, 'emit_ms')),
      lib_ms: round(oneMs),
      all_clusters_ms: round(libMs),
      ratio_vs_all: round(oneMs / libMs, 2),
      lib_cpu_ms: round(m(one.samples, 'cpu_ms')),
      cpu_ratio_vs_all: round(m(one.samples, 'cpu_ms') / m(lib.samples, 'cpu_ms'), 2),
      peak_rss_mb: round(one.peak_rss_mb),
    };
    results.push(perCluster);
    console.log(JSON.stringify(perCluster));
  }
}
const summary = {
  bench_s: round((Date.now() - started) / 1000),
  load_at_start: loadAtStart,
  load_at_end: load(),
  cpus: os.cpus().length,
  node: process.version,
};
results.push(summary);
console.log(JSON.stringify(summary));
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(path.join(root, 'bench-results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench-results', 'latest.json'), JSON.stringify(results, null, 2) + '\n');
