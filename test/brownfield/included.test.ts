import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { IncludedGateway, IngressGateway, Mesh, MeshApp, MeshService, Protocol, StringMatch, TrafficRoute } from '../../src';
import { synth, synthError, testApp } from '../util';

/** A folder of hand-written manifests, as a team keeps them: the shop's namespace, Service, Deployments and Gateway. */
function manifests(extra = ''): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-mesh-included-'));
  fs.writeFileSync(path.join(dir, '00-namespace.yaml'), [
    'apiVersion: v1', 'kind: Namespace', 'metadata:', '  name: shop', '  labels:', '    istio-injection: enabled', '',
  ].join('\n'));
  const deployment = (version: string) => [
    'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: reviews-${version}`, '  namespace: shop', 'spec:',
    '  selector:', '    matchLabels:', '      app: reviews', `      version: ${version}`, '  template:', '    metadata:', '      labels:',
    '        app: reviews', `        version: ${version}`, '    spec:', '      serviceAccountName: reviews', '      containers:',
    '      - name: reviews', `        image: docker.io/istio/examples-bookinfo-reviews-${version}:1.20.3`, '        ports:', '        - containerPort: 9080',
  ].join('\n');
  fs.writeFileSync(path.join(dir, '10-reviews.yaml'), [
    'apiVersion: v1', 'kind: Service', 'metadata:', '  name: reviews', '  namespace: shop', '  labels:', '    app: reviews', 'spec:',
    '  selector:', '    app: reviews', '  ports:', '  - name: http', '    port: 9080', '---', deployment('v1'), '---', deployment('v2'), '',
  ].join('\n'));
  fs.writeFileSync(path.join(dir, '20-gateway.yml'), [
    'apiVersion: networking.istio.io/v1', 'kind: Gateway', 'metadata:', '  name: shop-gateway', '  namespace: shop', 'spec:',
    '  selector:', '    istio: ingressgateway', '  servers:', '  - port:', '      number: 8080', '      name: http', '      protocol: HTTP',
    '    hosts:', '    - shop.example.com', '',
  ].join('\n'));
  if (extra) fs.writeFileSync(path.join(dir, '30-extra.yaml'), extra);
  fs.writeFileSync(path.join(dir, 'README.md'), 'not a manifest');
  return dir;
}

function shop(app: MeshApp, extra = '') {
  const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'c' }] });
  IngressGateway.fromExisting(mesh, 'ingress');
  const cluster = mesh.cluster('c');
  const included = cluster.includeManifests(manifests(extra));
  return { mesh, cluster, included };
}

describe('included YAML takes part', () => {
  test('includeManifests reads every manifest of a folder in name order; the objects are in the cluster\'s output as written', () => {
    const app = testApp();
    const { included } = shop(app);
    expect(included.map(i => i.node.id)).toEqual(['included-00-namespace.yaml', 'included-10-reviews.yaml', 'included-20-gateway.yml']);
    const out = synth(app);
    expect(out.find('c', 'Namespace', 'shop').metadata.labels).toEqual({ 'istio-injection': 'enabled' });
    expect(out.ofKind('c', 'Deployment').map(d => d.metadata.name)).toEqual(['reviews-v1', 'reviews-v2']);
    expect(out.find('c', 'Gateway', 'shop-gateway', 'shop').spec.selector).toEqual({ istio: 'ingressgateway' });
  });

  test('constructs use what it declares: a Service (fromIncluded, not emitted again) and a Gateway (IncludedGateway) for a route', () => {
    const app = testApp();
    const { mesh, cluster } = shop(app);
    const reviews = MeshService.fromIncluded(mesh, 'reviews', cluster, 'Service', 'shop', 'reviews', {
      versions: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }],
    });
    expect(reviews.host).toBe('reviews.shop.svc.cluster.local');
    expect(reviews.selector).toEqual({ app: 'reviews' });
    expect(reviews.ports.map(p => `${p.port}/${p.protocol}`)).toEqual(['9080/HTTP']);
    expect(reviews.clusters.map(c => c.clusterName)).toEqual(['c']);
    const gateway = IncludedGateway.fromIncluded(mesh, 'shop-gateway', cluster, 'shop', 'shop-gateway');
    expect(gateway.listenerHostsIn(cluster)).toEqual(['shop.example.com']);
    new TrafficRoute(mesh, 'reviews-route', {
      service: reviews,
      hosts: ['shop.example.com'],
      gateways: [gateway],
      mesh: true,
      http: [{ match: [{ uri: StringMatch.prefix('/reviews') }], destinations: [{ version: 'v2' }] }, { destinations: [{ version: 'v1' }] }],
    });
    const out = synth(app);
    expect(out.ofKind('c', 'Service').map(s => s.metadata.name)).toEqual(['reviews']);
    const vs = out.find('c', 'VirtualService', 'reviews', 'shop');
    expect(vs.spec.gateways).toEqual(['shop/shop-gateway', 'mesh']);
    expect(vs.spec.hosts).toEqual(['shop.example.com', 'reviews.shop.svc.cluster.local']);
    expect(out.find('c', 'DestinationRule', 'reviews', 'shop').spec.subsets.map((s: any) => s.name)).toEqual(['v1', 'v2']);
  });

  test('a Deployment of included YAML is adopted as fromDeployment does (a Service is emitted for it)', () => {
    const app = testApp();
    const { mesh, cluster } = shop(app);
    const v1 = MeshService.fromIncluded(mesh, 'reviews-v1', cluster, 'Deployment', 'shop', 'reviews-v1', { name: 'reviews-v1', protocols: { 9080: Protocol.HTTP } });
    expect(v1.selector).toEqual({ app: 'reviews', version: 'v1' });
    expect(v1.serviceAccount).toBe('reviews');
    expect(synth(app).find('c', 'Service', 'reviews-v1', 'shop').spec.selector).toEqual({ app: 'reviews', version: 'v1' });
  });

  test('the analysis checks included objects with the rest: a hand-written VirtualService to an unknown host is MESH-ANA-001 at its Include', () => {
    const app = testApp();
    shop(app, [
      'apiVersion: networking.istio.io/v1', 'kind: VirtualService', 'metadata:', '  name: ratings', '  namespace: shop', 'spec:',
      '  hosts:', '  - ratings', '  http:', '  - route:', '    - destination:', '        host: ratings', '',
    ].join('\n'));
    const message = synthError(app);
    expect(message).toContain('MESH-ANA-001');
    expect(message).toContain('at c/included-30-extra.yaml/ratings-virtualservice-shop');
    expect(message).toContain('ratings');
  });

  test('an object the cluster does not include is MESH-SVC-008 / MESH-GW-041, naming what it does include', () => {
    const app = testApp();
    const { mesh, cluster } = shop(app);
    MeshService.fromIncluded(mesh, 'ratings', cluster, 'Service', 'shop', 'ratings');
    IncludedGateway.fromIncluded(mesh, 'gw', cluster, 'default', 'shop-gateway');
    const message = synthError(app);
    expect(message).toContain('MESH-SVC-008');
    expect(message).toContain('Services shop/reviews');
    expect(message).toContain('MESH-GW-041');
    expect(message).toContain('"default/shop-gateway"');
  });
});
