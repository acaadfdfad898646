import { ClusterProps, ClusterRole, EastWestGateway, Mesh, MeshTopology, RootCa } from '../../src';
import { synthError, testApp } from '../util';

function meshWith(topology: MeshTopology, clusters: ClusterProps[], networks: string[] = [], discoveryAddresses?: { [c: string]: string }) {
  const app = testApp();
  const mesh = new Mesh(app, 'mesh', {
    meshId: 'm',
    topology,
    clusters,
    networks: networks.map(name => ({ name })),
    controlPlane: { rootCa: RootCa.acknowledgeUnshared(), discoveryAddresses },
  });
  return { app, mesh };
}

describe('control-plane topology rules', () => {
  test('a remote in a multi-primary mesh (MESH-CP-001)', () => {
    const { app } = meshWith(MeshTopology.MULTI_PRIMARY, [{ name: 'a' }, { name: 'b', role: ClusterRole.REMOTE }]);
    const message = synthError(app);
    expect(message).toContain('MESH-CP-001 [error] at mesh/clusters/b: The cluster\'s role does not fit the mesh topology. The topology is "multi-primary".');
    expect(message).toContain('Value: "remote"');
  });

  test('a multi-network topology on one network (MESH-CP-002)', () => {
    const { app } = meshWith(MeshTopology.MULTI_PRIMARY_MULTI_NETWORK, [{ name: 'a' }, { name: 'b' }], [], undefined);
    const message = synthError(app);
    expect(message).toContain('MESH-CP-002 [error] at mesh/topology: The clusters\' networks do not match the topology\'s network mode.');
    expect(message).toContain('Value: [""]');
  });

  test('a remote with no primary on a reachable network (MESH-CP-003)', () => {
    const { app } = meshWith(MeshTopology.PRIMARY_REMOTE,
      [{ name: 'a', network: 'n1' }, { name: 'b', network: 'n2', role: ClusterRole.REMOTE }], ['n1', 'n2'], { a: '10.0.0.1' });
    const message = synthError(app);
    expect(message).toContain('MESH-CP-003 [error] at mesh/clusters/b: A remote cluster has no primary on a network it can reach.');
    expect(message).toContain('Value: "n2"');
  });

  test('a network without an east-west gateway (MESH-CP-004)', () => {
    const { app } = meshWith(MeshTopology.MULTI_PRIMARY_MULTI_NETWORK, [{ name: 'a', network: 'n1' }, { name: 'b', network: 'n2' }], ['n1', 'n2']);
    const message = synthError(app);
    expect(message).toContain('MESH-CP-004 [error] at mesh/networks/n1: A network of a multi-network mesh has no east-west gateway.');
    expect(message).toContain('MESH-CP-004 [error] at mesh/networks/n2');
    expect(message).toContain('Value: "n2"');
  });

  test('an east-west gateway without the cross-network gateway does not connect its network (MESH-CP-004)', () => {
    const { app, mesh } = meshWith(MeshTopology.MULTI_PRIMARY_MULTI_NETWORK, [{ name: 'a', network: 'n1' }, { name: 'b', network: 'n2' }], ['n1', 'n2']);
    new EastWestGateway(mesh, 'ew-a', { clusters: ['a'] });
    new EastWestGateway(mesh, 'ew-b', { clusters: ['b'], crossNetwork: false });
    const message = synthError(app);
    expect(message).toContain('MESH-CP-004 [error] at mesh/networks/n2: A network of a multi-network mesh has no east-west gateway.');
    expect(message).not.toContain('at mesh/networks/n1');
  });

  test('a network label that differs from the cluster network (MESH-CP-005)', () => {
    const { app, mesh } = meshWith(MeshTopology.MULTI_PRIMARY, [{ name: 'a', network: 'n1' }], ['n1']);
    mesh.addNamespace('shop', { labels: { 'topology.istio.io/network': 'n9' } });
    const message = synthError(app);
    expect(message).toContain('MESH-CP-005 [error] at a/mesh.namespace-shop/Namespace: A cluster\'s network differs between its istio-system label, its install values and its gateways.');
    expect(message).toContain('Value: {"values":"n1","namespaceLabel":"n9"}');
  });

  test('an east-west gateway declared for another network than its cluster (MESH-CP-005)', () => {
    const { app, mesh } = meshWith(MeshTopology.MULTI_PRIMARY_MULTI_NETWORK, [{ name: 'a', network: 'n1' }, { name: 'b', network: 'n2' }], ['n1', 'n2']);
    new EastWestGateway(mesh, 'ew', { network: 'n2', clusters: ['a', 'b'] });
    const message = synthError(app);
    expect(message).toContain('MESH-CP-005 [error] at mesh/clusters/a/gateways/istio-eastwestgateway: A cluster\'s network differs');
    expect(message).toContain('Value: {"values":"n1","gateway":"n2"}');
  });

  test('an east-west gateway without exposeIstiod does not expose istiod (MESH-CP-006)', () => {
    const { app, mesh } = meshWith(MeshTopology.PRIMARY_REMOTE, [{ name: 'a' }, { name: 'b', role: ClusterRole.REMOTE }]);
    new EastWestGateway(mesh, 'ew', { clusters: ['a'] });
    expect(synthError(app)).toContain('MESH-CP-006 [error] at mesh/clusters/a: A primary that serves remote clusters does not expose istiod.');
  });

  test('a primary serving remotes without istiod exposure (MESH-CP-006)', () => {
    const { app } = meshWith(MeshTopology.PRIMARY_REMOTE, [{ name: 'a' }, { name: 'b', role: ClusterRole.REMOTE }]);
    const message = synthError(app);
    expect(message).toContain('MESH-CP-006 [error] at mesh/clusters/a: A primary that serves remote clusters does not expose istiod.');
    expect(message).toContain('Value: "a"');
  });

  test('duplicate cluster names stay MESH-TOPO-001', () => {
    const { app } = meshWith(MeshTopology.MULTI_PRIMARY, [{ name: 'a' }, { name: 'a' }]);
    const message = synthError(app);
    expect(message).toContain('MESH-TOPO-001 [error] at mesh/clusters/a');
    expect(message).not.toContain('MESH-CP-');
  });
});
