import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { checkDirectory } from '.';
import { build as buildPrimaryRemote } from '../../examples/topologies/primary-remote-multi-network';
import {
  ArgoCdApplicationSet, CanaryRelease, MeshApp, Mesh, MeshService, MtlsMigration, ProgressiveDelivery, Protocol,
} from '../../src';
import { synth, testApp } from '../util';

/**
 * Every kind of file the library writes goes through the harness: the kinds no example writes (Flagger Canary,
 * Argo Rollouts Rollout, Argo CD ApplicationSet) in an app of their own, with the control plane's IstioOperators,
 * Helm values and pre-install objects (ExternalSecrets) of a primary-remote mesh; and the harness rejects a
 * mistake in each kind.
 */
function everyKind(): MeshApp {
  const app = buildPrimaryRemote(testApp());
  const mesh = app.node.findChild('mesh1') as Mesh;
  const service = (name: string) => new MeshService(mesh, name, {
    name,
    namespaceName: 'sample',
    ports: [{ port: 5000, protocol: Protocol.HTTP }],
    versions: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }],
  });
  new CanaryRelease(mesh, 'flagger', { service: service('reviews'), stableVersion: 'v1', canaryVersion: 'v2', progressiveDelivery: ProgressiveDelivery.FLAGGER });
  new CanaryRelease(mesh, 'argo', { service: service('ratings'), stableVersion: 'v1', canaryVersion: 'v2', progressiveDelivery: ProgressiveDelivery.ARGO_ROLLOUTS });
  new ArgoCdApplicationSet(mesh, 'argocd', { repoUrl: 'https://git.example/platform/mesh.git', path: 'dist/mesh1' });
  new MtlsMigration(mesh, 'legacy', { namespaceName: 'sample', stage: 1 });
  return app;
}

describe('every kind of artifact passes the harness', () => {
  const out = synth(everyKind());

  test.each([
    ['argocd/applicationset.yaml', 'argoproj.io/v1alpha1 ApplicationSet'],
    ['canary/sample-reviews.flagger.yaml', 'flagger.app/v1beta1 Canary'],
    ['canary/sample-ratings.rollout.yaml', 'argoproj.io/v1alpha1 Rollout'],
    ['cluster1/pre-install.yaml', 'v1 Namespace, external-secrets.io/v1 ExternalSecret, external-secrets.io/v1 ExternalSecret'],
    ['cluster1/istioctl/istio-operator.yaml', 'install.istio.io/v1alpha1 IstioOperator'],
    ['cluster1/istioctl/istio-eastwestgateway.yaml', 'install.istio.io/v1alpha1 IstioOperator'],
  ])('%s (%s)', (file, kinds) => {
    expect(out.files.get(file)!.map(d => `${d.apiVersion} ${d.kind}`).join(', ')).toBe(kinds);
  });

  test('Helm values and plans are checked by their schemas', () => {
    for (const file of ['cluster1/helm/istiod.values.yaml', 'cluster2/helm/istio-base.values.yaml', 'cluster1/helm/istio-eastwestgateway.values.yaml', 'canary/sample-reviews.plan.yaml']) {
      expect(out.files.get(file)).toHaveLength(1);
    }
  });
});

