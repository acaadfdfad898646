import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { renderInputSchema } from '../../scripts/input-schema-render';

/**
 * Blueprints built on this library are published as jsii packages, so the library itself must
 * compile with jsii and package with jsii-pacmak (`npx projen package`).
 */
test('jsii compiles the library and `projen package` builds the npm tarball', () => {
  const root = path.join(__dirname, '..', '..');
  const projen = path.join(root, 'node_modules', '.bin', 'projen');
  const run = (task: string) => execFileSync(projen, [task], { cwd: root, stdio: 'pipe', env: { ...process.env, CI: 'true' } });
  run('compile');
  // every README and @example snippet compiles with jsii-rosetta in strict mode (it exits non-zero otherwise)
  run('docs:snippets');
  run('package');
  const tarballs = fs.readdirSync(path.join(root, 'dist', 'js')).filter(f => f.endsWith('.tgz'));
  expect(tarballs).toEqual([expect.stringMatching(/^cdk8s-mesh@.*\.jsii\.tgz$/)]);
  const assembly = JSON.parse(fs.readFileSync(path.join(root, '.jsii'), 'utf8'));
  for (const type of ['Mesh', 'MeshCluster', 'IngressGateway', 'TrafficRoute', 'PeerAuth', 'CanaryRelease', 'MeshReport']) {
    expect(Object.keys(assembly.types)).toContain(`cdk8s-mesh.${type}`);
  }
  // the tarball holds the sources its inline source maps name (stack traces point into files that exist), no CI or work files
  const listing = execFileSync('tar', ['-tzf', path.join(root, 'dist', 'js', tarballs[0])], { encoding: 'utf8' }).split('\n');
  expect(listing).toEqual(expect.arrayContaining(['package/lib/index.js', 'package/src/index.ts', 'package/src/facade/mesh-app.ts', 'package/templates/quickstart/main.ts']));
  expect(listing.filter(f => /^package\/(\.ci|wip|scripts|examples|test)\//.test(f))).toEqual([]);
  // the runtime type checks are generated from this assembly (`npx projen schema:inputs`)
  const schema = fs.readFileSync(path.join(root, 'src', 'validation', 'input', 'schema.generated.ts'), 'utf8');
  expect(schema === renderInputSchema(root) ? 'current' : 'stale: run `npx jsii && npx projen schema:inputs`').toBe('current');
}, 600_000);

/**
 * A new user's first run: the README's "Start a new project" recipe with the packed tarball, the quick-start
 * template's package.json resolved from the npm registry, and the real `cdk8s synth`.
 */
test('the quick-start template, installed with the packed library, synthesizes with `cdk8s synth`', () => {
  const root = path.join(__dirname, '..', '..');
  const tarball = fs.readdirSync(path.join(root, 'dist', 'js')).find(f => f.endsWith('.tgz'));
  expect(tarball).toBeDefined();
  const app = fs.mkdtempSync(path.join(os.tmpdir(), 'quickstart-app-'));
  // the template as the tarball ships it (README: cp node_modules/cdk8s-mesh/templates/quickstart/...)
  execFileSync('tar', ['-xzf', path.join(root, 'dist', 'js', tarball!), '-C', app, 'package/templates/quickstart']);
  const template = path.join(app, 'package', 'templates', 'quickstart');
  for (const f of fs.readdirSync(template)) fs.copyFileSync(path.join(template, f), path.join(app, f));
  const pkg = JSON.parse(fs.readFileSync(path.join(app, 'package.json'), 'utf8'));
  pkg.dependencies['cdk8s-mesh'] = `file:${path.join(root, 'dist', 'js', tarball!)}`;
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify(pkg, undefined, 2));
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: app, stdio: 'pipe' });
  execFileSync(path.join(app, 'node_modules', '.bin', 'cdk8s'), ['synth', '--no-check-upgrade'], { cwd: app, stdio: 'pipe' });
  const written = fs.readdirSync(path.join(app, 'dist'));
  expect(written).toEqual(expect.arrayContaining(['cluster1.k8s.yaml', 'cluster2.k8s.yaml', 'mesh-report.md']));
  expect(fs.readFileSync(path.join(app, 'dist', 'cluster2.k8s.yaml'), 'utf8')).toContain('topology.istio.io/network: network2');
}, 600_000);
