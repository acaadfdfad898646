/**
 * Guide equality: Istio's "Install Istio with an External Control Plane" (1.30), both the hostname (DNS) and the
 * IP-address variant: every value and object the guide puts into the external cluster, the remote config cluster
 * and the second remote cluster (reference: shared/reference/istio-external-controlplane/FACTS.md).
 * The guide's `${REMOTE_CLUSTER_NAME}` is `cluster1`, `${SECOND_CLUSTER_NAME}` is `cluster2`.
 *
 * Deliberate differences, each asserted below:
 * - The guide writes `$EXTERNAL_ISTIOD_ADDR` and `${EXTERNAL_ISTIOD_ADDR}`; we write `${EXTERNAL_ISTIOD_ADDR}` everywhere
 *   (same value after envsubst, which the runbook runs).
 * - Helm: the guide has Helm commands only for the config cluster's optional gateways. We add Helm values for every
 *   install: the control-plane IstioOperators' values as chart values (the external istiod's overlay volumes become
 *   the istiod chart's `pilot.volumes`/`pilot.volumeMounts`, its env `pilot.env`; `--set values.defaultRevision=default`
 *   becomes istio-base `defaultRevision`, `base.validationURL` moves to the istio-base release where the chart reads it).
 * - The second cluster's `external-istiod` namespace also carries `topology.istio.io/network: network2` (the guide sets
 *   no network label; the multi-network guides label the system namespace so istiod places the cluster's endpoints on
 *   its network without meshNetworks).
 * - A passed config secret is annotated with the config cluster's name; the guide's `create-remote-secret` without
 *   `--name` writes the UID of the cluster's kube-system namespace (unknown at synthesis). Without a passed secret the
 *   runbook runs the guide's exact command.
 * - The east-west gateways run as manifest workloads (as in the multicluster guides' tests); the runbook also lists the
 *   guide's `istioctl manifest generate ... --set values.global.istioNamespace=external-istiod` command.
 */
import { ClusterRole, EastWestGateway, ExternalIstiodAddressType, InjectionScheme, Mesh, MeshTopology, RemoteSecret } from '../../src';
import { Synthesized, synth, testApp } from '../util';
import { artifact, kubeconfigFor } from './helpers';

const ADDR = '${EXTERNAL_ISTIOD_ADDR}';

function guide(addressType: ExternalIstiodAddressType, passSecrets = false): Synthesized {
  const app = testApp();
  const mesh = new Mesh(app, 'mesh', {
    meshId: 'mesh1',
    topology: MeshTopology.EXTERNAL_CONTROL_PLANE,
    rootNamespace: 'external-istiod',
    injection: InjectionScheme.LEGACY, // the guide labels sample istio-injection=enabled
    networks: [{ name: 'network1' }, { name: 'network2' }],
    clusters: [
      { name: 'external', role: ClusterRole.EXTERNAL },
      { name: 'cluster1', role: ClusterRole.CONFIG, network: 'network1', workloads: true },
      { name: 'cluster2', role: ClusterRole.REMOTE, network: 'network2' },
    ],
    controlPlane: {
      externalIstiod: { addressType },
      remoteSecrets: passSecrets ? [RemoteSecret.fromKubeconfig('cluster1', kubeconfigFor('cluster1')), RemoteSecret.fromKubeconfig('cluster2', kubeconfigFor('cluster2'))] : undefined,
    },
  });
  mesh.addNamespace('sample');
  new EastWestGateway(mesh, 'eastwest', { clusters: ['cluster1', 'cluster2'] });
  return synth(app);
}

const CONTROLPLANE_GATEWAY_IOP = {
  apiVersion: 'install.istio.io/v1alpha1',
  kind: 'IstioOperator',
  metadata: { namespace: 'istio-system' },
  spec: {
    components: {
      ingressGateways: [{
        name: 'istio-ingressgateway',
        enabled: true,
        k8s: {
          service: {
            ports: [
              { port: 15021, targetPort: 15021, name: 'status-port' },
              { port: 15012, targetPort: 15012, name: 'tls-xds' },
              { port: 15017, targetPort: 15017, name: 'tls-webhook' },
            ],
          },
        },
      }],
    },
  },
};

