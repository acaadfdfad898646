import { ApiObject } from 'cdk8s';
import {
  Mesh, MeshService, OutboundTrafficPolicy, Protocol, ServiceEntry, ServiceEntryLocation, ServiceEntryResolution,
  VmProbe, WorkloadEntry, WorkloadGroup,
} from '../../src';
import { DestinationRule, VirtualService } from '../../src/imports/networking.istio.io';
import { synth, synthError, testApp } from '../util';

function setup(policy?: OutboundTrafficPolicy) {
  const app = testApp();
  const mesh = new Mesh(app, 'mesh', {
    meshId: 'm', clusters: [{ name: 'a' }, { name: 'b' }], meshConfig: { outboundTrafficPolicy: policy },
  });
  return { app, mesh };
}

describe('ServiceEntry', () => {
  test('DNS external entry: hosts, ports with protocols, location and resolution in every config cluster', () => {
    const { app, mesh } = setup();
    new ServiceEntry(mesh, 'baidu', {
      namespaceName: 'shop',
      hosts: ['www.baidu.com'],
      ports: [{ number: 443, protocol: Protocol.TLS }, { number: 80, protocol: Protocol.HTTP, name: 'web' }],
      resolution: ServiceEntryResolution.DNS,
    });
    const out = synth(app);
    for (const cluster of ['a', 'b']) {
      const se = out.find(cluster, 'ServiceEntry', 'baidu', 'shop');
      expect(se.apiVersion).toBe('networking.istio.io/v1');
      expect(se.spec).toEqual({
        hosts: ['www.baidu.com'],
        ports: [{ number: 443, protocol: 'TLS', name: 'tls-443' }, { number: 80, protocol: 'HTTP', name: 'web' }],
        location: 'MESH_EXTERNAL',
        resolution: 'DNS',
      });
    }
  });

  test('STATIC internal entry with endpoints, and NONE with CIDR addresses', () => {
    const { app, mesh } = setup();
    new ServiceEntry(mesh, 'mysql', {
      namespaceName: 'db',
      hosts: ['mysql.legacy.internal'],
      ports: [{ number: 3306, protocol: Protocol.TCP }],
      resolution: ServiceEntryResolution.STATIC,
      location: ServiceEntryLocation.MESH_INTERNAL,
      endpoints: [{ address: '10.0.0.5', labels: { zone: 'a' } }],
    });
    new ServiceEntry(mesh, 'cos', {
      namespaceName: 'db',
      hosts: ['cos.example.com'],
      addresses: ['169.254.0.0/16'],
      ports: [{ number: 80, protocol: Protocol.TCP }],
      resolution: ServiceEntryResolution.NONE,
    });
    const out = synth(app);
    const mysql = out.find('a', 'ServiceEntry', 'mysql', 'db').spec;
    expect(mysql.location).toBe('MESH_INTERNAL');
    expect(mysql.resolution).toBe('STATIC');
    expect(mysql.endpoints).toEqual([{ address: '10.0.0.5', labels: { zone: 'a' } }]);
    expect(out.find('a', 'ServiceEntry', 'cos', 'db').spec.addresses).toEqual(['169.254.0.0/16']);
  });

  test('ServiceEntry port colliding with a sidecar port (MESH-OPS-008)', () => {
    const { app, mesh } = setup();
    new ServiceEntry(mesh, 'bad', {
      namespaceName: 'shop', hosts: ['x.example.com'], ports: [{ number: 15001, protocol: Protocol.TCP }], resolution: ServiceEntryResolution.DNS,
    });
    expect(synthError(app)).toContain('MESH-OPS-008 [error] at mesh/bad: The port collides with a port the Istio sidecar reserves');
  });
});

