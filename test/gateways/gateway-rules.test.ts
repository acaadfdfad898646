import { ApiObject } from 'cdk8s';
import {
  ClusterRole, EgressGateway, ExternalTrafficPolicy, GatewayDnsPolicy, GatewayServiceType, GatewayTlsMode, IngressGateway, Mesh, Protocol,
} from '../../src';
import { synthError, testApp } from '../util';

function twoClusters(strict = false) {
  const app = testApp();
  const mesh = new Mesh(app, 'mesh', { meshId: 'm', strict, clusters: [{ name: 'a' }, { name: 'b' }] });
  return { app, mesh };
}

const http = { port: 80, protocol: Protocol.HTTP, hosts: ['*'] };

describe('gateway rules', () => {
  test('a listener left without servers (MESH-GW-029), as Istio rejects a Gateway with none', () => {
    const { app, mesh } = twoClusters();
    new IngressGateway(mesh, 'ingress').addListener('web');
    expect(synthError(app)).toMatch(/MESH-GW-029 \[error\] at mesh\/ingress\/web: .*Value: "web"/);
  });

  test('a listener given its server later with addServer() is fine', () => {
    const { app, mesh } = twoClusters();
    new IngressGateway(mesh, 'ingress').addListener('web').addServer(http);
    expect(() => app.synth()).not.toThrow();
  });

  test('listener attached where the gateway does not run (MESH-GW-001)', () => {
    const { app, mesh } = twoClusters();
    const gw = new IngressGateway(mesh, 'ingress', { clusters: ['a'] });
    gw.addListener('web', { servers: [http], clusters: ['b'] });
    expect(synthError(app)).toContain('MESH-GW-001 [error] at mesh/ingress/web: The listener is attached to a cluster where its gateway is not deployed, so its selector matches no gateway pod there. Gateway istio-ingressgateway runs in: a. Value: "b"');
  });

  test('TLS secret outside the gateway namespace (MESH-GW-002)', () => {
    const { app, mesh } = twoClusters();
    const secret = new ApiObject(mesh.cluster('a'), 'cert', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'shop-cert', namespace: 'shop' } });
    const gw = new IngressGateway(mesh, 'ingress');
    gw.addListener('web', { servers: [{ port: 443, protocol: Protocol.HTTPS, hosts: ['shop.example.com'], tls: { mode: GatewayTlsMode.SIMPLE, credentialSecret: secret } }] });
    gw.addListener('other', { servers: [{ port: 443, protocol: Protocol.HTTPS, hosts: ['a.example.com'], tls: { mode: GatewayTlsMode.SIMPLE, credentialName: 'shop/cert' } }] });
    const message = synthError(app);
    expect(message).toContain('MESH-GW-002 [error] at mesh/ingress/web: The TLS secret named by `credentialName` must live in the namespace of the gateway workload, not elsewhere. The gateway runs in istio-system. Value: "shop/shop-cert"');
    expect(message).toContain('MESH-GW-002 [error] at mesh/ingress/other: The TLS secret named by `credentialName` must live in the namespace of the gateway workload, not elsewhere. The gateway runs in istio-system. Value: "shop/cert"');
  });

  test('duplicate Service port (MESH-GW-003)', () => {
    const { app, mesh } = twoClusters();
    new IngressGateway(mesh, 'ingress', { clusters: ['a'], ports: [{ name: 'http', port: 80 }, { name: 'http-alt', port: 80 }] });
    expect(synthError(app)).toContain('MESH-GW-003 [error] at mesh/ingress: A gateway Service declares the same port number or port name twice. In cluster a. Value: "http-alt:80"');
  });

  test('root or negative proxy UID/GID (MESH-GW-027)', () => {
    const { app, mesh } = twoClusters();
    new IngressGateway(mesh, 'ingress', { clusters: ['a'], runAsUser: 0, runAsGroup: -5 });
    const message = synthError(app);
    expect(message).toContain('MESH-GW-027 [error] at mesh/ingress: A gateway\'s runAsUser or runAsGroup must be a positive integer (a non-root ID). In cluster a. Value: 0');
    expect(message).toContain('In cluster a. Value: -5');
  });

  test('two protocols on one listener port (MESH-GW-004)', () => {
    const { app, mesh } = twoClusters();
    const gw = new IngressGateway(mesh, 'ingress');
    gw.addListener('web', { servers: [http] });
    gw.addListener('raw', { servers: [{ port: 80, protocol: Protocol.TCP, hosts: ['*'] }] });
    expect(synthError(app)).toContain('MESH-GW-004 [error] at mesh/ingress/raw: Two servers of a gateway listen on the same port with different protocols. Value: "80: HTTP vs TCP"');
  });

  test('nodePort outside 30000-32767 (MESH-GW-005)', () => {
    const { app, mesh } = twoClusters();
    new IngressGateway(mesh, 'ingress', { clusters: ['a'], serviceType: GatewayServiceType.NODE_PORT, ports: [{ name: 'http2', port: 80, nodePort: 32768 }] });
    expect(synthError(app)).toContain('MESH-GW-005 [error] at mesh/ingress: A pinned nodePort must lie in the NodePort range 30000-32767. In cluster a. Value: 32768');
  });

  test('two ports pinning one nodePort (MESH-GW-028)', () => {
    const { app, mesh } = twoClusters();
    new IngressGateway(mesh, 'ingress', { clusters: ['a'], serviceType: GatewayServiceType.NODE_PORT, ports: [{ name: 'http2', port: 80, nodePort: 30080 }, { name: 'https', port: 443, nodePort: 30080 }] });
    expect(synthError(app)).toContain('MESH-GW-028 [error] at mesh/ingress: Two ports of a gateway Service pin the same nodePort. In cluster a. Value: 30080');
  });

  test('loadBalancerClass on a NodePort Service, only in the overridden cluster (MESH-GW-006)', () => {
    const { app, mesh } = twoClusters();
    new IngressGateway(mesh, 'ingress', { loadBalancerClass: 'service.k8s.aws/nlb', overrides: { b: { serviceType: GatewayServiceType.NODE_PORT } } });
    const message = synthError(app);
    expect(message).toContain('MESH-GW-006 [error] at mesh/ingress: `loadBalancerClass` applies only to Services of type LoadBalancer. In cluster b. Value: "NodePort"');
    expect(message).not.toContain('In cluster a. Value: "NodePort"');
  });

  test('externalTrafficPolicy on a ClusterIP egress gateway (MESH-GW-007)', () => {
    const { app, mesh } = twoClusters();
    new EgressGateway(mesh, 'egress', { clusters: ['a'], externalTrafficPolicy: ExternalTrafficPolicy.LOCAL });
    expect(synthError(app)).toContain('MESH-GW-007 [error] at mesh/egress: `externalTrafficPolicy` applies only to Services of type LoadBalancer or NodePort. In cluster a. Value: "Local on ClusterIP"');
  });

  test('autoscaler minReplicas above maxReplicas (MESH-GW-008)', () => {
    const { app, mesh } = twoClusters();
    new IngressGateway(mesh, 'ingress', { clusters: ['a'], minReplicas: 4, maxReplicas: 2 });
    expect(synthError(app)).toContain('MESH-GW-008 [error] at mesh/ingress: The autoscaler\'s minReplicas must be at least 1 and not above maxReplicas. In cluster a. Value: {"minReplicas":4,"maxReplicas":2}');
  });

  test('autoscaling target outside 1-100 (MESH-GW-009)', () => {
    const { app, mesh } = twoClusters();
    new IngressGateway(mesh, 'ingress', { clusters: ['a'], memory: { targetAverageUtilization: 120 } });
    expect(synthError(app)).toContain('MESH-GW-009 [error] at mesh/ingress: An autoscaling target utilization must be an integer percentage from 1 to 100. In cluster a. Value: 120');
  });

  test('reserved proxy ports as listener and as Service target (MESH-GW-010)', () => {
    const { app, mesh } = twoClusters();
    const gw = new IngressGateway(mesh, 'ingress', { clusters: ['a'], ports: [{ name: 'admin', port: 15000 }, { name: 'status', port: 15021 }] });
    gw.addListener('web', { servers: [{ port: 15021, protocol: Protocol.HTTP, hosts: ['*'] }] });
    const message = synthError(app);
    expect(message).toContain('MESH-GW-010 [error] at mesh/ingress: The gateway port collides with a port the Istio proxy reserves for itself. In cluster a. Value: 15000');
    expect(message).toContain('MESH-GW-010 [error] at mesh/ingress/web: The gateway port collides with a port the Istio proxy reserves for itself. Value: 15021');
  });

  test('compression on an egress gateway (MESH-GW-011)', () => {
    const { app, mesh } = twoClusters();
    new EgressGateway(mesh, 'egress', { compression: { gzip: {} } });
    expect(synthError(app)).toContain('MESH-GW-011 [error] at mesh/egress: Response compression is supported on ingress gateways only. Value: "egress"');
  });

  test('`*.*` and other malformed hosts (MESH-GW-012)', () => {
    const { app, mesh } = twoClusters();
    const gw = new IngressGateway(mesh, 'ingress');
    gw.addListener('web', { servers: [{ port: 80, protocol: Protocol.HTTP, hosts: ['*.*', 'shop.*.com', 'Bad_NS/x.com', '*', 'prod/*.example.com', './a.com'] }] });
    const message = synthError(app);
    const prefix = 'MESH-GW-012 [error] at mesh/ingress/web: A Gateway host must be `*`, a DNS name, or a name with one leading `*.` wildcard label, optionally prefixed with `namespace/`.';
    expect(message).toContain(`${prefix} Value: "*.*"`);
    expect(message).toContain(`${prefix} Value: "shop.*.com"`);
    expect(message).toContain(`${prefix} Value: "Bad_NS/x.com"`);
    expect(message.split('MESH-GW-012').length - 1).toBe(3);
  });

  test('a protocol Gateway servers do not support (MESH-GW-013)', () => {
    const { app, mesh } = twoClusters();
    const gw = new IngressGateway(mesh, 'ingress', { ports: [{ name: 'redis', port: 6379 }] });
    gw.addListener('cache', { servers: [{ port: 6379, protocol: Protocol.REDIS, hosts: ['*'] }] });
    expect(synthError(app)).toContain('MESH-GW-013 [error] at mesh/ingress/cache: Gateway servers support only HTTP, HTTPS, HTTP2, GRPC, GRPC-WEB, MONGO, TCP and TLS. Value: "Redis"');
  });

  test('listener port that the Service does not expose (MESH-GW-014)', () => {
    const { app, mesh } = twoClusters();
    const gw = new IngressGateway(mesh, 'ingress');
    gw.addListener('web', { servers: [{ port: 8080, protocol: Protocol.HTTP, hosts: ['*'] }] });
    expect(synthError(app)).toContain('MESH-GW-014 [error] at mesh/ingress/web: The listener port is not a port of the gateway Service. Value: 8080');
  });

  test('override for a cluster the gateway is not placed in (MESH-GW-015)', () => {
    const { app, mesh } = twoClusters();
    new IngressGateway(mesh, 'ingress', { clusters: ['a'], overrides: { b: { replicaCount: 2 } } });
    expect(synthError(app)).toContain('MESH-GW-015 [error] at mesh/ingress: A per-cluster override names a cluster where the gateway is not placed. Value: "b"');
  });

  test('PodDisruptionBudget with a single replica is a warning, fatal in strict mode (MESH-GW-016)', () => {
    const { app, mesh } = twoClusters(true);
    new IngressGateway(mesh, 'ingress', { clusters: ['a'], podDisruptionBudget: { minAvailable: '1' } });
    expect(synthError(app)).toContain('MESH-GW-016 [warning] at mesh/ingress: A PodDisruptionBudget needs more than one gateway replica, so it is not emitted. In cluster a. Value: 1');
  });

  test('SIMPLE TLS without a certificate (MESH-GW-017)', () => {
    const { app, mesh } = twoClusters();
    const gw = new IngressGateway(mesh, 'ingress');
    gw.addListener('web', { servers: [{ port: 443, protocol: Protocol.HTTPS, hosts: ['*'], tls: { mode: GatewayTlsMode.SIMPLE } }] });
    expect(synthError(app)).toContain('MESH-GW-017 [error] at mesh/ingress/web: A TLS-terminating server (SIMPLE, MUTUAL or OPTIONAL_MUTUAL) needs a certificate: set `credentialName` or `credentialSecret`. Value: "SIMPLE:443"');
  });

  test('HTTPS server without TLS settings (MESH-GW-018)', () => {
    const { app, mesh } = twoClusters();
    const gw = new IngressGateway(mesh, 'ingress');
    gw.addListener('web', { servers: [{ port: 443, protocol: Protocol.HTTPS, hosts: ['*'] }] });
    expect(synthError(app)).toContain('MESH-GW-018 [error] at mesh/ingress/web: HTTPS and TLS servers need a TLS mode. Value: 443');
  });

  test('HTTPS redirect on the HTTPS server (MESH-GW-019)', () => {
    const { app, mesh } = twoClusters();
    const gw = new IngressGateway(mesh, 'ingress');
    gw.addListener('web', { servers: [{ port: 443, protocol: Protocol.HTTPS, hosts: ['*'], httpsRedirect: true, tls: { mode: GatewayTlsMode.SIMPLE, credentialName: 'c' } }] });
    expect(synthError(app)).toContain('MESH-GW-019 [error] at mesh/ingress/web: HTTP-to-HTTPS redirect belongs on a plain HTTP server. Value: "HTTPS:443"');
  });

  test('gzip settings out of range (MESH-GW-020)', () => {
    const { app, mesh } = twoClusters();
    new IngressGateway(mesh, 'ingress', { compression: { gzip: { memoryLevel: 10, windowBits: 8, chunkSize: 1024 } } });
    const message = synthError(app);
    const prefix = 'MESH-GW-020 [error] at mesh/ingress: A gzip setting is out of range: memoryLevel 1-9, windowBits 9-15, chunkSize 4096-65536.';
    expect(message).toContain(`${prefix} Value: {"memoryLevel":10}`);
    expect(message).toContain(`${prefix} Value: {"windowBits":8}`);
    expect(message).toContain(`${prefix} Value: {"chunkSize":1024}`);
  });

  test('net.* kernel parameters with hostNetwork (MESH-GW-021)', () => {
    const { app, mesh } = twoClusters();
    new IngressGateway(mesh, 'ingress', { hostNetwork: true, kernel: { parameters: { 'net.core.somaxconn': '65535', 'kernel.shm_rmid_forced': '1' } } });
    expect(synthError(app)).toContain('MESH-GW-021 [error] at mesh/ingress: Network (net.*) kernel parameters cannot be set on a gateway that uses the host network. Value: ["net.core.somaxconn"]');
  });

  test('two different Gateways with one name in a cluster (MESH-GW-023)', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }, { name: 'b', role: ClusterRole.REMOTE }] });
    const one = new IngressGateway(mesh, 'one', { name: 'gw-one' });
    const two = new IngressGateway(mesh, 'two', { name: 'gw-two' });
    one.addListener('web', { name: 'frontend-gw', namespaceName: 'base', servers: [http] });
    two.addListener('web', { name: 'frontend-gw', namespaceName: 'base', servers: [http] });
    expect(synthError(app)).toContain('MESH-GW-023 [error] at mesh/two/web: Two different Gateway resources have the same namespace and name in one cluster. Value: "a/base/frontend-gw"');
  });

  test('two gateways with one name in a cluster (MESH-GW-024)', () => {
    const { app, mesh } = twoClusters();
    new IngressGateway(mesh, 'public');
    new IngressGateway(mesh, 'internal', { clusters: ['b'] });
    expect(synthError(app)).toContain('MESH-GW-024 [error] at mesh/internal: Two gateways with the same namespace and name are placed in one cluster. Value: "b/istio-system/istio-ingressgateway"');
  });

  test('host network without ClusterFirstWithHostNet DNS is a warning, fatal in strict mode (MESH-GW-025)', () => {
    const { app, mesh } = twoClusters(true);
    new IngressGateway(mesh, 'ingress', { hostNetwork: true, dnsPolicy: GatewayDnsPolicy.CLUSTER_FIRST });
    expect(synthError(app)).toContain('MESH-GW-025 [warning] at mesh/ingress: A gateway on the host network should use dnsPolicy ClusterFirstWithHostNet, or it cannot resolve cluster names such as istiod. Value: "ClusterFirst"');
  });

  test('a listener for two of three clusters sharing a primary also reaches the third (MESH-GW-026)', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', {
      meshId: 'm',
      strict: true,
      clusters: [{ name: 'p' }, { name: 'r1', role: ClusterRole.REMOTE }, { name: 'r2', role: ClusterRole.REMOTE }],
    });
    const gw = new IngressGateway(mesh, 'ingress');
    gw.addListener('web', { servers: [http], clusters: ['r1', 'r2'] });
    expect(synthError(app)).toContain('MESH-GW-026 [warning] at mesh/ingress/web: The listener is meant for some clusters of the gateway, but its Gateway is applied where it also configures the gateway in other clusters. Value: ["p"]');
  });
});
