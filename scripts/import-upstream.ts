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

/** The Gateway API kinds the library writes, by the plural of their CRD file. */
const GATEWAY_API_KINDS: Record<string, string> = {
  gateways: 'Gateway', httproutes: 'HTTPRoute', grpcroutes: 'GRPCRoute', referencegrants: 'ReferenceGrant', tlsroutes: 'TLSRoute',
};

/** The CRD files and kinds with bindings in src/imports/ (Argo CD's ApplicationSet has none: see imports/README.md). */
const BINDINGS: Array<{ file: string; kinds: string[]; versions?: string[] }> = [
  { file: 'flagger/v1.44.0/crd.yaml', kinds: ['Canary'] },
  { file: 'argo-rollouts/v1.9.1/rollout-crd.yaml', kinds: ['Rollout'] },
  { file: 'external-secrets/v2.9.0/external-secrets.io_externalsecrets.yaml', kinds: ['ExternalSecret'] },
  // Gateway API v1.6.1, standard channel (imports/README.md): only the v1 versions, the ones the library writes.
  ...Object.entries(GATEWAY_API_KINDS).map(([plural, kind]) => ({
    file: `gateway-api/v1.6.1/standard/gateway.networking.k8s.io_${plural}.yaml`,
    kinds: [kind],
    versions: ['v1'],
  })),
];

interface Crd {
  readonly kind: string;
  readonly spec: {
    readonly group: string;
    readonly names: { readonly kind: string };
    readonly versions: Array<{ readonly name: string; readonly served: boolean }>;
  };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-mesh-import-'));
try {
  // One `cdk8s import` per API group: it writes src/imports/<group>.ts, so the kinds of one group go in one input.
  const byGroup = new Map<string, Crd[]>();
  for (const { file, kinds, versions } of BINDINGS) {
    const docs = (yaml.loadAll(fs.readFileSync(path.join(ROOT, 'imports', 'upstream', file), 'utf8')) as Crd[])
      .filter(d => d?.kind === 'CustomResourceDefinition' && kinds.includes(d.spec.names.kind));
    if (docs.length !== kinds.length) throw new Error(`${file}: expected CRDs of ${kinds.join(', ')}, found ${docs.map(d => d.spec.names.kind).join(', ')}`);
    for (const crd of docs) {
      const served = crd.spec.versions.filter(v => v.served && (versions === undefined || versions.includes(v.name)));
      byGroup.set(crd.spec.group, [...byGroup.get(crd.spec.group) ?? [], { ...crd, spec: { ...crd.spec, versions: served } }]);
    }
  }
  for (const [group, crds] of byGroup) {
    const input = path.join(tmp, `${group}.yaml`);
    fs.writeFileSync(input, crds.map(crd => JSON.stringify(crd)).join('\n---\n'));
    const result = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'cdk8s'), ['import', '--language', 'typescript', '--output', path.join(ROOT, 'src', 'imports'), input], { stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`cdk8s import ${group} (${crds.map(c => c.spec.names.kind).join(', ')}) exited ${result.status}`);
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
