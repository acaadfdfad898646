import { ClusterRole, EastWestGateway, ExtensionProvider, InjectionScheme, IstioVersion, Mesh, MeshNamespace, ValidationRules } from '../../src';
import { synth, synthError, testApp } from '../util';

function threeNetworkMesh() {
  const app = testApp();
  const mesh = new Mesh(app, 'mesh', {
    meshId: 'mesh1',
    networks: [{ name: 'net1' }, { name: 'net2' }],
    clusters: [
      { name: 'cluster-a', network: 'net1', region: 'eu', zones: ['eu-1a', 'eu-1b/rack2'] },
      { name: 'cluster-b', network: 'net2', region: 'us', zones: ['us-1a'] },
      { name: 'cluster-c', network: 'net2', role: ClusterRole.REMOTE },
    ],
  });
  return { app, mesh };
}

describe('Mesh topology', () => {
  test('writes one manifest per cluster', () => {
    const { app } = threeNetworkMesh();
    const out = synth(app);
    expect(out.clusterNames).toEqual(['cluster-a', 'cluster-b', 'cluster-c']);
  });

  test('labels istio-system with the cluster network in a multi-network mesh', () => {
    const { app } = threeNetworkMesh();
    const out = synth(app);
    expect(out.find('cluster-a', 'Namespace', 'istio-system').metadata.labels).toEqual({ 'topology.istio.io/network': 'net1' });
    expect(out.find('cluster-b', 'Namespace', 'istio-system').metadata.labels).toEqual({ 'topology.istio.io/network': 'net2' });
    expect(out.find('cluster-c', 'Namespace', 'istio-system').metadata.labels).toEqual({ 'topology.istio.io/network': 'net2' });
  });

  test('does not label istio-system in a single-network mesh', () => {
    const app = testApp();
    new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }, { name: 'b' }] });
    const out = synth(app);
    expect(out.find('a', 'Namespace', 'istio-system').metadata.labels).toBeUndefined();
  });

  test('exposes networks, localities and cluster roles', () => {
    const { mesh } = threeNetworkMesh();
    expect(mesh.networks.map(n => [n.name, n.clusters.map(c => c.clusterName)])).toEqual([
      ['net1', ['cluster-a']],
      ['net2', ['cluster-b', 'cluster-c']],
    ]);
    expect(mesh.cluster('cluster-a').localities.map(l => l.toString())).toEqual(['eu/eu-1a', 'eu/eu-1b/rack2']);
    expect(mesh.controlPlaneClusters.map(c => c.clusterName)).toEqual(['cluster-a', 'cluster-b']);
    expect(mesh.configClusters.map(c => c.clusterName)).toEqual(['cluster-a', 'cluster-b']);
    expect(mesh.workloadClusters.map(c => c.clusterName)).toEqual(['cluster-a', 'cluster-b', 'cluster-c']);
    expect(mesh.isMultiNetwork).toBe(true);
  });

  test('an external control plane receives config only in its config cluster', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', {
      meshId: 'm',
      clusters: [{ name: 'hosted', role: ClusterRole.CONFIG }, { name: 'worker', role: ClusterRole.REMOTE }],
    });
    expect(mesh.configClusters.map(c => c.clusterName)).toEqual(['hosted']);
    expect(mesh.workloadClusters.map(c => c.clusterName)).toEqual(['worker']);
  });

  test('Istio versions decide the API versions and are range-checked', () => {
    expect(IstioVersion.of('1.30.3').apiVersionFor('VirtualService')).toBe('networking.istio.io/v1');
    expect(IstioVersion.V1_22.apiVersionFor('PeerAuthentication')).toBe('security.istio.io/v1');
    expect(IstioVersion.V1_30.apiVersionFor('EnvoyFilter')).toBe('networking.istio.io/v1alpha3');
    expect(IstioVersion.of('v1.31.0').isSupported).toBe(true);
    expect(IstioVersion.of('1.21').isSupported).toBe(false);
    expect(IstioVersion.of('1.30.3').dashed).toBe('1-30-3');
  });
});

