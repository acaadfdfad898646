import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { isTransitionRule, unsupportedFunctions } from './cel';
import { crdErrors, importedCrdFiles, transitionRulesNotEvaluated } from './crd-schema';

const UPSTREAM = path.join(__dirname, '..', '..', 'imports', 'upstream');

/**
 * The vendored upstream CRDs (imports/upstream/), byte-identical to the files in ../shared/crds and upstream
 * at the listed tag (imports/README.md): sha256 of the file as stored.
 */
const VENDORED: Record<string, string> = {
  'argo-cd/v3.5.1/applicationset-crd.yaml': '7d282054f41ca2b71a22bab04a8caf0000e07e53a62432e6ea292dae5ab4f07d',
  'argo-rollouts/v1.9.1/rollout-crd.yaml': 'd79c0dab9bb386b1c9329fb69cf0d843fff2152b3f7916839755c1aabc7387f5',
  'external-secrets/v2.9.0/external-secrets.io_externalsecrets.yaml': '5044be5a610ca90a075f34f03ed20b462695c43387ba9410db7f4250e47b1e2f',
  'flagger/v1.44.0/crd.yaml': '8d7ad05c2d1d242c0cd4c25c5fb3ad0f75f10706da588aeeb950fe2858134630',
  'gateway-api/v1.6.1/standard/gateway.networking.k8s.io_gateways.yaml': '25b885f5870b8fff1ae82efa2628b2761cef3745900c2aecf8fb76629a01255a',
  'gateway-api/v1.6.1/standard/gateway.networking.k8s.io_grpcroutes.yaml': '53a8d029da8f07e55d3fa58a5cf6de5950dab19fbb8d6a8082fb5e51ca5ef6fc',
  'gateway-api/v1.6.1/standard/gateway.networking.k8s.io_httproutes.yaml': 'a424a0d6c953b162e71d1d97bb7e75012d8f1ac264e7274f2763d1b96ab39852',
  'gateway-api/v1.6.1/standard/gateway.networking.k8s.io_referencegrants.yaml': '8c645e9333cfa67790cc2a53e0c00076f88b2bd4230d2b49688c78bc34f9b2c3',
  'gateway-api/v1.6.1/standard/gateway.networking.k8s.io_tlsroutes.yaml': 'bb8b67926e5d9652cbfd2e19063b7c1d9e78806c9dd671608f57baef2f2e3bbb',
};

function filesUnder(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  }).sort();
}

describe('vendored upstream CRDs (imports/upstream)', () => {
  test('are exactly the listed files, unmodified (sha256)', () => {
    expect(filesUnder(UPSTREAM)).toEqual(Object.keys(VENDORED).sort());
    for (const [file, sha256] of Object.entries(VENDORED)) {
      const digest = createHash('sha256').update(fs.readFileSync(path.join(UPSTREAM, file))).digest('hex');
      expect({ file, sha256: digest }).toEqual({ file, sha256 });
    }
  });

  test('every CEL rule of every CRD under imports/ can be evaluated by the harness, except transition rules (update only)', () => {
    const rules = new Map<string, string>();
    const collect = (node: unknown, file: string): void => {
      if (!node || typeof node !== 'object') return;
      const validations = (node as Record<string, unknown>)['x-kubernetes-validations'];
      if (Array.isArray(validations)) for (const v of validations) rules.set(String(v.rule), file);
      for (const child of Object.values(node)) collect(child, file);
    };
    for (const file of importedCrdFiles()) {
      for (const doc of yaml.loadAll(fs.readFileSync(file, 'utf8'))) collect(doc, path.relative(path.join(UPSTREAM, '..'), file));
    }
    expect(rules.size).toBeGreaterThan(40);
    const unevaluable = [...rules].filter(([rule]) => !isTransitionRule(rule) && unsupportedFunctions(rule).length);
    expect(unevaluable).toEqual([]);
    // The one transition rule: Argo Rollouts' immutable selector. The harness reports it when it meets it.
    expect([...rules].filter(([rule]) => isTransitionRule(rule))).toEqual([['self == oldSelf', 'upstream/argo-rollouts/v1.9.1/rollout-crd.yaml']]);
  });
});

