import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Include, JsonPatch } from 'cdk8s';
import {
  IndexedObject, Mesh, MeshArtifact, MeshCluster, MeshCore, MeshFeature, MeshService, PeerAuth, Protocol, RuleDefinition,
  Severity, TrafficRoute,
} from '../../src';
import { synth, synthError, testApp } from '../util';

function setup() {
  const app = testApp();
  const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }, { name: 'b' }] });
  const reviews = new MeshService(mesh, 'reviews', {
    name: 'reviews',
    namespaceName: 'shop',
    ports: [{ port: 9080, protocol: Protocol.HTTP }],
    versions: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }],
  });
  const route = new TrafficRoute(mesh, 'reviews-route', {
    service: reviews,
    http: [{ destinations: [{ version: 'v1', weight: 90 }, { version: 'v2', weight: 10 }] }],
  });
  return { app, mesh, reviews, route };
}

const UNLABELLED: RuleDefinition = {
  id: 'MESH-TEST-001',
  severity: Severity.ERROR,
  message: 'Every DestinationRule needs the team label.',
  fix: 'Label it.',
  doc: 'A test rule.',
};

describe('escape hatch: apiObjects / apiObjectFor', () => {
  test('a user patches a field the library does not model, without calling internals', () => {
    const { app, mesh, route } = setup();
    route.apiObjectFor(mesh.cluster('b'), 'DestinationRule').addJsonPatch(JsonPatch.add('/spec/exportTo', ['.']));
    const out = synth(app);
    expect(out.find('b', 'DestinationRule', 'reviews', 'shop').spec.exportTo).toEqual(['.']);
    expect(out.find('a', 'DestinationRule', 'reviews', 'shop').spec.exportTo).toBeUndefined();
  });

  test('lists what a construct rendered per cluster', () => {
    const { mesh, route, reviews } = setup();
    expect(route.apiObjects(mesh.cluster('a')).map(o => `${o.kind}/${o.name}`).sort())
      .toEqual(['DestinationRule/reviews', 'VirtualService/reviews']);
    expect(reviews.apiObjects(mesh.cluster('a')).map(o => o.kind)).toContain('Service');
    expect(() => route.apiObjectFor(mesh.cluster('a'), 'Gateway')).toThrow(/rendered 0 Gateway objects into cluster a/);
  });

  test('declaring a construct after the mesh rendered is refused', () => {
    const { mesh, route, reviews } = setup();
    route.apiObjects(mesh.cluster('a'));
    expect(() => new TrafficRoute(mesh, 'late', { service: reviews, http: [{ destinations: [{ version: 'v1' }] }] }))
      .toThrow(/already rendered/);
  });
});

