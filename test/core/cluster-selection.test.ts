import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject } from 'cdk8s';
import * as yaml from 'js-yaml';
import { ArgoCdApplicationSet, Mesh, MeshApp, MeshService, MeshTopology, Protocol, RootCa, TrafficRoute } from '../../src';
import { synth, synthError } from '../util';

/**
 * One cluster at a time (`MeshAppProps.clusters`, `CDK8S_MESH_CLUSTERS`): a per-cluster job writes its clusters'
 * manifests and artifacts, byte for byte what the full synth writes for them, and fails whenever the full synth fails.
 */

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-mesh-select-'));

function shop(app: MeshApp): Mesh {
  const mesh = new Mesh(app, 'mesh', {
    meshId: 'shop',
    topology: MeshTopology.MULTI_PRIMARY,
    controlPlane: { rootCa: RootCa.acknowledgeUnshared() },
    clusters: [{ name: 'east' }, { name: 'west' }, { name: 'north' }],
  });
  mesh.addNamespace('shop');
  const reviews = new MeshService(mesh, 'reviews', {
    name: 'reviews',
    namespaceName: 'shop',
    ports: [{ port: 9080, protocol: Protocol.HTTP }],
    versions: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }],
  });
  new TrafficRoute(mesh, 'reviews-route', { service: reviews, http: [{ destinations: [{ version: 'v1', weight: 80 }, { version: 'v2', weight: 20 }] }] });
  return mesh;
}

const files = (dir: string) => {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else out.push(path.relative(dir, path.join(d, e.name)));
    }
  };
  walk(dir);
  return out.sort();
};
const listing = (dir: string) => fs.readFileSync(path.join(dir, '.cdk8s-mesh-files'), 'utf8').split('\n').filter(l => l && !l.startsWith('#'));

function withEnv<T>(vars: Record<string, string | undefined>, work: () => T): T {
  const before = Object.fromEntries(Object.keys(vars).map(k => [k, process.env[k]]));
  const set = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  set(vars);
  try {
    return work();
  } finally {
    set(before);
  }
}

