import { Mesh, MeshService, OutboundTrafficPolicy, Protocol, Sidecar } from '../../src';
import { synth, synthError, testApp } from '../util';

function setup() {
  const app = testApp();
  const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }] });
  const web = new MeshService(mesh, 'web', { name: 'web', namespaceName: 'shop', ports: [{ port: 80, protocol: Protocol.HTTP }] });
  const db = new MeshService(mesh, 'db', { name: 'db', namespaceName: 'data', ports: [{ port: 5432, protocol: Protocol.TCP }] });
  return { app, mesh, web, db };
}

describe('Sidecar', () => {
  test('namespace-wide egress scoping by construct, plus own and root namespaces', () => {
    const { app, mesh, db } = setup();
    new Sidecar(mesh, 'shop-scope', {
      namespaceName: 'shop',
      egressServices: [db],
      egressNamespaces: ['payments'],
      egressHosts: ['istio-egress/*.example.com'],
      outboundTrafficPolicy: OutboundTrafficPolicy.REGISTRY_ONLY,
    });
    const sidecar = synth(app).find('a', 'Sidecar', 'shop-scope', 'shop');
    expect(sidecar.apiVersion).toBe('networking.istio.io/v1');
    expect(sidecar.spec.workloadSelector).toBeUndefined();
    expect(sidecar.spec.egress).toEqual([{
      hosts: ['./*', 'istio-system/*', 'data/db.data.svc.cluster.local', 'payments/*', 'istio-egress/*.example.com'],
    }]);
    expect(sidecar.spec.outboundTrafficPolicy).toEqual({ mode: 'REGISTRY_ONLY' });
  });

  test('localhost defaultEndpoint ingress for a workload (DaoCloud localhost FAQ)', () => {
    const { app, mesh, web } = setup();
    new Sidecar(mesh, 'localhost-access', { workload: web, localhostIngress: [{ port: 80, containerPort: 8080 }] });
    const sidecar = synth(app).find('a', 'Sidecar', 'localhost-access', 'shop');
    expect(sidecar.spec.workloadSelector).toEqual({ labels: { app: 'web' } });
    expect(sidecar.spec.ingress).toEqual([{ port: { number: 80, protocol: 'TCP', name: 'tcp-80' }, defaultEndpoint: '127.0.0.1:8080' }]);
    expect(sidecar.spec.egress).toBeUndefined();
  });

  test('root namespace Sidecar is the mesh default', () => {
    const { app, mesh } = setup();
    new Sidecar(mesh, 'default', { egressNamespaces: ['shared'] });
    expect(synth(app).find('a', 'Sidecar', 'default', 'istio-system').spec.egress[0].hosts).toEqual(['./*', 'istio-system/*', 'shared/*']);
  });
});

describe('Sidecar rules', () => {
  test('two selector-less Sidecars in one namespace: MESH-ANA-016 (IST0111), once, naming both', () => {
    const { app, mesh } = setup();
    new Sidecar(mesh, 'one', { namespaceName: 'shop', egressNamespaces: ['a'] });
    new Sidecar(mesh, 'two', { namespaceName: 'shop', egressNamespaces: ['b'] });
    const message = synthError(app);
    expect(message).toContain('MESH-ANA-016 [error] at mesh/two: A namespace has several Sidecars without a workload selector. Kind: Sidecar; also declared at mesh/one. Value: "shop".');
    expect(message.split('\n').filter(l => /MESH-(ANA-016|OPS-001)/.test(l))).toHaveLength(1);
  });

  test('two Sidecars selecting the same workload (MESH-OPS-002)', () => {
    const { app, mesh, web } = setup();
    new Sidecar(mesh, 'one', { workload: web, egressNamespaces: ['a'] });
    new Sidecar(mesh, 'two', { workload: web, localhostIngress: [{ port: 80, containerPort: 8080 }] });
    expect(synthError(app)).toContain('MESH-OPS-002 [error] at mesh/two: Two Sidecar resources select the same workload. Also selected by mesh/one. Value: {"app":"web"}.');
  });

  test('invalid or reserved localhost ingress ports (MESH-OPS-015, MESH-OPS-008)', () => {
    const { app, mesh, web } = setup();
    new Sidecar(mesh, 's', { workload: web, localhostIngress: [{ port: 0, containerPort: 15020 }] });
    const message = synthError(app);
    expect(message).toContain('MESH-OPS-015 [error] at mesh/s: A Sidecar ingress or EnvoyFilter port must be an integer from 1 to 65535. Value: 0.');
    expect(message).toContain('MESH-OPS-008 [error] at mesh/s: The port collides with a port the Istio sidecar reserves (15000, 15001, 15004, 15006, 15008, 15009, 15020, 15021, 15053, 15090). Value: 15020.');
  });

  test('egress host without a namespace part (MESH-OPS-016)', () => {
    const { app, mesh } = setup();
    new Sidecar(mesh, 's', { namespaceName: 'shop', egressHosts: ['api.example.com'] });
    expect(synthError(app)).toContain('MESH-OPS-016 [error] at mesh/s: A Sidecar egress host must have the form `<namespace>/<host>`, the namespace being `*`, `.`, `~` or a namespace name. Value: "api.example.com".');
  });
});