describe('the harness checks objects against the vendored CRDs', () => {
  const meta = { name: 'x', namespace: 'ns' };
  const cases: Array<[string, object, string]> = [
    ['Flagger Canary', {
      apiVersion: 'flagger.app/v1beta1',
      kind: 'Canary',
      metadata: meta,
      spec: { targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'x' }, service: { port: 80 }, analysis: { interval: '1m', threshold: 5, stepWeights: [5, 50] } },
    }, 'stepWeight'],
    ['Argo Rollouts Rollout', {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: meta,
      spec: { workloadRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'x' }, strategy: { canary: { steps: [{ setWeight: 5 }, { pause: {} }] } } },
    }, 'canarySteps'],
    ['Argo CD ApplicationSet', {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ApplicationSet',
      metadata: meta,
      spec: {
        generators: [{ list: { elements: [{ cluster: 'a' }] } }],
        template: { metadata: { name: '{{.cluster}}' }, spec: { project: 'default', destination: { name: '{{.cluster}}' }, source: { repoURL: 'https://example.com/r.git', path: 'p' } } },
      },
    }, 'generator'],
    ['External Secrets ExternalSecret', {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: meta,
      spec: { secretStoreRef: { name: 'vault', kind: 'ClusterSecretStore' }, target: { name: 'x', creationPolicy: 'Owner' }, data: [{ secretKey: 'k', remoteRef: { key: 'a/b', property: 'p' } }] },
    }, 'dataa'],
  ];

  test.each(cases)('%s: a valid object passes, an unknown field is rejected', (_what, obj, typo) => {
    expect(crdErrors(obj)).toEqual([]);
    const withTypo = { ...obj, spec: { ...(obj as { spec: object }).spec, [typo]: 1 } };
    expect(crdErrors(withTypo)).toEqual([expect.stringContaining(`unknown field "${typo}"`)]);
  });

  test('an ApplicationSet nested in a matrix generator is checked as deep as the schema goes', () => {
    const [, appSet] = cases[2];
    const nested = { ...appSet, spec: { ...(appSet as { spec: object }).spec, generators: [{ matrix: { generators: [{ list: { elements: [], template: { metadata: {}, spec: { projekt: 'x' } } } }] } }] } };
    expect(crdErrors(nested).join('\n')).toContain('unknown field "projekt"');
  });

  test('a Rollout selector meets the transition rule: not evaluated on create, and reported', () => {
    const [, rollout] = cases[1];
    const withSelector = { ...rollout, spec: { ...(rollout as { spec: object }).spec, selector: { matchLabels: { app: 'x' } } } };
    expect(crdErrors(withSelector)).toEqual([]);
    expect(transitionRulesNotEvaluated()).toEqual(['self == oldSelf']);
  });

  test('defaults apply before the CEL rules, as in the API server (Flagger mirror backendRef: group "" and kind Service)', () => {
    const [, canary] = cases[0];
    const spec = (canary as { spec: Record<string, object> }).spec;
    const mirror = (backendRef: object) => ({ ...canary, spec: { ...spec, service: { ...spec.service, mirror: [{ backendRef }] } } });
    expect(crdErrors(mirror({ name: 'shadow', port: 80 }))).toEqual([]);
    expect(crdErrors(mirror({ name: 'shadow' }))).toEqual(['/spec/service/mirror/0/backendRef: CEL: Must have port for Service reference']);
  });
});

