/**
 * Guide equality: Istio's ambient multicluster guide (multi-primary on different networks, 1.30.3; reference:
 * shared/reference/istio-ambient-multicluster/FACTS.md), every install value and object per cluster, in the istioctl
 * and the Helm form. Normalization: the guide's IstioOperator apiVersion `insall.istio.io/v1alpha1` is a typo of
 * `install.istio.io/v1alpha1` (FACTS.md §5), which istioctl reads.
 */
import {
  AmbientEastWestGateway, ClusterRole, DataplaneMode, Mesh, MeshService, MeshTopology, MtlsMode, Protocol, RootCa,
} from '../../src';
import { artifact } from '../controlplane/helpers';
import { Synthesized, synth, synthError, testApp } from '../util';

const ROOT = '-----BEGIN CERTIFICATE-----\nROOT\n-----END CERTIFICATE-----\n';
const rootCa = RootCa.fromMaterial(ROOT, ['cluster1', 'cluster2'].map(cluster => ({
  cluster, caCert: `${cluster}-ca-cert`, caKey: `${cluster}-ca-key`, certChain: `${cluster}-cert-chain`,
})));
const NETS: Array<[string, string]> = [['cluster1', 'network1'], ['cluster2', 'network2']];

/** The guide's mesh, with the verify page's sample namespace and helloworld Service. */
function guide(): Synthesized {
  const app = testApp();
  const mesh = new Mesh(app, 'mesh', {
    meshId: 'mesh1',
    topology: MeshTopology.MULTI_PRIMARY_MULTI_NETWORK,
    dataplaneMode: DataplaneMode.AMBIENT,
    mtls: MtlsMode.UNSET,
    networks: [{ name: 'network1' }, { name: 'network2' }],
    clusters: [{ name: 'cluster1', network: 'network1' }, { name: 'cluster2', network: 'network2' }],
    controlPlane: { rootCa },
  });
  new AmbientEastWestGateway(mesh, 'eastwest');
  mesh.addNamespace('sample');
  new MeshService(mesh, 'helloworld', {
    name: 'helloworld', namespaceName: 'sample', ports: [{ port: 5000, name: 'http', protocol: Protocol.HTTP }], globalScope: true,
  });
  return synth(app);
}

/** clusterN.yaml of the guide (apiVersion corrected). */
const GUIDE_IOP = (cluster: string, network: string) => ({
  apiVersion: 'install.istio.io/v1alpha1',
  kind: 'IstioOperator',
  spec: {
    profile: 'ambient',
    components: { pilot: { k8s: { env: [{ name: 'AMBIENT_ENABLE_MULTI_NETWORK', value: 'true' }, { name: 'AMBIENT_ENABLE_BAGGAGE', value: 'true' }] } } },
    values: { global: { meshID: 'mesh1', multiCluster: { clusterName: cluster }, network } },
  },
});

/** The Helm commands' --set values, one document per release. */
const GUIDE_HELM = (cluster: string, network: string) => ({
  'istio-base': {},
  'istiod': {
    global: { meshID: 'mesh1', multiCluster: { clusterName: cluster }, network },
    profile: 'ambient',
    env: { AMBIENT_ENABLE_MULTI_NETWORK: 'true', AMBIENT_ENABLE_BAGGAGE: 'true' },
  },
  'istio-cni': { profile: 'ambient' },
  'ztunnel': { multiCluster: { clusterName: cluster }, global: { network } },
});

/** gen-eastwest-gateway.sh --network <net> --ambient (both tabs give this object). */
const GUIDE_EAST_WEST = (network: string) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'istio-eastwestgateway', namespace: 'istio-system', labels: { 'topology.istio.io/network': network } },
  spec: {
    gatewayClassName: 'istio-east-west',
    listeners: [{
      name: 'mesh',
      port: 15008,
      protocol: 'HBONE',
      tls: { mode: 'Terminate', options: { 'gateway.istio.io/tls-terminate-mode': 'ISTIO_MUTUAL' } },
    }],
  },
});

