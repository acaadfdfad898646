/*
 * Realistic mistakes of a JavaScript user (no compiler to catch them), run through the compiled library.
 * Each entry: the title, what the user wrote, and the rule, path and value the error must name.
 */
'use strict';
const { ApiObject, Duration } = require('cdk8s');

function shop(lib, app, meshProps) {
  const mesh = new lib.Mesh(app, 'mesh', Object.assign({ meshId: 'shop', clusters: [{ name: 'prod' }] }, meshProps || {}));
  mesh.addNamespace('shop');
  const reviews = new lib.MeshService(mesh, 'reviews', {
    name: 'reviews',
    namespaceName: 'shop',
    ports: [{ port: 9080, protocol: lib.Protocol.HTTP }],
    versions: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }],
  });
  return { mesh, reviews };
}

function route(lib, app, http, extra) {
  const { mesh, reviews } = shop(lib, app);
  return new lib.TrafficRoute(mesh, 'route', Object.assign({ service: reviews, http }, extra || {}));
}

function ingress(lib, app, props) {
  const { mesh } = shop(lib, app);
  return new lib.IngressGateway(mesh, 'ingress', props || {});
}

function policy(lib, app, props) {
  const { mesh, reviews } = shop(lib, app);
  return new lib.AuthorizationPolicy(mesh, 'policy', Object.assign({ workload: reviews }, props));
}

/** A one-cluster mesh in a canary upgrade from 1-29 (tag prod-stable) to 1-30 (tag prod-canary). */
function upgrade(lib, app, props, namespaces) {
  const up = new lib.ControlPlaneUpgrade(Object.assign({
    fromRevision: { name: '1-29', tags: ['prod-stable'] },
    toRevision: { name: '1-30', tags: ['prod-canary'] },
    stage: lib.UpgradeStage.MOVED,
  }, props));
  const mesh = new lib.Mesh(app, 'mesh', { meshId: 'shop', topology: lib.MeshTopology.MULTI_PRIMARY, clusters: [{ name: 'prod' }], revision: 'prod-stable', controlPlane: { upgrade: up } });
  for (const [ns, revision] of Object.entries(namespaces || { shop: 'prod-stable' })) mesh.addNamespace(ns, { revision });
  return mesh;
}

/** The shop world with the mesh-wide ambient data plane (namespace shop is ambient). */
function ambientShop(lib, app) {
  return shop(lib, app, { dataplaneMode: lib.DataplaneMode.AMBIENT });
}

