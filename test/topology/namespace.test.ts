import { InjectionScheme, Mesh } from '../../src';
import { synth, testApp } from '../util';

describe('MeshNamespace', () => {
  test('is revision-labelled in every workload cluster by default', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', revision: '1-30-3', clusters: [{ name: 'a' }, { name: 'b' }] });
    mesh.addNamespace('shop', { labels: { team: 'checkout' } });
    const out = synth(app);
    for (const cluster of ['a', 'b']) {
      expect(out.find(cluster, 'Namespace', 'shop').metadata.labels).toEqual({ 'istio.io/rev': '1-30-3', 'team': 'checkout' });
    }
  });

  test('legacy scheme uses istio-injection=enabled and never the revision label', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', injection: InjectionScheme.LEGACY, clusters: [{ name: 'a' }] });
    mesh.addNamespace('shop');
    expect(synth(app).find('a', 'Namespace', 'shop').metadata.labels).toEqual({ 'istio-injection': 'enabled' });
  });

  test('can be placed in named clusters and opt out of injection', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }, { name: 'b' }] });
    mesh.addNamespace('legacy', { clusters: ['b'], injectionEnabled: false });
    const out = synth(app);
    expect(out.ofKind('a', 'Namespace').map(n => n.metadata.name)).toEqual(['istio-system']);
    expect(out.find('b', 'Namespace', 'legacy').metadata.labels).toEqual({ 'istio-injection': 'disabled' });
  });
});
