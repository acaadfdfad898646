import { ClusterRole, EastWestGateway, GatewayTlsMode, Mesh, Protocol } from '../../src';
import { synth, synthError, testApp } from '../util';

function multiNetwork(roles: ClusterRole[] = [ClusterRole.PRIMARY, ClusterRole.PRIMARY]) {
  const app = testApp();
  const mesh = new Mesh(app, 'mesh', {
    meshId: 'mesh1',
    networks: [{ name: 'network1' }, { name: 'network2' }],
    clusters: roles.map((role, i) => ({ name: `cluster${i + 1}`, network: `network${i + 1}`, role })),
  });
  return { app, mesh };
}

describe('EastWestGateway', () => {
  test('renders the chart\'s networkGateway mode per cluster, with its own network', () => {
    const { app, mesh } = multiNetwork();
    new EastWestGateway(mesh, 'eastwest');
    const out = synth(app);
    for (const [cluster, network] of [['cluster1', 'network1'], ['cluster2', 'network2']]) {
      const deployment = out.find(cluster, 'Deployment', 'istio-eastwestgateway', 'istio-system');
      const pod = deployment.spec.template;
      expect(deployment.spec.selector.matchLabels).toEqual({ app: 'istio-eastwestgateway', istio: 'eastwestgateway' });
      expect(pod.metadata.labels['topology.istio.io/network']).toBe(network);
      expect(deployment.metadata.labels['topology.istio.io/network']).toBeUndefined();
      expect(pod.spec.containers[0].env).toEqual([{ name: 'ISTIO_META_REQUESTED_NETWORK_VIEW', value: network }]);
      const service = out.find(cluster, 'Service', 'istio-eastwestgateway', 'istio-system');
      expect(service.metadata.labels['topology.istio.io/network']).toBe(network);
      expect(service.spec.type).toBe('LoadBalancer');
      expect(service.spec.ports.map((p: any) => [p.name, p.port, p.targetPort, p.protocol])).toEqual([
        ['status-port', 15021, 15021, 'TCP'], ['tls', 15443, 15443, 'TCP'], ['tls-istiod', 15012, 15012, 'TCP'], ['tls-webhook', 15017, 15017, 'TCP'],
      ]);
      const gateway = out.find(cluster, 'Gateway', 'cross-network-gateway', 'istio-system');
      expect(gateway.spec).toEqual({
        selector: { app: 'istio-eastwestgateway', istio: 'eastwestgateway' },
        servers: [{ port: { number: 15443, name: 'tls', protocol: 'TLS' }, hosts: ['*.local'], tls: { mode: 'AUTO_PASSTHROUGH' } }],
      });
    }
  });

  test('per network: placed only in that network\'s clusters', () => {
    const { app, mesh } = multiNetwork();
    const gw = new EastWestGateway(mesh, 'ew1', { network: 'network1' });
    const out = synth(app);
    expect(gw.clusters.map(c => c.clusterName)).toEqual(['cluster1']);
    expect(out.ofKind('cluster2', 'Deployment')).toEqual([]);
    expect(out.ofKind('cluster2', 'Gateway')).toEqual([]);
  });

  test('primary-remote: one cross-network-gateway in the primary serves both networks\' gateways; istiod exposed on the primary', () => {
    const { app, mesh } = multiNetwork([ClusterRole.PRIMARY, ClusterRole.REMOTE]);
    const ew1 = new EastWestGateway(mesh, 'ew1', { network: 'network1' });
    new EastWestGateway(mesh, 'ew2', { network: 'network2' });
    ew1.exposeIstiod();
    const out = synth(app);
    expect(out.ofKind('cluster1', 'Gateway').map(g => g.metadata.name).sort()).toEqual(['cross-network-gateway', 'istiod-gateway']);
    expect(out.ofKind('cluster2', 'Gateway')).toEqual([]);
    expect(out.find('cluster2', 'Deployment', 'istio-eastwestgateway').spec.template.metadata.labels['topology.istio.io/network']).toBe('network2');
    const istiod = out.find('cluster1', 'Gateway', 'istiod-gateway', 'istio-system');
    expect(istiod.spec.servers.map((s: any) => [s.port.number, s.port.name, s.port.protocol, s.tls.mode, s.hosts])).toEqual([
      [15012, 'tls-istiod', 'TLS', 'PASSTHROUGH', ['*']],
      [15017, 'tls-istiodwebhook', 'TLS', 'PASSTHROUGH', ['*']],
    ]);
    const vs = out.find('cluster1', 'VirtualService', 'istiod-vs', 'istio-system');
    expect(vs.spec.gateways).toEqual(['istio-system/istiod-gateway']);
    expect(vs.spec.tls.map((t: any) => [t.match[0].port, t.route[0].destination.host, t.route[0].destination.port.number])).toEqual([
      [15012, 'istiod.istio-system.svc.cluster.local', 15012],
      [15017, 'istiod.istio-system.svc.cluster.local', 443],
    ]);
    expect(ew1.istiodExposure).toBe(ew1.exposeIstiod());
  });

  test('exposeIstiod prop and extra listeners through addListener', () => {
    const { app, mesh } = multiNetwork();
    const ew = new EastWestGateway(mesh, 'ew', { exposeIstiod: true, ports: [{ name: 'tls-extra', port: 15444 }] });
    ew.addListener('extra', { servers: [{ port: 15444, protocol: Protocol.TLS, hosts: ['*.local'], tls: { mode: GatewayTlsMode.AUTO_PASSTHROUGH } }] });
    const out = synth(app);
    expect(out.ofKind('cluster2', 'Gateway').map(g => g.metadata.name).sort()).toEqual(['cross-network-gateway', 'extra', 'istiod-gateway']);
    expect(out.find('cluster2', 'Service', 'istio-eastwestgateway').spec.ports.map((p: any) => p.port)).toEqual([15021, 15443, 15012, 15017, 15444]);
  });

  test('a network without workload clusters (MESH-GW-022)', () => {
    const { app, mesh } = multiNetwork();
    new EastWestGateway(mesh, 'ew', { network: 'network9' });
    expect(synthError(app)).toContain('MESH-GW-022 [error] at mesh/ew: The east-west gateway names a network that the mesh does not declare or that has no workload cluster. Value: "network9"');
  });

  test('compression on an east-west gateway (MESH-GW-011)', () => {
    const { app, mesh } = multiNetwork();
    new EastWestGateway(mesh, 'ew', { compression: {} });
    expect(synthError(app)).toContain('MESH-GW-011 [error] at mesh/ew: Response compression is supported on ingress gateways only. Value: "eastwest"');
  });
});
