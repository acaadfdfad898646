import {
  ClusterRole, Mesh, MeshService, MtlsMigration, MtlsMode, PeerAuth, PolicyScope, Protocol,
} from '../../src';
import { synth, synthError, testApp } from '../util';

function mesh(props: { mtls?: MtlsMode; clusters?: { name: string; role?: ClusterRole }[] } = {}) {
  const app = testApp();
  const m = new Mesh(app, 'mesh', { meshId: 'm', clusters: props.clusters ?? [{ name: 'a' }, { name: 'b' }], mtls: props.mtls });
  return { app, mesh: m };
}

function exampleService(m: Mesh, clusters?: string[]) {
  return new MeshService(m, 'example', {
    name: 'example-service',
    namespaceName: 'foo',
    selector: { app: 'example-app' },
    ports: [{ port: 8000, targetPort: 80, protocol: Protocol.HTTP, name: 'http' }],
    clusters,
  });
}

describe('mesh default mTLS', () => {
  test('the default mesh is STRICT: a mesh-wide PeerAuthentication in the root namespace of every primary', () => {
    const { app } = mesh({ clusters: [{ name: 'a' }, { name: 'b' }, { name: 'r', role: ClusterRole.REMOTE }] });
    const out = synth(app);
    for (const cluster of ['a', 'b']) {
      const pa = out.find(cluster, 'PeerAuthentication', 'default', 'istio-system');
      expect(pa.apiVersion).toBe('security.istio.io/v1');
      expect(pa.spec).toEqual({ mtls: { mode: 'STRICT' } });
    }
    expect(out.ofKind('r', 'PeerAuthentication')).toEqual([]);
  });

  test('an external control plane gets the mesh-wide policy in its config cluster', () => {
    const { app } = mesh({ clusters: [{ name: 'hosted', role: ClusterRole.CONFIG }, { name: 'w', role: ClusterRole.REMOTE }] });
    const out = synth(app);
    expect(out.find('hosted', 'PeerAuthentication', 'default', 'istio-system').spec.mtls.mode).toBe('STRICT');
    expect(out.ofKind('w', 'PeerAuthentication')).toEqual([]);
  });

  test('users choose PERMISSIVE, DISABLE or none', () => {
    for (const mode of [MtlsMode.PERMISSIVE, MtlsMode.DISABLE]) {
      const { app } = mesh({ mtls: mode });
      expect(synth(app).find('a', 'PeerAuthentication', 'default', 'istio-system').spec.mtls.mode).toBe(mode);
    }
    const { app, mesh: m } = mesh({ mtls: MtlsMode.UNSET });
    expect(m.defaultPeerAuth).toBeUndefined();
    expect(synth(app).ofKind('a', 'PeerAuthentication')).toEqual([]);
  });
});

