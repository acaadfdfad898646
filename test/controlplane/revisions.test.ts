import { ControlPlaneRevision, ControlPlaneUpgrade, IngressGateway, IstioVersion, Mesh, MeshTopology, RootCa, UpgradeStage } from '../../src';
import { synth, synthError, testApp } from '../util';
import { artifact } from './helpers';

const OLD: ControlPlaneRevision = { name: '1-29', version: IstioVersion.V1_29, tags: ['prod-stable'] };
const NEW: ControlPlaneRevision = { name: '1-30', version: IstioVersion.V1_30 };

function upgradeApp(stage: UpgradeStage, options: { rollback?: boolean; move?: string[]; pin?: { [ns: string]: string }; gateway?: string } = {}) {
  const upgrade = new ControlPlaneUpgrade({ fromRevision: OLD, toRevision: NEW, stage, rollback: options.rollback, move: options.move });
  const app = testApp();
  const mesh = new Mesh(app, 'mesh', {
    meshId: 'm',
    topology: MeshTopology.MULTI_PRIMARY,
    clusters: [{ name: 'a' }, { name: 'b' }],
    revision: upgrade.revisionFor('*'),
    controlPlane: { rootCa: RootCa.acknowledgeUnshared(), upgrade },
  });
  for (const ns of ['shop', 'pay']) mesh.addNamespace(ns, { revision: options.pin?.[ns] ?? upgrade.revisionFor(ns) });
  if (options.gateway) new IngressGateway(mesh, 'ingress', { revision: options.gateway });
  return app;
}

const rev = (out: any, cluster: string, ns: string) => out.find(cluster, 'Namespace', ns).metadata.labels['istio.io/rev'];

