/**
 * Guide equality: for each of Istio's four multicluster install guides (1.30), every value and object
 * the guide puts into cluster1 and cluster2, in both the istioctl and the Helm form
 * (reference: shared/reference/istio-multicluster/FACTS.md).
 */
import { ClusterRole, Mesh, MeshTopology, RootCa } from '../../src';
import { Synthesized, synth, testApp } from '../util';
import { addGuideEastWestGateway } from './east-west-fixture';
import { artifact, artifacts } from './helpers';

const ROOT = '-----BEGIN CERTIFICATE-----\nROOT\n-----END CERTIFICATE-----\n';
const rootCa = RootCa.fromMaterial(ROOT, ['cluster1', 'cluster2'].map(cluster => ({
  cluster,
  caCert: `${cluster}-ca-cert`,
  caKey: `${cluster}-ca-key`,
  certChain: `${cluster}-cert-chain`,
})));

/** The guide's mesh: mesh1, cluster1 and cluster2, network1 (and network2 for the multi-network guides). */
function guide(topology: MeshTopology): Synthesized {
  const multiNetwork = topology === MeshTopology.MULTI_PRIMARY_MULTI_NETWORK || topology === MeshTopology.PRIMARY_REMOTE_MULTI_NETWORK;
  const remote = topology === MeshTopology.PRIMARY_REMOTE || topology === MeshTopology.PRIMARY_REMOTE_MULTI_NETWORK;
  const app = testApp();
  const mesh = new Mesh(app, 'mesh', {
    meshId: 'mesh1',
    topology,
    networks: multiNetwork ? [{ name: 'network1' }, { name: 'network2' }] : [{ name: 'network1' }],
    clusters: [
      { name: 'cluster1', network: 'network1' },
      { name: 'cluster2', network: multiNetwork ? 'network2' : 'network1', role: remote ? ClusterRole.REMOTE : ClusterRole.PRIMARY },
    ],
    controlPlane: { rootCa },
  });
  if (multiNetwork || remote) addGuideEastWestGateway(mesh, 'cluster1', remote, multiNetwork);
  if (multiNetwork) addGuideEastWestGateway(mesh, 'cluster2');
  return synth(app);
}

const PRIMARY_IOP = (cluster: string, network: string, externalIstiod?: boolean) => ({
  apiVersion: 'install.istio.io/v1alpha1',
  kind: 'IstioOperator',
  spec: { values: { global: { meshID: 'mesh1', multiCluster: { clusterName: cluster }, network, ...(externalIstiod ? { externalIstiod: true } : {}) } } },
});

const PRIMARY_ISTIOD = (cluster: string, network: string, externalIstiod?: boolean) => ({
  global: { meshID: 'mesh1', ...(externalIstiod ? { externalIstiod: true } : {}), multiCluster: { clusterName: cluster }, network },
});

const REMOTE_IOP = (network: string) => ({
  apiVersion: 'install.istio.io/v1alpha1',
  kind: 'IstioOperator',
  spec: {
    profile: 'remote',
    values: { istiodRemote: { injectionPath: `/inject/cluster/cluster2/net/${network}` }, global: { remotePilotAddress: '${DISCOVERY_ADDRESS}' } },
  },
});

const REMOTE_ISTIOD = (network: string, withNetwork: boolean) => ({
  profile: 'remote',
  global: {
    multiCluster: { clusterName: 'cluster2' },
    ...(withNetwork ? { network } : {}),
    configCluster: true,
    remotePilotAddress: '${DISCOVERY_ADDRESS}',
  },
  istiodRemote: { injectionPath: `/inject/cluster/cluster2/net/${network}` },
});

