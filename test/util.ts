import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MeshApp } from '../src';
import { CheckDirectoryOptions, checkDirectory } from './conformance';

/** A fresh app writing into its own temporary directory. */
export function testApp(): MeshApp {
  return new MeshApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-mesh-test-')) });
}

/** The synthesized output of an app: every file, parsed, after the conformance check passed. */
export class Synthesized {
  constructor(
    /** The output directory. */
    public readonly outdir: string,
    /** Parsed documents by file path relative to outdir. */
    public readonly files: Map<string, any[]>,
  ) {}

  /** The objects in `<cluster>.k8s.yaml`. */
  public cluster(name: string): any[] {
    const docs = this.files.get(`${name}.k8s.yaml`);
    if (!docs) throw new Error(`no manifest for cluster ${name}; files: ${[...this.files.keys()].join(', ')}`);
    return docs;
  }

  /** The cluster manifest file names, without extension. */
  public get clusterNames(): string[] {
    return [...this.files.keys()].filter(f => f.endsWith('.k8s.yaml') && !f.includes('/')).map(f => f.replace(/\.k8s\.yaml$/, '')).sort();
  }

  /** Objects of `kind` in a cluster. */
  public ofKind(cluster: string, kind: string): any[] {
    return this.cluster(cluster).filter(o => o.kind === kind);
  }

  /** The one object of `kind` named `name` (and in `namespace`, if given) in a cluster. */
  public find(cluster: string, kind: string, name: string, namespace?: string): any {
    const found = this.ofKind(cluster, kind)
      .filter(o => o.metadata?.name === name && (namespace === undefined || o.metadata?.namespace === namespace));
    if (found.length !== 1) {
      throw new Error(`expected one ${kind} ${namespace ?? '*'}/${name} in ${cluster}, found ${found.length}`);
    }
    return found[0];
  }

  /** The raw text of an output file. */
  public text(file: string): string {
    return fs.readFileSync(path.join(this.outdir, file), 'utf8');
  }
}

/**
 * Synthesizes the app to disk and checks every file it wrote with the conformance harness: every object of
 * the manifests, and every YAML and JSON artifact (`options.schemas` for files a test's own feature writes).
 */
export function synth(app: MeshApp, options: CheckDirectoryOptions = {}): Synthesized {
  app.synth();
  return new Synthesized(app.outdir, checkDirectory(app.outdir, options));
}

/** The message of the error `fn` throws; fails if it does not throw. */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error, but none was thrown');
}

/** Synthesizes an app that must fail; asserts nothing was written and returns the message. */
export function synthError(app: MeshApp): string {
  const message = errorOf(() => app.synth());
  const written = fs.existsSync(app.outdir) ? fs.readdirSync(app.outdir) : [];
  expect(written).toEqual([]);
  return message;
}
