import { EastWestGatewayPlacement } from './east-west';
import type { ExternalControlPlane } from './external-istiod';
import { renderExternalRunbook } from './external-runbook';
import { ClusterInstallContext } from './install-values';
import { remoteSecretName } from './remote-secret';
import { DEFAULT_REVISION } from './revision';
import { RootCaKind } from './root-ca';
import { MeshTopology, topologyTraits } from './topology';
import { ControlPlaneUpgrade } from './upgrade';
import { HELM_REPO, revisionTagTemplates, UpgradeFollower, upgradeStage, upgradeVerification } from './upgrade-runbook';
import { ClusterRole, MeshCluster } from '../topology/cluster';
import { IstioVersion } from '../topology/istio-version';

/** Everything one cluster's runbook is generated from. */
export interface ClusterInstallPlan {
  /** The cluster. */
  readonly cluster: MeshCluster;
  /** One install context per installed revision. */
  readonly contexts: ClusterInstallContext[];
  /** The east-west gateways in the cluster. */
  readonly gateways: EastWestGatewayPlacement[];
  /** Clusters whose remote secret this cluster needs but the user did not pass. */
  readonly missingSecrets: string[];
  /** Clusters that discover this one (for information). */
  readonly discoverers: MeshCluster[];
  /** The upgrade in progress, if any. */
  readonly upgrade?: ControlPlaneUpgrade;
  /** How the shared root is provided (undefined for a single cluster). */
  readonly rootCa?: RootCaKind;
  /** The topology. */
  readonly topology: MeshTopology;
  /** Clusters to install first. */
  readonly installAfter: string[];
  /** The external control plane (EXTERNAL_CONTROL_PLANE topology). */
  readonly external?: ExternalControlPlane;
  /** The mesh's Istio version (revisions without their own run it). */
  readonly istioVersion: IstioVersion;
  /** The namespaces and gateways of the cluster with the revision or tag each follows (restarts during an upgrade). */
  readonly followers: UpgradeFollower[];
  /** Whether the cluster gets the ambient profile (istiod, istio-cni, ztunnel). */
  readonly ambient?: boolean;
  /** The ambient east-west gateways (Gateway API, class `istio-east-west`) the manifest applies in this cluster. */
  readonly ambientGateways?: string[];
}

