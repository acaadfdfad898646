import { ApiObject } from 'cdk8s';
import {
  EgressGateway, GatewayServiceType, GatewayTlsMode, GatewayType, GzipCompressionLevel, GzipCompressionStrategy, IngressGateway, Mesh,
  Protocol, TlsVersion,
} from '../../src';
import { synth, testApp } from '../util';

function twoPrimaries() {
  const app = testApp();
  const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }, { name: 'b' }] });
  return { app, mesh };
}

describe('placement and per-cluster overrides', () => {
  test('named clusters only; overrides change replicas, service type, annotations and autoscaling per cluster', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] });
    const gw = new IngressGateway(mesh, 'ingress', {
      clusters: ['a', 'b'],
      serviceAnnotations: { team: 'edge' },
      overrides: {
        a: { replicaCount: 3, serviceType: GatewayServiceType.NODE_PORT, podAnnotations: { tier: 'gold' } },
        b: { minReplicas: 2, maxReplicas: 8, memory: { targetAverageUtilization: 70 }, serviceAnnotations: { team: 'edge-b' } },
      },
    });
    const out = synth(app);
    expect(out.ofKind('c', 'Deployment')).toEqual([]);
    // a: fixed 3 replicas, no autoscaler, NodePort
    expect(out.find('a', 'Deployment', 'istio-ingressgateway').spec.replicas).toBe(3);
    expect(out.find('a', 'Deployment', 'istio-ingressgateway').spec.template.metadata.annotations.tier).toBe('gold');
    expect(out.ofKind('a', 'HorizontalPodAutoscaler')).toEqual([]);
    expect(out.find('a', 'Service', 'istio-ingressgateway').spec.type).toBe('NodePort');
    expect(out.find('a', 'Service', 'istio-ingressgateway').metadata.annotations).toEqual({ team: 'edge' });
    // b: autoscaled 2-8 on memory only, LoadBalancer, its own annotations
    const hpa = out.find('b', 'HorizontalPodAutoscaler', 'istio-ingressgateway').spec;
    expect([hpa.minReplicas, hpa.maxReplicas, hpa.metrics.map((m: any) => [m.resource.name, m.resource.target.averageUtilization])])
      .toEqual([2, 8, [['memory', 70]]]);
    expect(out.find('b', 'Service', 'istio-ingressgateway').metadata.annotations).toEqual({ team: 'edge-b' });
    expect(out.find('b', 'Service', 'istio-ingressgateway').spec.type).toBe('LoadBalancer');
    // the resolved settings are readable per cluster (for rendering ASM IstioGateway CRs)
    const a = gw.settingsFor('a');
    expect([a.gatewayType, a.autoscaling, a.replicaCount, a.serviceType, a.minReplicas])
      .toEqual([GatewayType.INGRESS, false, 3, GatewayServiceType.NODE_PORT, undefined]);
    expect(Object.keys(a)).not.toContain('overrides');
    const b = gw.settingsFor('b');
    expect([b.autoscaling, b.minReplicas, b.maxReplicas, b.cpu, b.memory]).toEqual([true, 2, 8, undefined, { targetAverageUtilization: 70 }]);
    expect(b.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '2000m', memory: '1024Mi' } });
  });

  test('egress gateways are ClusterIP by default; node ports, load balancer class and traffic policy land on exposed Services', () => {
    const { app, mesh } = twoPrimaries();
    new EgressGateway(mesh, 'egress', { clusters: ['a'] });
    new IngressGateway(mesh, 'ingress', {
      clusters: ['a'],
      loadBalancerClass: 'service.k8s.aws/nlb',
      ports: [{ name: 'http2', port: 80, nodePort: 30080 }, { name: 'dns', port: 5353, protocol: Protocol.UDP }],
    });
    const out = synth(app);
    expect(out.find('a', 'Service', 'istio-egressgateway').spec.type).toBe('ClusterIP');
    const ingress = out.find('a', 'Service', 'istio-ingressgateway').spec;
    expect(ingress.loadBalancerClass).toBe('service.k8s.aws/nlb');
    expect(ingress.ports).toEqual([
      { name: 'http2', port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30080 },
      { name: 'dns', port: 5353, protocol: 'UDP', targetPort: 5353 },
    ]);
  });

  test('scheduling, host network, kernel parameters and the disruption budget', () => {
    const { app, mesh } = twoPrimaries();
    new IngressGateway(mesh, 'ingress', {
      clusters: ['a'],
      nodeSelector: { 'node-role/gateway': 'true' },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gateway', effect: 'NoSchedule' }],
      affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname' } }] } },
      kernel: { parameters: { 'net.core.somaxconn': '65535', 'net.ipv4.tcp_tw_reuse': '1' } },
      minReplicas: 2,
      podDisruptionBudget: { minAvailable: '1' },
    });
    new EgressGateway(mesh, 'egress', { clusters: ['a'], hostNetwork: true, kernel: { parameters: { 'kernel.shm_rmid_forced': '1' } } });
    const out = synth(app);
    const pod = out.find('a', 'Deployment', 'istio-ingressgateway').spec.template.spec;
    expect(pod.nodeSelector).toEqual({ 'node-role/gateway': 'true' });
    expect(pod.tolerations).toEqual([{ key: 'dedicated', operator: 'Equal', value: 'gateway', effect: 'NoSchedule' }]);
    expect(pod.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight).toBe(100);
    expect(pod.securityContext.sysctls).toEqual([
      { name: 'net.ipv4.ip_unprivileged_port_start', value: '0' },
      { name: 'net.core.somaxconn', value: '65535' },
      { name: 'net.ipv4.tcp_tw_reuse', value: '1' },
    ]);
    const pdb = out.find('a', 'PodDisruptionBudget', 'istio-ingressgateway');
    expect(pdb.spec).toEqual({ selector: { matchLabels: { app: 'istio-ingressgateway', istio: 'ingressgateway' } }, minAvailable: 1 });
    const egress = out.find('a', 'Deployment', 'istio-egressgateway').spec.template.spec;
    expect(egress.hostNetwork).toBe(true);
    expect(egress.dnsPolicy).toBe('ClusterFirstWithHostNet');
    expect(egress.securityContext.sysctls).toEqual([{ name: 'kernel.shm_rmid_forced', value: '1' }]);
  });
});