describe('the harness checks Gateway API objects against the v1.6.1 standard-channel CRDs, CEL rules included', () => {
  const meta = { name: 'x', namespace: 'ns' };
  const gateway = (listener: object) => ({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: meta, spec: { gatewayClassName: 'istio', listeners: [listener] } });
  const httpRoute = (rule: object) => ({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: meta, spec: { parentRefs: [{ name: 'gw' }], rules: [rule] } });
  const cases: Array<[string, object, string]> = [
    ['Gateway', gateway({ name: 'https', hostname: 'bookinfo.example.com', port: 443, protocol: 'HTTPS', tls: { mode: 'Terminate', certificateRefs: [{ name: 'cert' }] }, allowedRoutes: { namespaces: { from: 'Same' } } }), 'addressez'],
    ['HTTPRoute', httpRoute({ matches: [{ path: { type: 'PathPrefix', value: '/api' } }], backendRefs: [{ name: 'reviews-v1', port: 9080, weight: 90 }, { name: 'reviews-v2', port: 9080, weight: 10 }] }), 'hostname'],
    ['GRPCRoute', { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GRPCRoute', metadata: meta, spec: { parentRefs: [{ group: '', kind: 'Service', name: 'svc' }], rules: [{ matches: [{ method: { service: 'a.B' } }], backendRefs: [{ name: 'svc', port: 50051 }] }] } }, 'rulez'],
    ['TLSRoute', { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'TLSRoute', metadata: meta, spec: { parentRefs: [{ name: 'gw' }], hostnames: ['db.example.com'], rules: [{ backendRefs: [{ name: 'db', port: 5432 }] }] } }, 'hosts'],
    ['ReferenceGrant', { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'ReferenceGrant', metadata: meta, spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'other' }], to: [{ group: '', kind: 'Service' }] } }, 'too'],
  ];

  test.each(cases)('%s: a valid object passes, an unknown field is rejected', (_what, obj, typo) => {
    expect(crdErrors(obj)).toEqual([]);
    const withTypo = { ...obj, spec: { ...(obj as { spec: object }).spec, [typo]: 1 } };
    expect(crdErrors(withTypo)).toEqual([expect.stringContaining(`unknown field "${typo}"`)]);
  });

  test('CEL: an HTTPS listener that terminates TLS needs certificateRefs (absent, the rule errors, as "no such key" does in the API server)', () => {
    for (const tls of [{ mode: 'Terminate' }, { mode: 'Terminate', certificateRefs: [] }]) {
      expect(crdErrors(gateway({ name: 'https', port: 443, protocol: 'HTTPS', tls }))).toEqual([expect.stringMatching(/^\/spec\/listeners\/0\/tls: CEL: rule error \(field not found: (certificateRefs|options)\)/)]);
    }
    expect(crdErrors(gateway({ name: 'https', port: 443, protocol: 'HTTPS', tls: { mode: 'Terminate', certificateRefs: [{ name: 'cert' }] } }))).toEqual([]);
  });

  test('CEL: listener names are unique within a Gateway', () => {
    const twice = gateway({ name: 'http', port: 80, protocol: 'HTTP' });
    const spec = (twice as { spec: { listeners: object[] } }).spec;
    expect(crdErrors({ ...twice, spec: { ...spec, listeners: [...spec.listeners, { name: 'http', port: 8080, protocol: 'HTTP' }] } }))
      .toContain('/spec/listeners: CEL: Listener name must be unique within the Gateway');
  });

  test('CEL, after defaults: a ReplacePrefixMatch rewrite needs one PathPrefix match (the defaulted match is PathPrefix /)', () => {
    const rewrite = { filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' } } }], backendRefs: [{ name: 'svc', port: 80 }] };
    expect(crdErrors(httpRoute(rewrite))).toEqual([]);
    expect(crdErrors(httpRoute({ ...rewrite, matches: [{ path: { type: 'Exact', value: '/a' } }] })).join('\n'))
      .toContain('CEL: When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified');
  });

  test('CEL (Kubernetes IP library): a TLSRoute hostname may not be an IP address', () => {
    const [, tlsRoute] = cases[3];
    const spec = (tlsRoute as { spec: object }).spec;
    expect(crdErrors({ ...tlsRoute, spec: { ...spec, hostnames: ['10.0.0.1'] } }).join('\n')).toContain('/spec/hostnames: CEL:');
  });
});
