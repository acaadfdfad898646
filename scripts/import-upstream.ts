/**
 * Regenerates the typed bindings of the upstream CRDs the library writes (imports/README.md): for each file under
 * imports/upstream/ listed below, the named kinds' served versions go to `cdk8s import`, which writes
 * src/imports/<group>.ts. The file is read with js-yaml because the `yaml` package cdk8s uses rejects Flagger's
 * (valid for Go and the API server) multi-line descriptions; cdk8s gets the CRD as JSON.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as yaml from 'js-yaml';

const ROOT = path.join(__dirname, '..');

/** The CRD files and kinds with bindings in src/imports/ (Argo CD's ApplicationSet has none: see imports/README.md). */
const BINDINGS: Array<{ file: string; kinds: string[] }> = [
  { file: 'flagger/v1.44.0/crd.yaml', kinds: ['Canary'] },
  { file: 'argo-rollouts/v1.9.1/rollout-crd.yaml', kinds: ['Rollout'] },
  { file: 'external-secrets/v2.9.0/external-secrets.io_externalsecrets.yaml', kinds: ['ExternalSecret'] },
];

interface Crd {
  readonly kind: string;
  readonly spec: { readonly group: string; readonly names: { readonly kind: string }; readonly versions: Array<{ readonly served: boolean }> };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-mesh-import-'));
try {
  for (const { file, kinds } of BINDINGS) {
    const docs = (yaml.loadAll(fs.readFileSync(path.join(ROOT, 'imports', 'upstream', file), 'utf8')) as Crd[])
      .filter(d => d?.kind === 'CustomResourceDefinition' && kinds.includes(d.spec.names.kind));
    if (docs.length !== kinds.length) throw new Error(`${file}: expected CRDs of ${kinds.join(', ')}, found ${docs.map(d => d.spec.names.kind).join(', ')}`);
    for (const crd of docs) {
      const input = path.join(tmp, `${crd.spec.group}.json`);
      fs.writeFileSync(input, JSON.stringify({ ...crd, spec: { ...crd.spec, versions: crd.spec.versions.filter(v => v.served) } }));
      const result = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'cdk8s'), ['import', '--language', 'typescript', '--output', path.join(ROOT, 'src', 'imports'), input], { stdio: 'inherit' });
      if (result.status !== 0) throw new Error(`cdk8s import ${file} (${crd.spec.names.kind}) exited ${result.status}`);
    }
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
