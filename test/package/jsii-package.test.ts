import { execFileSync } from 'child_process';
import * as fs from 'fs';
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
  run('package');
  const tarballs = fs.readdirSync(path.join(root, 'dist', 'js')).filter(f => f.endsWith('.tgz'));
  expect(tarballs).toEqual([expect.stringMatching(/^cdk8s-mesh@.*\.jsii\.tgz$/)]);
  const assembly = JSON.parse(fs.readFileSync(path.join(root, '.jsii'), 'utf8'));
  for (const type of ['Mesh', 'MeshCluster', 'IngressGateway', 'TrafficRoute', 'PeerAuth', 'CanaryRelease', 'MeshReport']) {
    expect(Object.keys(assembly.types)).toContain(`cdk8s-mesh.${type}`);
  }
  // the tarball holds the sources its inline source maps name (stack traces point into files that exist), no CI or work files
  const listing = execFileSync('tar', ['-tzf', path.join(root, 'dist', 'js', tarballs[0])], { encoding: 'utf8' }).split('\n');
  expect(listing).toEqual(expect.arrayContaining(['package/lib/index.js', 'package/src/index.ts', 'package/src/facade/mesh-app.ts']));
  expect(listing.filter(f => /^package\/(\.ci|wip|scripts|examples|test)\//.test(f))).toEqual([]);
  // the runtime type checks are generated from this assembly (`npx projen schema:inputs`)
  const schema = fs.readFileSync(path.join(root, 'src', 'validation', 'input', 'schema.generated.ts'), 'utf8');
  expect(schema === renderInputSchema(root) ? 'current' : 'stale: run `npx jsii && npx projen schema:inputs`').toBe('current');
}, 600_000);
