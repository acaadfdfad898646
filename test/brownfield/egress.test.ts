import { Duration } from 'cdk8s';
import {
  ClientTlsMode, DestinationPolicy, EgressGateway, EgressRoute, EgressTrafficMode, ExternalService, LoadBalancer, Mesh, MeshApp, Protocol,
  TrafficRoute,
} from '../../src';
import { synth, synthError, testApp } from '../util';
import { byKey } from './normalize';

const WORKLOAD_KINDS = ['Deployment', 'Service', 'ServiceAccount', 'Role', 'RoleBinding', 'HorizontalPodAutoscaler', 'PodDisruptionBudget'];
const EGRESS_HOST = 'istio-egressgateway.istio-system.svc.cluster.local';

function expectIstioObjects(objects: any[], expected: any[]) {
  expect(objects.filter(o => WORKLOAD_KINDS.includes(o.kind))).toEqual([]);
  const actual = byKey(objects.filter(o => String(o.apiVersion).startsWith('networking.istio.io/')));
  const wanted = byKey(expected);
  expect([...actual.keys()].sort()).toEqual([...wanted.keys()].sort());
  for (const [key, object] of wanted) expect({ key, spec: actual.get(key).spec }).toEqual({ key, spec: object.spec });
}

/** A mesh installed by istioctl with its egress gateway (demo profile), the client in `default`. */
function meshWithEgress(app: MeshApp) {
  const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'c' }] });
  const egress = EgressGateway.fromExisting(mesh, 'egress');
  return { mesh, egress };
}

const cnnEntry = (ports: any[]) => ({
  apiVersion: 'networking.istio.io/v1alpha3',
  kind: 'ServiceEntry',
  metadata: { name: 'cnn' },
  spec: { hosts: ['edition.cnn.com'], ports, resolution: 'DNS' },
});
const gatewayRule = {
  apiVersion: 'networking.istio.io/v1alpha3',
  kind: 'DestinationRule',
  metadata: { name: 'egressgateway-for-cnn' },
  spec: { host: EGRESS_HOST, subsets: [{ name: 'cnn' }] },
};
const egressGateway = (server: any) => ({
  apiVersion: 'networking.istio.io/v1alpha3',
  kind: 'Gateway',
  metadata: { name: 'istio-egressgateway' },
  spec: { selector: { istio: 'egressgateway' }, servers: [server] },
});
const twoLegs = (section: 'http' | 'tls', port: number, destinationPort: number, sni: boolean) => ({
  apiVersion: 'networking.istio.io/v1alpha3',
  kind: 'VirtualService',
  metadata: { name: 'direct-cnn-through-egress-gateway' },
  spec: {
    hosts: ['edition.cnn.com'],
    gateways: ['istio-egressgateway', 'mesh'],
    [section]: [
      {
        match: [{ gateways: ['mesh'], port, ...(sni ? { sniHosts: ['edition.cnn.com'] } : {}) }],
        route: [{ destination: { host: EGRESS_HOST, subset: 'cnn', port: { number: port } }, weight: 100 }],
      },
      {
        match: [{ gateways: ['istio-egressgateway'], port, ...(sni ? { sniHosts: ['edition.cnn.com'] } : {}) }],
        route: [{ destination: { host: 'edition.cnn.com', port: { number: destinationPort } }, weight: 100 }],
      },
    ],
  },
});