describe('VMs: WorkloadGroup and WorkloadEntry', () => {
  test('a WorkloadGroup and a WorkloadEntry selected by a ServiceEntry through the group construct', () => {
    const { app, mesh } = setup();
    const group = new WorkloadGroup(mesh, 'ratings-vm', {
      namespaceName: 'vm',
      labels: { app: 'ratings-vm' },
      serviceAccount: 'ratings',
      network: 'vm-net',
      probe: VmProbe.httpGet(8080, '/ready'),
    });
    new WorkloadEntry(mesh, 'vm-1', { namespaceName: 'vm', address: '10.10.0.7', labels: { app: 'ratings-vm', instance: '1' }, serviceAccount: 'ratings' });
    new ServiceEntry(mesh, 'ratings', {
      namespaceName: 'vm',
      hosts: ['ratings.vm.mesh'],
      location: ServiceEntryLocation.MESH_INTERNAL,
      ports: [{ number: 8080, protocol: Protocol.HTTP }],
      resolution: ServiceEntryResolution.STATIC,
      workloads: group,
    });
    const out = synth(app);
    const wg = out.find('a', 'WorkloadGroup', 'ratings-vm', 'vm');
    expect(wg.spec).toEqual({
      metadata: { labels: { app: 'ratings-vm' } },
      template: { serviceAccount: 'ratings', network: 'vm-net' },
      probe: { httpGet: { port: 8080, path: '/ready' } },
    });
    const we = out.find('a', 'WorkloadEntry', 'vm-1', 'vm');
    expect(we.spec).toEqual({ address: '10.10.0.7', labels: { app: 'ratings-vm', instance: '1' }, serviceAccount: 'ratings' });
    expect(out.find('a', 'ServiceEntry', 'ratings', 'vm').spec.workloadSelector).toEqual({ labels: { app: 'ratings-vm' } });
  });

  test('a WorkloadEntry selected by a Kubernetes Service passes', () => {
    const { app, mesh } = setup();
    new MeshService(mesh, 'ratings', { name: 'ratings', namespaceName: 'vm', ports: [{ port: 8080, protocol: Protocol.HTTP }] });
    new WorkloadEntry(mesh, 'vm-1', { namespaceName: 'vm', address: '10.10.0.7', labels: { app: 'ratings' } });
    expect(synth(app).find('a', 'WorkloadEntry', 'vm-1', 'vm').spec.labels).toEqual({ app: 'ratings' });
  });

  test('WorkloadEntry nothing selects (MESH-OPS-003)', () => {
    const { app, mesh } = setup();
    new ServiceEntry(mesh, 'other', {
      namespaceName: 'vm',
      hosts: ['other.vm.mesh'],
      ports: [{ number: 80, protocol: Protocol.HTTP }],
      resolution: ServiceEntryResolution.STATIC,
      workloads: new WorkloadGroup(mesh, 'g', { namespaceName: 'vm', labels: { app: 'other' } }),
    });
    new WorkloadEntry(mesh, 'vm-1', { namespaceName: 'vm', address: '10.10.0.7', labels: { app: 'lonely' } });
    expect(synthError(app)).toContain('MESH-OPS-003 [error] at mesh/vm-1: No ServiceEntry, WorkloadGroup or Service selects this WorkloadEntry. Value: "vm/vm-1".');
  });

  test('VM ports colliding with sidecar ports (MESH-OPS-008)', () => {
    const { app, mesh } = setup();
    new WorkloadGroup(mesh, 'g', { namespaceName: 'vm', labels: { app: 'x' }, ports: { http: 15090 } });
    expect(synthError(app)).toContain('MESH-OPS-008 [error] at mesh/g: The port collides with a port the Istio sidecar reserves (15000, 15001, 15004, 15006, 15008, 15009, 15020, 15021, 15053, 15090). Value: 15090.');
  });
});

describe('REGISTRY_ONLY outbound policy', () => {
  function route(mesh: Mesh, host: string) {
    new VirtualService(mesh.cluster('a'), 'vs', {
      metadata: { name: 'ext', namespace: 'shop' },
      spec: { hosts: [host], http: [{ timeout: '5s', route: [{ destination: { host } }] }] },
    });
    new DestinationRule(mesh.cluster('a'), 'dr', { metadata: { name: 'ext', namespace: 'shop' }, spec: { host } });
  }

  test('an external host a route uses needs a ServiceEntry (MESH-OPS-012)', () => {
    const { app, mesh } = setup(OutboundTrafficPolicy.REGISTRY_ONLY);
    route(mesh, 'api.partner.com');
    const message = synthError(app);
    expect(message).toContain('MESH-OPS-012 [error] at a/vs: A route uses an external host that no ServiceEntry registers, but the outbound traffic policy is REGISTRY_ONLY. Used by VirtualService shop/ext in cluster a. Value: "api.partner.com".');
    expect(message).toContain('MESH-OPS-012 [error] at a/dr: A route uses an external host that no ServiceEntry registers, but the outbound traffic policy is REGISTRY_ONLY. Used by DestinationRule shop/ext in cluster a. Value: "api.partner.com".');
  });

  test('a wildcard ServiceEntry registers the host; cluster-local hosts need none', () => {
    const { app, mesh } = setup(OutboundTrafficPolicy.REGISTRY_ONLY);
    new ServiceEntry(mesh, 'partner', {
      namespaceName: 'shop', hosts: ['*.partner.com'], ports: [{ number: 443, protocol: Protocol.TLS }], resolution: ServiceEntryResolution.NONE,
    });
    route(mesh, 'api.partner.com');
    new ApiObject(mesh.cluster('a'), 'reviews', {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'reviews', namespace: 'shop' }, spec: { selector: { app: 'reviews' }, ports: [{ port: 9080, name: 'http' }] },
    });
    new VirtualService(mesh.cluster('a'), 'internal', {
      metadata: { name: 'internal', namespace: 'shop' },
      spec: { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews.shop.svc.cluster.local' } }] }] },
    });
    expect(synth(app).ofKind('a', 'VirtualService').length).toBe(2);
  });

  test('with ALLOW_ANY, MESH-OPS-012 does not apply; the analysis still reports the unknown host (IST0101)', () => {
    const { app, mesh } = setup();
    route(mesh, 'api.partner.com');
    const message = synthError(app);
    expect(message).not.toContain('MESH-OPS-012');
    expect(message).toContain('MESH-ANA-001 [error] at a/vs');
  });
});