describe('response compression', () => {
  test('gzip on an ingress gateway becomes a GATEWAY EnvoyFilter inserting the compressor before the router', () => {
    const { app, mesh } = twoPrimaries();
    new IngressGateway(mesh, 'ingress', {
      compression: {
        contentType: ['application/json', 'text/html'],
        minContentLength: 1024,
        disableOnEtagHeader: true,
        removeAcceptEncodingHeader: true,
        gzip: {
          memoryLevel: 9,
          compressionLevel: GzipCompressionLevel.BEST_COMPRESSION,
          compressionStrategy: GzipCompressionStrategy.RLE,
          windowBits: 15,
          chunkSize: 8192,
        },
      },
    });
    const out = synth(app);
    for (const cluster of ['a', 'b']) {
      const filter = out.find(cluster, 'EnvoyFilter', 'istio-ingressgateway-compression', 'istio-system');
      expect(filter.spec.workloadSelector).toEqual({ labels: { app: 'istio-ingressgateway', istio: 'ingressgateway' } });
      const [patch] = filter.spec.configPatches;
      expect(patch.applyTo).toBe('HTTP_FILTER');
      expect(patch.match.context).toBe('GATEWAY');
      expect(patch.match.listener.filterChain.filter.subFilter.name).toBe('envoy.filters.http.router');
      expect(patch.patch.operation).toBe('INSERT_BEFORE');
      const config = patch.patch.value.typed_config;
      expect(config.response_direction_config).toEqual({
        common_config: { min_content_length: 1024, content_type: ['application/json', 'text/html'] },
        disable_on_etag_header: true,
        remove_accept_encoding_header: true,
      });
      expect(config.compressor_library.typed_config).toEqual({
        '@type': 'type.googleapis.com/envoy.extensions.compression.gzip.compressor.v3.Gzip',
        'memory_level': 9,
        'compression_level': 'BEST_COMPRESSION',
        'compression_strategy': 'RLE',
        'window_bits': 15,
        'chunk_size': 8192,
      });
    }
  });

  test('enabled: false emits nothing', () => {
    const { app, mesh } = twoPrimaries();
    new IngressGateway(mesh, 'ingress', { compression: { enabled: false } });
    expect(synth(app).ofKind('a', 'EnvoyFilter')).toEqual([]);
  });
});

