import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { main, migrate } from '../../src/facade/migrate';
import { synth, testApp } from '../util';
import { byKey } from './normalize';

const root = path.join(__dirname, '..', '..');
const FIXTURES = path.join(__dirname, 'fixtures', 'migrate');

/** Every YAML fixture under test/: folders of YAML files, one folder per cluster, grouped by their parent folder. */
function fixtureSets(): Array<[string, string[]]> {
  const sets = new Map<string, Set<string>>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {walk(full);} else if (/\.ya?ml$/.test(entry.name)) {
        const set = sets.get(path.dirname(dir)) ?? new Set<string>();
        set.add(dir);
        sets.set(path.dirname(dir), set);
      }
    }
  };
  walk(path.join(root, 'test'));
  return [...sets.entries()].map(([parent, dirs]) => [path.relative(root, parent), [...dirs].sort()]);
}

function inputObjects(dir: string): any[] {
  return fs.readdirSync(dir).filter(f => /\.ya?ml$/.test(f)).sort()
    .flatMap(f => yaml.loadAll(fs.readFileSync(path.join(dir, f), 'utf8')) as any[]).filter(Boolean);
}

/** Writes the migrated app under .tmp/ (inside the project, so the `cdk8s-mesh` import maps to src/). */
function writeApp(dirs: string[], name: string): string {
  const out = path.join(root, '.tmp', `migrated-${name.replace(/[^a-z0-9]+/gi, '-')}`);
  fs.rmSync(out, { recursive: true, force: true });
  const code = main(['migrate', ...dirs, '--out', out]);
  expect(code).toBe(0);
  return out;
}

