import { Construct } from 'constructs';
import { AnalysisCase, deployment, findings, namespaceObject, net, newMesh, ofRule, raw, runAnalysisCases, sec, service } from './fixtures';
import { MeshProps } from '../../src';

const HTTP = [{ port: 9080, name: 'http' }];
const ratings = (s: Construct) => service(s, 'default', 'ratings', HTTP);
const route = (host: string, extra: Record<string, unknown> = {}) => ({ route: [{ destination: { host, ...extra } }] });
const vs = (s: Construct, name: string, spec: Record<string, unknown>) => net(s, 'VirtualService', 'default', name, spec);
const gateway = (s: Construct, name: string, servers: Array<Record<string, unknown>>, selector: Record<string, string> = { istio: 'ingressgateway' }, ns = 'istio-system') =>
  net(s, 'Gateway', ns, name, { selector, servers });
const httpServer = (hosts: string[], port = 80) => ({ port: { number: port, name: `http-${port}`, protocol: 'HTTP' }, hosts });
const httpsServer = (hosts: string[], credentialName: string, mode = 'SIMPLE') =>
  ({ port: { number: 443, name: `https-${hosts[0].replace(/[^a-z]/g, '')}`, protocol: 'HTTPS' }, hosts, tls: { mode, credentialName } });
const gatewayPods = (s: Construct, ports: Array<Record<string, unknown>> = [{ port: 80, targetPort: 8080, name: 'http' }]) => {
  namespaceObject(s, 'istio-ingress', { 'istio.io/rev': 'default' });
  deployment(s, 'istio-ingress', 'ingressgateway', { istio: 'ingressgateway' }, { container: { name: 'istio-proxy', image: 'auto' } });
  raw(s, 'v1', 'Service', 'istio-ingress', 'ingressgateway', { spec: { selector: { istio: 'ingressgateway' }, ports } });
};
const se = (s: Construct, name: string, spec: Record<string, unknown>) => net(s, 'ServiceEntry', 'default', name, spec);
const podAnnotations = (s: Construct, annotations: Record<string, string>, labels: Record<string, string> = {}) =>
  deployment(s, 'default', 'web', { app: 'web', ...labels }, { annotations });
const envoyFilter = (s: Construct, operation: string, applyTo: string, priority?: number) => net(s, 'EnvoyFilter', 'default', 'ef', {
  priority,
  configPatches: [{ applyTo, match: { context: 'SIDECAR_INBOUND' }, patch: { operation, value: { name: 'envoy.filters.http.cors' } } }],
});
const selectorSidecar = (s: Construct, name: string, labels?: Record<string, string>) =>
  net(s, 'Sidecar', 'default', name, { workloadSelector: labels ? { labels } : undefined, outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } });
const telemetry = (s: Construct, name: string, spec: Record<string, unknown>) => raw(s, 'telemetry.istio.io/v1', 'Telemetry', 'default', name, { spec });
const webhook = (s: Construct, url: string) => raw(s, 'admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', undefined, 'istio-validator-external', {
  webhooks: [{ name: 'rev.validation.istio.io', clientConfig: { url }, sideEffects: 'None', admissionReviewVersions: ['v1'] }],
});
const twoClusters: Partial<MeshProps> = { clusters: [{ name: 'c1' }, { name: 'c2' }] };