describe('PeerAuth', () => {
  test('namespace-wide policy lands where the namespace exists', () => {
    const { app, mesh: m } = mesh();
    m.addNamespace('base', { clusters: ['b'] });
    const pa = PeerAuth.namespaceWide(m, 'base-strict', 'base', MtlsMode.STRICT, { name: 'base-strict' });
    expect(pa.scope).toBe(PolicyScope.NAMESPACE);
    const out = synth(app);
    expect(out.find('b', 'PeerAuthentication', 'base-strict', 'base').spec).toEqual({ mtls: { mode: 'STRICT' } });
    expect(out.ofKind('a', 'PeerAuthentication').map(o => o.metadata.name)).toEqual(['default']);
  });

  test('a workload policy takes the selector and namespace of a mesh service and lands where it runs', () => {
    const { app, mesh: m } = mesh();
    const svc = exampleService(m, ['b']);
    const pa = new PeerAuth(m, 'example-workload-policy', { workload: svc, mode: MtlsMode.PERMISSIVE });
    expect(pa.scope).toBe(PolicyScope.WORKLOAD);
    const out = synth(app);
    expect(out.find('b', 'PeerAuthentication', 'example-workload-policy', 'foo').spec).toEqual({
      selector: { matchLabels: { app: 'example-app' } },
      mtls: { mode: 'PERMISSIVE' },
    });
    expect(out.ofKind('a', 'PeerAuthentication').map(o => o.metadata.name)).toEqual(['default']);
  });

  test('a remote cluster\'s workload policy lands in the primary that configures it', () => {
    const { app, mesh: m } = mesh({ clusters: [{ name: 'p' }, { name: 'r', role: ClusterRole.REMOTE }] });
    const svc = exampleService(m, ['r']);
    new PeerAuth(m, 'pa', { workload: svc, mode: MtlsMode.STRICT });
    const out = synth(app);
    expect(out.find('p', 'PeerAuthentication', 'pa', 'foo').spec.selector.matchLabels).toEqual({ app: 'example-app' });
    expect(out.ofKind('r', 'PeerAuthentication')).toEqual([]);
  });

  test('port-level modes are keyed by the target port of the named service port', () => {
    const { app, mesh: m } = mesh();
    const svc = exampleService(m);
    const pa = new PeerAuth(m, 'pa', { workload: svc, portLevelMtls: [{ port: 8000, mode: MtlsMode.DISABLE }] });
    const spec = synth(app).find('a', 'PeerAuthentication', 'pa', 'foo').spec;
    expect(spec.portLevelMtls).toEqual({ 80: { mode: 'DISABLE' } });
    expect(spec.mtls).toBeUndefined();
    expect(pa.modeOnPort(80)).toBe(MtlsMode.DISABLE);
    expect(pa.modeOnPort(81)).toBe(MtlsMode.UNSET);
  });

  test('a selector without a mesh service takes container ports as given', () => {
    const { app, mesh: m } = mesh();
    new PeerAuth(m, 'pa', { namespaceName: 'foo', selector: { app: 'x' }, mode: MtlsMode.STRICT, portLevelMtls: [{ port: 9000, mode: MtlsMode.PERMISSIVE }] });
    expect(synth(app).find('a', 'PeerAuthentication', 'pa', 'foo').spec).toEqual({
      selector: { matchLabels: { app: 'x' } }, mtls: { mode: 'STRICT' }, portLevelMtls: { 9000: { mode: 'PERMISSIVE' } },
    });
  });

  test('explicit clusters override placement', () => {
    const { app, mesh: m } = mesh();
    new PeerAuth(m, 'pa', { namespaceName: 'foo', mode: MtlsMode.STRICT, clusters: ['b'] });
    const out = synth(app);
    expect(out.ofKind('a', 'PeerAuthentication').map(o => o.metadata.name)).toEqual(['default']);
    expect(out.find('b', 'PeerAuthentication', 'pa', 'foo').spec.mtls.mode).toBe('STRICT');
  });
});

describe('MtlsMigration', () => {
  test('moves a scope DISABLE → PERMISSIVE → STRICT one stage at a time', () => {
    expect(MtlsMigration.stagesBetween(MtlsMode.DISABLE, MtlsMode.STRICT)).toEqual(['DISABLE', 'PERMISSIVE', 'STRICT']);
    expect(MtlsMigration.stagesBetween(MtlsMode.STRICT, MtlsMode.DISABLE)).toEqual(['STRICT', 'PERMISSIVE', 'DISABLE']);
    expect(MtlsMigration.stagesBetween(MtlsMode.PERMISSIVE, MtlsMode.STRICT)).toEqual(['PERMISSIVE', 'STRICT']);
    const modes = [0, 1, 2].map(stage => {
      const { app, mesh: m } = mesh();
      const migration = new MtlsMigration(m, 'legacy', { namespaceName: 'legacy', stage });
      expect(migration.isComplete).toBe(stage === 2);
      return synth(app).find('a', 'PeerAuthentication', 'legacy', 'legacy').spec.mtls.mode;
    });
    expect(modes).toEqual(['DISABLE', 'PERMISSIVE', 'STRICT']);
    const { app, mesh: m } = mesh();
    new MtlsMigration(m, 'legacy', { namespaceName: 'legacy', stage: 1 });
    expect(synth(app).text('security/mtls-migration-legacy-legacy.md')).toContain('0. DISABLE\n1. PERMISSIVE (this output)\n2. STRICT');
  });

  test('rejects a stage outside the plan', () => {
    const { mesh: m } = mesh();
    expect(() => new MtlsMigration(m, 'legacy', { namespaceName: 'legacy', stage: 3 })).toThrow(/stage must be 0..2 \(DISABLE → PERMISSIVE → STRICT\), got 3/);
  });
});

