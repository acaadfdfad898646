/**
 * Realistic mistakes through the TypeScript sources, as a user who silences the compiler (`as any`) or
 * builds props from configuration would make them. Each must fail with the rule ID, the construct and prop
 * path, the value and the fix, and must leave the previous output as it was.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Duration } from 'cdk8s';
import * as lib from '../../src';
import { expectMistake, shop } from './mistakes/harness';

const L = lib as any;
type Case = [string, (app: any) => unknown, string, string, string];

const route = (app: any, http: unknown, extra: object = {}, meshProps: Record<string, unknown> = {}) => {
  const { mesh, reviews } = shop(L, app, meshProps);
  return new L.TrafficRoute(mesh, 'route', { service: reviews, http, ...extra });
};
const withDest = (opts: object) => [{ ...opts, destinations: [{ version: 'v1' }] }];
const gateway = (app: any, props: object = {}) => new L.IngressGateway(shop(L, app).mesh, 'ingress', props);
const listener = (app: any, server: object) => gateway(app).addListener('web', { namespaceName: 'shop', servers: [{ port: 80, protocol: L.Protocol.HTTP, hosts: ['shop.example.com'], ...server }] });
const authz = (app: any, props: object) => { const { mesh, reviews } = shop(L, app); return new L.AuthorizationPolicy(mesh, 'policy', { workload: reviews, ...props }); };
const from = (app: any, source: object) => authz(app, { rules: [{ sources: [source] }] });
const to = (app: any, operation: object) => authz(app, { rules: [{ operations: [operation] }] });
const jwt = (app: any, rule: object) => new L.RequestAuthentication(shop(L, app).mesh, 'jwt', { namespaceName: 'shop', jwtRules: [{ issuer: 'https://id.example.com', ...rule }] });
const entry = (app: any, props: object) => new L.ServiceEntry(shop(L, app).mesh, 'se', {
  namespaceName: 'shop', hosts: ['api.example.com'], ports: [{ number: 443, protocol: L.Protocol.TLS }], resolution: L.ServiceEntryResolution.DNS, ...props,
});
const wasm = (app: any, props: object) => new L.WasmPlugin(shop(L, app).mesh, 'wasm', { namespaceName: 'shop', url: 'oci://ghcr.io/acme/filter:1.0', ...props });
const service = (app: any, props: object) => new L.MeshService(shop(L, app).mesh, 'svc', { name: 'details', namespaceName: 'shop', ports: [{ port: 80, protocol: L.Protocol.HTTP }], ...props });

const cases: Case[] = [
  // --- topology and mesh-wide settings ---
  ['networks as a list of names', app => new L.Mesh(app, 'mesh', { meshId: 'shop', clusters: [{ name: 'prod' }], networks: ['net1'] }), 'MESH-CORE-002', 'mesh/networks[0]', '"net1"'],
  ['a cluster zones string', app => new L.Mesh(app, 'mesh', { meshId: 'shop', clusters: [{ name: 'prod', region: 'eu', zones: 'eu-1a' }] }), 'MESH-CORE-002', 'mesh/clusters[0]/zones', '"eu-1a"'],
  ['a cluster without a name', app => new L.Mesh(app, 'mesh', { meshId: 'shop', clusters: [{ region: 'eu' }] }), 'MESH-CORE-004', 'mesh/clusters[0]/name', '(unset)'],
  ['a cluster name with upper case', app => new L.Mesh(app, 'mesh', { meshId: 'shop', clusters: [{ name: 'Prod' }] }), 'MESH-TOPO-002', 'mesh/clusters/Prod', '"Prod"'],
  ['two clusters with one name', app => new L.Mesh(app, 'mesh', { meshId: 'shop', clusters: [{ name: 'prod' }, { name: 'prod' }] }), 'MESH-TOPO-001', 'mesh/clusters/prod', '"prod"'],
  ['rootNamespace with upper case', app => shop(L, app, { rootNamespace: 'Istio-System' }), 'MESH-VAL-007', 'mesh/rootNamespace', '"Istio-System"'],
  ['trust domain with a path', app => shop(L, app, { trustDomain: 'acme.internal/prod' }), 'MESH-VAL-018', 'mesh/trustDomain', '"acme.internal/prod"'],
  ['injection scheme as "revision"', app => shop(L, app, { injection: 'revision-based' }), 'MESH-CORE-005', 'mesh/injection', '"revision-based"'],
  ['platform as the string "tcm"', app => shop(L, app, { platform: 'tcm' }), 'MESH-CORE-006', 'mesh/platform', '"tcm"'],
  ['meshConfig excludeIpRanges with a bad CIDR', app => shop(L, app, { meshConfig: { excludeIpRanges: ['10.0.0.0/40'] } }), 'MESH-OPS-006', 'mesh/meshConfig/excludeIpRanges[0]', '"10.0.0.0/40"'],
  ['meshConfig outbound policy as "REGISTRY"', app => shop(L, app, { meshConfig: { outboundTrafficPolicy: 'REGISTRY' } }), 'MESH-CORE-005', 'mesh/meshConfig/outboundTrafficPolicy', '"REGISTRY"'],
  ['meshConfig tracing sampling as "1%"', app => shop(L, app, { meshConfig: { tracingSampling: '1%' } }), 'MESH-CORE-002', 'mesh/meshConfig/tracingSampling', '"1%"'],
  ['meshConfig key misspelled', app => shop(L, app, { meshConfig: { accessLogfile: '/dev/stdout' } }), 'MESH-CORE-003', 'mesh/meshConfig/accessLogfile', '"/dev/stdout"'],
  ['mesh-wide mTLS DISABLE in strict mode', app => shop(L, app, { mtls: L.MtlsMode.DISABLE, strict: true }), 'MESH-VAL-101', 'mesh/mtls', '"DISABLE"'],
  ['namespace labels with a bad key', app => shop(L, app).mesh.addNamespace('web', { labels: { 'team name': 'x' } }), 'MESH-VAL-012', 'mesh/addNamespace(options)/labels/team name', '"team name"'],
  ['a Telemetry with a misspelled prop', app => new L.Telemetry(shop(L, app).mesh, 'tel', { namespaceName: 'shop', tracing: { randomSamplingPercentage: 10 } }), 'MESH-CORE-003', 'mesh/tel/tracing/randomSamplingPercentage', '10'],
  ['addNamespace clusters as a string', app => shop(L, app).mesh.addNamespace('web', { clusters: 'prod' }), 'MESH-CORE-002', 'mesh/addNamespace(options)/clusters', '"prod"'],
  ['resolveClusters asked with a string', app => { const { mesh } = shop(L, app); mesh.resolveClusters(mesh, mesh.clusters, 'prod'); }, 'MESH-CORE-002', 'mesh/resolveClusters(names)', '"prod"'],
  ['mesh.cluster() asked with a number', app => shop(L, app).mesh.cluster(1), 'MESH-CORE-002', 'mesh/cluster(name)', '1'],
  ['TCM on a default istioVersion still fails for a made-up revision', app => shop(L, app, { platform: L.Platform.tcm(), revision: 'stable' }), 'MESH-PLAT-005', 'mesh', '"stable"'],
  ['two meshes of one app with a cluster of the same name', app => { new L.Mesh(app, 'm1', { meshId: 'shop', clusters: [{ name: 'prod' }] }); new L.Mesh(app, 'm2', { meshId: 'shop-eu', clusters: [{ name: 'prod' }] }); }, 'MESH-TOPO-015', 'm2/clusters/prod', '"prod"'],
  ['a gRPC abort status in lower case', app => route(app, withDest({ fault: { abort: { grpcStatus: 'unavailable' } } })), 'MESH-VAL-024', 'mesh/route/http[0]/fault/abort/grpcStatus', '"unavailable"'],
  ['a gRPC abort status as a number', app => route(app, withDest({ fault: { abort: { grpcStatus: '14' } } })), 'MESH-VAL-024', 'mesh/route/http[0]/fault/abort/grpcStatus', '"14"'],
  ['an authorization path without a slash in strict mode', app => { const { mesh, reviews } = shop(L, app, { strict: true }); new L.AuthorizationPolicy(mesh, 'policy', { workload: reviews, rules: [{ operations: [{ paths: ['api/*'] }] }] }); }, 'MESH-VAL-106', 'mesh/policy/rules[0]/operations[0]/paths[0]', '"api/*"'],
  ['a Sidecar egress host with an underscore namespace', app => new L.Sidecar(shop(L, app).mesh, 'sc', { namespaceName: 'shop', egressHosts: ['istio_system/*'] }), 'MESH-OPS-016', 'mesh/sc', '"istio_system/*"'],
  // --- services ---
  ['a service name longer than 63 characters', app => service(app, { name: 'product-catalogue-recommendations-for-returning-customers-in-europe' }), 'MESH-VAL-025', 'mesh/svc/name', '"product-catalogue-recommendations-for-returning-customers-in-europe"'],
  ['a service name with an underscore', app => service(app, { name: 'product_page' }), 'MESH-VAL-025', 'mesh/svc/name', '"product_page"'],
  ['a port number as a string', app => service(app, { ports: [{ port: '80', protocol: L.Protocol.HTTP }] }), 'MESH-CORE-002', 'mesh/svc/ports[0]/port', '"80"'],
  ['a port without a number', app => service(app, { ports: [{ protocol: L.Protocol.HTTP }] }), 'MESH-CORE-004', 'mesh/svc/ports[0]/port', '(unset)'],
  ['a version without labels', app => service(app, { versions: [{ name: 'v1' }] }), 'MESH-CORE-004', 'mesh/svc/versions[0]/labels', '(unset)'],
  ['a version label value as a number', app => service(app, { versions: [{ name: 'v1', labels: { version: 1 } }] }), 'MESH-CORE-002', 'mesh/svc/versions[0]/labels/version', '1'],
  ['a selector as a string', app => service(app, { selector: 'app=details' }), 'MESH-CORE-002', 'mesh/svc/selector', '"app=details"'],
  ['a service clusters name typo in the prop', app => service(app, { cluster: ['prod'] }), 'MESH-CORE-003', 'mesh/svc/cluster', '["prod"]'],
  ['a label value longer than 63 characters', app => service(app, { labels: { team: 'x'.repeat(64) } }), 'MESH-VAL-013', 'mesh/svc/labels/team', `"${'x'.repeat(64)}"`],
  ['a label key starting with a dash', app => service(app, { labels: { '-team': 'a' } }), 'MESH-VAL-012', 'mesh/svc/labels/-team', '"-team"'],
  ['a namespace with an underscore', app => service(app, { namespaceName: 'shop_prod' }), 'MESH-VAL-007', 'mesh/svc/namespaceName', '"shop_prod"'],
  ['a port 99999 on a service', app => service(app, { ports: [{ port: 99999, protocol: L.Protocol.HTTP }] }), 'MESH-SVC-002', 'mesh/svc', '99999'],
  ['an app port on the sidecar port 15001', app => service(app, { ports: [{ port: 15001, protocol: L.Protocol.HTTP }] }), 'MESH-SVC-006', 'mesh/svc', '15001'],
  ['two versions named v1', app => service(app, { versions: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v1', labels: { version: 'v2' } }] }), 'MESH-SVC-004', 'mesh/svc', '"v1"'],
  // --- traffic ---
  ['timeout of zero', app => route(app, withDest({ timeout: Duration.millis(0) })), 'MESH-VAL-016', 'mesh/route/http[0]/timeout', 'Duration of 0 millis'],
  ['perTryTimeout as "2s"', app => route(app, withDest({ retries: { attempts: 2, perTryTimeout: '2s' } })), 'MESH-CORE-006', 'mesh/route/http[0]/retries/perTryTimeout', '"2s"'],
  ['retry attempts 2.5', app => route(app, withDest({ retries: { attempts: 2.5 } })), 'MESH-VAL-002', 'mesh/route/http[0]/retries/attempts', '2.5'],
  ['retries without attempts', app => route(app, withDest({ retries: { retryOn: [L.RetryOn.FIVE_XX] } })), 'MESH-CORE-004', 'mesh/route/http[0]/retries/attempts', '(unset)'],
  ['retryOn tokens as strings', app => route(app, withDest({ retries: { attempts: 3, retryOn: ['5xx'] } })), 'MESH-CORE-006', 'mesh/route/http[0]/retries/retryOn[0]', '"5xx"'],
  ['retries on POST in strict mode', app => route(app, [{ match: [{ method: L.StringMatch.exact('POST') }], retries: { attempts: 3 }, destinations: [{ version: 'v1' }] }], {}, { strict: true }), 'MESH-VAL-105', 'mesh/route/http[0]/retries', '["POST"]'],
  ['an abort httpStatus of 0', app => route(app, withDest({ fault: { abort: { httpStatus: 0, percentage: 5 } } })), 'MESH-VAL-001', 'mesh/route/http[0]/fault/abort/httpStatus', '0'],
  ['an abort percentage of 150', app => route(app, withDest({ fault: { abort: { httpStatus: 503, percentage: 150 } } })), 'MESH-VAL-022', 'mesh/route/http[0]/fault/abort/percentage', '150'],
  ['a fault delay as "5s"', app => route(app, withDest({ fault: { delay: { fixedDelay: '5s' } } })), 'MESH-CORE-006', 'mesh/route/http[0]/fault/delay/fixedDelay', '"5s"'],
  ['a delay percentage of -1', app => route(app, withDest({ fault: { delay: { fixedDelay: Duration.seconds(1), percentage: -1 } } })), 'MESH-VAL-022', 'mesh/route/http[0]/fault/delay/percentage', '-1'],
  ['a direct response status 700', app => route(app, [{ directResponse: { status: 700 } }]), 'MESH-VAL-001', 'mesh/route/http[0]/directResponse/status', '700'],
  ['a direct response without status', app => route(app, [{ directResponse: { body: 'down' } }]), 'MESH-CORE-004', 'mesh/route/http[0]/directResponse/status', '(unset)'],
  ['a match port 70000', app => route(app, [{ match: [{ port: 70000 }], destinations: [{ version: 'v1' }] }]), 'MESH-VAL-014', 'mesh/route/http[0]/match[0]/port', '70000'],
  ['a match sourceNamespace with a slash', app => route(app, [{ match: [{ sourceNamespace: 'shop/web' }], destinations: [{ version: 'v1' }] }]), 'MESH-VAL-007', 'mesh/route/http[0]/match[0]/sourceNamespace', '"shop/web"'],
  ['a match header as a plain string', app => route(app, [{ match: [{ headers: { 'x-canary': 'true' } }], destinations: [{ version: 'v1' }] }]), 'MESH-CORE-006', 'mesh/route/http[0]/match[0]/headers/x-canary', '"true"'],
  ['match as one object', app => route(app, [{ match: { uri: L.StringMatch.prefix('/api') }, destinations: [{ version: 'v1' }] }]), 'MESH-CORE-002', 'mesh/route/http[0]/match', 'skip'],
  ['a prefix without a leading slash in strict mode', app => route(app, [{ match: [{ uri: L.StringMatch.prefix('api') }], destinations: [{ version: 'v1' }] }], {}, { strict: true }), 'MESH-VAL-103', 'mesh/route/http[0]/match[0]/uri', '{"kind":"prefix","value":"api"}'],
  ['a destination port 0', app => route(app, [{ destinations: [{ version: 'v1', port: 0 }] }]), 'MESH-VAL-014', 'mesh/route/http[0]/destinations[0]/port', '0'],
  ['a destination version as a number', app => route(app, [{ destinations: [{ version: 1 }] }]), 'MESH-CORE-002', 'mesh/route/http[0]/destinations[0]/version', '1'],
  ['a redirect code as a string', app => route(app, [{ redirect: { uri: '/new', redirectCode: '301' } }]), 'MESH-CORE-002', 'mesh/route/http[0]/redirect/redirectCode', '"301"'],
  ['a redirect code 200', app => route(app, [{ redirect: { uri: '/new', redirectCode: 200 } }]), 'MESH-ROUTE-026', 'mesh/route/http[0]/redirect', '200'],
  ['a header removal with a space', app => route(app, withDest({ headers: { response: { remove: ['x powered by'] } } })), 'MESH-VAL-015', 'mesh/route/http[0]/headers/response/remove[0]', '"x powered by"'],
  ['a header add with an empty name', app => route(app, withDest({ headers: { request: { add: { '': 'x' } } } })), 'MESH-VAL-015', 'mesh/route/http[0]/headers/request/add/', '""'],
  ['a CORS origin as a string', app => route(app, withDest({ cors: { allowOrigins: ['https://shop.example.com'] } })), 'MESH-CORE-006', 'mesh/route/http[0]/cors/allowOrigins[0]', '"https://shop.example.com"'],
  ['a CORS expose header with a colon', app => route(app, withDest({ cors: { allowOrigins: [L.StringMatch.exact('https://a.example.com')], exposeHeaders: ['x-id:'] } })), 'MESH-VAL-015', 'mesh/route/http[0]/cors/exposeHeaders[0]', '"x-id:"'],
  ['an ejection time of 0', app => route(app, withDest({ cors: { allowOrigins: [L.StringMatch.exact('https://a.example.com')] } }), { policy: { outlierDetection: { baseEjectionTime: Duration.millis(0) } } }), 'MESH-VAL-016', 'mesh/route/policy/outlierDetection/baseEjectionTime', 'Duration of 0 millis'],
  ['a weight of 110', app => route(app, [{ destinations: [{ version: 'v1', weight: 110 }] }]), 'MESH-ROUTE-002', 'mesh/route/http[0]/destinations', '110'],
  ['weights that do not sum to 100', app => route(app, [{ destinations: [{ version: 'v1', weight: 90 }, { version: 'v2', weight: 20 }] }]), 'MESH-ROUTE-003', 'mesh/route/http[0]/destinations', '[90,20]'],
  ['a route to version v3', app => route(app, [{ destinations: [{ version: 'v3' }] }]), 'MESH-ROUTE-001', 'mesh/route/http[0]/destinations', '"v3"'],
  ['a host with a wildcard in the middle', app => route(app, withDest({}), { hosts: ['shop.*.example.com'] }), 'MESH-ROUTE-028', 'mesh/route/hosts', '"shop.*.example.com"'],
  ['a mesh-bound route on host * in strict mode', app => route(app, withDest({}), { hosts: ['*'] }, { strict: true }), 'MESH-VAL-104', 'mesh/route/hosts', '["*"]'],
  ['exportTo as a string', app => route(app, withDest({}), { exportTo: '.' }), 'MESH-CORE-006', 'mesh/route/exportTo', '"."'],
  ['policy tls mode as "ISTIO_MUTUAL" string on a misspelled key', app => route(app, withDest({}), { policy: { tls: { mod: 'ISTIO_MUTUAL' } } }), 'MESH-CORE-003', 'mesh/route/policy/tls/mod', '"ISTIO_MUTUAL"'],
  ['connection pool maxConnections as a string', app => route(app, withDest({}), { policy: { connectionPool: { tcp: { maxConnections: '100' } } } }), 'MESH-CORE-002', 'mesh/route/policy/connectionPool/tcp/maxConnections', '"100"'],
  ['outlier consecutive errors as a string', app => route(app, withDest({}), { policy: { outlierDetection: { consecutive5xxErrors: 'five' } } }), 'MESH-CORE-002', 'mesh/route/policy/outlierDetection/consecutive5xxErrors', '"five"'],
  ['StringMatch.regex with a lookahead', app => route(app, [{ match: [{ uri: L.StringMatch.regex('^/(?!admin).*') }], destinations: [{ version: 'v1' }] }]), 'MESH-ROUTE-008', 'mesh/route/http[0]/match[0]', '"^/(?!admin).*"'],
  ['StringMatch.exact without an argument', () => L.StringMatch.exact(), 'MESH-CORE-004', 'StringMatch.exact(value)', '(unset)'],
  ['StringMatch.cookie with a number value', () => L.StringMatch.cookie('vip', true), 'MESH-CORE-002', 'StringMatch.cookie(value)', 'true'],
  // --- gateways ---
  ['replicaCount 1.5', app => gateway(app, { replicaCount: 1.5 }), 'MESH-VAL-003', 'mesh/ingress/replicaCount', '1.5'],
  ['minReplicas above maxReplicas', app => gateway(app, { minReplicas: 5, maxReplicas: 2 }), 'MESH-GW-008', 'mesh/ingress', '{"minReplicas":5,"maxReplicas":2}'],
  ['a nodePort outside the range', app => gateway(app, { serviceType: L.GatewayServiceType.NODE_PORT, ports: [{ port: 80, name: 'http2', nodePort: 80 }] }), 'MESH-GW-005', 'mesh/ingress', '80'],
  ['a gateway port 0', app => gateway(app, { ports: [{ port: 0, name: 'http2' }] }), 'MESH-VAL-014', 'mesh/ingress/ports[0]/port', '0'],
  ['pod labels with a bad value', app => gateway(app, { podLabels: { tier: 'edge gateway' } }), 'MESH-VAL-013', 'mesh/ingress/podLabels/tier', '"edge gateway"'],
  ['a memory request as a number', app => gateway(app, { resources: { requests: { memory: 512 } } }), 'MESH-CORE-002', 'mesh/ingress/resources/requests/memory', '512'],
  ['a cpu limit "2 cores"', app => gateway(app, { resources: { limits: { cpu: '2 cores' } } }), 'MESH-VAL-019', 'mesh/ingress/resources/limits/cpu', '"2 cores"'],
  ['hostNetwork as "yes"', app => gateway(app, { hostNetwork: 'yes' }), 'MESH-CORE-002', 'mesh/ingress/hostNetwork', '"yes"'],
  ['an unknown gateway option', app => gateway(app, { replicas: 3 }), 'MESH-CORE-003', 'mesh/ingress/replicas', '3'],
  ['a server without protocol', app => listener(app, { protocol: undefined }), 'MESH-CORE-004', 'mesh/ingress/addListener(options)/servers[0]/protocol', '(unset)'],
  ['a server TLS mode as "simple"', app => listener(app, { port: 443, protocol: L.Protocol.HTTPS, tls: { mode: 'simple', credentialName: 'cert' } }), 'MESH-CORE-005', 'mesh/ingress/addListener(options)/servers[0]/tls/mode', '"simple"'],
  ['a gateway host with a scheme', app => listener(app, { hosts: ['https://shop.example.com'] }), 'MESH-GW-012', 'mesh/ingress/web', '"https://shop.example.com"'],
  ['an HTTPS server without a TLS mode', app => listener(app, { port: 443, protocol: L.Protocol.HTTPS }), 'MESH-GW-018', 'mesh/ingress/web', '443'],
  ['a server port 0', app => listener(app, { port: 0 }), 'MESH-VAL-014', 'mesh/ingress/addListener(options)/servers[0]/port', '0'],
  // --- security ---
  ['a notIpBlocks entry that is a hostname', app => from(app, { notIpBlocks: ['office.example.com'] }), 'MESH-VAL-004', 'mesh/policy/rules[0]/sources[0]/notIpBlocks[0]', '"office.example.com"'],
  ['an IPv6 CIDR /129', app => from(app, { remoteIpBlocks: ['2001:db8::/129'] }), 'MESH-VAL-004', 'mesh/policy/rules[0]/sources[0]/remoteIpBlocks[0]', '"2001:db8::/129"'],
  ['a principal missing /sa/', app => from(app, { principals: ['cluster.local/ns/shop'] }), 'MESH-VAL-006', 'mesh/policy/rules[0]/sources[0]/principals[0]', '"cluster.local/ns/shop"'],
  ['a notPrincipal with spiffe://', app => from(app, { notPrincipals: ['spiffe://cluster.local/ns/x/sa/y'] }), 'MESH-VAL-006', 'mesh/policy/rules[0]/sources[0]/notPrincipals[0]', '"spiffe://cluster.local/ns/x/sa/y"'],
  ['a source namespace with upper case', app => from(app, { namespaces: ['Frontend'] }), 'MESH-VAL-007', 'mesh/policy/rules[0]/sources[0]/namespaces[0]', '"Frontend"'],
  ['principals as one string', app => from(app, { principals: 'cluster.local/ns/shop/sa/web' }), 'MESH-CORE-002', 'mesh/policy/rules[0]/sources[0]/principals', '"cluster.local/ns/shop/sa/web"'],
  ['a notMethods entry in lower case', app => to(app, { notMethods: ['delete'] }), 'MESH-VAL-005', 'mesh/policy/rules[0]/operations[0]/notMethods[0]', '"delete"'],
  ['a method that is not HTTP', app => to(app, { methods: ['FETCH'] }), 'MESH-VAL-005', 'mesh/policy/rules[0]/operations[0]/methods[0]', '"FETCH"'],
  ['operation ports as strings', app => to(app, { ports: ['8080'] }), 'MESH-CORE-002', 'mesh/policy/rules[0]/operations[0]/ports[0]', '"8080"'],
  ['rules as one object', app => authz(app, { rules: { to: [{ methods: ['GET'] }] } }), 'MESH-CORE-002', 'mesh/policy/rules', 'skip'],
  ['a DENY policy with no rules in strict mode', app => { const { mesh, reviews } = shop(L, app, { strict: true }); new L.AuthorizationPolicy(mesh, 'policy', { workload: reviews, action: L.AuthorizationAction.DENY }); }, 'MESH-VAL-102', 'mesh/policy/rules', '[]'],
  ['a condition key as a string', app => authz(app, { rules: [{ when: [{ key: 'request.headers[x-id]', values: ['1'] }] }] }), 'MESH-CORE-006', 'mesh/policy/rules[0]/when[0]/key', '"request.headers[x-id]"'],
  ['a CUSTOM policy without a provider', app => authz(app, { action: L.AuthorizationAction.CUSTOM, rules: [{ operations: [{ paths: ['/admin*'] }] }] }), 'MESH-SEC-009', 'mesh/policy', '(unset)'],
  ['a PeerAuth port-level mTLS port as string', app => { const { mesh, reviews } = shop(L, app); new L.PeerAuth(mesh, 'pa', { workload: reviews, portLevelMtls: [{ port: '9080', mode: L.MtlsMode.PERMISSIVE }] }); }, 'MESH-CORE-002', 'mesh/pa/portLevelMtls[0]/port', '"9080"'],
  ['a PeerAuth scope as "namespace"', app => new L.PeerAuth(shop(L, app).mesh, 'pa', { namespaceName: 'shop', scope: 'ns' }), 'MESH-CORE-005', 'mesh/pa/scope', '"ns"'],
  ['a jwksUri without scheme', app => jwt(app, { jwksUri: 'id.example.com/jwks.json' }), 'MESH-VAL-008', 'mesh/jwt/jwtRules[0]/jwksUri', '"id.example.com/jwks.json"'],
  ['an empty issuer', app => jwt(app, { issuer: ' ' }), 'MESH-VAL-009', 'mesh/jwt/jwtRules[0]/issuer', '" "'],
  ['a JWT rule without an issuer', app => new L.RequestAuthentication(shop(L, app).mesh, 'jwt', { namespaceName: 'shop', jwtRules: [{ jwksUri: 'https://id.example.com/jwks' }] }), 'MESH-CORE-004', 'mesh/jwt/jwtRules[0]/issuer', '(unset)'],
  ['audiences as one string', app => jwt(app, { jwksUri: 'https://id.example.com/jwks', audiences: 'shop' }), 'MESH-CORE-002', 'mesh/jwt/jwtRules[0]/audiences', '"shop"'],
  ['forwardOriginalToken as "true"', app => jwt(app, { jwksUri: 'https://id.example.com/jwks', forwardOriginalToken: 'true' }), 'MESH-CORE-002', 'mesh/jwt/jwtRules[0]/forwardOriginalToken', '"true"'],
  // --- operations ---
  ['a Wasm URL without scheme or registry', app => wasm(app, { url: 'filter.wasm' }), 'MESH-VAL-010', 'mesh/wasm/url', '"filter.wasm"'],
  ['a Wasm sha256 that is too short', app => wasm(app, { sha256: 'abc123' }), 'MESH-VAL-011', 'mesh/wasm/sha256', '"abc123"'],
  ['a Wasm phase as "auth"', app => wasm(app, { phase: 'auth' }), 'MESH-CORE-005', 'mesh/wasm/phase', '"auth"'],
  ['a Wasm priority as a string', app => wasm(app, { priority: 'high' }), 'MESH-CORE-002', 'mesh/wasm/priority', '"high"'],
  ['a ServiceEntry host with a scheme', app => entry(app, { hosts: ['https://api.example.com'] }), 'MESH-VAL-021', 'mesh/se/hosts[0]', '"https://api.example.com"'],
  ['a ServiceEntry port 0', app => entry(app, { ports: [{ number: 0, protocol: L.Protocol.TLS }] }), 'MESH-VAL-014', 'mesh/se/ports[0]/number', '0'],
  ['a ServiceEntry address that is not an IP', app => entry(app, { addresses: ['api.example.com'] }), 'MESH-VAL-004', 'mesh/se/addresses[0]', '"api.example.com"'],
  ['a NONE ServiceEntry with endpoints', app => entry(app, { resolution: L.ServiceEntryResolution.NONE, endpoints: [{ address: '10.0.0.1' }] }), 'MESH-VAL-020', 'mesh/se/endpoints', '{"resolution":"NONE","endpoints":["10.0.0.1"]}'],
  ['a DNS ServiceEntry on a wildcard without endpoints', app => entry(app, { hosts: ['*.example.com'] }), 'MESH-VAL-020', 'mesh/se/endpoints', '{"resolution":"DNS","endpoints":[]}'],
  ['a ServiceEntry namespace with upper case', app => entry(app, { namespaceName: 'Egress' }), 'MESH-VAL-007', 'mesh/se/namespaceName', '"Egress"'],
  ['a ServiceEntry without ports', app => new L.ServiceEntry(shop(L, app).mesh, 'se', { namespaceName: 'shop', hosts: ['api.example.com'], resolution: L.ServiceEntryResolution.DNS }), 'MESH-CORE-004', 'mesh/se/ports', '(unset)'],
  ['a WorkloadEntry namespace with a dot', app => new L.WorkloadEntry(shop(L, app).mesh, 'vm', { namespaceName: 'shop.vms', address: '10.0.0.9', labels: { app: 'legacy' } }), 'MESH-VAL-007', 'mesh/vm/namespaceName', '"shop.vms"'],
  ['a WorkloadEntry label key with a space', app => new L.WorkloadEntry(shop(L, app).mesh, 'vm', { namespaceName: 'shop', address: '10.0.0.9', labels: { 'app name': 'legacy' } }), 'MESH-VAL-012', 'mesh/vm/labels/app name', '"app name"'],
  ['a WorkloadEntry without address', app => new L.WorkloadEntry(shop(L, app).mesh, 'vm', { namespaceName: 'shop', labels: { app: 'legacy' } }), 'MESH-CORE-004', 'mesh/vm/address', '(unset)'],
  ['a Sidecar egress hosts string', app => new L.Sidecar(shop(L, app).mesh, 'sc', { namespaceName: 'shop', egressHosts: './*' }), 'MESH-CORE-002', 'mesh/sc/egressHosts', '"./*"'],
  ['a Sidecar egress host without a namespace', app => new L.Sidecar(shop(L, app).mesh, 'sc', { namespaceName: 'shop', egressHosts: ['api.example.com'] }), 'MESH-OPS-016', 'mesh/sc', '"api.example.com"'],
  ['a Telemetry tracing sampling as a string', app => new L.Telemetry(shop(L, app).mesh, 'tel', { namespaceName: 'shop', tracing: { samplingPercentage: '10' } }), 'MESH-CORE-002', 'mesh/tel/tracing/samplingPercentage', '"10"'],
  ['an ApplicationSet repo URL over git://', app => new L.ArgoCdApplicationSet(shop(L, app).mesh, 'appset', { repoUrl: 'git://example.com/mesh.git', path: 'dist' }), 'MESH-VAL-017', 'mesh/appset/repoUrl', '"git://example.com/mesh.git"'],
  ['an ApplicationSet without path', app => new L.ArgoCdApplicationSet(shop(L, app).mesh, 'appset', { repoUrl: 'https://example.com/mesh.git' }), 'MESH-CORE-004', 'mesh/appset/path', '(unset)'],
  // --- patterns ---
  ['canary step as a string', app => { const { mesh, reviews } = shop(L, app); new L.CanaryRelease(mesh, 'canary', { service: reviews, stableVersion: 'v1', canaryVersion: 'v2', step: '1' }); }, 'MESH-CORE-002', 'mesh/canary/step', '"1"'],
  ['canary stable and canary the same', app => { const { mesh, reviews } = shop(L, app); new L.CanaryRelease(mesh, 'canary', { service: reviews, stableVersion: 'v1', canaryVersion: 'v1' }); }, 'MESH-PAT-003', 'mesh/canary', '"v1"'],
  ['canary steps not increasing', app => { const { mesh, reviews } = shop(L, app); new L.CanaryRelease(mesh, 'canary', { service: reviews, stableVersion: 'v1', canaryVersion: 'v2', steps: [50, 10] }); }, 'MESH-PAT-001', 'mesh/canary/steps', '[50,10]'],
  ['locality failover services as one service', app => { const { mesh, reviews } = shop(L, app); new L.LocalityAwareFailover(mesh, 'failover', { services: reviews }); }, 'MESH-CORE-002', 'mesh/failover/services', 'skip'],
  // --- values Istio's own validation rejects (docs/RULES.md, Istio validation parity) ---
  ['a source IP with a zone in a CIDR', app => from(app, { ipBlocks: ['fe80::1%eth0/64'] }), 'MESH-VAL-004', 'mesh/policy/rules[0]/sources[0]/ipBlocks[0]', '"fe80::1%eth0/64"'],
  ['a prefix length with a leading zero', app => from(app, { notIpBlocks: ['10.0.0.0/08'] }), 'MESH-VAL-004', 'mesh/policy/rules[0]/sources[0]/notIpBlocks[0]', '"10.0.0.0/08"'],
  ['a ServiceEntry address in hexadecimal', app => entry(app, { addresses: ['0x0a.0.0.1'] }), 'MESH-VAL-004', 'mesh/se/addresses[0]', '"0x0a.0.0.1"'],
  ['a blocked JWKS range with a prefix out of range', app => shop(L, app, { meshConfig: { jwksBlockedCidrs: ['10.0.0.0/40'] } }), 'MESH-VAL-026', 'mesh/meshConfig/jwksBlockedCidrs[0]', '"10.0.0.0/40"'],
  ['a remote IP block with host bits in a strict mesh', app => { const { mesh, reviews } = shop(L, app, { strict: true }); new L.AuthorizationPolicy(mesh, 'policy', { workload: reviews, rules: [{ sources: [{ remoteIpBlocks: ['203.0.113.7/16'] }] }] }); }, 'MESH-VAL-107', 'mesh/policy/rules[0]/sources[0]/remoteIpBlocks[0]', '"203.0.113.7/16"'],
  ['a ServiceEntry address written IPv4-mapped in a strict mesh', app => new L.ServiceEntry(shop(L, app, { strict: true }).mesh, 'se', { namespaceName: 'shop', hosts: ['db.example.com'], addresses: ['::ffff:10.1.2.3'], ports: [{ number: 5432, protocol: L.Protocol.TCP }], resolution: L.ServiceEntryResolution.DNS }), 'MESH-VAL-108', 'mesh/se/addresses[0]', '"::ffff:10.1.2.3"'],
  ['an include range mixing * with CIDRs', app => new L.SidecarSettings(shop(L, app).mesh, 'sidecar', { includeOutboundIpRanges: ['*', '10.0.0.0/8'] }), 'MESH-OPS-006', 'mesh/sidecar/includeOutboundIpRanges', '["*","10.0.0.0/8"]'],
  ['a path template mixing a glob and {*}', app => to(app, { paths: ['/api/*/{*}'] }), 'MESH-VAL-027', 'mesh/policy/rules[0]/operations[0]/paths[0]', '"/api/*/{*}"'],
  ['a path template with {*} after {**}', app => to(app, { paths: ['/static/{**}/{*}'] }), 'MESH-VAL-027', 'mesh/policy/rules[0]/operations[0]/paths[0]', '"/static/{**}/{*}"'],
  ['a path template with an empty segment', app => to(app, { paths: ['/api//{*}'] }), 'MESH-VAL-027', 'mesh/policy/rules[0]/operations[0]/paths[0]', '"/api//{*}"'],
  ['an empty notPath', app => to(app, { notPaths: [''] }), 'MESH-VAL-028', 'mesh/policy/rules[0]/operations[0]/notPaths[0]', '""'],
  ['RetryOn.of with a space after the comma', app => route(app, [{ retries: { attempts: 2, retryOn: [L.RetryOn.of('reset, 503')] }, destinations: [{ version: 'v1' }] }]), 'MESH-ROUTE-015', 'RetryOn.of(token)', '"reset, 503"'],
  ['a negative connection limit', app => route(app, withDest({}), { policy: { connectionPool: { http: { http2MaxRequests: -1 } } } }), 'MESH-VAL-029', 'mesh/route/policy/connectionPool/http/http2MaxRequests', '-1'],
  ['a proxy concurrency of -1', app => new L.ProxyConfig(shop(L, app).mesh, 'pc', { namespaceName: 'shop', concurrency: -1 }), 'MESH-VAL-029', 'mesh/pc/concurrency', '-1'],
  ['a gateway server without hosts', app => listener(app, { hosts: [] }), 'MESH-VAL-030', 'mesh/ingress/addListener(options)/servers[0]/hosts', '[]'],
  ['a TCP route without destinations', app => { const { mesh, reviews } = shop(L, app); new L.TrafficRoute(mesh, 'route', { service: reviews, tcp: [{ destinations: [] }] }); }, 'MESH-VAL-030', 'mesh/route/tcp[0]/destinations', '[]'],
  ['a redirect with a fault', app => route(app, [{ redirect: { uri: '/new' }, fault: { abort: { httpStatus: 503, percentage: 10 } } }]), 'MESH-VAL-031', 'mesh/route/http[0]', '["redirect","fault"]'],
  ['retries disabled but perTryTimeout set', app => route(app, withDest({ retries: { attempts: 0, perTryTimeout: Duration.seconds(1) } })), 'MESH-VAL-031', 'mesh/route/http[0]/retries', '["attempts: 0","perTryTimeout"]'],
  ['an empty fault', app => route(app, withDest({ fault: {} })), 'MESH-VAL-032', 'mesh/route/http[0]/fault', '["abort","delay"]'],
  ['an empty authorization source', app => from(app, {}), 'MESH-VAL-032', 'mesh/policy/rules[0]/sources[0]', '["principals","namespaces","ipBlocks","…"]'],
  ['a Maglev table size that is not prime', app => route(app, withDest({}), { policy: { loadBalancer: L.LoadBalancer.consistentHash(L.HashKey.header('x-user'), L.HashAlgorithm.maglev(65536)) } }), 'MESH-VAL-033', 'HashAlgorithm.maglev(tableSize)', '65536'],
  ['a locality failover to a zone', app => route(app, withDest({}), { policy: { outlierDetection: { consecutive5xxErrors: 5 }, locality: { failover: [{ fromRegion: 'us-east1', toRegion: 'us-west1/zone-a' }] } } }), 'MESH-VAL-034', 'mesh/route/policy/locality/failover[0]/to', '"us-west1/zone-a"'],
  ['a version named V1', app => service(app, { versions: [{ name: 'V1', labels: { version: 'v1' } }] }), 'MESH-VAL-035', 'mesh/svc/versions[0]/name', '"V1"'],
  ['exportTo everywhere and one namespace', app => route(app, withDest({}), { exportTo: L.ExportTo.namespaces('*', 'istio-system') }), 'MESH-VAL-036', 'ExportTo.namespaces(names)', '["*","istio-system"]'],
  ['route hosts covered by a wildcard', app => route(app, withDest({}), { hosts: ['*.example.com', 'shop.example.com'] }), 'MESH-VAL-037', 'mesh/route/hosts', '["*.example.com","shop.example.com"]'],
  ['a response header Host set', app => route(app, withDest({ headers: { response: { set: { host: 'x' } } } })), 'MESH-VAL-038', 'mesh/route/http[0]/headers', '["host"]'],
  ['a header value with an unescaped percent', app => route(app, withDest({ headers: { request: { set: { 'x-discount': '10%' } } } })), 'MESH-VAL-039', 'mesh/route/http[0]/headers', '["10%"]'],
  ['a WorkloadEntry address with a scheme', app => new L.WorkloadEntry(shop(L, app).mesh, 'we', { namespaceName: 'shop', address: 'http://10.0.0.1', labels: { app: 'vm' } }), 'MESH-VAL-040', 'mesh/we/address', '"http://10.0.0.1"'],
  ['a ServiceEntry port name with an underscore', app => entry(app, { ports: [{ number: 443, name: 'tls_port', protocol: L.Protocol.TLS }] }), 'MESH-VAL-041', 'mesh/se/ports[0]/name', '"tls_port"'],
  ['a regex longer than 1024 characters', () => L.StringMatch.regex(`^/(${'a|'.repeat(520)}b)$`), 'MESH-VAL-042', 'StringMatch.regex(pattern)', `"^/(${'a|'.repeat(520)}b)$"`.slice(0, 200) + '…'],
  ['JWT claim routing on a mesh-bound route', app => route(app, [{ match: [{ headers: { '@request.auth.claims.group': L.StringMatch.exact('admin') } }], destinations: [{ version: 'v2' }] }, { destinations: [{ version: 'v1' }] }]), 'MESH-VAL-043', 'mesh/route/http', '["@request.auth.claims.group"]'],
  ['a ServiceEntry for two TCP hosts', app => entry(app, { hosts: ['db1.example.com', 'db2.example.com'], addresses: ['10.0.0.10'], ports: [{ number: 5432, name: 'pg', protocol: L.Protocol.TCP }] }), 'MESH-VAL-044', 'mesh/se/hosts', '["db1.example.com","db2.example.com"]'],
  ['a ServiceEntry endpoint port not declared', app => entry(app, { endpoints: [{ address: 'api1.example.com', ports: { http: 8080 } }] }), 'MESH-VAL-045', 'mesh/se/endpoints', '["http"]'],
  ['a ServiceEntry port number twice', app => entry(app, { ports: [{ number: 443, name: 'a', protocol: L.Protocol.TLS }, { number: 443, name: 'b', protocol: L.Protocol.TLS }] }), 'MESH-VAL-046', 'mesh/se/ports', '["a:443","b:443"]'],
  ['a redirect scheme with ://', app => route(app, [{ redirect: { scheme: 'https://' } }]), 'MESH-VAL-047', 'mesh/route/http[0]/redirect/scheme', '"https://"'],
  ['a 2 MB direct response', app => route(app, [{ directResponse: { status: 200, body: 'x'.repeat(2 * 1024 * 1024) } }]), 'MESH-VAL-048', 'mesh/route/http[0]/directResponse/body', `"${'x'.repeat(199)}…`],
  ['a CORS maxAge of 1.5 s', app => route(app, withDest({ cors: { allowOrigins: [L.StringMatch.exact('https://shop.example.com')], maxAge: Duration.millis(1500) } })), 'MESH-VAL-049', 'mesh/route/http[0]/cors/maxAge', 'Duration of 1 second 500 millis'],
  ['a JWT claim header with a dot', app => jwt(app, { jwksUri: 'https://id.example.com/jwks', outputClaimToHeaders: [{ claim: 'sub', header: 'x.jwt.sub' }] }), 'MESH-VAL-050', 'mesh/jwt/jwtRules[0]/outputClaimToHeaders[0]/header', '"x.jwt.sub"'],
  ['a Wasm plugin name of 300 characters', app => wasm(app, { pluginName: 'p'.repeat(300) }), 'MESH-VAL-051', 'mesh/wasm/pluginName', `"${'p'.repeat(199)}…`],
  ['an ext authz pathPrefix without a slash', app => shop(L, app, { extensionProviders: [L.ExtensionProvider.extAuthzHttp('authz', { service: 'authz.shop.svc.cluster.local', port: 8000, pathPrefix: 'check' })] }), 'MESH-VAL-052', 'ExtensionProvider.extAuthzHttp(options)/pathPrefix', '"check"'],
  ['a CUSTOM policy on principals', app => { const p = L.ExtensionProvider.extAuthzHttp('authz', { service: 'authz.shop.svc.cluster.local', port: 8000 }); const { mesh, reviews } = shop(L, app, { extensionProviders: [p] }); new L.AuthorizationPolicy(mesh, 'policy', { workload: reviews, action: L.AuthorizationAction.CUSTOM, provider: p, rules: [{ sources: [{ principals: ['cluster.local/ns/shop/sa/web'] }] }] }); }, 'MESH-VAL-053', 'mesh/policy/rules', '["sources.principals"]'],
  ['an SNI host outside the route hosts', app => { const { mesh, reviews } = shop(L, app); new L.TrafficRoute(mesh, 'route', { service: reviews, hosts: ['shop.example.com'], tls: [{ sniHosts: ['pay.example.com'], destinations: [{ version: 'v1' }] }] }); }, 'MESH-VAL-054', 'mesh/route/tls', '["pay.example.com"]'],
  ['an inline jwks that is a PEM key', app => jwt(app, { jwks: '-----BEGIN PUBLIC KEY-----' }), 'MESH-VAL-055', 'mesh/jwt/jwtRules[0]/jwks', '"-----BEGIN PUBLIC KEY-----"'],
  ['a 200 KB direct response in strict mode', app => { const { mesh, reviews } = shop(L, app, { strict: true }); new L.TrafficRoute(mesh, 'route', { service: reviews, http: [{ directResponse: { status: 200, body: 'x'.repeat(200 * 1024) } }] }); }, 'MESH-VAL-109', 'mesh/route/http[0]/directResponse/body', `"${'x'.repeat(199)}…`],
  ['TLS 1.0 allowed on a gateway in strict mode', app => { const g = new L.IngressGateway(shop(L, app, { strict: true }).mesh, 'ingress', {}); g.addListener('web', { namespaceName: 'shop', servers: [{ port: 443, protocol: L.Protocol.HTTPS, hosts: ['shop.example.com'], tls: { mode: L.GatewayTlsMode.SIMPLE, credentialName: 'shop-cert', minProtocolVersion: L.TlsVersion.TLSV1_0 } }] }); }, 'MESH-VAL-110', 'mesh/ingress/addListener(options)/servers[0]/tls/minProtocolVersion', '["TLSV1_0"]'],
  ['a certificate on a PASSTHROUGH server in strict mode', app => { const g = new L.IngressGateway(shop(L, app, { strict: true }).mesh, 'ingress', {}); g.addListener('web', { namespaceName: 'shop', servers: [{ port: 443, protocol: L.Protocol.TLS, hosts: ['shop.example.com'], tls: { mode: L.GatewayTlsMode.PASSTHROUGH, credentialName: 'shop-cert' } }] }); }, 'MESH-VAL-111', 'mesh/ingress/addListener(options)/servers[0]/tls', '["credentialName"]'],
  ['an empty request principal', app => from(app, { requestPrincipals: [''] }), 'MESH-VAL-028', 'mesh/policy/rules[0]/sources[0]/requestPrincipals[0]', '""'],
  ['a Sidecar egress host its namespace wildcard covers, in strict mode', app => new L.Sidecar(shop(L, app, { strict: true }).mesh, 'sc', { namespaceName: 'shop', egressHosts: ['shop/*', 'shop/reviews.shop.svc.cluster.local'] }), 'MESH-VAL-112', 'mesh/sc/egressHosts', '["shop/*","shop/reviews.shop.svc.cluster.local"]'],
  ['a PeerAuth with an empty selector, in strict mode', app => new L.PeerAuth(shop(L, app, { strict: true }).mesh, 'pa', { namespaceName: 'shop', selector: {}, mode: L.MtlsMode.STRICT }), 'MESH-VAL-113', 'mesh/pa/selector', '{}'],
  ['an inline jwks with a symmetric key, in strict mode', app => new L.RequestAuthentication(shop(L, app, { strict: true }).mesh, 'jwt', { namespaceName: 'shop', jwtRules: [{ issuer: 'https://id.example.com', jwks: '{"keys":[{"kty":"oct","k":"AAAA"}]}' }] }), 'MESH-VAL-114', 'mesh/jwt/jwtRules[0]/jwks', '"{\\"keys\\":[{\\"kty\\":\\"oct\\",\\"k\\":\\"AAAA\\"}]}"'],
  ['two distribute sources that overlap', app => route(app, withDest({}), { policy: { outlierDetection: { consecutive5xxErrors: 5 }, locality: { distribute: [{ fromLocality: 'eu/*', toLocalities: { 'eu/*': 100 } }, { fromLocality: 'eu/zone-a', toLocalities: { 'us/*': 100 } }] } } }), 'MESH-VAL-034', 'mesh/route/policy/locality/distribute', '["eu/*","eu/zone-a"]'],
  ['exportTo "." and the route\'s own namespace', app => route(app, withDest({}), { exportTo: L.ExportTo.namespaces('.', 'shop') }), 'MESH-VAL-036', 'mesh/route/exportTo', '[".","shop"]'],
];

