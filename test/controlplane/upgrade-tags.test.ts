/**
 * Revision tags through a canary upgrade: where each tag points in each stage, what the runbooks run for them, and the
 * checks of tags that are unknown, left on a removed revision or followed after removal.
 */
import {
  ClusterRole, ControlPlaneRevision, ControlPlaneUpgrade, ControlPlaneUpgradeProps, EastWestGateway, IngressGateway, IstioVersion, Mesh,
  MeshTopology, RootCa, UpgradeStage,
} from '../../src';
import { Synthesized, synth, synthError, testApp } from '../util';
import { artifact } from './helpers';

const OLD: ControlPlaneRevision = { name: '1-29', version: IstioVersion.of('1.29.4'), tags: ['prod-stable'] };
const NEW: ControlPlaneRevision = { name: '1-30', version: IstioVersion.of('1.30.3'), tags: ['prod-canary'] };
const STAGES = [UpgradeStage.BOTH_UP, UpgradeStage.MOVED, UpgradeStage.OLD_REMOVED];

type Options = Partial<ControlPlaneUpgradeProps> & { namespaces?: { [ns: string]: string }; gateway?: string };

function app(stage: UpgradeStage, options: Options = {}) {
  const { namespaces, gateway, ...props } = options;
  const upgrade = new ControlPlaneUpgrade({ fromRevision: OLD, toRevision: NEW, stage, ...props });
  const a = testApp();
  const mesh = new Mesh(a, 'mesh', {
    meshId: 'm',
    topology: MeshTopology.MULTI_PRIMARY,
    clusters: [{ name: 'a' }],
    revision: 'prod-stable',
    controlPlane: { upgrade },
  });
  for (const [ns, revision] of Object.entries(namespaces ?? { shop: 'prod-stable', smoke: 'prod-canary' })) mesh.addNamespace(ns, { revision });
  if (gateway) new IngressGateway(mesh, 'ingress', { revision: gateway });
  return a;
}

const runbook = (out: Synthesized, cluster = 'a') => out.text(`${cluster}/RUNBOOK.md`);

describe('where tags point', () => {
  test('a tag of `from` follows the upgrade, a tag of `to` stays on it, `default` stays on the old revision until it goes', () => {
    const at = (stage: UpgradeStage, props: Partial<ControlPlaneUpgradeProps> = {}) => {
      const upgrade = new ControlPlaneUpgrade({ fromRevision: OLD, toRevision: NEW, stage, ...props });
      return ['prod-stable', 'prod-canary', 'default', 'unknown'].map(tag => upgrade.tagRevision(tag));
    };
    expect(STAGES.map(stage => at(stage))).toEqual([
      ['1-29', '1-30', '1-29', undefined],
      ['1-30', '1-30', '1-29', undefined],
      ['1-30', '1-30', '1-30', undefined],
    ]);
    // a tag left out of moveTags stays on `from` and is removed with it
    expect(STAGES.map(stage => at(stage, { moveTags: [] }))).toEqual([
      ['1-29', '1-30', '1-29', undefined],
      ['1-29', '1-30', '1-29', undefined],
      [undefined, '1-30', '1-30', undefined],
    ]);
    expect(new ControlPlaneUpgrade({ fromRevision: OLD, toRevision: NEW, stage: UpgradeStage.OLD_REMOVED, moveTags: [] }).removedTags).toEqual(['prod-stable']);
  });

  test('the installed revisions carry the stage\'s tags; the default revision moves in the last stage', () => {
    const upgrade = new ControlPlaneUpgrade({ fromRevision: OLD, toRevision: NEW, stage: UpgradeStage.MOVED });
    expect(upgrade.revisions.map(r => [r.name, r.tags])).toEqual([['1-29', ['default']], ['1-30', ['prod-stable', 'prod-canary']]]);
    expect(upgrade.movedTags).toEqual(['prod-stable']);
    expect(STAGES.map(stage => new ControlPlaneUpgrade({ fromRevision: OLD, toRevision: NEW, stage }).defaultRevision)).toEqual(['1-29', '1-29', '1-30']);
  });

  test('a rollback moves the tags of `from` back and removes the tags of `to` with it', () => {
    const out = synth(app(UpgradeStage.OLD_REMOVED, { rollback: true, namespaces: { shop: 'prod-stable' } }));
    expect(runbook(out)).toContain('`istioctl tag remove prod-canary --context="${CTX_A}"`');
    expect(runbook(out)).toContain('`istioctl uninstall --revision 1-30 --context="${CTX_A}" -y`');
    expect(runbook(out)).toContain('`prod-stable` → `1-29`');
    const moved = synth(app(UpgradeStage.MOVED, { rollback: true, namespaces: { shop: 'prod-stable' } }));
    expect(runbook(moved)).toContain('`istioctl tag set prod-stable --revision 1-29 --context="${CTX_A}" --overwrite`');
  });
});