module.exports.shop = shop;
module.exports.cases = [
  // --- topology ---
  ['clusters misspelled as cluster', (lib, app) => new lib.Mesh(app, 'mesh', { meshId: 'shop', cluster: [{ name: 'prod' }] }), 'MESH-CORE-003', 'mesh/cluster', '[{"name":"prod"}]'],
  ['a mesh without meshId', (lib, app) => new lib.Mesh(app, 'mesh', { clusters: [{ name: 'prod' }] }), 'MESH-CORE-004', 'mesh/meshId', '(unset)'],
  ['meshId as a number', (lib, app) => new lib.Mesh(app, 'mesh', { meshId: 42, clusters: [{ name: 'prod' }] }), 'MESH-CORE-002', 'mesh/meshId', '42'],
  ['mtls as the string "strict"', (lib, app) => shop(lib, app, { mtls: 'strict' }), 'MESH-CORE-005', 'mesh/mtls', '"strict"'],
  ['clusters as a single object', (lib, app) => new lib.Mesh(app, 'mesh', { meshId: 'shop', clusters: { name: 'prod' } }), 'MESH-CORE-002', 'mesh/clusters', '{"name":"prod"}'],
  ['a cluster role as a plain string', (lib, app) => new lib.Mesh(app, 'mesh', { meshId: 'shop', clusters: [{ name: 'prod', role: 'Primary' }] }), 'MESH-CORE-005', 'mesh/clusters[0]/role', '"Primary"'],
  ['istioVersion as a string', (lib, app) => shop(lib, app, { istioVersion: '1.30' }), 'MESH-CORE-006', 'mesh/istioVersion', '"1.30"'],
  ['trust domain with spiffe://', (lib, app) => shop(lib, app, { trustDomain: 'spiffe://prod.acme.internal' }), 'MESH-VAL-018', 'mesh/trustDomain', '"spiffe://prod.acme.internal"'],
  ['strict as the string "true"', (lib, app) => shop(lib, app, { strict: 'true' }), 'MESH-CORE-002', 'mesh/strict', '"true"'],
  ['addCluster with only a name string', (lib, app) => shop(lib, app).mesh.addCluster('staging'), 'MESH-CORE-002', 'mesh/addCluster(props)', '"staging"'],
  ['addNamespace with an options typo', (lib, app) => shop(lib, app).mesh.addNamespace('web', { injectionEnable: true }), 'MESH-CORE-003', 'mesh/addNamespace(options)/injectionEnable', 'true'],
  ['a mesh without clusters', (lib, app) => new lib.Mesh(app, 'mesh', { meshId: 'shop' }), 'MESH-CORE-007', 'mesh', '"shop"'],
  ['two networks without east-west gateways in a strict mesh', (lib, app) => new lib.Mesh(app, 'mesh', { meshId: 'shop', strict: true, networks: [{ name: 'n1' }, { name: 'n2' }], clusters: [{ name: 'c1', network: 'n1' }, { name: 'c2', network: 'n2' }] }), 'MESH-TOPO-014', 'mesh/networks/n1', '"n1"'],
  ['a remote secret from a kubeconfig file name instead of its content', (lib, app) => new lib.Mesh(app, 'mesh', { meshId: 'shop', topology: lib.MeshTopology.MULTI_PRIMARY, clusters: [{ name: 'c1' }, { name: 'c2' }], controlPlane: { rootCa: lib.RootCa.acknowledgeUnshared(), remoteSecrets: [lib.RemoteSecret.fromKubeconfig('c2', '~/.kube/c2.yaml')] } }), 'MESH-VAL-023', 'mesh/ControlPlane/remoteSecrets/c2', '"(kubeconfig of 15 characters, not shown)"'],
  ['a topology given by its enum name', (lib, app) => new lib.Mesh(app, 'mesh', { meshId: 'shop', topology: 'MULTI_PRIMARY', clusters: [{ name: 'c1' }, { name: 'c2' }] }), 'MESH-CORE-005', 'mesh/topology', '"MULTI_PRIMARY"'],
  ['controlPlane remote secrets as kubeconfig strings', (lib, app) => new lib.Mesh(app, 'mesh', { meshId: 'shop', topology: lib.MeshTopology.MULTI_PRIMARY, clusters: [{ name: 'c1' }, { name: 'c2' }], controlPlane: { remoteSecrets: ['apiVersion: v1'] } }), 'MESH-CORE-006', 'mesh/controlPlane/remoteSecrets[0]', '"apiVersion: v1"'],
  ['ASM cluster IDs as one string', (lib, app) => shop(lib, app, { platform: lib.Platform.asm({ clusterIds: 'c-123' }) }), 'MESH-CORE-002', 'Platform.asm(options)/clusterIds', '"c-123"'],
  ['a DCE network gateway without its address', (lib, app) => shop(lib, app, { platform: lib.Platform.dce({ networkGateways: [{ network: 'net1' }] }) }), 'MESH-CORE-004', 'Platform.dce(options)/networkGateways[0]/address', '(unset)'],
  ['a TCM version as a string', (lib, app) => shop(lib, app, { platform: new lib.TcmPlatform({ version: '1.30' }) }), 'MESH-CORE-006', 'TcmPlatform(options)/version', '"1.30"'],
  ['an east-west gateway with a misspelled prop', (lib, app) => new lib.EastWestGateway(shop(lib, app).mesh, 'eastwest', { exposeIstioD: true }), 'MESH-CORE-003', 'mesh/eastwest/exposeIstioD', 'true'],
  ['an mTLS migration stage as a string', (lib, app) => new lib.MtlsMigration(shop(lib, app).mesh, 'migration', { stage: '1' }), 'MESH-CORE-002', 'mesh/migration/stage', '"1"'],
  ['two meshes of one app with a cluster of the same name', (lib, app) => { new lib.Mesh(app, 'm1', { meshId: 'shop', clusters: [{ name: 'prod' }] }); new lib.Mesh(app, 'm2', { meshId: 'shop-eu', clusters: [{ name: 'prod' }] }); }, 'MESH-TOPO-015', 'm2/clusters/prod', '"prod"'],
  // the harness clears CDK8S_MESH_CLUSTERS after each case
  ['a per-cluster pipeline job names a cluster the mesh does not declare', (lib, app) => { process.env.CDK8S_MESH_CLUSTERS = 'prod,staging'; shop(lib, app); }, 'MESH-TOPO-016', 'MeshApp/clusters', '"staging"'],
  ['an upgrade stage by its enum name', (lib, app) => upgrade(lib, app, { stage: 'MOVED' }), 'MESH-CORE-005', 'ControlPlaneUpgrade/stage', '"MOVED"'],
  ['revision tags as one string', (lib, app) => upgrade(lib, app, { fromRevision: { name: '1-29', tags: 'prod-stable' } }), 'MESH-CORE-002', 'ControlPlaneUpgrade/fromRevision/tags', '"prod-stable"'],
  ['an upgrade moving a misspelled tag', (lib, app) => upgrade(lib, app, { moveTags: ['prod-stabel'] }), 'MESH-CP-015', 'mesh/controlPlane/upgrade/moveTags', '"prod-stabel"'],
  ['a namespace following a misspelled tag', (lib, app) => upgrade(lib, app, {}, { shop: 'prod-stabel' }), 'MESH-CP-008', 'mesh/namespace-shop', '"prod-stabel"'],
  ['removing the canary tag while a namespace still follows it', (lib, app) => upgrade(lib, app, { stage: lib.UpgradeStage.OLD_REMOVED, removeTags: ['prod-canary'] }, { shop: 'prod-stable', smoke: 'prod-canary' }), 'MESH-CP-017', 'mesh/namespace-smoke', '"prod-canary"'],
  ['keeping the stable tag on the revision being removed', (lib, app) => upgrade(lib, app, { stage: lib.UpgradeStage.OLD_REMOVED, moveTags: [], removeTags: [] }, { smoke: 'prod-canary' }), 'MESH-CP-016', 'mesh/controlPlane/upgrade/tags/prod-stable', '{"prod-stable":"1-29"}'],
  // --- hand-written objects the analysis reads ---
  ['client TLS with a credentialName and certificate files', (lib, app) => route(lib, app, [{ destinations: [{}] }], { policy: { tls: { mode: lib.ClientTlsMode.MUTUAL, credentialName: 'reviews-client', clientCertificate: '/etc/certs/client.pem', privateKey: '/etc/certs/key.pem' } } }), 'MESH-VAL-031', 'mesh/route/policy/tls', '["credentialName","clientCertificate"]'],
  ['a hand-written VirtualService routing to a host that does not exist', (lib, app) => { const { mesh } = shop(lib, app); new ApiObject(mesh.cluster('prod'), 'ratings-vs', { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'ratings', namespace: 'shop' }, spec: { hosts: ['ratings'], http: [{ route: [{ destination: { host: 'ratings' } }] }] } }); }, 'MESH-ANA-001', 'prod/ratings-vs', '"ratings"'],
  ['a hand-written VirtualService bound to a Gateway that does not exist', (lib, app) => { const { mesh } = shop(lib, app); new ApiObject(mesh.cluster('prod'), 'reviews-edge', { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'reviews-edge', namespace: 'shop' }, spec: { hosts: ['reviews.example.com'], gateways: ['istio-system/public'], http: [{ route: [{ destination: { host: 'reviews' } }] }] } }); }, 'MESH-ANA-004', 'prod/reviews-edge', '"istio-system/public"'],
  // --- services ---
  ['version labels as a string', (lib, app) => new lib.MeshService(shop(lib, app).mesh, 'svc', { name: 'details', namespaceName: 'shop', ports: [{ port: 80, protocol: lib.Protocol.HTTP }], versions: [{ name: 'v1', labels: 'v1' }] }), 'MESH-CORE-002', 'mesh/svc/versions[0]/labels', '"v1"'],
  ['a port protocol as "http"', (lib, app) => new lib.MeshService(shop(lib, app).mesh, 'svc', { name: 'details', namespaceName: 'shop', ports: [{ port: 80, protocol: 'http' }] }), 'MESH-CORE-005', 'mesh/svc/ports[0]/protocol', '"http"'],
  ['ports as a number', (lib, app) => new lib.MeshService(shop(lib, app).mesh, 'svc', { name: 'details', namespaceName: 'shop', ports: 8080 }), 'MESH-CORE-002', 'mesh/svc/ports', '8080'],
  ['a service namespace under its old name namespace (now namespaceName)', (lib, app) => new lib.MeshService(shop(lib, app).mesh, 'svc', { name: 'details', namespace: 'shop', ports: [{ port: 80, protocol: lib.Protocol.HTTP }] }), 'MESH-CORE-003', 'mesh/svc/namespace', '"shop"'],
  ['authorization sources under their Istio name from', (lib, app) => policy(lib, app, { rules: [{ from: [{ principals: ['cluster.local/ns/shop/sa/web'] }] }] }), 'MESH-CORE-003', 'mesh/policy/rules[0]/from', '[{"principals":["cluster.local/ns/shop/sa/web"]}]'],
  ['a namespace with upper case', (lib, app) => new lib.MeshService(shop(lib, app).mesh, 'svc', { name: 'details', namespaceName: 'Shop', ports: [{ port: 80, protocol: lib.Protocol.HTTP }] }), 'MESH-VAL-007', 'mesh/svc/namespaceName', '"Shop"'],
  ['a version label with a space', (lib, app) => new lib.MeshService(shop(lib, app).mesh, 'svc', { name: 'details', namespaceName: 'shop', ports: [{ port: 80, protocol: lib.Protocol.HTTP }], versions: [{ name: 'v1', labels: { version: 'v 1' } }] }), 'MESH-VAL-013', 'mesh/svc/versions[0]/labels/version', '"v 1"'],
  ['a label key with two slashes', (lib, app) => new lib.MeshService(shop(lib, app).mesh, 'svc', { name: 'details', namespaceName: 'shop', ports: [{ port: 80, protocol: lib.Protocol.HTTP }], labels: { 'a/b/c': 'x' } }), 'MESH-VAL-012', 'mesh/svc/labels/a/b/c', '"a/b/c"'],
  ['a service without a name', (lib, app) => new lib.MeshService(shop(lib, app).mesh, 'svc', { namespaceName: 'shop', ports: [{ port: 80, protocol: lib.Protocol.HTTP }] }), 'MESH-CORE-004', 'mesh/svc/name', '(unset)'],
  // --- traffic ---
  ['timeout as "5s"', (lib, app) => route(lib, app, [{ timeout: '5s', destinations: [{ version: 'v1' }] }]), 'MESH-CORE-006', 'mesh/route/http[0]/timeout', '"5s"'],
  ['timeout as a number of milliseconds', (lib, app) => route(lib, app, [{ timeout: 5000, destinations: [{ version: 'v1' }] }]), 'MESH-CORE-006', 'mesh/route/http[0]/timeout', '5000'],
  ['uri match as a plain string', (lib, app) => route(lib, app, [{ match: [{ uri: '/api' }], destinations: [{ version: 'v1' }] }]), 'MESH-CORE-006', 'mesh/route/http[0]/match[0]/uri', '"/api"'],
  ['an abort with httpStatus 700', (lib, app) => route(lib, app, [{ fault: { abort: { httpStatus: 700, percentage: 10 } }, destinations: [{ version: 'v1' }] }]), 'MESH-VAL-001', 'mesh/route/http[0]/fault/abort/httpStatus', '700'],
  ['retry attempts -1', (lib, app) => route(lib, app, [{ retries: { attempts: -1 }, destinations: [{ version: 'v1' }] }]), 'MESH-VAL-002', 'mesh/route/http[0]/retries/attempts', '-1'],
  ['retries as a number', (lib, app) => route(lib, app, [{ retries: 3, destinations: [{ version: 'v1' }] }]), 'MESH-CORE-002', 'mesh/route/http[0]/retries', '3'],
  ['retryOn as a comma-separated string', (lib, app) => route(lib, app, [{ retries: { attempts: 3, retryOn: '5xx,reset' }, destinations: [{ version: 'v1' }] }]), 'MESH-CORE-002', 'mesh/route/http[0]/retries/retryOn', '"5xx,reset"'],
  ['a destination weight as a string', (lib, app) => route(lib, app, [{ destinations: [{ version: 'v1', weight: '90' }, { version: 'v2', weight: '10' }] }]), 'MESH-CORE-002', 'mesh/route/http[0]/destinations[0]/weight', '"90"'],
  ['destination misspelled as destination', (lib, app) => route(lib, app, [{ destination: [{ version: 'v1' }] }]), 'MESH-CORE-003', 'mesh/route/http[0]/destination', '[{"version":"v1"}]'],
  ['http given as one object', (lib, app) => route(lib, app, { destinations: [{ version: 'v1' }] }), 'MESH-CORE-002', 'mesh/route/http', '{"destinations":[{"version":"v1"}]}'],
  ['a route without its service', (lib, app) => new lib.TrafficRoute(shop(lib, app).mesh, 'route', { http: [{ destinations: [{ version: 'v1' }] }] }), 'MESH-CORE-004', 'mesh/route/service', '(unset)'],
  ['the service given by name', (lib, app) => new lib.TrafficRoute(shop(lib, app).mesh, 'route', { service: 'reviews', http: [{ destinations: [{ version: 'v1' }] }] }), 'MESH-CORE-006', 'mesh/route/service', '"reviews"'],
  ['a redirect port 0', (lib, app) => route(lib, app, [{ redirect: { uri: '/new', port: 0 } }]), 'MESH-VAL-014', 'mesh/route/http[0]/redirect/port', '0'],
  ['a direct response status 99', (lib, app) => route(lib, app, [{ directResponse: { status: 99 } }]), 'MESH-VAL-001', 'mesh/route/http[0]/directResponse/status', '99'],
  ['a header set with a colon in the name', (lib, app) => route(lib, app, [{ headers: { request: { set: { 'x-env: prod': '1' } } }, destinations: [{ version: 'v1' }] }]), 'MESH-VAL-015', 'mesh/route/http[0]/headers/request/set/x-env: prod', '"x-env: prod"'],
  ['CORS methods in lower case', (lib, app) => route(lib, app, [{ cors: { allowOrigins: [lib.StringMatch.exact('https://shop.example.com')], allowMethods: ['get'] }, destinations: [{ version: 'v1' }] }]), 'MESH-VAL-005', 'mesh/route/http[0]/cors/allowMethods[0]', '"get"'],
  ['an outlier interval of zero', (lib, app) => route(lib, app, [{ destinations: [{ version: 'v1' }] }], { policy: { outlierDetection: { interval: Duration.millis(0) } } }), 'MESH-VAL-016', 'mesh/route/policy/outlierDetection/interval', 'Duration of 0 millis'],
  ['StringMatch.prefix called with a number', (lib) => lib.StringMatch.prefix(5), 'MESH-CORE-002', 'StringMatch.prefix(value)', '5'],
  // --- gateways ---
  ['replicaCount -1', (lib, app) => ingress(lib, app, { replicaCount: -1 }), 'MESH-VAL-003', 'mesh/ingress/replicaCount', '-1'],
  ['replicaCount as "2"', (lib, app) => ingress(lib, app, { replicaCount: '2' }), 'MESH-CORE-002', 'mesh/ingress/replicaCount', '"2"'],
  ['a listener server port 99999', (lib, app) => ingress(lib, app).addListener('web', { namespaceName: 'shop', servers: [{ port: 99999, protocol: lib.Protocol.HTTP, hosts: ['shop.example.com'] }] }), 'MESH-VAL-014', 'mesh/ingress/addListener(options)/servers[0]/port', '99999'],
  ['hosts as one string', (lib, app) => ingress(lib, app).addListener('web', { namespaceName: 'shop', servers: [{ port: 80, protocol: lib.Protocol.HTTP, hosts: 'shop.example.com' }] }), 'MESH-CORE-002', 'mesh/ingress/addListener(options)/servers[0]/hosts', '"shop.example.com"'],
  ['a serviceType as "LoadBalancer"', (lib, app) => ingress(lib, app, { serviceType: 'LB' }), 'MESH-CORE-005', 'mesh/ingress/serviceType', '"LB"'],
  ['cpu request "1 cpu"', (lib, app) => ingress(lib, app, { resources: { requests: { cpu: '1 cpu' } } }), 'MESH-VAL-019', 'mesh/ingress/resources/requests/cpu', '"1 cpu"'],
  ['memory limit "512MB"', (lib, app) => ingress(lib, app, { resources: { limits: { memory: '512MB' } } }), 'MESH-VAL-019', 'mesh/ingress/resources/limits/memory', '"512MB"'],
  ['two gateway ports pinning one nodePort', (lib, app) => ingress(lib, app, { serviceType: lib.GatewayServiceType.NODE_PORT, ports: [{ name: 'http2', port: 80, nodePort: 30080 }, { name: 'https', port: 443, nodePort: 30080 }] }), 'MESH-GW-028', 'mesh/ingress', '30080'],
  ['a service name starting with a digit', (lib, app) => new lib.MeshService(shop(lib, app).mesh, 'svc', { name: '2048-game', namespaceName: 'shop', ports: [{ port: 80, protocol: lib.Protocol.HTTP }] }), 'MESH-VAL-025', 'mesh/svc/name', '"2048-game"'],
  ['an abort with a gRPC status from another language', (lib, app) => route(lib, app, [{ destinations: [{ version: 'v1' }], fault: { abort: { grpcStatus: 'StatusCode.UNAVAILABLE' } } }]), 'MESH-VAL-024', 'mesh/route/http[0]/fault/abort/grpcStatus', '"StatusCode.UNAVAILABLE"'],
  ['a gateway listener without servers', (lib, app) => ingress(lib, app).addListener('web'), 'MESH-GW-029', 'mesh/ingress/web', '"web"'],
  // --- Gateway API rendering ---
  ['a fault injection on a Gateway API route', (lib, app) => {
    const { mesh, reviews } = shop(lib, app, { trafficApi: lib.TrafficApi.GATEWAY_API });
    return new lib.TrafficRoute(mesh, 'route', { service: reviews, http: [{ destinations: [{ version: 'v1' }], fault: { abort: { httpStatus: 503 } } }] });
  }, 'MESH-ROUTE-033', 'mesh/route/http[0]/fault', '{"abort":{"httpStatus":503}}'],
  ['a MUTUAL TLS listener on a Gateway API gateway', (lib, app) => ingress(lib, app, { trafficApi: lib.TrafficApi.GATEWAY_API }).addListener('web', {
    servers: [{ port: 443, protocol: lib.Protocol.HTTPS, hosts: ['shop.example.com'], tls: { mode: lib.GatewayTlsMode.MUTUAL, credentialName: 'shop-cert' } }],
  }), 'MESH-GW-030', 'mesh/ingress/web/servers[0]/tls/mode', '"MUTUAL"'],
  ['a Gateway API route from shop on a listener that accepts its own namespace only', (lib, app) => {
    const { mesh, reviews } = shop(lib, app, { trafficApi: lib.TrafficApi.GATEWAY_API });
    const web = new lib.IngressGateway(mesh, 'ingress').addListener('web', {
      servers: [{ port: 80, protocol: lib.Protocol.HTTP, hosts: ['shop.example.com'], allowedRoutes: { namespaces: lib.AllowedRouteNamespaces.SAME } }],
    });
    return new lib.TrafficRoute(mesh, 'route', { service: reviews, hosts: ['shop.example.com'], gateways: [web], http: [{ destinations: [{ version: 'v1' }] }] });
  }, 'MESH-ANA-061', 'mesh/route', '"istio-system/web"'],
  ['a Gateway API route bound to an Istio-API gateway', (lib, app) => {
    const { mesh, reviews } = shop(lib, app, { trafficApi: lib.TrafficApi.GATEWAY_API });
    const web = new lib.IngressGateway(mesh, 'ingress', { trafficApi: lib.TrafficApi.ISTIO }).addListener('web', { servers: [{ port: 80, protocol: lib.Protocol.HTTP, hosts: ['shop.example.com'] }] });
    return new lib.TrafficRoute(mesh, 'route', { service: reviews, hosts: ['shop.example.com'], gateways: [web], http: [{ destinations: [{ version: 'v1' }] }] });
  }, 'MESH-ROUTE-034', 'mesh/route/gateways', '"istio-system/web"'],
  ['a gateway running as root (runAsUser: 0)', (lib, app) => ingress(lib, app, { runAsUser: 0 }), 'MESH-GW-027', 'mesh/ingress', '0'],
  ['a gateway in the root group (runAsGroup: 0)', (lib, app) => ingress(lib, app, { runAsUser: 1337, runAsGroup: 0 }), 'MESH-GW-027', 'mesh/ingress', '0'],
  ['a service adopted from included YAML that the cluster does not include', (lib, app) => { const { mesh } = shop(lib, app); lib.MeshService.fromIncluded(mesh, 'ratings', mesh.cluster('prod'), 'Service', 'shop', 'ratings'); }, 'MESH-SVC-008', 'mesh/ratings', '"Service shop/ratings"'],
  ['a route bound to an included Gateway that the cluster does not include', (lib, app) => { const { mesh } = shop(lib, app); lib.IncludedGateway.fromIncluded(mesh, 'gw', mesh.cluster('prod'), 'shop', 'shop-gateway'); }, 'MESH-GW-041', 'mesh/gw', '"shop/shop-gateway"'],
  ['a listener on one cluster of an existing gateway that runs in two', (lib, app) => lib.IngressGateway.fromExisting(shop(lib, app, { clusters: [{ name: 'prod' }, { name: 'dr' }] }).mesh, 'ingress').addListener('web', { clusters: ['prod'], servers: [{ port: 80, protocol: lib.Protocol.HTTP, hosts: ['*'] }] }), 'MESH-GW-040', 'mesh/ingress/web', '"prod"'],
  ['a listener on a port the existing gateway\'s Service does not expose', (lib, app) => lib.IngressGateway.fromExisting(shop(lib, app).mesh, 'ingress', { ports: [{ name: 'http2', port: 80, targetPort: 8080 }] }).addListener('web', { servers: [{ port: 9080, protocol: lib.Protocol.HTTP, hosts: ['*'] }] }), 'MESH-GW-014', 'mesh/ingress/web', '9080'],
  // --- security ---
  ['a DENY rule on CIDR 10.0.0.0/33', (lib, app) => policy(lib, app, { action: lib.AuthorizationAction.DENY, rules: [{ sources: [{ ipBlocks: ['10.0.0.0/33'] }] }] }), 'MESH-VAL-004', 'mesh/policy/rules[0]/sources[0]/ipBlocks[0]', '"10.0.0.0/33"'],
  ['an authorization path without a slash in a strict mesh', (lib, app) => { const { mesh, reviews } = shop(lib, app, { strict: true }); new lib.AuthorizationPolicy(mesh, 'policy', { workload: reviews, rules: [{ operations: [{ paths: ['api/*'] }] }] }); }, 'MESH-VAL-106', 'mesh/policy/rules[0]/operations[0]/paths[0]', '"api/*"'],
  ['a DENY policy on an external service without a selector', (lib, app) => { const { mesh } = shop(lib, app); const legacy = lib.MeshService.external(mesh, 'legacy', { name: 'legacy', namespaceName: 'shop', ports: [{ port: 9080, protocol: lib.Protocol.HTTP }] }); new lib.AuthorizationPolicy(mesh, 'deny-legacy', { workload: legacy, action: lib.AuthorizationAction.DENY, rules: [{}] }); }, 'MESH-SEC-019', 'mesh/deny-legacy', '"shop"'],
  ['HTTP methods get and post', (lib, app) => policy(lib, app, { rules: [{ operations: [{ methods: ['get', 'post'] }] }] }), 'MESH-VAL-005', 'mesh/policy/rules[0]/operations[0]/methods[0]', '"get"'],
  ['a principal "frontend"', (lib, app) => policy(lib, app, { rules: [{ sources: [{ principals: ['frontend'] }] }] }), 'MESH-VAL-006', 'mesh/policy/rules[0]/sources[0]/principals[0]', '"frontend"'],
  ['a principal with spiffe://', (lib, app) => policy(lib, app, { rules: [{ sources: [{ principals: ['spiffe://cluster.local/ns/shop/sa/web'] }] }] }), 'MESH-VAL-006', 'mesh/policy/rules[0]/sources[0]/principals[0]', '"spiffe://cluster.local/ns/shop/sa/web"'],
  ['action "ALLOW " with a trailing space', (lib, app) => policy(lib, app, { action: 'ALLOW ' }), 'MESH-CORE-005', 'mesh/policy/action', '"ALLOW "'],
  ['the workload given as a name', (lib, app) => new lib.AuthorizationPolicy(shop(lib, app).mesh, 'policy', { workload: 'reviews' }), 'MESH-CORE-006', 'mesh/policy/workload', '"reviews"'],
  ['PeerAuth mode as "STRICT_MODE"', (lib, app) => new lib.PeerAuth(shop(lib, app).mesh, 'pa', { namespaceName: 'shop', mode: 'STRICT_MODE' }), 'MESH-CORE-005', 'mesh/pa/mode', '"STRICT_MODE"'],
  ['a jwksUri over http', (lib, app) => new lib.RequestAuthentication(shop(lib, app).mesh, 'jwt', { namespaceName: 'shop', jwtRules: [{ issuer: 'https://id.example.com', jwksUri: 'http://id.example.com/jwks' }] }), 'MESH-VAL-008', 'mesh/jwt/jwtRules[0]/jwksUri', '"http://id.example.com/jwks"'],
  ['jwtRules as one object', (lib, app) => new lib.RequestAuthentication(shop(lib, app).mesh, 'jwt', { namespaceName: 'shop', jwtRules: { issuer: 'https://id.example.com' } }), 'MESH-CORE-002', 'mesh/jwt/jwtRules', '{"issuer":"https://id.example.com"}'],
  // --- operations ---
  ['a Wasm URL with an ftp scheme', (lib, app) => new lib.WasmPlugin(shop(lib, app).mesh, 'wasm', { namespaceName: 'shop', url: 'ftp://example.com/f.wasm' }), 'MESH-VAL-010', 'mesh/wasm/url', '"ftp://example.com/f.wasm"'],
  ['a Wasm sha256 with its prefix', (lib, app) => new lib.WasmPlugin(shop(lib, app).mesh, 'wasm', { namespaceName: 'shop', url: 'https://example.com/f.wasm', sha256: 'sha256:abc' }), 'MESH-VAL-011', 'mesh/wasm/sha256', '"sha256:abc"'],
  ['a ServiceEntry host "*"', (lib, app) => new lib.ServiceEntry(shop(lib, app).mesh, 'se', { namespaceName: 'shop', hosts: ['*'], ports: [{ number: 443, protocol: lib.Protocol.TLS }], resolution: lib.ServiceEntryResolution.NONE }), 'MESH-VAL-021', 'mesh/se/hosts[0]', '"*"'],
  ['a ServiceEntry resolution "dns"', (lib, app) => new lib.ServiceEntry(shop(lib, app).mesh, 'se', { namespaceName: 'shop', hosts: ['api.example.com'], ports: [{ number: 443, protocol: lib.Protocol.TLS }], resolution: 'dns' }), 'MESH-CORE-005', 'mesh/se/resolution', '"dns"'],
  ['a STATIC ServiceEntry with a hostname endpoint', (lib, app) => new lib.ServiceEntry(shop(lib, app).mesh, 'se', { namespaceName: 'shop', hosts: ['db.example.com'], ports: [{ number: 5432, protocol: lib.Protocol.TCP }], resolution: lib.ServiceEntryResolution.STATIC, endpoints: [{ address: 'db.example.com' }] }), 'MESH-VAL-020', 'mesh/se/endpoints', '{"resolution":"STATIC","endpoints":["db.example.com"]}'],
  ['an ApplicationSet repo URL without scheme', (lib, app) => new lib.ArgoCdApplicationSet(shop(lib, app).mesh, 'appset', { repoUrl: 'github.com/acme/mesh', path: 'dist' }), 'MESH-VAL-017', 'mesh/appset/repoUrl', '"github.com/acme/mesh"'],
  // --- patterns ---
  ['an egress route with TLS origination to a host whose ServiceEntry has no port 443', (lib, app) => { const { mesh } = shop(lib, app); const cnn = new lib.ExternalService(mesh, 'cnn', { host: 'edition.cnn.com', namespaceName: 'shop', ports: [{ port: 80, protocol: lib.Protocol.HTTP }] }); new lib.EgressRoute(mesh, 'cnn-egress', { gateway: lib.EgressGateway.fromExisting(mesh, 'egress'), destination: cnn, mode: lib.EgressTrafficMode.TLS_ORIGINATION }); }, 'MESH-PAT-012', 'mesh/cnn-egress/destinationPort', '443'],
  ['canary steps as a string', (lib, app) => { const { mesh, reviews } = shop(lib, app); new lib.CanaryRelease(mesh, 'canary', { service: reviews, stableVersion: 'v1', canaryVersion: 'v2', steps: '10,50,100' }); }, 'MESH-CORE-002', 'mesh/canary/steps', '"10,50,100"'],
  ['sidecar settings applied to a ConfigMap', (lib, app) => { const { mesh } = shop(lib, app); const settings = new (require('cdk8s-plus-28').ConfigMap)(mesh.cluster('prod'), 'settings'); new lib.SidecarSettings(mesh, 'sidecar', { injection: true }).applyTo(settings); }, 'MESH-OPS-018', 'mesh/sidecar', '"prod/settings"'],
  ['canary without canaryVersion', (lib, app) => { const { mesh, reviews } = shop(lib, app); new lib.CanaryRelease(mesh, 'canary', { service: reviews, stableVersion: 'v1' }); }, 'MESH-CORE-004', 'mesh/canary/canaryVersion', '(unset)'],
  // --- values Istio's own validation rejects (docs/RULES.md, Istio validation parity) ---
  ['a DENY rule on an address with a leading zero', (lib, app) => policy(lib, app, { action: lib.AuthorizationAction.DENY, rules: [{ sources: [{ ipBlocks: ['010.0.0.1'] }] }] }), 'MESH-VAL-004', 'mesh/policy/rules[0]/sources[0]/ipBlocks[0]', '"010.0.0.1"'],
  ['a blocked JWKS range given as one address', (lib, app) => shop(lib, app, { meshConfig: { jwksBlockedCidrs: ['169.254.169.254'] } }), 'MESH-VAL-026', 'mesh/meshConfig/jwksBlockedCidrs[0]', '"169.254.169.254"'],
  ['a DENY rule on a host written with its /24 in a strict mesh', (lib, app) => { const { mesh, reviews } = shop(lib, app, { strict: true }); new lib.AuthorizationPolicy(mesh, 'policy', { workload: reviews, action: lib.AuthorizationAction.DENY, rules: [{ sources: [{ ipBlocks: ['192.168.1.10/24'] }] }] }); }, 'MESH-VAL-107', 'mesh/policy/rules[0]/sources[0]/ipBlocks[0]', '"192.168.1.10/24"'],
  ['an ALLOW rule on an IPv4-mapped address in a strict mesh', (lib, app) => { const { mesh, reviews } = shop(lib, app, { strict: true }); new lib.AuthorizationPolicy(mesh, 'policy', { workload: reviews, rules: [{ sources: [{ ipBlocks: ['::ffff:10.1.2.3'] }] }] }); }, 'MESH-VAL-108', 'mesh/policy/rules[0]/sources[0]/ipBlocks[0]', '"::ffff:10.1.2.3"'],
  ['sidecars excluding every outbound range with *', (lib, app) => new lib.SidecarSettings(shop(lib, app).mesh, 'sidecar', { excludeOutboundIpRanges: ['*'] }), 'MESH-OPS-006', 'mesh/sidecar/excludeOutboundIpRanges[0]', '"*"'],
  ['a retryOn token misspelled as some docs spell it', (lib, app) => route(lib, app, [{ retries: { attempts: 2, retryOn: [lib.RetryOn.of('retrievable-status-codes')] }, destinations: [{ version: 'v1' }] }]), 'MESH-ROUTE-015', 'RetryOn.of(token)', '"retrievable-status-codes"'],
  ['a retry on status 599, which is no HTTP status', (lib, app) => route(lib, app, [{ retries: { attempts: 2, retryOn: [lib.RetryOn.statusCode(599)] }, destinations: [{ version: 'v1' }] }]), 'MESH-ROUTE-015', 'RetryOn.statusCode(code)', '599'],
  ['a path template with {*} after {**}', (lib, app) => policy(lib, app, { rules: [{ operations: [{ paths: ['/api/{**}/{*}'] }] }] }), 'MESH-VAL-027', 'mesh/policy/rules[0]/operations[0]/paths[0]', '"/api/{**}/{*}"'],
  ['a path template written as a named parameter', (lib, app) => policy(lib, app, { action: lib.AuthorizationAction.DENY, rules: [{ operations: [{ notPaths: ['/users/{id}'] }] }] }), 'MESH-VAL-027', 'mesh/policy/rules[0]/operations[0]/notPaths[0]', '"/users/{id}"'],
  ['an empty path from a blank config line', (lib, app) => policy(lib, app, { rules: [{ operations: [{ paths: ['/api/*', ''] }] }] }), 'MESH-VAL-028', 'mesh/policy/rules[0]/operations[0]/paths[1]', '""'],
  ['maxRetries -1 in a connection pool', (lib, app) => route(lib, app, [{ destinations: [{ version: 'v1' }] }], { policy: { connectionPool: { http: { maxRetries: -1 } } } }), 'MESH-VAL-029', 'mesh/route/policy/connectionPool/http/maxRetries', '-1'],
  ['a TLS route without SNI hosts', (lib, app) => { const { mesh, reviews } = shop(lib, app); new lib.TrafficRoute(mesh, 'route', { service: reviews, hosts: ['reviews.example.com'], tls: [{ sniHosts: [], destinations: [{ version: 'v1' }] }] }); }, 'MESH-VAL-030', 'mesh/route/tls[0]/sniHosts', '[]'],
  ['an abort with both an HTTP and a gRPC status', (lib, app) => route(lib, app, [{ fault: { abort: { httpStatus: 503, grpcStatus: 'UNAVAILABLE' } }, destinations: [{ version: 'v1' }] }]), 'MESH-VAL-031', 'mesh/route/http[0]/fault/abort', '["httpStatus","grpcStatus"]'],
  ['a ServiceEntry CIDR with DNS resolution', (lib, app) => new lib.ServiceEntry(shop(lib, app).mesh, 'se', { namespaceName: 'shop', hosts: ['db.example.com'], addresses: ['10.10.0.0/24'], ports: [{ number: 5432, name: 'pg', protocol: lib.Protocol.TCP }], resolution: lib.ServiceEntryResolution.DNS }), 'MESH-VAL-031', 'mesh/se/addresses', '["resolution: DNS","addresses with a CIDR"]'],
  ['an empty redirect', (lib, app) => route(lib, app, [{ redirect: {} }]), 'MESH-VAL-032', 'mesh/route/http[0]/redirect', '["uri","authority","port","scheme"]'],
  ['a condition without values', (lib, app) => policy(lib, app, { rules: [{ when: [{ key: lib.ConditionKey.requestHeader('x-tenant') }] }] }), 'MESH-VAL-032', 'mesh/policy/rules[0]/when[0]', '["values","notValues"]'],
  ['a Maglev table size of 0', (lib, app) => route(lib, app, [{ destinations: [{ version: 'v1' }] }], { policy: { loadBalancer: lib.LoadBalancer.consistentHash(lib.HashKey.header('x-user'), lib.HashAlgorithm.maglev(0)) } }), 'MESH-VAL-033', 'HashAlgorithm.maglev(tableSize)', '0'],
  ['a distribute weight of 0', (lib, app) => route(lib, app, [{ destinations: [{ version: 'v1' }] }], { policy: { outlierDetection: { consecutive5xxErrors: 5 }, locality: { distribute: [{ fromLocality: 'eu/*', toLocalities: { 'eu/*': 100, 'us/*': 0 } }] } } }), 'MESH-VAL-034', 'mesh/route/policy/locality/distribute[0]/to/us/*', '0'],
  ['a version name with a dot', (lib, app) => new lib.MeshService(shop(lib, app).mesh, 'svc', { name: 'details', namespaceName: 'shop', ports: [{ port: 80, protocol: lib.Protocol.HTTP }], versions: [{ name: 'v1.2', labels: { version: 'v1.2' } }] }), 'MESH-VAL-035', 'mesh/svc/versions[0]/name', '"v1.2"'],
  ['exportTo a namespace in upper case', (lib, app) => route(lib, app, [{ destinations: [{ version: 'v1' }] }], { exportTo: lib.ExportTo.namespaces('Istio-System') }), 'MESH-VAL-036', 'ExportTo.namespaces(names)', '["Istio-System"]'],
  ['a route host listed twice', (lib, app) => route(lib, app, [{ destinations: [{ version: 'v1' }] }], { hosts: ['shop.example.com', 'shop.example.com'] }), 'MESH-VAL-037', 'mesh/route/hosts', '["shop.example.com","shop.example.com"]'],
  ['removing the Host header', (lib, app) => route(lib, app, [{ headers: { request: { remove: ['Host'] } }, destinations: [{ version: 'v1' }] }]), 'MESH-VAL-038', 'mesh/route/http[0]/headers', '["Host"]'],
  ['a header value with a line break', (lib, app) => route(lib, app, [{ headers: { request: { set: { 'x-note': 'a\nb' } } }, destinations: [{ version: 'v1' }] }]), 'MESH-VAL-039', 'mesh/route/http[0]/headers', '["a\\nb"]'],
  ['a ServiceEntry endpoint with a port in the address', (lib, app) => new lib.ServiceEntry(shop(lib, app).mesh, 'se', { namespaceName: 'shop', hosts: ['api.example.com'], ports: [{ number: 443, name: 'https', protocol: lib.Protocol.TLS }], resolution: lib.ServiceEntryResolution.DNS, endpoints: [{ address: 'api.example.com:443' }] }), 'MESH-VAL-040', 'mesh/se/endpoints[0]/address', '"api.example.com:443"'],
  ['a WorkloadEntry port named in upper case', (lib, app) => new lib.WorkloadEntry(shop(lib, app).mesh, 'we', { namespaceName: 'shop', address: '10.0.0.5', labels: { app: 'vm' }, ports: { HTTP: 8080 } }), 'MESH-VAL-041', 'mesh/we/ports/HTTP', '"HTTP"'],
  ['a JWT claim match on a mesh route', (lib, app) => route(lib, app, [{ match: [{ headers: { '@request.auth.claims.role': lib.StringMatch.exact('admin') } }], destinations: [{ version: 'v2' }] }, { destinations: [{ version: 'v1' }] }]), 'MESH-VAL-043', 'mesh/route/http', '["@request.auth.claims.role"]'],
  ['a redirect scheme in upper case', (lib, app) => route(lib, app, [{ redirect: { scheme: 'HTTPS' } }]), 'MESH-VAL-047', 'mesh/route/http[0]/redirect/scheme', '"HTTPS"'],
  ['a claim header with a space', (lib, app) => new lib.RequestAuthentication(shop(lib, app).mesh, 'jwt', { namespaceName: 'shop', jwtRules: [{ issuer: 'https://id.example.com', jwksUri: 'https://id.example.com/jwks', outputClaimToHeaders: [{ claim: 'sub', header: 'x jwt sub' }] }] }), 'MESH-VAL-050', 'mesh/jwt/jwtRules[0]/outputClaimToHeaders[0]/header', '"x jwt sub"'],
  ['a CUSTOM policy on request principals', (lib, app) => { const p = lib.ExtensionProvider.extAuthzGrpc('authz', { service: 'authz.shop.svc.cluster.local', port: 9000 }); const { mesh, reviews } = shop(lib, app, { extensionProviders: [p] }); new lib.AuthorizationPolicy(mesh, 'policy', { workload: reviews, action: lib.AuthorizationAction.CUSTOM, provider: p, rules: [{ sources: [{ requestPrincipals: ['*'] }] }] }); }, 'MESH-VAL-053', 'mesh/policy/rules', '["sources.requestPrincipals"]'],
  ['a DENY policy without rules', (lib, app) => policy(lib, app, { action: lib.AuthorizationAction.DENY }), 'MESH-VAL-102', 'mesh/policy/rules', '[]'],
  ['a mesh route on host *', (lib, app) => route(lib, app, [{ destinations: [{ version: 'v1' }] }], { hosts: ['*'] }), 'MESH-VAL-104', 'mesh/route/hosts', '["*"]'],
  ['a Wasm sha256 in upper case', (lib, app) => new lib.WasmPlugin(shop(lib, app).mesh, 'wasm', { namespaceName: 'shop', url: 'https://example.com/f.wasm', sha256: 'AB'.repeat(32) }), 'MESH-VAL-011', 'mesh/wasm/sha256', `"${'AB'.repeat(32)}"`],
  ['a tracing tag from an unnamed header', (lib, app) => new lib.Telemetry(shop(lib, app).mesh, 'tel', { namespaceName: 'shop', tracing: { customTags: { tenant: lib.TracingTag.header('', 'none') } } }), 'MESH-VAL-028', 'TracingTag.header(name)', '""'],
  ['a regex pasted with 1100 characters', (lib) => lib.StringMatch.regex('x'.repeat(1100)), 'MESH-VAL-042', 'StringMatch.regex(pattern)', `"${'x'.repeat(199)}…`],
  ['two TCP hosts in one DNS ServiceEntry', (lib, app) => new lib.ServiceEntry(shop(lib, app).mesh, 'se', { namespaceName: 'shop', hosts: ['mq1.example.com', 'mq2.example.com'], ports: [{ number: 5672, name: 'amqp', protocol: lib.Protocol.TCP }], resolution: lib.ServiceEntryResolution.DNS }), 'MESH-VAL-044', 'mesh/se/hosts', '["mq1.example.com","mq2.example.com"]'],
  ['an endpoint port named differently from the ServiceEntry port', (lib, app) => new lib.ServiceEntry(shop(lib, app).mesh, 'se', { namespaceName: 'shop', hosts: ['api.example.com'], ports: [{ number: 443, name: 'https', protocol: lib.Protocol.TLS }], resolution: lib.ServiceEntryResolution.DNS, endpoints: [{ address: 'api1.example.com', ports: { tls: 8443 } }] }), 'MESH-VAL-045', 'mesh/se/endpoints', '["tls"]'],
  ['two ServiceEntry ports with one name', (lib, app) => new lib.ServiceEntry(shop(lib, app).mesh, 'se', { namespaceName: 'shop', hosts: ['api.example.com'], ports: [{ number: 443, name: 'https', protocol: lib.Protocol.TLS }, { number: 8443, name: 'https', protocol: lib.Protocol.TLS }], resolution: lib.ServiceEntryResolution.DNS }), 'MESH-VAL-046', 'mesh/se/ports', '["https:443","https:8443"]'],
  ['a direct response with a whole page of 2 MB', (lib, app) => route(lib, app, [{ directResponse: { status: 503, body: '<p>'.repeat(700000) } }]), 'MESH-VAL-048', 'mesh/route/http[0]/directResponse/body', `"${'<p>'.repeat(67).slice(0, 199)}…`],
  ['a CORS maxAge in milliseconds', (lib, app) => route(lib, app, [{ cors: { allowOrigins: [lib.StringMatch.exact('https://shop.example.com')], maxAge: Duration.millis(86400500) }, destinations: [{ version: 'v1' }] }]), 'MESH-VAL-049', 'mesh/route/http[0]/cors/maxAge', 'Duration of 1 day 500 millis'],
  ['an image pull secret name of 260 characters', (lib, app) => new lib.WasmPlugin(shop(lib, app).mesh, 'wasm', { namespaceName: 'shop', url: 'oci://ghcr.io/acme/filter:1.0', imagePullSecret: 's'.repeat(260) }), 'MESH-VAL-051', 'mesh/wasm/imagePullSecret', `"${'s'.repeat(199)}…`],
  ['an ext authz path prefix with a space', (lib, app) => shop(lib, app, { extensionProviders: [lib.ExtensionProvider.extAuthzHttp('authz', { service: 'authz.shop.svc.cluster.local', port: 8000, pathPrefix: '/check me' })] }), 'MESH-VAL-052', 'ExtensionProvider.extAuthzHttp(options)/pathPrefix', '"/check me"'],
  ['a TLS route for an SNI host of another domain', (lib, app) => { const { mesh, reviews } = shop(lib, app); new lib.TrafficRoute(mesh, 'route', { service: reviews, hosts: ['*.shop.example.com'], tls: [{ sniHosts: ['api.pay.example.com'], destinations: [{ version: 'v1' }] }] }); }, 'MESH-VAL-054', 'mesh/route/tls', '["api.pay.example.com"]'],
  ['inline jwks given as a URL', (lib, app) => new lib.RequestAuthentication(shop(lib, app).mesh, 'jwt', { namespaceName: 'shop', jwtRules: [{ issuer: 'https://id.example.com', jwks: 'https://id.example.com/jwks.json' }] }), 'MESH-VAL-055', 'mesh/jwt/jwtRules[0]/jwks', '"https://id.example.com/jwks.json"'],
  ['a 150 KB maintenance page as a direct response in a strict mesh', (lib, app) => { const { mesh, reviews } = shop(lib, app, { strict: true }); new lib.TrafficRoute(mesh, 'route', { service: reviews, http: [{ directResponse: { status: 503, body: 'm'.repeat(150 * 1024) } }] }); }, 'MESH-VAL-109', 'mesh/route/http[0]/directResponse/body', `"${'m'.repeat(199)}…`],
  ['TLS 1.1 on a gateway in a strict mesh', (lib, app) => { const g = new lib.IngressGateway(shop(lib, app, { strict: true }).mesh, 'ingress', {}); g.addListener('web', { namespaceName: 'shop', servers: [{ port: 443, protocol: lib.Protocol.HTTPS, hosts: ['shop.example.com'], tls: { mode: lib.GatewayTlsMode.SIMPLE, credentialName: 'shop-cert', minProtocolVersion: lib.TlsVersion.TLSV1_1 } }] }); }, 'MESH-VAL-110', 'mesh/ingress/addListener(options)/servers[0]/tls/minProtocolVersion', '["TLSV1_1"]'],
  ['a certificate on an AUTO_PASSTHROUGH server in a strict mesh', (lib, app) => { const g = new lib.IngressGateway(shop(lib, app, { strict: true }).mesh, 'ingress', {}); g.addListener('web', { namespaceName: 'shop', servers: [{ port: 15443, protocol: lib.Protocol.TLS, hosts: ['*.local'], tls: { mode: lib.GatewayTlsMode.AUTO_PASSTHROUGH, credentialName: 'cert' } }] }); }, 'MESH-VAL-111', 'mesh/ingress/addListener(options)/servers[0]/tls', '["credentialName"]'],
  ['*/* with another egress host in a strict mesh', (lib, app) => new lib.Sidecar(shop(lib, app, { strict: true }).mesh, 'sc', { namespaceName: 'shop', egressHosts: ['*/*', 'istio-system/*'] }), 'MESH-VAL-112', 'mesh/sc/egressHosts', '["*/*"]'],
  ['an authorization policy with selector {} in a strict mesh', (lib, app) => new lib.AuthorizationPolicy(shop(lib, app, { strict: true }).mesh, 'policy', { namespaceName: 'shop', selector: {}, rules: [{ operations: [{ methods: ['GET'] }] }] }), 'MESH-VAL-113', 'mesh/policy/selector', '{}'],
  ['an inline jwks pasted with its private exponent in a strict mesh', (lib, app) => new lib.RequestAuthentication(shop(lib, app, { strict: true }).mesh, 'jwt', { namespaceName: 'shop', jwtRules: [{ issuer: 'https://id.example.com', jwks: '{"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB","d":"AQAB"}]}' }] }), 'MESH-VAL-114', 'mesh/jwt/jwtRules[0]/jwks', '"{\\"keys\\":[{\\"kty\\":\\"RSA\\",\\"n\\":\\"AQAB\\",\\"e\\":\\"AQAB\\",\\"d\\":\\"AQAB\\"}]}"'],
  ['a canary exported to "." and its own namespace', (lib, app) => { const { mesh, reviews } = shop(lib, app); new lib.CanaryRelease(mesh, 'canary', { service: reviews, stableVersion: 'v1', canaryVersion: 'v2', exportTo: lib.ExportTo.namespaces('shop', '.') }); }, 'MESH-VAL-036', 'mesh/canary/exportTo', '[".","shop"]'],
  // --- ambient mode ---
  ['an ambient namespace pinned to a revision', (lib, app) => shop(lib, app).mesh.addNamespace('web', { dataplaneMode: lib.DataplaneMode.AMBIENT, revision: '1-30' }), 'MESH-AMB-001', 'mesh/namespace-web', '{"revision":"1-30"}'],
  ['a sidecar namespace labelled for ambient by hand', (lib, app) => shop(lib, app).mesh.addNamespace('web', { labels: { 'istio.io/dataplane-mode': 'ambient' } }), 'MESH-AMB-001', 'mesh/namespace-web', '{"istio.io/dataplane-mode":"ambient","istio.io/rev":"default"}'],
  ['the data plane as the string "Ambient"', (lib, app) => shop(lib, app).mesh.addNamespace('web', { dataplaneMode: 'Ambient' }), 'MESH-CORE-005', 'mesh/addNamespace(options)/dataplaneMode', '"Ambient"'],
  ['a sidecar rate limit on an ambient service', (lib, app) => { const { mesh, reviews } = ambientShop(lib, app); new lib.LocalRateLimit(mesh, 'rl', { workload: reviews, maxTokens: 10, fillInterval: Duration.seconds(1) }); }, 'MESH-AMB-002', 'mesh/rl', '["SIDECAR_INBOUND"]'],
  ['sidecar settings applied to an ambient Deployment', (lib, app) => { const { mesh } = ambientShop(lib, app); new lib.SidecarSettings(mesh, 'sidecar', { namespaceName: 'shop', logLevel: lib.ProxyLogLevel.DEBUG }).applyTo(deployment(lib, mesh, 'reviews-v1', { app: 'reviews' })); }, 'MESH-AMB-003', 'prod/reviews-v1', '["sidecar.istio.io/logLevel"]'],
  ['a path rule on an ambient service without a waypoint', (lib, app) => { const { mesh, reviews } = ambientShop(lib, app); new lib.AuthorizationPolicy(mesh, 'policy', { workload: reviews, rules: [{ operations: [{ paths: ['/admin'] }] }] }); }, 'MESH-AMB-004', 'mesh/policy', '"operations.paths"'],
  ['a waypoint enrolling a sidecar namespace', (lib, app) => new lib.Waypoint(shop(lib, app).mesh, 'waypoint', { namespaceName: 'shop', enrollNamespace: true }), 'MESH-AMB-006', 'mesh/waypoint', '"shop"'],
  ['one service attached to two waypoints', (lib, app) => { const { mesh, reviews } = ambientShop(lib, app); new lib.Waypoint(mesh, 'a', { namespaceName: 'shop', name: 'a' }).attachService(reviews); new lib.Waypoint(mesh, 'b', { namespaceName: 'shop', name: 'b' }).attachService(reviews); }, 'MESH-AMB-007', 'mesh/b', '"shop/b"'],
  ['a workload waypoint attached to a service', (lib, app) => { const { mesh, reviews } = ambientShop(lib, app); new lib.Waypoint(mesh, 'waypoint', { namespaceName: 'shop', forTraffic: lib.WaypointFor.WORKLOAD }).attachService(reviews); }, 'MESH-AMB-008', 'mesh/waypoint', '"workload"'],
  ['the traffic type as "SERVICE"', (lib, app) => new lib.Waypoint(ambientShop(lib, app).mesh, 'waypoint', { namespaceName: 'shop', forTraffic: 'SERVICE' }), 'MESH-CORE-005', 'mesh/waypoint/forTraffic', '"SERVICE"'],
  ['a waypoint policy placed in another namespace', (lib, app) => { const { mesh } = ambientShop(lib, app); const waypoint = new lib.Waypoint(mesh, 'waypoint', { namespaceName: 'shop', enrollNamespace: true }); new lib.AuthorizationPolicy(mesh, 'policy', { waypoint, namespaceName: 'istio-system', rules: [{ operations: [{ methods: ['GET'] }] }] }); }, 'MESH-AMB-009', 'mesh/policy', '"istio-system"'],
  ['a waypoint policy that also selects the workload', (lib, app) => { const { mesh, reviews } = ambientShop(lib, app); const waypoint = new lib.Waypoint(mesh, 'waypoint', { namespaceName: 'shop', enrollNamespace: true }); new lib.AuthorizationPolicy(mesh, 'policy', { waypoint, workload: reviews, rules: [{ operations: [{ methods: ['GET'] }] }] }); }, 'MESH-AMB-010', 'mesh/policy', '{"targetRef":"Gateway/shop/waypoint","selector":{"app":"reviews"}}'],
  ['an ambient primary-remote mesh', (lib, app) => new lib.Mesh(app, 'mesh', { meshId: 'shop', topology: lib.MeshTopology.PRIMARY_REMOTE, dataplaneMode: lib.DataplaneMode.AMBIENT, clusters: [{ name: 'c1' }, { name: 'c2', role: lib.ClusterRole.REMOTE }], controlPlane: { rootCa: lib.RootCa.acknowledgeUnshared(), discoveryAddresses: { c1: '10.0.0.1' } } }), 'MESH-AMB-011', 'mesh/topology', '"primary-remote"'],
  ['an ambient multi-network mesh with classic east-west gateways only', (lib, app) => { const mesh = new lib.Mesh(app, 'mesh', { meshId: 'shop', topology: lib.MeshTopology.MULTI_PRIMARY_MULTI_NETWORK, dataplaneMode: lib.DataplaneMode.AMBIENT, networks: [{ name: 'n1' }, { name: 'n2' }], clusters: [{ name: 'c1', network: 'n1' }, { name: 'c2', network: 'n2' }], controlPlane: { rootCa: lib.RootCa.acknowledgeUnshared() } }); new lib.EastWestGateway(mesh, 'eastwest'); }, 'MESH-AMB-012', 'mesh/networks/n1', '"n1"'],
  ['a service-targeted policy without any waypoint', (lib, app) => { const { mesh, reviews } = ambientShop(lib, app); new lib.AuthorizationPolicy(mesh, 'policy', { targetService: reviews, rules: [{ operations: [{ methods: ['GET'] }] }] }); }, 'MESH-AMB-014', 'mesh/policy', '"shop/reviews"'],
  ['a canary split for an ambient service without a waypoint', (lib, app) => { const { mesh, reviews } = ambientShop(lib, app); new lib.TrafficRoute(mesh, 'route', { service: reviews, http: [{ destinations: [{ version: 'v1', weight: 90 }, { version: 'v2', weight: 10 }] }] }); }, 'MESH-AMB-015', 'mesh/route', '"shop/reviews"'],
  ['a waypoint enrolling a namespace the mesh does not declare', (lib, app) => new lib.Waypoint(ambientShop(lib, app).mesh, 'waypoint', { namespaceName: 'web', enrollNamespace: true }), 'MESH-AMB-013', 'mesh/waypoint', '"web"'],
];

