/**
 * What `npx projen synth:examples` wrote under dist/examples, grouped the way the oracles need it: one run per
 * folder holding `<cluster>.k8s.yaml` manifests (an example, or one stage of a staged example), and per cluster
 * the files of its `<cluster>/` folder that are Kubernetes objects.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';

export interface ClusterOutput {
  readonly name: string;
  /** `<cluster>.k8s.yaml`. */
  readonly manifest: string;
  /** Kubernetes-shaped files under `<cluster>/` other than IstioOperator ones (e.g. pre-install.yaml). */
  readonly artifacts: readonly string[];
  /** Files under `<cluster>/` whose objects are IstioOperator install inputs. */
  readonly operators: readonly string[];
  /** `spec.meshConfig` of the cluster's first IstioOperator, if any. */
  readonly meshConfig?: object;
}

export interface ExampleRun {
  /** Path under dist/examples, e.g. `topologies/canary-upgrade/moved`. */
  readonly name: string;
  readonly clusters: readonly ClusterOutput[];
}

/** Parsed YAML documents of a file, without empty ones. */
export function loadDocuments(file: string): any[] {
  return (yaml.loadAll(fs.readFileSync(file, 'utf8')) as any[]).filter(d => d !== null && d !== undefined);
}

function isKubernetesObject(doc: any): boolean {
  return !!doc && typeof doc === 'object' && typeof doc.apiVersion === 'string' && typeof doc.kind === 'string';
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true })
    .flatMap(e => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .sort();
}

function clusterOutput(runDir: string, manifestFile: string): ClusterOutput {
  const name = manifestFile.replace(/\.k8s\.yaml$/, '');
  const artifacts: string[] = [];
  const operators: string[] = [];
  let meshConfig: object | undefined;
  for (const file of filesUnder(path.join(runDir, name)).filter(f => /\.ya?ml$/.test(f))) {
    const docs = loadDocuments(file);
    if (docs.length === 0 || !docs.every(isKubernetesObject)) continue;
    if (docs.every(d => d.kind === 'IstioOperator')) {
      operators.push(file);
      meshConfig ??= docs.find(d => d.spec?.meshConfig)?.spec.meshConfig;
    } else {
      artifacts.push(file);
    }
  }
  return { name, manifest: path.join(runDir, manifestFile), artifacts, operators, meshConfig };
}

/** Every run under `root` (dist/examples), sorted by name. */
export function exampleRuns(root: string): ExampleRun[] {
  const runs: ExampleRun[] = [];
  const visit = (dir: string) => {
    const entries = fs.readdirSync(dir, { withFileTypes: true });
    const manifests = entries.filter(e => e.isFile() && e.name.endsWith('.k8s.yaml')).map(e => e.name).sort();
    if (manifests.length > 0) {
      runs.push({ name: path.relative(root, dir), clusters: manifests.map(m => clusterOutput(dir, m)) });
      return;
    }
    for (const e of entries) if (e.isDirectory()) visit(path.join(dir, e.name));
  };
  visit(root);
  return runs.sort((a, b) => a.name.localeCompare(b.name));
}