describe('topology rules', () => {
  test('duplicate cluster name (MESH-TOPO-001)', () => {
    const app = testApp();
    new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }, { name: 'a' }] });
    const message = synthError(app);
    expect(message).toContain('MESH-TOPO-001 [error] at mesh/clusters/a: Cluster names must be unique');
    expect(message).toContain('Value: "a"');
  });

  test('non DNS-1123 names (MESH-TOPO-002)', () => {
    const app = testApp();
    new Mesh(app, 'mesh', { meshId: 'Mesh_1', networks: [{ name: 'Net 1' }], clusters: [{ name: 'Cluster_A', network: 'Net 1' }] });
    const message = synthError(app);
    expect(message).toContain('MESH-TOPO-002 [error] at mesh: Names must be DNS-1123 labels');
    expect(message).toContain('Value: "Mesh_1"');
    expect(message).toContain('at mesh/networks/Net 1');
    expect(message).toContain('Value: "Cluster_A"');
  });

  test('cluster on an undeclared network (MESH-TOPO-003)', () => {
    const app = testApp();
    new Mesh(app, 'mesh', { meshId: 'm', networks: [{ name: 'net1' }], clusters: [{ name: 'a', network: 'net9' }] });
    expect(synthError(app)).toContain('MESH-TOPO-003 [error] at mesh/clusters/a: The cluster is on a network that the mesh does not declare. Value: "net9". Fix: Add the network to `MeshProps.networks`');
  });

  test('remote cluster with no primary (MESH-TOPO-004)', () => {
    const app = testApp();
    new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'r1', role: ClusterRole.REMOTE }] });
    expect(synthError(app)).toContain('MESH-TOPO-004 [error] at mesh: The mesh has no primary or config cluster');
  });

  test('malformed locality (MESH-TOPO-005)', () => {
    const app = testApp();
    new Mesh(app, 'mesh', {
      meshId: 'm',
      clusters: [
        { name: 'a', region: 'eu/west', zones: ['z1'] },
        { name: 'b', region: 'us', zones: ['z1/s1/extra'] },
        { name: 'c', zones: ['z1'] },
      ],
    });
    const message = synthError(app);
    expect(message).toContain('MESH-TOPO-005 [error] at mesh/clusters/a: A locality must be `region[/zone[/subzone]]`');
    expect(message).toContain('Value: "eu/west/z1"');
    expect(message).toContain('Value: "us/z1/s1/extra"');
    expect(message).toContain('Value: "?/z1"');
  });

  test('namespace with a different injection scheme (MESH-TOPO-006)', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }] });
    mesh.addNamespace('shop', { injection: InjectionScheme.LEGACY });
    expect(synthError(app)).toContain('MESH-TOPO-006 [error] at mesh/namespace-shop: All namespaces of a mesh must use one injection label scheme');
  });

  test('namespace with both injection labels (MESH-TOPO-007)', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }] });
    mesh.addNamespace('shop', { labels: { 'istio-injection': 'enabled' } });
    expect(synthError(app)).toContain('MESH-TOPO-007 [error] at mesh/namespace-shop: A namespace carries both `istio-injection` and `istio.io/rev`. Value: {"istio-injection":"enabled","istio.io/rev":"default"}');
  });

  test('reserved namespaces cannot be enrolled (MESH-TOPO-008)', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }] });
    mesh.addNamespace('kube-system');
    expect(synthError(app)).toContain('MESH-TOPO-008 [error] at mesh/namespace-kube-system: System namespaces cannot be enrolled');
  });

  test('unsupported Istio version (MESH-TOPO-009)', () => {
    const app = testApp();
    new Mesh(app, 'mesh', { meshId: 'm', istioVersion: IstioVersion.of('1.17.1'), clusters: [{ name: 'a' }] });
    expect(synthError(app)).toContain('MESH-TOPO-009 [error] at mesh: The Istio version is outside the supported range 1.22 to 1.31. Value: "1.17.1"');
  });

  test('unknown cluster in a placement (MESH-TOPO-010)', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }] });
    mesh.addNamespace('shop', { clusters: ['a', 'zz'] });
    expect(synthError(app)).toContain('MESH-TOPO-010 [error] at mesh/namespace-shop: The construct refers to a cluster that the mesh does not declare. Value: "zz"');
  });

  test('namespace declared twice for one cluster (MESH-TOPO-011)', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }, { name: 'b' }] });
    mesh.addNamespace('shop', { clusters: ['a'] });
    new MeshNamespace(mesh, 'shop-again', { name: 'shop' });
    expect(synthError(app)).toContain('MESH-TOPO-011 [error] at mesh/shop-again: The namespace is declared twice for the same cluster. Value: "a/shop"');
  });

  test('a multi-network mesh without topology or east-west gateways warns (MESH-TOPO-014)', () => {
    const build = (strict: boolean, withGateways: boolean) => {
      const app = testApp();
      const mesh = new Mesh(app, 'mesh', {
        meshId: 'm',
        strict,
        networks: [{ name: 'n1' }, { name: 'n2' }],
        clusters: [{ name: 'c1', network: 'n1' }, { name: 'c2', network: 'n2' }],
      });
      if (withGateways) new EastWestGateway(mesh, 'eastwest');
      return app;
    };
    const message = synthError(build(true, false));
    expect(message).toContain('MESH-TOPO-014 [warning] at mesh/networks/n1: The mesh spans networks, but a network has no east-west gateway carrying cross-network traffic, so no traffic can reach it from the other networks. Value: "n1"');
    expect(message).toContain('MESH-TOPO-014 [warning] at mesh/networks/n2:');
    // a warning only: the non-strict mesh synthesizes; with east-west gateways in both networks it is silent
    expect(() => build(false, false).synth()).not.toThrow();
    expect(() => build(true, true).synth()).not.toThrow();
  });

  test('two extension providers with one name (MESH-TOPO-013)', () => {
    const app = testApp();
    new Mesh(app, 'mesh', {
      meshId: 'm',
      clusters: [{ name: 'a' }],
      extensionProviders: [
        ExtensionProvider.zipkin('tracer', { service: 'zipkin.istio-system.svc.cluster.local', port: 9411 }),
        ExtensionProvider.openTelemetry('tracer', { service: 'otel.observability.svc.cluster.local', port: 4317 }),
      ],
    });
    expect(synthError(app)).toContain('MESH-TOPO-013 [error] at mesh/extensionProviders/tracer: Two extension providers share a name. Value: "tracer".');
  });

  test('revision with dots (MESH-TOPO-012)', () => {
    const app = testApp();
    new Mesh(app, 'mesh', { meshId: 'm', revision: '1.30.3', clusters: [{ name: 'a' }] });
    expect(synthError(app)).toContain('MESH-TOPO-012 [error] at mesh: A revision name must be a DNS-1123 label and must not contain dots. Value: "1.30.3". Fix: Use dashes');
  });

  test('all errors are reported together', () => {
    const app = testApp();
    new Mesh(app, 'mesh', {
      meshId: 'm',
      networks: [{ name: 'n1' }],
      clusters: [{ name: 'a', network: 'n2' }, { name: 'a' }, { name: 'b', region: 'x/y' }],
    });
    const message = synthError(app);
    expect(message).toMatch(/has 3 problem\(s\); no manifests were written/);
    for (const id of ['MESH-TOPO-001', 'MESH-TOPO-003', 'MESH-TOPO-005']) expect(message).toContain(id);
  });

  test('every topology rule has an id, message, fix and doc', () => {
    const rules = ValidationRules.all().filter(r => r.id.startsWith('MESH-TOPO-'));
    expect(rules.length).toBe(16);
    for (const rule of rules) {
      expect(rule.message).toMatch(/\.$/);
      expect(rule.fix.length).toBeGreaterThan(10);
      expect(rule.doc.length).toBeGreaterThan(10);
    }
    expect(new Set(ValidationRules.all().map(r => r.id)).size).toBe(ValidationRules.all().length);
  });
});
