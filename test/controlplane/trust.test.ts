import { ClusterRole, Mesh, MeshTopology, RemoteSecret, RootCa, SecretStoreKind } from '../../src';
import { synth, synthError, testApp } from '../util';
import { artifacts, kubeconfigFor } from './helpers';

const KUBECONFIG = kubeconfigFor('b');

function twoPrimaries(controlPlane: any) {
  const app = testApp();
  new Mesh(app, 'mesh', {
    meshId: 'm',
    topology: MeshTopology.MULTI_PRIMARY,
    clusters: [{ name: 'a' }, { name: 'b' }],
    controlPlane,
  });
  return app;
}

describe('remote secrets', () => {
  test('a passed kubeconfig becomes the istioctl-shaped Secret in every other primary', () => {
    const out = synth(twoPrimaries({ rootCa: RootCa.acknowledgeUnshared(), remoteSecrets: [RemoteSecret.fromKubeconfig('b', KUBECONFIG)] }));
    const secret = out.find('a', 'Secret', 'istio-remote-secret-b', 'istio-system');
    expect(secret.metadata.labels).toEqual({ 'istio/multiCluster': 'true' });
    expect(secret.metadata.annotations).toEqual({ 'networking.istio.io/cluster': 'b' });
    expect(secret.stringData).toEqual({ b: KUBECONFIG });
    expect(secret.type).toBeUndefined();
    expect(out.ofKind('b', 'Secret')).toEqual([]);
    // a's secret was not passed: b's runbook has the command, and no credentials appear anywhere
    expect(out.text('b/RUNBOOK.md')).toContain('istioctl create-remote-secret --context="${CTX_A}" --name=a | kubectl apply -f - --context="${CTX_B}"');
    expect(out.text('a/RUNBOOK.md')).not.toContain('create-remote-secret');
    expect(artifacts(out, 'a/pre-install.yaml').map(d => d.metadata.name)).toEqual(['istio-system', 'istio-remote-secret-b']);
  });

  test('a remote secret for an unknown cluster (MESH-TOPO-010)', () => {
    const message = synthError(twoPrimaries({ rootCa: RootCa.acknowledgeUnshared(), remoteSecrets: [RemoteSecret.fromKubeconfig('zz', KUBECONFIG)] }));
    expect(message).toContain('MESH-TOPO-010 [error] at mesh/ControlPlane: The construct refers to a cluster that the mesh does not declare.');
    expect(message).toContain('Value: "zz"');
  });

  test('a kubeconfig istiod cannot use (MESH-VAL-023), reported without its content', () => {
    const broken = (kubeconfig: string) => synthError(twoPrimaries({ rootCa: RootCa.acknowledgeUnshared(), remoteSecrets: [RemoteSecret.fromKubeconfig('b', kubeconfig)] }));
    const noContext = KUBECONFIG.replace(/current-context: b\n/, '');
    const message = broken(noContext);
    expect(message).toContain(`MESH-VAL-023 [error] at mesh/ControlPlane/remoteSecrets/b: A remote secret's kubeconfig is not one istiod can use: it needs a current context that names a listed cluster with a server URL and a listed user. It sets no current-context; istiod uses the current context. Value: "(kubeconfig of ${noContext.length} characters, not shown)". Fix: Pass the kubeconfig`);
    expect(message).not.toContain('dG9rZW4K');
    expect(broken('kubeconfig-for-b')).toContain('It is not a kubeconfig: the YAML is not a mapping');
    expect(broken('apiVersion: v1\nkind: Config\nclusters: []\n')).toContain('It lists no cluster.');
    expect(broken(KUBECONFIG.replace('server: https://b.example.internal:6443', 'server: b.example.internal'))).toContain('Its cluster "b" has no server URL');
    expect(broken(KUBECONFIG.replace('current-context: b', 'current-context: c'))).toContain('Its current-context "c" is not one of its contexts.');
    expect(broken(KUBECONFIG.replace('      user: b', '      user: admin'))).toContain('The current context names the user "admin", which it does not list.');
    expect(broken(KUBECONFIG.replace('kind: Config', 'kind: Secret'))).toContain('Its kind is "Secret", not "Config".');
    expect(broken('clusters: [')).toContain('It is not YAML');
  });

  test('an ExternalSecret form produces the labelled, annotated Secret', () => {
    const out = synth(twoPrimaries({
      rootCa: RootCa.acknowledgeUnshared(),
      remoteSecrets: [RemoteSecret.fromExternalSecret('b', { storeName: 'vault', key: 'mesh/kubeconfigs', refreshInterval: '1h' })],
    }));
    const es = out.find('a', 'ExternalSecret', 'istio-remote-secret-b', 'istio-system');
    expect(es.apiVersion).toBe('external-secrets.io/v1');
    expect(es.spec).toEqual({
      refreshInterval: '1h',
      secretStoreRef: { name: 'vault', kind: 'ClusterSecretStore' },
      target: {
        name: 'istio-remote-secret-b',
        creationPolicy: 'Owner',
        template: { metadata: { labels: { 'istio/multiCluster': 'true' }, annotations: { 'networking.istio.io/cluster': 'b' } } },
      },
      data: [{ secretKey: 'b', remoteRef: { key: 'mesh/kubeconfigs', property: 'b' } }],
    });
    expect(out.ofKind('a', 'Secret')).toEqual([]);
  });

  test('a hosted control plane without an external cluster reads every workload cluster from the config cluster', () => {
    const app = testApp();
    new Mesh(app, 'mesh', {
      meshId: 'm',
      topology: MeshTopology.EXTERNAL_CONTROL_PLANE,
      clusters: [{ name: 'hosted', role: ClusterRole.CONFIG }, { name: 'w1', role: ClusterRole.REMOTE }, { name: 'w2', role: ClusterRole.REMOTE }],
      controlPlane: { rootCa: RootCa.acknowledgeUnshared(), discoveryAddresses: { hosted: '10.64.30.72' } },
    });
    const out = synth(app);
    const runbook = out.text('hosted/RUNBOOK.md');
    expect(runbook).toContain('--name=w1 --type=remote --namespace=istio-system --create-service-account=false | kubectl apply -f - --context="${CTX_HOSTED}"');
    expect(runbook).toContain('--name=w2 --type=remote --namespace=istio-system --create-service-account=false | kubectl apply -f - --context="${CTX_HOSTED}"');
    // an IPv4 address selects the guide's IP-address variant
    expect(out.text('w1/istioctl/istio-operator.yaml')).toContain('remotePilotAddress: 10.64.30.72');
    expect(out.find('w1', 'Namespace', 'istio-system').metadata.annotations).toEqual({ 'topology.istio.io/controlPlaneClusters': 'hosted' });
  });
});

