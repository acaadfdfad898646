import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Mesh, MeshApp, MeshService, Protocol, SynthFailure, TrafficRoute } from '../../src';
import { MeshValidationError, inCallerLanguage } from '../../src/validation/format';

/** An app with three mistakes, as a new user writes it (the CLI test below writes the same app as a file). */
function threeMistakes(app: MeshApp): void {
  const mesh = new Mesh(app, 'mesh', { meshId: 'demo', clusters: [{ name: 'c1' }] });
  const reviews = new MeshService(mesh, 'reviews', { name: 'reviews', namespaceName: 'shop', ports: [{ port: 99999, protocol: Protocol.HTTP }] });
  new TrafficRoute(mesh, 'route', { service: reviews, http: [{ destinations: [{ service: reviews, version: 'v9' }] }] });
  new MeshService(mesh, 'ratings', { name: 'ratings', namespaceName: 'shop', ports: [{ port: 15001, protocol: Protocol.HTTP }] });
}

/** Runs `work` with the environment variables set (undefined unsets), then restores them. */
function withEnv<T>(vars: { [name: string]: string | undefined }, work: () => T): T {
  const saved = Object.fromEntries(Object.keys(vars).map(k => [k, process.env[k]]));
  const apply = (values: { [name: string]: string | undefined }) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  apply(vars);
  try {
    return work();
  } finally {
    apply(saved);
  }
}