// --- analysis (istioctl analyze parity) on what the typed constructs write ---
function deployment(lib, mesh, name, labels, container) {
  const plus = require('cdk8s-plus-28');
  return new plus.Deployment(mesh.cluster('prod'), name, {
    metadata: { name, namespace: 'shop' },
    podMetadata: { labels },
    containers: [Object.assign({ image: 'nginx:1.27', ports: [{ number: 9080, name: 'http' }], securityContext: { user: 1000 } }, container || {})],
  });
}

function edgeListener(lib, mesh, hosts) {
  return new lib.IngressGateway(mesh, 'ingress').addListener('shop', { namespaceName: 'shop', servers: [{ port: 80, protocol: lib.Protocol.HTTP, hosts: hosts || ['shop.example.com'] }] });
}

function api(lib, mesh, ports) {
  return new lib.MeshService(mesh, 'api', { name: 'api', namespaceName: 'shop', ports: ports || [{ port: 9080, protocol: lib.Protocol.HTTP }, { port: 9090, protocol: lib.Protocol.GRPC }] });
}

module.exports.cases.push(
  ['a route to a host the mesh has no service for', (lib, app) => route(lib, app, [{ destinations: [{ host: 'ratings' }] }]), 'MESH-ANA-001', 'mesh/route', '"ratings"'],
  ['a destination port the service does not expose', (lib, app) => route(lib, app, [{ destinations: [{ version: 'v1', port: 8080 }] }]), 'MESH-ANA-002', 'mesh/route', '"reviews.shop.svc.cluster.local:8080"'],
  ['a Sidecar for a service whose selector misses its Deployment', (lib, app) => { const { mesh, reviews } = shop(lib, app); deployment(lib, mesh, 'reviews-v1', { app: 'reviews-app', version: 'v1' }); new lib.Sidecar(mesh, 'sidecar', { workload: reviews, egressNamespaces: ['shop'] }); }, 'MESH-ANA-006', 'mesh/sidecar', '"app=reviews"'],
  ['an authorization rule from a namespace the mesh does not have', (lib, app) => policy(lib, app, { rules: [{ sources: [{ namespaces: ['frontend'] }] }] }), 'MESH-ANA-007', 'mesh/policy', '"frontend"'],
  ['two Sidecars for one service', (lib, app) => { const { mesh, reviews } = shop(lib, app); new lib.Sidecar(mesh, 'egress-shop', { workload: reviews, egressNamespaces: ['shop'] }); new lib.Sidecar(mesh, 'egress-istio', { workload: reviews, egressNamespaces: ['istio-system'] }); }, 'MESH-ANA-015', 'mesh/egress-shop', '"app=reviews"'],
  ['two namespace-wide Sidecars', (lib, app) => { const { mesh } = shop(lib, app); new lib.Sidecar(mesh, 'egress-shop', { namespaceName: 'shop', egressNamespaces: ['shop'] }); new lib.Sidecar(mesh, 'egress-istio', { namespaceName: 'shop', egressNamespaces: ['istio-system'] }); }, 'MESH-ANA-016', 'mesh/egress-shop', '"shop"'],
  ['an edge route to a two-port service without a port', (lib, app) => { const { mesh } = shop(lib, app); new lib.TrafficRoute(mesh, 'edge', { service: api(lib, mesh), hosts: ['shop.example.com'], gateways: [edgeListener(lib, mesh)], http: [{ destinations: [{}] }] }); }, 'MESH-ANA-017', 'mesh/edge', '"api.shop.svc.cluster.local"'],
  ['a canary version without its Deployment', (lib, app) => { const { mesh, reviews } = shop(lib, app); deployment(lib, mesh, 'reviews-v1', { app: 'reviews', version: 'v1' }); new lib.TrafficRoute(mesh, 'route', { service: reviews, http: [{ destinations: [{ version: 'v1', weight: 90 }, { version: 'v2', weight: 10 }] }] }); }, 'MESH-ANA-021', 'mesh/route', '"reviews.shop.svc.cluster.local/v2"'],
  ['two listeners of one gateway for the same host and port', (lib, app) => { const { mesh } = shop(lib, app); const gateway = new lib.IngressGateway(mesh, 'ingress'); gateway.addListener('shop', { namespaceName: 'shop', servers: [{ port: 80, protocol: lib.Protocol.HTTP, hosts: ['shop.example.com'] }] }); gateway.addListener('shop-again', { namespaceName: 'shop', servers: [{ port: 80, protocol: lib.Protocol.HTTP, hosts: ['shop.example.com'] }] }); }, 'MESH-ANA-030', 'mesh/ingress/shop-again', '"shop.example.com:80"'],
  ['an edge route on a JWT claim without RequestAuthentication', (lib, app) => { const { mesh, reviews } = shop(lib, app); new lib.TrafficRoute(mesh, 'edge', { service: reviews, hosts: ['shop.example.com'], gateways: [edgeListener(lib, mesh)], http: [{ match: [{ headers: { '@request.auth.claims.group': lib.StringMatch.exact('beta') } }], destinations: [{ version: 'v2' }] }, { destinations: [{ version: 'v1' }] }] }); }, 'MESH-ANA-033', 'mesh/edge', '"@request.auth.claims.group"'],
  ['two Telemetries for one service', (lib, app) => { const { mesh, reviews } = shop(lib, app); new lib.Telemetry(mesh, 'sampled', { workload: reviews, tracing: { samplingPercentage: 1 } }); new lib.Telemetry(mesh, 'all', { workload: reviews, tracing: { samplingPercentage: 100 } }); }, 'MESH-ANA-039', 'mesh/all', '"app=reviews"'],
  ['two namespace-wide Telemetries', (lib, app) => { const { mesh } = shop(lib, app); new lib.Telemetry(mesh, 'sampled', { namespaceName: 'shop', tracing: { samplingPercentage: 1 } }); new lib.Telemetry(mesh, 'all', { namespaceName: 'shop', tracing: { samplingPercentage: 100 } }); }, 'MESH-ANA-040', 'mesh/sampled', '"shop"'],
  ['a gateway certificate Secret without its key', (lib, app) => { const { mesh } = shop(lib, app); const gateway = new lib.IngressGateway(mesh, 'ingress'); const secret = new ApiObject(mesh.cluster('prod'), 'shop-cert', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'shop-cert', namespace: gateway.settingsFor('prod').namespaceName }, type: 'kubernetes.io/tls', stringData: { 'tls.crt': 'CERT' } }); gateway.addListener('shop', { namespaceName: 'shop', servers: [{ port: 443, protocol: lib.Protocol.HTTPS, hosts: ['shop.example.com'], tls: { mode: lib.GatewayTlsMode.SIMPLE, credentialSecret: secret } }] }); }, 'MESH-ANA-041', 'mesh/ingress/shop', '"shop-cert"'],
  ['a DNS ServiceEntry for a short host without endpoints', (lib, app) => new lib.ServiceEntry(shop(lib, app).mesh, 'se', { namespaceName: 'shop', hosts: ['legacy'], ports: [{ number: 80, protocol: lib.Protocol.HTTP }], resolution: lib.ServiceEntryResolution.DNS }), 'MESH-ANA-049', 'mesh/se', '"legacy"'],
);