/** Writes `files` into a fresh directory and returns the harness's error, or '' if it passed. */
function harnessError(files: Record<string, string | object>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-mesh-harness-'));
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), typeof content === 'string' ? content : file.endsWith('.json') ? JSON.stringify(content) : yaml.dump(content));
  }
  try {
    checkDirectory(dir);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('the harness rejects a mistake in each kind of artifact', () => {
  const out = synth(everyKind());
  const doc = (file: string) => JSON.parse(JSON.stringify(out.files.get(file)![0]));
  const mutate = (file: string, change: (d: any) => void) => {
    const d = doc(file);
    change(d);
    return { [file]: d };
  };

  test.each<[string, Record<string, string | object>, string]>([
    ['a Flagger Canary field that does not exist', mutate('canary/sample-reviews.flagger.yaml', d => { d.spec.analysis.stepWeigth = 5; }), 'unknown field "stepWeigth"'],
    ['a Rollout step that does not exist', mutate('canary/sample-ratings.rollout.yaml', d => { d.spec.strategy.canary.steps[0].setWeigth = 5; }), 'unknown field "setWeigth"'],
    ['an ApplicationSet template field that does not exist', mutate('argocd/applicationset.yaml', d => { d.spec.template.spec.destinaton = {}; }), 'unknown field "destinaton"'],
    ['an ExternalSecret store kind outside the enum', { 'c/pre-install.yaml': { ...out.files.get('cluster1/pre-install.yaml')![1], spec: { ...out.files.get('cluster1/pre-install.yaml')![1].spec, secretStoreRef: { name: 'v', kind: 'Vault' } } } }, 'must be equal to one of the allowed values'],
    ['an IstioOperator spec field that does not exist', mutate('cluster1/istioctl/istio-operator.yaml', d => { d.spec.revisions = 'x'; }), 'IstioOperator /spec: must NOT have additional properties (unknown field "revisions")'],
    ['an IstioOperator values.global key that does not exist', mutate('cluster1/istioctl/istio-operator.yaml', d => { d.spec.values.global.meshId = 'x'; }), 'unknown field "meshId"'],
    ['an IstioOperator gateway Service field that does not exist', mutate('cluster1/istioctl/istio-eastwestgateway.yaml', d => { d.spec.components.ingressGateways[0].k8s.service.portz = []; }), '/spec/components/ingressGateways/0/k8s/service: unknown field "portz"'],
    ['an IstioOperator env entry that is not an EnvVar', mutate('cluster1/istioctl/istio-eastwestgateway.yaml', d => { d.spec.components.ingressGateways[0].k8s.env[0].val = 'x'; }), '/spec/components/ingressGateways/0/k8s/env/0: unknown field "val"'],
    ['an IstioOperator without a spec of the operator API', { 'c/istioctl/x.yaml': { apiVersion: 'install.istio.io/v1alpha1', kind: 'IstioOperator', spec: { components: { pilots: {} } } } }, 'unknown field "pilots"'],
    ['an istiod Helm values key the chart does not have', mutate('cluster1/helm/istiod.values.yaml', d => { d.meshId = 'x'; }), 'istio/istiod Helm values: /: must NOT have additional properties (unknown field "meshId")'],
    ['an istiod Helm value of the wrong type', mutate('cluster1/helm/istiod.values.yaml', d => { d.global.network = 1; }), 'istio/istiod Helm values: /global/network: must be string'],
    ['a gateway Helm values key the chart does not have', mutate('cluster1/helm/istio-eastwestgateway.values.yaml', d => { d.network = 'x'; }), 'istio/gateway Helm values: /: must NOT have additional properties (unknown field "network")'],
    ['a canary plan step that is not an index or rollback', mutate('canary/sample-reviews.plan.yaml', d => { d.currentStep = 'next'; }), 'canary plan: /currentStep'],
    ['a DCE parameter that is not a string', { 'dce/meshclusters.yaml': { spec: { meshedParams: [{ params: { 'global.meshID': 1 } }] } } }, 'DCE MeshCluster parameters: /spec/meshedParams/0/params/global.meshID: must be string'],
    ['a TCM access type TCM does not have', { 'tcm/gateway-istio-system-gw.json': { name: 'gw', namespace: 'istio-system', type: 'ingress', accessType: 'internet', deploymentMode: 'normal', ports: [80] } }, 'TCM gateway provisioning: /accessType: must be equal to one of the allowed values'],
    ['a YAML file the library does not know', { 'notes/extra.yaml': { hello: 'world' } }, 'no schema for notes/extra.yaml'],
    ['a file that does not parse', { 'canary/x.plan.yaml': 'a: [b' }, 'canary/x.plan.yaml: does not parse'],
  ])('%s', (_what, files, message) => {
    expect(harnessError(files)).toContain(message);
  });

  test('the unchanged files pass', () => {
    const files = Object.fromEntries([...out.files].map(([file, docs]) => [file, docs.map(d => yaml.dump(d)).join('---\n')]));
    expect(harnessError(files)).toBe('');
  });
});
