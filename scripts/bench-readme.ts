/**
 * Rewrites the benchmark tables of README.md (between `<!-- bench:start -->` and `<!-- bench:end -->`) from
 * `bench-results/latest.json`, as `npm run bench` wrote it: `npx ts-node --transpile-only scripts/bench-readme.ts`.
 */
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..');
const results: Array<Record<string, any>> = JSON.parse(fs.readFileSync(path.join(root, 'bench-results', 'latest.json'), 'utf8'));
const int = (x: number) => Math.round(x).toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

const sizes = results.filter(r => r.size && !r.mode);
const one = results.find(r => r.mode === 'one-cluster');
const summary = results.find(r => r.bench_s !== undefined);

const lines = [
  '| size | clusters × services | objects | manifests | construct | render | serialize | validate | emit | lib_ms | raw_cdk8s_ms | floor_ms | vs raw | vs floor | CPU vs raw | CPU vs floor | validate share | µs/object (validate) | peak RSS |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...sizes.map(r => `| ${r.size} | ${r.clusters} × ${int(r.services)} | ${int(r.objects)} | ${mb(r.output_bytes)} | ${int(r.construct_ms)} | ${int(r.render_ms)} | `
    + `${int(r.serialize_ms)} | ${int(r.validate_ms)} | ${int(r.emit_ms)} | ${int(r.lib_ms)} | ${int(r.raw_cdk8s_ms)} | ${int(r.floor_ms)} | ${r.ratio_vs_raw} | ${r.ratio_vs_floor} | `
    + `${r.cpu_ratio_vs_raw} | ${r.cpu_ratio_vs_floor} | ${r.validate_share} | ${r.us_per_object} (${r.validate_us_per_object}) | ${int(r.peak_rss_mb)} MB |`),
];
if (one) {
  lines.push('', `One cluster of ${one.size} (\`clusters: ['cluster-1']\`, the whole mesh rendered and validated): ${int(one.lib_ms)} ms against `
    + `${int(one.all_clusters_ms)} ms for all ${one.clusters} (${one.ratio_vs_all}×; CPU ${one.cpu_ratio_vs_all}×): construct ${int(one.construct_ms)}, `
    + `render ${int(one.render_ms)}, serialize ${int(one.serialize_ms)}, validate ${int(one.validate_ms)}, emit ${int(one.emit_ms)} ms; peak RSS ${int(one.peak_rss_mb)} MB.`);
}
if (summary) {
  lines.push('', `The run took ${Math.round(summary.bench_s / 60)} minutes (${summary.cpus} CPUs, Node ${summary.node}; load average `
    + `${summary.load_at_start.join(' / ')} at the start and ${summary.load_at_end.join(' / ')} at the end).`);
}

const readme = path.join(root, 'README.md');
const text = fs.readFileSync(readme, 'utf8');
const start = text.indexOf('<!-- bench:start -->');
const end = text.indexOf('<!-- bench:end -->');
if (start < 0 || end < start) throw new Error('README.md has no <!-- bench:start --> ... <!-- bench:end --> block');
fs.writeFileSync(readme, `${text.slice(0, start)}<!-- bench:start -->\n${lines.join('\n')}\n${text.slice(end)}`);
console.log(lines.join('\n'));
