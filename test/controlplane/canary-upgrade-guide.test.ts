/**
 * Guide equality: Istio's canary upgrade guide (`setup/upgrade/canary`, istioctl form) and the Helm upgrade guide
 * (`setup/upgrade/helm`, "Canary upgrade" and "Stable revision labels"), 1.30: for every stage, every value and object
 * the guides put into the cluster, in both forms (reference: shared/reference/istio-canary-upgrade/FACTS.md, newest text).
 * Flow A moves a namespace by relabelling it (old control plane without a revision, `canary`); flow B moves namespaces
 * by moving the tag `prod-stable` (OLD = `1-29-1`, NEW = `1-30-3`, the guide's shortcodes for 1.29.1 and 1.30.3).
 * Stage mapping: both-up = A1/A2, B1-B3 and Helm steps 1-3; moved = A3, B4; old-removed = B5, the uninstall, Helm 5-6.
 *
 * Deliberate differences, each asserted below:
 * - Both IstioOperators use `profile: minimal` in flow A too: the guide's default profile installs `istio-ingressgateway`,
 *   which each install then upgrades in place (FACTS §5) while the manifest deploys that gateway itself; two owners for
 *   one Deployment. Gateways are manifest workloads pinned with `istio.io/rev` (a revision or a tag), so the Helm guide's
 *   optional second gateway release `istio-ingress-canary` is the same gateway relabelled and restarted.
 * - The IstioOperators and istiod values carry the topology's identity (`meshID`, `multiCluster.clusterName`): the
 *   library installs every control plane as a mesh member; a single cluster ignores them.
 * - Namespaces use `istio.io/rev=default` where flow A writes `istio-injection=enabled` (the mesh uses one label scheme,
 *   MESH-TOPO-006; both select the default revision). Relabelling then changes one label, as A3's result has it.
 * - The old revision of both-up is the starting point: its install (B1's first command) is not repeated; its artifacts
 *   are still written, equal to the guide's.
 * - Every `istioctl tag set` has `--overwrite`: the step can be re-run, and the tag exists when it is set again (B5's
 *   `tag set default` fails without it: the first revisioned install made itself the default, as B3's `istioctl tag
 *   list` shows `default -> OLD`). The upgrade sets that `default` tag in both-up (Helm installs do not create it).
 * - Helm tags: `-s templates/revision-tags-mwc.yaml -s templates/revision-tags-svc.yaml` (FACTS §5: the upgrade page's
 *   `templates/revision-tags.yaml` does not exist in 1.28+ charts) and the revision's own values file (`-f`) instead of
 *   `--set revision=<rev>`: same `revision`, plus the install's other values (a remote's injection path); `kubectl` gets
 *   the cluster's context. A tag is removed with both templates (the install page removes the webhook only, leaving the
 *   tag's Service).
 * - Helm base: `--set defaultRevision=canary` is the `defaultRevision` of `istio-base.values.yaml` (the values file is
 *   the release's whole state, so a later `helm upgrade -f` keeps it), and it comes before `helm delete istiod`, as the
 *   istioctl form makes the new revision the default before uninstalling: deleted first, the old istiod leaves
 *   `istiod-default-validator` calling a Service without endpoints.
 * - The cleanup (`tag remove prod-stable`/`prod-canary`, deleting the namespaces) tears the demo down and is no upgrade
 *   stage; old-removed removes the tags left on the removed revision or listed in `removeTags` (asserted with the
 *   install page's removal command below).
 * - The tag objects (MutatingWebhookConfiguration `istio-revision-tag-<tag>`, Service `istiod-revision-tag-<tag>`,
 *   `istiod-default-validator`) are rendered by istioctl or the chart from these commands; the test asserts the
 *   commands and the values they render from (tag, revision, templates), which are applied.yaml's key fields.
 */
import { ControlPlaneUpgrade, IngressGateway, IstioVersion, Mesh, MeshTopology, UpgradeStage } from '../../src';
import { Synthesized, synth, testApp } from '../util';
import { artifact } from './helpers';

const OLD = '1-29-1';
const NEW = '1-30-3';
const CTX = '--context="${CTX_CLUSTER1}"';
const KUBE = '--kube-context "${CTX_CLUSTER1}"';
const TAG_TEMPLATES = '-s templates/revision-tags-mwc.yaml -s templates/revision-tags-svc.yaml';