describe('listeners', () => {
  test('typed servers: upper-case protocols, TLS with credential and minimum version, HTTP to HTTPS redirect', () => {
    const { app, mesh } = twoPrimaries();
    const gw = new IngressGateway(mesh, 'ingress', { ports: [{ name: 'http2', port: 80 }, { name: 'https', port: 443 }, { name: 'grpc-web', port: 8443 }] });
    const secret = new ApiObject(mesh.cluster('a'), 'cert', {
      apiVersion: 'v1', kind: 'Secret', metadata: { name: 'shop-cert', namespace: 'istio-system' }, type: 'kubernetes.io/tls', stringData: { 'tls.crt': 'CERT', 'tls.key': 'KEY' },
    });
    gw.addListener('shop', {
      namespaceName: 'shop',
      servers: [
        { port: 80, protocol: Protocol.HTTP, hosts: ['shop.example.com'], httpsRedirect: true },
        { port: 443, protocol: Protocol.HTTPS, hosts: ['shop/shop.example.com'], tls: { mode: GatewayTlsMode.SIMPLE, credentialSecret: secret, minProtocolVersion: TlsVersion.TLSV1_2 } },
      ],
    }).addServer({ port: 8443, protocol: Protocol.GRPC_WEB, hosts: ['*.example.com'] });
    const out = synth(app);
    const gateway = out.find('a', 'Gateway', 'shop', 'shop');
    expect(gateway.spec.selector).toEqual({ app: 'istio-ingressgateway', istio: 'ingressgateway' });
    expect(gateway.spec.servers).toEqual([
      { port: { number: 80, name: 'http-80', protocol: 'HTTP' }, hosts: ['shop.example.com'], tls: { httpsRedirect: true } },
      { port: { number: 443, name: 'https-443', protocol: 'HTTPS' }, hosts: ['shop/shop.example.com'], tls: { mode: 'SIMPLE', credentialName: 'shop-cert', minProtocolVersion: 'TLSV1_2' } },
      { port: { number: 8443, name: 'grpc-web-8443', protocol: 'GRPC-WEB' }, hosts: ['*.example.com'] },
    ]);
  });

  test('attached in one cluster of several: the selector adds that cluster, the Gateway goes only where it takes effect', () => {
    const { app, mesh } = twoPrimaries();
    const gw = new IngressGateway(mesh, 'ingress');
    const nearby = gw.addListener('nearby', { servers: [{ port: 80, protocol: Protocol.HTTP, hosts: ['*'] }], clusters: ['b'] });
    const out = synth(app);
    expect(out.ofKind('a', 'Gateway')).toEqual([]);
    expect(out.find('b', 'Gateway', 'nearby').spec.selector).toEqual({ 'app': 'istio-ingressgateway', 'istio': 'ingressgateway', 'topology.istio.io/cluster': 'b' });
    expect(out.find('b', 'Deployment', 'istio-ingressgateway').spec.template.metadata.labels['topology.istio.io/cluster']).toBe('b');
    expect(out.find('a', 'Deployment', 'istio-ingressgateway').spec.template.metadata.labels['topology.istio.io/cluster']).toBe('a');
    expect(nearby.gatewayResourceClusters.map(c => c.clusterName)).toEqual(['b']);
    expect(nearby.listenerHostsIn(mesh.cluster('a'))).toEqual([]);
    expect(nearby.listenerHostsIn(mesh.cluster('b'))).toEqual(['*']);
  });
});