describe('synthesizing only named clusters', () => {
  test('the clusters prop writes those clusters\' manifests and artifacts, byte-identical to the full synth, and the mesh-wide files', () => {
    const full = shop(new MeshApp({ outdir: tmp() })).node.root as MeshApp;
    synth(full);
    const one = new MeshApp({ outdir: tmp(), clusters: ['west'] });
    shop(one);
    synth(one);
    const written = files(one.outdir);
    expect(written.filter(f => f.endsWith('.k8s.yaml'))).toEqual(['west.k8s.yaml']);
    expect(written.some(f => f.startsWith('west/'))).toBe(true);
    expect(written.some(f => f.startsWith('east/') || f.startsWith('north/'))).toBe(false);
    expect(written).not.toContain('mesh-report.md');
    for (const f of written.filter(w => !w.startsWith('.'))) {
      expect({ f, text: fs.readFileSync(path.join(one.outdir, f), 'utf8') }).toEqual({ f, text: fs.readFileSync(path.join(full.outdir, f), 'utf8') });
    }
    expect(one.selectedClusters).toEqual(['west']);
  });

  test('CDK8S_MESH_CLUSTERS (or ARGOCD_ENV_CDK8S_MESH_CLUSTERS) selects the clusters when the prop is not set; the prop wins', () => {
    const viaEnv = (vars: Record<string, string | undefined>, props: { clusters?: string[] } = {}) => withEnv(vars, () => {
      const app = new MeshApp({ outdir: tmp(), ...props });
      shop(app);
      synth(app);
      return files(app.outdir).filter(f => f.endsWith('.k8s.yaml'));
    });
    expect(viaEnv({ CDK8S_MESH_CLUSTERS: ' east, north ', ARGOCD_ENV_CDK8S_MESH_CLUSTERS: undefined })).toEqual(['east.k8s.yaml', 'north.k8s.yaml']);
    expect(viaEnv({ CDK8S_MESH_CLUSTERS: undefined, ARGOCD_ENV_CDK8S_MESH_CLUSTERS: 'north' })).toEqual(['north.k8s.yaml']);
    expect(viaEnv({ CDK8S_MESH_CLUSTERS: '', ARGOCD_ENV_CDK8S_MESH_CLUSTERS: undefined })).toEqual(['east.k8s.yaml', 'north.k8s.yaml', 'west.k8s.yaml']);
    expect(viaEnv({ CDK8S_MESH_CLUSTERS: 'east', ARGOCD_ENV_CDK8S_MESH_CLUSTERS: undefined }, { clusters: ['west'] })).toEqual(['west.k8s.yaml']);
  });

  test('a per-cluster synth keeps the files an earlier synth wrote for the other clusters, and still removes its own stale files', () => {
    const outdir = tmp();
    synth(shop(new MeshApp({ outdir })).node.root as MeshApp);
    fs.writeFileSync(path.join(outdir, '.cdk8s-mesh-files'), `${fs.readFileSync(path.join(outdir, '.cdk8s-mesh-files'), 'utf8')}west/gone.yaml\n`);
    fs.writeFileSync(path.join(outdir, 'west', 'gone.yaml'), 'stale: true\n');
    const before = fs.readFileSync(path.join(outdir, 'east.k8s.yaml'), 'utf8');
    const one = new MeshApp({ outdir, clusters: ['west'] });
    shop(one);
    one.synth();
    expect(fs.readFileSync(path.join(outdir, 'east.k8s.yaml'), 'utf8')).toBe(before);
    expect(fs.existsSync(path.join(outdir, 'mesh-report.md'))).toBe(true);
    expect(fs.existsSync(path.join(outdir, 'west', 'gone.yaml'))).toBe(false);
    expect(listing(outdir)).toEqual(expect.arrayContaining(['east.k8s.yaml', 'north.k8s.yaml', 'west.k8s.yaml', 'mesh-report.md']));
    expect(listing(outdir)).not.toContain('west/gone.yaml');
    expect(files(outdir).some(f => f.includes('staging'))).toBe(false);
  });

  test('validation covers the whole mesh: a problem in a cluster that is not written fails the per-cluster synth', () => {
    const app = new MeshApp({ outdir: tmp(), clusters: ['east'] });
    const mesh = shop(app);
    // a hand-written route in north sends traffic to a host no cluster knows
    new ApiObject(mesh.cluster('north'), 'broken', {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'broken', namespace: 'shop' },
      spec: { hosts: ['reviews.shop.svc.cluster.local'], http: [{ route: [{ destination: { host: 'reviews.shop.svc.cluster.local', subset: 'v9' } }] }] },
    });
    const full = new MeshApp({ outdir: tmp() });
    const fullMesh = shop(full);
    new ApiObject(fullMesh.cluster('north'), 'broken', {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'broken', namespace: 'shop' },
      spec: { hosts: ['reviews.shop.svc.cluster.local'], http: [{ route: [{ destination: { host: 'reviews.shop.svc.cluster.local', subset: 'v9' } }] }] },
    });
    const rules = (message: string) => [...message.matchAll(/MESH-[A-Z]+-\d+ \[error\]/g)].map(m => m[0]).sort();
    const perCluster = synthError(app);
    expect(rules(perCluster).length).toBeGreaterThan(0);
    expect(rules(perCluster)).toEqual(rules(synthError(full)));
    expect(perCluster).toContain('north');
  });

  test('a name no mesh declares is MESH-TOPO-016 at MeshApp/clusters, naming the value and the declared clusters; nothing is written', () => {
    const app = new MeshApp({ outdir: tmp(), clusters: ['west', 'south'] });
    shop(app);
    const message = synthError(app);
    expect(message).toContain('MESH-TOPO-016 [error] at MeshApp/clusters:');
    expect(message).toContain('Value: "south"');
    expect(message).toContain('The app declares: east, west, north.');
    const empty = new MeshApp({ outdir: tmp(), clusters: [] });
    shop(empty);
    expect(synthError(empty)).toContain('MESH-TOPO-016 [error] at MeshApp/clusters:');
    const env = withEnv({ CDK8S_MESH_CLUSTERS: 'sout' }, () => {
      const a = new MeshApp({ outdir: tmp() });
      shop(a);
      return synthError(a);
    });
    expect(env).toContain('The names come from the environment variable CDK8S_MESH_CLUSTERS.');
  });

  test('the ApplicationSet can synthesize each cluster in its own Application through a config management plugin', () => {
    const app = new MeshApp({ outdir: tmp() });
    const mesh = shop(app);
    new ArgoCdApplicationSet(mesh, 'argocd', { repoUrl: 'https://git.example/mesh.git', path: 'apps/shop', synthPlugin: 'cdk8s-mesh' });
    const appSet = yaml.load(synth(app).text('argocd/applicationset.yaml')) as { spec: { template: { spec: { source: unknown } } } };
    expect(appSet.spec.template.spec.source).toEqual({
      repoURL: 'https://git.example/mesh.git',
      targetRevision: 'HEAD',
      path: 'apps/shop',
      plugin: { name: 'cdk8s-mesh', env: [{ name: 'CDK8S_MESH_CLUSTERS', value: '{{.cluster}}' }] },
    });
  });
});