/** gen-eastwest-gateway.sh --network <net> */
const EASTWEST_IOP = (network: string) => ({
  apiVersion: 'install.istio.io/v1alpha1',
  kind: 'IstioOperator',
  metadata: { name: 'eastwest' },
  spec: {
    revision: '',
    profile: 'empty',
    components: {
      ingressGateways: [{
        name: 'istio-eastwestgateway',
        label: { 'istio': 'eastwestgateway', 'app': 'istio-eastwestgateway', 'topology.istio.io/network': network },
        enabled: true,
        k8s: {
          env: [{ name: 'ISTIO_META_REQUESTED_NETWORK_VIEW', value: network }],
          service: {
            ports: [
              { name: 'status-port', port: 15021, targetPort: 15021 },
              { name: 'tls', port: 15443, targetPort: 15443 },
              { name: 'tls-istiod', port: 15012, targetPort: 15012 },
              { name: 'tls-webhook', port: 15017, targetPort: 15017 },
            ],
          },
        },
      }],
    },
    values: { gateways: { 'istio-ingressgateway': { injectionTemplate: 'gateway' } }, global: { network } },
  },
});

const EASTWEST_HELM = (network: string) => ({ name: 'istio-eastwestgateway', networkGateway: network });

/** samples/multicluster/expose-services.yaml, applied with -n istio-system. */
const CROSS_NETWORK_GATEWAY = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'Gateway',
  metadata: { name: 'cross-network-gateway', namespace: 'istio-system' },
  spec: {
    selector: { istio: 'eastwestgateway' },
    servers: [{ port: { number: 15443, name: 'tls', protocol: 'TLS' }, tls: { mode: 'AUTO_PASSTHROUGH' }, hosts: ['*.local'] }],
  },
};

function expectCaCerts(out: Synthesized, cluster: string): void {
  const secret = out.find(cluster, 'Secret', 'cacerts', 'istio-system');
  expect(secret.type).toBe('Opaque');
  expect(secret.stringData).toEqual({
    'ca-cert.pem': `${cluster}-ca-cert`,
    'ca-key.pem': `${cluster}-ca-key`,
    'cert-chain.pem': `${cluster}-cert-chain`,
    'root-cert.pem': ROOT,
  });
}

/**
 * The Gateway objects come from the gateways family's EastWestGateway: its selector adds `app: istio-eastwestgateway`
 * to the guide's `istio: eastwestgateway` (same pods), and protocols are upper-case (Istio parses them case-insensitively).
 */
function expectGuideGateway(gateway: any, expected: { selector: any; servers: any[] }): void {
  expect(gateway.spec.selector).toMatchObject(expected.selector);
  const upper = (servers: any[]) => servers.map(s => ({ ...s, port: { ...s.port, protocol: s.port.protocol.toUpperCase() } }));
  expect(upper(gateway.spec.servers)).toEqual(upper(expected.servers));
}

function expectCrossNetworkGateway(out: Synthesized, cluster: string): void {
  const gw = out.find(cluster, 'Gateway', 'cross-network-gateway', 'istio-system');
  expect(gw.apiVersion).toBe(CROSS_NETWORK_GATEWAY.apiVersion);
  expectGuideGateway(gw, CROSS_NETWORK_GATEWAY.spec);
}

function expectExposeIstiod(out: Synthesized, cluster: string): void {
  expectGuideGateway(out.find(cluster, 'Gateway', 'istiod-gateway', 'istio-system'), {
    selector: { istio: 'eastwestgateway' },
    servers: [
      { port: { name: 'tls-istiod', number: 15012, protocol: 'tls' }, tls: { mode: 'PASSTHROUGH' }, hosts: ['*'] },
      { port: { name: 'tls-istiodwebhook', number: 15017, protocol: 'tls' }, tls: { mode: 'PASSTHROUGH' }, hosts: ['*'] },
    ],
  });
  const vs = out.find(cluster, 'VirtualService', 'istiod-vs', 'istio-system');
  // `istio-system/istiod-gateway` is the namespaced form of the guide's `istiod-gateway` (the VirtualService is in istio-system)
  const gateways = vs.spec.gateways.map((g: string) => g.includes('/') ? g : `istio-system/${g}`);
  expect({ ...vs.spec, gateways }).toEqual({
    hosts: ['*'],
    gateways: ['istio-system/istiod-gateway'],
    tls: [
      { match: [{ port: 15012, sniHosts: ['*'] }], route: [{ destination: { host: 'istiod.istio-system.svc.cluster.local', port: { number: 15012 } } }] },
      { match: [{ port: 15017, sniHosts: ['*'] }], route: [{ destination: { host: 'istiod.istio-system.svc.cluster.local', port: { number: 443 } } }] },
    ],
  });
}

