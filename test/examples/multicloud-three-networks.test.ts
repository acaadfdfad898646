import * as yaml from 'js-yaml';
import { build } from '../../examples/multicloud-three-networks';
import { synth, testApp } from '../util';

describe('examples/multicloud-three-networks (DaoCloud hosted mesh, three networks) end to end', () => {
  const out = synth(build(testApp()));
  const workers = [1, 2, 3].map(i => ({ cluster: `mdemo-cluster${i}`, network: `network-c${i}` }));

  test.each(workers)('$cluster: network label on istio-system, east-west gateway on its network, remote install to hosted istiod', ({ cluster, network }) => {
    expect(out.find(cluster, 'Namespace', 'istio-system').metadata.labels).toEqual({ 'topology.istio.io/network': network });
    const deployment = out.find(cluster, 'Deployment', 'istio-eastwestgateway', 'istio-system');
    expect(deployment.spec.template.metadata.labels).toMatchObject({ 'istio': 'eastwestgateway', 'topology.istio.io/network': network });
    const iop: any = yaml.load(out.text(`${cluster}/istioctl/istio-operator.yaml`));
    expect(iop.spec).toEqual({
      profile: 'remote',
      // the external control plane guide's second-remote-cluster.yaml (IP-address variant)
      values: { global: { istioNamespace: 'istio-system', remotePilotAddress: '10.64.30.72' }, istiodRemote: { injectionPath: `/inject/cluster/${cluster}/net/${network}` } },
    });
    const helm: any = yaml.load(out.text(`${cluster}/helm/istiod.values.yaml`));
    expect(helm.global).toEqual({ istioNamespace: 'istio-system', remotePilotAddress: '10.64.30.72' });
    expect(out.find(cluster, 'ExternalSecret', 'cacerts', 'istio-system').spec.data[0].remoteRef.key).toBe(`istio/mdemo-mesh/cacerts/${cluster}`);
  });

  test('the hosted config cluster holds the cross-network Gateway and meshNetworks (address and port per network)', () => {
    const gw = out.find('mdemo-mesh-hosted', 'Gateway', 'cross-network-gateway', 'istio-system');
    expect(gw.spec.servers).toEqual([{ port: { number: 15443, name: 'tls', protocol: 'TLS' }, hosts: ['*.local'], tls: { mode: 'AUTO_PASSTHROUGH' } }]);
    const iop: any = yaml.load(out.text('mdemo-mesh-hosted/istioctl/istio-operator.yaml'));
    expect(iop.spec.values.global.meshID).toBe('mdemo-mesh');
    expect(iop.spec.values.global.meshNetworks).toEqual({
      'network-c1': { gateways: [{ address: '10.64.30.73', port: 15443 }] },
      'network-c2': { gateways: [{ address: '10.6.136.29', port: 15443 }] },
      'network-c3': { gateways: [{ address: '10.64.30.77', port: 15443 }] },
    });
    const runbook = out.text('mdemo-mesh-hosted/RUNBOOK.md');
    for (const { cluster } of workers) {
      expect(runbook).toContain(`istioctl create-remote-secret --context="\${CTX_${cluster.toUpperCase().replace(/-/g, '_')}}" --name=${cluster} --type=remote --namespace=istio-system --create-service-account=false | kubectl apply -f - --context="\${CTX_MDEMO_MESH_HOSTED}"`);
    }
  });
});
