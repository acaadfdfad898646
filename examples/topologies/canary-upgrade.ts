/**
 * A canary upgrade with revision tags from 1.29 to 1.30, on a multi-primary mesh of two clusters: Istio's canary
 * upgrade guide (`setup/upgrade/canary`, "Stable revision labels") in its istioctl form and the Helm upgrade guide
 * (`setup/upgrade/helm`, "Canary upgrade" and "Stable revision labels") in its Helm form.
 *
 * `shop`, `payments` and the ingress gateway follow the tag `prod-stable` (the guide's app-ns-1 and app-ns-2), `smoke`
 * follows `prod-canary` and runs on 1.30 from the first stage (app-ns-3). The stages: `both-up` installs 1.30 beside
 * 1.29 (Helm: `istio-base` upgraded first for the new CRDs) and sets the tags; `moved` moves `prod-stable` to 1.30 and
 * restarts what follows it, without relabelling a namespace; `old-removed` makes 1.30 the default revision and removes
 * 1.29. `scripts/synth-examples.ts` writes each stage to its own folder; each cluster's RUNBOOK.md lists the stage's
 * steps in both forms.
 */
import { ControlPlaneUpgrade, IngressGateway, IstioVersion, MeshApp, Mesh, MeshTopology, RootCa, UpgradeStage } from 'cdk8s-mesh';

/** The stages, in order. */
export const stages = [UpgradeStage.BOTH_UP, UpgradeStage.MOVED, UpgradeStage.OLD_REMOVED];

/**
 * Builds one stage into `app`.
 * @param stage the stage
 */
export function buildStage(app: MeshApp, stage: UpgradeStage): MeshApp {
  const upgrade = new ControlPlaneUpgrade({
    fromRevision: { name: '1-29', version: IstioVersion.of('1.29.4'), tags: ['prod-stable'] },
    toRevision: { name: '1-30', version: IstioVersion.of('1.30.3'), tags: ['prod-canary'] },
    stage,
  });
  const mesh = new Mesh(app, 'mesh1', {
    meshId: 'mesh1',
    topology: MeshTopology.MULTI_PRIMARY,
    networks: [{ name: 'network1' }],
    clusters: [{ name: 'cluster1', network: 'network1' }, { name: 'cluster2', network: 'network1' }],
    // namespaces and gateways follow the stable tag: their labels are the same in every stage
    revision: 'prod-stable',
    controlPlane: { rootCa: RootCa.acknowledgeUnshared(), upgrade },
  });
  for (const ns of ['shop', 'payments']) mesh.addNamespace(ns);
  mesh.addNamespace('smoke', { revision: 'prod-canary' });
  new IngressGateway(mesh, 'ingress');
  return app;
}

/** Builds the first stage into `app`. */
export function build(app: MeshApp = new MeshApp()): MeshApp {
  return buildStage(app, UpgradeStage.BOTH_UP);
}

if (require.main === module) {
  build().synth();
}
