/**
 * `npm run verify`: checks every synthesized example (dist/examples, written by `npx projen synth:examples`) with
 * the real tools. Per cluster: `istioctl validate -f` on every Kubernetes-shaped file, `istioctl manifest generate`
 * on every IstioOperator, `istioctl analyze --use-kube=false` on the cluster's objects, and, for meshes of several
 * clusters, on all of them together; then a real kube-apiserver with the CRDs installed dry-runs every file
 * (`kubectl apply --dry-run=server --validate=strict`) and the harness/API-server agreement test runs against it.
 * Fails on any validate, manifest-generate or dry-run error, any analyze Error, and any analyze Warning or Info
 * that scripts/verify/allowlist.yaml does not list with a reason.
 *
 * Arguments: run names (e.g. `topologies/primary-remote`) to check only those; `--no-apiserver` skips the dry-run
 * and the agreement test.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Allowlist, AllowlistEntry } from './allowlist';
import { ApiServer } from './apiserver';
import { createNamespaces, dryRun, installCrds } from './dry-run';
import { ClusterOutput, ExampleRun, exampleRuns, loadDocuments } from './examples';
import { AnalyzeMessage, analyze, CheckResult, manifestGenerate, validate } from './istioctl';
import { REPO_ROOT } from './tools';

const MESH = 'mesh';

interface Finding {
  readonly message: AnalyzeMessage;
  readonly allowed?: AllowlistEntry;
}

/** Results for one cluster of a run (or the whole-mesh row). */
interface Row {
  readonly cluster: string;
  readonly files: string[];
  readonly validate: Map<string, CheckResult>;
  readonly generate: Map<string, CheckResult>;
  readonly dryRun: Map<string, CheckResult>;
  findings: Finding[];
}

function newRow(cluster: string, files: string[] = []): Row {
  return { cluster, files, validate: new Map(), generate: new Map(), dryRun: new Map(), findings: [] };
}

const rel = (file: string) => path.relative(REPO_ROOT, file);

function clusterFiles(c: ClusterOutput): string[] {
  return [c.manifest, ...c.artifacts, ...c.operators];
}

function checkIstio(run: ExampleRun, allowlist: Allowlist): Row[] {
  const rows = run.clusters.map(c => {
    const row = newRow(c.name, clusterFiles(c));
    for (const file of row.files) row.validate.set(file, validate(file));
    for (const file of c.operators) row.generate.set(file, manifestGenerate(file));
    const findings = analyze([c.manifest, ...c.artifacts], c.meshConfig);
    row.findings = findings.map(message => ({ message, allowed: allowlist.match(run.name, c.name, message) }));
    return row;
  });
  if (run.clusters.length > 1) {
    // One mesh: services and endpoints of every cluster are visible to every proxy, so references
    // that cross clusters resolve here (and only here).
    const mesh = newRow(MESH);
    const meshConfig = run.clusters.find(c => c.meshConfig)?.meshConfig;
    mesh.findings = analyze(run.clusters.flatMap(c => [c.manifest, ...c.artifacts]), meshConfig)
      .map(message => ({ message, allowed: allowlist.match(run.name, MESH, message) }));
    rows.push(mesh);
  }
  return rows;
}

function namespacesOf(files: Iterable<string>): Set<string> {
  const namespaces = new Set<string>();
  for (const file of files) {
    for (const doc of loadDocuments(file)) {
      if (doc.metadata?.namespace) namespaces.add(doc.metadata.namespace);
      if (doc.kind === 'Namespace' && doc.apiVersion === 'v1') namespaces.add(doc.metadata.name);
    }
  }
  return namespaces;
}

