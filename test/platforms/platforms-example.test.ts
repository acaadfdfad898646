import { build } from '../../examples/platforms';
import { synth, testApp } from '../util';

describe('examples/platforms.ts: one mesh, four platforms', () => {
  const out = synth(build(testApp()));

  test('writes every profile\'s outputs side by side', () => {
    expect(out.clusterNames).toEqual([
      'asm-control-plane', 'asm-east', 'asm-west', 'dce-east', 'dce-hosted', 'dce-west', 'tcm-east', 'tcm-west', 'upstream-east', 'upstream-west',
    ]);
  });

  test('labels the shop namespace as each platform injects', () => {
    const labels = (cluster: string) => out.find(cluster, 'Namespace', 'shop').metadata.labels;
    expect(labels('upstream-east')).toEqual({ 'istio.io/rev': 'default' });
    expect(labels('asm-east')).toEqual({ 'istio.io/rev': 'default' });
    expect(labels('tcm-west')).toEqual({ 'istio.io/rev': '1-22-5' });
    expect(labels('dce-west')).toEqual({ 'istio-injection': 'enabled' });
  });

  test('keeps workload objects out of the config outputs', () => {
    for (const config of ['asm-control-plane', 'dce-hosted']) {
      expect(out.ofKind(config, 'Service')).toEqual([]);
      // Namespaces only so that the config applies; no injection labels (no workloads there)
      expect(out.ofKind(config, 'Namespace').map(n => n.metadata)).toEqual([{ name: 'istio-system' }, { name: 'shop' }]);
    }
    expect(out.find('dce-east', 'Service', 'frontend', 'shop').spec.ports[0].port).toBe(8080);
  });

  test('provisions the one ingress gateway declaration the platform\'s way', () => {
    expect(out.ofKind('upstream-east', 'Deployment').map(d => d.metadata.name)).toEqual(['istio-ingressgateway']);
    expect(out.ofKind('dce-west', 'Deployment').map(d => d.metadata.name)).toEqual(['istio-ingressgateway']);
    for (const cluster of ['asm-east', 'asm-west', 'tcm-east', 'tcm-west']) expect(out.ofKind(cluster, 'Deployment')).toEqual([]);
    const istioGateway = out.find('asm-control-plane', 'IstioGateway', 'istio-ingressgateway', 'istio-system');
    expect(istioGateway.spec).toMatchObject({ gatewayType: 'ingress', clusterIds: ['c8a4b2xxxxxx', 'c9f3e7xxxxxx'], minReplicas: 2, maxReplicas: 5 });
    const tcm = out.find('tcm-east', 'Gateway', 'shop-gateway', 'istio-system');
    expect(tcm.spec.servers.map((s: any) => [s.port.name, s.tls?.credentialName])).toEqual([['https-443', 'qcloud-abcdABCD'], ['clb-https-80-ABCDabcd', undefined]]);
    expect(out.ofKind('tcm-west', 'Gateway')).toEqual([]);
    expect(JSON.parse(out.text('tcm/gateway-istio-system-istio-ingressgateway.json'))).toMatchObject({ cluster: 'tcm-east', accessType: 'public', preserveClientSourceIp: true });
    expect(out.find('dce-hosted', 'Gateway', 'shop-gateway', 'istio-system').spec.selector).toEqual({ app: 'istio-ingressgateway', istio: 'ingressgateway' });
    expect(out.text('dce/globalmesh-shop-dce.yaml')).toContain('istio.custom_params.values.global.meshNetworks.dce-east-net.gateways[0].address: 10.64.30.73');
  });
});
