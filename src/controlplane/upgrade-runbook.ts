/**
 * The steps of one canary-upgrade stage in a cluster's runbook, in the istioctl and the Helm form, after Istio's
 * canary upgrade guide (`setup/upgrade/canary`, flows "revision labels" and "stable revision labels") and the Helm
 * upgrade guide (`setup/upgrade/helm`, "Canary upgrade" and "Stable revision labels").
 */
import type { ClusterInstallContext } from './install-values';
import { DEFAULT_REVISION } from './revision';
import { ControlPlaneUpgrade, UpgradeStage } from './upgrade';
import { GatewayWorkload } from '../gateways/gateway-workload';
import { MeshCluster } from '../topology/cluster';
import { IstioVersion } from '../topology/istio-version';
import type { MeshCore } from '../topology/mesh-core';
import { InjectionScheme } from '../topology/namespace';

/** The Helm repository the runbooks install from. */
export const HELM_REPO = 'repo `istio` = https://istio-release.storage.googleapis.com/charts';

/** A namespace or gateway Deployment whose pods an `istio.io/rev` label (a revision or a tag) assigns to a revision. */
export interface UpgradeFollower {
  /** The namespace. */
  readonly namespace: string;
  /** The gateway Deployment, or undefined for every Deployment of a namespace. */
  readonly deployment?: string;
  /** The `istio.io/rev` value it carries: a revision or a tag (`default` for a gateway of the default revision). */
  readonly label: string;
}

/**
 * The namespaces (revision labels) and gateway workloads of a cluster, with the `istio.io/rev` value each follows.
 * @param mesh the mesh
 * @param cluster the cluster
 * @param workloads the mesh's gateway workloads (`GatewayWorkload._ofMesh`), when the caller has them
 */
export function upgradeFollowers(
  mesh: MeshCore, cluster: MeshCluster, workloads: readonly GatewayWorkload[] = GatewayWorkload._ofMesh(mesh),
): UpgradeFollower[] {
  const namespaces = mesh.namespaces
    .filter(ns => ns.injectionEnabled && ns.injection === InjectionScheme.REVISION && ns.clusters.includes(cluster))
    .map(ns => ({ namespace: ns.name, label: ns.revision }));
  const gateways = workloads
    .filter(gw => gw.clusters.includes(cluster))
    .map(gw => ({ namespace: gw.namespaceName, deployment: gw.name, label: gw.revision }));
  return [...namespaces, ...gateways];
}

/** What the stage steps of one cluster are rendered from. */
export interface UpgradeRunbookInput {
  /** The upgrade. */
  readonly upgrade: ControlPlaneUpgrade;
  /** The cluster's directory (its name). */
  readonly dir: string;
  /** The kube context variable. */
  readonly ctxVar: string;
  /** The control plane's namespace. */
  readonly ns: string;
  /** One install context per revision installed in the cluster in this stage. */
  readonly contexts: ClusterInstallContext[];
  /** The mesh's Istio version (for revisions without their own). */
  readonly istioVersion: IstioVersion;
  /** The namespaces and gateways of the cluster. */
  readonly followers: UpgradeFollower[];
  /** The Helm `-f` argument of a revision's istiod values. */
  readonly helmValues: (ctx: ClusterInstallContext) => string;
}

const code = (text: string) => `\`${text}\``;

/** The istiod chart templates that render a revision tag: split into a webhook and a Service in 1.28. */
export function revisionTagTemplates(version: IstioVersion): string[] {
  return version.isAtLeast(1, 28)
    ? ['templates/revision-tags-mwc.yaml', 'templates/revision-tags-svc.yaml']
    : ['templates/revision-tags.yaml'];
}

/** The commands of one cluster for revision tags and revisions, in both forms. */
class StageCommands {
  constructor(private readonly input: UpgradeRunbookInput) {}

  private get kubeContext(): string {
    return `--kube-context "\${${this.input.ctxVar}}"`;
  }

  private get context(): string {
    return `--context="\${${this.input.ctxVar}}"`;
  }

  public contextOf(revision: string): ClusterInstallContext | undefined {
    return this.input.contexts.find(c => c.revision.name === revision);
  }

  public versionOf(ctx: ClusterInstallContext | undefined): IstioVersion {
    return ctx?.revision.version ?? this.input.istioVersion;
  }

  public versionFlag(ctx: ClusterInstallContext | undefined): string {
    return ctx?.revision.version ? ` --version ${ctx.revision.version.toString()}` : '';
  }

  public release(revision: string): string {
    return revision === DEFAULT_REVISION ? 'istiod' : `istiod-${revision}`;
  }

  public precheck(): string {
    return code(`istioctl x precheck ${this.context}`);
  }

  public istioctlInstall(file: string): string {
    return code(`istioctl install ${this.context} -f ${file}`);
  }

  public tagSet(tag: string, revision: string): string {
    return code(`istioctl tag set ${tag} --revision ${revision} ${this.context} --overwrite`);
  }

  public tagRemove(tag: string): string {
    return code(`istioctl tag remove ${tag} ${this.context}`);
  }

