import { ApiObject } from 'cdk8s';
import { build } from '../../examples/multicloud-three-networks';
import { ClusterRole, DiagramNodeKind, Mesh, MeshReport, MeshService, Protocol, Severity, StringMatch, TrafficApi, TrafficRoute } from '../../src';
import { synth, testApp } from '../util';

function reportOf(app: ReturnType<typeof testApp>, mesh: Mesh): MeshReport {
  const out = synth(app);
  return MeshReport.of(mesh, Object.fromEntries(out.clusterNames.map(c => [c, out.cluster(c)])));
}

describe('mesh report', () => {
  test('the three-network example: clusters per network, east-west gateways and links, remotes to the hosted control plane', () => {
    const app = build(testApp());
    const out = synth(app);
    const mesh = app.meshes[0];
    const report = MeshReport.of(mesh, Object.fromEntries(out.clusterNames.map(c => [c, out.cluster(c)])));
    const clusters = report.nodes.filter(n => n.kind === DiagramNodeKind.CLUSTER);
    // the hosted mesh (external control plane): the config cluster, then three remote workers
    expect(clusters.map(n => [n.id, n.network, n.label])).toEqual([
      ['cluster_mdemo_mesh_hosted', 'default', 'mdemo-mesh-hosted<br/>config'],
      ...[1, 2, 3].map(i => [`cluster_mdemo_cluster${i}`, `network-c${i}`, `mdemo-cluster${i}<br/>remote<br/>region1/zone${i}/subzone${i}`]),
    ]);
    const ew = (i: number) => `gw_mdemo_cluster${i}_istio_system_istio_eastwestgateway`;
    expect(report.nodes.filter(n => n.kind === DiagramNodeKind.GATEWAY).map(n => [n.id, n.network])).toEqual(
      [1, 2, 3].map(i => [ew(i), `network-c${i}`]),
    );
    expect(report.edges).toEqual([
      ...[1, 2, 3].map(i => ({ source: `cluster_mdemo_cluster${i}`, target: ew(i), label: 'gateway' })),
      { source: ew(1), target: ew(2), label: 'east-west mTLS 15443' },
      { source: ew(1), target: ew(3), label: 'east-west mTLS 15443' },
      { source: ew(2), target: ew(3), label: 'east-west mTLS 15443' },
      ...[1, 2, 3].map(i => ({ source: `cluster_mdemo_cluster${i}`, target: 'cluster_mdemo_mesh_hosted', label: 'istiod' })),
    ]);
    expect(report.toMermaid()).toContain('subgraph net_network_c2["network network-c2"]');
    expect(report.toMermaid()).toContain(`${ew(1)} <-->|east-west mTLS 15443| ${ew(2)}`);
    // the report synthesized with the app is the same document
    expect(out.text('mesh-report.md')).toBe(report.toMarkdown());
  });

  test('remote clusters link to the control plane on their network', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', {
      meshId: 'm',
      networks: [{ name: 'n1' }, { name: 'n2' }],
      clusters: [
        { name: 'p1', network: 'n1' },
        { name: 'r1', network: 'n1', role: ClusterRole.REMOTE },
        { name: 'p2', network: 'n2' },
        { name: 'r2', network: 'n2', role: ClusterRole.REMOTE },
      ],
    });
    const report = reportOf(app, mesh);
    expect(report.edges).toEqual([
      { source: 'cluster_r1', target: 'cluster_p1', label: 'istiod' },
      { source: 'cluster_r2', target: 'cluster_p2', label: 'istiod' },
    ]);
  });

  test('per service: routes, subsets, failover, mTLS and callers, read from the synthesized objects', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }] });
    new MeshService(mesh, 'reviews', { name: 'reviews', namespaceName: 'shop', ports: [{ port: 9080, protocol: Protocol.HTTP }] });
    const a = mesh.cluster('a');
    const istio = (kind: string, name: string, namespace: string, spec: object, group = 'networking') =>
      new ApiObject(a, `${kind}-${name}`, { apiVersion: `${group}.istio.io/v1`, kind, metadata: { name, namespace }, spec });
    istio('VirtualService', 'reviews', 'shop', {
      hosts: ['reviews'],
      http: [
        { match: [{ headers: { 'end-user': { exact: 'jason' } } }], route: [{ destination: { host: 'reviews', subset: 'v2' } }] },
        { route: [{ destination: { host: 'reviews', subset: 'v1' }, weight: 90 }, { destination: { host: 'reviews', subset: 'v2' }, weight: 10 }] },
      ],
    });
    istio('DestinationRule', 'reviews', 'shop', {
      host: 'reviews.shop.svc.cluster.local',
      trafficPolicy: {
        outlierDetection: { consecutive5xxErrors: 5 },
        loadBalancer: { localityLbSetting: { enabled: true, failover: [{ from: 'us-east', to: 'us-west' }] } },
      },
      subsets: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }],
    });
    istio('AuthorizationPolicy', 'reviews-viewer', 'shop', {
      selector: { matchLabels: { app: 'reviews' } },
      action: 'ALLOW',
      rules: [{ from: [{ source: { principals: ['cluster.local/ns/shop/sa/productpage'] } }] }],
    }, 'security');

    const [svc] = reportOf(app, mesh).services;
    expect(svc).toEqual({
      host: 'reviews.shop.svc.cluster.local',
      clusters: ['a'],
      routes: [
        'header end-user exact jason → reviews/v2',
        'any → reviews/v1 90%, reviews/v2 10%',
      ],
      subsets: ['v1', 'v2'],
      failover: 'us-east → us-west',
      outlierDetection: true,
      mtls: 'STRICT (mesh)', // the mesh's secure default
      callers: ['ALLOW cluster.local/ns/shop/sa/productpage (shop/reviews-viewer)'],
    });
  });

  test('every warning is listed with its rule, path, value and fix', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }] });
    const quiet = reportOf(app, mesh);
    expect(quiet.toMarkdown()).toContain('## Warnings\n\nNone.');
    expect(quiet.objectsByKind('a')).toEqual({ Namespace: 1, PeerAuthentication: 1 });

    const app2 = testApp();
    const mesh2 = new Mesh(app2, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }] });
    const rule = { id: 'MESH-TEST-001', severity: Severity.WARNING, message: 'Something looks odd.', fix: 'Look again.', doc: 'test rule' };
    mesh2.report(rule, mesh2, 'odd');
    expect(reportOf(app2, mesh2).toMarkdown()).toContain('## Warnings\n\n- MESH-TEST-001 [warning] at mesh: Something looks odd. Value: "odd". Fix: Look again.');
  });

  test('Gateway API mesh routes (HTTPRoutes with the Service as parent) are listed under their service', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }], trafficApi: TrafficApi.GATEWAY_API });
    const reviews = new MeshService(mesh, 'reviews', {
      name: 'reviews',
      namespaceName: 'shop',
      ports: [{ port: 9080, protocol: Protocol.HTTP }],
      versions: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }],
    });
    new TrafficRoute(mesh, 'reviews-route', {
      service: reviews,
      http: [
        { match: [{ headers: { 'end-user': StringMatch.exact('jason') } }], destinations: [{ version: 'v2' }] },
        { destinations: [{ version: 'v1', weight: 90 }, { version: 'v2', weight: 10 }] },
      ],
    });
    const svc = reportOf(app, mesh).services.find(s => s.host === 'reviews.shop.svc.cluster.local');
    expect(svc?.routes).toEqual([
      'header end-user Exact jason → reviews-v2 (HTTPRoute)',
      '* → reviews-v1 90%, reviews-v2 10% (HTTPRoute)',
    ]);
  });
});
