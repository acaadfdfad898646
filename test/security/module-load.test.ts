/* eslint-disable @typescript-eslint/no-require-imports */
import { synth, testApp } from '../util';

/** mesh.ts and security/* import each other; whichever loads first, the default policy must still work. */
describe('module load order', () => {
  for (const first of ['security/peer-auth', 'security/registry', 'security/authorization-policy', 'workloads/mesh-service', 'topology/mesh']) {
    test(`loading ${first} first`, () => {
      jest.isolateModules(() => {
        require(`../../src/${first}`);
        const src = require('../../src');
        const app = new src.MeshApp({ outdir: testApp().outdir });
        const mesh = new src.Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }] });
        new src.AuthorizationPolicy(mesh, 'p', { namespace: 'shop', rules: [{ from: [{ namespaces: ['shop'] }] }] });
        const out = synth(app);
        expect(out.find('a', 'PeerAuthentication', 'default', 'istio-system').spec.mtls.mode).toBe('STRICT');
      });
    });
  }
});
