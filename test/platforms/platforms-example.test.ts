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
      expect(out.ofKind(config, 'Namespace').map(n => n.metadata.name)).toEqual(['istio-system']);
    }
    expect(out.find('dce-east', 'Service', 'frontend', 'shop').spec.ports[0].port).toBe(8080);
  });

  test('provisions the ingress gateway the platform\'s way', () => {
    const istioGateway = out.find('asm-control-plane', 'IstioGateway', 'istio-ingressgateway', 'istio-system');
    expect(istioGateway.spec.clusterIds).toEqual(['c8a4b2xxxxxx', 'c9f3e7xxxxxx']);
    expect(istioGateway.spec.overrides).toEqual({ c9f3e7xxxxxx: { replicaCount: 3 } });
    const tcm = out.find('tcm-east', 'Gateway', 'istio-ingressgateway', 'istio-system');
    expect(tcm.spec.servers.map((s: any) => s.port.name)).toEqual(['https-443', 'clb-https-8443-ABCDabcd']);
    expect(out.ofKind('tcm-west', 'Gateway')).toEqual([]);
    expect(out.text('dce/globalmesh-shop-dce.yaml')).toContain('istio.custom_params.values.global.meshNetworks.dce-east-net.gateways[0].address: 10.64.30.73');
  });
});