describe('install artifacts and runbooks', () => {
  test('tags are never install values; labels of tag followers are the same in every stage', () => {
    for (const stage of STAGES) {
      const out = synth(app(stage, { gateway: 'prod-stable' }));
      for (const file of ['a/istioctl/istio-operator-1-30.yaml']) expect(artifact(out, file).spec.values.revisionTags).toBeUndefined();
      expect(artifact(out, 'a/helm/istiod-1-30.values.yaml').revisionTags).toBeUndefined();
      expect(out.find('a', 'Namespace', 'shop').metadata.labels).toEqual({ 'istio.io/rev': 'prod-stable' });
      expect(out.find('a', 'Deployment', 'istio-ingressgateway', 'istio-system').spec.template.metadata.labels['istio.io/rev']).toBe('prod-stable');
      // the release exists from the first install on: only ever upgraded
      expect(runbook(out)).not.toContain('helm install istio-base');
    }
  });

  test('a gateway the manifest deploys as istio-ingressgateway: the single revision installs without the profile\'s gateway', () => {
    const a = testApp();
    const mesh = new Mesh(a, 'mesh', { meshId: 'm', topology: MeshTopology.MULTI_PRIMARY, clusters: [{ name: 'a' }] });
    new IngressGateway(mesh, 'ingress');
    expect(artifact(synth(a), 'a/istioctl/istio-operator.yaml').spec.profile).toBe('minimal');
    const b = testApp();
    const other = new Mesh(b, 'mesh', { meshId: 'm', topology: MeshTopology.MULTI_PRIMARY, clusters: [{ name: 'a' }] });
    new IngressGateway(other, 'ingress', { name: 'shop-gateway', namespaceName: 'shop' });
    other.addNamespace('shop');
    expect(artifact(synth(b), 'a/istioctl/istio-operator.yaml').spec.profile).toBeUndefined();
  });

  test('the default tag moves before the old revision goes: what follows `default` restarts in between', () => {
    const out = synth(app(UpgradeStage.OLD_REMOVED, { namespaces: { shop: 'prod-stable', legacy: 'default' } }));
    const text = runbook(out);
    const order = ['tag set default --revision 1-30', 'rollout restart deployment -n legacy', 'istioctl uninstall --revision 1-29'].map(s => text.indexOf(s));
    expect(order.every(p => p >= 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
  });

  test('tag templates by chart version: one file before 1.28, the webhook and Service files from 1.28', () => {
    const upgrade = new ControlPlaneUpgrade({
      fromRevision: { name: '1-27', version: IstioVersion.of('1.27.2'), tags: ['prod-stable'] },
      toRevision: { name: '1-28', version: IstioVersion.of('1.28.1') },
      stage: UpgradeStage.BOTH_UP,
    });
    const a = testApp();
    new Mesh(a, 'mesh', { meshId: 'm', topology: MeshTopology.MULTI_PRIMARY, clusters: [{ name: 'a' }], revision: 'prod-stable', controlPlane: { upgrade } });
    const text = runbook(synth(a));
    expect(text).toContain('`helm template istiod istio/istiod -s templates/revision-tags.yaml -n istio-system -f a/helm/istiod-1-27.values.yaml --set revisionTags="{prod-stable}" --version 1.27.2 | kubectl apply --context="${CTX_A}" -f -`');
    expect(text).not.toContain('revision-tags-mwc.yaml');
  });

  test('from Istio 1.23 or older, the Helm form first hands the CRDs to the istio-base release', () => {
    const upgrade = new ControlPlaneUpgrade({ fromRevision: { name: '1-23', version: IstioVersion.V1_23 }, toRevision: { name: '1-24', version: IstioVersion.V1_24 }, stage: UpgradeStage.BOTH_UP });
    const a = testApp();
    new Mesh(a, 'mesh', { meshId: 'm', topology: MeshTopology.MULTI_PRIMARY, clusters: [{ name: 'a' }], revision: '1-23', controlPlane: { upgrade } });
    const text = runbook(synth(a));
    expect(text).toContain('kubectl --context="${CTX_A}" label "$crd" "app.kubernetes.io/managed-by=Helm"');
    expect(text.indexOf('meta.helm.sh/release-name=istio-base')).toBeLessThan(text.indexOf('helm upgrade istio-base'));
    expect(runbook(synth(app(UpgradeStage.BOTH_UP)))).not.toContain('managed-by=Helm');
  });

  test('a remote\'s tags render from its own values, with the injection path its install uses', () => {
    const upgrade = new ControlPlaneUpgrade({ fromRevision: OLD, toRevision: NEW, stage: UpgradeStage.MOVED });
    const a = testApp();
    const mesh = new Mesh(a, 'mesh', {
      meshId: 'm',
      topology: MeshTopology.PRIMARY_REMOTE,
      clusters: [{ name: 'a' }, { name: 'b', role: ClusterRole.REMOTE }],
      revision: 'prod-stable',
      controlPlane: { rootCa: RootCa.acknowledgeUnshared(), upgrade },
    });
    new EastWestGateway(mesh, 'eastwest', { clusters: ['a'], exposeIstiod: true });
    const out = synth(a);
    expect(artifact(out, 'b/helm/istiod-1-30.values.yaml').istiodRemote).toEqual({ injectionPath: '/inject/cluster/b' });
    expect(runbook(out, 'b')).toContain('-f <(envsubst < b/helm/istiod-1-30.values.yaml) --set revisionTags="{prod-stable}" --version 1.30.3 | kubectl apply --context="${CTX_B}" -f -');
    expect(runbook(out, 'b')).toContain('`istioctl tag set prod-stable --revision 1-30 --context="${CTX_B}" --overwrite`');
  });

  test('tags of side-by-side revisions without an upgrade: set by istioctl or the chart\'s tag templates', () => {
    const a = testApp();
    new Mesh(a, 'mesh', {
      meshId: 'm',
      topology: MeshTopology.MULTI_PRIMARY,
      revision: 'stable',
      clusters: [{ name: 'a' }],
      controlPlane: { revisions: [{ name: '1-30', tags: ['stable'] }] },
    });
    const out = synth(a);
    expect(artifact(out, 'a/istioctl/istio-operator-1-30.yaml').spec.values.revisionTags).toBeUndefined();
    expect(runbook(out)).toContain('then `istioctl tag set stable --revision 1-30 --context="${CTX_A}" --overwrite`');
    expect(runbook(out)).toContain('then `helm template istiod istio/istiod -s templates/revision-tags-mwc.yaml -s templates/revision-tags-svc.yaml -n istio-system -f a/helm/istiod-1-30.values.yaml --set revisionTags="{stable}" | kubectl apply --context="${CTX_A}" -f -`');
  });
});

describe('tag mistakes', () => {
  test('moving or removing a tag the revisions do not have (MESH-CP-015)', () => {
    const moved = synthError(app(UpgradeStage.MOVED, { moveTags: ['prod-stabel'] }));
    expect(moved).toContain('MESH-CP-015 [error] at mesh/controlPlane/upgrade/moveTags: An upgrade moves or removes a tag that its revisions do not have.');
    expect(moved).toContain('Value: "prod-stabel"');
    const removed = synthError(app(UpgradeStage.OLD_REMOVED, { removeTags: ['canary'] }));
    expect(removed).toContain('MESH-CP-015 [error] at mesh/controlPlane/upgrade/removeTags: An upgrade moves or removes a tag that its revisions do not have.');
    expect(removed).toContain('Value: "canary"');
  });

  test('a tag left on the revision being removed (MESH-CP-016)', () => {
    const message = synthError(app(UpgradeStage.OLD_REMOVED, { moveTags: [], removeTags: [], namespaces: { shop: 'prod-canary' } }));
    expect(message).toContain('MESH-CP-016 [error] at mesh/controlPlane/upgrade/tags/prod-stable: A revision tag points at a revision that this stage no longer installs.');
    expect(message).toContain('Value: {"prod-stable":"1-29"}');
  });

  test('a namespace or gateway following a tag this stage removes (MESH-CP-017)', () => {
    const message = synthError(app(UpgradeStage.OLD_REMOVED, { removeTags: ['prod-canary'], gateway: 'prod-canary' }));
    expect(message).toContain('MESH-CP-017 [error] at mesh/namespace-smoke: A namespace or gateway follows a revision tag that this stage removes.');
    expect(message).toContain('MESH-CP-017 [error] at mesh/ingress: A namespace or gateway follows a revision tag that this stage removes.');
    expect(message).toContain('Value: "prod-canary"');
  });

  test('a namespace following an unknown tag (MESH-CP-008), in every stage', () => {
    for (const stage of STAGES) {
      const message = synthError(app(stage, { namespaces: { shop: 'prod-stabel' } }));
      expect(message).toContain('MESH-CP-008 [error] at mesh/namespace-shop: A namespace or gateway is pinned to a revision or tag that is not installed.');
      expect(message).toContain('Value: "prod-stabel"');
    }
  });

  test('one tag declared on both revisions (MESH-CP-012)', () => {
    const message = synthError(app(UpgradeStage.BOTH_UP, { toRevision: { ...NEW, tags: ['prod-stable'] } }));
    expect(message).toContain('MESH-CP-012 [error] at mesh/controlPlane/upgrade/to: Revision names and tags must be unique DNS-1123 labels without dots.');
    expect(message).toContain('Value: "prod-stable"');
  });
});
