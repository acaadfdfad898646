import { expectRule } from './rule-case';
import { EgressGateway, EgressLockdown, Mesh, MeshApp, MeshService, OutboundTrafficPolicy, Protocol } from '../../src';
import { synth, testApp } from '../util';

interface World { app: MeshApp; mesh: Mesh; gateway: EgressGateway; web: MeshService; batch: MeshService }

function world(outbound = OutboundTrafficPolicy.REGISTRY_ONLY): World {
  const app = testApp();
  const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }], meshConfig: { outboundTrafficPolicy: outbound } });
  const gateway = new EgressGateway(mesh, 'egress');
  const svc = (name: string) => new MeshService(mesh, name, { name, namespaceName: 'shop', ports: [{ port: 80, protocol: Protocol.HTTP }] });
  return { app, mesh, gateway, web: svc('web'), batch: svc('batch') };
}

describe('EgressLockdown', () => {
  test('sidecar → egress gateway over ISTIO_MUTUAL, TLS origination to the host, only named sources allowed', () => {
    const w = world();
    new EgressLockdown(w.mesh, 'lockdown', { gateway: w.gateway, allowedHosts: [{ host: 'api.github.com', allowedSources: [w.web] }] });
    const out = synth(w.app);
    const se = out.find('a', 'ServiceEntry', 'api-github-com', 'istio-system');
    expect(se.spec.hosts).toEqual(['api.github.com']);
    expect(se.spec.ports.map((p: any) => [p.number, p.protocol])).toEqual([[80, 'HTTP'], [443, 'HTTPS']]);

    const gw = out.find('a', 'Gateway', 'lockdown-egress', 'istio-system');
    expect(gw.spec.servers[0]).toMatchObject({ hosts: ['api.github.com'], tls: { mode: 'ISTIO_MUTUAL' }, port: { number: 443 } });

    const toGateway = out.find('a', 'DestinationRule', 'lockdown-egress-gateway', 'istio-system').spec;
    expect(toGateway.host).toBe('istio-egressgateway.istio-system.svc.cluster.local');
    expect(toGateway.subsets[0]).toMatchObject({ name: 'api-github-com', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL', sni: 'api.github.com' } } });

    const vs = out.find('a', 'VirtualService', 'api-github-com-via-egress', 'istio-system').spec;
    expect(vs.gateways).toEqual(['istio-system/lockdown-egress', 'mesh']);
    expect(vs.http[0].route[0].destination).toEqual({ host: 'istio-egressgateway.istio-system.svc.cluster.local', subset: 'api-github-com', port: { number: 443 } });
    expect(vs.http[1].route[0].destination).toEqual({ host: 'api.github.com', port: { number: 443 } });

    const origination = out.find('a', 'DestinationRule', 'api-github-com-tls-origination', 'istio-system').spec;
    expect(origination.trafficPolicy.portLevelSettings[0]).toEqual({
      port: { number: 443 },
      tls: { mode: 'SIMPLE', caCertificates: '/etc/ssl/certs/ca-certificates.crt', sni: 'api.github.com', subjectAltNames: ['api.github.com'] },
    });

    const authz = out.find('a', 'AuthorizationPolicy', 'lockdown-allowed-sources', 'istio-system').spec;
    expect(authz.action).toBe('ALLOW');
    expect(authz.selector.matchLabels).toEqual({ app: 'istio-egressgateway', istio: 'egressgateway' });
    expect(authz.rules).toEqual([{
      from: [{ source: { principals: ['cluster.local/ns/shop/sa/web'] } }],
      to: [{ operation: { hosts: ['api.github.com', 'api.github.com:*'] } }],
    }]);
  });

  describe('rules', () => {
    test('MESH-PAT-008: the mesh lets sidecars go anywhere (ALLOW_ANY)', () => {
      const w = world(OutboundTrafficPolicy.ALLOW_ANY);
      new EgressLockdown(w.mesh, 'lockdown', { gateway: w.gateway, allowedHosts: [{ host: 'api.github.com', allowedSources: [w.web] }] });
      expectRule(w.app, 'MESH-PAT-008', 'mesh/lockdown', '"ALLOW_ANY"');
    });

    test('MESH-PAT-009: an allowed host without sources', () => {
      const w = world();
      new EgressLockdown(w.mesh, 'lockdown', { gateway: w.gateway, allowedHosts: [{ host: 'api.github.com', allowedSources: [] }] });
      expectRule(w.app, 'MESH-PAT-009', 'mesh/lockdown/allowedHosts[0]', '"api.github.com"');
    });

    test('MESH-PAT-010: a source runs where there is no egress gateway', () => {
      const app = testApp();
      const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }, { name: 'b' }], meshConfig: { outboundTrafficPolicy: OutboundTrafficPolicy.REGISTRY_ONLY } });
      const gateway = new EgressGateway(mesh, 'egress', { clusters: ['a'] });
      const web = new MeshService(mesh, 'web', { name: 'web', namespaceName: 'shop', ports: [{ port: 80, protocol: Protocol.HTTP }] });
      new EgressLockdown(mesh, 'lockdown', { gateway, allowedHosts: [{ host: 'api.github.com', allowedSources: [web] }] });
      expectRule(app, 'MESH-PAT-010', 'mesh/lockdown', '"b"');
    });
  });
});
