import { DataplaneMode, InjectionScheme, Mesh } from '../../src';
import { synth, synthError, testApp } from '../util';

describe('data-plane choice', () => {
  test('sidecar is the default: revision labels, no dataplane-mode label', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }] });
    const ns = mesh.addNamespace('shop');
    expect(mesh.dataplaneMode).toBe(DataplaneMode.SIDECAR);
    expect(ns.ambient).toBe(false);
    expect(synth(app).find('a', 'Namespace', 'shop').metadata.labels).toEqual({ 'istio.io/rev': 'default' });
  });

  test('a mesh-wide ambient data plane labels namespaces istio.io/dataplane-mode=ambient, without injection labels', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', dataplaneMode: DataplaneMode.AMBIENT, injection: InjectionScheme.LEGACY, clusters: [{ name: 'a' }, { name: 'b' }] });
    const ns = mesh.addNamespace('shop', { labels: { team: 'checkout' } });
    expect(ns.injectionEnabled).toBe(false);
    expect(ns.injectionLabels()).toEqual({});
    const out = synth(app);
    for (const cluster of ['a', 'b']) {
      expect(out.find(cluster, 'Namespace', 'shop').metadata.labels).toEqual({ 'istio.io/dataplane-mode': 'ambient', 'team': 'checkout' });
    }
  });

  test('per namespace: one ambient namespace in a sidecar mesh, and a sidecar namespace in an ambient mesh', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }] });
    mesh.addNamespace('legacy');
    mesh.addNamespace('shop', { dataplaneMode: DataplaneMode.AMBIENT });
    expect(mesh.usesAmbient).toBe(true);
    expect(mesh.dataplaneOf('shop')).toBe(DataplaneMode.AMBIENT);
    expect(mesh.dataplaneOf('legacy')).toBe(DataplaneMode.SIDECAR);
    const out = synth(app);
    expect(out.find('a', 'Namespace', 'shop').metadata.labels).toEqual({ 'istio.io/dataplane-mode': 'ambient' });
    expect(out.find('a', 'Namespace', 'legacy').metadata.labels).toEqual({ 'istio.io/rev': 'default' });

    const app2 = testApp();
    const ambientMesh = new Mesh(app2, 'mesh', { meshId: 'm', dataplaneMode: DataplaneMode.AMBIENT, clusters: [{ name: 'a' }] });
    ambientMesh.addNamespace('legacy', { dataplaneMode: DataplaneMode.SIDECAR });
    expect(synth(app2).find('a', 'Namespace', 'legacy').metadata.labels).toEqual({ 'istio.io/rev': 'default' });
  });

  test.each<[string, object, string]>([
    ['a revision', { revision: '1-30' }, '{"revision":"1-30"}'],
    ['the legacy scheme', { injection: InjectionScheme.LEGACY }, '{"injection":"legacy"}'],
    ['injectionEnabled: true', { injectionEnabled: true }, '{"injectionEnabled":true}'],
    ['an istio-injection label', { labels: { 'istio-injection': 'enabled' } }, '{"istio-injection":"enabled"}'],
    ['an istio.io/rev label', { labels: { 'istio.io/rev': 'canary' } }, '{"istio.io/rev":"canary"}'],
  ])('an ambient namespace asked for %s is MESH-AMB-001', (_title, options, value) => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }] });
    mesh.addNamespace('shop', { dataplaneMode: DataplaneMode.AMBIENT, ...options });
    const message = synthError(app);
    expect(message).toContain(`MESH-AMB-001 [error] at mesh/namespace-shop: A namespace is asked for both sidecar injection and the ambient data plane. The namespace is ambient. Value: ${value}`);
  });

  test('a sidecar namespace with the ambient label is MESH-AMB-001; with injection disabled it is not', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }] });
    mesh.addNamespace('shop', { labels: { 'istio.io/dataplane-mode': 'ambient' } });
    expect(synthError(app)).toContain('MESH-AMB-001 [error] at mesh/namespace-shop: A namespace is asked for both sidecar injection and the ambient data plane. The namespace uses sidecars. Value: {"istio.io/dataplane-mode":"ambient","istio.io/rev":"default"}');

    const ok = testApp();
    new Mesh(ok, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }] }).addNamespace('shop', { injectionEnabled: false, labels: { 'istio.io/dataplane-mode': 'ambient' } });
    expect(synth(ok).find('a', 'Namespace', 'shop').metadata.labels).toEqual({ 'istio-injection': 'disabled', 'istio.io/dataplane-mode': 'ambient' });
  });
});
