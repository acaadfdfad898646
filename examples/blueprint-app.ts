/**
 * An application team consuming the platform blueprint in `examples/blueprint/acme-mesh.ts`:
 * it declares its clusters, its namespace, its service and one route, and inherits the
 * organisation's revision, STRICT mTLS, REGISTRY_ONLY egress, telemetry and gateway sizing.
 */
import { AcmeMesh } from './blueprint/acme-mesh';
import { MeshApp, MeshService, Protocol, TrafficRoute } from 'cdk8s-mesh';

/** Builds the example into `app`. */
export function build(app: MeshApp = new MeshApp()): MeshApp {
  const mesh = new AcmeMesh(app, 'payments', {
    meshId: 'payments',
    clusters: [
      { name: 'payments-eu', region: 'eu-west-1', zones: ['eu-west-1a'] },
      { name: 'payments-us', region: 'us-east-1', zones: ['us-east-1a'] },
    ],
  });
  mesh.addNamespace('payments');
  const api = new MeshService(mesh, 'api', {
    name: 'api',
    namespaceName: 'payments',
    ports: [{ port: 8080, protocol: Protocol.HTTP }],
    versions: [{ name: 'v1', labels: { version: 'v1' } }],
  });
  new TrafficRoute(mesh, 'api-route', { service: api, http: [{ destinations: [{ version: 'v1' }] }] });
  return app;
}

if (require.main === module) {
  build().synth();
}