function guideMesh(upgrade: ControlPlaneUpgrade, revision?: string) {
  const app = testApp();
  const mesh = new Mesh(app, 'mesh', {
    meshId: 'mesh1',
    topology: MeshTopology.MULTI_PRIMARY,
    clusters: [{ name: 'cluster1' }],
    revision,
    controlPlane: { upgrade },
  });
  return { app, mesh };
}

/** Flow A: `test-ns` relabelled from the old non-revisioned control plane to `canary`; the default profile's gateway. */
function flowA(stage: UpgradeStage): Synthesized {
  const upgrade = new ControlPlaneUpgrade({ fromRevision: { name: 'default' }, toRevision: { name: 'canary' }, stage });
  const { app, mesh } = guideMesh(upgrade);
  mesh.addNamespace('test-ns', { revision: upgrade.revisionFor('test-ns') });
  new IngressGateway(mesh, 'ingress', { revision: upgrade.revisionFor('istio-ingressgateway') });
  return synth(app);
}

/** Flow B: app-ns-1 and app-ns-2 follow `prod-stable`, app-ns-3 follows `prod-canary`. */
function flowB(stage: UpgradeStage, options: { removeTags?: string[]; withoutCanaryNamespace?: boolean } = {}): Synthesized {
  const upgrade = new ControlPlaneUpgrade({
    fromRevision: { name: OLD, version: IstioVersion.of('1.29.1'), tags: ['prod-stable'] },
    toRevision: { name: NEW, version: IstioVersion.of('1.30.3'), tags: ['prod-canary'] },
    stage,
    removeTags: options.removeTags,
  });
  const { app, mesh } = guideMesh(upgrade, 'prod-stable');
  mesh.addNamespace('app-ns-1');
  mesh.addNamespace('app-ns-2');
  if (!options.withoutCanaryNamespace) mesh.addNamespace('app-ns-3', { revision: 'prod-canary' });
  return synth(app);
}

