import * as fs from 'fs';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import * as v8 from 'v8';
import * as vm from 'vm';
import { ApiObject, App, Chart, JsonPatch, Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { MeshApp } from '../../src';
import { renderedApiObjects, renderedJson } from '../../src/core/rendered';
import { VirtualService, VirtualServiceSpec } from '../../src/imports/networking.istio.io';
import { MeshCluster } from '../../src/topology/cluster';
import { MeshCore } from '../../src/topology/mesh-core';
import { testApp } from '../util';

/**
 * Objects of one generated class rendered from one spec object (a route's VirtualService in each cluster) share
 * their serialized spec. These tests prove each manifest is still exactly what cdk8s's `toJson()` returns, key
 * order included, and that sharing happens only where it is sound.
 */

/** cdk8s's own manifest of the object (no plain path), with key order and undefined kept visible. */
function standardText(obj: ApiObject): string {
  return JSON.stringify(obj.toJson(), (_k, v: unknown) => (v === undefined ? '<undefined>' : v));
}

function expectManifestAsCdk8s(obj: ApiObject): void {
  const text = standardText(obj);
  const json = renderedJson(obj);
  expect(JSON.stringify(json, (_k, v: unknown) => (v === undefined ? '<undefined>' : v))).toEqual(text);
  expect(isDeepStrictEqual(json, obj.toJson())).toBe(true);
}

const spec = (): VirtualServiceSpec => ({
  hosts: ['reviews'],
  http: [{ match: [{ headers: { 'end-user': { exact: 'jason' } } }], route: [{ destination: { host: 'reviews', subset: 'v2' }, weight: 10 }] }],
});

function twoCharts(): [Chart, Chart] {
  const app = new App();
  return [new Chart(app, 'a'), new Chart(app, 'b')];
}

test('VirtualServices of one spec object share its serialized spec, each with its own metadata', () => {
  const [a, b] = twoCharts();
  const shared = spec();
  const first = new VirtualService(a, 'vs', { metadata: { name: 'reviews', namespace: 'bookinfo', labels: { z: '1', a: '2' } }, spec: shared });
  const second = new VirtualService(b, 'vs', { metadata: { name: 'reviews', namespace: 'other', annotations: { note: 'x' } }, spec: shared });
  expectManifestAsCdk8s(first);
  expectManifestAsCdk8s(second);
  expect(renderedJson(second).spec).toBe(renderedJson(first).spec);
  expect(renderedJson(second).metadata).toEqual({ annotations: { note: 'x' }, name: 'reviews', namespace: 'other' });
});

test('objects of equal but distinct spec objects, of another class, with patches, owner references or extra metadata are serialized each by itself', () => {
  const [a, b] = twoCharts();
  const shared = spec();
  const first = new VirtualService(a, 'vs', { metadata: { name: 'r' }, spec: shared });
  const equal = new VirtualService(b, 'equal', { metadata: { name: 'r' }, spec: spec() });
  const patched = new VirtualService(b, 'patched', { metadata: { name: 'p' }, spec: shared });
  patched.addJsonPatch(JsonPatch.replace('/spec/hosts/0', 'ratings'));
  const owned = new VirtualService(b, 'owned', {
    metadata: { name: 'o', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: '1' }] },
    spec: shared,
  });
  const extra = new VirtualService(b, 'extra', { metadata: { name: 'e', generateName: 'e-' }, spec: shared });
  class Custom extends VirtualService {
    public toJson(): any {
      const json = super.toJson();
      return { ...json, spec: { ...json.spec, gateways: ['mesh'] } };
    }
  }
  const custom = new Custom(b, 'custom', { metadata: { name: 'c' }, spec: shared });
  for (const obj of [first, equal, patched, owned, extra, custom]) expectManifestAsCdk8s(obj);
  for (const obj of [equal, patched, owned, extra, custom]) expect(renderedJson(obj).spec).not.toBe(renderedJson(first).spec);
  expect(renderedJson(patched).spec).toMatchObject({ hosts: ['ratings'] });
  expect(renderedJson(custom).spec).toMatchObject({ gateways: ['mesh'] });
});

test('a spec holding a token is resolved for every object (its value may differ between them)', () => {
  const [a, b] = twoCharts();
  let calls = 0;
  const shared: VirtualServiceSpec = { hosts: [Lazy.any({ produce: () => `host-${++calls}` })] as unknown as string[] };
  const first = new VirtualService(a, 'vs', { metadata: { name: 'r' }, spec: shared });
  const second = new VirtualService(b, 'vs', { metadata: { name: 'r' }, spec: shared });
  expect(renderedJson(first).spec).toEqual({ hosts: ['host-1'] });
  expect(renderedJson(second).spec).toEqual({ hosts: ['host-2'] });
});

test('Kubernetes objects of cdk8s-plus (their metadata mapped by toJson_ObjectMeta) share a spec as cdk8s writes it', () => {
  const [a, b] = twoCharts();
  const shared: k8s.ServiceSpec = { selector: { app: 'reviews' }, ports: [{ name: 'http', port: 9080, targetPort: k8s.IntOrString.fromNumber(9080) }] };
  const first = new k8s.KubeService(a, 'svc', { metadata: { name: 'reviews', labels: { b: '1', a: '1' }, finalizers: ['f'] }, spec: shared });
  const second = new k8s.KubeService(b, 'svc', { metadata: { name: 'reviews', namespace: 'x' }, spec: shared });
  expectManifestAsCdk8s(first);
  expectManifestAsCdk8s(second);
  expect(renderedJson(second).spec).toBe(renderedJson(first).spec);
});

test('every object of every example: the manifest the library computes (shared specs included) is cdk8s\'s toJson()', () => {
  const examplesDir = path.join(__dirname, '..', '..', 'examples');
  const names = (folder: string) => fs.readdirSync(path.join(examplesDir, folder))
    .filter(f => f.endsWith('.ts')).map(f => path.join(folder, f.replace(/\.ts$/, '')));
  let objects = 0;
  let shared = 0;
  for (const name of [...names(''), ...names('topologies')].sort()) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const example = require(path.join(examplesDir, name));
    const stages: string[] = Array.isArray(example.stages) && typeof example.buildStage === 'function' ? example.stages : [];
    const apps: MeshApp[] = stages.length ? stages.map(stage => example.buildStage(testApp(), stage)) : [example.build(testApp())];
    for (const app of apps) {
      const meshes = app.node.findAll().filter((c): c is MeshCore => c instanceof MeshCore);
      for (const mesh of meshes) mesh._serializeManifests();
      const specs = new Set<unknown>();
      for (const cluster of app.node.findAll().filter((c): c is MeshCluster => MeshCluster.isMeshCluster(c))) {
        for (const obj of renderedApiObjects(cluster)) {
          expectManifestAsCdk8s(obj);
          objects++;
          const s = renderedJson(obj).spec;
          if (typeof s === 'object' && s !== null) {
            if (specs.has(s)) shared++;
            specs.add(s);
          }
        }
      }
    }
  }
  expect(objects).toBeGreaterThan(400);
  expect(shared).toBeGreaterThan(10);
});

test('once synthesis returns, nothing the library keeps refers to the app (its objects can be collected)', async () => {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  let app: MeshApp | undefined = testApp();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(__dirname, '..', '..', 'examples', 'tcm-quickstart')).build(app);
  app.synth();
  const ref = new WeakRef(app);
  app = undefined;
  await new Promise(resolve => setTimeout(resolve, 0)); // a WeakRef keeps its target until the job ends
  gc();
  expect(ref.deref()).toBeUndefined();
});
