/**
 * The in-process conformance harness and a real kube-apiserver (with Istio 1.30.3's and the upstream CRDs)
 * must agree on what is valid: every sample is accepted by both or rejected by both.
 *
 * Not part of `npm test` (it needs the binaries from scripts/tools/build.sh): `npm run verify` runs it against
 * its API server (CDK8S_MESH_KUBECONFIG); run alone, it starts its own:
 *   npx jest --coverage=false --testMatch '**' + '/test/oracles/**' + '/*.oracle.ts'
 */
import { ApiServer, Kubectl, kubectlFor } from '../../scripts/verify/apiserver';
import { createNamespaces, dryRun, installCrds } from '../../scripts/verify/dry-run';
import { checkObject } from '../conformance';

jest.setTimeout(300_000);

const meta = (name: string, namespace = 'sample') => ({ name, namespace });
const peerAuth = (spec: object) => ({ apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: meta('default', 'istio-system'), spec });
const virtualService = (http: object[]) => ({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: meta('reviews'), spec: { hosts: ['reviews'], http } });
const service = (spec: object, metadata: object = meta('reviews')) => ({ apiVersion: 'v1', kind: 'Service', metadata, spec });
const deployment = (spec: object) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('reviews'), spec });
const podTemplate = { metadata: { labels: { app: 'reviews' } }, spec: { containers: [{ name: 'reviews', image: 'example.invalid/reviews:1' }] } };
const externalSecret = (data: object[]) => ({
  apiVersion: 'external-secrets.io/v1',
  kind: 'ExternalSecret',
  metadata: meta('cacerts', 'istio-system'),
  spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' }, target: { name: 'cacerts' }, data },
});

const gatewayApi = (kind: string, spec: object) => ({ apiVersion: 'gateway.networking.k8s.io/v1', kind, metadata: meta('bookinfo'), spec });
const httpsListener = (tls: object) => gatewayApi('Gateway', { gatewayClassName: 'istio', listeners: [{ name: 'https', port: 443, protocol: 'HTTPS', tls }] });
const rewriteRoute = (matches?: object[]) => gatewayApi('HTTPRoute', {
  parentRefs: [{ name: 'gw' }],
  rules: [{ matches, filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' } } }], backendRefs: [{ name: 'reviews', port: 9080 }] }],
});

const good: Array<[string, object]> = [
  ['Gateway API Gateway with addresses and a terminating HTTPS listener', {
    ...httpsListener({ mode: 'Terminate', certificateRefs: [{ name: 'cert' }] }),
    spec: { ...httpsListener({ mode: 'Terminate', certificateRefs: [{ name: 'cert' }] }).spec, addresses: [{ type: 'Hostname', value: 'gw.istio-system.svc.cluster.local' }] },
  }],
  ['HTTPRoute with a Service parent and weighted backends', gatewayApi('HTTPRoute', {
    parentRefs: [{ group: '', kind: 'Service', name: 'reviews', port: 9080 }],
    rules: [{ backendRefs: [{ name: 'reviews-v1', port: 9080, weight: 50 }, { name: 'reviews-v3', port: 9080, weight: 50 }] }],
  })],
  ['HTTPRoute prefix rewrite on the defaulted PathPrefix match (CEL after defaults)', rewriteRoute()],
  ['ReferenceGrant', gatewayApi('ReferenceGrant', { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'web' }], to: [{ group: '', kind: 'Service', name: 'reviews' }] })],
  ['mesh-wide STRICT PeerAuthentication', peerAuth({ mtls: { mode: 'STRICT' } })],
  ['port-level mTLS with a selector', peerAuth({ selector: { matchLabels: { app: 'a' } }, portLevelMtls: { 80: { mode: 'DISABLE' } } })],
  ['VirtualService with timeout and retries', virtualService([{ route: [{ destination: { host: 'reviews', subset: 'v1' }, weight: 100 }], timeout: '10s', retries: { attempts: 3, perTryTimeout: '2s' } }])],
  ['Service with named ports', service({ selector: { app: 'reviews' }, ports: [{ name: 'http', port: 9080, targetPort: 9080 }] })],
  ['Deployment', deployment({ selector: { matchLabels: { app: 'reviews' } }, template: podTemplate })],
  ['ExternalSecret', externalSecret([{ secretKey: 'ca-cert.pem', remoteRef: { key: 'istio/cacerts', property: 'ca-cert.pem' } }])],
];

const bad: Array<[string, object]> = [
  ['unknown field in an Istio spec', peerAuth({ mtls: { mode: 'STRICT', strict: true } })],
  ['unknown enum value in an Istio spec', peerAuth({ mtls: { mode: 'STRICTER' } })],
  ['duration below the CEL minimum', virtualService([{ route: [{ destination: { host: 'reviews' } }], timeout: '0.1ms' }])],
  ['portLevelMtls without a selector (CEL)', peerAuth({ portLevelMtls: { 80: { mode: 'DISABLE' } } })],
  ['Service port out of range', service({ ports: [{ name: 'http', port: 70000 }] })],
  ['unknown field in a Kubernetes spec', service({ ports: [{ name: 'http', port: 80 }], loadBalancerIPs: ['10.0.0.1'] })],
  ['label value that is not a valid label', service({ ports: [{ name: 'http', port: 80 }] }, { ...meta('reviews'), labels: { app: 'not a label' } })],
  ['ExternalSecret without secretKey', externalSecret([{ remoteRef: { key: 'istio/cacerts' } }])],
  ['Gateway API HTTPS listener terminating TLS without certificateRefs (CEL)', httpsListener({ mode: 'Terminate', certificateRefs: [] })],
  ['HTTPRoute prefix rewrite with an Exact match (CEL)', rewriteRoute([{ path: { type: 'Exact', value: '/a' } }])],
  ['TLSRoute with an IP hostname (CEL, isIP)', gatewayApi('TLSRoute', { parentRefs: [{ name: 'gw' }], hostnames: ['10.0.0.1'], rules: [{ backendRefs: [{ name: 'db', port: 5432 }] }] })],
  ['HTTPRoute backendRef to a Service without port (CEL)', gatewayApi('HTTPRoute', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'reviews' }] }] })],
];

let server: ApiServer | undefined;
let kubectl: Kubectl;

beforeAll(async () => {
  if (process.env.CDK8S_MESH_KUBECONFIG) {
    kubectl = kubectlFor(process.env.CDK8S_MESH_KUBECONFIG);
  } else {
    server = await ApiServer.start();
    kubectl = server.kubectl;
    installCrds(kubectl);
  }
  createNamespaces(kubectl, ['sample', 'istio-system']);
});

afterAll(() => server?.stop());

function apiServerErrors(obj: object): string {
  const result = dryRun(kubectl, '-', JSON.stringify(obj));
  return result.ok ? '' : result.output;
}

describe('harness and API server both accept', () => {
  test.each(good)('%s', (_name, obj) => {
    expect({ harness: checkObject(obj), apiServer: apiServerErrors(obj) }).toEqual({ harness: [], apiServer: '' });
  });
});

describe('harness and API server both reject', () => {
  test.each(bad)('%s', (_name, obj) => {
    const harness = checkObject(obj);
    const apiServer = apiServerErrors(obj);
    expect({ harnessRejects: harness.length > 0, apiServerRejects: apiServer !== '' })
      .toEqual({ harnessRejects: true, apiServerRejects: true });
  });
});