/** The numbered commands under a form's bullet of the runbook's control-plane section, without their comments. */
function steps(out: Synthesized, form: 'istioctl' | 'Helm'): string[] {
  const lines = out.text('cluster1/RUNBOOK.md').split('\n');
  const start = lines.findIndex(l => form === 'istioctl' ? /^- istioctl( [\d.]+)?:$/.test(l) : l.startsWith('- or Helm ('));
  if (start < 0) return [];
  const own = lines.slice(start + 1);
  const end = own.findIndex(l => !/^ {2}\d+\. /.test(l));
  return own.slice(0, end < 0 ? undefined : end).map(l => {
    const commands = [...l.matchAll(/`([^`]+)`/g)].map(m => m[1]);
    return commands[0];
  });
}

const runbook = (out: Synthesized) => out.text('cluster1/RUNBOOK.md');
const labels = (out: Synthesized, ns: string) => out.find('cluster1', 'Namespace', ns).metadata.labels;
const helmTag = (tag: string, release: string, verb: string, version?: string) =>
  `helm template istiod istio/istiod ${TAG_TEMPLATES} -n istio-system -f cluster1/helm/${release}.values.yaml --set revisionTags="{${tag}}"${version ? ` --version ${version}` : ''} | kubectl ${verb} ${CTX} -f -`;
const IDENTITY = { meshID: 'mesh1', multiCluster: { clusterName: 'cluster1' } };
const iop = (revision?: string) => ({
  apiVersion: 'install.istio.io/v1alpha1',
  kind: 'IstioOperator',
  spec: { profile: 'minimal', ...revision ? { revision } : {}, values: { global: IDENTITY } },
});

describe('canary upgrade guide, flow A (revision labels) and the Helm canary upgrade', () => {
  test('both-up (A1, A2; Helm 1-3): the canary installed beside the old control plane; test-ns and the gateway stay', () => {
    const out = flowA(UpgradeStage.BOTH_UP);
    expect(artifact(out, 'cluster1/istioctl/istio-operator.yaml')).toEqual(iop());
    expect(artifact(out, 'cluster1/istioctl/istio-operator-canary.yaml')).toEqual(iop('canary'));
    expect(steps(out, 'istioctl')).toEqual([`istioctl install ${CTX} -f cluster1/istioctl/istio-operator-canary.yaml`]);
    expect(runbook(out)).toContain(`Before upgrading: \`istioctl x precheck ${CTX}\``);
    // Helm step 1 (CRDs, values {}), step 2 (istiod-canary, revision: canary)
    expect(artifact(out, 'cluster1/helm/istio-base.values.yaml')).toEqual({});
    expect(artifact(out, 'cluster1/helm/istiod-canary.values.yaml')).toEqual({ revision: 'canary', global: IDENTITY });
    expect(steps(out, 'Helm')).toEqual([
      `helm upgrade istio-base istio/base -n istio-system ${KUBE} -f cluster1/helm/istio-base.values.yaml`,
      `helm install istiod-canary istio/istiod -n istio-system ${KUBE} -f cluster1/helm/istiod-canary.values.yaml`,
    ]);
    expect(runbook(out)).not.toContain('helm install istio-base');
    expect(labels(out, 'test-ns')).toEqual({ 'istio.io/rev': 'default' });
    const gateway = out.find('cluster1', 'Deployment', 'istio-ingressgateway', 'istio-system');
    expect(gateway.spec.template.metadata.labels['istio.io/rev']).toBeUndefined();
    expect(runbook(out)).toContain(`\`kubectl ${CTX} get pods -n istio-system -l app=istiod -L istio.io/rev\` lists \`default\` and \`canary\` pods.`);
  });

  test('moved (A3; Helm 3-4): test-ns relabelled to istio.io/rev=canary and restarted, the gateway with it', () => {
    const out = flowA(UpgradeStage.MOVED);
    expect(labels(out, 'test-ns')).toEqual({ 'istio.io/rev': 'canary' });
    const gateway = out.find('cluster1', 'Deployment', 'istio-ingressgateway', 'istio-system');
    expect(gateway.spec.template.metadata.labels['istio.io/rev']).toBe('canary');
    expect(steps(out, 'istioctl')).toEqual([]);
    expect(steps(out, 'Helm')).toEqual([]);
    expect(runbook(out)).toContain(`- \`kubectl ${CTX} rollout restart deployment -n test-ns\``);
    expect(runbook(out)).toContain(`- \`kubectl ${CTX} rollout restart deployment/istio-ingressgateway -n istio-system\``);
    expect(runbook(out)).toContain(`\`istioctl proxy-status ${CTX}\``);
  });

  test('old-removed (uninstall, B5; Helm 5-6): canary is the default, the old control plane is removed', () => {
    const out = flowA(UpgradeStage.OLD_REMOVED);
    expect(() => out.text('cluster1/istioctl/istio-operator.yaml')).toThrow();
    expect(artifact(out, 'cluster1/istioctl/istio-operator-canary.yaml')).toEqual(iop('canary'));
    expect(steps(out, 'istioctl')).toEqual([
      `istioctl tag set default --revision canary ${CTX} --overwrite`,
      `istioctl uninstall -f manifests/profiles/default.yaml ${CTX} -y`,
    ]);
    // Helm step 6 (defaultRevision: canary), the default tag of "Stable revision labels", step 5
    expect(artifact(out, 'cluster1/helm/istio-base.values.yaml')).toEqual({ defaultRevision: 'canary' });
    expect(steps(out, 'Helm')).toEqual([
      `helm upgrade istio-base istio/base -n istio-system ${KUBE} -f cluster1/helm/istio-base.values.yaml`,
      helmTag('default', 'istiod-canary', 'apply'),
      `helm delete istiod -n istio-system ${KUBE}`,
    ]);
    expect(labels(out, 'test-ns')).toEqual({ 'istio.io/rev': 'canary' });
    expect(runbook(out)).toContain('lists only `canary` pods.');
  });
});

