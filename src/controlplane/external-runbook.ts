import { EXTERNAL_ISTIOD_ADDR, ExternalControlPlane, SSL_SECRET_NAME } from './external-istiod';
import { CONFIG_SECRET_NAME, remoteSecretName } from './remote-secret';
import { ClusterInstallPlan, contextVariable } from './runbook';
import { topologyTraits } from './topology';
import { ClusterRole } from '../topology/cluster';

/** `--context="${CTX_<CLUSTER>}"`. */
function ctx(cluster: string): string {
  return `--context="\${${contextVariable(cluster)}}"`;
}

/** `istioctl install` of an IstioOperator artifact, through envsubst when it holds the guide's placeholders. */
function istioctlInstall(cluster: string, file: string, ecp: ExternalControlPlane, flags = ''): string {
  const placeholders = ecp.address === EXTERNAL_ISTIOD_ADDR || (!ecp.ip && ecp.credentialName === SSL_SECRET_NAME);
  return placeholders
    ? `envsubst < ${file} | istioctl install ${ctx(cluster)}${flags} -y -f -`
    : `istioctl install ${ctx(cluster)}${flags} -y -f ${file}`;
}

function helmValues(file: string, ecp: ExternalControlPlane): string {
  return ecp.address === EXTERNAL_ISTIOD_ADDR ? `-f <(envsubst < ${file})` : `-f ${file}`;
}

/** The guide's `create-remote-secret` for the config cluster (`--type=config`) or a remote (`--type=remote`). */
function secretCommand(source: string, dest: string, config: boolean, ns: string): string {
  const type = config
    ? `--type=config --namespace=${ns} --service-account=istiod --create-service-account=false`
    : `--name=${source} --type=remote --namespace=${ns} --create-service-account=false`;
  return `istioctl create-remote-secret ${ctx(source)} ${type} | kubectl apply -f - ${ctx(dest)}`;
}

/**
 * A cluster's runbook for an external control plane, in the order of Istio's guide "Install Istio with an
 * External Control Plane": external gateway, config cluster, external istiod and its routing, remotes and their secrets.
 */