describe('ClusterObjectIndex', () => {
  test('finds objects by kind, name, host and selector, with the declaring construct, including hand-added ones', () => {
    const { app, mesh, route } = setup();
    const a = mesh.cluster('a');
    new ApiObject(a, 'hand-written', {
      apiVersion: 'networking.istio.io/v1',
      kind: 'ServiceEntry',
      metadata: { name: 'payments', namespace: 'shop' },
      spec: { hosts: ['payments.example.com'], location: 'MESH_EXTERNAL', resolution: 'DNS', ports: [{ number: 443, name: 'https', protocol: 'TLS' }] },
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'include-'));
    const file = path.join(dir, 'policy.yaml');
    fs.writeFileSync(file, [
      'apiVersion: security.istio.io/v1', 'kind: AuthorizationPolicy', 'metadata: {name: allow-v2, namespace: shop}',
      'spec: {selector: {matchLabels: {app: reviews}}, action: ALLOW, rules: [{}]}', '',
    ].join('\n'));
    const included = new Include(a, 'included', { url: file });
    const seen: { [key: string]: IndexedObject[] } = {};
    mesh.addFeature(new class extends MeshFeature {
      public readonly featureName = 'probe';
      public validate(core: MeshCore): void {
        const index = core.objectIndex(a);
        seen.vs = index.ofKind('VirtualService');
        seen.dr = index.find('DestinationRule', 'shop', 'reviews') ? [index.find('DestinationRule', 'shop', 'reviews')!] : [];
        seen.host = index.byHost('reviews.shop.svc.cluster.local');
        seen.external = index.byHost('payments.example.com');
        seen.selecting = index.selecting({ app: 'reviews', version: 'v2' }, 'shop');
        seen.root = index.inNamespace('istio-system');
        seen.ns = [index.find('Namespace', '', 'istio-system')!];
      }
    }());
    synth(app);
    expect(seen.vs.map(e => e.declaredBy)).toEqual([route]);
    expect(seen.dr[0].declaredBy).toBe(route);
    expect((seen.dr[0].json.spec as { subsets: Array<{ name: string }> }).subsets.map(s => s.name)).toEqual(['v1', 'v2']);
    expect(seen.host.map(e => e.kind).sort()).toEqual(['DestinationRule', 'VirtualService']);
    expect(seen.external.map(e => e.declaredBy.node.id)).toEqual(['hand-written']);
    const policy = seen.selecting.find(e => e.kind === 'AuthorizationPolicy')!;
    expect(policy.name).toBe('allow-v2');
    expect(policy.declaredBy.node.scope).toBe(included);
    expect(seen.root.map(e => e.kind)).toContain('PeerAuthentication');
    expect(seen.ns[0].declaredBy).toBe(mesh);
    expect(seen.root.find(e => e.kind === 'PeerAuthentication')!.declaredBy).toBeInstanceOf(PeerAuth);
  });

  test('exists only after rendering', () => {
    const { mesh } = setup();
    expect(() => mesh.objectIndex(mesh.cluster('a'))).toThrow(/only after the mesh has rendered/);
  });
});

describe('IMeshFeature: the extension point', () => {
  /** A feature family from outside the library: one ConfigMap per cluster, a check on every DestinationRule, an artifact, an annotation. */
  class TeamLabels extends MeshFeature {
    public readonly featureName = 'team-labels';
    constructor(private readonly team: string) {
      super();
    }
    public render(mesh: MeshCore): void {
      for (const cluster of mesh.clusters) {
        new ApiObject(cluster.scopeFor(mesh), 'TeamInfo', {
          apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'team', namespace: mesh.rootNamespace }, data: { team: this.team },
        });
      }
    }
    public validate(mesh: MeshCore): void {
      for (const cluster of mesh.clusters) {
        for (const dr of mesh.objectIndex(cluster).ofKind('DestinationRule')) {
          if (!(dr.json.metadata as { labels?: { team?: string } }).labels?.team) mesh.report(UNLABELLED, dr.declaredBy, dr.name, `In cluster ${cluster.clusterName}.`);
        }
      }
    }
    public artifacts(mesh: MeshCore): MeshArtifact[] {
      return [{ path: `team/${mesh.meshId}.txt`, content: `${this.team}\n` }];
    }
    public namespaceAnnotations(cluster: MeshCluster, namespace: string): { [key: string]: string } {
      return { 'example.com/team': `${this.team}@${cluster.clusterName}/${namespace}` };
    }
  }

  test('a feature renders, annotates the root namespace and writes an artifact', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }] });
    mesh.addFeature(new TeamLabels('payments'));
    const out = synth(app);
    expect(out.find('a', 'ConfigMap', 'team', 'istio-system').data).toEqual({ team: 'payments' });
    expect(out.find('a', 'Namespace', 'istio-system').metadata.annotations).toEqual({ 'example.com/team': 'payments@a/istio-system' });
    expect(out.text('team/m.txt')).toBe('payments\n');
  });

  test('a feature validates the rendered objects and reports against the declaring construct', () => {
    const { app, mesh, route } = setup();
    mesh.addFeature(new TeamLabels('payments'));
    const error = synthError(app);
    expect(error).toContain('MESH-TEST-001');
    expect(error).toContain(route.node.path);
    expect(error).toContain('In cluster b.');
  });
});
