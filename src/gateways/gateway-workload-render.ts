import { k8s } from 'cdk8s-plus-28';
import { GatewayDnsPolicy, GatewayEnvVar, GatewayServiceType, ResolvedGatewaySettings } from './gateway-options';
import { sortedRecord } from '../core/names';
import { Protocol } from '../workloads/protocol';

/** What one gateway instance (one cluster) renders from: its identity, labels and resolved settings. */
export interface GatewayInstanceModel {
  readonly name: string;
  readonly selector: { [key: string]: string };
  readonly serviceAccount: string;
  readonly podLabels: { [key: string]: string };
  readonly podAnnotations: { [key: string]: string };
  readonly env: GatewayEnvVar[];
  readonly settings: ResolvedGatewaySettings;
}

/** The gateway Service: the chart's ports, type, selector and traffic policy. */
export function renderGatewayServiceSpec(m: GatewayInstanceModel): k8s.ServiceSpec {
  const settings = m.settings;
  const type = settings.serviceType!;
  const exposed = type !== GatewayServiceType.CLUSTER_IP;
  return {
    type,
    ports: (settings.ports ?? []).map((p): k8s.ServicePort => ({
      name: p.name,
      port: p.port,
      protocol: p.protocol === Protocol.UDP ? 'UDP' : 'TCP',
      targetPort: k8s.IntOrString.fromNumber(p.targetPort || p.port),
      nodePort: exposed ? p.nodePort : undefined,
    })),
    selector: sortedRecord(m.selector),
    loadBalancerClass: type === GatewayServiceType.LOAD_BALANCER ? settings.loadBalancerClass : undefined,
    externalTrafficPolicy: exposed ? settings.externalTrafficPolicy : undefined,
  };
}

/** The gateway Deployment: one injected `istio-proxy` container under the restricted Pod Security Standard. */
export function renderGatewayDeploymentSpec(m: GatewayInstanceModel): k8s.DeploymentSpec {
  const settings = m.settings;
  const resources = settings.resources!;
  const volumes = [
    ...(settings.configVolumes ?? []).map(v => ({ name: v.name, configMap: { name: v.configMapName } })),
    ...(settings.secretVolumes ?? []).map(v => ({ name: v.name, secret: { secretName: v.secretName } })),
  ];
  const mounts = [...settings.configVolumes ?? [], ...settings.secretVolumes ?? []].map(v => ({ name: v.name, mountPath: v.mountPath }));
  return {
    replicas: settings.autoscaling ? undefined : settings.replicaCount,
    selector: { matchLabels: sortedRecord(m.selector) },
    strategy: rollingStrategy(settings.rollingMaxSurge, settings.rollingMaxUnavailable),
    template: {
      metadata: { labels: m.podLabels, annotations: m.podAnnotations },
      spec: {
        serviceAccountName: m.serviceAccount,
        // restricted Pod Security Standard: RuntimeDefault seccomp for every container, set once at pod level
        securityContext: { seccompProfile: { type: 'RuntimeDefault' }, sysctls: sysctls(settings) },
        hostNetwork: settings.hostNetwork,
        dnsPolicy: settings.dnsPolicy ?? (settings.hostNetwork ? GatewayDnsPolicy.CLUSTER_FIRST_WITH_HOST_NET : undefined),
        nodeSelector: sortedRecord(settings.nodeSelector),
        affinity: settings.affinity,
        tolerations: settings.tolerations,
        volumes: volumes.length ? volumes : undefined,
        terminationGracePeriodSeconds: 30,
        containers: [{
          name: 'istio-proxy',
          image: 'auto',
          securityContext: {
            capabilities: { drop: ['ALL'] },
            allowPrivilegeEscalation: false,
            privileged: false,
            readOnlyRootFilesystem: true,
            runAsNonRoot: true,
            runAsUser: settings.runAsUser,
            runAsGroup: settings.runAsGroup,
          },
          env: m.env.length ? m.env.map(e => ({ name: e.name, value: e.value })) : undefined,
          ports: [{ containerPort: 15090, protocol: 'TCP', name: 'http-envoy-prom' }],
          resources: {
            limits: quantities(resources.limits),
            requests: quantities(resources.requests),
          },
          volumeMounts: mounts.length ? mounts : undefined,
        }],
      },
    },
  };
}

/** The chart's autoscaling/v2 HPA on CPU and/or memory utilization. */
export function renderGatewayAutoscalerSpec(m: GatewayInstanceModel): k8s.HorizontalPodAutoscalerSpecV2 {
  const settings = m.settings;
  const metric = (name: string, target: number): k8s.MetricSpecV2 => ({
    type: 'Resource',
    resource: { name, target: { type: 'Utilization', averageUtilization: target } },
  });
  return {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: m.name },
    minReplicas: settings.minReplicas,
    maxReplicas: settings.maxReplicas!,
    metrics: [
      ...(settings.cpu ? [metric('cpu', settings.cpu.targetAverageUtilization)] : []),
      ...(settings.memory ? [metric('memory', settings.memory.targetAverageUtilization)] : []),
    ],
  };
}

/** The PodDisruptionBudget, when one is asked for and more than one replica is guaranteed. */
export function renderGatewayDisruptionBudgetSpec(m: GatewayInstanceModel): k8s.PodDisruptionBudgetSpec | undefined {
  const budget = m.settings.podDisruptionBudget;
  if (!budget || guaranteedReplicas(m.settings) <= 1) return undefined;
  return {
    selector: { matchLabels: sortedRecord(m.selector) },
    minAvailable: intOrString(budget.minAvailable),
    maxUnavailable: intOrString(budget.maxUnavailable),
  };
}

/** The replicas always running: the HPA minimum, or the fixed replica count. */
export function guaranteedReplicas(s: ResolvedGatewaySettings): number {
  return (s.autoscaling ? s.minReplicas : s.replicaCount) ?? 1;
}

function sysctls(settings: ResolvedGatewaySettings): k8s.Sysctl[] {
  const kernel = settings.kernel && settings.kernel.enabled !== false ? settings.kernel.parameters : {};
  const all: Record<string, string> = { 'net.ipv4.ip_unprivileged_port_start': '0', ...kernel };
  return Object.keys(all)
    .filter(name => !(settings.hostNetwork && name.startsWith('net.')))
    .map(name => ({ name, value: all[name] }));
}

function intOrString(value: string | undefined): k8s.IntOrString | undefined {
  if (value === undefined) return undefined;
  return /^\d+$/.test(value) ? k8s.IntOrString.fromNumber(Number(value)) : k8s.IntOrString.fromString(value);
}

function rollingStrategy(maxSurge?: string, maxUnavailable?: string): k8s.DeploymentStrategy | undefined {
  if (maxSurge === undefined && maxUnavailable === undefined) return undefined;
  return { type: 'RollingUpdate', rollingUpdate: { maxSurge: intOrString(maxSurge), maxUnavailable: intOrString(maxUnavailable) } };
}

function quantities(q: { cpu?: string; memory?: string } | undefined): { [key: string]: k8s.Quantity } | undefined {
  if (!q || (q.cpu === undefined && q.memory === undefined)) return undefined;
  const out: { [key: string]: k8s.Quantity } = {};
  if (q.cpu !== undefined) out.cpu = k8s.Quantity.fromString(q.cpu);
  if (q.memory !== undefined) out.memory = k8s.Quantity.fromString(q.memory);
  return out;
}