function runbook(out: Synthesized, cluster: string): string {
  return out.text(`${cluster}/RUNBOOK.md`);
}

describe('multi-primary (guide "Install Multi-Primary")', () => {
  const out = guide(MeshTopology.MULTI_PRIMARY);

  test.each(['cluster1', 'cluster2'])('%s: istioctl IstioOperator equals the guide', cluster => {
    expect(artifact(out, `${cluster}/istioctl/istio-operator.yaml`)).toEqual(PRIMARY_IOP(cluster, 'network1'));
  });

  test.each(['cluster1', 'cluster2'])('%s: Helm values equal the guide (istio-base: none; istiod: meshID, clusterName, network)', cluster => {
    expect(artifact(out, `${cluster}/helm/istio-base.values.yaml`)).toEqual({});
    expect(artifact(out, `${cluster}/helm/istiod.values.yaml`)).toEqual(PRIMARY_ISTIOD(cluster, 'network1'));
  });

  test('no east-west gateway, no expose-* objects, no network label', () => {
    for (const cluster of ['cluster1', 'cluster2']) {
      expect(out.ofKind(cluster, 'Gateway')).toEqual([]);
      expect(out.ofKind(cluster, 'VirtualService')).toEqual([]);
      expect(out.find(cluster, 'Namespace', 'istio-system').metadata).toEqual({ name: 'istio-system' });
      expect(out.files.has(`${cluster}/istioctl/istio-eastwestgateway.yaml`)).toBe(false);
      expect(() => out.text(`${cluster}/helm/istio-eastwestgateway.values.yaml`)).toThrow();
      expectCaCerts(out, cluster);
    }
  });

  test('each primary gets the other cluster\'s remote secret (runbook commands, no credentials)', () => {
    expect(runbook(out, 'cluster1')).toContain('istioctl create-remote-secret --context="${CTX_CLUSTER2}" --name=cluster2 | kubectl apply -f - --context="${CTX_CLUSTER1}"');
    expect(runbook(out, 'cluster2')).toContain('istioctl create-remote-secret --context="${CTX_CLUSTER1}" --name=cluster1 | kubectl apply -f - --context="${CTX_CLUSTER2}"');
    expect(out.ofKind('cluster1', 'Secret').map(s => s.metadata.name)).toEqual(['cacerts']);
  });

  test('pre-install holds istio-system and cacerts, declared once', () => {
    const docs = artifacts(out, 'cluster1/pre-install.yaml');
    expect(docs.map(d => `${d.kind}/${d.metadata.name}`)).toEqual(['Namespace/istio-system', 'Secret/cacerts']);
  });
});

