import * as fs from 'fs';
import * as path from 'path';
import { App, AppProps, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { canEmitFast, emitCharts } from './emitter';
import { Mesh } from './mesh';
import { MeshReport } from '../report/mesh-report';
import { MeshCore } from '../topology/mesh-core';

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

  constructor(props: MeshAppProps = {}) {
    super(props);
    this.fastEmitter = props.fastEmitter ?? true;
    this.report = props.report ?? true;
  }

  /** The meshes in this app, in construct order. */
  public get meshes(): Mesh[] {
    return this.node.findAll().filter((c: IConstruct): c is Mesh => c instanceof Mesh);
  }

  /** Validates every mesh, then writes manifests and artifacts. Writes nothing if any mesh is invalid. */
  public synth(): void {
    const meshes = this.node.findAll().filter((c: IConstruct): c is MeshCore => c instanceof MeshCore);
    for (const mesh of meshes) mesh.prepare();
    let written: Map<Chart, unknown[]>;
    if (this.fastEmitter && canEmitFast(this)) {
      written = emitCharts(this);
    } else {
      super.synth();
      written = new Map(this.report ? this.charts.map((chart): [Chart, unknown[]] => [chart, chart.toJson()]) : []);
    }
    const files = meshes.flatMap(mesh => mesh._artifacts());
    if (this.report && meshes.length) {
      const reports = meshes.map(mesh => MeshReport.of(mesh, Object.fromEntries(
        mesh.clusters.map(cluster => [cluster.clusterName, written.get(cluster) ?? []]),
      )).toMarkdown());
      files.push({ path: 'mesh-report.md', content: reports.join('\n') });
    }
    for (const artifact of files) {
      const file = path.join(this.outdir, artifact.path);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, artifact.content);
    }
  }
}