/** The kube context variable of a cluster, as the guides name it: `cluster1` → `CTX_CLUSTER1`. */
export function contextVariable(cluster: string): string {
  return `CTX_${cluster.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** The istioctl command that puts `source`'s remote secret into `dest` (the guide's "Enable Endpoint Discovery"). */
export function createRemoteSecretCommand(source: string, dest: string): string {
  return `istioctl create-remote-secret --context="\${${contextVariable(source)}}" --name=${source} | kubectl apply -f - --context="\${${contextVariable(dest)}}"`;
}

function releaseSuffix(ctx: ClusterInstallContext): string {
  return ctx.revision.name === DEFAULT_REVISION ? '' : `-${ctx.revision.name}`;
}

function versionFlag(ctx: ClusterInstallContext): string {
  return ctx.revision.version ? ` --version ${ctx.revision.version.toString()}` : '';
}

function usesPlaceholder(ctx: ClusterInstallContext): boolean {
  return ctx.cluster.role !== ClusterRole.PRIMARY && ctx.pilotAddress.includes('${');
}

/** The Helm `-f` argument of a revision's istiod values (through envsubst when they hold the address placeholder). */
function helmValues(ctx: ClusterInstallContext): string {
  const file = `${ctx.cluster.clusterName}/helm/istiod${releaseSuffix(ctx)}.values.yaml`;
  return usesPlaceholder(ctx) ? `-f <(envsubst < ${file})` : `-f ${file}`;
}

/** `helm template` of a revision tag from the istiod chart, piped to kubectl (the tag objects belong to no release). */
function helmTagApply(plan: ClusterInstallPlan, ctx: ClusterInstallContext, tag: string, ctxVar: string, ns: string): string {
  const templates = revisionTagTemplates(ctx.revision.version ?? plan.istioVersion).map(t => `-s ${t}`).join(' ');
  return `helm template istiod istio/istiod ${templates} -n ${ns} ${helmValues(ctx)} --set revisionTags="{${tag}}"${versionFlag(ctx)} | kubectl apply --context="\${${ctxVar}}" -f -`;
}

/** The istioctl and Helm commands installing the control plane revisions. */
function installSteps(plan: ClusterInstallPlan, ctxVar: string, ns: string): string[] {
  const dir = plan.cluster.clusterName;
  const lines: string[] = [];
  for (const ctx of plan.contexts) {
    const suffix = releaseSuffix(ctx);
    const file = `${dir}/istioctl/istio-operator${suffix}.yaml`;
    const istioctl = usesPlaceholder(ctx)
      ? `envsubst < ${file} | istioctl install --context="\${${ctxVar}}" -y -f -`
      : `istioctl install --context="\${${ctxVar}}" -f ${file}`;
    lines.push(`- istioctl${ctx.revision.version ? ` ${ctx.revision.version.toString()}` : ''}: \`${istioctl}\``);
    for (const tag of ctx.revision.tags ?? []) {
      lines.push(`  then \`istioctl tag set ${tag} --revision ${ctx.revision.name} --context="\${${ctxVar}}" --overwrite\``);
    }
  }
  lines.push(`- or Helm (${HELM_REPO}):`);
  lines.push(`  - \`helm install istio-base istio/base -n ${ns} --kube-context "\${${ctxVar}}" -f ${dir}/helm/istio-base.values.yaml${versionFlag(plan.contexts[0])}\``);
  for (const ctx of plan.contexts) {
    lines.push(`  - \`helm install istiod${releaseSuffix(ctx)} istio/istiod -n ${ns} --kube-context "\${${ctxVar}}" ${helmValues(ctx)}${versionFlag(ctx)}\``);
    for (const tag of ctx.revision.tags ?? []) lines.push(`    then \`${helmTagApply(plan, ctx, tag, ctxVar, ns)}\``);
  }
  if (plan.ambient) {
    const version = versionFlag(plan.contexts[0]);
    lines.push(`  - \`helm install istio-cni istio/cni -n ${ns} --kube-context "\${${ctxVar}}" -f ${dir}/helm/istio-cni.values.yaml${version}\``);
    lines.push(`  - \`helm install ztunnel istio/ztunnel -n ${ns} --kube-context "\${${ctxVar}}" -f ${dir}/helm/ztunnel.values.yaml${version}\``);
  }
  return lines;
}