describe('multi-primary on different networks (guide "Install Multi-Primary on different networks")', () => {
  const out = guide(MeshTopology.MULTI_PRIMARY_MULTI_NETWORK);
  const nets: Array<[string, string]> = [['cluster1', 'network1'], ['cluster2', 'network2']];

  test.each(nets)('%s: istioctl IstioOperator equals the guide', (cluster, network) => {
    expect(artifact(out, `${cluster}/istioctl/istio-operator.yaml`)).toEqual(PRIMARY_IOP(cluster, network));
  });

  test.each(nets)('%s: Helm values equal the guide', (cluster, network) => {
    expect(artifact(out, `${cluster}/helm/istio-base.values.yaml`)).toEqual({});
    expect(artifact(out, `${cluster}/helm/istiod.values.yaml`)).toEqual(PRIMARY_ISTIOD(cluster, network));
  });

  test.each(nets)('%s: east-west gateway IstioOperator and Helm values equal the guide', (cluster, network) => {
    expect(artifact(out, `${cluster}/istioctl/istio-eastwestgateway.yaml`)).toEqual(EASTWEST_IOP(network));
    expect(artifact(out, `${cluster}/helm/istio-eastwestgateway.values.yaml`)).toEqual(EASTWEST_HELM(network));
  });

  test.each(nets)('%s: istio-system carries the network label; cross-network gateway applied', (cluster, network) => {
    expect(out.find(cluster, 'Namespace', 'istio-system').metadata).toEqual({ name: 'istio-system', labels: { 'topology.istio.io/network': network } });
    expectCrossNetworkGateway(out, cluster);
    expect(out.ofKind(cluster, 'VirtualService')).toEqual([]);
    expectCaCerts(out, cluster);
  });

  test('remote secrets in both directions', () => {
    expect(runbook(out, 'cluster1')).toContain('--context="${CTX_CLUSTER2}" --name=cluster2 | kubectl apply -f - --context="${CTX_CLUSTER1}"');
    expect(runbook(out, 'cluster2')).toContain('--context="${CTX_CLUSTER1}" --name=cluster1 | kubectl apply -f - --context="${CTX_CLUSTER2}"');
  });
});

describe('primary-remote (guide "Install Primary-Remote")', () => {
  const out = guide(MeshTopology.PRIMARY_REMOTE);

  test('cluster1: istioctl IstioOperator and Helm values enable externalIstiod', () => {
    expect(artifact(out, 'cluster1/istioctl/istio-operator.yaml')).toEqual(PRIMARY_IOP('cluster1', 'network1', true));
    expect(artifact(out, 'cluster1/helm/istio-base.values.yaml')).toEqual({});
    expect(artifact(out, 'cluster1/helm/istiod.values.yaml')).toEqual(PRIMARY_ISTIOD('cluster1', 'network1', true));
  });

  test('cluster1: east-west gateway on network1 and istiod exposed (expose-istiod.yaml)', () => {
    expect(artifact(out, 'cluster1/istioctl/istio-eastwestgateway.yaml')).toEqual(EASTWEST_IOP('network1'));
    expect(artifact(out, 'cluster1/helm/istio-eastwestgateway.values.yaml')).toEqual(EASTWEST_HELM('network1'));
    expectExposeIstiod(out, 'cluster1');
    // the single-network guide applies expose-istiod.yaml only: no cross-network gateway
    expect(out.ofKind('cluster1', 'Gateway').map(g => g.metadata.name)).toEqual(['istiod-gateway']);
    expect(out.find('cluster1', 'Namespace', 'istio-system').metadata).toEqual({ name: 'istio-system' });
  });

  test('cluster2: remote IstioOperator sets only profile, injectionPath and remotePilotAddress', () => {
    expect(artifact(out, 'cluster2/istioctl/istio-operator.yaml')).toEqual(REMOTE_IOP('network1'));
  });

  test('cluster2: Helm remote values (no global.network on one network)', () => {
    expect(artifact(out, 'cluster2/helm/istio-base.values.yaml')).toEqual({ profile: 'remote' });
    expect(artifact(out, 'cluster2/helm/istiod.values.yaml')).toEqual(REMOTE_ISTIOD('network1', false));
  });

  test('cluster2: istio-system names its control-plane cluster, once, without network label; nothing else applied', () => {
    const namespaces = out.ofKind('cluster2', 'Namespace').filter(n => n.metadata.name === 'istio-system');
    expect(namespaces).toHaveLength(1);
    expect(namespaces[0].metadata).toEqual({ name: 'istio-system', annotations: { 'topology.istio.io/controlPlaneClusters': 'cluster1' } });
    expect(out.ofKind('cluster2', 'Gateway')).toEqual([]);
    expect(out.ofKind('cluster2', 'VirtualService')).toEqual([]);
    expect(() => out.text('cluster2/istioctl/istio-eastwestgateway.yaml')).toThrow();
    expectCaCerts(out, 'cluster2');
  });

  test('only cluster1 gets a remote secret (of cluster2); the runbook exports DISCOVERY_ADDRESS', () => {
    expect(runbook(out, 'cluster1')).toContain('istioctl create-remote-secret --context="${CTX_CLUSTER2}" --name=cluster2 | kubectl apply -f - --context="${CTX_CLUSTER1}"');
    expect(runbook(out, 'cluster2')).not.toContain('create-remote-secret');
    expect(runbook(out, 'cluster2')).toContain('export DISCOVERY_ADDRESS=$(kubectl --context="${CTX_CLUSTER1}" -n istio-system get svc istio-eastwestgateway');
    expect(runbook(out, 'cluster2')).toContain('Install `cluster1` first');
  });
});

