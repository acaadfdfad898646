import { build as buildSecurityPolicies } from '../../examples/security-policies';
import { addSecurity, build as buildQuickStart } from '../../examples/tcm-quickstart';
import { Mesh } from '../../src';
import { synth, testApp } from '../util';

/** The fields a seed object pins down. */
function essentials(obj: any) {
  return { apiVersion: obj.apiVersion, kind: obj.kind, metadata: { name: obj.metadata.name, namespace: obj.metadata.namespace }, spec: obj.spec };
}

/**
 * The DaoCloud seed (002) security examples, corrected. Corrections:
 * 1. apiVersion `security.istio.io/v1beta1` → `security.istio.io/v1` (F10, F17; F11 already used v1).
 * 2. F9's "mesh-wide" STRICT policy `default` in istio-system had `selector: {app: reviews}`, so it only
 *    covered reviews pods in istio-system; the corrected mesh-wide policy has no selector (the mesh default).
 * 3. F10's RequestAuthentication alone accepts requests without a token; the corrected example adds the
 *    DENY `notRequestPrincipals: ["*"]` policy `httpbin-require-jwt` (via `requireJwt()`).
 * 4. F11's action ALLOW is kept; its principal is derived from the reviews service's service account.
 * 5. F17's port key is the target port 80 of the 8000→80 Service: the user names the service port 8000.
 * 6. The F10 PeerAuth table's misspellings (`spec.mTLS.mode`, `jwtRules.issuers`, `jwtUri`) cannot be typed.
 */
const DCE_SEED_CORRECTED = [
  {
    apiVersion: 'security.istio.io/v1',
    kind: 'PeerAuthentication',
    metadata: { name: 'default', namespace: 'istio-system' },
    spec: { mtls: { mode: 'STRICT' } },
  },
  {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: { name: 'ratings-viewer', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'ratings' } },
      action: 'ALLOW',
      rules: [{ from: [{ source: { principals: ['cluster.local/ns/default/sa/bookinfo-reviews'] } }], to: [{ operation: { methods: ['GET'] } }] }],
    },
  },
  {
    apiVersion: 'security.istio.io/v1',
    kind: 'RequestAuthentication',
    metadata: { name: 'httpbin', namespace: 'foo' },
    spec: {
      selector: { matchLabels: { app: 'httpbin' } },
      jwtRules: [{ issuer: 'issuer-foo', jwksUri: 'https://example.com/.well-known/jwks.json' }],
    },
  },
  {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: { name: 'httpbin-require-jwt', namespace: 'foo' },
    spec: {
      selector: { matchLabels: { app: 'httpbin' } },
      action: 'DENY',
      rules: [{ from: [{ source: { notRequestPrincipals: ['*'] } }] }],
    },
  },
  {
    apiVersion: 'security.istio.io/v1',
    kind: 'PeerAuthentication',
    metadata: { name: 'example-workload-policy', namespace: 'foo' },
    spec: { selector: { matchLabels: { app: 'example-app' } }, portLevelMtls: { 80: { mode: 'DISABLE' } } },
  },
];

/**
 * The TCM quick start (001) S12 and S13, corrected: apiVersion `security.istio.io/v1beta1` → `v1`, and the
 * AuthorizationPolicy's action is spelled out. The DENY-by-namespace rule relies on S12's STRICT mTLS.
 */
const TCM_SEED_CORRECTED = [
  {
    apiVersion: 'security.istio.io/v1',
    kind: 'PeerAuthentication',
    metadata: { name: 'base-strict', namespace: 'base' },
    spec: { mtls: { mode: 'STRICT' } },
  },
  {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: { name: 'base-authz', namespace: 'base' },
    spec: { action: 'DENY', rules: [{ from: [{ source: { namespaces: ['test'] } }] }] },
  },
];

describe('seed examples', () => {
  test('DaoCloud security examples equal the corrected seed objects', () => {
    const out = synth(buildSecurityPolicies(testApp()));
    const policies = out.cluster('dce-cluster').filter(o => o.apiVersion.startsWith('security.istio.io/'));
    expect(policies.map(essentials)).toEqual(DCE_SEED_CORRECTED);
    const service = out.find('dce-cluster', 'Service', 'example-service', 'foo');
    expect(service.spec.ports).toEqual([{ name: 'http', port: 8000, targetPort: 80, protocol: 'TCP', appProtocol: 'http' }]);
    expect(service.spec.selector).toEqual({ app: 'example-app' });
  });

  test('TCM quick start S12 and S13 equal the corrected seed objects', () => {
    const out = synth(buildQuickStart(testApp()));
    const policies = out.cluster('gz-zone-a').filter(o => o.apiVersion.startsWith('security.istio.io/') && o.metadata.namespace === 'base');
    expect(policies.map(essentials)).toEqual(TCM_SEED_CORRECTED);
  });

  test('addSecurity works on any mesh and places the policies where base exists', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }, { name: 'b' }] });
    mesh.addNamespace('base', { clusters: ['b'] });
    mesh.addNamespace('test', { clusters: ['b'] });
    const { baseStrict, denyTest } = addSecurity(mesh);
    expect(baseStrict.clusters.map(c => c.clusterName)).toEqual(['b']);
    expect(denyTest.clusters.map(c => c.clusterName)).toEqual(['b']);
    expect(synth(app).find('b', 'AuthorizationPolicy', 'base-authz', 'base').spec.action).toBe('DENY');
  });
});
