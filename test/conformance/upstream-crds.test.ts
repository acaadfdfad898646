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
