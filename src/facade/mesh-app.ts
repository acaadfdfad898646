import * as fs from 'fs';
import * as path from 'path';
import { App, AppProps, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { chartDocuments, chartFileName, fastEmitCharts, throwIfInvalid, walkApp } from './emitter';
import { Mesh } from './mesh';
import { OutputWriter, readTree, withTempDir } from '../core/output';
import { withPlainToJson } from '../core/plain-json';
import { SharedYaml, stringifyDocuments } from '../core/yaml';
import { MeshReport } from '../report/mesh-report';
import { MeshCluster } from '../topology/cluster';
import { MeshCore } from '../topology/mesh-core';
import { Diagnostic } from '../validation/diagnostics';
import { MeshValidationError, printWarnings, sortedUnique } from '../validation/format';
import { checkInit } from '../validation/input/check';
import { TopologyRules } from '../validation/rules/topology';

/**
 * Props for a `MeshApp`.
 */
export interface MeshAppProps extends AppProps {
  /**
   * Write YAML with the fast emitter (js-yaml) instead of cdk8s's default serializer.
   * Both produce the same objects; the fast one is used only where the file layout is identical.
   * @default true
   */
  readonly fastEmitter?: boolean;
  /**
   * Write `mesh-report.md` (diagram, objects per cluster, services, warnings) next to the manifests.
   * @default true
   */
  readonly report?: boolean;
  /**
   * What a failing `synth()` does. `THROW` throws a `MeshValidationError`; `PRINT` writes its message (the
   * diagnostics, one line each) to stderr and fails the run without a stack trace: under `cdk8s synth` the output
   * directory stays absent, so the CLI adds one line and exits 1; elsewhere the process exit code is 1.
   * Either way nothing is written.
   * @default - `PRINT` when run by the cdk8s CLI from JavaScript or TypeScript (`CDK8S_OUTDIR` set, no jsii host,
   * `CDK8S_MESH_DEBUG` unset), otherwise `THROW`
   */
  readonly onFailure?: SynthFailure;
  /**
   * Synthesize only these clusters (by name, of any mesh of the app): one manifest per named cluster and the
   * artifacts of those clusters (files under `<cluster>/`) plus the mesh-wide ones; `mesh-report.md` is not written.
   * Every mesh is still rendered and validated whole, so a per-cluster job fails exactly when the full synth
   * would. Charts that are not mesh clusters are written as always. Files an earlier synth wrote for the other
   * clusters are kept. A name no mesh declares is MESH-TOPO-016. Pipelines set `CDK8S_MESH_CLUSTERS` instead
   * (comma-separated names; Argo CD config management plugins get it as `ARGOCD_ENV_CDK8S_MESH_CLUSTERS`).
   * @default - every cluster; or the names in the environment variable `CDK8S_MESH_CLUSTERS` (else
   * `ARGOCD_ENV_CDK8S_MESH_CLUSTERS`) when set and not empty, read when `synth()` runs
   */
  readonly clusters?: string[];
}

/** The environment variable that selects clusters (see `MeshAppProps.clusters`). */
const CLUSTERS_ENV = 'CDK8S_MESH_CLUSTERS';
/** The same variable as an Argo CD config management plugin sees the Application's `plugin.env` entry. */
const ARGOCD_CLUSTERS_ENV = `ARGOCD_ENV_${CLUSTERS_ENV}`;

/** The names in a comma-separated list, trimmed, without empty entries. */
function namesIn(text: string): string[] {
  return text.split(',').map(n => n.trim()).filter(n => n.length > 0);
}

/** What a failing `MeshApp.synth()` does. */
export enum SynthFailure {
  /** Throw a `MeshValidationError` (its stack shows where synth was called). */
  THROW = 'THROW',
  /** Print the diagnostics to stderr and fail the run (see `MeshAppProps.onFailure`); return without writing anything. */
  PRINT = 'PRINT',
}

/** The default: print under the cdk8s CLI, where a thrown error shows a stack and an object dump around the diagnostics. */
function defaultFailure(): SynthFailure {
  const cli = process.env.CDK8S_OUTDIR !== undefined;
  const jsiiHost = process.env.JSII_AGENT !== undefined;
  return cli && !jsiiHost && !process.env.CDK8S_MESH_DEBUG ? SynthFailure.PRINT : SynthFailure.THROW;
}

/**
 * Makes the run fail after PRINT. Under the cdk8s CLI (it sets `CDK8S_RECORD_CONSTRUCT_METADATA` for the apps it runs)
 * the output directory is left absent, which the CLI reports in one line and exit code 1 instead of its stack trace;
 * anywhere else (or if the directory holds files) the process exit code is 1.
 */
function failWithoutOutput(outdir: string): void {
  const env = process.env;
  const byCli = env.CDK8S_OUTDIR !== undefined && env.CDK8S_RECORD_CONSTRUCT_METADATA !== undefined
    && path.resolve(env.CDK8S_OUTDIR) === path.resolve(outdir);
  if (byCli && (!fs.existsSync(outdir) || fs.readdirSync(outdir).length === 0)) {
    fs.rmSync(outdir, { recursive: true, force: true });
    return;
  }
  process.exitCode = 1;
}

/**
 * A cdk8s app for meshes. `synth()` validates every mesh before anything is written,
 * then writes one manifest per cluster plus the meshes' artifacts (plans, runbooks, install values).
 */
export class MeshApp extends App {
  /** Whether the fast emitter is enabled. */
  public readonly fastEmitter: boolean;
  /** Whether `mesh-report.md` is written. */
  public readonly report: boolean;
  /** What a failing `synth()` does. */
  public readonly onFailure: SynthFailure;
  /** The clusters given as `clusters` (undefined: every cluster, unless `CDK8S_MESH_CLUSTERS` selects some). */
  public readonly clusters?: string[];

  constructor(props: MeshAppProps = {}) {
    checkInit('cdk8s-mesh.MeshApp', new.target, [props]);
    super(props);
    this.fastEmitter = props.fastEmitter ?? true;
    this.report = props.report ?? true;
    this.onFailure = props.onFailure ?? defaultFailure();
    this.clusters = props.clusters ? [...props.clusters] : undefined;
  }

  /**
   * The clusters `synth()` writes: `clusters`, else the names in `CDK8S_MESH_CLUSTERS` (or
   * `ARGOCD_ENV_CDK8S_MESH_CLUSTERS`) when set and not empty; undefined means every cluster.
   */
  public get selectedClusters(): string[] | undefined {
    if (this.clusters) return [...this.clusters];
    const text = process.env[CLUSTERS_ENV] || process.env[ARGOCD_CLUSTERS_ENV];
    return text && namesIn(text).length ? namesIn(text) : undefined;
  }

  /** The meshes in this app, in construct order. */
  public get meshes(): Mesh[] {
    return this.node.findAll().filter((c: IConstruct): c is Mesh => c instanceof Mesh);
  }

  /**
   * Validates every mesh, then renders every manifest, artifact and report in memory, and only when all
   * of it succeeded replaces the output directory's content: files an earlier synth wrote that are no longer
   * produced are removed (they are listed in `.cdk8s-mesh-files`), other files are left alone. If any mesh is
   * invalid it throws one `MeshValidationError` listing the problems of every mesh (or prints it, see `onFailure`),
   * and writes nothing.
   */
  public synth(): void {
    try {
      // manifests of plain data skip cdk8s's resolution pass while the app synthesizes (the same JSON)
      withPlainToJson(() => this.synthMeshes());
    } catch (e) {
      if (!(e instanceof MeshValidationError) || this.onFailure !== SynthFailure.PRINT) throw e;
      process.stderr.write(`${e.message}\n`);
      failWithoutOutput(this.outdir);
    }
  }

  private synthMeshes(): void {
    const meshes = MeshCore._meshesOf(this);
    const selection = this.checkSelection(meshes);
    this.throwIfFailing(meshes, mesh => mesh._check());
    // every file is staged as soon as it is serialized, and released; the output changes only on success
    const writer = new OutputWriter(this.outdir);
    try {
      const objects = this.writeManifests(writer, selection);
      for (const mesh of meshes) {
        for (const artifact of mesh._guard(mesh, () => mesh._artifacts()) ?? []) {
          if (!selection || selection.writes(artifact.path)) writer.write(artifact);
        }
      }
      if (this.report && meshes.length && !selection) {
        const reports = meshes.map(mesh => mesh._guard(mesh, () => MeshReport.of(mesh, Object.fromEntries(
          mesh.clusters.map(cluster => [cluster.clusterName, objects.get(cluster) ?? []]),
        )).toMarkdown()));
        writer.write({ path: 'mesh-report.md', content: reports.join('\n') });
      }
      const warnings = this.throwIfFailing(meshes, mesh => mesh._check());
      printWarnings(warnings);
      writer.commit(selection ? file => !selection.writes(file) : undefined);
    } catch (e) {
      writer.abort();
      throw e;
    }
  }

  /**
   * The cluster selection in effect, checked against the clusters of every mesh (MESH-TOPO-016, reported on
   * the first mesh so it fails with the meshes' other problems); undefined when every cluster is written.
   */
  private checkSelection(meshes: MeshCore[]): ClusterSelection | undefined {
    const names = this.selectedClusters;
    if (names === undefined) return undefined;
    const fromEnv = this.clusters === undefined;
    const declared = new Map(meshes.flatMap(m => m.clusters).map(c => [c.clusterName, c]));
    const where = 'MeshApp/clusters';
    const source = fromEnv ? ` The names come from the environment variable ${process.env[CLUSTERS_ENV] ? CLUSTERS_ENV : ARGOCD_CLUSTERS_ENV}.` : '';
    const known = `The app declares: ${[...declared.keys()].join(', ') || '(no cluster)'}.${source}`;
    const problems: Array<{ value: unknown }> = names.length ? names.filter(n => !declared.has(n)).map(value => ({ value })) : [{ value: names }];
    if (problems.length) {
      if (!meshes.length) {
        throw new MeshValidationError('MeshApp', problems.map(p => ({ rule: TopologyRules.UNKNOWN_SELECTED_CLUSTER, path: where, value: JSON.stringify(p.value), detail: known })), []);
      }
      for (const p of problems) meshes[0].report(TopologyRules.UNKNOWN_SELECTED_CLUSTER, where, p.value, known);
    }
    return new ClusterSelection(this, [...declared.values()].filter(c => !names.includes(c.clusterName)));
  }

  /** Throws one error with the failing diagnostics of every mesh; returns every warning otherwise. */
  private throwIfFailing(meshes: MeshCore[], check: (mesh: MeshCore) => { failing: Diagnostic[]; warnings: Diagnostic[] }): Diagnostic[] {
    const results = meshes.map(mesh => ({ mesh, ...check(mesh) }));
    const failing = results.filter(r => r.failing.length);
    const warnings = sortedUnique(results.flatMap(r => r.warnings));
    if (failing.length) {
      throw new MeshValidationError(failing.map(r => r.mesh.node.path).join(', '), failing.flatMap(r => r.failing), warnings);
    }
    return warnings;
  }

  /**
   * Serializes the charts one at a time, staging each file as soon as it is written (the YAML text is then
   * released), and returns every chart's objects (for the report). Charts of clusters outside the selection
   * are skipped.
   */
  private writeManifests(writer: OutputWriter, selection?: ClusterSelection): Map<Chart, unknown[]> {
    const objects = new Map<Chart, unknown[]>();
    const walk = this.fastEmitter ? walkApp(this) : undefined;
    const charts = walk && fastEmitCharts(this, walk);
    if (walk && charts) {
      throwIfInvalid(walk);
      const shared = new SharedYaml();
      for (const chart of charts) {
        if (selection && !selection.writesChart(chart)) continue;
        const docs = chartDocuments(chart, walk.objects.get(chart) ?? []);
        writer.write({ path: chartFileName(this, chart), content: stringifyDocuments(docs, shared) });
        objects.set(chart, docs);
      }
      return objects;
    }
    // cdk8s writes to `outdir`: let it write into a temporary directory, then take the files from there.
    const outdir = this.outdir;
    const files = withTempDir(dir => {
      Object.defineProperty(this, 'outdir', { value: dir, configurable: true, writable: true });
      try {
        super.synth();
      } finally {
        Object.defineProperty(this, 'outdir', { value: outdir, configurable: true, writable: true });
      }
      return readTree(dir);
    });
    for (const file of files) if (!selection || selection.writes(file.path)) writer.write(file);
    if (this.report && !selection) for (const chart of this.charts) objects.set(chart, chart.toJson());
    return objects;
  }
}

/** Which files a selective synth writes: everything but the manifests and `<cluster>/` artifacts of the clusters left out. */
class ClusterSelection {
  private readonly skippedFiles: Set<string>;
  private readonly skippedFolders: string[];
  private readonly skippedCharts: Set<Chart>;

  constructor(app: App, skipped: MeshCluster[]) {
    this.skippedCharts = new Set(skipped);
    this.skippedFiles = new Set(skipped.map(c => chartFileName(app, c)));
    this.skippedFolders = skipped.map(c => `${c.clusterName}/`);
  }

  /** Whether the chart is written (every chart but the skipped clusters'). */
  public writesChart(chart: Chart): boolean {
    return !this.skippedCharts.has(chart);
  }

  /** Whether a file of the output (relative path) is written; `mesh-report.md` is not, as it describes every cluster. */
  public writes(file: string): boolean {
    if (file === 'mesh-report.md' || this.skippedFiles.has(file)) return false;
    return !this.skippedFolders.some(folder => file.startsWith(folder));
  }
}