describe('a failing synth under the cdk8s CLI', () => {
  const outdir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cli-failure-'));

  test('prints the diagnostics and one summary line, sets exit code 1 and writes nothing', () => {
    const dir = outdir();
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const exitCode = process.exitCode;
    try {
      withEnv({ CDK8S_OUTDIR: dir, JSII_AGENT: undefined, CDK8S_MESH_DEBUG: undefined }, () => {
        const app = new MeshApp();
        expect(app.onFailure).toBe(SynthFailure.PRINT);
        threeMistakes(app);
        app.synth();
      });
      expect(process.exitCode).toBe(1);
    } finally {
      spy.mockRestore();
      process.exitCode = exitCode;
    }
    const lines = written.join('').trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('cdk8s-mesh: mesh "mesh" has 3 problem(s); no manifests were written.');
    expect(lines.slice(1).map(l => l.match(/^ {2}- (MESH-[A-Z]+-\d+) \[error\] at (\S+):/)?.slice(1))).toEqual([
      ['MESH-SVC-006', 'mesh/ratings'],
      ['MESH-SVC-002', 'mesh/reviews'],
      ['MESH-ROUTE-001', 'mesh/route/http[0]/destinations'],
    ]);
    expect(written.join('')).not.toMatch(/\bat .*\.(ts|js):\d+|diagnostics:|\[Object\]/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('the real `cdk8s synth` prints the three diagnostics and at most 5 other lines, exits 1 and writes nothing', () => {
    const root = path.join(__dirname, '..', '..');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-app-'));
    const src = path.join(root, 'src').replace(/\\/g, '/');
    fs.writeFileSync(path.join(dir, 'main.ts'), [
      `import { Mesh, MeshApp, MeshService, Protocol, TrafficRoute } from '${src}';`,
      'const app = new MeshApp();',
      "const mesh = new Mesh(app, 'mesh', { meshId: 'demo', clusters: [{ name: 'c1' }] });",
      "const reviews = new MeshService(mesh, 'reviews', { name: 'reviews', namespaceName: 'shop', ports: [{ port: 99999, protocol: Protocol.HTTP }] });",
      "new TrafficRoute(mesh, 'route', { service: reviews, http: [{ destinations: [{ service: reviews, version: 'v9' }] }] });",
      "new MeshService(mesh, 'ratings', { name: 'ratings', namespaceName: 'shop', ports: [{ port: 15001, protocol: Protocol.HTTP }] });",
      'app.synth();',
    ].join('\n'));
    const tsNode = path.join(root, 'node_modules', '.bin', 'ts-node');
    fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), `language: typescript\napp: ${tsNode} --project ${path.join(root, 'test', 'tsconfig.json')} --swc main.ts\n`);
    const run = spawnSync(path.join(root, 'node_modules', '.bin', 'cdk8s'), ['synth', '--no-check-upgrade'], { cwd: dir, encoding: 'utf8' });
    const lines = `${run.stdout}${run.stderr}`.trimEnd().split('\n');
    const diagnostics = lines.filter(l => /^ {2}- MESH-[A-Z]+-\d+ \[error\] at /.test(l));
    expect(run.status).toBe(1);
    expect(diagnostics).toHaveLength(3);
    expect(lines.length - diagnostics.length).toBeLessThanOrEqual(5);
    expect(lines.join('\n')).not.toMatch(/\bat .*\.(ts|js):\d+|diagnostics:|\[Object\]/);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  }, 60_000);

  test('under the CLI an output directory that holds files is kept, and the exit code is 1', () => {
    const dir = outdir();
    fs.writeFileSync(path.join(dir, 'keep.txt'), 'x');
    const exitCode = process.exitCode;
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      withEnv({ CDK8S_OUTDIR: dir, CDK8S_RECORD_CONSTRUCT_METADATA: 'false', JSII_AGENT: undefined, CDK8S_MESH_DEBUG: undefined }, () => {
        const app = new MeshApp();
        threeMistakes(app);
        app.synth();
      });
      expect(process.exitCode).toBe(1);
    } finally {
      spy.mockRestore();
      process.exitCode = exitCode;
    }
    expect(fs.readdirSync(dir)).toEqual(['keep.txt']);
  });

  test.each([
    ['a debug run', { CDK8S_OUTDIR: '/tmp/x', JSII_AGENT: undefined, CDK8S_MESH_DEBUG: '1' }],
    ['a jsii host (Python, Java, …), whose exception must reach the caller', { CDK8S_OUTDIR: '/tmp/x', JSII_AGENT: 'Python/3.11.7', CDK8S_MESH_DEBUG: undefined }],
    ['a program not run by the CLI', { CDK8S_OUTDIR: undefined, JSII_AGENT: undefined, CDK8S_MESH_DEBUG: undefined }],
  ])('throws in %s', (_name, env) => {
    withEnv(env, () => {
      const app = new MeshApp({ outdir: outdir() });
      expect(app.onFailure).toBe(SynthFailure.THROW);
      threeMistakes(app);
      expect(() => app.synth()).toThrow(MeshValidationError);
    });
  });
});

describe('fix texts name the API as the caller spells it', () => {
  const fix = 'Declare it (`versions` or `addVersion()`), set `policyScope: PolicyScope.NAMESPACE`, or read `mesh.configClusters`.';

  test.each([
    ['python', 'Declare it (`versions` or `add_version()`), set `policy_scope=PolicyScope.NAMESPACE`, or read `mesh.config_clusters`.'],
    ['dotnet', 'Declare it (`Versions` or `AddVersion()`), set `PolicyScope: PolicyScope.NAMESPACE`, or read `mesh.ConfigClusters`.'],
    ['go', 'Declare it (`Versions` or `AddVersion()`), set `PolicyScope: PolicyScope.NAMESPACE`, or read `mesh.ConfigClusters`.'],
    ['java', fix],
    [undefined, fix],
  ])('%s', (language, expected) => {
    expect(inCallerLanguage(fix, language)).toBe(expected);
  });

  test('a Python caller sees Python names in the thrown error', () => {
    withEnv({ JSII_AGENT: 'Python/3.11.7', CDK8S_OUTDIR: undefined }, () => {
      const app = new MeshApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cli-failure-')) });
      threeMistakes(app);
      expect(() => app.synth()).toThrow(/`add_version\(\)`/);
    });
  });
});