async function checkApiServer(runs: ExampleRun[], rowsByRun: Map<string, Row[]>): Promise<boolean> {
  const started = Date.now();
  const server = await ApiServer.start();
  const stop = () => server.stop();
  process.once('exit', stop);
  try {
    console.log(`apiserver: ready in ${((Date.now() - started) / 1000).toFixed(1)}s`);
    const crds = installCrds(server.kubectl);
    const dryRunFiles = (c: ClusterOutput) => [c.manifest, ...c.artifacts];
    createNamespaces(server.kubectl, namespacesOf(runs.flatMap(r => r.clusters.flatMap(dryRunFiles))));
    console.log(`apiserver: ${crds} CRDs established, namespaces created (${((Date.now() - started) / 1000).toFixed(1)}s)`);
    for (const run of runs) {
      const rows = rowsByRun.get(run.name)!;
      run.clusters.forEach((c, i) => {
        for (const file of dryRunFiles(c)) rows[i].dryRun.set(file, dryRun(server.kubectl, file));
      });
    }
    console.log(`apiserver: dry-run done (${((Date.now() - started) / 1000).toFixed(1)}s)`);
    const jest = spawnSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'jest'), [
      '--ci', '--coverage=false', '--testMatch', '**/test/oracles/**/*.oracle.ts', '--testPathIgnorePatterns', '/node_modules/',
    ], { cwd: REPO_ROOT, stdio: 'inherit', timeout: 600_000, env: { ...process.env, CDK8S_MESH_KUBECONFIG: server.kubeconfig } });
    return jest.status === 0;
  } finally {
    server.stop();
    process.removeListener('exit', stop);
  }
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map(w => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

const failures = (results: Map<string, CheckResult>) => [...results.entries()].filter(([, r]) => !r.ok);
const level = (row: Row, l: AnalyzeMessage['level']) => row.findings.filter(f => f.message.level === l).length;

/** Prints one run's table and its problems; returns the number of failing checks. */
function report(run: ExampleRun, rows: Row[], withApiServer: boolean): number {
  console.log(`\n## ${run.name}\n`);
  console.log(table(
    ['cluster', 'files', 'validate err', 'validate warn', 'manifest generate err', 'analyze E/W/I', 'allowlisted', 'dry-run rejected'],
    rows.map(r => [
      r.cluster,
      String(r.files.length),
      String(failures(r.validate).length),
      String([...r.validate.values()].filter(v => v.ok && v.output !== '').length),
      String(failures(r.generate).length),
      `${level(r, 'Error')}/${level(r, 'Warning')}/${level(r, 'Info')}`,
      String(r.findings.filter(f => f.allowed).length),
      withApiServer && r.cluster !== MESH ? String(failures(r.dryRun).length) : '-',
    ])));
  let failed = 0;
  for (const row of rows) {
    for (const [kind, results] of [['validate', row.validate], ['manifest generate', row.generate], ['dry-run', row.dryRun]] as const) {
      for (const [file, r] of failures(results)) {
        failed++;
        console.log(`FAIL ${kind} ${rel(file)}:\n  ${r.output.split('\n').join('\n  ')}`);
      }
    }
    for (const [file, r] of row.validate) if (r.ok && r.output) console.log(`note validate ${rel(file)}: ${r.output}`);
    for (const f of row.findings.filter(x => !x.allowed)) {
      failed++;
      console.log(`FAIL analyze ${row.cluster}: ${f.message.level} ${f.message.code} (${f.message.origin ?? '-'}) ${f.message.message}`);
    }
  }
  return failed;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const withApiServer = !args.includes('--no-apiserver');
  const only = args.filter(a => !a.startsWith('--'));
  const root = path.join(REPO_ROOT, 'dist', 'examples');
  if (!fs.existsSync(root)) throw new Error(`${rel(root)} not found: run \`npx projen synth:examples\` first`);
  const runs = exampleRuns(root).filter(r => only.length === 0 || only.some(o => r.name === o || r.name.startsWith(`${o}/`)));
  if (runs.length === 0) throw new Error(`no example output under ${rel(root)} matches ${only.join(', ')}`);
  const allowlist = Allowlist.load();

  const started = Date.now();
  const rowsByRun = new Map(runs.map(run => [run.name, checkIstio(run, allowlist)]));
  console.log(`istioctl: ${runs.length} runs checked in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  const agreementOk = withApiServer ? await checkApiServer(runs, rowsByRun) : true;

  let failed = 0;
  for (const run of runs) failed += report(run, rowsByRun.get(run.name)!, withApiServer);

  const all = [...rowsByRun.values()].flat();
  const byCode = new Map<string, { level: string; total: number; allowed: number }>();
  for (const f of all.flatMap(r => r.findings)) {
    const c = byCode.get(f.message.code) ?? { level: f.message.level, total: 0, allowed: 0 };
    c.total++;
    if (f.allowed) c.allowed++;
    byCode.set(f.message.code, c);
  }
  const count = (pick: (r: Row) => Map<string, CheckResult>) => all.reduce((n, r) => n + pick(r).size, 0);
  const failing = (pick: (r: Row) => Map<string, CheckResult>) => all.reduce((n, r) => n + failures(pick(r)).length, 0);
  console.log('\n## Summary\n');
  console.log(`validate: ${count(r => r.validate)} files, ${failing(r => r.validate)} with errors`);
  console.log(`manifest generate: ${count(r => r.generate)} IstioOperator files, ${failing(r => r.generate)} failed`);
  console.log(withApiServer
    ? `dry-run (server, strict): ${count(r => r.dryRun)} files, ${failing(r => r.dryRun)} rejected; agreement test ${agreementOk ? 'passed' : 'FAILED'}`
    : 'dry-run: skipped (--no-apiserver)');
  console.log(table(['code', 'level', 'messages', 'allowlisted'],
    [...byCode.entries()].sort().map(([code, c]) => [code, c.level, String(c.total), String(c.allowed)])));
  if (only.length === 0) {
    for (const e of allowlist.unused()) console.log(`note: allowlist entry matched nothing (remove it): ${e.example} ${e.cluster} ${e.code} ${e.resource}`);
  }
  if (!agreementOk) failed++;
  if (failed > 0) {
    console.error(`\nverify: ${failed} problem(s)`);
    process.exit(1);
  }
  console.log('\nverify: all examples pass');
}

main().catch(e => {
  console.error(`verify: ${(e as Error).message}`);
  process.exit(1);
});