export function renderExternalRunbook(plan: ClusterInstallPlan, ecp: ExternalControlPlane): string {
  const cluster = plan.cluster;
  const name = cluster.clusterName;
  const ns = ecp.namespace;
  const external = ecp.externalCluster?.clusterName;
  const config = ecp.configCluster.clusterName;
  const out: string[] = [
    `# Runbook: ${name} (${cluster.role}${cluster.networkName ? `, network ${cluster.networkName}` : ''})`,
    '',
    `Topology: \`${plan.topology}\` (Istio guide \`${topologyTraits(plan.topology).guide}\`, ${ecp.ip ? 'IP-address' : 'hostname'} variant). `
      + `Set \`${contextVariable(name)}\` to this cluster's kube context.`,
    '',
  ];
  let step = 1;
  const section = (title: string) => out.push(`## ${step++}. ${title}`, '');
  const addressPending = ecp.address === EXTERNAL_ISTIOD_ADDR;
  const install = `${name}/istioctl/istio-operator.yaml`;
  const helmIstiod = (release: string, namespace: string, values: string) =>
    `\`helm install ${release} istio/istiod -n ${namespace} --kube-context "\${${contextVariable(name)}}" ${helmValues(values, ecp)}\``;

  if (cluster.role === ClusterRole.EXTERNAL) {
    section('Control-plane gateway');
    out.push(`- istioctl: \`istioctl install ${ctx(name)} -y -f ${name}/istioctl/controlplane-gateway.yaml\` (default profile: an istiod and the ingress gateway in istio-system)`);
    out.push(`- or Helm: \`helm install istio-base istio/base -n istio-system --kube-context "\${${contextVariable(name)}}"\`, `
      + `\`helm install istiod istio/istiod -n istio-system --kube-context "\${${contextVariable(name)}}"\`, `
      + `\`helm install istio-ingressgateway istio/gateway -n istio-system --kube-context "\${${contextVariable(name)}}" -f ${name}/helm/controlplane-gateway.values.yaml\``, '');
    section('External istiod address');
    if (ecp.ip) {
      out.push(addressPending
        ? `\`export EXTERNAL_ISTIOD_ADDR=$(kubectl ${ctx(name)} -n istio-system get svc istio-ingressgateway -o jsonpath='{.status.loadBalancer.ingress[0].ip}')\`; \`export SSL_SECRET_NAME=NONE\``
        : `The gateway's address is \`${ecp.address}\`: check \`kubectl ${ctx(name)} -n istio-system get svc istio-ingressgateway\`.`, '');
    } else {
      out.push(`Point the DNS name ${addressPending ? '`$EXTERNAL_ISTIOD_ADDR`' : `\`${ecp.address}\``} at the \`istio-ingressgateway\` load balancer and create its TLS secret `
        + `${ecp.credentialName === SSL_SECRET_NAME ? '`$SSL_SECRET_NAME`' : `\`${ecp.credentialName}\``} in istio-system.`, '');
      if (addressPending) out.push('`export EXTERNAL_ISTIOD_ADDR=<hostname> SSL_SECRET_NAME=<tls secret>`', '');
    }
    section('Config cluster');
    out.push(`Install the config cluster \`${config}\` now (its runbook, steps 1–2): the external istiod reads its configuration from there.`, '');
    section('Namespace, config secret and remote secrets');
    out.push(`\`kubectl ${ctx(name)} apply -f ${name}/pre-install.yaml\` — the \`${ns}\` namespace and every secret passed in the mesh.`, '');
    if (plan.missingSecrets.includes(config)) {
      out.push(`\`${secretCommand(config, name, true, ns)}\` (creates \`${ns}/${CONFIG_SECRET_NAME}\`)`, '');
    }
    section('External istiod');
    out.push(`- istioctl: \`${istioctlInstall(name, install, ecp)}\``);
    out.push(`- or Helm: ${helmIstiod('istiod', ns, `${name}/helm/istiod.values.yaml`)}`);
    out.push(`- verify: \`kubectl ${ctx(name)} get po -n ${ns}\` shows istiod Running`, '');
    section('Routing to the external istiod');
    out.push(`\`kubectl ${ctx(name)} apply -f ${name}.k8s.yaml\` — Gateway \`external-istiod-gw\`, VirtualService \`external-istiod-vs\``
      + `${ecp.ip ? '' : ', DestinationRule `external-istiod-dr`'} in \`${ns}\`.`, '');
    const remotes = plan.missingSecrets.filter(source => source !== config);
    if (remotes.length) {
      section('Remote clusters');
      out.push('Install each remote cluster (its runbook), then give the external istiod its credentials:', '');
      for (const source of remotes) out.push(`- \`${secretCommand(source, name, false, ns)}\` (creates \`${ns}/${remoteSecretName(source)}\`)`);
      out.push('');
    }
    section('Verify');
    out.push(`\`istioctl remote-clusters ${ctx(name)} -i ${ns}\` lists ${[config, ...plan.missingSecrets.filter(s => s !== config)].map(c => `\`${c}\``).join(', ')} as \`synced\`.`, '');
    return out.join('\n');
  }

  const isConfig = cluster.role === ClusterRole.CONFIG;
  if (!isConfig) out.push(`Install ${plan.installAfter.map(c => `\`${c}\``).join(', ')} first: this cluster is served by their external istiod.`, '');
  section('Namespace');
  out.push(`\`kubectl ${ctx(name)} apply -f ${name}/pre-install.yaml\` — the \`${ns}\` namespace${isConfig ? '' : ` (annotated \`topology.istio.io/controlPlaneClusters=${config}\`)`}, created before the install.`, '');
  if (addressPending) {
    section('External istiod address');
    out.push(`Export \`EXTERNAL_ISTIOD_ADDR\` as in the runbook of ${external ? `\`${external}\`` : 'the cluster running the external istiod'} (step 2).`, '');
  }
  section(isConfig ? 'Remote config cluster' : 'Remote cluster');
  const flags = isConfig ? ' --set values.defaultRevision=default' : '';
  out.push(`- istioctl: \`${istioctlInstall(name, install, ecp, flags)}\``);
  out.push(`- or Helm: \`helm install istio-base istio/base -n ${ns} --kube-context "\${${contextVariable(name)}}" ${helmValues(`${name}/helm/istio-base.values.yaml`, ecp)}\`, then `
    + helmIstiod('istiod', ns, `${name}/helm/istiod.values.yaml`));
  out.push(isConfig
    ? `- verify: \`kubectl ${ctx(name)} get mutatingwebhookconfiguration\` lists \`istio-revision-tag-default-${ns}\` and \`istio-sidecar-injector-${ns}\`; `
      + `\`kubectl ${ctx(name)} get validatingwebhookconfiguration\` lists \`istio-validator-${ns}\` and \`istiod-default-validator\``
    : `- verify: \`kubectl ${ctx(name)} get mutatingwebhookconfiguration\` lists \`istio-sidecar-injector-${ns}\``, '');
  if (isConfig && external) {
    section('External istiod');
    out.push(`Continue in the runbook of \`${external}\` (steps 4–6): config secret, external istiod, routing.`, '');
  }
  if (isConfig && !external && plan.missingSecrets.length) {
    section('Remote secrets');
    out.push('The hosted control plane reads the remote clusters through secrets kept here:', '');
    for (const source of plan.missingSecrets) out.push(`- \`${secretCommand(source, name, false, ns)}\` (creates \`${ns}/${remoteSecretName(source)}\`)`);
    out.push('');
  }
  if (!isConfig) {
    section('Remote secret');
    out.push(`The external istiod reads this cluster through \`${ns}/${remoteSecretName(name)}\` in \`${external ?? config}\` (its runbook, "Remote ${external ? 'clusters' : 'secrets'}").`, '');
  }
  section('Mesh configuration');
  out.push(`\`kubectl ${ctx(name)} apply -f ${name}.k8s.yaml\` — namespaces, workloads, gateways${isConfig ? ' and the mesh\'s Istio configuration' : ''}.`, '');
  if (plan.gateways.length) {
    section('East-west gateway');
    for (const gw of plan.gateways) {
      out.push(`- istioctl: \`istioctl manifest generate -f ${name}/istioctl/${gw.name}.yaml --set values.global.istioNamespace=${ns} | kubectl apply ${ctx(name)} -f -\` `
        + '(or leave it to the manifest, which deploys the gateway workload)');
      out.push(`- wait for its address: \`kubectl ${ctx(name)} get svc ${gw.name} -n ${ns}\``);
    }
    out.push('');
  }
  section('Verify');
  out.push(external
    ? `\`istioctl remote-clusters ${ctx(external)} -i ${ns}\` lists \`${name}\` as \`synced\`.`
    : `The external istiod's operator lists \`${name}\` as synced.`, '');
  return out.join('\n');
}
