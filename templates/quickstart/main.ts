/**
 * A two-cluster mesh, ready to grow: two primaries on their own networks (Istio's multi-primary,
 * multi-network guide), STRICT mTLS, an ingress gateway, and one service whose v2 gets 10% of its traffic.
 * `npx cdk8s synth` writes one manifest per cluster to dist/, plus the install artifacts and the mesh report.
 */
import {
  EastWestGateway, IngressGateway, Mesh, MeshApp, MeshService, MeshTopology, Protocol, RootCa, SecretStoreKind, TrafficRoute,
} from 'cdk8s-mesh';

const app = new MeshApp();
const mesh = new Mesh(app, 'mesh', {
  meshId: 'mesh1',
  topology: MeshTopology.MULTI_PRIMARY_MULTI_NETWORK,
  networks: [{ name: 'network1' }, { name: 'network2' }],
  clusters: [
    { name: 'cluster1', network: 'network1', region: 'region1', zones: ['zone1'] },
    { name: 'cluster2', network: 'network2', region: 'region2', zones: ['zone2'] },
  ],
  // the shared root CA's intermediates come from your secret store (External Secrets Operator)
  controlPlane: {
    rootCa: RootCa.fromExternalSecret({ storeName: 'vault', storeKind: SecretStoreKind.CLUSTER_SECRET_STORE, key: 'istio/mesh1/cacerts' }),
  },
});
new EastWestGateway(mesh, 'eastwest');

mesh.addNamespace('shop');
const reviews = new MeshService(mesh, 'reviews', {
  name: 'reviews',
  namespaceName: 'shop',
  ports: [{ port: 9080, protocol: Protocol.HTTP }],
  versions: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }],
});

const ingress = new IngressGateway(mesh, 'ingress');
const web = ingress.addListener('web', {
  namespaceName: 'shop',
  servers: [{ port: 80, protocol: Protocol.HTTP, hosts: ['reviews.example.com'] }],
});

new TrafficRoute(mesh, 'reviews-route', {
  service: reviews,
  gateways: [web],
  hosts: ['reviews.example.com'],
  mesh: true,
  http: [{ destinations: [{ version: 'v1', weight: 90 }, { version: 'v2', weight: 10 }] }],
});

app.synth();