describe('canary upgrade guide, flow B (stable revision labels)', () => {
  test('both-up (B1-B3): two minimal revisions, the tags set, namespaces labelled with tags', () => {
    const out = flowB(UpgradeStage.BOTH_UP);
    expect(artifact(out, `cluster1/istioctl/istio-operator-${OLD}.yaml`)).toEqual(iop(OLD));
    expect(artifact(out, `cluster1/istioctl/istio-operator-${NEW}.yaml`)).toEqual(iop(NEW));
    expect(steps(out, 'istioctl')).toEqual([
      `istioctl install ${CTX} -f cluster1/istioctl/istio-operator-${NEW}.yaml`,
      `istioctl tag set prod-stable --revision ${OLD} ${CTX} --overwrite`,
      `istioctl tag set default --revision ${OLD} ${CTX} --overwrite`,
      `istioctl tag set prod-canary --revision ${NEW} ${CTX} --overwrite`,
    ]);
    // the tag templates render from the revision's values: revision OLD / NEW
    expect(artifact(out, `cluster1/helm/istiod-${OLD}.values.yaml`).revision).toBe(OLD);
    expect(artifact(out, `cluster1/helm/istiod-${NEW}.values.yaml`)).toEqual({ revision: NEW, global: IDENTITY });
    expect(artifact(out, 'cluster1/helm/istio-base.values.yaml')).toEqual({ defaultRevision: OLD });
    expect(steps(out, 'Helm')).toEqual([
      `helm upgrade istio-base istio/base -n istio-system ${KUBE} -f cluster1/helm/istio-base.values.yaml --version 1.30.3`,
      `helm install istiod-${NEW} istio/istiod -n istio-system ${KUBE} -f cluster1/helm/istiod-${NEW}.values.yaml --version 1.30.3`,
      helmTag('prod-stable', `istiod-${OLD}`, 'apply', '1.29.1'),
      helmTag('default', `istiod-${OLD}`, 'apply', '1.29.1'),
      helmTag('prod-canary', `istiod-${NEW}`, 'apply', '1.30.3'),
    ]);
    expect(labels(out, 'app-ns-1')).toEqual({ 'istio.io/rev': 'prod-stable' });
    expect(labels(out, 'app-ns-2')).toEqual({ 'istio.io/rev': 'prod-stable' });
    expect(labels(out, 'app-ns-3')).toEqual({ 'istio.io/rev': 'prod-canary' });
    // B3's `istioctl tag list`: default -> OLD, prod-canary -> NEW, prod-stable -> OLD
    expect(runbook(out)).toContain(`\`istioctl tag list ${CTX}\` shows \`prod-stable\` → \`${OLD}\`, \`default\` → \`${OLD}\`, \`prod-canary\` → \`${NEW}\`.`);
  });

  test('moved (B4): prod-stable moved to NEW, app-ns-1 and app-ns-2 restarted, no namespace relabelled', () => {
    const out = flowB(UpgradeStage.MOVED);
    expect(steps(out, 'istioctl')).toEqual([`istioctl tag set prod-stable --revision ${NEW} ${CTX} --overwrite`]);
    expect(steps(out, 'Helm')).toEqual([helmTag('prod-stable', `istiod-${NEW}`, 'apply', '1.30.3')]);
    for (const ns of ['app-ns-1', 'app-ns-2']) expect(labels(out, ns)).toEqual({ 'istio.io/rev': 'prod-stable' });
    expect(labels(out, 'app-ns-3')).toEqual({ 'istio.io/rev': 'prod-canary' });
    const restarts = runbook(out).split('\n').filter(l => l.includes('rollout restart'));
    expect(restarts).toEqual([
      `- \`kubectl ${CTX} rollout restart deployment -n app-ns-1\``,
      `- \`kubectl ${CTX} rollout restart deployment -n app-ns-2\``,
    ]);
    expect(runbook(out)).not.toMatch(/istioctl install|helm install|helm upgrade/);
  });

  test('old-removed (B5, uninstall): NEW is the default, OLD uninstalled, the tags stay on NEW', () => {
    const out = flowB(UpgradeStage.OLD_REMOVED);
    expect(() => out.text(`cluster1/istioctl/istio-operator-${OLD}.yaml`)).toThrow();
    expect(steps(out, 'istioctl')).toEqual([
      `istioctl tag set default --revision ${NEW} ${CTX} --overwrite`,
      `istioctl uninstall --revision ${OLD} ${CTX} -y`,
    ]);
    expect(artifact(out, 'cluster1/helm/istio-base.values.yaml')).toEqual({ defaultRevision: NEW });
    expect(steps(out, 'Helm')).toEqual([
      `helm upgrade istio-base istio/base -n istio-system ${KUBE} -f cluster1/helm/istio-base.values.yaml --version 1.30.3`,
      helmTag('default', `istiod-${NEW}`, 'apply', '1.30.3'),
      `helm delete istiod-${OLD} -n istio-system ${KUBE}`,
    ]);
    expect(runbook(out)).toContain(`shows \`prod-stable\` → \`${NEW}\`, \`prod-canary\` → \`${NEW}\`, \`default\` → \`${NEW}\`.`);
  });

  test('a tag removed with its last follower gone: `istioctl tag remove`, and the tag templates piped to kubectl delete', () => {
    const out = flowB(UpgradeStage.OLD_REMOVED, { removeTags: ['prod-canary'], withoutCanaryNamespace: true });
    expect(steps(out, 'istioctl').slice(-1)).toEqual([`istioctl tag remove prod-canary ${CTX}`]);
    expect(steps(out, 'Helm').slice(-1)).toEqual([helmTag('prod-canary', `istiod-${NEW}`, 'delete', '1.30.3')]);
  });
});
