import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject } from 'cdk8s';
import { buildMesh } from '../../scripts/bench/build-mesh';
import { BenchSize } from '../../scripts/bench/sizes';
import { MeshApp } from '../../src';

/**
 * Synthesis does work proportional to the mesh: counted, not timed (the timings are `npm run bench`'s). Every object
 * is serialized once for validation, artifacts, the report and the manifests together, at any size.
 */

function objectsAndSerializations(services: number, clusters: number): { objects: number; toJsonCalls: number } {
  const size: BenchSize = { name: 'S', clusters, services, networks: 2, regions: 2, servicesPerNamespace: 10, runs: 1 };
  const app = new MeshApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-mesh-work-')) });
  buildMesh(app, size);
  const spy = jest.spyOn(ApiObject.prototype, 'toJson');
  try {
    app.synth();
    const objects = app.node.findAll().filter(c => c instanceof ApiObject).length;
    return { objects, toJsonCalls: spy.mock.calls.length };
  } finally {
    spy.mockRestore();
  }
}

test('every object is serialized exactly once per synthesis, whatever the size of the mesh', () => {
  const small = objectsAndSerializations(20, 2);
  const large = objectsAndSerializations(80, 4);
  expect(large.objects).toBeGreaterThan(4 * small.objects - 50);
  expect(small.toJsonCalls).toBe(small.objects);
  expect(large.toJsonCalls).toBe(large.objects);
});
