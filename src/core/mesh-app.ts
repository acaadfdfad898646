import * as fs from 'fs';
import * as path from 'path';
import { App, AppProps } from 'cdk8s';
import { IConstruct } from 'constructs';
import { canEmitFast, emitCharts } from './emitter';
import { Mesh } from '../topology/mesh';

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
}

/**
 * A cdk8s app for meshes. `synth()` validates every mesh before anything is written,
 * then writes one manifest per cluster plus the meshes' artifacts (plans, runbooks, install values).
 */
export class MeshApp extends App {
  /** Whether the fast emitter is enabled. */
  public readonly fastEmitter: boolean;

  constructor(props: MeshAppProps = {}) {
    super(props);
    this.fastEmitter = props.fastEmitter ?? true;
  }

  /** The meshes in this app, in construct order. */
  public get meshes(): Mesh[] {
    return this.node.findAll().filter((c: IConstruct): c is Mesh => c instanceof Mesh);
  }

  /** Validates every mesh, then writes manifests and artifacts. Writes nothing if any mesh is invalid. */
  public synth(): void {
    const meshes = this.meshes;
    for (const mesh of meshes) mesh.prepare();
    if (this.fastEmitter && canEmitFast(this)) emitCharts(this);
    else super.synth();
    for (const mesh of meshes) {
      for (const artifact of mesh._artifacts()) {
        const file = path.join(this.outdir, artifact.path);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, artifact.content);
      }
    }
  }
}