const checked = cases.filter(c => c[4] !== 'skip');

test('a hundred realistic TypeScript mistakes', () => {
  expect(checked.length).toBeGreaterThanOrEqual(100);
});

test.each(checked)('%s', (title, build, rule, where, value) => {
  expectMistake(L, { title, build: (_lib, app) => build(app), rule, path: where, value });
});

test.each(cases.filter(c => c[4] === 'skip'))('%s (value shown as JSON of a live object)', (_title, build, rule, where) => {
  let message = '';
  try {
    build(new L.MeshApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-mesh-skip-')) }));
  } catch (e) {
    message = (e as Error).message;
  }
  expect(message).toContain(`${rule} [error] at ${where}:`);
});

test('a TCM mesh on the default istioVersion synthesizes without MESH-PLAT-005', () => {
  const app = new L.MeshApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-mesh-tcm-')) });
  new L.Mesh(app, 'mesh', { meshId: 'tcm', platform: L.Platform.tcm(), clusters: [{ name: 'tcm-primary' }] });
  expect(() => app.synth()).not.toThrow();
});

test('a route on host * bound only to a gateway is not mesh-bound (no MESH-VAL-104)', () => {
  const app = new L.MeshApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-mesh-gw-route-')) });
  const { mesh, reviews } = shop(L, app, { strict: true });
  const ingress = new L.IngressGateway(mesh, 'ingress', {});
  const binding = ingress.addListener('web', { namespaceName: 'shop', servers: [{ port: 80, protocol: L.Protocol.HTTP, hosts: ['*'] }] });
  new L.TrafficRoute(mesh, 'route', { service: reviews, hosts: ['*'], gateways: [binding], http: withDest({}) });
  expect(() => app.synth()).not.toThrow();
  // bound to the mesh as well, Istio rejects it
  const app2 = new L.MeshApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-mesh-gw-route-')) });
  const two = shop(L, app2, { strict: true });
  const ingress2 = new L.IngressGateway(two.mesh, 'ingress', {});
  const binding2 = ingress2.addListener('web', { namespaceName: 'shop', servers: [{ port: 80, protocol: L.Protocol.HTTP, hosts: ['*'] }] });
  expect(() => new L.TrafficRoute(two.mesh, 'route', { service: two.reviews, hosts: ['*'], gateways: [binding2], mesh: true, http: withDest({}) }))
    .toThrow(/MESH-VAL-104 \[error\] at mesh\/route\/hosts/);
});
