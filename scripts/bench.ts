/**
 * `npm run bench`: synthesis benchmark of the library against raw cdk8s and the serialization floor.
 * For each size it runs, each in its own process, one warm-up and 5 timed runs of
 * - lib: construct + validate + emit with the library;
 * - raw_cdk8s: the same objects as plain ApiObjects in charts, `App.synth()`;
 * - floor: `JSON.stringify` of the same objects written to disk;
 * and prints one JSON line per size with the medians. `npm run bench -- S M` limits the sizes.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SIZES } from './bench/sizes';

const RUNS = 5;
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

function worker(mode: string, size: string, objects: string, outdir: string): any {
  const out = execFileSync(process.execPath, [
    '--expose-gc', '--max-old-space-size=4096',
    path.join(build, 'scripts', 'bench', 'worker.js'), mode, size, objects, outdir, String(RUNS),
  ], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  const text = out.toString().trim();
  return text ? JSON.parse(text.split('\n').pop()!) : undefined;
}

const results: any[] = [];
for (const size of SIZES.filter(s => wanted.length === 0 || wanted.includes(s.name))) {
  const objects = path.join(work, `objects-${size.name}.json`);
  const lib = worker('lib', size.name, objects, path.join(work, `lib-${size.name}`));
  const raw = worker('raw', size.name, objects, path.join(work, `raw-${size.name}`));
  const floor = worker('floor', size.name, objects, path.join(work, `floor-${size.name}`));
  const m = (samples: any[], key: string) => median(samples.map(s => s[key]));
  const libMs = m(lib.samples, 'total_ms');
  const rawMs = m(raw.samples, 'total_ms');
  const floorMs = m(floor.samples, 'total_ms');
  const dumped: Record<string, unknown[]> = JSON.parse(fs.readFileSync(objects, 'utf8'));
  const objectsCount = Object.values(dumped).reduce((n, docs) => n + docs.length, 0);
  const line = {
    size: size.name,
    clusters: size.clusters,
    services: size.services,
    objects: objectsCount,
    output_bytes: lib.samples[0].bytes,
    construct_ms: round(m(lib.samples, 'construct_ms')),
    validate_ms: round(m(lib.samples, 'validate_ms')),
    analysis_ms: round(m(lib.samples, 'analysis_ms')),
    // what the analysis adds to synthesis without it (issue 16's budget: at most 0.15)
    analysis_share: round(m(lib.samples, 'analysis_ms') / (libMs - m(lib.samples, 'analysis_ms')), 3),
    emit_ms: round(m(lib.samples, 'emit_ms')),
    lib_ms: round(libMs),
    raw_cdk8s_ms: round(rawMs),
    floor_ms: round(floorMs),
    ratio_vs_raw: round(libMs / rawMs, 2),
    ratio_vs_floor: round(libMs / floorMs, 1),
    us_per_object: round((libMs * 1000) / objectsCount, 1),
    peak_rss_mb: round(lib.peak_rss_mb),
  };
  results.push(line);
  console.log(JSON.stringify(line));
}
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(path.join(root, 'bench-results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench-results', 'latest.json'), JSON.stringify(results, null, 2) + '\n');
