import * as yaml from 'js-yaml';
import { ClusterRole, InjectionScheme, IstioVersion, Mesh, Platform } from '../../src';
import { synth, synthError, testApp } from '../util';

/** The DCE multi-cloud plan (seed 002b §1.7): hosted virtual cluster plus three workers on three networks. */
function dceMesh(networkGateways = [
  { network: 'network-c1', address: '10.64.30.73' },
  { network: 'network-c2', address: '10.6.136.29' },
  { network: 'network-c3', address: '10.64.30.77' },
], extra: { revision?: string; injection?: InjectionScheme } = {}) {
  const app = testApp();
  const mesh = new Mesh(app, 'mesh', {
    meshId: 'mdemo-mesh',
    istioVersion: IstioVersion.of('1.22.1'),
    platform: Platform.dce({ remotePilotAddress: '10.64.30.72', networkGateways }),
    networks: [1, 2, 3].map(i => ({ name: `network-c${i}` })),
    clusters: [
      { name: 'mdemo-mesh-hosted', role: ClusterRole.CONFIG },
      ...[1, 2, 3].map(i => ({ name: `mdemo-cluster${i}`, network: `network-c${i}`, role: ClusterRole.REMOTE })),
    ],
    ...extra,
  });
  return { app, mesh };
}

describe('DCE platform (hosted mesh)', () => {
  test('sends Istio config to the hosted virtual cluster and workload-side objects to every worker', () => {
    const { app, mesh } = dceMesh();
    mesh.addNamespace('sample');
    const out = synth(app);
    expect(mesh.configClusters.map(c => c.clusterName)).toEqual(['mdemo-mesh-hosted']);
    expect(mesh.workloadClusters.map(c => c.clusterName)).toEqual(['mdemo-cluster1', 'mdemo-cluster2', 'mdemo-cluster3']);
    // the hosted cluster holds the namespace's config, so it gets the Namespace (no injection label: no workloads there)
    expect(out.ofKind('mdemo-mesh-hosted', 'Namespace').map(n => n.metadata)).toEqual([{ name: 'istio-system' }, { name: 'sample' }]);
    for (const i of [1, 2, 3]) {
      expect(out.find(`mdemo-cluster${i}`, 'Namespace', 'sample').metadata.labels).toEqual({ 'istio-injection': 'enabled' });
      expect(out.find(`mdemo-cluster${i}`, 'Namespace', 'istio-system').metadata.labels).toEqual({ 'topology.istio.io/network': `network-c${i}` });
    }
    expect(out.find('mdemo-mesh-hosted', 'Namespace', 'istio-system').metadata.labels).toBeUndefined();
    expect(mesh.platform.managesControlPlane).toBe(true);
  });

  test('names revisions after the DCE mesh version, dots allowed', () => {
    const { app, mesh } = dceMesh(undefined, { injection: InjectionScheme.REVISION });
    mesh.addNamespace('sample');
    expect(mesh.revision).toBe('1.22.1-mspider');
    expect(synth(app).find('mdemo-cluster1', 'Namespace', 'sample').metadata.labels).toEqual({ 'istio.io/rev': '1.22.1-mspider' });
  });

  test('writes the GlobalMesh meshNetworks and MeshCluster network parameters of the seed', () => {
    const { app } = dceMesh();
    const out = synth(app);
    const globalMesh = yaml.load(out.text('dce/globalmesh-mdemo-mesh.yaml')) as any;
    expect(globalMesh.spec.ownerConfig.controlPlaneParams).toEqual({
      'istio.custom_params.values.global.remotePilotAddress': '10.64.30.72',
      'istio.custom_params.values.global.meshNetworks.network-c1.gateways[0].address': '10.64.30.73',
      'istio.custom_params.values.global.meshNetworks.network-c1.gateways[0].port': '15443',
      'istio.custom_params.values.global.meshNetworks.network-c2.gateways[0].address': '10.6.136.29',
      'istio.custom_params.values.global.meshNetworks.network-c2.gateways[0].port': '15443',
      'istio.custom_params.values.global.meshNetworks.network-c3.gateways[0].address': '10.64.30.77',
      'istio.custom_params.values.global.meshNetworks.network-c3.gateways[0].port': '15443',
    });
    const clusters = yaml.loadAll(out.text('dce/meshclusters.yaml')) as any[];
    expect(clusters.map(c => c.spec.meshedParams[0].params)).toEqual([1, 2, 3].map(i => ({
      'global.meshID': 'mdemo-mesh',
      'global.clusterRole': 'HOSTED_WORKLOAD_CLUSTER',
      'istio.custom_params.values.global.network': `network-c${i}`,
    })));
  });

  test('MESH-PLAT-016: a network without an east-west gateway address', () => {
    const { app } = dceMesh([{ network: 'network-c1', address: '10.64.30.73' }]);
    const message = synthError(app);
    expect(message).toContain('MESH-PLAT-016 [error] at mesh: A DaoCloud DCE multi-network mesh needs the east-west gateway address and port of every network in meshNetworks. On DaoCloud DCE. Value: "network-c2".');
    expect(message).toContain('Value: "network-c3".');
  });

  test('MESH-PLAT-017: a gateway address for an unknown network', () => {
    const { app } = dceMesh([
      { network: 'network-c1', address: '10.64.30.73' },
      { network: 'network-c2', address: '10.6.136.29' },
      { network: 'network-c3', address: '10.64.30.77' },
      { network: 'network-c9', address: '10.0.0.9' },
    ]);
    expect(synthError(app)).toContain('MESH-PLAT-017 [error] at mesh/platform/networkGateways/network-c9: A DaoCloud DCE network gateway names a network no cluster of the mesh is on. On DaoCloud DCE. Value: "network-c9".');
  });

  test('MESH-PLAT-006: DCE revisions are label values', () => {
    const { app } = dceMesh(undefined, { revision: '1.17.1_mspider' });
    expect(synthError(app)).toContain('MESH-PLAT-006 [error] at mesh: DaoCloud DCE revisions are mesh versions such as `1.17.1-mspider`: lower-case letters, digits, "-" and ".", at most 63 characters. On DaoCloud DCE. Value: "1.17.1_mspider".');
  });

  test('MESH-PLAT-001: a DCE hosted mesh without its virtual cluster', () => {
    const app = testApp();
    new Mesh(app, 'mesh', { meshId: 'm', platform: Platform.dce(), clusters: [{ name: 'w1', role: ClusterRole.REMOTE }, { name: 'owner' }] });
    expect(synthError(app)).toContain('MESH-PLAT-001 [error] at mesh: An Alibaba Cloud ASM or DaoCloud DCE hosted mesh needs exactly one CONFIG cluster to receive its Istio configuration. On DaoCloud DCE.');
  });
});

describe('upstream platform (default)', () => {
  test('keeps upstream defaults: revision "default", revision labels, istiod artifacts expected', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }] });
    expect(mesh.platform).toBe(Platform.UPSTREAM);
    expect(mesh.platform.managesControlPlane).toBe(false);
    expect(mesh.revision).toBe('default');
    expect(mesh.injection).toBe(InjectionScheme.REVISION);
  });

  test('MESH-TOPO-012 still forbids dotted revisions upstream', () => {
    const app = testApp();
    new Mesh(app, 'mesh', { meshId: 'm', revision: '1.17.1-mspider', clusters: [{ name: 'a' }] });
    expect(synthError(app)).toContain('MESH-TOPO-012');
  });
});