describe('EgressRoute: Istio\'s egress gateway tasks, on istioctl\'s istio-egressgateway', () => {
  test('egress gateway for HTTP traffic: the task\'s four objects, no extra host, no subset labels', () => {
    const app = testApp();
    const { mesh, egress } = meshWithEgress(app);
    const cnn = new ExternalService(mesh, 'cnn', {
      name: 'cnn',
      host: 'edition.cnn.com',
      namespaceName: 'default',
      ports: [{ port: 80, protocol: Protocol.HTTP, name: 'http-port' }, { port: 443, protocol: Protocol.HTTPS, name: 'https' }],
    });
    new EgressRoute(mesh, 'cnn-egress', { gateway: egress, destination: cnn });
    const out = synth(app);
    expectIstioObjects(out.cluster('c'), [
      cnnEntry([{ number: 80, name: 'http-port', protocol: 'HTTP' }, { number: 443, name: 'https', protocol: 'HTTPS' }]),
      egressGateway({ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['edition.cnn.com'] }),
      gatewayRule,
      twoLegs('http', 80, 80, false),
    ]);
    const vs = out.find('c', 'VirtualService', 'direct-cnn-through-egress-gateway', 'default');
    expect(vs.spec.hosts).toEqual(['edition.cnn.com']);
    expect(out.find('c', 'DestinationRule', 'egressgateway-for-cnn', 'default').spec.subsets[0].labels).toBeUndefined();
  });

  test('egress gateway for HTTPS traffic: TLS passthrough routed by SNI', () => {
    const app = testApp();
    const { mesh, egress } = meshWithEgress(app);
    const cnn = new ExternalService(mesh, 'cnn', { name: 'cnn', host: 'edition.cnn.com', namespaceName: 'default', ports: [{ port: 443, protocol: Protocol.TLS, name: 'tls' }] });
    new EgressRoute(mesh, 'cnn-egress', { gateway: egress, destination: cnn, mode: EgressTrafficMode.TLS_PASSTHROUGH });
    expectIstioObjects(synth(app).cluster('c'), [
      cnnEntry([{ number: 443, name: 'tls', protocol: 'TLS' }]),
      egressGateway({ port: { number: 443, name: 'tls', protocol: 'TLS' }, hosts: ['edition.cnn.com'], tls: { mode: 'PASSTHROUGH' } }),
      gatewayRule,
      twoLegs('tls', 443, 443, true),
    ]);
  });

  test('egress gateway with TLS origination: the gateway originates TLS to port 443, verified by default', () => {
    const app = testApp();
    const { mesh, egress } = meshWithEgress(app);
    const cnn = new ExternalService(mesh, 'cnn', {
      name: 'cnn',
      host: 'edition.cnn.com',
      namespaceName: 'default',
      ports: [{ port: 80, protocol: Protocol.HTTP, name: 'http' }, { port: 443, protocol: Protocol.HTTPS, name: 'https' }],
    });
    const route = new EgressRoute(mesh, 'cnn-egress', {
      gateway: egress,
      destination: cnn,
      mode: EgressTrafficMode.TLS_ORIGINATION,
      serverName: 'http-port-for-tls-origination',
      originationPolicy: { loadBalancer: LoadBalancer.roundRobin() },
    });
    const out = synth(app);
    expectIstioObjects(out.cluster('c'), [
      cnnEntry([{ number: 80, name: 'http', protocol: 'HTTP' }, { number: 443, name: 'https', protocol: 'HTTPS' }]),
      egressGateway({ port: { number: 80, name: 'http-port-for-tls-origination', protocol: 'HTTP' }, hosts: ['edition.cnn.com'] }),
      gatewayRule,
      twoLegs('http', 80, 443, false),
      {
        apiVersion: 'networking.istio.io/v1alpha3',
        kind: 'DestinationRule',
        metadata: { name: 'originate-tls-for-edition-cnn-com' },
        spec: { host: 'edition.cnn.com', trafficPolicy: { loadBalancer: { simple: 'ROUND_ROBIN' }, portLevelSettings: [{ port: { number: 443 }, tls: { mode: 'SIMPLE' } }] } },
      },
    ]);
    const origination = out.find('c', 'DestinationRule', 'originate-tls-for-edition-cnn-com', 'default');
    expect(origination.spec.trafficPolicy.portLevelSettings[0].tls.caCertificates).toBe('/etc/ssl/certs/ca-certificates.crt');
    expect(route.origination).toBeDefined();
  });

  test('a port the ExternalService does not declare is MESH-PAT-012', () => {
    const app = testApp();
    const { mesh, egress } = meshWithEgress(app);
    const cnn = new ExternalService(mesh, 'cnn', { name: 'cnn', host: 'edition.cnn.com', namespaceName: 'default', ports: [{ port: 80, protocol: Protocol.HTTP }] });
    new EgressRoute(mesh, 'cnn-egress', { gateway: egress, destination: cnn, mode: EgressTrafficMode.TLS_ORIGINATION });
    const message = synthError(app);
    expect(message).toContain('MESH-PAT-012');
    expect(message).toContain('mesh/cnn-egress/destinationPort');
    expect(message).toContain('443');
  });

  test('an egress route on a gateway the library deploys selects its labels and its Service', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'c' }] });
    const egress = new EgressGateway(mesh, 'egress');
    const cnn = new ExternalService(mesh, 'cnn', { host: 'edition.cnn.com', namespaceName: 'default', ports: [{ port: 80, protocol: Protocol.HTTP }] });
    new EgressRoute(mesh, 'cnn-egress', { gateway: egress, destination: cnn });
    const out = synth(app);
    expect(out.find('c', 'Gateway', 'istio-egressgateway', 'default').spec.selector).toEqual({ app: 'istio-egressgateway', istio: 'egressgateway' });
    expect(out.find('c', 'ServiceEntry', 'edition-cnn-com', 'default').spec.hosts).toEqual(['edition.cnn.com']);
    expect(out.find('c', 'DestinationRule', 'egressgateway-for-edition-cnn-com', 'default').spec.host).toBe(EGRESS_HOST);
  });
});

