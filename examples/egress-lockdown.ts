/**
 * Egress lockdown (seed 002, DaoCloud "targeted service access restriction", shown there only as screenshots):
 * sidecars may reach only registered hosts (REGISTRY_ONLY); `api.github.com` is registered and reachable only
 * through the egress gateway, only by the `ci` service. Applications call `http://api.github.com`; the sidecar
 * sends the call to the egress gateway over Istio mTLS and the gateway originates TLS to the host.
 */
import { EgressGateway, EgressLockdown, Mesh, MeshApp, MeshService, OutboundTrafficPolicy, Protocol } from 'cdk8s-mesh';

/** Builds the example into `app`. */
export function build(app: MeshApp = new MeshApp()): MeshApp {
  const mesh = new Mesh(app, 'egress', {
    meshId: 'egress-demo',
    clusters: [{ name: 'prod' }],
    meshConfig: { outboundTrafficPolicy: OutboundTrafficPolicy.REGISTRY_ONLY },
  });
  mesh.addNamespace('tools');
  const service = (name: string) => new MeshService(mesh, name, { name, namespaceName: 'tools', ports: [{ port: 8080, protocol: Protocol.HTTP }] });
  const ci = service('ci');
  service('wiki');
  const gateway = new EgressGateway(mesh, 'egress-gateway');
  new EgressLockdown(mesh, 'lockdown', {
    gateway,
    allowedHosts: [{ host: 'api.github.com', allowedSources: [ci] }],
  });
  return app;
}

if (require.main === module) {
  build().synth();
}
