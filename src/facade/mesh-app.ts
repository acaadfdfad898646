import * as fs from 'fs';
import * as path from 'path';
import { App, AppProps, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { canEmitFast, renderCharts } from './emitter';
import { Mesh } from './mesh';
import { OutputFile, readTree, replaceOutput, withTempDir } from '../core/output';
import { withPlainToJson } from '../core/plain-json';
import { MeshReport } from '../report/mesh-report';
import { MeshCore } from '../topology/mesh-core';
import { Diagnostic } from '../validation/diagnostics';
import { MeshValidationError, printWarnings, sortedUnique } from '../validation/format';
import { checkInit } from '../validation/input/check';

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

  constructor(props: MeshAppProps = {}) {
    checkInit('cdk8s-mesh.MeshApp', new.target, [props]);
    super(props);
    this.fastEmitter = props.fastEmitter ?? true;
    this.report = props.report ?? true;
    this.onFailure = props.onFailure ?? defaultFailure();
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
    const meshes = this.node.findAll().filter((c: IConstruct): c is MeshCore => c instanceof MeshCore);
    this.throwIfFailing(meshes, mesh => mesh._check());
    const { files, objects } = this.renderManifests();
    for (const mesh of meshes) {
      for (const artifact of mesh._guard(mesh, () => mesh._artifacts()) ?? []) files.push(artifact);
    }
    if (this.report && meshes.length) {
      const reports = meshes.map(mesh => mesh._guard(mesh, () => MeshReport.of(mesh, Object.fromEntries(
        mesh.clusters.map(cluster => [cluster.clusterName, objects.get(cluster) ?? []]),
      )).toMarkdown()));
      files.push({ path: 'mesh-report.md', content: reports.join('\n') });
    }
    const warnings = this.throwIfFailing(meshes, mesh => mesh._check());
    printWarnings(warnings);
    replaceOutput(this.outdir, files);
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

  /** Every chart serialized in memory, with its objects (for the report). */
  private renderManifests(): { files: OutputFile[]; objects: Map<Chart, unknown[]> } {
    if (this.fastEmitter && canEmitFast(this)) {
      const rendered = renderCharts(this);
      return {
        files: [...rendered.values()].map(r => r.file),
        objects: new Map([...rendered].map(([chart, r]): [Chart, unknown[]] => [chart, r.docs])),
      };
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
    return { files, objects: new Map(this.report ? this.charts.map((chart): [Chart, unknown[]] => [chart, chart.toJson()]) : []) };
  }
}
