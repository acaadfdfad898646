import { Construct } from 'constructs';
import { ApplicationSet } from './application-set';
import { yamlArtifact } from '../core/artifact';
import { MeshMember } from '../topology/member';
import { MeshCore } from '../topology/mesh-core';
import { checkInit } from '../validation/input/check';

/**
 * Props for `ArgoCdApplicationSet`.
 */
export interface ArgoCdApplicationSetProps {
  /** The Git repository the synthesized manifests are committed to. */
  readonly repoUrl: string;
  /** The folder in the repository that holds `<cluster>.k8s.yaml`. */
  readonly path: string;
  /**
   * The Git revision to track.
   * @default 'HEAD'
   */
  readonly targetRevision?: string;
  /**
   * The Argo CD project.
   * @default 'default'
   */
  readonly project?: string;
  /**
   * The namespace Argo CD runs in.
   * @default 'argocd'
   */
  readonly namespaceName?: string;
  /**
   * The ApplicationSet name.
   * @default '<meshId>-clusters'
   */
  readonly name?: string;
  /**
   * Sync automatically, pruning removed objects and reverting drift.
   * @default true
   */
  readonly autoSync?: boolean;
  /**
   * Where the file is written, relative to the app's output directory.
   * @default 'argocd/applicationset.yaml'
   */
  readonly fileName?: string;
  /**
   * The name of an Argo CD config management plugin that runs `cdk8s synth` on the source (`path` then holds the
   * cdk8s app instead of its output). Each Application synthesizes only its own cluster: the plugin gets
   * `CDK8S_MESH_CLUSTERS={{.cluster}}` (Argo CD passes it as `ARGOCD_ENV_CDK8S_MESH_CLUSTERS`, which `MeshApp` reads
   * too), so one cluster's sync writes that cluster's manifest, after validating the whole mesh.
   * @default - each Application reads the committed `<cluster>.k8s.yaml`
   */
  readonly synthPlugin?: string;
}

/**
 * An Argo CD `ApplicationSet` that deploys each cluster's manifest to that cluster: one Application
 * per mesh cluster, its source the cluster's `<cluster>.k8s.yaml`, its destination the cluster
 * (by API server address when declared, otherwise by the Argo CD cluster name). Written as a file
 * next to the manifests, for the Argo CD management cluster. With `synthPlugin`, each Application runs
 * `cdk8s synth` for its own cluster only (`CDK8S_MESH_CLUSTERS`, see `MeshAppProps.clusters`).
 */
export class ArgoCdApplicationSet extends MeshMember {
  /** Where the file is written, relative to the output directory. */
  public readonly fileName: string;

  constructor(scope: Construct, id: string, props: ArgoCdApplicationSetProps) {
    checkInit('cdk8s-mesh.ArgoCdApplicationSet', new.target, [scope, id, props]);
    super(scope, id);
    const mesh = MeshCore.coreOf(this);
    this.fileName = props.fileName ?? 'argocd/applicationset.yaml';
    mesh._addArtifact(this.fileName, () => yamlArtifact([this.render(mesh, props)]));
  }

  private render(mesh: MeshCore, props: ArgoCdApplicationSetProps): ApplicationSet {
    const elements = mesh.clusters.map(c => ({
      cluster: c.clusterName,
      file: `${c.clusterName}.k8s.yaml`,
      ...(c.apiServerAddress ? { server: c.apiServerAddress } : {}),
    }));
    const byServer = elements.every(e => 'server' in e);
    return {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ApplicationSet',
      metadata: { name: props.name ?? `${mesh.meshId}-clusters`, namespace: props.namespaceName ?? 'argocd' },
      spec: {
        goTemplate: true,
        goTemplateOptions: ['missingkey=error'],
        generators: [{ list: { elements } }],
        template: {
          metadata: { name: `${mesh.meshId}-{{.cluster}}` },
          spec: {
            project: props.project ?? 'default',
            source: {
              repoURL: props.repoUrl,
              targetRevision: props.targetRevision ?? 'HEAD',
              path: props.path,
              ...(props.synthPlugin === undefined
                ? { directory: { include: '{{.file}}' } }
                : { plugin: { name: props.synthPlugin, env: [{ name: 'CDK8S_MESH_CLUSTERS', value: '{{.cluster}}' }] } }),
            },
            destination: byServer ? { server: '{{.server}}' } : { name: '{{.cluster}}' },
            syncPolicy: {
              ...(props.autoSync ?? true ? { automated: { prune: true, selfHeal: true } } : {}),
              syncOptions: ['ServerSideApply=true'],
            },
          },
        },
      },
    };
  }
}
