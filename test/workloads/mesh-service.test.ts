import { Deployment, Service } from 'cdk8s-plus-28';
import { Mesh, MeshService, Protocol } from '../../src';
import { synth, synthError, testApp } from '../util';

function mesh() {
  const app = testApp();
  const m = new Mesh(app, 'mesh', { meshId: 'm', trustDomain: 'corp.example', clusters: [{ name: 'a' }, { name: 'b' }] });
  return { app, mesh: m };
}

describe('MeshService', () => {
  test('emits a Service with Istio port naming and appProtocol in every workload cluster', () => {
    const { app, mesh: m } = mesh();
    const reviews = new MeshService(m, 'reviews', {
      name: 'reviews',
      namespaceName: 'bookinfo',
      ports: [{ port: 9080, protocol: Protocol.HTTP }, { port: 9090, protocol: Protocol.GRPC, name: 'api', targetPort: 8090 }],
      versions: [{ name: 'v1', labels: { version: 'v1' } }],
    });
    reviews.addVersion('v2', { version: 'v2' });
    const out = synth(app);
    for (const cluster of ['a', 'b']) {
      const svc = out.find(cluster, 'Service', 'reviews', 'bookinfo');
      expect(svc.spec.selector).toEqual({ app: 'reviews' });
      expect(svc.spec.ports).toEqual([
        { name: 'http-9080', port: 9080, targetPort: 9080, protocol: 'TCP', appProtocol: 'http' },
        { name: 'grpc-api', port: 9090, targetPort: 8090, protocol: 'TCP', appProtocol: 'grpc' },
      ]);
    }
    expect(reviews.host).toBe('reviews.bookinfo.svc.cluster.local');
    expect(reviews.principal).toBe('corp.example/ns/bookinfo/sa/reviews');
    expect(reviews.versions.map(v => v.name)).toEqual(['v1', 'v2']);
  });

  test('adopts a cdk8s-plus Service in a cluster chart without emitting it twice', () => {
    const { app, mesh: m } = mesh();
    const svc = new Service(m.cluster('b'), 'ratings', {
      metadata: { name: 'ratings', namespace: 'shop' },
      selector: undefined,
      ports: [{ port: 9080, name: 'http' }, { port: 5432, name: 'db' }],
    });
    svc.selectLabel('app', 'ratings');
    const ratings = MeshService.fromService(m, 'ratings', svc, { protocols: { 5432: Protocol.TCP } });
    const out = synth(app);
    expect(ratings.clusters.map(c => c.clusterName)).toEqual(['b']);
    expect(ratings.ports.map(p => [p.port, p.protocol])).toEqual([[9080, Protocol.HTTP], [5432, Protocol.TCP]]);
    expect(ratings.selector).toEqual({ app: 'ratings' });
    expect(out.ofKind('b', 'Service').length).toBe(1);
    expect(out.ofKind('a', 'Service').length).toBe(0);
  });

  test('adopts a cdk8s-plus Deployment: labels and container ports are read from it', () => {
    const { app, mesh: m } = mesh();
    const deployment = new Deployment(m.cluster('a'), 'web', {
      metadata: { name: 'web', namespace: 'shop' },
      containers: [{ image: 'nginx', ports: [{ number: 8080, name: 'http-web' }], securityContext: { ensureNonRoot: false } }],
    });
    const web = MeshService.fromDeployment(m, 'web', deployment);
    const out = synth(app);
    const svc = out.find('a', 'Service', 'web', 'shop');
    expect(svc.spec.selector).toEqual(deployment.matchLabels);
    expect(svc.spec.ports).toEqual([{ name: 'http-web', port: 8080, targetPort: 8080, protocol: 'TCP', appProtocol: 'http' }]);
    expect(web.clusters.map(c => c.clusterName)).toEqual(['a']);
  });

  test('external services emit nothing', () => {
    const { app, mesh: m } = mesh();
    MeshService.external(m, 'legacy', { name: 'legacy', namespaceName: 'ops', ports: [{ port: 80, protocol: Protocol.HTTP }] });
    const out = synth(app);
    expect(out.ofKind('a', 'Service')).toEqual([]);
  });
});

describe('service rules', () => {
  test('port without protocol (MESH-SVC-001)', () => {
    const { app, mesh: m } = mesh();
    const svc = new Service(m.cluster('a'), 'db', { metadata: { name: 'db', namespace: 'shop' }, ports: [{ port: 5432, name: 'postgres' }] });
    MeshService.fromService(m, 'db', svc);
    expect(synthError(app)).toContain('MESH-SVC-001 [error] at mesh/db: A service port has no protocol: its name has no Istio protocol prefix and it sets no appProtocol. Value: "postgres"');
  });

  test('invalid port (MESH-SVC-002), duplicate port (MESH-SVC-003) and reserved port (MESH-SVC-006)', () => {
    const { app, mesh: m } = mesh();
    new MeshService(m, 'x', {
      name: 'x',
      namespaceName: 'shop',
      ports: [
        { port: 70000, protocol: Protocol.HTTP }, { port: 80, protocol: Protocol.HTTP },
        { port: 80, protocol: Protocol.TCP }, { port: 15001, protocol: Protocol.TCP },
      ],
    });
    const message = synthError(app);
    expect(message).toContain('MESH-SVC-002 [error] at mesh/x: Port numbers must be integers from 1 to 65535. Value: 70000');
    expect(message).toContain('MESH-SVC-003 [error] at mesh/x: A service declares the same port number twice. Value: 80');
    expect(message).toContain('MESH-SVC-006 [error] at mesh/x: The application port collides with a port the Istio sidecar reserves');
  });

  test('duplicate version (MESH-SVC-004) and version without labels (MESH-SVC-005)', () => {
    const { app, mesh: m } = mesh();
    const svc = new MeshService(m, 'x', { name: 'x', namespaceName: 'shop', ports: [{ port: 80, protocol: Protocol.HTTP }] });
    svc.addVersion('v1', { version: 'v1' });
    svc.addVersion('v1', { version: 'v1b' });
    svc.addVersion('v2', {});
    const message = synthError(app);
    expect(message).toContain('MESH-SVC-004 [error] at mesh/x: A service declares the same version name twice. Value: "v1"');
    expect(message).toContain('MESH-SVC-005 [error] at mesh/x: A service version needs at least one pod label that tells it apart. Value: "v2"');
  });

  test('same-name services with different ports across clusters (MESH-SVC-007)', () => {
    const { app, mesh: m } = mesh();
    new MeshService(m, 'x-a', { name: 'x', namespaceName: 'shop', clusters: ['a'], ports: [{ port: 80, protocol: Protocol.HTTP }] });
    new MeshService(m, 'x-b', { name: 'x', namespaceName: 'shop', clusters: ['b'], ports: [{ port: 8080, protocol: Protocol.HTTP }] });
    expect(synthError(app)).toContain('MESH-SVC-007 [error] at mesh/x-b: A service with this name already exists in this namespace with different ports. Ports here: 8080/HTTP; elsewhere: 80/HTTP. Value: "shop/x"');
  });
});