describe('shared root CA', () => {
  test('an ExternalSecret per cluster for cacerts', () => {
    const out = synth(twoPrimaries({ rootCa: RootCa.fromExternalSecret({ storeName: 'vault', storeKind: SecretStoreKind.SECRET_STORE, key: 'mesh/cacerts' }) }));
    for (const cluster of ['a', 'b']) {
      const es = out.find(cluster, 'ExternalSecret', 'cacerts', 'istio-system');
      expect(es.spec.secretStoreRef).toEqual({ name: 'vault', kind: 'SecretStore' });
      expect(es.spec.target).toEqual({ name: 'cacerts', creationPolicy: 'Owner' });
      expect(es.spec.data).toEqual(['ca-cert.pem', 'ca-key.pem', 'cert-chain.pem', 'root-cert.pem']
        .map(k => ({ secretKey: k, remoteRef: { key: `mesh/cacerts/${cluster}`, property: k } })));
    }
  });

  test('multi-cluster without a shared root (MESH-CP-007)', () => {
    const message = synthError(twoPrimaries({}));
    expect(message).toContain('MESH-CP-007 [error] at mesh/controlPlane/rootCa: A multi-cluster mesh needs a shared root CA.');
    expect(message).toContain('Value: (unset)');
  });

  test('acknowledged: no cacerts and a runbook note', () => {
    const out = synth(twoPrimaries({ rootCa: RootCa.acknowledgeUnshared() }));
    expect(out.ofKind('a', 'Secret')).toEqual([]);
    expect(out.text('a/RUNBOOK.md')).toContain('No shared root CA (acknowledged)');
  });

  test('material missing for a cluster (MESH-CP-014)', () => {
    const message = synthError(twoPrimaries({ rootCa: RootCa.fromMaterial('root', [{ cluster: 'a', caCert: 'c', caKey: 'k', certChain: 'ch' }]) }));
    expect(message).toContain('MESH-CP-014 [error] at mesh/ControlPlane: The root CA material has no intermediate for a cluster that runs a CA.');
    expect(message).toContain('Value: "b"');
  });
});

describe('meshNetworks', () => {
  test('static gateway addresses land in global.meshNetworks of primaries', () => {
    const app = testApp();
    new Mesh(app, 'mesh', {
      meshId: 'm',
      topology: MeshTopology.MULTI_PRIMARY,
      networks: [{ name: 'n1' }],
      clusters: [{ name: 'a', network: 'n1' }],
      controlPlane: { meshNetworks: [{ network: 'n1', address: '10.64.30.73' }] },
    });
    const out = synth(app);
    expect(out.text('a/helm/istiod.values.yaml')).toContain('meshNetworks:\n    n1:\n      gateways:\n        - address: 10.64.30.73\n          port: 15443');
  });

  test('an entry for an undeclared network (MESH-CP-011)', () => {
    const app = testApp();
    new Mesh(app, 'mesh', {
      meshId: 'm',
      topology: MeshTopology.MULTI_PRIMARY,
      clusters: [{ name: 'a' }],
      controlPlane: { meshNetworks: [{ network: 'nope', address: '1.1.1.1' }] },
    });
    const message = synthError(app);
    expect(message).toContain('MESH-CP-011 [error] at mesh/meshNetworks/nope: A meshNetworks entry names a network that the mesh does not declare.');
    expect(message).toContain('Value: "nope"');
  });
});
