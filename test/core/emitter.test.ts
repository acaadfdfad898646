import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import * as yaml from 'yaml';
import { build } from '../../examples/multicloud-three-networks';
import { MeshApp } from '../../src';
import { stringifyDocuments } from '../../src/core/yaml';
import { synth } from '../util';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-mesh-emitter-'));

/** kubectl reads manifests as YAML 1.1, as cdk8s writes them. */
const readAsKubectl = (text: string) => yaml.parseAllDocuments(text, { version: '1.1' }).map(d => d.toJSON());

test('the fast emitter writes the same files and objects as standard cdk8s synth', () => {
  const fast = synth(build(new MeshApp({ outdir: tmp() })));
  const standard = synth(build(new MeshApp({ outdir: tmp(), fastEmitter: false })));
  expect(fast.clusterNames).toEqual(standard.clusterNames);
  expect(fast.clusterNames).toEqual(['mdemo-cluster1', 'mdemo-cluster2', 'mdemo-cluster3', 'mdemo-mesh-hosted']);
  for (const cluster of fast.clusterNames) {
    const file = `${cluster}.k8s.yaml`;
    expect(readAsKubectl(fast.text(file))).toEqual(readAsKubectl(standard.text(file)));
  }
});

test('strings YAML 1.1 would read as booleans, numbers or null stay strings', () => {
  const tricky = ['yes', 'no', 'on', 'off', 'y', 'n', 'true', 'null', '~', '010', '0x1f', '1e3', '1_000', '12:30', '190:20:30', '0b101', '1.5_0', '+1', '-.inf', '.NaN', 'NULL', 'Off', 'Y', '.5', '', ' lead', 'a: b', '#c', '- x', '*', '@x'];
  const data = Object.fromEntries(tricky.map((v, i) => [`k${i}`, v]));
  const doc = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { y: 'n' } }, data };
  expect(readAsKubectl(stringifyDocuments([doc]))).toEqual([doc]);
});

test('the fast emitter falls back to cdk8s synth when charts depend on each other', () => {
  const app = new MeshApp({ outdir: tmp() });
  const a = new Chart(app, 'a');
  const b = new Chart(app, 'b');
  new ApiObject(a, 'x', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
  new ApiObject(b, 'y', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'y' } });
  b.addDependency(a);
  app.synth();
  // cdk8s numbers dependent charts; the fast path would not, so it must not have been used
  expect(fs.readdirSync(app.outdir).filter(f => !f.startsWith('.')).sort()).toEqual(['0000-a.k8s.yaml', '0001-b.k8s.yaml']);
  expect(app instanceof App).toBe(true);
});