const patch = (path: string, value: string) => ({ path, value });
const EXTERNAL_ISTIOD_IOP = (ip: boolean) => ({
  apiVersion: 'install.istio.io/v1alpha1',
  kind: 'IstioOperator',
  metadata: { namespace: 'external-istiod' },
  spec: {
    profile: 'empty',
    meshConfig: {
      rootNamespace: 'external-istiod',
      defaultConfig: {
        discoveryAddress: `${ADDR}:15012`,
        ...ip ? {} : { proxyMetadata: { XDS_ROOT_CA: '/etc/ssl/certs/ca-certificates.crt', CA_ROOT_CA: '/etc/ssl/certs/ca-certificates.crt' } },
      },
    },
    components: {
      pilot: {
        enabled: true,
        k8s: {
          overlays: [{
            kind: 'Deployment',
            name: 'istiod',
            patches: [
              patch('spec.template.spec.volumes[100]', 'name: config-volume\nconfigMap:\n  name: istio'),
              patch('spec.template.spec.volumes[100]', 'name: inject-volume\nconfigMap:\n  name: istio-sidecar-injector'),
              patch('spec.template.spec.containers[0].volumeMounts[100]', 'name: config-volume\nmountPath: /etc/istio/config'),
              patch('spec.template.spec.containers[0].volumeMounts[100]', 'name: inject-volume\nmountPath: /var/lib/istio/inject'),
            ],
          }],
          env: [
            { name: 'INJECTION_WEBHOOK_CONFIG_NAME', value: ip ? 'istio-sidecar-injector-external-istiod' : '' },
            { name: 'VALIDATION_WEBHOOK_CONFIG_NAME', value: ip ? 'istio-validator-external-istiod' : '' },
            { name: 'EXTERNAL_ISTIOD', value: 'true' },
            { name: 'LOCAL_CLUSTER_SECRET_WATCHER', value: 'true' },
            { name: 'CLUSTER_ID', value: 'cluster1' },
            { name: 'SHARED_MESH_CONFIG', value: 'istio' },
          ],
        },
      },
    },
    values: {
      global: {
        externalIstiod: true,
        caAddress: `${ADDR}:15012`,
        istioNamespace: 'external-istiod',
        operatorManageWebhooks: true,
        configValidation: false,
        meshID: 'mesh1',
        multiCluster: { clusterName: 'cluster1' },
        network: 'network1',
      },
    },
  },
});

const REMOTE_IOP = (cluster: string, network: string, ip: boolean, config: boolean) => ({
  apiVersion: 'install.istio.io/v1alpha1',
  kind: 'IstioOperator',
  metadata: { namespace: 'external-istiod' },
  spec: {
    profile: 'remote',
    values: {
      global: { istioNamespace: 'external-istiod', ...ip ? { remotePilotAddress: ADDR } : {}, ...config ? { configCluster: true } : {} },
      ...config ? { pilot: { configMap: true } } : {},
      istiodRemote: ip ? { injectionPath: `/inject/cluster/${cluster}/net/${network}` } : { injectionURL: `https://${ADDR}:15017/inject/cluster/${cluster}/net/${network}` },
      ...config && !ip ? { base: { validationURL: `https://${ADDR}:15017/validate` } } : {},
    },
  },
});

function routing(out: Synthesized, ip: boolean) {
  const gw = out.find('external', 'Gateway', 'external-istiod-gw', 'external-istiod');
  const server = (number: number, name: string) => ip
    ? { port: { number, protocol: 'tls', name: `tls-${name}` }, tls: { mode: 'PASSTHROUGH' }, hosts: ['*'] }
    : { port: { number, protocol: 'https', name: `https-${name}` }, tls: { mode: 'SIMPLE', credentialName: '${SSL_SECRET_NAME}' }, hosts: [ADDR] };
  expect(gw.spec).toEqual({ selector: { istio: 'ingressgateway' }, servers: [server(15012, 'XDS'), server(15017, 'WEBHOOK')] });
  const vs = out.find('external', 'VirtualService', 'external-istiod-vs', 'external-istiod');
  const to = (number: number) => [{ destination: { host: 'istiod.external-istiod.svc.cluster.local', port: { number } } }];
  expect(vs.spec).toEqual(ip
    ? { hosts: ['*'], gateways: ['external-istiod-gw'], tls: [{ match: [{ port: 15012, sniHosts: ['*'] }], route: to(15012) }, { match: [{ port: 15017, sniHosts: ['*'] }], route: to(443) }] }
    : { hosts: [ADDR], gateways: ['external-istiod-gw'], http: [{ match: [{ port: 15012 }], route: to(15012) }, { match: [{ port: 15017 }], route: to(443) }] });
  const drs = out.ofKind('external', 'DestinationRule');
  if (ip) {
    expect(drs).toEqual([]);
  } else {
    expect(drs.map(d => [d.metadata, d.spec])).toEqual([[{ name: 'external-istiod-dr', namespace: 'external-istiod' }, {
      host: 'istiod.external-istiod.svc.cluster.local',
      trafficPolicy: {
        portLevelSettings: [
          { port: { number: 15012 }, tls: { mode: 'SIMPLE' }, connectionPool: { http: { h2UpgradePolicy: 'UPGRADE' } } },
          { port: { number: 443 }, tls: { mode: 'SIMPLE' } },
        ],
      },
    }]]);
  }
}

