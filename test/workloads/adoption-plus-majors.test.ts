import { Duration } from 'cdk8s';
import { ConfigMap as ConfigMap28, Deployment as Deployment28, Service as Service28 } from 'cdk8s-plus-28';
import { Deployment as Deployment34, Service as Service34 } from 'cdk8s-plus-34';
import { Construct } from 'constructs';
import { Mesh, MeshService, Protocol, SidecarSettings, TrafficRoute } from '../../src';
import { synth, synthError, testApp } from '../util';

/**
 * Adoption reads what every cdk8s-plus major shares (the construct and its ApiObject), so apps on cdk8s-plus-28
 * (the peer dependency) and on the newest major adopt their Deployments and Services the same way.
 */
interface PlusMajor {
  readonly name: string;
  readonly deployment: (scope: Construct, id: string) => Construct;
  readonly service: (scope: Construct, id: string) => Construct;
}

const container = { image: 'example/reviews:1', ports: [{ number: 9080, name: 'http-web' }], securityContext: { ensureNonRoot: false } };
const MAJORS: PlusMajor[] = [
  {
    name: 'cdk8s-plus-28',
    deployment: (s, id) => new Deployment28(s, id, { metadata: { name: 'reviews', namespace: 'shop' }, containers: [container] }),
    service: (s, id) => new Service28(s, id, { metadata: { name: 'ratings', namespace: 'shop' }, selector: undefined, ports: [{ port: 9080, name: 'http' }] }),
  },
  {
    name: 'cdk8s-plus-34',
    deployment: (s, id) => new Deployment34(s, id, { metadata: { name: 'reviews', namespace: 'shop' }, containers: [container] }),
    service: (s, id) => new Service34(s, id, { metadata: { name: 'ratings', namespace: 'shop' }, selector: undefined, ports: [{ port: 9080, name: 'http' }] }),
  },
];

describe.each(MAJORS)('adoption on $name', major => {
  function build() {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }, { name: 'b' }] });
    const deployment = major.deployment(mesh.cluster('a'), 'reviews');
    const service = major.service(mesh.cluster('a'), 'ratings');
    return { app, mesh, deployment, service };
  }

  test('a Deployment becomes a mesh service: a Service selecting its pods, with its container ports, in its cluster', () => {
    const { app, mesh, deployment } = build();
    const reviews = MeshService.fromDeployment(mesh, 'reviews-svc', deployment);
    new TrafficRoute(mesh, 'route', { service: reviews, http: [{ destinations: [{ service: reviews }], timeout: Duration.seconds(5) }] });
    const out = synth(app);
    const svc = out.find('a', 'Service', 'reviews', 'shop');
    const pods = out.find('a', 'Deployment', 'reviews', 'shop');
    expect(svc.spec.selector).toEqual(pods.spec.selector.matchLabels);
    expect(svc.spec.ports).toEqual([{ name: 'http-web', port: 9080, targetPort: 9080, protocol: 'TCP', appProtocol: 'http' }]);
    expect(reviews.clusters.map(c => c.clusterName)).toEqual(['a']);
    expect(reviews.serviceAccount).toBe('default');
    expect(out.find('a', 'VirtualService', 'reviews', 'shop').spec.http[0].route).toEqual([
      { destination: { host: 'reviews.shop.svc.cluster.local' } },
    ]);
  });

  test('a Service is adopted as it is: name, namespace, ports and protocols read from it, not emitted again', () => {
    const { app, mesh, service } = build();
    const ratings = MeshService.fromService(mesh, 'ratings-svc', service);
    const out = synth(app);
    expect(ratings.host).toBe('ratings.shop.svc.cluster.local');
    expect(ratings.ports.map(p => [p.port, p.protocol])).toEqual([[9080, Protocol.HTTP]]);
    expect(out.ofKind('a', 'Service').filter(s => s.metadata.name === 'ratings')).toHaveLength(1);
  });

  test('sidecar settings reach the Deployment\'s pod template', () => {
    const { app, mesh, deployment } = build();
    new SidecarSettings(mesh, 'sidecar', { injection: true }).applyTo(deployment);
    expect(synth(app).find('a', 'Deployment', 'reviews', 'shop').spec.template.metadata.labels['sidecar.istio.io/inject']).toBe('true');
  });
});

test('sidecar settings on a construct without a pod template are reported (MESH-OPS-018)', () => {
  const app = testApp();
  const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }] });
  const config = new ConfigMap28(mesh.cluster('a'), 'settings', { metadata: { namespace: 'shop' } });
  new SidecarSettings(mesh, 'sidecar', { injection: true }).applyTo(config);
  expect(synthError(app)).toMatch(/MESH-OPS-018 \[error\] at mesh\/sidecar: .*Value: "a\/settings"/);
});