describe('cdk8s-mesh migrate', () => {
  const sets = fixtureSets();

  test('there are YAML fixtures to round-trip', () => {
    expect(sets.map(([name]) => name)).toEqual(expect.arrayContaining([path.join('test', 'brownfield', 'fixtures', 'migrate'),
      path.join('test', 'brownfield', 'fixtures', 'istio-samples', 'bookinfo-all-v1'), path.join('test', 'brownfield', 'fixtures', 'istio-samples', 'multicluster-helloworld')]));
  });

  test.each(sets)('round-trips %s: migrating then synthesizing gives the same objects (after normalization)', (name, dirs) => {
    const out = writeApp(dirs, name);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const generated = require(path.join(out, 'main.ts')) as { build: (app: any) => unknown };
    const app = testApp();
    generated.build(app);
    const result = synth(app);
    for (const dir of dirs) {
      const cluster = path.basename(dir);
      const input = inputObjects(dir);
      const ownRoot = input.some(o => o.kind === 'Namespace' && o.metadata.name === 'istio-system');
      // The mesh writes its root Namespace (istio-system); nothing else is added.
      const output = result.cluster(cluster).filter(o => ownRoot || !(o.kind === 'Namespace' && o.metadata.name === 'istio-system'));
      const expected = byKey(input);
      const actual = byKey(output);
      expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [key, object] of expected) {
        const got = actual.get(key);
        expect({ key, spec: got.spec ?? null, data: got.data ?? null, labels: got.metadata.labels ?? null })
          .toEqual({ key, spec: object.spec ?? null, data: object.data ?? null, labels: object.metadata.labels ?? null });
      }
    }
  });

  test('maps Gateways, mesh routes with their DestinationRules and ServiceEntries to constructs, and reports every object kept raw', () => {
    const result = migrate([path.join(FIXTURES, 'east'), path.join(FIXTURES, 'west')]);
    const mainTs = result.files.get('main.ts')!;
    expect(mainTs).toContain('IngressGateway.fromExisting(mesh, "eastIngressgateway", { name: "istio-ingressgateway", selector: {"istio":"ingressgateway"}');
    expect(mainTs).toContain('.addListener("shop-shop-gateway", { name: "shop-gateway", namespaceName: "shop"');
    expect(mainTs).toContain('MeshService.fromIncluded(mesh, "eastShopReviews", mesh.cluster("east"), \'Service\', "shop", "reviews"');
    expect(mainTs).toContain('{ name: "jason", match: [{ headers: { "end-user": StringMatch.exact("jason") } }], destinations: [{ version: "v2" }] }');
    expect(mainTs).toContain('timeout: Duration.seconds(5)');
    expect(mainTs).toContain('new ExternalService(mesh, "shopHttpbinEntry", { name: "httpbin", host: "httpbin.org"');
    const kept = result.kept.map(k => `${k.cluster}/${k.kind}/${k.name}`);
    expect(kept).toEqual(expect.arrayContaining([
      'east/VirtualService/shop', 'east/DestinationRule/ratings', 'east/AuthorizationPolicy/ratings-conditional',
      'east/Service/reviews', 'east/Deployment/reviews-v1', 'west/ConfigMap/reviews-settings',
    ]));
    expect(kept).not.toEqual(expect.arrayContaining(['east/VirtualService/reviews', 'east/DestinationRule/reviews', 'east/Gateway/shop-gateway', 'west/ServiceEntry/httpbin',
      'east/PeerAuthentication/default', 'east/AuthorizationPolicy/reviews-viewers', 'east/AuthorizationPolicy/deny-other-namespaces']));
    expect(mainTs).toContain('new AuthorizationPolicy(mesh, "eastShopReviewsViewersAuthz", { name: "reviews-viewers", namespaceName: "shop", selector: {"app":"reviews"}');
    expect(mainTs).toContain('PeerAuth.namespaceWide(mesh, "eastShopDefaultPeerAuth", "shop", MtlsMode.STRICT, { name: "default", clusters: ["east"] });');
    const report = result.files.get('MIGRATION.md')!;
    for (const k of result.kept) expect(report).toContain(`| ${k.cluster} | ${k.kind} | ${k.namespace} | ${k.name} | ${k.reason} |`);
    expect(report).toContain('a DestinationRule is mapped only when it has subsets of labels and no traffic policy');
    expect([...result.files.keys()]).toEqual(expect.arrayContaining(['main.ts', 'cdk8s.yaml', 'package.json', 'tsconfig.json', 'MIGRATION.md']));
  });

  test.each(sets)('%s: MIGRATION.md lists every object kept raw, with its reason', (_name, dirs) => {
    const result = migrate(dirs);
    const report = result.files.get('MIGRATION.md')!;
    expect(report).toContain(`${result.kept.length} object(s) kept as written`);
    for (const k of result.kept) {
      expect(k.reason.length).toBeGreaterThan(0);
      expect(report).toContain(`| ${k.cluster} | ${k.kind} | ${k.namespace} | ${k.name} | ${k.reason} |`);
    }
    const rawFiles = [...result.files.keys()].filter(f => f.startsWith('manifests/'));
    expect(rawFiles).toHaveLength(result.kept.length);
  });

  test('every generated app type-checks (one tsc run over the apps of every fixture set)', () => {
    const outs = sets.map(([name, dirs]) => writeApp(dirs, name));
    const tsconfig = path.join(root, '.tmp', 'tsconfig.migrated.json');
    fs.writeFileSync(tsconfig, JSON.stringify({ extends: '../test/tsconfig.json', include: outs.map(o => `${path.relative(path.dirname(tsconfig), o)}/main.ts`) }));
    execFileSync(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', tsconfig], { cwd: root, stdio: 'pipe' });
  }, 300_000);

  test('maps fault injection with explicit percentages (bookinfo ratings test delay and abort)', () => {
    const sample = (name: string) => path.join(__dirname, 'fixtures', 'istio-samples', name, 'cluster1');
    const delay = migrate([sample('bookinfo-ratings-test-delay')]);
    expect(delay.files.get('main.ts')).toContain('fault: { delay: { fixedDelay: Duration.seconds(7), percentage: 100 } }');
    expect(delay.kept.map(k => `${k.kind}/${k.name}`)).not.toContain('VirtualService/ratings');
    const abort = migrate([sample('bookinfo-ratings-test-abort')]);
    expect(abort.files.get('main.ts')).toContain('fault: { abort: { httpStatus: 500, percentage: 100 } }');
    expect(abort.kept.map(k => `${k.kind}/${k.name}`)).not.toContain('VirtualService/ratings');
  });

  test('a cluster whose objects all map includes no manifests folder; a Gateway protocol not spelled as Istio documents it stays raw', () => {
    const peer = migrate([path.join(__dirname, 'fixtures', 'seed-001', '12-peerauthentication-base-strict', 'cluster1')]);
    expect(peer.kept).toEqual([]);
    expect(peer.files.get('main.ts')).not.toContain('includeManifests');
    const gateway = migrate([path.join(__dirname, 'fixtures', 'seed-002', '17-gateway-helloworld-gateway', 'cluster1')]);
    expect(gateway.kept.map(k => `${k.kind}/${k.name}`)).toEqual(['Gateway/helloworld-gateway']);
    expect(gateway.kept[0].reason).toContain('protocol spelled as Istio documents it');
  });

  test('usage: a wrong command line prints the usage and exits 2', () => {
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(main(['migrate', 'a'])).toBe(2);
    expect(main(['convert', 'a', '--out', 'b'])).toBe(2);
    expect(write).toHaveBeenCalledWith('usage: cdk8s-mesh migrate <cluster-dir>... --out <app-dir>\n');
    write.mockRestore();
  });
});
