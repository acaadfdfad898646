import { build as buildAsm } from '../../examples/asm-gateways';
import { build as buildTcm, addGateways } from '../../examples/tcm-quickstart';
import { ClusterRole, IngressGateway, Mesh } from '../../src';
import { synth, testApp } from '../util';

describe('ASM IstioGateway examples (seed 004)', () => {
  const out = synth(buildAsm(testApp(), false)); // the seed's fields rendered as upstream workloads
  const ingress = (cluster: string, kind: string) => out.find(cluster, kind, 'myexample-customingressgateway', 'istio-system');

  test('the ingress gateway runs in both clusters with per-cluster replicas, resources and LB spec', () => {
    const expected: Array<[string, number, string, string, string, string, string]> = [
      ['c8a4b2xxxxxx', 1, '2', '2G', '200m', '256Mi', 'slb.s1.small'],
      ['c9f3e7xxxxxx', 2, '4', '4G', '400m', '512Mi', 'slb.s2.small'],
    ];
    for (const [cluster, min, cpu, memory, requestCpu, requestMemory, spec] of expected) {
      const hpa = ingress(cluster, 'HorizontalPodAutoscaler').spec;
      const metric = hpa.metrics[0].resource;
      expect([hpa.minReplicas, hpa.maxReplicas, metric.name, metric.target.averageUtilization]).toEqual([min, 5, 'cpu', 80]);
      const deployment = ingress(cluster, 'Deployment');
      expect(deployment.spec.replicas).toBeUndefined(); // the autoscaler owns the replica count
      expect(deployment.spec.template.spec.containers[0].resources)
        .toEqual({ limits: { cpu, memory }, requests: { cpu: requestCpu, memory: requestMemory } });
      const service = ingress(cluster, 'Service');
      expect(service.metadata.annotations).toEqual({
        'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-spec': spec,
        'service.beta.kubernetes.io/alicloud-loadbalancer-address-type': 'internet',
      });
    }
  });

  test('every ASM field lands in its Kubernetes field', () => {
    const service = ingress('c8a4b2xxxxxx', 'Service');
    expect(service.spec.type).toBe('LoadBalancer');
    expect(service.spec.externalTrafficPolicy).toBe('Local');
    expect(service.metadata.labels.serviceLabelKey1).toBe('serviceLabelValue1');
    expect(service.spec.ports.map((p: any) => [p.name, p.port, p.targetPort])).toEqual([
      ['status-port', 15020, 15020], ['http2', 80, 80], ['https', 443, 443], ['tls', 15443, 15443],
    ]);
    const deployment = ingress('c8a4b2xxxxxx', 'Deployment');
    expect(deployment.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '100%', maxUnavailable: '25%' } });
    const pod = deployment.spec.template;
    expect(pod.metadata.labels.key1).toBe('value1');
    expect(pod.metadata.annotations.podAnnotationsKey1).toBe('podAnnotationsValue1');
    expect(pod.metadata.annotations['inject.istio.io/templates']).toBe('gateway');
    expect(pod.spec.volumes).toEqual([
      { name: 'config-volume-lua', configMap: { name: 'lua-libs' } },
      { name: 'myexample-customingressgateway-certs', secret: { secretName: 'istio-myexample-customingressgateway-certs' } },
    ]);
    const container = pod.spec.containers[0];
    expect(container.env).toEqual([{ name: 'envname1', value: 'envvalue1' }]);
    expect(container.volumeMounts).toEqual([
      { name: 'config-volume-lua', mountPath: '/var/lib/lua' },
      { name: 'myexample-customingressgateway-certs', mountPath: '/etc/istio/myexample-customingressgateway-certs' },
    ]);
  });

  test('the egress gateway: ClusterIP, fixed replica, no autoscaler, ISTIO_MUTUAL listeners', () => {
    const service = out.find('c8a4b2xxxxxx', 'Service', 'egressgateway', 'istio-system');
    expect(service.spec.type).toBe('ClusterIP');
    expect(service.spec.ports.map((p: any) => [p.name, p.port])).toEqual([['http-0', 80], ['https-1', 443]]);
    const deployment = out.find('c8a4b2xxxxxx', 'Deployment', 'egressgateway', 'istio-system');
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.template.spec.dnsPolicy).toBe('ClusterFirst');
    expect(deployment.spec.template.spec.hostNetwork).toBe(false);
    expect(deployment.spec.template.metadata.labels['security.istio.io/tlsMode']).toBe('istio');
    expect(out.ofKind('c8a4b2xxxxxx', 'HorizontalPodAutoscaler').map(h => h.metadata.name)).toEqual(['myexample-customingressgateway']);
    const gateway = out.find('c8a4b2xxxxxx', 'Gateway', 'egressgateway', 'istio-system');
    expect(gateway.spec.selector).toEqual({ app: 'egressgateway', istio: 'egressgateway' });
    expect(gateway.spec.servers.map((s: any) => [s.port.number, s.port.protocol, s.tls.mode])).toEqual([[80, 'HTTPS', 'ISTIO_MUTUAL'], [443, 'TLS', 'ISTIO_MUTUAL']]);
    expect(out.ofKind('c9f3e7xxxxxx', 'Gateway')).toEqual([]);
  });
});