/** A cluster's runbook (markdown): the apply order across the install artifacts and the manifest. */
export function renderRunbook(plan: ClusterInstallPlan): string {
  if (plan.external) return renderExternalRunbook(plan, plan.external);
  const name = plan.cluster.clusterName;
  const ctxVar = contextVariable(name);
  const ns = 'istio-system';
  const guide = topologyTraits(plan.topology).guide;
  const out: string[] = [
    `# Runbook: ${name} (${plan.cluster.role}${plan.cluster.networkName ? `, network ${plan.cluster.networkName}` : ''})`,
    '',
    `Topology: \`${plan.topology}\` (Istio guide \`${guide}\`). Set \`${ctxVar}\` to this cluster's kube context.`,
    plan.installAfter.length ? `Install ${plan.installAfter.map(c => `\`${c}\``).join(', ')} first: this cluster needs its control plane.` : '',
    '',
  ];
  const stage = plan.upgrade && upgradeStage({
    upgrade: plan.upgrade, dir: name, ctxVar, ns, contexts: plan.contexts, istioVersion: plan.istioVersion, followers: plan.followers, helmValues,
  });
  if (stage) out.push(...stage.header);
  let step = 1;
  const section = (title: string) => out.push(`## ${step++}. ${title}`, '');
  section('Namespace and trust');
  out.push(`\`kubectl --context="\${${ctxVar}}" apply -f ${name}/pre-install.yaml\` — the \`${ns}\` namespace (network label, control-plane annotation), the shared root \`cacerts\` and remote secrets, declared once.`);
  if (plan.rootCa === RootCaKind.UNSHARED) out.push('', 'No shared root CA (acknowledged): cross-cluster mTLS needs trust set up elsewhere.');
  out.push('');
  if (plan.contexts.some(usesPlaceholder)) {
    section('Discovery address');
    out.push(`\`export DISCOVERY_ADDRESS=$(kubectl --context="\${${contextVariable(plan.installAfter[0] ?? name)}}" -n ${ns} get svc istio-eastwestgateway -o jsonpath='{.status.loadBalancer.ingress[0].ip}')\``, '');
  }
  if (plan.ambient) {
    section('Gateway API CRDs');
    out.push('Ambient mode needs the Kubernetes Gateway API CRDs before the control plane (waypoints and east-west gateways are Gateway API '
      + `Gateways): \`kubectl --context="\${${ctxVar}}" get crd gateways.gateway.networking.k8s.io\` must succeed.`, '');
  }
  section(stage ? stage.controlPlane.title : plan.ambient ? 'Control plane (ambient profile: istiod, istio-cni, ztunnel)' : 'Control plane');
  out.push(...stage ? stage.controlPlane.lines : installSteps(plan, ctxVar, ns), '');
  section('Mesh configuration');
  out.push(`\`kubectl --context="\${${ctxVar}}" apply -f ${name}.k8s.yaml\` — namespaces, workloads, east-west gateway workloads, `
    + 'cross-network and istiod-exposure Gateways, and everything else of this cluster.', '');
  if (stage?.restarts.length) {
    section('Restart the moved workloads');
    out.push('Their pods get the new revision\'s proxy when they are recreated:', '', ...stage.restarts.map(r => `- ${r}`), '');
  }
  if (plan.gateways.length) {
    section('East-west gateway address');
    out.push('The manifest deploys the east-west gateway. Teams that install gateways with istioctl or Helm instead '
      + '(as the guide does) use these equivalents and drop the gateway workload from the manifest:', '');
    for (const gw of plan.gateways) {
      out.push(`- istioctl: \`istioctl --context="\${${ctxVar}}" install -y -f ${name}/istioctl/${gw.name}.yaml\``);
      out.push(`- Helm: \`helm install ${gw.name} istio/gateway -n ${ns} --kube-context "\${${ctxVar}}" -f ${name}/helm/${gw.name}.values.yaml\``);
      out.push(`- wait for its address: \`kubectl --context="\${${ctxVar}}" get svc ${gw.name} -n ${ns}\``);
    }
    out.push('');
  }
  if (plan.ambientGateways?.length) {
    section('Ambient east-west gateway address');
    out.push('The manifest applies the ambient east-west Gateway (class `istio-east-west`, HBONE on 15008); istiod deploys it. Wait for its address:', '');
    for (const gw of plan.ambientGateways) out.push(`- \`kubectl --context="\${${ctxVar}}" get svc ${gw} -n ${ns}\``);
    out.push('');
  }
  if (plan.missingSecrets.length) {
    section('Remote secrets');
    out.push('No credentials were passed for these clusters; create their remote secrets with istioctl:', '');
    for (const source of plan.missingSecrets) {
      out.push(`- \`${createRemoteSecretCommand(source, name)}\` (creates \`${ns}/${remoteSecretName(source)}\`)`);
    }
    out.push('');
  }
  section('Verify');
  const verifyIn = plan.cluster.role === ClusterRole.REMOTE ? plan.installAfter : [name];
  for (const c of verifyIn) out.push(`\`istioctl remote-clusters --context="\${${contextVariable(c)}}"\` lists ${name} as \`synced\`.`);
  if (plan.upgrade) out.push('', ...upgradeVerification(plan.upgrade, ctxVar, ns));
  out.push('');
  return out.filter((line, i, all) => !(line === '' && all[i - 1] === '')).join('\n');
}