describe('ExternalService as a route target', () => {
  test('egress TLS origination at the sidecar (Istio\'s egress-tls-origination task): ServiceEntry 80 → 443 and a DestinationPolicy', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'c' }] });
    const cnn = new ExternalService(mesh, 'cnn', {
      name: 'edition-cnn-com',
      host: 'edition.cnn.com',
      namespaceName: 'default',
      ports: [{ port: 80, protocol: Protocol.HTTP, name: 'http-port', targetPort: 443 }, { port: 443, protocol: Protocol.HTTPS, name: 'https-port' }],
    });
    new DestinationPolicy(mesh, 'cnn-tls', { service: cnn, portPolicies: [{ port: 80, tls: { mode: ClientTlsMode.SIMPLE } }] });
    const out = synth(app);
    expectIstioObjects(out.cluster('c'), [
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'ServiceEntry',
        metadata: { name: 'edition-cnn-com' },
        spec: {
          hosts: ['edition.cnn.com'],
          ports: [{ number: 80, name: 'http-port', protocol: 'HTTP', targetPort: 443 }, { number: 443, name: 'https-port', protocol: 'HTTPS' }],
          resolution: 'DNS',
        },
      },
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'DestinationRule',
        metadata: { name: 'edition-cnn-com' },
        spec: { host: 'edition.cnn.com', trafficPolicy: { portLevelSettings: [{ port: { number: 80 }, tls: { mode: 'SIMPLE' } }] } },
      },
    ]);
    expect(out.ofKind('c', 'VirtualService')).toEqual([]);
  });

  test('TrafficRoute routes to it by its own host: timeouts (egress-control task) and weighted splits between external hosts', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'c' }] });
    const httpbin = new ExternalService(mesh, 'httpbin', { name: 'httpbin-ext', host: 'httpbin.org', namespaceName: 'default', ports: [{ port: 80, protocol: Protocol.HTTP, name: 'http' }] });
    const mirror = new ExternalService(mesh, 'mirror', { host: 'mirror.example.com', namespaceName: 'default', ports: [{ port: 80, protocol: Protocol.HTTP }] });
    new TrafficRoute(mesh, 'httpbin-route', {
      service: httpbin,
      name: 'httpbin-ext',
      http: [{ timeout: Duration.seconds(3), destinations: [{ weight: 90 }, { service: mirror, weight: 10 }] }],
    });
    const out = synth(app);
    const vs = out.find('c', 'VirtualService', 'httpbin-ext', 'default');
    expect(vs.spec.hosts).toEqual(['httpbin.org']);
    expect(vs.spec.http[0].timeout).toBe('3s');
    expect(vs.spec.http[0].route).toEqual([
      { destination: { host: 'httpbin.org' }, weight: 90 },
      { destination: { host: 'mirror.example.com' }, weight: 10 },
    ]);
    expect(out.ofKind('c', 'Service')).toEqual([]);
    expect(httpbin.host).toBe('httpbin.org');
    expect(httpbin.emitsService).toBe(false);
  });

  test('ExternalService.fromExisting writes no ServiceEntry and the analysis knows the host', () => {
    const app = testApp();
    const { mesh, egress } = meshWithEgress(app);
    const cnn = ExternalService.fromExisting(mesh, 'cnn', { name: 'cnn', host: 'edition.cnn.com', namespaceName: 'default', ports: [{ port: 80, protocol: Protocol.HTTP }] });
    new EgressRoute(mesh, 'cnn-egress', { gateway: egress, destination: cnn });
    const out = synth(app);
    expect(cnn.isExisting).toBe(true);
    expect(out.ofKind('c', 'ServiceEntry')).toEqual([]);
    expect(out.ofKind('c', 'VirtualService')).toHaveLength(1);
    expect(mesh.diagnostics.all.filter(d => d.rule.id.startsWith('MESH-ANA'))).toEqual([]);
  });
});