describe('TCM quick start gateways (seeds 000, 001)', () => {
  test('public ingress: HPA 1-5 at 80% CPU, 100m/128Mi to 2/1Gi, public LoadBalancer preserving client IPs', () => {
    const out = synth(buildTcm(testApp()));
    const hpa = out.find('gz-zone-a', 'HorizontalPodAutoscaler', 'istio-ingressgateway', 'istio-system').spec;
    expect([hpa.minReplicas, hpa.maxReplicas, hpa.metrics[0].resource.target.averageUtilization]).toEqual([1, 5, 80]);
    const container = out.find('gz-zone-a', 'Deployment', 'istio-ingressgateway').spec.template.spec.containers[0];
    expect(container.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '2', memory: '1Gi' } });
    const service = out.find('gz-zone-a', 'Service', 'istio-ingressgateway');
    expect([service.spec.type, service.spec.externalTrafficPolicy]).toEqual(['LoadBalancer', 'Local']);
    expect(out.ofKind('gz-zone-b', 'Deployment').map(d => d.metadata.name)).toEqual(['istio-ingressgateway-1']);
  });

  test('nearby access: both Gateways live in the primary (config) cluster and select their own gateway', () => {
    const out = synth(buildTcm(testApp()));
    expect(out.find('gz-zone-a', 'Gateway', 'frontend-gw', 'base').spec.selector).toEqual({ app: 'istio-ingressgateway', istio: 'ingressgateway' });
    const nearby = out.find('gz-zone-a', 'Gateway', 'frontend-gw-2', 'base');
    expect(nearby.spec.selector).toEqual({ app: 'istio-ingressgateway-1', istio: 'ingressgateway' });
    expect(nearby.spec.servers).toEqual([{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }]);
    expect(out.ofKind('gz-zone-b', 'Gateway')).toEqual([]);
    const pod = out.find('gz-zone-b', 'Deployment', 'istio-ingressgateway-1').spec.template.metadata.labels;
    expect([pod.app, pod.istio, pod['istio.io/rev']]).toEqual(['istio-ingressgateway-1', 'ingressgateway', '1-10-3']);
  });

  test('the listeners are IGatewayBindings routes can bind to', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'tcm', { meshId: 't', clusters: [{ name: 'a' }, { name: 'b', role: ClusterRole.REMOTE }] });
    const { publicGateway, nearbyGateway, nearbyIngress } = addGateways(mesh);
    synth(app);
    expect([publicGateway.gatewayReference, nearbyGateway.gatewayReference]).toEqual(['base/frontend-gw', 'base/frontend-gw-2']);
    expect(nearbyGateway.gatewayResourceClusters.map(c => c.clusterName)).toEqual(['a']);
    expect(nearbyGateway.listenerHostsIn(mesh.cluster('a'))).toEqual(['*']);
    expect(nearbyIngress).toBeInstanceOf(IngressGateway);
    expect(nearbyIngress.workloadSelector).toEqual({ app: 'istio-ingressgateway-1', istio: 'ingressgateway' });
    expect(nearbyIngress.workloadClusters.map(c => c.clusterName)).toEqual(['b']);
  });
});