/** Analysis findings a JavaScript user meets as warnings: synthesis succeeds, the diagnostic names the construct. */
module.exports.warnings = [
  ['a waypoint attached to an existing namespace', (lib, app) => { const mesh = new lib.Mesh(app, 'mesh', { meshId: 'shop', dataplaneMode: lib.DataplaneMode.AMBIENT, clusters: [{ name: 'prod' }] }); new lib.Waypoint(mesh, 'waypoint', { namespaceName: 'apps' }).attachNamespace(lib.MeshNamespace.fromExisting(mesh, 'apps', { name: 'apps' })); }, 'MESH-AMB-016', 'mesh/waypoint', '"apps"'],
  ['a waypoint nothing uses', (lib, app) => new lib.Waypoint(ambientShop(lib, app).mesh, 'waypoint', { namespaceName: 'shop' }), 'MESH-AMB-005', 'mesh/waypoint', '"shop/waypoint"'],
  ['a misspelt gateway pod annotation', (lib, app) => new lib.IngressGateway(shop(lib, app).mesh, 'ingress', { podAnnotations: { 'sidecar.istio.io/proxyCpu': '500m' } }), 'MESH-ANA-010', 'mesh/ingress', '"sidecar.istio.io/proxyCpu"'],
  ['a pod annotation in a gateway\'s serviceAnnotations', (lib, app) => new lib.IngressGateway(shop(lib, app).mesh, 'ingress', { serviceAnnotations: { 'sidecar.istio.io/proxyCPU': '500m' } }), 'MESH-ANA-009', 'mesh/ingress', '"sidecar.istio.io/proxyCPU"'],
  ['a gateway CPU annotation of "1 core"', (lib, app) => new lib.IngressGateway(shop(lib, app).mesh, 'ingress', { podAnnotations: { 'sidecar.istio.io/proxyCPU': '1 core' } }), 'MESH-ANA-011', 'mesh/ingress', '"sidecar.istio.io/proxyCPU=1 core"'],
  ['an AuthorizationPolicy selector with a typo', (lib, app) => { const { mesh } = shop(lib, app); deployment(lib, mesh, 'web', { app: 'web' }); new lib.AuthorizationPolicy(mesh, 'policy', { namespaceName: 'shop', selector: { app: 'wbe' }, action: lib.AuthorizationAction.DENY, rules: [{ operations: [{ paths: ['/admin'] }] }] }); }, 'MESH-ANA-020', 'mesh/policy', '"app=wbe"'],
  ['mutual TLS to an API with a credentialName but no CA', (lib, app) => { const { mesh } = shop(lib, app); const external = lib.MeshService.external(mesh, 'api', { name: 'api', namespaceName: 'shop', ports: [{ port: 443, protocol: lib.Protocol.TLS }] }); new lib.TrafficRoute(mesh, 'api-tls', { service: external, policy: { tls: { mode: lib.ClientTlsMode.MUTUAL, credentialName: 'api-client' } } }); }, 'MESH-ANA-022', 'mesh/api-tls', '"api.shop.svc.cluster.local"'],
  ['a TCP ServiceEntry without addresses', (lib, app) => new lib.ServiceEntry(shop(lib, app).mesh, 'db', { namespaceName: 'shop', hosts: ['db.example.com'], ports: [{ number: 5432, protocol: lib.Protocol.TCP, name: 'tcp-pg' }], resolution: lib.ServiceEntryResolution.DNS }), 'MESH-ANA-026', 'mesh/db', '[5432]'],
  ['an edge route next to a mesh split of the service', (lib, app) => { const { mesh, reviews } = shop(lib, app); new lib.TrafficRoute(mesh, 'edge', { service: reviews, name: 'edge', hosts: ['shop.example.com'], gateways: [edgeListener(lib, mesh)], http: [{ destinations: [{}] }] }); new lib.TrafficRoute(mesh, 'split', { service: reviews, http: [{ destinations: [{ version: 'v1', weight: 90 }, { version: 'v2', weight: 10 }] }] }); }, 'MESH-ANA-028', 'mesh/edge', '"reviews.shop.svc.cluster.local"'],
  ['an adopted Deployment running as UID 1337', (lib, app) => { const { mesh } = shop(lib, app); lib.MeshService.fromDeployment(mesh, 'web', deployment(lib, mesh, 'web', { app: 'web' }, { securityContext: { user: 1337 } })); }, 'MESH-ANA-029', 'prod/web', '1337'],
  ['a gateway on a revision the mesh does not run', (lib, app) => new lib.IngressGateway(shop(lib, app).mesh, 'ingress', { revision: 'canary' }), 'MESH-ANA-031', 'mesh/ingress', '"auto"'],
  ['a rate limit with priority 0', (lib, app) => { const { mesh, reviews } = shop(lib, app); new lib.LocalRateLimit(mesh, 'rate-limit', { workload: reviews, maxTokens: 100, fillInterval: Duration.seconds(1), priority: 0 }); }, 'MESH-ANA-034', 'mesh/rate-limit', '"INSERT_BEFORE"'],
  ['access logging without providers', (lib, app) => new lib.Telemetry(shop(lib, app).mesh, 'access-log', { namespaceName: 'shop', accessLogging: {} }), 'MESH-ANA-038', 'mesh/access-log', '"accessLogging"'],
  ['an external istiod address left empty', (lib, app) => new lib.Mesh(app, 'mesh', { meshId: 'shop', topology: lib.MeshTopology.EXTERNAL_CONTROL_PLANE, rootNamespace: 'external-istiod', clusters: [{ name: 'external', role: lib.ClusterRole.EXTERNAL }, { name: 'prod', role: lib.ClusterRole.CONFIG, workloads: true }], controlPlane: { externalIstiod: { address: '' } } }), 'MESH-ANA-043', 'mesh/ControlPlane', '"https://:15017/inject/cluster/prod"'],
  ['a RequestAuthentication while istiod may fetch any JWKS URI', (lib, app) => { const { mesh, reviews } = shop(lib, app); new lib.RequestAuthentication(mesh, 'jwt', { workload: reviews, jwtRules: [{ issuer: 'https://id.example.com', jwksUri: 'https://id.example.com/jwks' }] }).requireJwt(); }, 'MESH-ANA-047', 'mesh/jwt', '1'],
  ['one host and port as HTTPS and as TLS', (lib, app) => { const { mesh } = shop(lib, app); new lib.ServiceEntry(mesh, 'api-https', { namespaceName: 'shop', hosts: ['api.example.com'], ports: [{ number: 443, protocol: lib.Protocol.HTTPS }], resolution: lib.ServiceEntryResolution.DNS }); new lib.ServiceEntry(mesh, 'api-tls', { namespaceName: 'shop', hosts: ['api.example.com'], ports: [{ number: 443, protocol: lib.Protocol.TLS }], resolution: lib.ServiceEntryResolution.DNS }); }, 'MESH-ANA-048', 'mesh/api-tls', '"api.example.com:443"'],
  ['a public API registered as MESH_INTERNAL', (lib, app) => new lib.ServiceEntry(shop(lib, app).mesh, 'stripe', { namespaceName: 'shop', hosts: ['api.stripe.com'], location: lib.ServiceEntryLocation.MESH_INTERNAL, ports: [{ number: 443, protocol: lib.Protocol.TLS }], resolution: lib.ServiceEntryResolution.DNS }), 'MESH-ANA-054', 'mesh/stripe', '["api.stripe.com"]'],
  ['a hand-written Sidecar in an ambient namespace', (lib, app) => { const { mesh } = shop(lib, app); const c = mesh.cluster('prod'); new ApiObject(c, 'apps-ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps', labels: { 'istio.io/dataplane-mode': 'ambient' } } }); new ApiObject(c, 'apps-sidecar', { apiVersion: 'networking.istio.io/v1', kind: 'Sidecar', metadata: { name: 'default', namespace: 'apps' }, spec: { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } } }); }, 'MESH-ANA-059', 'prod/apps-sidecar', '"apps"'],
  ['a hand-written Telemetry selecting a Gateway API gateway\'s pods', (lib, app) => { const { mesh } = shop(lib, app); const c = mesh.cluster('prod'); new ApiObject(c, 'edge', { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'edge', namespace: 'shop' }, spec: { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] } }); new ApiObject(c, 'edge-tracing', { apiVersion: 'telemetry.istio.io/v1', kind: 'Telemetry', metadata: { name: 'edge-tracing', namespace: 'shop' }, spec: { selector: { matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'edge' } }, tracing: [{ randomSamplingPercentage: 10 }] } }); }, 'MESH-ANA-058', 'prod/edge-tracing', '"edge"'],
  ['a load balancer for an adopted headless Service', (lib, app) => { const { mesh } = shop(lib, app); const kafka = lib.MeshService.fromService(mesh, 'kafka', new (require('cdk8s-plus-28').Service)(mesh.cluster('prod'), 'kafka', { metadata: { name: 'kafka', namespace: 'shop' }, clusterIP: 'None', ports: [{ port: 9092, name: 'tcp-kafka' }] })); new lib.TrafficRoute(mesh, 'kafka-lb', { service: kafka, policy: { loadBalancer: lib.LoadBalancer.leastRequest() } }); }, 'MESH-ANA-055', 'mesh/kafka-lb', '"kafka.shop.svc.cluster.local"'],
];
