/**
 * A cdk8s CLI app: `npx cdk8s synth` in this folder writes one manifest per cluster to `dist/`
 * (the CLI sets CDK8S_OUTDIR, which MeshApp honours like any cdk8s App), the mesh report, and an
 * Argo CD ApplicationSet.
 *
 * Pipelines apply each cluster's file to that cluster:
 *   kubectl --context mdemo-cluster1 apply --server-side -f dist/mdemo-cluster1.k8s.yaml
 * or commit `dist/` and apply `dist/argocd/applicationset.yaml` to the Argo CD management cluster
 * (one Application per cluster), or point a Flux Kustomization per cluster at its file.
 *
 * It reuses the DaoCloud three-network example (seed 002, multi-cloud interconnection).
 */
import { build } from '../multicloud-three-networks';
import { ArgoCdApplicationSet, MeshApp } from 'cdk8s-mesh';

const app = build(new MeshApp());
new ArgoCdApplicationSet(app.meshes[0], 'argocd', {
  repoUrl: 'https://git.example.com/platform/mesh-manifests.git',
  path: 'examples/cdk8s-app/dist',
});
app.synth();
