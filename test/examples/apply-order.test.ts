/**
 * `kubectl apply -f <cluster>.k8s.yaml` on an empty cluster: every example's manifest, applied in file
 * order to a store that refuses what the API server would refuse on a first run.
 */
import { ApiObject, Chart, Testing } from 'cdk8s';
import { synthesizeExamples } from './all-examples';
import { Mesh } from '../../src';
import { applyOrder } from '../../src/core/apply-order';
import { chartObjects } from '../../src/facade/emitter';
import { testApp } from '../util';

/** Namespaces of an empty cluster. */
const BUILT_IN_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/**
 * An API server's object store: a namespaced object needs its Namespace, an object of a kind defined by a
 * CRD in the same manifest needs that CRD. Istio's CRDs are installed by istioctl/Helm before the manifest.
 */
class ObjectStore {
  private readonly namespaces = new Set(BUILT_IN_NAMESPACES);
  private readonly definedKinds = new Set<string>();
  public readonly refused: string[] = [];

  constructor(private readonly manifestCrds: Set<string>) {}

  public apply(obj: any): void {
    const group = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '';
    const id = `${obj.kind} ${obj.metadata?.namespace ?? ''}/${obj.metadata?.name}`;
    const type = `${group}/${obj.kind}`;
    if (this.manifestCrds.has(type) && !this.definedKinds.has(type)) this.refused.push(`${id}: no CRD for ${type} yet`);
    else if (obj.metadata?.namespace !== undefined && !this.namespaces.has(obj.metadata.namespace)) this.refused.push(`${id}: namespace "${obj.metadata.namespace}" not found`);
    if (obj.kind === 'Namespace') this.namespaces.add(obj.metadata.name);
    if (obj.kind === 'CustomResourceDefinition') this.definedKinds.add(`${obj.spec.group}/${obj.spec.names.kind}`);
  }
}

function crdsIn(objects: any[]): Set<string> {
  return new Set(objects.filter(o => o.kind === 'CustomResourceDefinition').map(o => `${o.spec.group}/${o.spec.names.kind}`));
}

describe('every example applies to an empty cluster in file order', () => {
  const examples = synthesizeExamples();
  const manifests = examples.flatMap(e => e.out.clusterNames.map(c => ({ name: `${e.name}/${c}.k8s.yaml`, objects: e.out.cluster(c) })));

  test('there are manifests to check', () => {
    expect(manifests.length).toBeGreaterThan(30);
  });

  test.each(manifests.map(m => [m.name, m.objects] as [string, any[]]))('%s: nothing refused', (_name, objects) => {
    const store = new ObjectStore(crdsIn(objects));
    for (const obj of objects) store.apply(obj);
    expect(store.refused).toEqual([]);
  });
});

describe('apply order', () => {
  const ns = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  const cm = (name: string, namespace: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace } });
  const crd = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.acme.io' }, spec: { group: 'acme.io', scope: 'Cluster', names: { kind: 'Widget' } } };
  const widget = { apiVersion: 'acme.io/v1', kind: 'Widget', metadata: { name: 'w' } };
  const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' } };

  test('Namespaces and CRDs, then cluster-scoped (known kinds and Cluster-scoped CRD kinds), then namespaced; stable within groups', () => {
    const input = [cm('a', 'x'), widget, ns('x'), role, cm('b', 'y'), crd, ns('y')];
    expect(applyOrder(input)).toEqual([ns('x'), crd, ns('y'), widget, role, cm('a', 'x'), cm('b', 'y')]);
  });

  test('a namespaced kind with a cluster-scoped name elsewhere stays namespaced (group matters)', () => {
    const other = { apiVersion: 'acme.io/v1', kind: 'ClusterRole', metadata: { name: 'c', namespace: 'x' } };
    expect(applyOrder([other, role, ns('x')])).toEqual([ns('x'), role, other]);
  });

  test('a user\'s cdk8s object written before its Namespace is applied after it, by both emitter paths', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'c1' }] });
    const cluster = mesh.cluster('c1');
    new ApiObject(cluster, 'user-config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'sample' } });
    mesh.addNamespace('sample');
    mesh.prepare();
    const names = (objs: any[]) => objs.map(o => `${o.kind}/${o.metadata.name}`);
    const fast = names(chartObjects(cluster));
    expect(fast.indexOf('Namespace/sample')).toBeLessThan(fast.indexOf('ConfigMap/cfg'));
    expect(names(cluster.toJson())).toEqual(fast);
    // a chart that is not a cluster keeps cdk8s's order
    const plain = new Chart(Testing.app(), 'plain');
    new ApiObject(plain, 'a', cm('a', 'x'));
    new ApiObject(plain, 'b', role);
    expect(names(chartObjects(plain))).toEqual(['ConfigMap/a', 'ClusterRole/r']);
  });
});