describe.each([
  ['hostname (DNS)', ExternalIstiodAddressType.HOSTNAME, false],
  ['IP address', ExternalIstiodAddressType.IP_ADDRESS, true],
] as Array<[string, ExternalIstiodAddressType, boolean]>)('external control plane, %s variant', (_name, type, ip) => {
  const out = guide(type);

  test('external cluster: controlplane-gateway.yaml and external-istiod.yaml equal the guide', () => {
    expect(artifact(out, 'external/istioctl/controlplane-gateway.yaml')).toEqual(CONTROLPLANE_GATEWAY_IOP);
    expect(artifact(out, 'external/istioctl/istio-operator.yaml')).toEqual(EXTERNAL_ISTIOD_IOP(ip));
  });

  test('external cluster: Helm forms carry the same values', () => {
    const iop = EXTERNAL_ISTIOD_IOP(ip).spec;
    const env = Object.fromEntries(iop.components.pilot.k8s.env.map(e => [e.name, e.value]));
    expect(artifact(out, 'external/helm/istiod.values.yaml')).toEqual({
      meshConfig: iop.meshConfig,
      pilot: {
        volumes: [{ name: 'config-volume', configMap: { name: 'istio' } }, { name: 'inject-volume', configMap: { name: 'istio-sidecar-injector' } }],
        volumeMounts: [{ name: 'config-volume', mountPath: '/etc/istio/config' }, { name: 'inject-volume', mountPath: '/var/lib/istio/inject' }],
        env,
      },
      global: iop.values.global,
    });
    expect(artifact(out, 'external/helm/controlplane-gateway.values.yaml')).toEqual({
      service: {
        ports: [
          { name: 'status-port', port: 15021, targetPort: 15021, protocol: 'TCP' },
          { name: 'tls-xds', port: 15012, targetPort: 15012, protocol: 'TCP' },
          { name: 'tls-webhook', port: 15017, targetPort: 15017, protocol: 'TCP' },
        ],
      },
    });
  });

  test('external cluster: namespace external-istiod, the routing objects, nothing of the mesh', () => {
    expect(out.find('external', 'Namespace', 'external-istiod').metadata).toEqual({ name: 'external-istiod' });
    routing(out, ip);
    const kinds = out.cluster('external').map(o => o.kind).sort();
    expect(kinds).toEqual(ip ? ['Gateway', 'Namespace', 'VirtualService'] : ['DestinationRule', 'Gateway', 'Namespace', 'VirtualService']);
  });

  test('external cluster: the config secret and the second cluster\'s remote secret go here (guide commands)', () => {
    const runbook = out.text('external/RUNBOOK.md');
    expect(runbook).toContain('istioctl create-remote-secret --context="${CTX_CLUSTER1}" --type=config --namespace=external-istiod --service-account=istiod --create-service-account=false | kubectl apply -f - --context="${CTX_EXTERNAL}"');
    expect(runbook).toContain('istioctl create-remote-secret --context="${CTX_CLUSTER2}" --name=cluster2 --type=remote --namespace=external-istiod --create-service-account=false | kubectl apply -f - --context="${CTX_EXTERNAL}"');
    for (const c of ['cluster1', 'cluster2']) expect(out.text(`${c}/RUNBOOK.md`)).not.toContain('create-remote-secret');
  });

  test('remote config cluster: remote-config-cluster.yaml equals the guide; Helm carries the same values and defaultRevision', () => {
    const iop = REMOTE_IOP('cluster1', 'network1', ip, true);
    expect(artifact(out, 'cluster1/istioctl/istio-operator.yaml')).toEqual(iop);
    const { base, ...istiod } = iop.spec.values as { base?: unknown; [key: string]: unknown };
    expect(artifact(out, 'cluster1/helm/istiod.values.yaml')).toEqual({ profile: 'remote', ...istiod });
    expect(artifact(out, 'cluster1/helm/istio-base.values.yaml')).toEqual({ profile: 'remote', defaultRevision: 'default', ...base ? { base } : {} });
    expect(out.text('cluster1/RUNBOOK.md')).toContain('--set values.defaultRevision=default');
  });

  test('remote config cluster: external-istiod namespace before the install, sample injected, cross-network gateway', () => {
    const [system] = out.ofKind('cluster1', 'Namespace');
    expect(system.metadata).toEqual({ name: 'external-istiod', labels: { 'topology.istio.io/network': 'network1' } });
    expect(out.find('cluster1', 'Namespace', 'sample').metadata.labels).toEqual({ 'istio-injection': 'enabled' });
    expect(out.find('cluster2', 'Namespace', 'sample').metadata.labels).toEqual({ 'istio-injection': 'enabled' });
    expect(out.find('cluster1', 'Gateway', 'cross-network-gateway', 'external-istiod').spec.servers)
      .toEqual([{ port: { number: 15443, name: 'tls', protocol: 'TLS' }, tls: { mode: 'AUTO_PASSTHROUGH' }, hosts: ['*.local'] }]);
  });

  test('second remote cluster: second-remote-cluster.yaml equals the guide; namespace annotated with the config cluster', () => {
    const iop = REMOTE_IOP('cluster2', 'network2', ip, false);
    expect(artifact(out, 'cluster2/istioctl/istio-operator.yaml')).toEqual(iop);
    expect(artifact(out, 'cluster2/helm/istiod.values.yaml')).toEqual({ profile: 'remote', ...iop.spec.values });
    expect(artifact(out, 'cluster2/helm/istio-base.values.yaml')).toEqual({ profile: 'remote' });
    expect(out.find('cluster2', 'Namespace', 'external-istiod').metadata).toEqual({
      name: 'external-istiod',
      labels: { 'topology.istio.io/network': 'network2' },
      annotations: { 'topology.istio.io/controlPlaneClusters': 'cluster1' },
    });
    expect(out.text('cluster2/RUNBOOK.md')).not.toContain('defaultRevision');
  });

  test('east-west gateways: the guide\'s IstioOperator in both clusters, in external-istiod', () => {
    for (const [cluster, network] of [['cluster1', 'network1'], ['cluster2', 'network2']]) {
      const iop = artifact(out, `${cluster}/istioctl/istio-eastwestgateway.yaml`);
      expect(iop.spec.values.global).toEqual({ network });
      expect(out.text(`${cluster}/RUNBOOK.md`)).toContain(`istioctl manifest generate -f ${cluster}/istioctl/istio-eastwestgateway.yaml --set values.global.istioNamespace=external-istiod`);
      expect(out.find(cluster, 'Service', 'istio-eastwestgateway', 'external-istiod').spec.ports.map((p: any) => p.port)).toEqual([15021, 15443, 15012, 15017]);
    }
  });

  test('runbooks follow the guide\'s order and verify where istiod runs', () => {
    const external = out.text('external/RUNBOOK.md');
    const order = ['controlplane-gateway.yaml', 'Install the config cluster `cluster1` now', '--type=config', 'external/istioctl/istio-operator.yaml', 'external.k8s.yaml', '--type=remote', 'istioctl remote-clusters --context="${CTX_EXTERNAL}" -i external-istiod'];
    const positions = order.map(text => external.indexOf(text));
    expect(positions.every(p => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(external).toContain(ip ? 'get svc istio-ingressgateway -o jsonpath=\'{.status.loadBalancer.ingress[0].ip}\')`; `export SSL_SECRET_NAME=NONE`' : 'SSL_SECRET_NAME');
    const config = out.text('cluster1/RUNBOOK.md');
    expect(config).toContain('istio-revision-tag-default-external-istiod');
    expect(config).toContain('istiod-default-validator');
    expect(out.text('cluster2/RUNBOOK.md')).toContain('istioctl remote-clusters --context="${CTX_EXTERNAL}" -i external-istiod');
    expect(out.text('cluster2/RUNBOOK.md')).not.toContain('remote-clusters --context="${CTX_CLUSTER2}"');
  });
});

test('passed secrets: the config secret (istio-kubeconfig, key config) and the remote secret land in the external cluster', () => {
  const out = guide(ExternalIstiodAddressType.HOSTNAME, true);
  const config = out.find('external', 'Secret', 'istio-kubeconfig', 'external-istiod');
  expect(config.metadata.labels).toEqual({ 'istio/multiCluster': 'true' });
  expect(config.metadata.annotations).toEqual({ 'networking.istio.io/cluster': 'cluster1' });
  expect(config.stringData).toEqual({ config: kubeconfigFor('cluster1') });
  expect(out.find('external', 'Secret', 'istio-remote-secret-cluster2', 'external-istiod').stringData).toEqual({ cluster2: kubeconfigFor('cluster2') });
  for (const c of ['cluster1', 'cluster2']) expect(out.ofKind(c, 'Secret')).toEqual([]);
  expect(out.text('external/RUNBOOK.md')).not.toContain('create-remote-secret');
});
