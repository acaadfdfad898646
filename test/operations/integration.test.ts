import {
  IngressGateway, MaxRequestHeaders, Mesh, MeshService, OutboundTrafficPolicy, Protocol, ProxyContext, ServiceEntry,
  ServiceEntryResolution, TrafficRoute,
} from '../../src';
import { synth, synthError, testApp } from '../util';

function setup() {
  const app = testApp();
  const mesh = new Mesh(app, 'mesh', {
    meshId: 'm', clusters: [{ name: 'a' }], meshConfig: { outboundTrafficPolicy: OutboundTrafficPolicy.REGISTRY_ONLY },
  });
  const web = new MeshService(mesh, 'web', { name: 'web', namespaceName: 'shop', ports: [{ port: 80, protocol: Protocol.HTTP }] });
  return { app, mesh, web };
}

describe('operations with the traffic and gateway constructs', () => {
  test('a TrafficRoute mirroring to an unregistered external host fails under REGISTRY_ONLY (MESH-OPS-012)', () => {
    const { app, mesh, web } = setup();
    new TrafficRoute(mesh, 'web-route', { service: web, http: [{ destinations: [{ host: 'api.partner.com', port: 443 }] }] });
    expect(synthError(app)).toMatch(/MESH-OPS-012 \[error\] at mesh\/web-route: A route uses an external host that no ServiceEntry registers, but the outbound traffic policy is REGISTRY_ONLY\. Used by VirtualService shop\/web in cluster a\. Value: "api\.partner\.com"\./);
  });

  test('the same TrafficRoute passes once a ServiceEntry registers the host', () => {
    const { app, mesh, web } = setup();
    new ServiceEntry(mesh, 'partner', {
      namespaceName: 'shop', hosts: ['api.partner.com'], ports: [{ number: 443, protocol: Protocol.TLS }], resolution: ServiceEntryResolution.DNS,
    });
    new TrafficRoute(mesh, 'web-route', { service: web, http: [{ destinations: [{ host: 'api.partner.com', port: 443 }] }] });
    const vs = synth(app).find('a', 'VirtualService', 'web', 'shop');
    expect(vs.spec.http[0].route[0].destination.host).toBe('api.partner.com');
  });

  test('an EnvoyFilter recipe targets an ingress gateway by construct', () => {
    const { app, mesh } = setup();
    const gateway = new IngressGateway(mesh, 'ingress');
    new MaxRequestHeaders(mesh, 'gw-max-header', { workload: gateway, context: ProxyContext.GATEWAY, maxRequestHeadersKb: 96 });
    const filter = synth(app).find('a', 'EnvoyFilter', 'gw-max-header', gateway.workloadNamespace);
    expect(filter.spec.workloadSelector).toEqual({ labels: gateway.workloadSelector });
    expect(filter.spec.configPatches[0].match.context).toBe('GATEWAY');
  });
});
