/**
 * A revision-based canary upgrade of a multi-primary mesh from 1.29 to 1.30 in three stages
 * (TCM "Upgrading a Mesh"): both control planes up, then namespaces and gateways moved, then the old
 * revision removed. `scripts/synth-examples.ts` writes each stage to its own folder.
 */
import { ControlPlaneUpgrade, IngressGateway, IstioVersion, MeshApp, Mesh, MeshTopology, RootCa, UpgradeStage } from '../../src';

/** The stages, in order. */
export const stages = [UpgradeStage.BOTH_UP, UpgradeStage.MOVED, UpgradeStage.OLD_REMOVED];

/**
 * Builds one stage into `app`.
 * @param stage the stage
 */
export function buildStage(app: MeshApp, stage: UpgradeStage): MeshApp {
  const upgrade = new ControlPlaneUpgrade({
    from: { name: '1-29', version: IstioVersion.of('1.29.4'), tags: ['prod-stable'] },
    to: { name: '1-30', version: IstioVersion.of('1.30.3') },
    stage,
    // the MOVED stage moves the shop namespace first; payments follows once shop is healthy
    move: ['shop', 'istio-ingressgateway'],
  });
  const mesh = new Mesh(app, 'mesh1', {
    meshId: 'mesh1',
    topology: MeshTopology.MULTI_PRIMARY,
    networks: [{ name: 'network1' }],
    clusters: [{ name: 'cluster1', network: 'network1' }, { name: 'cluster2', network: 'network1' }],
    revision: upgrade.revisionFor('*'),
    controlPlane: { rootCa: RootCa.acknowledgeUnshared(), upgrade },
  });
  for (const ns of ['shop', 'payments']) mesh.addNamespace(ns, { revision: upgrade.revisionFor(ns) });
  // the ingress gateway moves with the namespaces; it is named in `move` like them
  new IngressGateway(mesh, 'ingress', { revision: upgrade.revisionFor('istio-ingressgateway') });
  return app;
}

/** Builds the first stage into `app`. */
export function build(app: MeshApp = new MeshApp()): MeshApp {
  return buildStage(app, UpgradeStage.BOTH_UP);
}

if (require.main === module) {
  build().synth();
}