  public uninstall(revision: string): string {
    // the guide's command for an old control plane without a revision label
    return revision === DEFAULT_REVISION
      ? `${code(`istioctl uninstall -f manifests/profiles/default.yaml ${this.context} -y`)} (from the old release's directory)`
      : code(`istioctl uninstall --revision ${revision} ${this.context} -y`);
  }

  /** `helm template … -s <tag templates> | kubectl apply|delete`: the tag's webhook and Service, owned by no release. */
  public helmTag(tag: string, revision: string, verb: 'apply' | 'delete'): string {
    const ctx = this.contextOf(revision) ?? this.input.contexts[0];
    const templates = revisionTagTemplates(this.versionOf(ctx)).map(t => `-s ${t}`).join(' ');
    return code(`helm template istiod istio/istiod ${templates} -n ${this.input.ns} ${this.input.helmValues(ctx)} `
      + `--set revisionTags="{${tag}}"${this.versionFlag(ctx)} | kubectl ${verb} ${this.context} -f -`);
  }

  public helmInstallIstiod(ctx: ClusterInstallContext): string {
    return code(`helm install ${this.release(ctx.revision.name)} istio/istiod -n ${this.input.ns} ${this.kubeContext} ${this.input.helmValues(ctx)}${this.versionFlag(ctx)}`);
  }

  public helmUpgradeBase(ctx: ClusterInstallContext): string {
    return code(`helm upgrade istio-base istio/base -n ${this.input.ns} ${this.kubeContext} -f ${this.input.dir}/helm/istio-base.values.yaml${this.versionFlag(ctx)}`);
  }

  public helmDelete(revision: string): string {
    return code(`helm delete ${this.release(revision)} -n ${this.input.ns} ${this.kubeContext}`);
  }

  public restart(follower: UpgradeFollower): string {
    const what = follower.deployment ? `deployment/${follower.deployment}` : 'deployment';
    return code(`kubectl ${this.context} rollout restart ${what} -n ${follower.namespace}`);
  }

  /** The one-time CRD ownership migration of the Helm guide, for upgrades from Istio 1.23 or older. */
  public crdOwnershipMigration(): string {
    const kubectl = `kubectl ${this.context}`;
    return code(`for crd in $(${kubectl} get crds -l chart=istio -o name && ${kubectl} get crds -l app.kubernetes.io/part-of=istio -o name); `
      + `do ${kubectl} label "$crd" "app.kubernetes.io/managed-by=Helm"; ${kubectl} annotate "$crd" "meta.helm.sh/release-name=istio-base"; `
      + `${kubectl} annotate "$crd" "meta.helm.sh/release-namespace=${this.input.ns}"; done`);
  }
}

/** Numbered sub-steps under a form's bullet. */
function numbered(title: string, steps: string[]): string[] {
  return steps.length ? [`- ${title}:`, ...steps.map((s, i) => `  ${i + 1}. ${s}`)] : [];
}

/** `tag → revision` of this stage, in declaration order. */
function stageTags(upgrade: ControlPlaneUpgrade): Array<[string, string]> {
  return upgrade.revisions.flatMap(r => (r.tags ?? []).map((tag): [string, string] => [tag, r.name]));
}

/**
 * The upgrade's header (what runs, where each tag points) and the control-plane section of a stage, in both forms;
 * then the workloads to restart after the manifest is applied.
 */