describe('revisions and canary upgrade', () => {
  test('stage 1, both up: both revisions installed, namespaces on the old one', () => {
    const out = synth(upgradeApp(UpgradeStage.BOTH_UP));
    expect(artifact(out, 'a/istioctl/istio-operator-1-29.yaml').spec.revision).toBe('1-29');
    // tags are set by `istioctl tag set` / the chart's tag templates, never by an install (they move between revisions)
    expect(artifact(out, 'a/istioctl/istio-operator-1-29.yaml').spec.values.revisionTags).toBeUndefined();
    expect(artifact(out, 'a/helm/istiod-1-29.values.yaml').revisionTags).toBeUndefined();
    expect(artifact(out, 'a/istioctl/istio-operator-1-30.yaml').spec.revision).toBe('1-30');
    expect(artifact(out, 'a/helm/istiod-1-30.values.yaml').revision).toBe('1-30');
    expect(rev(out, 'a', 'shop')).toBe('1-29');
    expect(rev(out, 'b', 'pay')).toBe('1-29');
    const runbook = out.text('a/RUNBOOK.md');
    expect(runbook).toContain('stage `both-up` (1-29 → 1-30)');
    expect(runbook).toContain('helm install istiod-1-30 istio/istiod -n istio-system --kube-context "${CTX_A}" -f a/helm/istiod-1-30.values.yaml --version 1.30');
    expect(runbook).toContain('istioctl tag set prod-stable --revision 1-29');
  });

  test('stage 2, a named subset moved', () => {
    const out = synth(upgradeApp(UpgradeStage.MOVED, { move: ['shop'] }));
    expect(rev(out, 'a', 'shop')).toBe('1-30');
    expect(rev(out, 'a', 'pay')).toBe('1-29');
    expect(out.text('b/RUNBOOK.md')).toContain('rollout restart');
  });

  test('stage 3, old removed: only the new revision is installed', () => {
    const out = synth(upgradeApp(UpgradeStage.OLD_REMOVED));
    expect(() => out.text('a/istioctl/istio-operator-1-29.yaml')).toThrow();
    expect(artifact(out, 'a/istioctl/istio-operator-1-30.yaml').spec.revision).toBe('1-30');
    expect(rev(out, 'a', 'pay')).toBe('1-30');
    expect(out.text('a/RUNBOOK.md')).toContain('istioctl uninstall --revision 1-29');
  });

  test('rollback reverses the stages', () => {
    const moved = synth(upgradeApp(UpgradeStage.MOVED, { rollback: true }));
    expect(rev(moved, 'a', 'shop')).toBe('1-29');
    const removed = synth(upgradeApp(UpgradeStage.OLD_REMOVED, { rollback: true }));
    expect(() => removed.text('a/istioctl/istio-operator-1-30.yaml')).toThrow();
    expect(removed.text('a/RUNBOOK.md')).toContain('istioctl uninstall --revision 1-30');
  });

  test('namespaces may be pinned to a tag', () => {
    const out = synth(upgradeApp(UpgradeStage.BOTH_UP, { pin: { shop: 'prod-stable' } }));
    expect(rev(out, 'a', 'shop')).toBe('prod-stable');
  });

  test('a namespace pinned to a revision that is not installed (MESH-CP-008)', () => {
    const message = synthError(upgradeApp(UpgradeStage.BOTH_UP, { pin: { shop: '1-28' } }));
    expect(message).toContain('MESH-CP-008 [error] at mesh/namespace-shop: A namespace or gateway is pinned to a revision or tag that is not installed.');
    expect(message).toContain('Value: "1-28"');
  });

  test('a namespace left on the revision being removed (MESH-CP-010)', () => {
    const message = synthError(upgradeApp(UpgradeStage.OLD_REMOVED, { pin: { pay: '1-29' } }));
    expect(message).toContain('MESH-CP-010 [error] at mesh/namespace-pay: A namespace or gateway is still pinned to the revision being removed.');
    expect(message).toContain('Value: "1-29"');
  });

  test('a gateway left on the revision being removed (MESH-CP-010)', () => {
    const message = synthError(upgradeApp(UpgradeStage.OLD_REMOVED, { gateway: '1-29' }));
    expect(message).toContain('MESH-CP-010 [error] at mesh/ingress: A namespace or gateway is still pinned to the revision being removed.');
    expect(message).toContain('Value: "1-29"');
  });

  test('a gateway pinned to a tag is fine; to an unknown revision is not (MESH-CP-008)', () => {
    expect(() => synth(upgradeApp(UpgradeStage.BOTH_UP, { gateway: 'prod-stable' }))).not.toThrow();
    const message = synthError(upgradeApp(UpgradeStage.BOTH_UP, { gateway: 'canary' }));
    expect(message).toContain('MESH-CP-008 [error] at mesh/ingress: A namespace or gateway is pinned to a revision or tag that is not installed.');
    expect(message).toContain('Value: "canary"');
  });

  test('revision drift between clusters (MESH-CP-009)', () => {
    const app = testApp();
    new Mesh(app, 'mesh', {
      meshId: 'm',
      topology: MeshTopology.MULTI_PRIMARY,
      strict: true,
      revision: '1-29',
      clusters: [{ name: 'a' }, { name: 'b' }],
      controlPlane: { rootCa: RootCa.acknowledgeUnshared(), revisions: [{ name: '1-29' }, { name: '1-30', clusters: ['a'] }] },
    });
    const message = synthError(app);
    expect(message).toContain('MESH-CP-009 [warning] at mesh/controlPlane/revisions: Control-plane clusters run different sets of revisions.');
    expect(message).toContain('Value: {"a":"1-29,1-30","b":"1-29"}');
  });

  test('duplicate or malformed revision names and tags (MESH-CP-012)', () => {
    const app = testApp();
    new Mesh(app, 'mesh', {
      meshId: 'm',
      topology: MeshTopology.MULTI_PRIMARY,
      revision: '1-29',
      clusters: [{ name: 'a' }],
      controlPlane: { revisions: [{ name: '1-29', tags: ['stable'] }, { name: '1-30', tags: ['stable'] }] },
    });
    const message = synthError(app);
    expect(message).toContain('MESH-CP-012 [error] at mesh/controlPlane/revisions/1-30: Revision names and tags must be unique DNS-1123 labels without dots.');
    expect(message).toContain('Value: "stable"');
  });
});
