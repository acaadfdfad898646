/**
 * The runtime input checks are installed by the package's index (src/index.ts: `installInputChecks`), so every
 * public class must be reached through it: the package has one entry point, Node refuses to load any module under
 * lib/ on its own, and the index exports every class and enum of the `.jsii` assembly.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as api from '../../src';
import { INPUT_SCHEMA } from '../../src/validation/input/schema.generated';

const root = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

test('package.json exports the index only (and the manifests tools read)', () => {
  expect(pkg.exports).toEqual({
    '.': { types: './lib/index.d.ts', default: './lib/index.js' },
    './.jsii': './.jsii',
    './package.json': './package.json',
  });
  expect([pkg.main, pkg.types]).toEqual(['lib/index.js', 'lib/index.d.ts']);
});

test('Node resolves the package to the index and refuses a module under lib/', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-mesh-exports-'));
  const installed = path.join(dir, 'node_modules', pkg.name);
  fs.mkdirSync(path.join(installed, 'lib', 'traffic'), { recursive: true });
  fs.writeFileSync(path.join(installed, 'package.json'), JSON.stringify(pkg));
  fs.writeFileSync(path.join(installed, '.jsii'), '{}');
  for (const file of ['lib/index.js', 'lib/traffic/traffic-route.js']) fs.writeFileSync(path.join(installed, file), 'module.exports = {};');
  // Node itself (not jest's resolver) resolves each request from an app next to the installed package
  const requests = [pkg.name, `${pkg.name}/package.json`, `${pkg.name}/lib/traffic/traffic-route`, `${pkg.name}/lib/traffic/traffic-route.js`, `${pkg.name}/lib/index`];
  const script = `for (const r of ${JSON.stringify(requests)}) { try { console.log(require.resolve(r)); } catch (e) { console.log(e.code); } }`;
  const lines = execFileSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8' }).trim().split('\n');
  const real = (file: string) => fs.realpathSync(path.join(installed, file));
  expect(lines).toEqual([real('lib/index.js'), real('package.json'), 'ERR_PACKAGE_PATH_NOT_EXPORTED', 'ERR_PACKAGE_PATH_NOT_EXPORTED', 'ERR_PACKAGE_PATH_NOT_EXPORTED']);
});

test('the index exports every class and enum of the assembly, and declares no jsii submodule', () => {
  const exported = api as unknown as Record<string, unknown>;
  const missing = Object.entries(INPUT_SCHEMA)
    .filter(([fqn, schema]) => fqn.startsWith('cdk8s-mesh.') && (schema.kind === 'class' || schema.kind === 'enum'))
    .map(([fqn]) => fqn.slice('cdk8s-mesh.'.length))
    .filter(name => name.includes('.') || exported[name] === undefined);
  expect(missing).toEqual([]);
  expect(fs.readFileSync(path.join(root, 'src', 'index.ts'), 'utf8')).not.toMatch(/export \* as /);
});