describe('ambient multi-primary on different networks (guide "Install ambient multi-primary on different networks")', () => {
  const out = guide();
  const runbook = (cluster: string) => out.text(`${cluster}/RUNBOOK.md`);

  test.each(NETS)('%s: istioctl IstioOperator equals the guide\'s', (cluster, network) => {
    expect(artifact(out, `${cluster}/istioctl/istio-operator.yaml`)).toEqual(GUIDE_IOP(cluster, network));
  });

  test.each(NETS)('%s: Helm values of istio-base, istiod, istio-cni and ztunnel equal the guide\'s', (cluster, network) => {
    const expected = GUIDE_HELM(cluster, network);
    for (const [release, values] of Object.entries(expected)) {
      expect({ release, values: artifact(out, `${cluster}/helm/${release}.values.yaml`) }).toEqual({ release, values });
    }
  });

  test.each(NETS)('%s: the runbook installs the four Helm releases in the guide\'s order, in istio-system', (cluster) => {
    const ctx = `--kube-context "\${CTX_${cluster.toUpperCase()}}"`;
    const helm = runbook(cluster).split('\n').filter(l => l.includes('helm install')).map(l => l.replace(/^\s*- `|`$/g, ''));
    expect(helm).toEqual([
      `helm install istio-base istio/base -n istio-system ${ctx} -f ${cluster}/helm/istio-base.values.yaml`,
      `helm install istiod istio/istiod -n istio-system ${ctx} -f ${cluster}/helm/istiod.values.yaml`,
      `helm install istio-cni istio/cni -n istio-system ${ctx} -f ${cluster}/helm/istio-cni.values.yaml`,
      `helm install ztunnel istio/ztunnel -n istio-system ${ctx} -f ${cluster}/helm/ztunnel.values.yaml`,
    ]);
    expect(runbook(cluster)).toContain(`istioctl install --context="\${CTX_${cluster.toUpperCase()}}" -f ${cluster}/istioctl/istio-operator.yaml`);
    expect(runbook(cluster)).toContain('gateways.gateway.networking.k8s.io');
    expect(runbook(cluster)).toContain('get svc istio-eastwestgateway -n istio-system');
  });

  test.each(NETS)('%s: every object the guide applies, and nothing else', (cluster, network) => {
    expect(out.cluster(cluster).map(o => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`).sort()).toEqual([
      'Gateway/istio-system/istio-eastwestgateway',
      'Namespace//istio-system',
      'Namespace//sample',
      'Secret/istio-system/cacerts',
      'Service/sample/helloworld',
    ]);
    expect(out.find(cluster, 'Namespace', 'istio-system').metadata).toEqual({ name: 'istio-system', labels: { 'topology.istio.io/network': network } });
    expect(out.find(cluster, 'Gateway', 'istio-eastwestgateway', 'istio-system')).toEqual(GUIDE_EAST_WEST(network));
    const secret = out.find(cluster, 'Secret', 'cacerts', 'istio-system');
    expect([secret.type, secret.stringData]).toEqual(['Opaque', {
      'ca-cert.pem': `${cluster}-ca-cert`, 'ca-key.pem': `${cluster}-ca-key`, 'cert-chain.pem': `${cluster}-cert-chain`, 'root-cert.pem': ROOT,
    }]);
    // verify page
    expect(out.find(cluster, 'Namespace', 'sample').metadata.labels).toEqual({ 'istio.io/dataplane-mode': 'ambient' });
    expect(out.find(cluster, 'Service', 'helloworld', 'sample').metadata.labels).toEqual({ 'app': 'helloworld', 'istio.io/global': 'true', 'service': 'helloworld' });
  });

  test.each(NETS)('%s: no classic east-west gateway (no gen-eastwest-gateway.sh IstioOperator, cross-network-gateway or expose-istiod)', (cluster) => {
    expect(out.files.has(`${cluster}/istioctl/istio-eastwestgateway.yaml`)).toBe(false);
    expect(() => out.text(`${cluster}/helm/istio-eastwestgateway.values.yaml`)).toThrow();
    expect(out.ofKind(cluster, 'VirtualService')).toEqual([]);
    expect(out.ofKind(cluster, 'Deployment')).toEqual([]);
  });

  test('remote secrets in both directions (Enable Endpoint Discovery)', () => {
    expect(runbook('cluster1')).toContain('istioctl create-remote-secret --context="${CTX_CLUSTER2}" --name=cluster2 | kubectl apply -f - --context="${CTX_CLUSTER1}"');
    expect(runbook('cluster2')).toContain('istioctl create-remote-secret --context="${CTX_CLUSTER1}" --name=cluster1 | kubectl apply -f - --context="${CTX_CLUSTER2}"');
  });
});

describe('ambient install (single cluster, Istio\'s ambient install docs)', () => {
  test('istioctl profile ambient; Helm istiod and istio-cni with profile=ambient, ztunnel with the cluster name', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'mesh1', topology: MeshTopology.MULTI_PRIMARY, clusters: [{ name: 'cluster1' }] });
    mesh.addNamespace('shop', { dataplaneMode: DataplaneMode.AMBIENT });
    const out = synth(app);
    expect(artifact(out, 'cluster1/istioctl/istio-operator.yaml')).toEqual({
      apiVersion: 'install.istio.io/v1alpha1',
      kind: 'IstioOperator',
      spec: { profile: 'ambient', values: { global: { meshID: 'mesh1', multiCluster: { clusterName: 'cluster1' } } } },
    });
    expect(artifact(out, 'cluster1/helm/istiod.values.yaml')).toEqual({ global: { meshID: 'mesh1', multiCluster: { clusterName: 'cluster1' } }, profile: 'ambient' });
    expect(artifact(out, 'cluster1/helm/istio-cni.values.yaml')).toEqual({ profile: 'ambient' });
    expect(artifact(out, 'cluster1/helm/ztunnel.values.yaml')).toEqual({ multiCluster: { clusterName: 'cluster1' } });
  });

  test('two revisions: istio-cni and ztunnel come from the first revision only (node-wide components)', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', {
      meshId: 'mesh1',
      topology: MeshTopology.MULTI_PRIMARY,
      dataplaneMode: DataplaneMode.AMBIENT,
      revision: '1-29',
      clusters: [{ name: 'cluster1' }],
      controlPlane: { revisions: [{ name: '1-29' }, { name: '1-30' }] },
    });
    mesh.addNamespace('shop');
    const out = synth(app);
    expect(artifact(out, 'cluster1/istioctl/istio-operator-1-29.yaml').spec.components).toBeUndefined();
    expect(artifact(out, 'cluster1/istioctl/istio-operator-1-30.yaml').spec).toMatchObject({
      profile: 'ambient', revision: '1-30', components: { cni: { enabled: false }, ztunnel: { enabled: false } },
    });
    const helm = out.text('cluster1/RUNBOOK.md').split('\n').filter(l => /helm install (istio-cni|ztunnel)/.test(l));
    expect(helm).toHaveLength(2);
    expect(artifact(out, 'cluster1/helm/istio-cni.values.yaml')).toEqual({ profile: 'ambient', revision: '1-29' });
  });

  test('a sidecar mesh keeps its install artifacts: no ambient profile, no istio-cni or ztunnel values', () => {
    const app = testApp();
    new Mesh(app, 'mesh', { meshId: 'mesh1', topology: MeshTopology.MULTI_PRIMARY, clusters: [{ name: 'cluster1' }] }).addNamespace('shop');
    const out = synth(app);
    expect(artifact(out, 'cluster1/istioctl/istio-operator.yaml').spec.profile).toBeUndefined();
    expect(out.files.has('cluster1/helm/ztunnel.values.yaml')).toBe(false);
    expect(() => out.text('cluster1/helm/istio-cni.values.yaml')).toThrow();
  });
});

describe('configurations the ambient multicluster guide does not support (MESH-AMB-011, MESH-AMB-012)', () => {
  const ambientMesh = (topology: MeshTopology, networks: string[], remote = false) => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', {
      meshId: 'mesh1',
      topology,
      dataplaneMode: DataplaneMode.AMBIENT,
      networks: [...new Set(networks)].map(name => ({ name })),
      clusters: [
        { name: 'cluster1', network: networks[0] },
        { name: 'cluster2', network: networks[1], role: remote ? ClusterRole.REMOTE : ClusterRole.PRIMARY },
      ],
      controlPlane: { rootCa },
    });
    return { app, mesh };
  };

  test.each<[string, MeshTopology, string[], boolean, string]>([
    ['primary-remote', MeshTopology.PRIMARY_REMOTE, ['network1', 'network1'], true, '"primary-remote". The topology is "primary-remote".'],
    ['primary-remote on different networks', MeshTopology.PRIMARY_REMOTE_MULTI_NETWORK, ['network1', 'network2'], true, '"primary-remote-multi-network". The topology is "primary-remote-multi-network".'],
    ['multi-primary on one network', MeshTopology.MULTI_PRIMARY, ['network1', 'network1'], false, '"multi-primary". 2 clusters on one network.'],
  ])('%s with ambient is MESH-AMB-011', (_title, topology, networks, remote, value) => {
    const { app } = ambientMesh(topology, networks, remote);
    const message = synthError(app);
    const [detailValue, detail] = value.split('. ');
    expect(message).toContain(`MESH-AMB-011 [error] at mesh/topology: Istio's ambient multicluster supports only multiple primaries on different networks. ${detail} Value: ${detailValue}.`);
  });

  test('an external control plane with ambient is MESH-AMB-011', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', {
      meshId: 'mesh1',
      topology: MeshTopology.EXTERNAL_CONTROL_PLANE,
      clusters: [{ name: 'external', role: ClusterRole.EXTERNAL }, { name: 'config', role: ClusterRole.CONFIG }],
    });
    mesh.addNamespace('shop', { dataplaneMode: DataplaneMode.AMBIENT });
    expect(synthError(app)).toContain('MESH-AMB-011 [error] at mesh/topology: Istio\'s ambient multicluster supports only multiple primaries on different networks. The topology is "external-control-plane". Value: "external-control-plane".');
  });

  test('an ambient multi-network mesh without ambient east-west gateways is MESH-AMB-012 per network (not MESH-CP-004)', () => {
    const { app } = ambientMesh(MeshTopology.MULTI_PRIMARY_MULTI_NETWORK, ['network1', 'network2']);
    const message = synthError(app);
    expect(message).toContain('MESH-AMB-012 [error] at mesh/networks/network1: An ambient multi-network mesh needs an ambient east-west gateway (class `istio-east-west`) in every network. Value: "network1".');
    expect(message).toContain('MESH-AMB-012 [error] at mesh/networks/network2:');
    expect(message).not.toContain('MESH-CP-004');
  });
});