describe('PeerAuth rules', () => {
  test('a second mesh-wide policy (MESH-SEC-001)', () => {
    const { app, mesh: m } = mesh();
    PeerAuth.meshWide(m, 'mine', MtlsMode.PERMISSIVE, { name: 'mine' });
    expect(synthError(app)).toContain('MESH-SEC-001 [error] at mesh/mine: There is more than one mesh-wide PeerAuthentication, or more than one namespace-wide PeerAuthentication in a namespace. In cluster a. Value: "istio-system/mine".');
  });

  test('a second namespace-wide policy in one namespace (MESH-SEC-001)', () => {
    const { app, mesh: m } = mesh({ mtls: MtlsMode.UNSET });
    PeerAuth.namespaceWide(m, 'one', 'foo', MtlsMode.STRICT);
    PeerAuth.namespaceWide(m, 'two', 'foo', MtlsMode.PERMISSIVE, { name: 'two' });
    const message = synthError(app);
    expect(message).toContain('MESH-SEC-001 [error] at mesh/two:');
    expect(message).toContain('Value: "foo/two"');
    expect(message).not.toContain('at mesh/one');
  });

  test('a "mesh-wide" policy with a selector (MESH-SEC-003), the DCE seed\'s defect', () => {
    const { app, mesh: m } = mesh({ mtls: MtlsMode.UNSET });
    new PeerAuth(m, 'seed', { name: 'default', namespaceName: 'istio-system', selector: { app: 'reviews' }, mode: MtlsMode.STRICT });
    new PeerAuth(m, 'declared', { scope: PolicyScope.MESH, selector: { app: 'reviews' }, mode: MtlsMode.STRICT });
    const message = synthError(app);
    expect(message).toContain('MESH-SEC-003 [error] at mesh/seed: A policy declared mesh-wide must live in the root namespace and have no selector. Value: {"namespace":"istio-system","selector":{"app":"reviews"}}.');
    expect(message).toContain('MESH-SEC-003 [error] at mesh/declared:');
  });

  test('port-level mTLS without a selector (MESH-SEC-004)', () => {
    const { app, mesh: m } = mesh();
    new PeerAuth(m, 'pa', { namespaceName: 'foo', portLevelMtls: [{ port: 80, mode: MtlsMode.DISABLE }] });
    expect(synthError(app)).toContain('MESH-SEC-004 [error] at mesh/pa: Port-level mTLS needs a workload or selector. Value: [80].');
  });

  test('port-level mTLS on a port the service does not expose (MESH-SEC-005)', () => {
    const { app, mesh: m } = mesh();
    new PeerAuth(m, 'pa', { workload: exampleService(m), portLevelMtls: [{ port: 80, mode: MtlsMode.DISABLE }] });
    expect(synthError(app)).toContain('MESH-SEC-005 [error] at mesh/pa: The port is not a port of the target service. Service ports: 8000→80. Value: 80.');
  });

  test('a direct jump between DISABLE and STRICT (MESH-SEC-014)', () => {
    const app = testApp();
    const m = new Mesh(app, 'mesh', { meshId: 'm', strict: true, clusters: [{ name: 'a' }] });
    PeerAuth.namespaceWide(m, 'legacy', 'legacy', MtlsMode.STRICT, { previousMode: MtlsMode.DISABLE });
    expect(synthError(app)).toContain('MESH-SEC-014 [warning] at mesh/legacy: The mTLS mode jumps between DISABLE and STRICT without a PERMISSIVE stage. Value: "DISABLE -> STRICT".');
  });

  test('a workload policy in another namespace than its workload (MESH-SEC-018)', () => {
    const { app, mesh: m } = mesh();
    new PeerAuth(m, 'pa', { workload: exampleService(m), namespaceName: 'bar', mode: MtlsMode.STRICT });
    expect(synthError(app)).toContain('MESH-SEC-018 [error] at mesh/pa: A workload policy must live in the namespace of its workload. The workload runs in "foo". Value: "bar".');
  });
});
