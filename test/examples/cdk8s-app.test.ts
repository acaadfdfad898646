import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkDirectory } from '../conformance';

test('`cdk8s synth` runs the examples/cdk8s-app app with the cdk8s CLI', () => {
  const root = path.join(__dirname, '..', '..');
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-mesh-cli-'));
  execFileSync(path.join(root, 'node_modules', '.bin', 'cdk8s'), ['synth', '--output', outdir], {
    cwd: path.join(root, 'examples', 'cdk8s-app'),
    stdio: 'pipe',
  });
  const files = checkDirectory(outdir);
  expect([...files.keys()].filter(f => f.endsWith('.k8s.yaml'))).toEqual(['mdemo-cluster1.k8s.yaml', 'mdemo-cluster2.k8s.yaml', 'mdemo-cluster3.k8s.yaml', 'mdemo-mesh-hosted.k8s.yaml']);
  // the harness checked the artifacts too, the ApplicationSet against Argo CD's CRD among them
  expect(files.get('argocd/applicationset.yaml')?.map(d => d.kind)).toEqual(['ApplicationSet']);
  expect(fs.existsSync(path.join(outdir, 'mesh-report.md'))).toBe(true);
  expect(fs.readFileSync(path.join(outdir, 'argocd', 'applicationset.yaml'), 'utf8')).toContain('kind: ApplicationSet');
}, 60_000);