export function upgradeStage(input: UpgradeRunbookInput): { header: string[]; controlPlane: { title: string; lines: string[] }; restarts: string[] } {
  const { upgrade, dir } = input;
  const cmd = new StageCommands(input);
  const leaving = upgrade.leaving.name;
  const target = upgrade.target.name;
  const tags = stageTags(upgrade);
  const verb = upgrade.rollback ? 'Rollback' : 'Canary upgrade';
  const header = [
    `## ${verb}: stage \`${upgrade.stage}\` (${leaving} → ${target})`,
    '',
    tags.length ? `Revision tags in this stage: ${tags.map(([tag, rev]) => `\`${tag}\` → \`${rev}\``).join(', ')}.` : 'No revision tags.',
    '',
  ];
  const targetCtx = cmd.contextOf(target);
  const followersOf = (labels: string[]) => input.followers.filter(f => labels.includes(f.label));

  if (upgrade.stage === UpgradeStage.BOTH_UP) {
    header.push(`Starting point: \`${leaving}\` runs (\`${operatorFile(dir, leaving)}\`, Helm release \`${cmd.release(leaving)}\`); `
      + 'namespaces and gateways stay where they are in this stage.', '');
    const istioctl = [
      ...targetCtx ? [cmd.istioctlInstall(operatorFile(dir, target))] : [],
      ...tags.map(([tag, rev]) => cmd.tagSet(tag, rev)),
    ];
    const leavingVersion = upgrade.leaving.version;
    const helm = [
      ...leavingVersion && !leavingVersion.isAtLeast(1, 24)
        ? [`once, for a base release installed by Istio 1.23 or older (helm reports "invalid ownership metadata" on a CRD): ${cmd.crdOwnershipMigration()}`] : [],
      `${cmd.helmUpgradeBase(targetCtx ?? input.contexts[0])}: the CRDs and cluster-wide resources of the new version (the release exists: it is upgraded, never installed again)`,
      ...targetCtx ? [cmd.helmInstallIstiod(targetCtx)] : [],
      ...tags.map(([tag, rev]) => cmd.helmTag(tag, rev, 'apply')),
    ];
    return {
      header,
      controlPlane: {
        title: `Control plane: install \`${target}\` beside \`${leaving}\``,
        lines: [`Before upgrading: ${cmd.precheck()}`, '', ...numbered(`istioctl${versionLabel(targetCtx)}`, istioctl), ...numbered(`or Helm (${HELM_REPO})`, helm)],
      },
      restarts: [],
    };
  }

  if (upgrade.stage === UpgradeStage.MOVED) {
    const moved = upgrade.movedTags;
    header.push(moved.length
      ? `${moved.length > 1 ? 'Tags' : 'Tag'} ${moved.map(code).join(', ')} ${moved.length > 1 ? 'move' : 'moves'} to \`${target}\`: `
        + 'the namespaces and gateways that follow it keep their labels and move when restarted.'
      : `No tag moves: the manifest relabels the namespaces and gateways that move to \`${target}\`.`, '');
    return {
      header,
      controlPlane: {
        title: `Control plane: move ${moved.length ? moved.map(code).join(', ') : 'nothing'} to \`${target}\``,
        lines: moved.length ? [
          ...numbered(`istioctl${versionLabel(targetCtx)}`, moved.map(tag => cmd.tagSet(tag, target))),
          ...numbered(`or Helm (${HELM_REPO})`, moved.map(tag => cmd.helmTag(tag, target, 'apply'))),
        ] : ['Nothing to install: both revisions run since the `both-up` stage.'],
      },
      // relabelled namespaces and gateways carry the target's name now; tag followers keep the moved tag
      restarts: followersOf([target, ...moved]).map(f => cmd.restart(f)),
    };
  }

  // OLD_REMOVED: the target becomes the default (istioctl guide order: default tag first, then uninstall)
  const switchesDefault = upgrade._implicitDefaultTag && target !== DEFAULT_REVISION;
  const defaultRestarts = switchesDefault ? followersOf([DEFAULT_REVISION]).map(f => `restart what follows the default revision: ${cmd.restart(f)}`) : [];
  const removed = upgrade.removedTags;
  const istioctl = [
    ...switchesDefault ? [cmd.tagSet(DEFAULT_REVISION, target)] : [],
    ...defaultRestarts,
    cmd.uninstall(leaving),
    ...removed.map(tag => cmd.tagRemove(tag)),
  ];
  const helm = [
    `${cmd.helmUpgradeBase(targetCtx ?? input.contexts[0])}: \`defaultRevision\` \`${upgrade.defaultRevision}\` in the values (istiod-default-validator now calls \`${cmd.release(upgrade.defaultRevision)}\`)`,
    ...switchesDefault ? [cmd.helmTag(DEFAULT_REVISION, target, 'apply')] : [],
    ...defaultRestarts,
    cmd.helmDelete(leaving),
    ...removed.map(tag => cmd.helmTag(tag, target, 'delete')),
  ];
  header.push(`Everything runs on \`${target}\`. Make it the default revision, then remove \`${leaving}\``
    + `${removed.length ? ` and the tags ${removed.map(code).join(', ')}` : ''}.`, '');
  return {
    header,
    controlPlane: {
      title: `Control plane: make \`${target}\` the default, then remove \`${leaving}\``,
      lines: [...numbered(`istioctl${versionLabel(targetCtx)}`, istioctl), ...numbered(`or Helm (${HELM_REPO})`, helm)],
    },
    restarts: [],
  };
}

/** A revision's IstioOperator file, as the control plane writes it. */
function operatorFile(dir: string, revision: string): string {
  return `${dir}/istioctl/istio-operator${revision === DEFAULT_REVISION ? '' : `-${revision}`}.yaml`;
}

function versionLabel(ctx: ClusterInstallContext | undefined): string {
  return ctx?.revision.version ? ` ${ctx.revision.version.toString()}` : '';
}

/** The stage's checks (`istioctl tag list`, the istiod pods by revision, proxies). */
export function upgradeVerification(upgrade: ControlPlaneUpgrade, ctxVar: string, ns: string): string[] {
  const context = `--context="\${${ctxVar}}"`;
  const pods = `\`kubectl ${context} get pods -n ${ns} -l app=istiod -L istio.io/rev\``;
  const lines = upgrade.stage === UpgradeStage.OLD_REMOVED
    ? [`${pods} lists only \`${upgrade.target.name}\` pods.`]
    : upgrade.stage === UpgradeStage.BOTH_UP
      ? [`${pods} lists \`${upgrade.leaving.name}\` and \`${upgrade.target.name}\` pods.`]
      : [`\`istioctl proxy-status ${context}\` shows the moved proxies on \`${upgrade.target.name}\`.`];
  return [...lines, `\`istioctl tag list ${context}\` shows ${stageTags(upgrade).map(([t, r]) => `\`${t}\` → \`${r}\``).join(', ') || 'no tags'}.`];
}
