/**
 * Synthesis as a whole: every problem of every mesh in one error, internal failures reported against
 * their construct, and output replaced only when everything rendered.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Construct } from 'constructs';
import { Mesh, MeshApp, MeshService, Protocol, TrafficRoute } from '../../src';
import { WRITTEN_FILES_MANIFEST } from '../../src/core/output';
import { MeshValidationError } from '../../src/validation/format';
import { snapshot } from '../experience/mistakes/harness';
import { errorOf, synth, testApp } from '../util';

function shop(app: MeshApp, id = 'mesh', clusters = ['prod']) {
  const mesh = new Mesh(app, id, { meshId: id, clusters: clusters.map(name => ({ name })) });
  mesh.addNamespace('shop');
  const reviews = new MeshService(mesh, 'reviews', {
    name: 'reviews',
    namespaceName: 'shop',
    ports: [{ port: 9080, protocol: Protocol.HTTP }],
    versions: [{ name: 'v1', labels: { version: 'v1' } }],
  });
  return { mesh, reviews };
}

/** A construct whose rendering hits a library bug. */
class Broken extends Construct {
  constructor(scope: Construct, id: string, phase: 'render' | 'validate') {
    super(scope, id);
    const fail = () => { throw new TypeError('duration.toMilliseconds is not a function'); };
    Mesh.of(this)._onSynth(this, phase === 'render' ? fail : undefined, phase === 'validate' ? fail : undefined);
  }
}

describe('no raw crash', () => {
  test.each(['render', 'validate'] as const)('an exception while a construct %ss is MESH-CORE-001 at its path, with the other problems', phase => {
    const app = testApp();
    const { mesh, reviews } = shop(app);
    new Broken(mesh, 'broken', phase);
    new TrafficRoute(mesh, 'route', { service: reviews, http: [{ destinations: [{ version: 'v9' }] }] });
    const error = errorOf(() => app.synth());
    expect(error).toContain('MESH-CORE-001 [error] at mesh/broken:');
    expect(error).toContain('Value: "duration.toMilliseconds is not a function"');
    expect(error).toContain('bug in cdk8s-mesh');
    expect(error).toContain('Fix: Report it to the cdk8s-mesh maintainers');
    expect(error).toContain('MESH-ROUTE-001 [error] at mesh/route/http[0]/destinations:');
    expect(fs.readdirSync(app.outdir)).toEqual([]);
  });

  test('an artifact producer that throws fails synthesis without writing anything', () => {
    const app = testApp();
    const { mesh } = shop(app);
    mesh._addArtifact('plan.md', () => { throw new RangeError('bad plan'); });
    const error = errorOf(() => app.synth());
    expect(error).toContain('MESH-CORE-001 [error] at mesh: ');
    expect(error).toContain('Value: "bad plan"');
    expect(fs.readdirSync(app.outdir)).toEqual([]);
  });
});

describe('every mesh in one error', () => {
  test('the problems of two meshes are reported together, sorted by construct path, each once', () => {
    const app = testApp();
    const b = shop(app, 'b-mesh', ['b1']);
    const a = shop(app, 'a-mesh', ['a1']);
    new TrafficRoute(b.mesh, 'route', { service: b.reviews, http: [{ destinations: [{ version: 'v7' }] }] });
    new TrafficRoute(a.mesh, 'route', { service: a.reviews, http: [{ destinations: [{ version: 'v8' }] }] });
    let thrown: unknown;
    try { app.synth(); } catch (e) { thrown = e; }
    expect(thrown).toBeInstanceOf(MeshValidationError);
    const error = thrown as MeshValidationError;
    expect(error.message).toMatch(/^cdk8s-mesh: meshes "b-mesh", "a-mesh" have 2 problem\(s\); no manifests were written\./);
    expect(error.diagnostics.map(d => `${d.rule.id} ${d.path} ${d.value}`)).toEqual([
      'MESH-ROUTE-001 a-mesh/route/http[0]/destinations "v8"',
      'MESH-ROUTE-001 b-mesh/route/http[0]/destinations "v7"',
    ]);
    expect(fs.readdirSync(app.outdir)).toEqual([]);
  });

  test('a mesh without clusters is an error, not an empty success (MESH-CORE-007)', () => {
    const app = testApp();
    new Mesh(app, 'empty', { meshId: 'empty' });
    const error = errorOf(() => app.synth());
    expect(error).toContain('MESH-CORE-007 [error] at empty:');
    expect(error).toContain('Value: "empty"');
    expect(error).toContain('Fix: Pass `clusters: [{ name: "cluster-1" }]`');
    expect(fs.readdirSync(app.outdir)).toEqual([]);
  });
});

describe('atomic output', () => {
  test('a second synth removes the files the first wrote that are no longer produced, and keeps foreign files', () => {
    const first = testApp();
    shop(first, 'mesh', ['east', 'west']);
    synth(first);
    const outdir = first.outdir;
    expect(fs.existsSync(path.join(outdir, 'west.k8s.yaml'))).toBe(true);
    fs.writeFileSync(path.join(outdir, 'kustomization.yaml'), 'resources: []\n');
    const second = new MeshApp({ outdir });
    shop(second, 'mesh', ['east']);
    const out = synth(second);
    expect(out.clusterNames).toEqual(['east']);
    expect(fs.existsSync(path.join(outdir, 'west.k8s.yaml'))).toBe(false);
    expect(fs.readFileSync(path.join(outdir, 'kustomization.yaml'), 'utf8')).toBe('resources: []\n');
    expect(fs.readFileSync(path.join(outdir, WRITTEN_FILES_MANIFEST), 'utf8').split('\n')).toEqual(expect.arrayContaining(['east.k8s.yaml', 'mesh-report.md']));
  });

  test('a failing synth leaves the previous output exactly as it was', () => {
    const first = testApp();
    shop(first, 'mesh', ['east', 'west']);
    synth(first);
    const before = snapshot(first.outdir);
    const second = new MeshApp({ outdir: first.outdir });
    const { mesh, reviews } = shop(second, 'mesh', ['east']);
    new TrafficRoute(mesh, 'route', { service: reviews, http: [{ destinations: [{ version: 'v9' }] }] });
    expect(errorOf(() => second.synth())).toContain('MESH-ROUTE-001');
    expect(snapshot(first.outdir)).toEqual(before);
  });

  test('the standard cdk8s serializer is staged the same way', () => {
    const first = new MeshApp({ outdir: testApp().outdir, fastEmitter: false });
    shop(first, 'mesh', ['east', 'west']);
    synth(first);
    const second = new MeshApp({ outdir: first.outdir, fastEmitter: false });
    shop(second, 'mesh', ['east']);
    expect(synth(second).clusterNames).toEqual(['east']);
    expect(second.outdir).toBe(first.outdir);
  });
});
