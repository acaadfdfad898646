/**
 * DaoCloud (DCE 5.0) service mesh traffic examples.
 *
 * Seed 002 (digest 002a): F1 the `nginx-vs` retry route bound to the `nginx-gw/nginx-gwrule`
 * gateway, and F25–F27 the cross-cluster 30/70 split of helloworld in the hosted mesh, whose
 * VirtualService host is corrected to the gateway's host `hello.m.daocloud` (the source used the
 * service FQDN, which the gateway never serves).
 */
import { Duration } from 'cdk8s';
import { ClusterRole, IngressGateway, Mesh, MeshApp, MeshService, Protocol, RetryOn, StringMatch, TrafficRoute } from 'cdk8s-mesh';

/** Builds both DaoCloud meshes into `app`. */
export function build(app: MeshApp = new MeshApp()): MeshApp {
  nginxRetryMesh(app);
  helloworldSplitMesh(app);
  return app;
}

/** F1: nginx behind a gateway, retrying 5xx twice with a 5s per-try timeout. */
export function nginxRetryMesh(app: MeshApp): Mesh {
  const mesh = new Mesh(app, 'dce-nginx', { meshId: 'dce-nginx', clusters: [{ name: 'dywtest3' }] });
  const nginx = MeshService.external(mesh, 'nginx', { name: 'nginx', namespaceName: 'nginx-test', ports: [{ port: 80, protocol: Protocol.HTTP }] });
  // the gateway rule and route live in nginx-gw; declaring it makes `kubectl apply` work on an empty cluster
  mesh.addNamespace('nginx-gw', { injectionEnabled: false });
  const ingress = new IngressGateway(mesh, 'ingressgateway');
  const gateway = ingress.addListener('nginx-gwrule', {
    namespaceName: 'nginx-gw',
    servers: [{ port: 80, name: 'http', protocol: Protocol.HTTP, hosts: ['www.nginx.app.com'] }],
  });
  new TrafficRoute(mesh, 'nginx-vs', {
    service: nginx,
    name: 'nginx-vs',
    namespaceName: 'nginx-gw',
    hosts: ['www.nginx.app.com'],
    gateways: [gateway],
    http: [{
      name: 'nginx-http',
      match: [{ uri: StringMatch.prefix('/') }],
      retries: { attempts: 2, perTryTimeout: Duration.seconds(5), retryOn: [RetryOn.FIVE_XX] },
      destinations: [{ port: 80 }],
    }],
  });
  return mesh;
}

/** F25–F27: helloworld v1 runs in yl-cluster10, v2 in yl-cluster20; the gateway splits /hello 30/70. */
export function helloworldSplitMesh(app: MeshApp): Mesh {
  const mesh = new Mesh(app, 'dce-hosted', {
    meshId: 'hosted-mesh',
    clusters: [
      { name: 'hosted-mesh-config', role: ClusterRole.CONFIG },
      { name: 'yl-cluster10', role: ClusterRole.REMOTE },
      { name: 'yl-cluster20', role: ClusterRole.REMOTE },
    ],
  });
  mesh.addNamespace('helloworld');
  const helloworld = new MeshService(mesh, 'helloworld', {
    name: 'helloworld',
    namespaceName: 'helloworld',
    ports: [{ port: 5000, protocol: Protocol.HTTP }],
    versions: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }],
  });
  // F26: the gateway's listener; its protocol is written `HTTP` (the seed's lower-case `http`).
  const ingress = new IngressGateway(mesh, 'ingressgateway', { clusters: ['yl-cluster10'] });
  const gateway = ingress.addListener('helloworld-gateway', {
    namespaceName: 'helloworld',
    servers: [{ port: 80, name: 'http', protocol: Protocol.HTTP, hosts: ['hello.m.daocloud'] }],
  });
  new TrafficRoute(mesh, 'helloworld-version', {
    service: helloworld,
    name: 'helloworld-version',
    destinationRuleName: 'helloworld-version',
    hosts: ['hello.m.daocloud'],
    gateways: [gateway],
    http: [{
      name: 'helloworld-routes',
      match: [{ uri: StringMatch.exact('/hello') }],
      destinations: [{ version: 'v1', port: 5000, weight: 30 }, { version: 'v2', port: 5000, weight: 70 }],
    }],
  });
  return mesh;
}

if (require.main === module) {
  build().synth();
}