describe('primary-remote on different networks (guide "Install Primary-Remote on different networks")', () => {
  const out = guide(MeshTopology.PRIMARY_REMOTE_MULTI_NETWORK);

  test('cluster1: IstioOperator, Helm values, east-west gateway, exposure and cross-network gateway', () => {
    expect(artifact(out, 'cluster1/istioctl/istio-operator.yaml')).toEqual(PRIMARY_IOP('cluster1', 'network1', true));
    expect(artifact(out, 'cluster1/helm/istio-base.values.yaml')).toEqual({});
    expect(artifact(out, 'cluster1/helm/istiod.values.yaml')).toEqual(PRIMARY_ISTIOD('cluster1', 'network1', true));
    expect(artifact(out, 'cluster1/istioctl/istio-eastwestgateway.yaml')).toEqual(EASTWEST_IOP('network1'));
    expect(artifact(out, 'cluster1/helm/istio-eastwestgateway.values.yaml')).toEqual(EASTWEST_HELM('network1'));
    expectExposeIstiod(out, 'cluster1');
    expectCrossNetworkGateway(out, 'cluster1');
    expect(out.find('cluster1', 'Namespace', 'istio-system').metadata.labels).toEqual({ 'topology.istio.io/network': 'network1' });
    expectCaCerts(out, 'cluster1');
  });

  test('cluster2: remote IstioOperator (no global.network) and Helm values (with global.network)', () => {
    expect(artifact(out, 'cluster2/istioctl/istio-operator.yaml')).toEqual(REMOTE_IOP('network2'));
    expect(artifact(out, 'cluster2/helm/istio-base.values.yaml')).toEqual({ profile: 'remote' });
    expect(artifact(out, 'cluster2/helm/istiod.values.yaml')).toEqual(REMOTE_ISTIOD('network2', true));
  });

  test('cluster2: east-west gateway on network2; istio-system labelled and annotated once', () => {
    expect(artifact(out, 'cluster2/istioctl/istio-eastwestgateway.yaml')).toEqual(EASTWEST_IOP('network2'));
    expect(artifact(out, 'cluster2/helm/istio-eastwestgateway.values.yaml')).toEqual(EASTWEST_HELM('network2'));
    expect(out.find('cluster2', 'Namespace', 'istio-system').metadata).toEqual({
      name: 'istio-system',
      labels: { 'topology.istio.io/network': 'network2' },
      annotations: { 'topology.istio.io/controlPlaneClusters': 'cluster1' },
    });
    expect(out.ofKind('cluster2', 'VirtualService')).toEqual([]);
    expect(out.ofKind('cluster2', 'Gateway')).toEqual([]);
    expectCaCerts(out, 'cluster2');
  });

  test('only cluster1 gets the remote secret of cluster2', () => {
    expect(runbook(out, 'cluster1')).toContain('--context="${CTX_CLUSTER2}" --name=cluster2 | kubectl apply -f - --context="${CTX_CLUSTER1}"');
    expect(runbook(out, 'cluster2')).not.toContain('create-remote-secret');
  });
});
