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

const good: Array<[string, object]> = [
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