/** One case per covered Istio code, and per shape where a code has several, on hand-written objects (raw ApiObjects, included YAML). */
const CASES: AnalysisCase[] = [
  {
    rule: 'MESH-ANA-001',
    code: 'IST0101',
    shape: 'destination host',
    fail: f => vs(f.cluster, 'r', { hosts: ['ratings'], http: [route('ratings')] }),
    pass: f => { ratings(f.cluster); vs(f.cluster, 'r', { hosts: ['ratings'], http: [route('ratings')] }); },
  },
  {
    rule: 'MESH-ANA-001',
    code: 'IST0101',
    shape: 'mirror host',
    fail: f => { ratings(f.cluster); return vs(f.cluster, 'r', { hosts: ['ratings'], http: [{ ...route('ratings'), mirror: { host: 'ratings-shadow' } }] }); },
    pass: f => { ratings(f.cluster); service(f.cluster, 'default', 'ratings-shadow', HTTP); vs(f.cluster, 'r', { hosts: ['ratings'], http: [{ ...route('ratings'), mirror: { host: 'ratings-shadow' } }] }); },
  },
  {
    rule: 'MESH-ANA-002',
    code: 'IST0101',
    shape: 'destination port',
    fail: f => { ratings(f.cluster); return vs(f.cluster, 'r', { hosts: ['ratings'], http: [route('ratings', { port: { number: 8080 } })] }); },
    pass: f => { ratings(f.cluster); vs(f.cluster, 'r', { hosts: ['ratings'], http: [route('ratings', { port: { number: 9080 } })] }); },
  },
  {
    rule: 'MESH-ANA-003',
    code: 'IST0101',
    shape: 'subset',
    fail: f => {
      ratings(f.cluster);
      net(f.cluster, 'DestinationRule', 'default', 'ratings', { host: 'ratings', subsets: [{ name: 'v1', labels: { version: 'v1' } }] });
      return vs(f.cluster, 'r', { hosts: ['ratings'], http: [route('ratings', { subset: 'v2' })] });
    },
    pass: f => {
      ratings(f.cluster);
      net(f.cluster, 'DestinationRule', 'default', 'ratings', { host: 'ratings', subsets: [{ name: 'v2', labels: { version: 'v2' } }] });
      vs(f.cluster, 'r', { hosts: ['ratings'], http: [route('ratings', { subset: 'v2' })] });
    },
  },
  {
    rule: 'MESH-ANA-004',
    code: 'IST0101',
    shape: 'gateway',
    fail: f => { ratings(f.cluster); return vs(f.cluster, 'r', { hosts: ['ratings.example.com'], gateways: ['istio-system/public'], http: [route('ratings')] }); },
    pass: f => {
      ratings(f.cluster);
      gateway(f.cluster, 'public', [httpServer(['ratings.example.com'])]);
      vs(f.cluster, 'r', { hosts: ['ratings.example.com'], gateways: ['istio-system/public'], http: [route('ratings')] });
    },
  },
  {
    rule: 'MESH-ANA-005',
    code: 'IST0101',
    shape: 'gateway selector',
    fail: f => { gatewayPods(f.cluster); return gateway(f.cluster, 'public', [httpServer(['*'], 8080)], { istio: 'ingress' }); },
    pass: f => { gatewayPods(f.cluster); gateway(f.cluster, 'public', [httpServer(['*'], 8080)]); },
  },
  {
    rule: 'MESH-ANA-006',
    code: 'IST0101',
    shape: 'Sidecar selector',
    fail: f => { deployment(f.cluster, 'default', 'a', { app: 'a' }); return selectorSidecar(f.cluster, 's', { app: 'b' }); },
    pass: f => { deployment(f.cluster, 'default', 'a', { app: 'a' }); selectorSidecar(f.cluster, 's', { app: 'a' }); },
  },
  {
    rule: 'MESH-ANA-006',
    code: 'IST0101',
    shape: 'Telemetry selector',
    fail: f => { deployment(f.cluster, 'default', 'a', { app: 'a' }); return telemetry(f.cluster, 't', { selector: { matchLabels: { app: 'b' } }, tracing: [{ randomSamplingPercentage: 10 }] }); },
    pass: f => { deployment(f.cluster, 'default', 'a', { app: 'a' }); telemetry(f.cluster, 't', { selector: { matchLabels: { app: 'a' } }, tracing: [{ randomSamplingPercentage: 10 }] }); },
  },
  {
    rule: 'MESH-ANA-007',
    code: 'IST0101',
    shape: 'authorization source namespace',
    fail: f => sec(f.cluster, 'AuthorizationPolicy', 'default', 'from-shop', { rules: [{ from: [{ source: { namespaces: ['shop'] } }] }] }),
    pass: f => { f.mesh.addNamespace('shop'); sec(f.cluster, 'AuthorizationPolicy', 'default', 'from-shop', { rules: [{ from: [{ source: { namespaces: ['shop'] } }] }] }); },
  },
  {
    rule: 'MESH-ANA-008',
    code: 'IST0102',
    shape: 'namespace with workloads',
    fail: f => { const ns = namespaceObject(f.cluster, 'legacy'); deployment(f.cluster, 'legacy', 'a', { app: 'a' }); return ns; },
    pass: f => { f.mesh.addNamespace('legacy'); deployment(f.cluster, 'legacy', 'a', { app: 'a' }); },
  },
  {
    rule: 'MESH-ANA-009',
    code: 'IST0107',
    shape: 'pod annotation on a Service',
    fail: f => raw(f.cluster, 'v1', 'Service', 'default', 'web', { metadata: { name: 'web', namespace: 'default', annotations: { 'sidecar.istio.io/proxyCPU': '100m' } }, spec: { selector: { app: 'web' }, ports: HTTP } }),
    pass: f => { podAnnotations(f.cluster, { 'sidecar.istio.io/proxyCPU': '100m' }); },
  },
  {
    rule: 'MESH-ANA-010',
    code: 'IST0108',
    shape: 'misspelt pod annotation',
    fail: f => podAnnotations(f.cluster, { 'sidecar.istio.io/proxyCpu': '100m' }),
    pass: f => { podAnnotations(f.cluster, { 'sidecar.istio.io/proxyCPU': '100m' }); },
  },
  {
    rule: 'MESH-ANA-011',
    code: 'IST0125',
    shape: 'invalid quantity',
    fail: f => podAnnotations(f.cluster, { 'sidecar.istio.io/proxyCPU': 'lots' }),
    pass: f => { podAnnotations(f.cluster, { 'sidecar.istio.io/proxyCPU': '250m' }); },
  },
  {
    rule: 'MESH-ANA-011',
    code: 'IST0125',
    shape: 'invalid port list',
    fail: f => podAnnotations(f.cluster, { 'traffic.sidecar.istio.io/excludeOutboundPorts': '3306;6379' }),
    pass: f => { podAnnotations(f.cluster, { 'traffic.sidecar.istio.io/excludeOutboundPorts': '3306,6379' }); },
  },
  {
    rule: 'MESH-ANA-012',
    code: 'IST0135',
    shape: 'deprecated inject annotation',
    fail: f => podAnnotations(f.cluster, { 'sidecar.istio.io/inject': 'true' }),
    pass: f => { podAnnotations(f.cluster, {}, { 'sidecar.istio.io/inject': 'true' }); },
  },
  {
    rule: 'MESH-ANA-013',
    code: 'IST0136',
    shape: 'alpha annotation',
    fail: f => podAnnotations(f.cluster, { 'sidecar.istio.io/logLevel': 'debug' }),
    pass: f => { podAnnotations(f.cluster, { 'proxy.istio.io/config': 'concurrency: 2' }); },
  },
  {
    rule: 'MESH-ANA-014',
    code: 'IST0109',
    shape: 'two mesh VirtualServices for one host',
    fail: f => { ratings(f.cluster); vs(f.cluster, 'a', { hosts: ['ratings'], http: [route('ratings')] }); return vs(f.cluster, 'b', { hosts: ['ratings.default.svc.cluster.local'], http: [route('ratings')] }); },
    pass: f => { ratings(f.cluster); vs(f.cluster, 'a', { hosts: ['ratings'], http: [route('ratings')] }); },
  },
  {
    rule: 'MESH-ANA-015',
    code: 'IST0110',
    shape: 'nested selectors',
    fail: f => { selectorSidecar(f.cluster, 'a', { app: 'a' }); return selectorSidecar(f.cluster, 'b', { app: 'a', version: 'v1' }); },
    pass: f => { selectorSidecar(f.cluster, 'a', { app: 'a' }); selectorSidecar(f.cluster, 'b', { app: 'b' }); },
  },
  {
    rule: 'MESH-ANA-015',
    code: 'IST0110',
    shape: 'overlapping on a declared pod',
    fail: f => {
      deployment(f.cluster, 'default', 'a', { app: 'a', tier: 'web' });
      selectorSidecar(f.cluster, 'by-app', { app: 'a' });
      return selectorSidecar(f.cluster, 'by-tier', { tier: 'web' });
    },
    pass: f => {
      deployment(f.cluster, 'default', 'a', { app: 'a', tier: 'web' });
      deployment(f.cluster, 'default', 'b', { app: 'b', tier: 'db' });
      selectorSidecar(f.cluster, 'by-app', { app: 'a' });
      selectorSidecar(f.cluster, 'by-tier', { tier: 'db' });
    },
  },
  {
    rule: 'MESH-ANA-016',
    code: 'IST0111',
    shape: 'two namespace-wide Sidecars',
    fail: f => { selectorSidecar(f.cluster, 'a'); return selectorSidecar(f.cluster, 'b'); },
    pass: f => { selectorSidecar(f.cluster, 'a'); selectorSidecar(f.cluster, 'b', { app: 'b' }); },
  },
  {
    rule: 'MESH-ANA-017',
    code: 'IST0112',
    shape: 'multi-port service behind a gateway',
    fail: f => {
      service(f.cluster, 'default', 'ratings', [{ port: 9080, name: 'http' }, { port: 9090, name: 'grpc' }]);
      gateway(f.cluster, 'public', [httpServer(['ratings.example.com'])]);
      return vs(f.cluster, 'r', { hosts: ['ratings.example.com'], gateways: ['istio-system/public'], http: [route('ratings')] });
    },
    pass: f => {
      service(f.cluster, 'default', 'ratings', [{ port: 9080, name: 'http' }, { port: 9090, name: 'grpc' }]);
      gateway(f.cluster, 'public', [httpServer(['ratings.example.com'])]);
      vs(f.cluster, 'r', { hosts: ['ratings.example.com'], gateways: ['istio-system/public'], http: [route('ratings', { port: { number: 9080 } })] });
    },
  },
  {
    rule: 'MESH-ANA-057',
    code: 'IST0112',
    shape: 'multi-port service, mesh-only route',
    fail: f => { service(f.cluster, 'default', 'ratings', [{ port: 9080, name: 'http' }, { port: 9090, name: 'grpc' }]); return vs(f.cluster, 'r', { hosts: ['ratings'], http: [route('ratings')] }); },
    pass: f => { service(f.cluster, 'default', 'ratings', [{ port: 9080, name: 'http' }, { port: 9090, name: 'grpc' }]); vs(f.cluster, 'r', { hosts: ['ratings'], http: [route('ratings', { port: { number: 9080 } })] }); },
  },
  {
    rule: 'MESH-ANA-018',
    code: 'IST0116',
    shape: 'one port, two protocols',
    fail: f => {
      const d = deployment(f.cluster, 'default', 'dns', { app: 'dns' });
      raw(f.cluster, 'v1', 'Service', 'default', 'dns-tcp', { spec: { selector: { app: 'dns' }, ports: [{ port: 53, name: 'tcp-dns', protocol: 'TCP' }] } });
      raw(f.cluster, 'v1', 'Service', 'default', 'dns-udp', { spec: { selector: { app: 'dns' }, ports: [{ port: 53, name: 'udp-dns', protocol: 'UDP' }] } });
      return d;
    },
    pass: f => {
      deployment(f.cluster, 'default', 'dns', { app: 'dns' });
      raw(f.cluster, 'v1', 'Service', 'default', 'dns-tcp', { spec: { selector: { app: 'dns' }, ports: [{ port: 53, name: 'tcp-dns', protocol: 'TCP' }] } });
      raw(f.cluster, 'v1', 'Service', 'default', 'dns-udp', { spec: { selector: { app: 'dns' }, ports: [{ port: 5353, name: 'udp-dns', protocol: 'UDP' }] } });
    },
  },
  {
    rule: 'MESH-ANA-019',
    code: 'IST0137',
    shape: 'one targetPort, two ports',
    fail: f => {
      const d = deployment(f.cluster, 'default', 'web', { app: 'web' });
      raw(f.cluster, 'v1', 'Service', 'default', 'web-a', { spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080, name: 'http' }] } });
      raw(f.cluster, 'v1', 'Service', 'default', 'web-b', { spec: { selector: { app: 'web' }, ports: [{ port: 8000, targetPort: 8080, name: 'http' }] } });
      return d;
    },
    pass: f => {
      deployment(f.cluster, 'default', 'web', { app: 'web' });
      raw(f.cluster, 'v1', 'Service', 'default', 'web-a', { spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080, name: 'http' }] } });
      raw(f.cluster, 'v1', 'Service', 'default', 'web-b', { spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080, name: 'http' }] } });
    },
  },
  {
    rule: 'MESH-ANA-020',
    code: 'IST0127',
    shape: 'AuthorizationPolicy selector',
    fail: f => { deployment(f.cluster, 'default', 'a', { app: 'a' }); return sec(f.cluster, 'AuthorizationPolicy', 'default', 'p', { selector: { matchLabels: { app: 'b' } }, action: 'DENY', rules: [{}] }); },
    pass: f => { deployment(f.cluster, 'default', 'a', { app: 'a' }); sec(f.cluster, 'AuthorizationPolicy', 'default', 'p', { selector: { matchLabels: { app: 'a' } }, action: 'DENY', rules: [{}] }); },
  },
  {
    rule: 'MESH-ANA-021',
    code: 'IST0173',
    shape: 'subset without pods',
    fail: f => {
      ratings(f.cluster);
      deployment(f.cluster, 'default', 'ratings-v1', { app: 'ratings', version: 'v1' });
      return net(f.cluster, 'DestinationRule', 'default', 'ratings', { host: 'ratings', subsets: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }] });
    },
    pass: f => {
      ratings(f.cluster);
      deployment(f.cluster, 'default', 'ratings-v1', { app: 'ratings', version: 'v1' });
      deployment(f.cluster, 'default', 'ratings-v2', { app: 'ratings', version: 'v2' });
      net(f.cluster, 'DestinationRule', 'default', 'ratings', { host: 'ratings', subsets: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }] });
    },
  },
  {
    rule: 'MESH-ANA-022',
    code: 'IST0128',
    shape: 'destination-level SIMPLE',
    fail: f => {
      se(f.cluster, 'api', { hosts: ['api.example.com'], location: 'MESH_EXTERNAL', resolution: 'DNS', ports: [{ number: 443, name: 'tls', protocol: 'TLS' }] });
      return net(f.cluster, 'DestinationRule', 'default', 'api', { host: 'api.example.com', trafficPolicy: { tls: { mode: 'SIMPLE' } } });
    },
    pass: f => {
      se(f.cluster, 'api', { hosts: ['api.example.com'], location: 'MESH_EXTERNAL', resolution: 'DNS', ports: [{ number: 443, name: 'tls', protocol: 'TLS' }] });
      net(f.cluster, 'DestinationRule', 'default', 'api', { host: 'api.example.com', trafficPolicy: { tls: { mode: 'SIMPLE', caCertificates: '/etc/ssl/certs/ca-certificates.crt', sni: 'api.example.com' } } });
    },
  },
  {
    rule: 'MESH-ANA-023',
    code: 'IST0129',
    shape: 'port-level MUTUAL',
    fail: f => {
      se(f.cluster, 'api', { hosts: ['api.example.com'], location: 'MESH_EXTERNAL', resolution: 'DNS', ports: [{ number: 443, name: 'tls', protocol: 'TLS' }] });
      return net(f.cluster, 'DestinationRule', 'default', 'api', { host: 'api.example.com', trafficPolicy: { portLevelSettings: [{ port: { number: 443 }, tls: { mode: 'MUTUAL', credentialName: 'client' } }] } });
    },
    pass: f => {
      se(f.cluster, 'api', { hosts: ['api.example.com'], location: 'MESH_EXTERNAL', resolution: 'DNS', ports: [{ number: 443, name: 'tls', protocol: 'TLS' }] });
      net(f.cluster, 'DestinationRule', 'default', 'api', {
        host: 'api.example.com', workloadSelector: { matchLabels: { app: 'client' } }, trafficPolicy: { portLevelSettings: [{ port: { number: 443 }, tls: { mode: 'MUTUAL', credentialName: 'client' } }] },
      });
    },
  },
  {
    rule: 'MESH-ANA-024',
    code: 'IST0130',
    shape: 'rule after a catch-all',
    fail: f => { ratings(f.cluster); return vs(f.cluster, 'r', { hosts: ['ratings'], http: [route('ratings'), { match: [{ uri: { prefix: '/v2' } }], ...route('ratings') }] }); },
    pass: f => { ratings(f.cluster); vs(f.cluster, 'r', { hosts: ['ratings'], http: [{ match: [{ uri: { prefix: '/v2' } }], ...route('ratings') }, route('ratings')] }); },
  },
  {
    rule: 'MESH-ANA-024',
    code: 'IST0130',
    shape: 'repeated matches',
    fail: f => {
      ratings(f.cluster);
      const m = [{ headers: { 'x-user': { exact: 'a' } } }];
      return vs(f.cluster, 'r', { hosts: ['ratings'], http: [{ match: m, ...route('ratings') }, { name: 'again', match: m, ...route('ratings') }, route('ratings')] });
    },
    pass: f => {
      ratings(f.cluster);
      vs(f.cluster, 'r', { hosts: ['ratings'], http: [{ match: [{ headers: { 'x-user': { exact: 'a' } } }], ...route('ratings') }, { match: [{ headers: { 'x-user': { exact: 'b' } } }], ...route('ratings') }, route('ratings')] });
    },
  },
  {
    rule: 'MESH-ANA-024',
    code: 'IST0130',
    shape: 'tcp rule after a catch-all',
    fail: f => {
      service(f.cluster, 'default', 'db', [{ port: 3306, name: 'tcp-db' }]);
      return vs(f.cluster, 'db', { hosts: ['db'], tcp: [route('db'), { match: [{ port: 3306 }], ...route('db') }] });
    },
    pass: f => { service(f.cluster, 'default', 'db', [{ port: 3306, name: 'tcp-db' }]); vs(f.cluster, 'db', { hosts: ['db'], tcp: [{ match: [{ port: 3306 }], ...route('db') }, route('db')] }); },
  },
  {
    rule: 'MESH-ANA-025',
    code: 'IST0131',
    shape: 'header-only match repeated in a later rule',
    fail: f => {
      ratings(f.cluster);
      const m = { headers: { 'x-user': { exact: 'a' } } };
      return vs(f.cluster, 'r', { hosts: ['ratings'], http: [{ match: [m], ...route('ratings') }, { match: [m, { uri: { prefix: '/b' } }], ...route('ratings') }, route('ratings')] });
    },
    pass: f => {
      ratings(f.cluster);
      vs(f.cluster, 'r', { hosts: ['ratings'], http: [{ match: [{ headers: { 'x-user': { exact: 'a' } } }], ...route('ratings') }, { match: [{ uri: { prefix: '/b' } }], ...route('ratings') }, route('ratings')] });
    },
  },
  {
    rule: 'MESH-ANA-025',
    code: 'IST0131',
    shape: 'prefix covered by an earlier prefix',
    fail: f => { ratings(f.cluster); return vs(f.cluster, 'r', { hosts: ['ratings'], http: [{ match: [{ uri: { prefix: '/usrv' } }], ...route('ratings') }, { match: [{ uri: { prefix: '/usrv-expand' } }], ...route('ratings') }, route('ratings')] }); },
    pass: f => { ratings(f.cluster); vs(f.cluster, 'r', { hosts: ['ratings'], http: [{ match: [{ uri: { prefix: '/usrv-expand' } }], ...route('ratings') }, { match: [{ uri: { prefix: '/usrv' } }], ...route('ratings') }, route('ratings')] }); },
  },
  {
    rule: 'MESH-ANA-026',
    code: 'IST0134',
    shape: 'TCP ServiceEntry without addresses',
    fail: f => se(f.cluster, 'db', { hosts: ['db.example.com'], location: 'MESH_EXTERNAL', resolution: 'DNS', ports: [{ number: 5432, name: 'tcp', protocol: 'TCP' }] }),
    pass: f => { se(f.cluster, 'db', { hosts: ['db.example.com'], addresses: ['203.0.113.10'], location: 'MESH_EXTERNAL', resolution: 'DNS', ports: [{ number: 5432, name: 'tcp', protocol: 'TCP' }] }); },
  },
  {
    rule: 'MESH-ANA-026',
    code: 'IST0134',
    shape: 'auto-allocation enabled',
    fail: f => se(f.cluster, 'db', { hosts: ['db.example.com'], location: 'MESH_EXTERNAL', resolution: 'DNS', ports: [{ number: 5432, name: 'tcp-pg' }] }),
    passProps: { meshConfig: { dnsCapture: true, dnsAutoAllocate: true } },
    pass: f => { se(f.cluster, 'db', { hosts: ['db.example.com'], location: 'MESH_EXTERNAL', resolution: 'DNS', ports: [{ number: 5432, name: 'tcp-pg' }] }); },
  },
  {
    rule: 'MESH-ANA-027',
    code: 'IST0138',
    shape: 'one certificate in two Gateways',
    fail: f => { gateway(f.cluster, 'a', [httpsServer(['a.example.com'], 'wildcard-cert')]); return gateway(f.cluster, 'b', [httpsServer(['b.example.com'], 'wildcard-cert')]); },
    pass: f => { gateway(f.cluster, 'a', [httpsServer(['a.example.com'], 'a-cert')]); gateway(f.cluster, 'b', [httpsServer(['b.example.com'], 'b-cert')]); },
  },
  {
    rule: 'MESH-ANA-028',
    code: 'IST0140',
    shape: 'gateway route next to a subset split',
    fail: f => {
      ratings(f.cluster);
      gateway(f.cluster, 'public', [httpServer(['ratings.example.com'])]);
      net(f.cluster, 'DestinationRule', 'default', 'ratings', { host: 'ratings', subsets: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }] });
      vs(f.cluster, 'split', { hosts: ['ratings'], http: [{ route: [{ destination: { host: 'ratings', subset: 'v1' }, weight: 90 }, { destination: { host: 'ratings', subset: 'v2' }, weight: 10 }] }] });
      return vs(f.cluster, 'edge', { hosts: ['ratings.example.com'], gateways: ['istio-system/public'], http: [route('ratings')] });
    },
    pass: f => {
      ratings(f.cluster);
      gateway(f.cluster, 'public', [httpServer(['ratings.example.com'])]);
      net(f.cluster, 'DestinationRule', 'default', 'ratings', { host: 'ratings', subsets: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }] });
      const split = [{ route: [{ destination: { host: 'ratings', subset: 'v1' }, weight: 90 }, { destination: { host: 'ratings', subset: 'v2' }, weight: 10 }] }];
      vs(f.cluster, 'split', { hosts: ['ratings'], http: split });
      vs(f.cluster, 'edge', { hosts: ['ratings.example.com'], gateways: ['istio-system/public'], http: split });
    },
  },
  {
    rule: 'MESH-ANA-029',
    code: 'IST0144',
    shape: 'container UID 1337',
    fail: f => deployment(f.cluster, 'default', 'a', { app: 'a' }, { container: { securityContext: { runAsUser: 1337 } } }),
    pass: f => { deployment(f.cluster, 'default', 'a', { app: 'a' }, { container: { securityContext: { runAsUser: 1000 } } }); },
  },
  {
    rule: 'MESH-ANA-029',
    code: 'IST0144',
    shape: 'pod UID 1337',
    fail: f => deployment(f.cluster, 'default', 'a', { app: 'a' }, { spec: { securityContext: { runAsUser: 1337 } } }),
    pass: f => { deployment(f.cluster, 'default', 'a', { app: 'a' }, { spec: { securityContext: { runAsUser: 1337 } }, container: { securityContext: { runAsUser: 1000 } } }); },
  },
  {
    rule: 'MESH-ANA-030',
    code: 'IST0145',
    shape: 'same host and port on one gateway workload',
    fail: f => { gateway(f.cluster, 'a', [httpServer(['shop.example.com'])]); return gateway(f.cluster, 'b', [httpServer(['shop.example.com'])]); },
    pass: f => { gateway(f.cluster, 'a', [httpServer(['shop.example.com'])]); gateway(f.cluster, 'b', [httpServer(['blog.example.com'])]); },
  },
  {
    rule: 'MESH-ANA-031',
    code: 'IST0146',
    shape: 'Deployment in a namespace without injection',
    fail: f => { namespaceObject(f.cluster, 'edge'); return deployment(f.cluster, 'edge', 'gw', { istio: 'edge' }, { container: { name: 'istio-proxy', image: 'auto' } }); },
    pass: f => { f.mesh.addNamespace('edge'); deployment(f.cluster, 'edge', 'gw', { istio: 'edge' }, { container: { name: 'istio-proxy', image: 'auto' } }); },
  },
  {
    rule: 'MESH-ANA-031',
    code: 'IST0146',
    shape: 'revision the mesh does not run',
    fail: f => { namespaceObject(f.cluster, 'edge', { 'istio.io/rev': 'canary' }); return deployment(f.cluster, 'edge', 'gw', { istio: 'edge' }, { container: { name: 'istio-proxy', image: 'auto' } }); },
    passProps: { revision: 'canary' },
    pass: f => { namespaceObject(f.cluster, 'edge', { 'istio.io/rev': 'canary' }); deployment(f.cluster, 'edge', 'gw', { istio: 'edge' }, { container: { name: 'istio-proxy', image: 'auto' } }); },
  },
  {
    rule: 'MESH-ANA-032',
    code: 'IST0147',
    shape: 'Pod in a namespace without injection',
    fail: f => { namespaceObject(f.cluster, 'edge'); return deployment(f.cluster, 'edge', 'gw', { istio: 'edge' }, { kind: 'Pod', container: { name: 'istio-proxy', image: 'auto' } }); },
    pass: f => { namespaceObject(f.cluster, 'edge', { 'istio-injection': 'enabled' }); deployment(f.cluster, 'edge', 'gw', { istio: 'edge' }, { kind: 'Pod', container: { name: 'istio-proxy', image: 'auto' } }); },
  },
  {
    rule: 'MESH-ANA-033',
    code: 'IST0149',
    shape: 'claim route without RequestAuthentication',
    fail: f => {
      ratings(f.cluster);
      gateway(f.cluster, 'public', [httpServer(['ratings.example.com'])]);
      return vs(f.cluster, 'edge', { hosts: ['ratings.example.com'], gateways: ['istio-system/public'], http: [{ match: [{ headers: { '@request.auth.claims.group': { exact: 'beta' } } }], ...route('ratings') }, route('ratings')] });
    },
    props: { meshConfig: { jwksBlockedCidrs: ['10.0.0.0/8'] } },
    pass: f => {
      ratings(f.cluster);
      gateway(f.cluster, 'public', [httpServer(['ratings.example.com'])]);
      sec(f.cluster, 'RequestAuthentication', 'istio-system', 'edge-jwt', { selector: { matchLabels: { istio: 'ingressgateway' } }, jwtRules: [{ issuer: 'https://issuer.example.com', jwksUri: 'https://issuer.example.com/jwks' }] });
      vs(f.cluster, 'edge', { hosts: ['ratings.example.com'], gateways: ['istio-system/public'], http: [{ match: [{ headers: { '@request.auth.claims.group': { exact: 'beta' } } }], ...route('ratings') }, route('ratings')] });
    },
  },
  {
    rule: 'MESH-ANA-034',
    code: 'IST0151',
    shape: 'INSERT_BEFORE without priority',
    fail: f => envoyFilter(f.cluster, 'INSERT_BEFORE', 'HTTP_FILTER'),
    pass: f => { envoyFilter(f.cluster, 'INSERT_BEFORE', 'HTTP_FILTER', 10); },
  },
  {
    rule: 'MESH-ANA-035',
    code: 'IST0152',
    shape: 'REPLACE on a listener',
    fail: f => envoyFilter(f.cluster, 'REPLACE', 'LISTENER', 10),
    pass: f => { envoyFilter(f.cluster, 'REPLACE', 'HTTP_FILTER', 10); },
  },
  {
    rule: 'MESH-ANA-036',
    code: 'IST0153',
    shape: 'ADD on a route configuration',
    fail: f => envoyFilter(f.cluster, 'ADD', 'ROUTE_CONFIGURATION'),
    pass: f => { envoyFilter(f.cluster, 'MERGE', 'ROUTE_CONFIGURATION'); },
  },
  {
    rule: 'MESH-ANA-037',
    code: 'IST0154',
    shape: 'REMOVE on an HTTP route',
    fail: f => envoyFilter(f.cluster, 'REMOVE', 'HTTP_ROUTE'),
    pass: f => { envoyFilter(f.cluster, 'REMOVE', 'HTTP_FILTER', 10); },
  },
  {
    rule: 'MESH-ANA-038',
    code: 'IST0157',
    shape: 'access logging without providers',
    fail: f => telemetry(f.cluster, 't', { accessLogging: [{}] }),
    pass: f => { telemetry(f.cluster, 't', { accessLogging: [{ providers: [{ name: 'envoy' }] }] }); },
  },
  {
    rule: 'MESH-ANA-039',
    code: 'IST0159',
    shape: 'nested Telemetry selectors',
    fail: f => { telemetry(f.cluster, 'a', { selector: { matchLabels: { app: 'a' } }, tracing: [{ randomSamplingPercentage: 1 }] }); return telemetry(f.cluster, 'b', { selector: { matchLabels: { app: 'a', version: 'v2' } }, tracing: [{ randomSamplingPercentage: 100 }] }); },
    pass: f => { telemetry(f.cluster, 'a', { selector: { matchLabels: { app: 'a' } }, tracing: [{ randomSamplingPercentage: 1 }] }); telemetry(f.cluster, 'b', { selector: { matchLabels: { app: 'b' } }, tracing: [{ randomSamplingPercentage: 100 }] }); },
  },
  {
    rule: 'MESH-ANA-040',
    code: 'IST0160',
    shape: 'two namespace-wide Telemetries',
    fail: f => { telemetry(f.cluster, 'a', { tracing: [{ randomSamplingPercentage: 1 }] }); return telemetry(f.cluster, 'b', { tracing: [{ randomSamplingPercentage: 100 }] }); },
    pass: f => { telemetry(f.cluster, 'a', { tracing: [{ randomSamplingPercentage: 1 }] }); },
  },
  {
    rule: 'MESH-ANA-041',
    code: 'IST0161',
    shape: 'Secret without a key',
    fail: f => {
      raw(f.cluster, 'v1', 'Secret', 'istio-system', 'shop-cert', { type: 'kubernetes.io/tls', stringData: { 'tls.crt': 'CERT' } });
      return gateway(f.cluster, 'shop', [httpsServer(['shop.example.com'], 'shop-cert')]);
    },
    pass: f => {
      raw(f.cluster, 'v1', 'Secret', 'istio-system', 'shop-cert', { type: 'kubernetes.io/tls', stringData: { 'tls.crt': 'CERT', 'tls.key': 'KEY' } });
      gateway(f.cluster, 'shop', [httpsServer(['shop.example.com'], 'shop-cert')]);
    },
  },
  {
    rule: 'MESH-ANA-042',
    code: 'IST0162',
    shape: 'listener port not on the gateway Service',
    fail: f => { gatewayPods(f.cluster); return gateway(f.cluster, 'public', [httpServer(['*'], 8443)]); },
    pass: f => { gatewayPods(f.cluster); gateway(f.cluster, 'public', [httpServer(['*'], 8080)]); },
  },
  {
    rule: 'MESH-ANA-043',
    code: 'IST0163',
    shape: 'webhook URL without host',
    fail: f => webhook(f.cluster, 'https://:15017/validate'),
    pass: f => { webhook(f.cluster, 'https://istiod.external.example.com:15017/validate'); },
  },
  {
    rule: 'MESH-ANA-044',
    code: 'IST0164',
    shape: 'webhook URL with an IP',
    fail: f => webhook(f.cluster, 'https://203.0.113.5:15017/validate'),
    pass: f => { webhook(f.cluster, 'https://istiod.external.example.com:15017/validate'); },
  },
  {
    rule: 'MESH-ANA-045',
    code: 'IST0170',
    shape: 'headless in one cluster',
    props: twoClusters,
    fail: f => { service(f.mesh.clusters[1], 'default', 'ratings', HTTP, { clusterIP: 'None' }); return ratings(f.cluster); },
    pass: f => { ratings(f.mesh.clusters[1]); ratings(f.cluster); },
  },
  {
    rule: 'MESH-ANA-045',
    code: 'IST0170',
    shape: 'ports differ',
    props: twoClusters,
    fail: f => { service(f.mesh.clusters[1], 'default', 'ratings', [{ port: 9081, name: 'http' }]); return ratings(f.cluster); },
    pass: f => { service(f.mesh.clusters[1], 'default', 'ratings', HTTP); ratings(f.cluster); },
  },
  {
    rule: 'MESH-ANA-045',
    code: 'IST0170',
    shape: 'type differs',
    props: twoClusters,
    fail: f => { service(f.mesh.clusters[1], 'default', 'ratings', HTTP, { type: 'NodePort' }); return ratings(f.cluster); },
    pass: f => { service(f.mesh.clusters[1], 'default', 'ratings', HTTP, { type: 'ClusterIP' }); ratings(f.cluster); },
  },
  {
    rule: 'MESH-ANA-046',
    code: 'IST0174',
    shape: 'DestinationRule for an unknown host',
    fail: f => net(f.cluster, 'DestinationRule', 'default', 'ratings', { host: 'ratings', trafficPolicy: { loadBalancer: { simple: 'LEAST_REQUEST' } } }),
    pass: f => { ratings(f.cluster); net(f.cluster, 'DestinationRule', 'default', 'ratings', { host: 'ratings', trafficPolicy: { loadBalancer: { simple: 'LEAST_REQUEST' } } }); },
  },
  {
    rule: 'MESH-ANA-047',
    code: 'IST0175',
    shape: 'RequestAuthentication without JWKS restriction',
    fail: f => sec(f.cluster, 'RequestAuthentication', 'default', 'jwt', { jwtRules: [{ issuer: 'https://issuer.example.com', jwksUri: 'https://issuer.example.com/jwks' }] }),
    passProps: { meshConfig: { jwksBlockedCidrs: ['10.0.0.0/8', '169.254.169.254/32'] } },
    pass: f => { sec(f.cluster, 'RequestAuthentication', 'default', 'jwt', { jwtRules: [{ issuer: 'https://issuer.example.com', jwksUri: 'https://issuer.example.com/jwks' }] }); },
  },
  {
    rule: 'MESH-ANA-048',
    code: 'IST0177',
    shape: 'one host and port, two protocols',
    fail: f => {
      se(f.cluster, 'a', { hosts: ['api.example.com'], location: 'MESH_EXTERNAL', resolution: 'DNS', ports: [{ number: 443, name: 'https', protocol: 'HTTPS' }] });
      return se(f.cluster, 'b', { hosts: ['api.example.com'], location: 'MESH_EXTERNAL', resolution: 'DNS', ports: [{ number: 443, name: 'tls', protocol: 'TLS' }] });
    },
    pass: f => {
      se(f.cluster, 'a', { hosts: ['api.example.com'], location: 'MESH_EXTERNAL', resolution: 'DNS', ports: [{ number: 443, name: 'tls', protocol: 'TLS' }] });
      se(f.cluster, 'b', { hosts: ['api.example.com'], location: 'MESH_EXTERNAL', resolution: 'DNS', ports: [{ number: 443, name: 'tls', protocol: 'TLS' }] });
    },
  },
  ...[
    ['resolution NONE with endpoints', { resolution: 'NONE', endpoints: [{ address: '203.0.113.1' }] }],
    ['DNS_ROUND_ROBIN with two endpoints', { resolution: 'DNS_ROUND_ROBIN', endpoints: [{ address: 'a.example.com' }, { address: 'b.example.com' }] }],
    ['workloadSelector with endpoints', { resolution: 'STATIC', workloadSelector: { labels: { app: 'vm' } }, endpoints: [{ address: '203.0.113.1' }] }],
    ['CIDR address with DNS resolution', { resolution: 'DNS', addresses: ['203.0.113.0/24'] }],
    ['endpoint port not declared', { resolution: 'STATIC', endpoints: [{ address: '203.0.113.1', ports: { grpc: 9000 } }] }],
  ].map(([shape, spec]): AnalysisCase => ({
    rule: 'MESH-ANA-049',
    code: 'IST0106',
    shape: shape as string,
    fail: f => se(f.cluster, 'svc', { hosts: ['svc.example.com'], location: 'MESH_EXTERNAL', ports: [{ number: 80, name: 'http', protocol: 'HTTP' }], ...spec as object }),
    pass: f => { se(f.cluster, 'svc', { hosts: ['svc.example.com'], location: 'MESH_EXTERNAL', resolution: 'STATIC', ports: [{ number: 80, name: 'http', protocol: 'HTTP' }], endpoints: [{ address: '203.0.113.1', ports: { http: 8080 } }] }); },
  })),
  {
    rule: 'MESH-ANA-050',
    code: 'IST0123',
    shape: 'hand-written namespace with both labels',
    fail: f => namespaceObject(f.cluster, 'shop', { 'istio-injection': 'enabled', 'istio.io/rev': 'default' }),
    pass: f => { namespaceObject(f.cluster, 'shop', { 'istio.io/rev': 'default' }); },
  },
  {
    rule: 'MESH-ANA-051',
    code: 'IST0118',
    shape: 'port name without protocol',
    fail: f => service(f.cluster, 'default', 'web', [{ port: 80, name: 'web' }]),
    pass: f => { service(f.cluster, 'default', 'web', [{ port: 80, name: 'web', appProtocol: 'http' }]); },
  },
  {
    rule: 'MESH-ANA-052',
    code: 'IST0150',
    shape: 'ExternalName port name',
    fail: f => service(f.cluster, 'default', 'db', [{ port: 5432, name: 'db' }], { type: 'ExternalName', externalName: 'db.example.com', selector: undefined }),
    pass: f => { service(f.cluster, 'default', 'db', [{ port: 5432, name: 'tcp-db' }], { type: 'ExternalName', externalName: 'db.example.com', selector: undefined }); },
  },
  {
    rule: 'MESH-ANA-052',
    code: 'IST0150',
    shape: 'ExternalName port named plain tcp',
    fail: f => service(f.cluster, 'default', 'db', [{ port: 5432, name: 'tcp' }], { type: 'ExternalName', externalName: 'db.example.com', selector: undefined }),
    pass: f => { service(f.cluster, 'default', 'db', [{ port: 5432, name: 'tcp-postgres' }], { type: 'ExternalName', externalName: 'db.example.com', selector: undefined }); },
  },
  {
    rule: 'MESH-ANA-053',
    code: 'IST0132',
    shape: 'host the gateway does not serve',
    fail: f => { ratings(f.cluster); gateway(f.cluster, 'public', [httpServer(['a.example.com'])]); return vs(f.cluster, 'edge', { hosts: ['b.example.com'], gateways: ['istio-system/public'], http: [route('ratings')] }); },
    pass: f => { ratings(f.cluster); gateway(f.cluster, 'public', [httpServer(['*.example.com'])]); vs(f.cluster, 'edge', { hosts: ['b.example.com'], gateways: ['istio-system/public'], http: [route('ratings')] }); },
  },
  {
    rule: 'MESH-ANA-054',
    code: '-',
    shape: 'public host as MESH_INTERNAL (seed FAQ)',
    fail: f => se(f.cluster, 'stripe', { hosts: ['api.stripe.com'], location: 'MESH_INTERNAL', resolution: 'DNS', ports: [{ number: 443, name: 'tls', protocol: 'TLS' }] }),
    pass: f => { se(f.cluster, 'stripe', { hosts: ['api.stripe.com'], location: 'MESH_EXTERNAL', resolution: 'DNS', ports: [{ number: 443, name: 'tls', protocol: 'TLS' }] }); },
  },
  {
    rule: 'MESH-ANA-055',
    code: '-',
    shape: 'load balancing on a headless Service (seed FAQ)',
    fail: f => { service(f.cluster, 'default', 'kafka', [{ port: 9092, name: 'tcp-kafka' }], { clusterIP: 'None' }); return net(f.cluster, 'DestinationRule', 'default', 'kafka', { host: 'kafka', trafficPolicy: { loadBalancer: { simple: 'ROUND_ROBIN' } } }); },
    pass: f => { service(f.cluster, 'default', 'kafka', [{ port: 9092, name: 'tcp-kafka' }], { clusterIP: 'None' }); net(f.cluster, 'DestinationRule', 'default', 'kafka', { host: 'kafka', trafficPolicy: { connectionPool: { tcp: { maxConnections: 100 } } } }); },
  },
  {
    rule: 'MESH-ANA-056',
    code: '-',
    shape: 'client without a Service under locality load balancing (seed FAQ)',
    fail: f => {
      f.mesh.addNamespace('shop');
      service(f.cluster, 'shop', 'cart', HTTP);
      net(f.cluster, 'DestinationRule', 'shop', 'cart', { host: 'cart', trafficPolicy: { loadBalancer: { localityLbSetting: { enabled: true } }, outlierDetection: { consecutive5xxErrors: 5 } } });
      return deployment(f.cluster, 'shop', 'loadgen', { app: 'loadgen' });
    },
    pass: f => {
      f.mesh.addNamespace('shop');
      service(f.cluster, 'shop', 'cart', HTTP);
      service(f.cluster, 'shop', 'loadgen', HTTP);
      net(f.cluster, 'DestinationRule', 'shop', 'cart', { host: 'cart', trafficPolicy: { loadBalancer: { localityLbSetting: { enabled: true } }, outlierDetection: { consecutive5xxErrors: 5 } } });
      deployment(f.cluster, 'shop', 'loadgen', { app: 'loadgen' });
    },
  },
  {
    rule: 'MESH-ANA-058',
    code: 'IST0166',
    shape: 'an AuthorizationPolicy selecting declared Gateway API gateway pods',
    fail: f => {
      deployment(f.cluster, 'default', 'public', { 'app': 'public', 'gateway.networking.k8s.io/gateway-name': 'public' });
      return sec(f.cluster, 'AuthorizationPolicy', 'default', 'public-deny', { selector: { matchLabels: { app: 'public' } }, action: 'DENY', rules: [{ to: [{ operation: { paths: ['/admin'] } }] }] });
    },
    pass: f => {
      deployment(f.cluster, 'default', 'public', { 'app': 'public', 'gateway.networking.k8s.io/gateway-name': 'public' });
      sec(f.cluster, 'AuthorizationPolicy', 'default', 'public-deny', {
        targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'public' }], action: 'DENY', rules: [{ to: [{ operation: { paths: ['/admin'] } }] }],
      });
    },
  },
  {
    rule: 'MESH-ANA-058',
    code: 'IST0166',
    shape: 'a Telemetry selecting the pods istiod deploys for a Gateway API Gateway',
    fail: f => {
      raw(f.cluster, 'gateway.networking.k8s.io/v1', 'Gateway', 'default', 'edge', { spec: { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] } });
      return telemetry(f.cluster, 'edge-tracing', { selector: { matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'edge' } }, tracing: [{ randomSamplingPercentage: 10 }] });
    },
    pass: f => {
      raw(f.cluster, 'gateway.networking.k8s.io/v1', 'Gateway', 'default', 'edge', { spec: { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] } });
      telemetry(f.cluster, 'edge-tracing', { targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'edge' }], tracing: [{ randomSamplingPercentage: 10 }] });
    },
  },
  {
    rule: 'MESH-ANA-059',
    code: 'IST0167',
    shape: 'a namespace-wide Sidecar in an ambient namespace',
    fail: f => { namespaceObject(f.cluster, 'default', { 'istio.io/dataplane-mode': 'ambient' }); return selectorSidecar(f.cluster, 'scope'); },
    pass: f => { namespaceObject(f.cluster, 'default', { 'istio-injection': 'enabled' }); selectorSidecar(f.cluster, 'scope'); },
  },
  {
    rule: 'MESH-ANA-059',
    code: 'IST0167',
    shape: 'a Sidecar selecting a workload labelled for ambient mode',
    fail: f => {
      namespaceObject(f.cluster, 'default', { 'istio-injection': 'enabled' });
      deployment(f.cluster, 'default', 'batch', { 'app': 'batch', 'istio.io/dataplane-mode': 'ambient' });
      return selectorSidecar(f.cluster, 'batch', { app: 'batch' });
    },
    pass: f => {
      namespaceObject(f.cluster, 'default', { 'istio-injection': 'enabled' });
      deployment(f.cluster, 'default', 'batch', { app: 'batch' });
      selectorSidecar(f.cluster, 'batch', { app: 'batch' });
    },
  },
];

runAnalysisCases(CASES);

test('MESH-ANA-051 skips the Services of the control plane and its gateways, as istioctl analyze does', () => {
  const f = newMesh();
  raw(f.cluster, 'v1', 'Service', 'istio-system', 'eastwestgateway', {
    metadata: { name: 'eastwestgateway', namespace: 'istio-system', labels: { istio: 'eastwestgateway' } },
    spec: { selector: { istio: 'eastwestgateway' }, ports: [{ port: 15021, name: 'status-port' }] },
  });
  const { diagnostics } = findings(f.app, f.mesh);
  expect(ofRule(diagnostics, 'MESH-ANA-051')).toEqual([]);
});
