import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkDirectory } from '../conformance';

/** templates/quickstart, the app a new user copies (README "Start a new project"), run as its cdk8s.yaml runs it. */
test('the quick-start template synthesizes a two-cluster mesh that passes the harness', () => {
  const root = path.join(__dirname, '..', '..');
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'quickstart-'));
  execFileSync(path.join(root, 'node_modules', '.bin', 'ts-node'), ['--project', path.join(root, 'test', 'tsconfig.json'), '--swc', 'main.ts'], {
    cwd: path.join(root, 'templates', 'quickstart'),
    env: { ...process.env, CDK8S_OUTDIR: outdir },
    stdio: 'pipe',
  });
  const files = checkDirectory(outdir);
  expect([...files.keys()].filter(f => f.endsWith('.k8s.yaml'))).toEqual(['cluster1.k8s.yaml', 'cluster2.k8s.yaml']);
  for (const [cluster, network] of [['cluster1', 'network1'], ['cluster2', 'network2']]) {
    const docs = files.get(`${cluster}.k8s.yaml`)!;
    const find = (kind: string, name: string) => docs.find(d => d.kind === kind && d.metadata.name === name);
    expect(find('Namespace', 'istio-system').metadata.labels['topology.istio.io/network']).toBe(network);
    const route = find('VirtualService', 'reviews').spec.http[0].route;
    expect(route.map((r: any) => [r.destination.subset, r.weight])).toEqual([['v1', 90], ['v2', 10]]);
    expect(find('PeerAuthentication', 'default').spec.mtls.mode).toBe('STRICT');
  }
}, 60_000);
